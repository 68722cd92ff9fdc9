#include "store/goal_repo.hpp"

#include <string>

#include "store/sql.hpp"

namespace foljsam::store {
namespace {

struct GoalColumns {
    long long id = 0, insats_id = 0, target = 0, tolerance = 0;
    int year = 0;
    std::string kind, measure, filter_dimension, filter_values, comparison, description;
};

const char* kGoalSelect =
    "SELECT g.id, g.insats_id, g.year, g.kind, g.measure, g.filter_dimension, g.filter_values, g.comparison, "
    "g.target_tenths, g.tolerance_tenths, g.description FROM goal g ";

void BindGoal(soci::statement& st, GoalColumns& c) {
    st.exchange(soci::into(c.id));
    st.exchange(soci::into(c.insats_id));
    st.exchange(soci::into(c.year));
    st.exchange(soci::into(c.kind));
    st.exchange(soci::into(c.measure));
    st.exchange(soci::into(c.filter_dimension));
    st.exchange(soci::into(c.filter_values));
    st.exchange(soci::into(c.comparison));
    st.exchange(soci::into(c.target));
    st.exchange(soci::into(c.tolerance));
    st.exchange(soci::into(c.description));
}

std::string JoinValues(const std::vector<std::string>& values) {
    std::string out;
    for (const auto& value : values) {
        if (!out.empty()) out += ';';
        out += value;
    }
    return out;
}

std::vector<std::string> SplitValues(const std::string& text) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find(';', start);
        if (end == std::string::npos) end = text.size();
        if (end > start) out.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

// A row as a goal. The CHECK constraints keep kind and comparison to known codes.
domain::Goal ToGoal(const GoalColumns& c) {
    domain::Goal g;
    g.id = c.id;
    g.insats_id = c.insats_id;
    g.year = c.year;
    g.kind = domain::ParseGoalKind(c.kind).value_or(domain::GoalKind::kNotMeasurable);
    g.measure = c.measure;
    g.filter_dimension = c.filter_dimension;
    g.filter_values = SplitValues(c.filter_values);
    g.comparison = domain::ParseGoalComparison(c.comparison).value_or(domain::GoalComparison::kAtLeast);
    g.target_tenths = c.target;
    g.tolerance_tenths = c.tolerance;
    g.description = c.description;
    return g;
}

// Runs a SELECT of goals with `where` (and its ORDER BY) and one bound id and, when
// `year` is given, a bound year.
Status Select(UnitOfWork& uow, const char* what, const std::string& where, long long id, const int* year,
              std::vector<domain::Goal>& out) {
    return Guard(what, [&] {
        GoalColumns c;
        long long bound_id = id;
        int bound_year = year ? *year : 0;
        soci::statement s = Sql(uow).prepare << std::string(kGoalSelect) + where;
        BindGoal(s, c);
        s.exchange(soci::use(bound_id));
        if (year) s.exchange(soci::use(bound_year));
        s.define_and_bind();
        s.execute();
        while (s.fetch()) out.push_back(ToGoal(c));
    });
}

}  // namespace

Result<std::vector<domain::Goal>> GoalRepo::ListByInsats(long long insats_id, int year) {
    std::vector<domain::Goal> out;
    FOLJSAM_RETURN_IF_ERROR(Select(uow_, "list goals of insats", "WHERE g.insats_id = :i AND g.year = :y ORDER BY g.id",
                                   insats_id, &year, out));
    return out;
}

Result<std::vector<domain::Goal>> GoalRepo::ListByForbund(long long forbund_id, int year) {
    std::vector<domain::Goal> out;
    FOLJSAM_RETURN_IF_ERROR(Select(uow_, "list goals of forbund",
                                   "JOIN insats i ON i.id = g.insats_id WHERE i.forbund_id = :f AND g.year = :y "
                                   "ORDER BY i.name, g.id",
                                   forbund_id, &year, out));
    return out;
}

Result<domain::Goal> GoalRepo::Get(long long id) {
    std::vector<domain::Goal> out;
    FOLJSAM_RETURN_IF_ERROR(Select(uow_, "get goal", "WHERE g.id = :id", id, nullptr, out));
    if (out.empty()) return Status::NotFound("Målet finns inte.");
    return out.front();
}

Result<long long> GoalRepo::Insert(const domain::Goal& g) {
    long long id = 0;
    Status st = Guard("insert goal", [&] {
        std::string now = NowUtc(), kind(domain::GoalKindCode(g.kind)), measure = g.measure,
                    dimension = g.filter_dimension, values = JoinValues(g.filter_values),
                    comparison(domain::GoalComparisonCode(g.comparison)), description = g.description;
        long long insats = g.insats_id, target = g.target_tenths, tolerance = g.tolerance_tenths;
        int year = g.year;
        id = InsertReturningId(uow_,
                               "INSERT INTO goal (insats_id, year, kind, measure, filter_dimension, filter_values, "
                               "comparison, target_tenths, tolerance_tenths, description, created_at, updated_at) "
                               "VALUES (:i, :y, :k, :m, :d, :v, :c, :t, :tol, :desc, :ca, :ua)",
                               soci::use(insats), soci::use(year), soci::use(kind), soci::use(measure),
                               soci::use(dimension), soci::use(values), soci::use(comparison), soci::use(target),
                               soci::use(tolerance), soci::use(description), soci::use(now), soci::use(now));
    });
    if (!st.ok()) return st;
    return id;
}

Status GoalRepo::Update(const domain::Goal& g) {
    long long affected = 0;
    FOLJSAM_RETURN_IF_ERROR(Guard("update goal", [&] {
        std::string now = NowUtc(), kind(domain::GoalKindCode(g.kind)), measure = g.measure,
                    dimension = g.filter_dimension, values = JoinValues(g.filter_values),
                    comparison(domain::GoalComparisonCode(g.comparison)), description = g.description;
        long long id = g.id, target = g.target_tenths, tolerance = g.tolerance_tenths;
        int year = g.year;
        soci::statement st = Sql(uow_).prepare
                             << "UPDATE goal SET year = :y, kind = :k, measure = :m, filter_dimension = :d, "
                                "filter_values = :v, comparison = :c, target_tenths = :t, tolerance_tenths = :tol, "
                                "description = :desc, updated_at = :ua WHERE id = :id";
        st.exchange(soci::use(year));
        st.exchange(soci::use(kind));
        st.exchange(soci::use(measure));
        st.exchange(soci::use(dimension));
        st.exchange(soci::use(values));
        st.exchange(soci::use(comparison));
        st.exchange(soci::use(target));
        st.exchange(soci::use(tolerance));
        st.exchange(soci::use(description));
        st.exchange(soci::use(now));
        st.exchange(soci::use(id));
        st.define_and_bind();
        st.execute(true);
        affected = st.get_affected_rows();
    }));
    if (affected == 0) return Status::NotFound("Målet finns inte.");
    return Status::Ok();
}

Status GoalRepo::Delete(long long id) {
    long long affected = 0;
    FOLJSAM_RETURN_IF_ERROR(Guard("delete goal", [&] {
        long long bound = id;
        soci::statement st = (Sql(uow_).prepare << "DELETE FROM goal WHERE id = :id", soci::use(bound));
        st.execute(true);
        affected = st.get_affected_rows();
    }));
    if (affected == 0) return Status::NotFound("Målet finns inte.");
    return Status::Ok();
}

}  // namespace foljsam::store

#include "store/fact_repo.hpp"

#include <algorithm>
#include <string>
#include <unordered_map>

#include "store/sql.hpp"

namespace foljsam::store {
namespace {

// The WHERE clause shared by the statements, selecting the participations that can count in
// the period. Each measure is covered: referred by the referral date; started, ended,
// participated, active_at_end and their refinements by a start on or before `to` without
// an end before `from` (a start or end inside the period implies it); an end in the period
// without a start (never valid, but cheap to keep) by the end date. Dates are ISO text,
// so text comparison is date comparison on both engines. Insats ids are integers written
// into the text, never user text.
struct Selection {
    std::string where;
    long long forbund_id = 0;
    std::string from, to;
};

Selection Select(long long forbund_id, const std::optional<std::set<long long>>& insatser,
                 const report::Period& period) {
    Selection s;
    s.forbund_id = forbund_id;
    s.from = period.from.ToString();
    s.to = period.to.ToString();
    s.where =
        " WHERE i.forbund_id = :forbund AND p.exit_reason <> 'FELREG'"
        " AND ((p.referral_date >= :from1 AND p.referral_date <= :to1)"
        " OR (p.end_date >= :from2 AND p.end_date <= :to2)"
        " OR (p.start_date <= :to3 AND (p.end_date IS NULL OR p.end_date >= :from3)))";
    if (insatser) {
        std::string ids;
        for (long long id : *insatser) ids += (ids.empty() ? "" : ", ") + std::to_string(id);
        s.where += ids.empty() ? " AND 1 = 0" : " AND p.insats_id IN (" + ids + ")";
    }
    return s;
}

const char* kFrom = " FROM participation p JOIN insats i ON i.id = p.insats_id";

// Binds the parameters of Selection::where, in their order of appearance.
void BindSelection(soci::statement& st, Selection& s) {
    st.exchange(soci::use(s.forbund_id));
    st.exchange(soci::use(s.from));
    st.exchange(soci::use(s.to));
    st.exchange(soci::use(s.from));
    st.exchange(soci::use(s.to));
    st.exchange(soci::use(s.to));
    st.exchange(soci::use(s.from));
}

struct Row {
    long long id = 0;
    long long insats_id = 0;
    NullableInt person_id;
    NullableInt statistics_person_key;
    int anonymous = 0;
    std::string gender, age_group;
    NullableText referral_date, start_date, end_date;
    std::string exit_reason, education, time_without_work, occupation_start, occupation_after, birth_region;
    std::string referrer;
    NullableInt referrer_org_id;
    std::string residence_district, residence_special, residence_kommun;
};

const char* kFactColumns =
    "SELECT p.id, p.insats_id, p.person_id, p.statistics_person_key, p.anonymous, p.gender, p.age_group, "
    "p.referral_date, p.start_date, "
    "p.end_date, p.exit_reason, p.education, p.time_without_work, p.occupation_start, p.occupation_after, "
    "p.birth_region, p.referrer, "
    "p.referrer_org_id, p.residence_district, p.residence_special, p.residence_kommun";

void BindRow(soci::statement& st, Row& r) {
    st.exchange(soci::into(r.id));
    st.exchange(soci::into(r.insats_id));
    st.exchange(soci::into(r.person_id.value, r.person_id.ind));
    st.exchange(soci::into(r.statistics_person_key.value, r.statistics_person_key.ind));
    st.exchange(soci::into(r.anonymous));
    st.exchange(soci::into(r.gender));
    st.exchange(soci::into(r.age_group));
    st.exchange(soci::into(r.referral_date.value, r.referral_date.ind));
    st.exchange(soci::into(r.start_date.value, r.start_date.ind));
    st.exchange(soci::into(r.end_date.value, r.end_date.ind));
    st.exchange(soci::into(r.exit_reason));
    st.exchange(soci::into(r.education));
    st.exchange(soci::into(r.time_without_work));
    st.exchange(soci::into(r.occupation_start));
    st.exchange(soci::into(r.occupation_after));
    st.exchange(soci::into(r.birth_region));
    st.exchange(soci::into(r.referrer));
    st.exchange(soci::into(r.referrer_org_id.value, r.referrer_org_id.ind));
    st.exchange(soci::into(r.residence_district));
    st.exchange(soci::into(r.residence_special));
    st.exchange(soci::into(r.residence_kommun));
}

// What a referring organisation contributes to a fact.
struct Referrer {
    std::string member_type;  // of its top-level member
    std::string unit_name;    // "" for a member
};

// Every organisation of the association as a referrer, resolved up its tree.
std::unordered_map<long long, Referrer> LoadReferrers(UnitOfWork& uow, long long forbund_id) {
    struct Org {
        std::optional<long long> parent_id;
        std::string name, member_type;
    };
    std::unordered_map<long long, Org> orgs;
    long long id = 0;
    NullableInt parent;
    std::string name, member_type;
    soci::statement st = (Sql(uow).prepare << "SELECT id, parent_id, name, member_type FROM organisation "
                                              "WHERE forbund_id = :f",
                          soci::into(id), soci::into(parent.value, parent.ind), soci::into(name),
                          soci::into(member_type), soci::use(forbund_id));
    st.execute();
    while (st.fetch()) {
        orgs[id] = {parent.ind == soci::i_ok ? std::optional<long long>(parent.value) : std::nullopt, name,
                    member_type};
    }
    std::unordered_map<long long, Referrer> out;
    for (const auto& [org_id, org] : orgs) {
        const Org* top = &org;
        // The tree is shallow; the bound only guards against a cycle, which cannot happen
        // through the services (a parent always exists before its child).
        for (size_t depth = 0; top->parent_id && depth < orgs.size(); ++depth) {
            auto it = orgs.find(*top->parent_id);
            if (it == orgs.end()) break;
            top = &it->second;
        }
        out[org_id] = {top->member_type, org.parent_id ? org.name : std::string()};
    }
    return out;
}

report::Fact ToFact(const Row& r, const std::unordered_map<long long, Referrer>& referrers) {
    report::Fact f;
    f.insats_id = r.insats_id;
    // A participation whose identity was removed by gallring (store/retention_repo.hpp) is
    // stored as anonymous but counts as it did before: under its former person.
    const bool gallrad = r.person_id.ind != soci::i_ok && r.statistics_person_key.ind == soci::i_ok;
    if (r.person_id.ind == soci::i_ok) f.person_key = r.person_id.value;
    if (gallrad) f.person_key = r.statistics_person_key.value;
    f.anonymous = r.anonymous != 0 && !gallrad;
    f.gender = r.gender;
    f.age_group = r.age_group;
    f.referral_date = DateFrom(r.referral_date.value, r.referral_date.ind);
    f.start_date = DateFrom(r.start_date.value, r.start_date.ind);
    f.end_date = DateFrom(r.end_date.value, r.end_date.ind);
    f.exit_reason = r.exit_reason;
    f.education = r.education;
    f.time_without_work = r.time_without_work;
    f.occupation_start = r.occupation_start;
    f.occupation_after = r.occupation_after;
    f.birth_region = r.birth_region;
    if (r.referrer == "ORG" && r.referrer_org_id.ind == soci::i_ok) {
        auto it = referrers.find(r.referrer_org_id.value);
        if (it != referrers.end()) {
            f.referrer_member = it->second.member_type;
            f.referrer_unit = it->second.unit_name;
        }
    } else if (r.referrer == "EGENANMALAN" || r.referrer == "ANNAN") {
        f.referrer_member = r.referrer;
    }
    f.district = r.residence_district.empty() ? r.residence_special : r.residence_district;
    f.kommun = r.residence_kommun;
    return f;
}

// Appends the codes of a multi-valued answer table to the facts. `ids` (the facts'
// participation ids) are ascending, and so are the rows (ORDER BY): one merge pass.
void LoadCodes(UnitOfWork& uow, Selection& sel, const std::string& table, const std::string& filter,
               const std::vector<long long>& ids, std::vector<report::Fact>& facts,
               std::vector<std::string> report::Fact::*list) {
    long long participation_id = 0;
    std::string code;
    soci::statement st = Sql(uow).prepare << "SELECT x.participation_id, x.code FROM " + table +
                                                 " x JOIN participation p ON p.id = x.participation_id"
                                                 " JOIN insats i ON i.id = p.insats_id" +
                                                 sel.where + filter + " ORDER BY x.participation_id, x.code";
    st.exchange(soci::into(participation_id));
    st.exchange(soci::into(code));
    BindSelection(st, sel);
    st.define_and_bind();
    st.execute();
    size_t pos = 0;
    while (st.fetch()) {
        while (pos < ids.size() && ids[pos] < participation_id) ++pos;
        if (pos == ids.size()) break;
        if (ids[pos] == participation_id) (facts[pos].*list).push_back(code);
    }
}

}  // namespace

Result<std::vector<report::Fact>> LoadFacts(UnitOfWork& uow, long long forbund_id,
                                            const std::optional<std::set<long long>>& insatser,
                                            const report::Period& period) {
    std::vector<report::Fact> facts;
    Status status = Guard("load report facts", [&] {
        const auto referrers = LoadReferrers(uow, forbund_id);
        Selection sel = Select(forbund_id, insatser, period);
        std::vector<long long> ids;
        Row row;
        soci::statement st = Sql(uow).prepare << std::string(kFactColumns) + kFrom + sel.where + " ORDER BY p.id";
        BindRow(st, row);
        BindSelection(st, sel);
        st.define_and_bind();
        st.execute();
        while (st.fetch()) {
            ids.push_back(row.id);
            facts.push_back(ToFact(row, referrers));
        }
        if (facts.empty()) return;
        LoadCodes(uow, sel, "participation_support", " AND x.phase = 'START'", ids, facts,
                  &report::Fact::support_at_start);
        LoadCodes(uow, sel, "participation_target_group", "", ids, facts, &report::Fact::target_groups);
        LoadCodes(uow, sel, "participation_support", " AND x.phase = 'AFTER'", ids, facts,
                  &report::Fact::support_after);
    });
    if (!status.ok()) return status;
    return facts;
}

}  // namespace foljsam::store

#include "store/participation_repo.hpp"

#include "store/sql.hpp"

namespace foljsam::store {
namespace {

using domain::Participation;

// Column values of one participation row, with indicators for nullable columns.
struct Columns {
    long long insats_id = 0;
    NullableInt person_id;
    int anonymous = 0;
    std::string gender;
    NullableInt birth_year;
    std::string age_group;
    NullableText referral_date;
    std::string decision;
    NullableText decision_date;
    NullableText start_date;
    NullableText end_date;
    std::string referrer;
    NullableInt referrer_org_id;
    std::string residence_kommun, residence_district, residence_special, education, time_without_work;
    std::string occupation_start;
    NullableInt occupation_start_extent;
    std::string time_in_support, sgi_noll, birth_region, exit_reason, occupation_after;
    NullableInt occupation_after_extent;
    NullableText consent_date;
    std::string consent_form;
    std::string status;
};

Columns ToColumns(const Participation& p) {
    Columns c;
    c.insats_id = p.insats_id;
    c.person_id = ToNullable(p.person_id);
    c.anonymous = p.anonymous ? 1 : 0;
    c.gender = p.gender;
    c.birth_year = ToNullable(p.birth_year);
    c.age_group = p.age_group();
    c.referral_date = ToNullable(p.referral_date);
    c.decision = p.decision;
    c.decision_date = ToNullable(p.decision_date);
    c.start_date = ToNullable(p.start_date);
    c.end_date = ToNullable(p.end_date);
    c.referrer = p.intake.referrer;
    c.referrer_org_id = ToNullable(p.intake.referrer_org_id);
    c.residence_kommun = p.intake.residence_kommun;
    c.residence_district = p.intake.residence_district;
    c.residence_special = p.intake.residence_special;
    c.education = p.intake.education;
    c.time_without_work = p.intake.time_without_work;
    c.occupation_start = p.intake.occupation_start;
    c.occupation_start_extent = ToNullable(p.intake.occupation_start_extent);
    c.time_in_support = p.intake.time_in_support;
    c.sgi_noll = p.intake.sgi_noll;
    c.birth_region = p.intake.birth_region;
    c.exit_reason = p.exit.exit_reason;
    c.occupation_after = p.exit.occupation_after;
    c.occupation_after_extent = ToNullable(p.exit.occupation_after_extent);
    c.consent_date = ToNullable(p.consent_date);
    c.consent_form = p.consent_form;
    c.status = domain::StatusCode(p.status());
    return c;
}

std::optional<int> IntFrom(const NullableInt& v) {
    if (v.ind != soci::i_ok) return std::nullopt;
    return static_cast<int>(v.value);
}
std::optional<long long> LongFrom(const NullableInt& v) {
    if (v.ind != soci::i_ok) return std::nullopt;
    return v.value;
}

Participation FromColumns(long long id, int version, const Columns& c) {
    Participation p;
    p.id = id;
    p.version = version;
    p.insats_id = c.insats_id;
    p.person_id = LongFrom(c.person_id);
    p.anonymous = c.anonymous != 0;
    p.gender = c.gender;
    p.birth_year = IntFrom(c.birth_year);
    p.referral_date = DateFrom(c.referral_date.value, c.referral_date.ind);
    p.decision = c.decision;
    p.decision_date = DateFrom(c.decision_date.value, c.decision_date.ind);
    p.start_date = DateFrom(c.start_date.value, c.start_date.ind);
    p.end_date = DateFrom(c.end_date.value, c.end_date.ind);
    p.intake.referrer = c.referrer;
    p.intake.referrer_org_id = LongFrom(c.referrer_org_id);
    p.intake.residence_kommun = c.residence_kommun;
    p.intake.residence_district = c.residence_district;
    p.intake.residence_special = c.residence_special;
    p.intake.education = c.education;
    p.intake.time_without_work = c.time_without_work;
    p.intake.occupation_start = c.occupation_start;
    p.intake.occupation_start_extent = IntFrom(c.occupation_start_extent);
    p.intake.time_in_support = c.time_in_support;
    p.intake.sgi_noll = c.sgi_noll;
    p.intake.birth_region = c.birth_region;
    p.exit.exit_reason = c.exit_reason;
    p.exit.occupation_after = c.occupation_after;
    p.exit.occupation_after_extent = IntFrom(c.occupation_after_extent);
    p.consent_date = DateFrom(c.consent_date.value, c.consent_date.ind);
    p.consent_form = c.consent_form;
    return p;
}

const char* kSelectColumns =
    "p.id, p.version, p.insats_id, p.person_id, p.anonymous, p.gender, p.birth_year, p.referral_date, p.decision, "
    "p.decision_date, p.start_date, p.end_date, p.referrer, p.referrer_org_id, p.residence_kommun, "
    "p.residence_district, p.residence_special, p.education, p.time_without_work, p.occupation_start, "
    "p.occupation_start_extent, p.time_in_support, p.sgi_noll, p.birth_region, p.exit_reason, p.occupation_after, "
    "p.occupation_after_extent, p.consent_date, p.consent_form";

// Binds every selected column of kSelectColumns into `c`, `id` and `version`.
void BindInto(soci::statement& st, long long& id, int& version, Columns& c) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(version));
    st.exchange(soci::into(c.insats_id));
    st.exchange(soci::into(c.person_id.value, c.person_id.ind));
    st.exchange(soci::into(c.anonymous));
    st.exchange(soci::into(c.gender));
    st.exchange(soci::into(c.birth_year.value, c.birth_year.ind));
    st.exchange(soci::into(c.referral_date.value, c.referral_date.ind));
    st.exchange(soci::into(c.decision));
    st.exchange(soci::into(c.decision_date.value, c.decision_date.ind));
    st.exchange(soci::into(c.start_date.value, c.start_date.ind));
    st.exchange(soci::into(c.end_date.value, c.end_date.ind));
    st.exchange(soci::into(c.referrer));
    st.exchange(soci::into(c.referrer_org_id.value, c.referrer_org_id.ind));
    st.exchange(soci::into(c.residence_kommun));
    st.exchange(soci::into(c.residence_district));
    st.exchange(soci::into(c.residence_special));
    st.exchange(soci::into(c.education));
    st.exchange(soci::into(c.time_without_work));
    st.exchange(soci::into(c.occupation_start));
    st.exchange(soci::into(c.occupation_start_extent.value, c.occupation_start_extent.ind));
    st.exchange(soci::into(c.time_in_support));
    st.exchange(soci::into(c.sgi_noll));
    st.exchange(soci::into(c.birth_region));
    st.exchange(soci::into(c.exit_reason));
    st.exchange(soci::into(c.occupation_after));
    st.exchange(soci::into(c.occupation_after_extent.value, c.occupation_after_extent.ind));
    st.exchange(soci::into(c.consent_date.value, c.consent_date.ind));
    st.exchange(soci::into(c.consent_form));
}

// Binds the writable columns in the order of kWriteColumns.
void BindUse(soci::statement& st, Columns& c) {
    st.exchange(soci::use(c.insats_id));
    st.exchange(soci::use(c.person_id.value, c.person_id.ind));
    st.exchange(soci::use(c.anonymous));
    st.exchange(soci::use(c.gender));
    st.exchange(soci::use(c.birth_year.value, c.birth_year.ind));
    st.exchange(soci::use(c.age_group));
    st.exchange(soci::use(c.referral_date.value, c.referral_date.ind));
    st.exchange(soci::use(c.decision));
    st.exchange(soci::use(c.decision_date.value, c.decision_date.ind));
    st.exchange(soci::use(c.start_date.value, c.start_date.ind));
    st.exchange(soci::use(c.end_date.value, c.end_date.ind));
    st.exchange(soci::use(c.referrer));
    st.exchange(soci::use(c.referrer_org_id.value, c.referrer_org_id.ind));
    st.exchange(soci::use(c.residence_kommun));
    st.exchange(soci::use(c.residence_district));
    st.exchange(soci::use(c.residence_special));
    st.exchange(soci::use(c.education));
    st.exchange(soci::use(c.time_without_work));
    st.exchange(soci::use(c.occupation_start));
    st.exchange(soci::use(c.occupation_start_extent.value, c.occupation_start_extent.ind));
    st.exchange(soci::use(c.time_in_support));
    st.exchange(soci::use(c.sgi_noll));
    st.exchange(soci::use(c.birth_region));
    st.exchange(soci::use(c.exit_reason));
    st.exchange(soci::use(c.occupation_after));
    st.exchange(soci::use(c.occupation_after_extent.value, c.occupation_after_extent.ind));
    st.exchange(soci::use(c.consent_date.value, c.consent_date.ind));
    st.exchange(soci::use(c.consent_form));
    st.exchange(soci::use(c.status));
}

const char* kWriteColumns[] = {"insats_id",
                               "person_id",
                               "anonymous",
                               "gender",
                               "birth_year",
                               "age_group",
                               "referral_date",
                               "decision",
                               "decision_date",
                               "start_date",
                               "end_date",
                               "referrer",
                               "referrer_org_id",
                               "residence_kommun",
                               "residence_district",
                               "residence_special",
                               "education",
                               "time_without_work",
                               "occupation_start",
                               "occupation_start_extent",
                               "time_in_support",
                               "sgi_noll",
                               "birth_region",
                               "exit_reason",
                               "occupation_after",
                               "occupation_after_extent",
                               "consent_date",
                               "consent_form",
                               "status"};

// WHERE clause and its bound values for a filter.
struct Where {
    std::string clause;
    long long insats_id = 0;
    std::string status;
    std::string year_start = "", year_end = "";
    long long person_id = 0;
    int has_person = 0;
};

Where BuildWhere(const ParticipationFilter& f) {
    Where w;
    w.insats_id = f.insats_id;
    w.status = f.status;
    if (f.year) {
        w.year_start = std::to_string(*f.year) + "-01-01";
        w.year_end = std::to_string(*f.year) + "-12-31";
    }
    w.has_person = f.person_id ? 1 : 0;
    w.person_id = f.person_id.value_or(0);
    w.clause =
        " WHERE p.insats_id = :insats AND (:s1 = '' OR p.status = :s2)"
        " AND (:y1 = '' OR (COALESCE(p.start_date, p.referral_date) <= :y2 AND (p.end_date IS NULL OR p.end_date >= "
        ":y3)))"
        " AND (:hp = 0 OR p.person_id = :pid)";
    return w;
}

void BindWhere(soci::statement& st, Where& w) {
    st.exchange(soci::use(w.insats_id));
    st.exchange(soci::use(w.status));
    st.exchange(soci::use(w.status));
    st.exchange(soci::use(w.year_start));
    st.exchange(soci::use(w.year_end));
    st.exchange(soci::use(w.year_start));
    st.exchange(soci::use(w.has_person));
    st.exchange(soci::use(w.person_id));
}

}  // namespace

void ParticipationRepo::WriteAnswers(long long id, const Participation& p, bool fresh) {
    if (!fresh) {
        Sql(uow_) << "DELETE FROM participation_support WHERE participation_id = :id", soci::use(id);
        Sql(uow_) << "DELETE FROM participation_target_group WHERE participation_id = :id", soci::use(id);
        Sql(uow_) << "DELETE FROM participation_coreferrer WHERE participation_id = :id", soci::use(id);
    }
    // Each kind of answer is one statement prepared once and run per value: SQLite spends
    // more time parsing an INSERT than running it (bench/import_bench).
    const size_t support = p.intake.support_at_start.size() + p.exit.support_after.size();
    if (support > 0) {
        std::string phase, code;
        NullableInt extent;
        soci::statement insert =
            (Sql(uow_).prepare << "INSERT INTO participation_support (participation_id, phase, code, extent) VALUES "
                                  "(:p, :ph, :c, :e)",
             soci::use(id), soci::use(phase), soci::use(code), soci::use(extent.value, extent.ind));
        auto write = [&](const std::vector<domain::SupportValue>& values, const char* of_phase) {
            for (const auto& v : values) {
                phase = of_phase;
                code = v.code;
                extent = ToNullable(v.extent);
                insert.execute(true);
            }
        };
        write(p.intake.support_at_start, "START");
        write(p.exit.support_after, "AFTER");
    }
    if (!p.intake.target_groups.empty()) {
        std::string code;
        soci::statement insert =
            (Sql(uow_).prepare << "INSERT INTO participation_target_group (participation_id, code) VALUES (:p, :c)",
             soci::use(id), soci::use(code));
        for (const auto& value : p.intake.target_groups) {
            code = value;
            insert.execute(true);
        }
    }
    if (!p.intake.co_referrer_org_ids.empty()) {
        long long org = 0;
        soci::statement insert =
            (Sql(uow_).prepare
                 << "INSERT INTO participation_coreferrer (participation_id, organisation_id) VALUES (:p, :o)",
             soci::use(id), soci::use(org));
        for (long long value : p.intake.co_referrer_org_ids) {
            org = value;
            insert.execute(true);
        }
    }
}

Result<long long> ParticipationRepo::Insert(const Participation& p) {
    long long id = 0;
    Status st = Guard("insert participation", [&] {
        Columns c = ToColumns(p);
        std::string now = NowUtc();
        std::string cols, params;
        for (const char* col : kWriteColumns) {
            cols += std::string(cols.empty() ? "" : ", ") + col;
            params += std::string(params.empty() ? ":" : ", :") + col;
        }
        const bool returning = uow_.dialect() == Dialect::kPostgres;  // see InsertReturningId
        soci::statement st = Sql(uow_).prepare << "INSERT INTO participation (" + cols +
                                                      ", version, created_at, updated_at) VALUES (" + params +
                                                      ", 1, :c, :u)" + (returning ? " RETURNING id" : "");
        BindUse(st, c);
        st.exchange(soci::use(now));
        st.exchange(soci::use(now));
        if (returning) st.exchange(soci::into(id));
        st.define_and_bind();
        st.execute(true);
        if (!returning) id = LastInsertRowId(uow_);
        WriteAnswers(id, p, true);
    });
    if (!st.ok()) return st;
    return id;
}

Status ParticipationRepo::Update(const Participation& p) {
    return [&]() -> Status {
        long long affected = 0;
        Status st = Guard("update participation", [&] {
            Columns c = ToColumns(p);
            std::string now = NowUtc();
            std::string sets;
            for (const char* col : kWriteColumns) sets += std::string(sets.empty() ? "" : ", ") + col + " = :" + col;
            long long id = p.id;
            int version = p.version;
            soci::statement st = Sql(uow_).prepare << "UPDATE participation SET " + sets +
                                                          ", version = version + 1, updated_at = :u"
                                                          " WHERE id = :id AND version = :v";
            BindUse(st, c);
            st.exchange(soci::use(now));
            st.exchange(soci::use(id));
            st.exchange(soci::use(version));
            st.define_and_bind();
            st.execute(true);
            affected = st.get_affected_rows();
            if (affected == 1) WriteAnswers(id, p, false);
        });
        if (!st.ok()) return st;
        if (affected == 0) {
            int exists = 0;
            FOLJSAM_RETURN_IF_ERROR(Guard("participation exists", [&] {
                long long id = p.id;
                Sql(uow_) << "SELECT COUNT(*) FROM participation WHERE id = :id", soci::use(id), soci::into(exists);
            }));
            if (exists == 0) return Status::NotFound("Deltagandet finns inte.");
            return Status::Conflict(
                "Någon annan har ändrat deltagandet medan du arbetade. Ladda om sidan och gör ändringen igen.");
        }
        return Status::Ok();
    }();
}

Result<Participation> ParticipationRepo::Get(long long id) {
    Participation out;
    bool found = false;
    Status st = Guard("get participation", [&] {
        long long row_id = 0;
        int version = 0;
        Columns c;
        soci::statement st = Sql(uow_).prepare
                             << std::string("SELECT ") + kSelectColumns + " FROM participation p WHERE p.id = :id";
        BindInto(st, row_id, version, c);
        st.exchange(soci::use(id));
        st.define_and_bind();
        found = st.execute(true);
        if (!found) return;
        out = FromColumns(row_id, version, c);
        std::string phase, code;
        NullableInt extent;
        soci::statement sup =
            (Sql(uow_).prepare << "SELECT phase, code, extent FROM participation_support WHERE "
                                  "participation_id = :id ORDER BY phase, code",
             soci::into(phase), soci::into(code), soci::into(extent.value, extent.ind), soci::use(id));
        sup.execute();
        while (sup.fetch()) {
            domain::SupportValue v{code, IntFrom(extent)};
            (phase == "START" ? out.intake.support_at_start : out.exit.support_after).push_back(v);
        }
        soci::statement tg = (Sql(uow_).prepare << "SELECT code FROM participation_target_group WHERE "
                                                   "participation_id = :id ORDER BY code",
                              soci::into(code), soci::use(id));
        tg.execute();
        while (tg.fetch()) out.intake.target_groups.push_back(code);
        long long org = 0;
        soci::statement co = (Sql(uow_).prepare << "SELECT organisation_id FROM participation_coreferrer WHERE "
                                                   "participation_id = :id ORDER BY organisation_id",
                              soci::into(org), soci::use(id));
        co.execute();
        while (co.fetch()) out.intake.co_referrer_org_ids.push_back(org);
    });
    if (!st.ok()) return st;
    if (!found) return Status::NotFound("Deltagandet finns inte.");
    return out;
}

Result<std::vector<ParticipationRow>> ParticipationRepo::List(const ParticipationFilter& filter) {
    std::vector<ParticipationRow> rows;
    Status st = Guard("list participations", [&] {
        Where w = BuildWhere(filter);
        long long row_id = 0;
        int version = 0;
        Columns c;
        std::string code;
        soci::indicator code_ind = soci::i_null;
        std::string text = std::string("SELECT ") + kSelectColumns +
                           ", per.participant_code FROM participation p LEFT JOIN person per ON per.id = p.person_id" +
                           w.clause + " ORDER BY COALESCE(p.start_date, p.referral_date) DESC, p.id DESC";
        int limit = filter.limit, offset = filter.offset;
        if (limit > 0) text += " LIMIT :lim OFFSET :off";
        soci::statement st = Sql(uow_).prepare << text;
        BindInto(st, row_id, version, c);
        st.exchange(soci::into(code, code_ind));
        BindWhere(st, w);
        if (limit > 0) {
            st.exchange(soci::use(limit));
            st.exchange(soci::use(offset));
        }
        st.define_and_bind();
        st.execute();
        while (st.fetch()) {
            rows.push_back({FromColumns(row_id, version, c), code_ind == soci::i_ok ? code : ""});
        }
    });
    if (!st.ok()) return st;
    return rows;
}

Result<long long> ParticipationRepo::Count(const ParticipationFilter& filter) {
    long long count = 0;
    Status st = Guard("count participations", [&] {
        Where w = BuildWhere(filter);
        soci::statement st = Sql(uow_).prepare << "SELECT COUNT(*) FROM participation p" + w.clause;
        st.exchange(soci::into(count));
        BindWhere(st, w);
        st.define_and_bind();
        st.execute(true);
    });
    if (!st.ok()) return st;
    return count;
}

Result<ParticipationRepo::Attention> ParticipationRepo::AttentionFor(long long insats_id, const domain::Date& today) {
    Attention a;
    Status st = Guard("attention", [&] {
        std::string month_ago = today.AddDays(-30).ToString();
        std::string two_years_ago = today.AddMonths(-24).ToString();
        soci::session& sql = Sql(uow_);
        sql << "SELECT COUNT(*) FROM participation WHERE insats_id = :i AND status = 'ANMALD' AND referral_date < :d",
            soci::use(insats_id), soci::use(month_ago), soci::into(a.waiting_for_decision);
        sql << "SELECT COUNT(*) FROM participation WHERE insats_id = :i AND status = 'BESLUT' AND decision = "
               "'BEVILJAD' "
               "AND decision_date < :d",
            soci::use(insats_id), soci::use(month_ago), soci::into(a.accepted_not_started);
        sql << "SELECT COUNT(*) FROM participation WHERE insats_id = :i AND status = 'PAGAENDE' AND start_date < :d",
            soci::use(insats_id), soci::use(two_years_ago), soci::into(a.long_running);
    });
    if (!st.ok()) return st;
    return a;
}

Result<long long> ParticipationRepo::CountForPerson(long long person_id) {
    long long n = 0;
    Status st = Guard("count for person", [&] {
        Sql(uow_) << "SELECT COUNT(*) FROM participation WHERE person_id = :p", soci::use(person_id), soci::into(n);
    });
    if (!st.ok()) return st;
    return n;
}

Status ParticipationRepo::MakeAnonymous(long long participation_id) {
    return Guard("anonymise participation", [&] {
        std::string now = NowUtc();
        Sql(uow_)
            << "UPDATE participation SET person_id = NULL, anonymous = 1, consent_date = NULL, consent_form = '', "
               "version = version + 1, updated_at = :u WHERE id = :id",
            soci::use(now), soci::use(participation_id);
    });
}

}  // namespace foljsam::store

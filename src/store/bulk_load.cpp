#include "store/bulk_load.hpp"

#include <string>

#include "store/sql.hpp"

namespace foljsam::store {
namespace {

// The person row being written; the prepared statement reads these members.
struct PersonRow {
    long long controller_org_id = 0;
    NullableInt insats_id;
    NullableText participant_code;
    NullableInt birth_year;
    std::string legal_gender;
    std::string created_at;
};

// The participation row being written, column for column as ParticipationRepo::Insert
// writes it (participation_repo.cpp, kWriteColumns and ToColumns).
struct ParticipationRow {
    long long insats_id = 0;
    NullableInt person_id;
    int anonymous = 0;
    std::string gender;
    NullableInt birth_year;
    std::string age_group;
    NullableText referral_date;
    std::string decision;
    NullableText decision_date, start_date, end_date;
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
    std::string now;
};

void Fill(ParticipationRow& r, const domain::Participation& p) {
    r.insats_id = p.insats_id;
    r.person_id = ToNullable(p.person_id);
    r.anonymous = p.anonymous ? 1 : 0;
    r.gender = p.gender;
    r.birth_year = ToNullable(p.birth_year);
    r.age_group = p.age_group();
    r.referral_date = ToNullable(p.referral_date);
    r.decision = p.decision;
    r.decision_date = ToNullable(p.decision_date);
    r.start_date = ToNullable(p.start_date);
    r.end_date = ToNullable(p.end_date);
    r.referrer = p.intake.referrer;
    r.referrer_org_id = ToNullable(p.intake.referrer_org_id);
    r.residence_kommun = p.intake.residence_kommun;
    r.residence_district = p.intake.residence_district;
    r.residence_special = p.intake.residence_special;
    r.education = p.intake.education;
    r.time_without_work = p.intake.time_without_work;
    r.occupation_start = p.intake.occupation_start;
    r.occupation_start_extent = ToNullable(p.intake.occupation_start_extent);
    r.time_in_support = p.intake.time_in_support;
    r.sgi_noll = p.intake.sgi_noll;
    r.birth_region = p.intake.birth_region;
    r.exit_reason = p.exit.exit_reason;
    r.occupation_after = p.exit.occupation_after;
    r.occupation_after_extent = ToNullable(p.exit.occupation_after_extent);
    r.consent_date = ToNullable(p.consent_date);
    r.consent_form = p.consent_form;
    r.status = domain::StatusCode(p.status());
}

const char* kInsertParticipation =
    "INSERT INTO participation (insats_id, person_id, anonymous, gender, birth_year, age_group, referral_date, "
    "decision, decision_date, start_date, end_date, referrer, referrer_org_id, residence_kommun, residence_district, "
    "residence_special, education, time_without_work, occupation_start, occupation_start_extent, time_in_support, "
    "sgi_noll, birth_region, exit_reason, occupation_after, occupation_after_extent, consent_date, consent_form, "
    "status, version, created_at, updated_at) VALUES (:insats_id, :person_id, :anonymous, :gender, :birth_year, "
    ":age_group, :referral_date, :decision, :decision_date, :start_date, :end_date, :referrer, :referrer_org_id, "
    ":residence_kommun, :residence_district, :residence_special, :education, :time_without_work, :occupation_start, "
    ":occupation_start_extent, :time_in_support, :sgi_noll, :birth_region, :exit_reason, :occupation_after, "
    ":occupation_after_extent, :consent_date, :consent_form, :status, 1, :created_at, :updated_at)";

void BindParticipation(soci::statement& st, ParticipationRow& r) {
    st.exchange(soci::use(r.insats_id));
    st.exchange(soci::use(r.person_id.value, r.person_id.ind));
    st.exchange(soci::use(r.anonymous));
    st.exchange(soci::use(r.gender));
    st.exchange(soci::use(r.birth_year.value, r.birth_year.ind));
    st.exchange(soci::use(r.age_group));
    st.exchange(soci::use(r.referral_date.value, r.referral_date.ind));
    st.exchange(soci::use(r.decision));
    st.exchange(soci::use(r.decision_date.value, r.decision_date.ind));
    st.exchange(soci::use(r.start_date.value, r.start_date.ind));
    st.exchange(soci::use(r.end_date.value, r.end_date.ind));
    st.exchange(soci::use(r.referrer));
    st.exchange(soci::use(r.referrer_org_id.value, r.referrer_org_id.ind));
    st.exchange(soci::use(r.residence_kommun));
    st.exchange(soci::use(r.residence_district));
    st.exchange(soci::use(r.residence_special));
    st.exchange(soci::use(r.education));
    st.exchange(soci::use(r.time_without_work));
    st.exchange(soci::use(r.occupation_start));
    st.exchange(soci::use(r.occupation_start_extent.value, r.occupation_start_extent.ind));
    st.exchange(soci::use(r.time_in_support));
    st.exchange(soci::use(r.sgi_noll));
    st.exchange(soci::use(r.birth_region));
    st.exchange(soci::use(r.exit_reason));
    st.exchange(soci::use(r.occupation_after));
    st.exchange(soci::use(r.occupation_after_extent.value, r.occupation_after_extent.ind));
    st.exchange(soci::use(r.consent_date.value, r.consent_date.ind));
    st.exchange(soci::use(r.consent_form));
    st.exchange(soci::use(r.status));
    st.exchange(soci::use(r.now));
    st.exchange(soci::use(r.now));
}

template <typename Bind>
std::unique_ptr<soci::statement> PrepareStatement(UnitOfWork& uow, const std::string& sql, Bind&& bind) {
    auto st = std::make_unique<soci::statement>(Sql(uow).prepare << sql);
    bind(*st);
    st->define_and_bind();
    return st;
}

}  // namespace

// The new row's id: INSERT ... RETURNING would do on both engines, but SQLite runs
// RETURNING as a temporary trigger, which makes every insert keep a statement journal
// (measured: 15 page writes per participation and three times the CPU time of the whole
// generation). So SQLite asks last_insert_rowid() on the same connection instead.
struct BulkLoader::Impl {
    bool returning = false;  // PostgreSQL: RETURNING id
    long long new_id = 0;
    std::unique_ptr<soci::statement> last_id;  // SQLite: SELECT last_insert_rowid()
    PersonRow person;
    ParticipationRow participation;
    long long answer_participation_id = 0;
    std::string support_phase, code;
    NullableInt support_extent;
    long long co_referrer_org_id = 0;
    std::unique_ptr<soci::statement> insert_person, insert_participation, insert_support, insert_target_group,
        insert_co_referrer;

    // An insert whose new id Insert() returns.
    template <typename Bind>
    std::unique_ptr<soci::statement> PrepareInsert(UnitOfWork& uow, const std::string& sql, Bind&& bind) {
        return PrepareStatement(uow, returning ? sql + " RETURNING id" : sql, [&](soci::statement& st) {
            bind(st);
            if (returning) st.exchange(soci::into(new_id));
        });
    }

    long long Insert(soci::statement& st) {
        st.execute(true);
        if (last_id) last_id->execute(true);
        return new_id;
    }

    void WriteSupport(const std::vector<domain::SupportValue>& values, const char* phase) {
        support_phase = phase;
        for (const auto& value : values) {
            code = value.code;
            support_extent = ToNullable(value.extent);
            insert_support->execute(true);
        }
    }
};

BulkLoader::BulkLoader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
BulkLoader::~BulkLoader() = default;

Result<std::unique_ptr<BulkLoader>> BulkLoader::Prepare(UnitOfWork& uow) {
    auto impl = std::make_unique<Impl>();
    Impl& i = *impl;
    Status status = Guard("prepare bulk load", [&] {
        i.returning = uow.dialect() == Dialect::kPostgres;
        if (!i.returning)
            i.last_id = PrepareStatement(uow, "SELECT last_insert_rowid()",
                                         [&](soci::statement& st) { st.exchange(soci::into(i.new_id)); });
        i.insert_person = i.PrepareInsert(uow,
                                          "INSERT INTO person (controller_org_id, insats_id, participant_code, "
                                          "birth_year, legal_gender, created_at) VALUES (:c, :i, :pc, :b, :g, :t)",
                                          [&](soci::statement& st) {
                                              PersonRow& r = i.person;
                                              st.exchange(soci::use(r.controller_org_id));
                                              st.exchange(soci::use(r.insats_id.value, r.insats_id.ind));
                                              st.exchange(soci::use(r.participant_code.value, r.participant_code.ind));
                                              st.exchange(soci::use(r.birth_year.value, r.birth_year.ind));
                                              st.exchange(soci::use(r.legal_gender));
                                              st.exchange(soci::use(r.created_at));
                                          });
        i.insert_participation = i.PrepareInsert(uow, kInsertParticipation,
                                                 [&](soci::statement& st) { BindParticipation(st, i.participation); });
        i.insert_support = PrepareStatement(
            uow, "INSERT INTO participation_support (participation_id, phase, code, extent) VALUES (:p, :ph, :c, :e)",
            [&](soci::statement& st) {
                st.exchange(soci::use(i.answer_participation_id));
                st.exchange(soci::use(i.support_phase));
                st.exchange(soci::use(i.code));
                st.exchange(soci::use(i.support_extent.value, i.support_extent.ind));
            });
        i.insert_target_group =
            PrepareStatement(uow, "INSERT INTO participation_target_group (participation_id, code) VALUES (:p, :c)",
                             [&](soci::statement& st) {
                                 st.exchange(soci::use(i.answer_participation_id));
                                 st.exchange(soci::use(i.code));
                             });
        i.insert_co_referrer = PrepareStatement(
            uow, "INSERT INTO participation_coreferrer (participation_id, organisation_id) VALUES (:p, :o)",
            [&](soci::statement& st) {
                st.exchange(soci::use(i.answer_participation_id));
                st.exchange(soci::use(i.co_referrer_org_id));
            });
    });
    if (!status.ok()) return status;
    return std::unique_ptr<BulkLoader>(new BulkLoader(std::move(impl)));
}

Result<std::vector<long long>> BulkLoader::InsertPersons(const std::vector<PersonRecord>& persons) {
    std::vector<long long> ids;
    ids.reserve(persons.size());
    Status status = Guard("bulk insert persons", [&] {
        PersonRow& row = impl_->person;
        row.created_at = NowUtc();
        for (const PersonRecord& p : persons) {
            row.controller_org_id = p.controller_org_id;
            row.insats_id = ToNullable(p.insats_id);
            row.participant_code =
                ToNullable(p.participant_code.empty() ? std::nullopt : std::optional<std::string>(p.participant_code));
            row.birth_year = ToNullable(p.birth_year);
            row.legal_gender = p.legal_gender;
            ids.push_back(impl_->Insert(*impl_->insert_person));
        }
    });
    if (!status.ok()) return status;
    return ids;
}

Result<std::vector<long long>> BulkLoader::InsertParticipations(
    const std::vector<domain::Participation>& participations) {
    std::vector<long long> ids;
    ids.reserve(participations.size());
    Status status = Guard("bulk insert participations", [&] {
        Impl& i = *impl_;
        i.participation.now = NowUtc();
        for (const domain::Participation& p : participations) {
            Fill(i.participation, p);
            i.answer_participation_id = i.Insert(*i.insert_participation);
            ids.push_back(i.answer_participation_id);
            i.WriteSupport(p.intake.support_at_start, "START");
            i.WriteSupport(p.exit.support_after, "AFTER");
            for (const std::string& group : p.intake.target_groups) {
                i.code = group;
                i.insert_target_group->execute(true);
            }
            for (long long org : p.intake.co_referrer_org_ids) {
                i.co_referrer_org_id = org;
                i.insert_co_referrer->execute(true);
            }
        }
    });
    if (!status.ok()) return status;
    return ids;
}

}  // namespace foljsam::store

#include "association_generator.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "association_shape.hpp"
#include "domain/actor.hpp"
#include "domain/organisation.hpp"
#include "domain/participation.hpp"
#include "services/admin_service.hpp"
#include "services/auth_service.hpp"
#include "store/bulk_load.hpp"
#include "store/database.hpp"
#include "store/participation_repo.hpp"
#include "store/person_repo.hpp"
#include "store/user_repo.hpp"

namespace foljsam::bench {
namespace {

constexpr const char* kForbundName = "Samordningsförbundet Storstad (genererat)";

#define GEN_ASSIGN(target, expr)          \
    do {                                  \
        auto _r = (expr);                 \
        if (!_r.ok()) return _r.status(); \
        target = std::move(*_r);          \
    } while (0)

Result<domain::Actor> AdminActor(services::App& app) {
    long long user_id = 0;
    {
        auto uow = app.db().Begin(store::Database::Mode::kRead);
        if (!uow.ok()) return uow.status();
        auto found = store::UserRepo(**uow).FindByUsername("admin");
        if (!found.ok()) return found.status();
        user_id = found->first.id;
    }
    return services::AuthService(app).LoadActor(user_id);
}

Result<Orgs> CreateOrganisations(services::AdminService& admin, const domain::Actor& actor) {
    Orgs orgs;
    for (const OrgSpec& spec : OrganisationSpecs(orgs)) {
        domain::Organisation org;
        if (spec.parent) org.parent_id = *spec.parent;
        org.name = spec.name;
        org.member_type = spec.member_type;
        org.kommunkod = spec.kommunkod;
        GEN_ASSIGN(*spec.id, admin.SaveOrganisation(actor, org));
        ++orgs.count;
    }
    return orgs;
}

Result<std::vector<domain::Insats>> CreateInsatser(services::AdminService& admin, const domain::Actor& actor,
                                                   const Orgs& orgs, int first_year) {
    std::vector<domain::Insats> out;
    for (const Profile& profile : Profiles()) {
        domain::Insats insats;
        insats.name = profile.name;
        insats.description = "Genererad insats för prestandamätning.";
        insats.start_date = domain::Date{first_year + profile.first_year_offset, 1, 1};
        insats.self_referral_allowed = profile.self_referral;
        insats.controller_org_id = profile.controller == Controller::kRegion     ? orgs.region
                                   : profile.controller == Controller::kHuddinge ? orgs.huddinge
                                                                                 : orgs.stad;
        GEN_ASSIGN(insats.id, admin.SaveInsats(actor, insats));
        out.push_back(std::move(insats));
    }
    return out;
}

// counts[year_idx][insats_idx]: volumes growing 4 % a year, for insatser that have
// started, scaled so that they add up to exactly `total` (cumulative rounding).
std::vector<std::vector<long long>> Volumes(long long total, int years) {
    const auto& profiles = Profiles();
    std::vector<std::vector<double>> raw(years, std::vector<double>(profiles.size(), 0));
    double sum = 0;
    for (int year_idx = 0; year_idx < years; ++year_idx) {
        for (size_t insats_idx = 0; insats_idx < profiles.size(); ++insats_idx) {
            if (year_idx < profiles[insats_idx].first_year_offset) continue;
            raw[year_idx][insats_idx] = profiles[insats_idx].weight * std::pow(1.04, year_idx);
            sum += raw[year_idx][insats_idx];
        }
    }
    std::vector<std::vector<long long>> counts(years, std::vector<long long>(profiles.size(), 0));
    double cumulative = 0;
    long long written = 0;
    for (int year_idx = 0; year_idx < years; ++year_idx) {
        for (size_t insats_idx = 0; insats_idx < profiles.size(); ++insats_idx) {
            cumulative += raw[year_idx][insats_idx];
            const long long target = std::llround(cumulative / sum * static_cast<double>(total));
            counts[year_idx][insats_idx] = target - written;
            written = target;
        }
    }
    return counts;
}

// A person of an insats (participant code), who may come back for a later episode.
struct Known {
    long long db_id = 0;  // 0 until written
    int birth_year = 0;
    char gender = 'K';
    std::optional<domain::Date> free_from;  // empty while an episode is open
};

struct Plan {
    size_t insats_idx = 0;
    size_t known_idx = 0;  // into the insats's persons; unused when anonymous
    domain::Participation p;
};

// A day of `year`, a little less likely in July (holidays).
domain::Date ReferralDay(Rng& rng, int year) {
    const domain::Date first{year, 1, 1};
    const int span = static_cast<int>(domain::Date{year, 12, 31}.DaysSinceEpoch() - first.DaysSinceEpoch());
    for (;;) {
        const domain::Date day = first.AddDays(Uniform(rng, 0, span));
        if (day.month != 7 || Chance(rng, 50)) return day;
    }
}

// Decision, start and end dates of a referral made on `referral`, as seen on `today`.
void DrawDates(Rng& rng, const domain::Date& today, domain::Participation& p) {
    const domain::Date referral = *p.referral_date;
    if (Chance(rng, 85)) {
        const domain::Date decision = referral.AddDays(Uniform(rng, 7, 28));
        if (decision > today) return;  // not decided yet
        p.decision = "BEVILJAD";
        p.decision_date = decision;
        const domain::Date start = decision.AddDays(Uniform(rng, 0, 21));
        if (start > today) return;  // accepted, not started yet
        p.start_date = start;
        const size_t bucket = PickIndex(rng, {15, 55, 25, 5});
        static const int kLow[] = {30, 91, 366, 549};
        static const int kHigh[] = {90, 365, 548, 730};
        const domain::Date end = start.AddDays(Uniform(rng, kLow[bucket], kHigh[bucket]));
        if (end > today || PerMille(rng, 10)) return;  // still open, or the exit was never registered
        p.end_date = end;
        return;
    }
    const size_t kind = PickIndex(rng, {60, 25, 15});
    if (kind == 2) return;  // withdrawn before any decision
    const domain::Date decision = referral.AddDays(Uniform(rng, 7, 42));
    if (decision > today) return;
    p.decision = kind == 0 ? "AVSLAG" : "VANTELISTA";
    p.decision_date = decision;
}

class YearWriter {
   public:
    YearWriter(services::App& app, const GeneratorOptions& options, const std::vector<domain::Insats>& insatser)
        : app_(app), options_(options), insatser_(insatser), known_(insatser.size()) {}

    // Plans, validates and writes the participations of one year in one transaction.
    Status Write(Drawer& drawer, int year, const std::vector<long long>& counts, GeneratedSummary& summary);
    // Participations kept to compare with what the store gives back.
    std::vector<domain::Participation> samples;

   private:
    std::vector<Plan> PlanYear(Drawer& drawer, int year, const std::vector<long long>& counts);
    void AssignPerson(Rng& rng, Plan& plan);

    services::App& app_;
    const GeneratorOptions& options_;
    const std::vector<domain::Insats>& insatser_;
    std::vector<std::vector<Known>> known_;
    std::vector<std::pair<size_t, size_t>> fresh_;  // (insats, person) created this year, in order
    long long sequence_ = 0;
};

void YearWriter::AssignPerson(Rng& rng, Plan& plan) {
    const Profile& profile = Profiles()[plan.insats_idx];
    domain::Participation& p = plan.p;
    const domain::Date on = p.start_date ? *p.start_date : *p.referral_date;
    static const int kBandLow[] = {18, 25, 30, 40, 50};
    static const int kBandHigh[] = {24, 29, 39, 49, 64};
    const auto& bands = profile.age_band_weights;
    const size_t band = PickIndex(rng, {bands[0], bands[1], bands[2], bands[3], bands[4]});
    const int age = Uniform(rng, kBandLow[band], kBandHigh[band]);
    const int roll = Uniform(rng, 0, 99);
    const char gender = roll < 1 ? 'X' : (roll <= profile.women_percent ? 'K' : 'M');
    if (Chance(rng, 5)) {  // anonymous: no code, birth year mostly given
        p.anonymous = true;
        p.gender = std::string(1, gender);
        if (Chance(rng, 80)) p.birth_year = on.year - age;
        return;
    }
    std::vector<Known>& known = known_[plan.insats_idx];
    // About 8 % are a later episode of someone who took part before (tried among the
    // most recent persons, whose earlier episode must have ended).
    if (Chance(rng, 9) && !known.empty()) {
        const size_t window = std::min<size_t>(known.size(), 5000);
        const size_t idx = known.size() - 1 - static_cast<size_t>(Uniform(rng, 0, static_cast<int>(window) - 1));
        Known& k = known[idx];
        const int their_age = on.year - k.birth_year;
        if (k.free_from && *k.free_from < *p.referral_date && their_age >= 18 && their_age <= 66) {
            k.free_from.reset();
            plan.known_idx = idx;
            p.gender = std::string(1, k.gender);
            p.birth_year = k.birth_year;
            return;
        }
    }
    Known k;
    k.birth_year = on.year - age;
    k.gender = gender;
    plan.known_idx = known.size();
    known.push_back(k);
    fresh_.emplace_back(plan.insats_idx, plan.known_idx);
    p.gender = std::string(1, gender);
    p.birth_year = k.birth_year;
}

std::vector<Plan> YearWriter::PlanYear(Drawer& drawer, int year, const std::vector<long long>& counts) {
    Rng& rng = drawer.rng();
    const domain::Date today{options_.last_year, 12, 31};
    std::vector<Plan> plans;
    for (size_t insats_idx = 0; insats_idx < insatser_.size(); ++insats_idx) {
        const size_t begin = plans.size();
        for (long long n = 0; n < counts[insats_idx]; ++n) {
            Plan plan;
            plan.insats_idx = insats_idx;
            plan.p.insats_id = insatser_[insats_idx].id;
            plan.p.referral_date = ReferralDay(rng, year);
            DrawDates(rng, today, plan.p);
            plans.push_back(std::move(plan));
        }
        // Persons are matched in the order of referral, so an earlier episode has ended
        // before the next one is referred.
        std::sort(plans.begin() + static_cast<long>(begin), plans.end(),
                  [](const Plan& a, const Plan& b) { return *a.p.referral_date < *b.p.referral_date; });
        const Profile& profile = Profiles()[insats_idx];
        for (size_t idx = begin; idx < plans.size(); ++idx) {
            Plan& plan = plans[idx];
            AssignPerson(rng, plan);
            domain::Participation& p = plan.p;
            const domain::Date on = p.start_date ? *p.start_date : *p.referral_date;
            drawer.FillIntake(profile, p.birth_year ? on.year - *p.birth_year : 40, p);
            if (p.end_date) drawer.FillExit(profile, p);
            if (p.anonymous) continue;
            Known& k = known_[insats_idx][plan.known_idx];
            k.free_from = p.start_date ? p.end_date : (p.decision_date ? p.decision_date : p.referral_date);
        }
    }
    return plans;
}

Status YearWriter::Write(Drawer& drawer, int year, const std::vector<long long>& counts, GeneratedSummary& summary) {
    fresh_.clear();
    std::vector<Plan> plans = PlanYear(drawer, year, counts);
    const domain::Date today{options_.last_year, 12, 31};

    // Persons first: the participations refer to them.
    std::vector<store::PersonRecord> persons;
    persons.reserve(fresh_.size());
    std::vector<int> serial(insatser_.size(), 0);
    for (const auto& [insats_idx, known_idx] : fresh_) {
        const Known& k = known_[insats_idx][known_idx];
        store::PersonRecord person;
        person.controller_org_id = insatser_[insats_idx].controller_org_id;
        person.insats_id = insatser_[insats_idx].id;
        char code[40];
        std::snprintf(code, sizeof code, "%s-%d-%05d", Profiles()[insats_idx].code_prefix, year, ++serial[insats_idx]);
        person.participant_code = code;
        person.birth_year = k.birth_year;
        persons.push_back(std::move(person));
    }
    std::vector<domain::Participation> rows;
    rows.reserve(plans.size());

    auto uow = app_.db().Begin();
    if (!uow.ok()) return uow.status();
    std::unique_ptr<store::BulkLoader> loader;
    if (options_.writer == "bulk") GEN_ASSIGN(loader, store::BulkLoader::Prepare(**uow));
    std::vector<long long> person_ids;
    if (loader) {
        GEN_ASSIGN(person_ids, loader->InsertPersons(persons));
    } else {
        store::PersonRepo repo(**uow);
        for (const auto& person : persons) {
            auto id = repo.Insert(person);
            if (!id.ok()) return id.status();
            person_ids.push_back(*id);
        }
    }
    for (size_t idx = 0; idx < fresh_.size(); ++idx)
        known_[fresh_[idx].first][fresh_[idx].second].db_id = person_ids[idx];

    for (Plan& plan : plans) {
        if (!plan.p.anonymous) plan.p.person_id = known_[plan.insats_idx][plan.known_idx].db_id;
        domain::ValidationContext ctx{today, false, insatser_[plan.insats_idx].self_referral_allowed};
        if (Status valid = domain::Validate(plan.p, ctx); !valid.ok()) {
            std::string fields;
            for (const auto& field : valid.fields()) fields += " " + field.field + ": " + field.message;
            return Status::Internal("generated participation fails validation:" + fields);
        }
        rows.push_back(std::move(plan.p));
    }
    std::vector<long long> ids;
    if (loader) {
        GEN_ASSIGN(ids, loader->InsertParticipations(rows));
    } else {
        store::ParticipationRepo repo(**uow);
        for (const auto& row : rows) {
            auto id = repo.Insert(row);
            if (!id.ok()) return id.status();
            ids.push_back(*id);
        }
    }
    loader.reset();  // its statements must go before the transaction ends
    FOLJSAM_RETURN_IF_ERROR((*uow)->Commit());
    for (size_t idx = 0; idx < rows.size(); ++idx) {
        if (++sequence_ % 4999 != 0) continue;
        samples.push_back(std::move(rows[idx]));
        samples.back().id = ids[idx];
    }
    summary.participations += static_cast<long long>(rows.size());
    summary.persons += static_cast<long long>(persons.size());
    return Status::Ok();
}

// The answers in the order ParticipationRepo::Get returns them (by code, co-referrers by id).
domain::Participation Normalised(domain::Participation p) {
    auto by_code = [](const domain::SupportValue& a, const domain::SupportValue& b) { return a.code < b.code; };
    std::sort(p.intake.support_at_start.begin(), p.intake.support_at_start.end(), by_code);
    std::sort(p.exit.support_after.begin(), p.exit.support_after.end(), by_code);
    std::sort(p.intake.target_groups.begin(), p.intake.target_groups.end());
    std::sort(p.intake.co_referrer_org_ids.begin(), p.intake.co_referrer_org_ids.end());
    return p;
}

bool Same(const domain::Participation& a, const domain::Participation& b) {
    return a.id == b.id && a.insats_id == b.insats_id && a.person_id == b.person_id && a.anonymous == b.anonymous &&
           a.gender == b.gender && a.birth_year == b.birth_year && a.referral_date == b.referral_date &&
           a.decision == b.decision && a.decision_date == b.decision_date && a.start_date == b.start_date &&
           a.end_date == b.end_date && a.intake == b.intake && a.exit == b.exit && a.consent_date == b.consent_date &&
           a.consent_form == b.consent_form;
}

// Reads the samples back through the ordinary repository: the bulk loader must have
// written what ParticipationRepo::Insert would have.
Status CheckSamples(services::App& app, const std::vector<domain::Participation>& samples) {
    auto uow = app.db().Begin(store::Database::Mode::kRead);
    if (!uow.ok()) return uow.status();
    store::ParticipationRepo repo(**uow);
    for (const auto& expected : samples) {
        auto stored = repo.Get(expected.id);
        if (!stored.ok()) return stored.status();
        if (!Same(Normalised(*stored), Normalised(expected)))
            return Status::Internal("participation " + std::to_string(expected.id) + " reads back differently");
    }
    return Status::Ok();
}

}  // namespace

Result<GeneratedSummary> GenerateAssociation(services::App& app, const GeneratorOptions& options) {
    const int first_year = options.last_year - options.years + 1;
    services::AdminService admin(app);
    GeneratedSummary summary;
    services::InitResult init;
    GEN_ASSIGN(init, admin.Init(kForbundName));
    summary.forbund_id = init.forbund_id;
    domain::Actor actor;
    GEN_ASSIGN(actor, AdminActor(app));
    Orgs orgs;
    GEN_ASSIGN(orgs, CreateOrganisations(admin, actor));
    std::vector<domain::Insats> insatser;
    GEN_ASSIGN(insatser, CreateInsatser(admin, actor, orgs, first_year));
    summary.organisations = orgs.count;
    summary.insatser = static_cast<long long>(insatser.size());

    const auto volumes = Volumes(options.participations, options.years);
    Drawer drawer(options.seed, orgs);
    YearWriter writer(app, options, insatser);
    const auto started = std::chrono::steady_clock::now();
    for (int year_idx = 0; year_idx < options.years; ++year_idx) {
        FOLJSAM_RETURN_IF_ERROR(writer.Write(drawer, first_year + year_idx, volumes[year_idx], summary));
        summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        if (options.progress)
            std::fprintf(stderr, "generate: %d done, %lld participations, %.1f s (%.0f/s)\n", first_year + year_idx,
                         summary.participations, summary.seconds,
                         static_cast<double>(summary.participations) / summary.seconds);
    }
    FOLJSAM_RETURN_IF_ERROR(CheckSamples(app, writer.samples));
    return summary;
}

}  // namespace foljsam::bench

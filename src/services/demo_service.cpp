#include "services/demo_service.hpp"

#include <algorithm>
#include <cassert>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "domain/actor.hpp"
#include "domain/organisation.hpp"
#include "domain/participation.hpp"
#include "domain/user.hpp"
#include "services/admin_service.hpp"
#include "services/auth_service.hpp"
#include "services/demo_goals.hpp"
#include "services/demo_population.hpp"
#include "services/participation_service.hpp"
#include "services/two_factor_service.hpp"
#include "store/database.hpp"
#include "store/migrations.hpp"
#include "store/organisation_repo.hpp"
#include "store/user_repo.hpp"

namespace foljsam::services {
namespace {

constexpr const char* kForbundName = "Samordningsförbundet Stockholms stad";
constexpr const char* kDemoPassword = "Följsam-demo-2026";
constexpr const char* kStockholmKommun = "0180";
constexpr const char* kConsentForm = "Skriftligt samtycke v1";

// ---- Deterministic randomness -----------------------------------------------------------
// std::uniform_int_distribution and friends are implementation-defined, so the same seed
// would give other data with another standard library. mt19937's output is specified.

using Rng = std::mt19937;

// Inclusive range. Precondition: lo <= hi. The modulo bias is irrelevant for demo data.
int Uniform(Rng& rng, int lo, int hi) {
    assert(lo <= hi);  // callers clamp their ranges first
    return lo + static_cast<int>(rng() % static_cast<unsigned>(hi - lo + 1));
}

bool Chance(Rng& rng, int percent) { return Uniform(rng, 0, 99) < percent; }

// Index of the option drawn with probability proportional to its weight.
// Precondition: the weights are non-negative and their sum is positive.
size_t PickIndex(Rng& rng, const std::vector<int>& weights) {
    int total = 0;
    for (int w : weights) total += w;
    int roll = Uniform(rng, 0, total - 1);
    for (size_t idx = 0; idx < weights.size(); ++idx) {
        if (roll < weights[idx]) return idx;
        roll -= weights[idx];
    }
    assert(false);  // roll < total by construction
    return 0;
}

struct Weighted {
    std::string_view code;
    int weight;
};

// Index into `options` (anything with a `weight` member), drawn by weight.
template <typename Options>
size_t PickByWeight(Rng& rng, const Options& options) {
    std::vector<int> weights;
    for (const auto& o : options) weights.push_back(o.weight);
    return PickIndex(rng, weights);
}

std::string Pick(Rng& rng, const std::vector<Weighted>& options) {
    return std::string(options[PickByWeight(rng, options)].code);
}

domain::Date RandomDay(Rng& rng, const domain::Date& first, const domain::Date& last) {
    const long span = last.DaysSinceEpoch() - first.DaysSinceEpoch();
    return first.AddDays(span <= 0 ? 0 : Uniform(rng, 0, static_cast<int>(span)));
}

// ---- Organisations ----------------------------------------------------------------------

// Stockholm's current stadsdelsförvaltningar (shared/reference/stockholm_stadsdelsomraden.csv,
// aktiv=ja), with rough weights for how often their residents appear in FINSAM insatser.
struct District {
    const char* code;
    const char* administration;
    int weight;
};
const District kDistricts[] = {
    {"BROMMA", "Bromma stadsdelsförvaltning", 6},
    {"ENSKEDE_ARSTA_VANTOR", "Enskede-Årsta-Vantörs stadsdelsförvaltning", 12},
    {"FARSTA", "Farsta stadsdelsförvaltning", 9},
    {"HAGERSTEN_ALVSJO", "Hägersten-Älvsjö stadsdelsförvaltning", 8},
    {"HASSELBY_VALLINGBY", "Hässelby-Vällingby stadsdelsförvaltning", 10},
    {"JARVA", "Järva stadsdelsförvaltning", 17},
    {"KUNGSHOLMEN", "Kungsholmens stadsdelsförvaltning", 4},
    {"NORRA_INNERSTADEN", "Norra innerstadens stadsdelsförvaltning", 6},
    {"SKARPNACK", "Skarpnäcks stadsdelsförvaltning", 7},
    {"SKARHOLMEN", "Skärholmens stadsdelsförvaltning", 11},
    {"SODERMALM", "Södermalms stadsdelsförvaltning", 8},
};
constexpr size_t kDistrictCount = std::size(kDistricts);

struct Orgs {
    long long fk = 0, af = 0, region = 0, stad = 0;
    long long districts[kDistrictCount] = {};
    long long jobbtorg = 0, hemlosa = 0, soc_beroende = 0;
    long long psyk_nordvast = 0, psyk_sodra = 0, beroendecentrum = 0, vc_rinkeby = 0, vc_farsta = 0;
    long long fk_lfc = 0, af_city = 0, af_jarva = 0;
    long long count = 0;
};

#define DEMO_ASSIGN(target, expr)         \
    do {                                  \
        auto _r = (expr);                 \
        if (!_r.ok()) return _r.status(); \
        target = *_r;                     \
    } while (0)

Result<Orgs> EnsureOrganisations(AdminService& admin, const domain::Actor& actor) {
    auto existing = admin.ListOrganisations(actor);
    if (!existing.ok()) return existing.status();
    Orgs o;
    // Finds an organisation by name and parent, or creates it.
    auto ensure = [&](const std::string& name, std::optional<long long> parent, const std::string& member_type,
                      const std::string& kommunkod) -> Result<long long> {
        ++o.count;
        for (const auto& existing_org : *existing)
            if (existing_org.name == name && existing_org.parent_id == parent) return existing_org.id;
        domain::Organisation org;
        org.parent_id = parent;
        org.name = name;
        org.member_type = member_type;
        org.kommunkod = kommunkod;
        return admin.SaveOrganisation(actor, org);
    };
    DEMO_ASSIGN(o.fk, ensure("Försäkringskassan", std::nullopt, "FK", ""));
    DEMO_ASSIGN(o.af, ensure("Arbetsförmedlingen", std::nullopt, "AF", ""));
    DEMO_ASSIGN(o.region, ensure("Region Stockholm", std::nullopt, "REGION", ""));
    DEMO_ASSIGN(o.stad, ensure("Stockholms stad", std::nullopt, "KOMMUN", kStockholmKommun));
    for (size_t idx = 0; idx < kDistrictCount; ++idx)
        DEMO_ASSIGN(o.districts[idx], ensure(kDistricts[idx].administration, o.stad, "KOMMUN", kStockholmKommun));
    DEMO_ASSIGN(o.jobbtorg, ensure("Jobbtorg Stockholm", o.stad, "KOMMUN", kStockholmKommun));
    DEMO_ASSIGN(o.hemlosa, ensure("Enheten för hemlösa", o.stad, "KOMMUN", kStockholmKommun));
    DEMO_ASSIGN(o.soc_beroende, ensure("Socialtjänstens beroendeenhet", o.stad, "KOMMUN", kStockholmKommun));
    DEMO_ASSIGN(o.psyk_nordvast, ensure("Psykiatri Nordväst, psykosklinik", o.region, "REGION", ""));
    DEMO_ASSIGN(o.psyk_sodra, ensure("Psykiatri Södra, psykosklinik", o.region, "REGION", ""));
    DEMO_ASSIGN(o.beroendecentrum, ensure("Beroendecentrum Stockholm", o.region, "REGION", ""));
    DEMO_ASSIGN(o.vc_rinkeby, ensure("Vårdcentral Rinkeby", o.region, "REGION", ""));
    DEMO_ASSIGN(o.vc_farsta, ensure("Vårdcentral Farsta", o.region, "REGION", ""));
    DEMO_ASSIGN(o.fk_lfc, ensure("Försäkringskassan lokalt försäkringscenter Stockholm", o.fk, "FK", ""));
    DEMO_ASSIGN(o.af_city, ensure("Arbetsförmedlingen Stockholm city", o.af, "AF", ""));
    DEMO_ASSIGN(o.af_jarva, ensure("Arbetsförmedlingen Järva", o.af, "AF", ""));
    return o;
}

#undef DEMO_ASSIGN

// ---- Insatser ---------------------------------------------------------------------------

// Who refers: a unit, or a kind of unit (one is picked), or a non-organisation referrer.
enum class Ref {
    kFk,
    kAf,
    kDistrict,
    kJobbtorg,
    kHemlosa,
    kSocBeroende,
    kPsykiatri,
    kBeroendecentrum,
    kVardcentral,
    kSelf,
    kOther
};
struct RefWeight {
    Ref ref;
    int weight;
};

struct Profile {
    const char* name;
    const char* description;
    const char* code_prefix;  // participant codes "FT-2024-0001"
    bool region_controller;
    bool with_identity;
    bool self_referral;
    int age_of_insats;  // the insats started on 1 January, this many years before today's year
    int starts_per_year;
    int women_percent;
    int homeless_percent;
    int disability_percent;
    bool supported_employment;  // IPS: more exits to work
    std::vector<RefWeight> referrers;
    std::vector<int> age_band_weights;  // 18-24, 25-29, 30-39, 40-49, 50-64
};

// clang-format off
const std::vector<Profile>& Profiles() {
    static const std::vector<Profile> profiles = {
        {"FINSAM-team",
         "Samordnad bedömning och gemensam planering för personer som behöver stöd från flera myndigheter samtidigt. "
         "Handläggare från Försäkringskassan, Arbetsförmedlingen, socialtjänsten och vården träffar deltagaren "
         "tillsammans, gör en gemensam plan och följer upp den efter 2, 6 och 12 månader.",
         "FT", false, false, false, 9, 95, 55, 4, 25, false,
         {{Ref::kDistrict, 30}, {Ref::kFk, 22}, {Ref::kAf, 18}, {Ref::kVardcentral, 12}, {Ref::kJobbtorg, 7},
          {Ref::kHemlosa, 2}, {Ref::kPsykiatri, 4}, {Ref::kOther, 5}},
         {12, 14, 26, 24, 24}},
        {"Aktivitetsplatsen",
         "Arbetsträning och meningsfull sysselsättning i liten skala för personer som står långt från "
         "arbetsmarknaden, ofta med sjukpenning eller sjukersättning. Tar emot egenanmälan.",
         "AP", false, false, true, 6, 105, 80, 2, 30, false,
         {{Ref::kFk, 62}, {Ref::kSelf, 10}, {Ref::kAf, 8}, {Ref::kDistrict, 8}, {Ref::kVardcentral, 6},
          {Ref::kOther, 6}},
         {6, 10, 26, 30, 28}},
        {"IPS i psykosvården",
         "Individual Placement and Support (IPS): arbetsspecialister i psykosvårdens team stödjer personer med "
         "psykossjukdom att få och behålla ett arbete på den reguljära arbetsmarknaden.",
         "IP", true, false, false, 5, 60, 30, 3, 70, true,
         {{Ref::kPsykiatri, 78}, {Ref::kFk, 5}, {Ref::kAf, 5}, {Ref::kDistrict, 5}, {Ref::kJobbtorg, 2},
          {Ref::kOther, 5}},
         {18, 22, 32, 18, 10}},
        {"Novum",
         "Samordnat stöd för unga vuxna som varken arbetar eller studerar, med en stegvis väg mot arbete eller "
         "studier.",
         "NV", false, false, false, 3, 50, 45, 2, 35, false,
         {{Ref::kJobbtorg, 30}, {Ref::kDistrict, 25}, {Ref::kAf, 20}, {Ref::kFk, 10}, {Ref::kVardcentral, 8},
          {Ref::kOther, 7}},
         {55, 40, 5, 0, 0}},
        {"IPS för personer med beroende",
         "IPS (Individual Placement and Support) för personer med beroende: arbetsspecialister vid Beroendecentrum "
         "Stockholm ger stöd till arbete eller studier parallellt med behandling. Insatsen ingår i en "
         "forskningsstudie; deltagarna registreras med personnummer efter skriftligt samtycke så att resultaten kan "
         "följas upp.",
         "", true, true, false, 3, 42, 30, 12, 20, true,
         {{Ref::kBeroendecentrum, 68}, {Ref::kSocBeroende, 11}, {Ref::kHemlosa, 3}, {Ref::kVardcentral, 5},
          {Ref::kFk, 4}, {Ref::kAf, 4}, {Ref::kOther, 5}},
         {8, 14, 32, 26, 20}},
    };
    return profiles;
}
// clang-format on

Result<std::vector<long long>> EnsureInsatser(AdminService& admin, const domain::Actor& actor, const Orgs& orgs,
                                              const domain::Date& today) {
    auto existing = admin.VisibleInsatser(actor);
    if (!existing.ok()) return existing.status();
    std::vector<long long> ids;
    for (const auto& profile : Profiles()) {
        auto found = std::find_if(existing->begin(), existing->end(),
                                  [&](const domain::Insats& i) { return i.name == profile.name; });
        if (found != existing->end()) {
            ids.push_back(found->id);
            continue;
        }
        domain::Insats insats;
        insats.name = profile.name;
        insats.description = profile.description;
        insats.start_date = domain::Date{today.year - profile.age_of_insats, 1, 1};
        insats.orientation = "INDIVID";
        insats.follow_up_method = "INDIVIDUELL";
        insats.self_referral_allowed = profile.self_referral;
        insats.controller_org_id = profile.region_controller ? orgs.region : orgs.stad;
        insats.registration_mode = profile.with_identity ? "MED_ID" : "UTAN_ID";
        auto id = admin.SaveInsats(actor, insats);
        if (!id.ok()) return id.status();
        ids.push_back(*id);
    }
    return ids;
}

// ---- Users ------------------------------------------------------------------------------

Result<std::optional<long long>> FindUserId(App& app, const std::string& username) {
    auto uow = app.db().Begin(store::Database::Mode::kRead);
    if (!uow.ok()) return uow.status();
    auto found = store::UserRepo(**uow).FindByUsername(username);
    if (found.ok()) return std::optional<long long>(found->first.id);
    if (found.status().code() == StatusCode::kNotFound) return std::optional<long long>();
    return found.status();
}

Result<domain::Actor> ActorOf(App& app, const std::string& username) {
    auto id = FindUserId(app, username);
    if (!id.ok()) return id.status();
    if (!id->has_value()) return Status::NotFound("Användaren " + username + " finns inte.");
    return AuthService(app).LoadActor(**id);
}

struct UserSpec {
    NewUser user;
    std::string description;
};

UserSpec Spec(std::string username, std::string display_name, std::optional<long long> organisation_id,
              domain::Role role, std::vector<long long> insats_ids, std::string description) {
    return {{std::move(username), std::move(display_name), organisation_id, kDemoPassword, role, std::move(insats_ids)},
            std::move(description)};
}

Result<std::vector<DemoUser>> EnsureUsers(App& app, long long forbund_id, const Orgs& orgs,
                                          const std::vector<long long>& insats_ids) {
    using domain::Role;
    // Indexes follow Profiles(): 0 FINSAM-team, 1 Aktivitetsplatsen, 2 IPS psykos, 3 Novum, 4 IPS beroende.
    const std::vector<UserSpec> specs = {
        Spec("drift", "Driften (demo)", std::nullopt, Role::kSystemAdmin, {},
             "Systemadministratör: driften av installationen (förbund, säkerhetskopior). Ser aldrig "
             "personuppgifter eller deltagare."),
        Spec("kansli", "Kansliet (demo)", std::nullopt, Role::kForbundAdmin, {},
             "Förbundsadministratör på kansliet: medlemmar, enheter, insatser och användare. Ser aldrig "
             "personuppgifter."),
        Spec("analytiker", "Analytiker (demo)", std::nullopt, Role::kAnalytiker, {},
             "Analytiker: rapporter och aggregat för hela förbundet, med maskering av små tal."),
        Spec("styrelse", "Styrelsen (demo)", std::nullopt, Role::kLasare, {},
             "Läsare (styrelse, beredningsgrupp): publicerade rapporter och översikter."),
        Spec("projektledare", "Projektledare (demo)", std::nullopt, Role::kInsatsAnsvarig, insats_ids,
             "Insatsansvarig för alla fem insatser: inställningar och statistik, inga deltagaruppgifter."),
        Spec("registrator.stad", "Registrator Stockholms stad (demo)", orgs.jobbtorg, Role::kDeltagarAnsvarig,
             {insats_ids[0], insats_ids[1], insats_ids[3], insats_ids[4]},
             "Deltagaransvarig på Jobbtorg Stockholm (Stockholms stad): registrerar i FINSAM-team, Aktivitetsplatsen "
             "och Novum. Är tilldelad även IPS för personer med beroende men ser inga identiteter där, eftersom "
             "Region Stockholm är personuppgiftsansvarig."),
        Spec("registrator.region", "Registrator Region Stockholm (demo)", orgs.beroendecentrum, Role::kDeltagarAnsvarig,
             {insats_ids[2], insats_ids[4]},
             "Deltagaransvarig på Beroendecentrum Stockholm (Region Stockholm): registrerar i IPS i psykosvården och "
             "i IPS för personer med beroende, där med personnummer och namn."),
    };
    AdminService admin(app);
    std::vector<DemoUser> out;
    for (const auto& spec : specs) {
        auto existing = FindUserId(app, spec.user.username);
        if (!existing.ok()) return existing.status();
        if (!existing->has_value()) {
            auto created = admin.CreateUserUnchecked(forbund_id, spec.user);
            if (!created.ok()) return created.status();
        }
        out.push_back({spec.user.username, domain::RoleLabel(spec.user.role), spec.description});
    }
    return out;
}

// ---- Participations ---------------------------------------------------------------------

struct Plan {
    size_t insats_idx = 0;
    bool started = false;
    Ref ref = Ref::kOther;
    domain::Participation p;
    PersonInput person;
};

// A person already planned in an insats, who may take part again after an earlier episode.
struct Known {
    std::string participant_code;
    int pnr_index = -1;
    int birth_year = 0;
    std::string gender;
    std::optional<domain::Date> free_from;  // empty while an episode is open
};

struct Generator {
    Rng rng;
    domain::Date today;
    const Orgs& orgs;
    std::vector<bool> pnr_used = std::vector<bool>(DemoPersonnummer().size(), false);

    // Dates of one insats's plans over the three calendar years up to today.
    std::vector<Plan> PlanDates(size_t insats_idx, const Profile& profile);
    void AssignPerson(const Profile& profile, std::vector<Known>& known, std::map<int, int>& code_counters, Plan& plan);
    void FillIntake(const Profile& profile, Plan& plan);
    void FillExit(const Profile& profile, Plan& plan);
    std::vector<domain::SupportValue> SupportAtStart(Ref ref, int age);
    long long ReferrerUnit(Ref ref, std::string* district_code);
};

std::vector<Plan> Generator::PlanDates(size_t insats_idx, const Profile& profile) {
    std::vector<Plan> plans;
    for (int year = today.year - 2; year <= today.year; ++year) {
        const domain::Date first{year, 1, 1};
        const domain::Date last = std::min(domain::Date{year, 12, 31}, today);
        const long elapsed = last.DaysSinceEpoch() - first.DaysSinceEpoch() + 1;
        const int starts = static_cast<int>(profile.starts_per_year * Uniform(rng, 88, 112) * elapsed / (100 * 365));
        for (int k = 0; k < starts; ++k) {
            Plan plan;
            plan.insats_idx = insats_idx;
            plan.started = true;
            const domain::Date start = RandomDay(rng, first, last);
            const domain::Date decision = start.AddDays(-Uniform(rng, 7, 28));
            plan.p.start_date = start;
            plan.p.decision = "BEVILJAD";
            plan.p.decision_date = decision;
            plan.p.referral_date = decision.AddDays(-Uniform(rng, 7, 42));
            plans.push_back(std::move(plan));
        }
        const int not_started = (starts * Uniform(rng, 8, 12) + 50) / 100;
        for (int k = 0; k < not_started; ++k) {
            Plan plan;
            plan.insats_idx = insats_idx;
            const bool current_year = year == today.year;
            plan.p.decision = current_year ? Pick(rng, {{"AVSLAG", 40}, {"VANTELISTA", 30}, {"", 15}, {"BEVILJAD", 15}})
                                           : Pick(rng, {{"AVSLAG", 80}, {"VANTELISTA", 20}});
            domain::Date referral;
            if (plan.p.decision.empty()) {
                referral = today.AddDays(-Uniform(rng, 0, 50));  // waiting for a decision
            } else if (plan.p.decision == "BEVILJAD") {
                referral = today.AddDays(-Uniform(rng, 20, 80));  // accepted, not started yet
            } else {
                referral = RandomDay(rng, first, std::max(first, last.AddDays(-7)));
            }
            plan.p.referral_date = referral;
            if (!plan.p.decision.empty()) plan.p.decision_date = std::min(referral.AddDays(Uniform(rng, 7, 42)), today);
            plans.push_back(std::move(plan));
        }
    }
    return plans;
}

int BirthYearOf(const std::string& pnr) { return std::atoi(pnr.substr(0, 4).c_str()); }
bool IsManNumber(const std::string& pnr) { return (pnr[10] - '0') % 2 == 1; }

void Generator::AssignPerson(const Profile& profile, std::vector<Known>& known, std::map<int, int>& code_counters,
                             Plan& plan) {
    domain::Participation& p = plan.p;
    const domain::Date on = p.start_date ? *p.start_date : *p.referral_date;
    const size_t band = PickIndex(rng, profile.age_band_weights);
    static const int kBandLow[] = {18, 25, 30, 40, 50};
    static const int kBandHigh[] = {24, 29, 39, 49, 64};
    const int target_age = Uniform(rng, kBandLow[band], kBandHigh[band]);
    const int roll = Uniform(rng, 0, 99);
    const std::string gender = roll < 1 ? "X" : (roll <= profile.women_percent ? "K" : "M");

    auto make_anonymous = [&] {  // no code, no identity, no consent
        p.anonymous = true;
        p.gender = gender;
        plan.person.birth_year = on.year - target_age;
    };
    if (Chance(rng, 5)) return make_anonymous();
    // Someone who took part before comes back for a new episode now and then.
    if (plan.started && Chance(rng, 3)) {
        std::vector<size_t> candidates;
        for (size_t idx = 0; idx < known.size(); ++idx) {
            const int age = on.year - known[idx].birth_year;
            if (known[idx].free_from && *known[idx].free_from < *p.referral_date && age >= 18 && age <= 64)
                candidates.push_back(idx);
        }
        if (!candidates.empty()) {
            Known& k = known[candidates[Uniform(rng, 0, static_cast<int>(candidates.size()) - 1)]];
            k.free_from.reset();
            plan.person.participant_code = k.participant_code;
            plan.person.birth_year = k.birth_year;
            p.gender = k.gender;
            if (k.pnr_index >= 0) {
                plan.person.birth_year.reset();
                plan.person.personnummer = DemoPersonnummer()[k.pnr_index];
                plan.person.name = DemoNames()[k.pnr_index];
                p.gender.clear();
                p.consent_date = p.referral_date;
                p.consent_form = kConsentForm;
            }
            return;
        }
    }
    Known k;
    if (profile.with_identity) {
        // The unused number of the wanted legal gender whose age is nearest the target age.
        const auto& numbers = DemoPersonnummer();
        const bool want_man = gender != "K";
        int best = -1;
        int best_distance = 1000;
        for (int pass = 0; pass < 2 && best < 0; ++pass) {
            for (size_t idx = 0; idx < numbers.size(); ++idx) {
                const int age = on.year - BirthYearOf(numbers[idx]);
                if (pnr_used[idx] || age < 18 || age > 64) continue;
                if (pass == 0 && IsManNumber(numbers[idx]) != want_man) continue;
                if (std::abs(age - target_age) < best_distance) {
                    best = static_cast<int>(idx);
                    best_distance = std::abs(age - target_age);
                }
            }
        }
        if (best < 0) return make_anonymous();  // every number used: never invent one
        pnr_used[best] = true;
        k.pnr_index = best;
        k.birth_year = BirthYearOf(numbers[best]);
        k.gender = IsManNumber(numbers[best]) ? "M" : "K";
        plan.person.personnummer = numbers[best];
        plan.person.name = DemoNames()[best];
        p.consent_date = p.referral_date;  // consent is asked for at referral
        p.consent_form = kConsentForm;
        // Gender stays empty: the service derives the legal gender from the number.
    } else {
        const int year = p.referral_date->year;
        char code[32];
        std::snprintf(code, sizeof code, "%s-%d-%04d", profile.code_prefix, year, ++code_counters[year]);
        k.participant_code = code;
        k.birth_year = on.year - target_age;
        k.gender = gender;
        plan.person.participant_code = k.participant_code;
        plan.person.birth_year = k.birth_year;
        p.gender = gender;
    }
    known.push_back(std::move(k));
}

long long Generator::ReferrerUnit(Ref ref, std::string* district_code) {
    switch (ref) {
        case Ref::kFk:
            return orgs.fk_lfc;
        case Ref::kAf:
            return Chance(rng, 60) ? orgs.af_city : orgs.af_jarva;
        case Ref::kDistrict: {
            const size_t idx = PickByWeight(rng, kDistricts);
            *district_code = kDistricts[idx].code;
            return orgs.districts[idx];
        }
        case Ref::kJobbtorg:
            return orgs.jobbtorg;
        case Ref::kHemlosa:
            return orgs.hemlosa;
        case Ref::kSocBeroende:
            return orgs.soc_beroende;
        case Ref::kPsykiatri:
            return Chance(rng, 50) ? orgs.psyk_nordvast : orgs.psyk_sodra;
        case Ref::kBeroendecentrum:
            return orgs.beroendecentrum;
        case Ref::kVardcentral:
            return Chance(rng, 50) ? orgs.vc_rinkeby : orgs.vc_farsta;
        case Ref::kSelf:
        case Ref::kOther:
            return 0;
    }
    return 0;
}

// clang-format off
std::vector<domain::SupportValue> Generator::SupportAtStart(Ref ref, int age) {
    const int young = age < 30 ? 1 : 0;
    std::string first;
    switch (ref) {
        case Ref::kFk:
            first = Pick(rng, {{"SJUKPENNING", 35}, {"SJUKERSATTNING", 22 - 12 * young},
                               {"AKTIVITETSERSATTNING", 3 + 32 * young}, {"REHABPENNING", 12}, {"FORSORJNINGSSTOD", 8},
                               {"OKAND", 3}});
            break;
        case Ref::kAf:
            first = Pick(rng, {{"AKTIVITETSSTOD", 45}, {"A_KASSA", 12}, {"ETABLERINGSERSATTNING", 8},
                               {"FORSORJNINGSSTOD", 25}, {"INGEN", 5}, {"OKAND", 5}});
            break;
        case Ref::kDistrict:
        case Ref::kJobbtorg:
        case Ref::kHemlosa:
        case Ref::kSocBeroende:
            first = Pick(rng, {{"FORSORJNINGSSTOD", 75}, {"AKTIVITETSSTOD", 8}, {"SJUKPENNING", 5},
                               {"AKTIVITETSERSATTNING", 2 + 5 * young}, {"INGEN", 3}, {"OKAND", 2}});
            break;
        case Ref::kPsykiatri:
        case Ref::kBeroendecentrum:
        case Ref::kVardcentral:
            first = Pick(rng, {{"SJUKPENNING", 25}, {"SJUKERSATTNING", 15 - 10 * young},
                               {"AKTIVITETSERSATTNING", 3 + 17 * young}, {"FORSORJNINGSSTOD", 30}, {"LON", 4},
                               {"INGEN", 5}, {"OKAND", 4}});
            break;
        case Ref::kSelf:
        case Ref::kOther:
            first = Pick(rng, {{"FORSORJNINGSSTOD", 30}, {"SJUKPENNING", 15}, {"SJUKERSATTNING", 10},
                               {"AKTIVITETSSTOD", 10}, {"A_KASSA", 5}, {"STUDIEMEDEL", 5}, {"INGEN", 12}, {"ANNAN", 5},
                               {"OKAND", 8}});
            break;
    }
    std::vector<domain::SupportValue> out{{first, std::nullopt}};
    const bool sickness = first == "SJUKPENNING" || first == "SJUKERSATTNING" || first == "AKTIVITETSERSATTNING";
    if (sickness && Chance(rng, 40)) {
        static const int kExtents[] = {25, 50, 75, 100};
        out[0].extent = kExtents[PickIndex(rng, {2, 3, 2, 5})];
    }
    // Social assistance often tops up another benefit.
    if (first != "INGEN" && first != "OKAND" && first != "FORSORJNINGSSTOD" && Chance(rng, 18))
        out.push_back({"FORSORJNINGSSTOD", std::nullopt});
    return out;
}
// clang-format on

void Generator::FillIntake(const Profile& profile, Plan& plan) {
    domain::IntakeAnswers& in = plan.p.intake;
    plan.ref = profile.referrers[PickByWeight(rng, profile.referrers)].ref;
    std::string district;
    if (plan.ref == Ref::kSelf) {
        in.referrer = "EGENANMALAN";
    } else if (plan.ref == Ref::kOther) {
        in.referrer = "ANNAN";
    } else {
        in.referrer = "ORG";
        in.referrer_org_id = ReferrerUnit(plan.ref, &district);
    }
    const int residence_roll = Uniform(rng, 0, 99);
    if (plan.ref == Ref::kHemlosa || residence_roll < profile.homeless_percent) {
        in.residence_special = "HEMLOS";
    } else if (residence_roll < profile.homeless_percent + 1) {
        in.residence_special = "OKAND";
    } else {
        in.residence_kommun = kStockholmKommun;
        // Referred by a stadsdelsförvaltning: usually lives in its district.
        in.residence_district =
            !district.empty() && Chance(rng, 90) ? district : kDistricts[PickByWeight(rng, kDistricts)].code;
    }
    const domain::Date on = plan.p.start_date ? *plan.p.start_date : *plan.p.referral_date;
    const int age =
        plan.person.birth_year ? on.year - *plan.person.birth_year : on.year - BirthYearOf(plan.person.personnummer);
    const bool outer_district = in.residence_district == "JARVA" || in.residence_district == "SKARHOLMEN";
    in.birth_region = Pick(rng, {{"SVERIGE", outer_district ? 40 : 60},
                                 {"EUROPA", 8},
                                 {"UTANFOR_EUROPA", outer_district ? 48 : 28},
                                 {"OKAND", 4}});
    if (Chance(rng, 92)) in.target_groups.push_back(age <= 29 ? "UNGA_16_29" : "VUXNA_30_64");
    if ((in.birth_region == "UTANFOR_EUROPA" && Chance(rng, 45)) || (in.birth_region == "EUROPA" && Chance(rng, 15)))
        in.target_groups.push_back("MIGRATION_FLYKT");
    if (Chance(rng, profile.disability_percent)) in.target_groups.push_back("FUNKTIONSNEDSATTNING");
    if (!plan.started) return;  // the remaining answers are asked at start

    in.education = Pick(rng, {{"FORGYMN", age < 22 ? 45 : 30},
                              {"GYMN", 40},
                              {"EFTERGYMN_KORT", 11},
                              {"EFTERGYMN_LANG", age < 24 ? 2 : 10},
                              {"OKAND", 9}});
    in.time_without_work = Pick(rng, {{"LT1", 14}, {"1_2", 18}, {"2_5", 28}, {"GE5", age < 25 ? 8 : 33}, {"OKAND", 7}});
    in.support_at_start = SupportAtStart(plan.ref, age);
    if (in.support_at_start.front().code == "LON") {
        in.occupation_start = "ARBETE";
    } else {
        in.occupation_start =
            Pick(rng, {{"OVRIGT", 46}, {"ARBETSSOKANDE", 34}, {"STUDIER", 5}, {"ARBETE", 7}, {"OKAND", 8}});
    }
    if (in.occupation_start == "ARBETE" && Chance(rng, 70)) in.occupation_start_extent = Chance(rng, 60) ? 25 : 50;
    if (in.occupation_start == "STUDIER" && Chance(rng, 70)) in.occupation_start_extent = Chance(rng, 50) ? 50 : 100;
    if (Chance(rng, 70))
        in.time_in_support = Pick(rng, {{"LT1", 15}, {"1_2", 18}, {"2_5", 30}, {"GE5", 30}, {"OKAND", 7}});
    if (Chance(rng, 50)) in.sgi_noll = Pick(rng, {{"JA", 40}, {"NEJ", 45}, {"OKANT", 15}});
}

// clang-format off
void Generator::FillExit(const Profile& profile, Plan& plan) {
    domain::Participation& p = plan.p;
    const domain::Date end = p.start_date->AddDays(Uniform(rng, 91, 548));  // 3 to 18 months
    if (end > today) return;                                                // still ongoing
    p.end_date = end;
    domain::ExitAnswers& out = p.exit;
    if (Uniform(rng, 0, 199) == 0) {  // a registration error, excluded from statistics
        out.exit_reason = "FELREG";
        return;
    }
    const bool ips = profile.supported_employment;
    out.exit_reason = Pick(rng, {{"ARBETE", ips ? 36 : 24}, {"STUDIER", ips ? 8 : 13}, {"VARD_REHAB", 13},
                                 {"FORTSATT_STOD", 13}, {"ANNAN_INSATS", 9}, {"FLYTT", 4}, {"FORALDRALEDIG", 2},
                                 {"FRIHETSBEROVAD", 1}, {"AVBROTT", 13}, {"ANNAT", 8}});
    const std::string& reason = out.exit_reason;
    if (Chance(rng, 85)) {
        if (reason == "ARBETE") {
            out.occupation_after = Pick(rng, {{"ARBETE_OSUBV", 50}, {"ARBETE_SUBV", 45}, {"ARBETE", 5}});
            if (Chance(rng, 60)) {
                static const int kExtents[] = {50, 75, 100};
                out.occupation_after_extent = kExtents[PickIndex(rng, {3, 3, 4})];
            }
        } else if (reason == "STUDIER") {
            out.occupation_after = "STUDIER";
            if (Chance(rng, 50)) out.occupation_after_extent = Chance(rng, 70) ? 100 : 50;
        } else if (reason == "FORTSATT_STOD") {
            out.occupation_after = Pick(rng, {{"ARBETSSOKANDE", 70}, {"OVRIGT", 25}, {"OKAND", 5}});
        } else if (reason == "ANNAN_INSATS") {
            out.occupation_after = Pick(rng, {{"ARBETSSOKANDE", 40}, {"OVRIGT", 55}, {"OKAND", 5}});
        } else if (reason == "VARD_REHAB" || reason == "FORALDRALEDIG" || reason == "FRIHETSBEROVAD") {
            out.occupation_after = Pick(rng, {{"OVRIGT", 85}, {"OKAND", 15}});
        } else {
            out.occupation_after = Pick(rng, {{"OKAND", 50}, {"OVRIGT", 30}, {"ARBETSSOKANDE", 20}});
        }
    }
    if (!Chance(rng, 70)) return;
    if (reason == "ARBETE") {
        out.support_after.push_back({"LON", std::nullopt});
        if (Chance(rng, 15)) out.support_after.push_back({"SJUKERSATTNING", Chance(rng, 50) ? 25 : 50});
    } else if (reason == "STUDIER") {
        out.support_after.push_back({"STUDIEMEDEL", std::nullopt});
    } else if (reason == "FORTSATT_STOD") {
        out.support_after.push_back(
            {Pick(rng, {{"AKTIVITETSSTOD", 50}, {"FORSORJNINGSSTOD", 40}, {"A_KASSA", 10}}), std::nullopt});
    } else if (reason == "AVBROTT" || reason == "FLYTT") {
        out.support_after.push_back({"OKAND", std::nullopt});
    } else {
        out.support_after = p.intake.support_at_start;
    }
}
// clang-format on

// Plans every participation of every insats, in the order they are to be registered.
std::vector<Plan> PlanAll(Generator& gen) {
    std::vector<Plan> all;
    const auto& profiles = Profiles();
    for (size_t insats_idx = 0; insats_idx < profiles.size(); ++insats_idx) {
        const Profile& profile = profiles[insats_idx];
        std::vector<Plan> plans = gen.PlanDates(insats_idx, profile);
        std::stable_sort(plans.begin(), plans.end(),
                         [](const Plan& a, const Plan& b) { return *a.p.referral_date < *b.p.referral_date; });
        std::vector<Known> known;
        std::map<int, int> code_counters;
        for (Plan& plan : plans) {
            const size_t known_before = known.size();
            gen.AssignPerson(profile, known, code_counters, plan);
            gen.FillIntake(profile, plan);
            if (plan.started) gen.FillExit(profile, plan);
            // The person is free for a new episode once this one has ended.
            std::optional<domain::Date> free_from =
                plan.started ? plan.p.end_date : (plan.p.decision_date ? plan.p.decision_date : plan.p.referral_date);
            if (plan.p.anonymous) continue;
            Known* person = nullptr;
            if (known.size() > known_before) {
                person = &known.back();
            } else {
                for (Known& k : known)
                    if ((!k.participant_code.empty() && k.participant_code == plan.person.participant_code) ||
                        (k.pnr_index >= 0 && DemoPersonnummer()[k.pnr_index] == plan.person.personnummer))
                        person = &k;
            }
            if (person) person->free_from = free_from;
        }
        for (Plan& plan : plans) all.push_back(std::move(plan));
    }
    std::stable_sort(all.begin(), all.end(),
                     [](const Plan& a, const Plan& b) { return *a.p.referral_date < *b.p.referral_date; });
    return all;
}

Status CheckNoParticipations(App& app, long long forbund_id) {
    auto uow = app.db().Begin(store::Database::Mode::kRead);
    if (!uow.ok()) return uow.status();
    store::OrganisationRepo orgs(**uow);
    auto insatser = orgs.ListInsatser(forbund_id);
    if (!insatser.ok()) return insatser.status();
    for (const auto& insats : *insatser) {
        auto count = orgs.CountParticipations(insats.id);
        if (!count.ok()) return count.status();
        if (*count > 0)
            return Status::Conflict(
                "Förbundet har redan deltaganden. Demodata kan bara läggas in i ett förbund utan "
                "deltaganden.");
    }
    return Status::Ok();
}

}  // namespace

Result<DemoSummary> FillDemo(App& app, const DemoOptions& options) {
    FOLJSAM_RETURN_IF_ERROR(store::Migrate(app.db()).status());
    AdminService admin(app);
    auto forbund = admin.TheForbund();
    if (!forbund.ok() && forbund.status().code() != StatusCode::kNotFound) return forbund.status();
    long long forbund_id = 0;
    if (forbund.ok()) {
        forbund_id = forbund->id;
    } else {
        auto init = admin.Init(kForbundName);
        if (!init.ok()) return init.status();
        forbund_id = init->forbund_id;
    }
    FOLJSAM_RETURN_IF_ERROR(CheckNoParticipations(app, forbund_id));
    auto admin_actor = ActorOf(app, "admin");
    if (!admin_actor.ok()) return admin_actor.status();
    // Demo users log in with the shared demo password alone; two factors stay optional
    // (a real association created by `foljsam init` requires them).
    FOLJSAM_RETURN_IF_ERROR(TwoFactorService(app).SetRequired(*admin_actor, false));

    auto orgs = EnsureOrganisations(admin, *admin_actor);
    if (!orgs.ok()) return orgs.status();
    auto insats_ids = EnsureInsatser(admin, *admin_actor, *orgs, options.today);
    if (!insats_ids.ok()) return insats_ids.status();
    auto users = EnsureUsers(app, forbund_id, *orgs, *insats_ids);
    if (!users.ok()) return users.status();
    auto registrar_stad = ActorOf(app, "registrator.stad");
    if (!registrar_stad.ok()) return registrar_stad.status();
    auto registrar_region = ActorOf(app, "registrator.region");
    if (!registrar_region.ok()) return registrar_region.status();

    Generator gen{Rng(options.seed), options.today, *orgs};
    const std::vector<Plan> plans = PlanAll(gen);
    ParticipationService participations(app);
    DemoSummary summary;
    for (const Plan& plan : plans) {
        const Profile& profile = Profiles()[plan.insats_idx];
        const domain::Actor& actor = profile.region_controller ? *registrar_region : *registrar_stad;
        auto id = participations.Register(actor, (*insats_ids)[plan.insats_idx], {plan.p, plan.person});
        if (!id.ok()) return id.status();
        ++summary.participations;
    }
    for (int year : {options.today.year - 1, options.today.year})
        FOLJSAM_RETURN_IF_ERROR(AddDemoGoals(app, *admin_actor, *insats_ids, year));
    FOLJSAM_RETURN_IF_ERROR(AddDemoPopulation(app, *admin_actor));
    summary.organisations = orgs->count;
    summary.insatser = static_cast<long long>(insats_ids->size());
    summary.users = static_cast<long long>(users->size());
    summary.password = kDemoPassword;
    summary.users_list = *users;
    return summary;
}

}  // namespace foljsam::services

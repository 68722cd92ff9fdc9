#include "association_shape.hpp"

#include <cassert>
#include <string>

namespace foljsam::bench {

int Uniform(Rng& rng, int lo, int hi) {
    assert(lo <= hi);  // callers pass constant or clamped ranges
    return lo + static_cast<int>(rng() % static_cast<unsigned>(hi - lo + 1));
}

bool Chance(Rng& rng, int percent) { return Uniform(rng, 0, 99) < percent; }
bool PerMille(Rng& rng, int per_mille) { return Uniform(rng, 0, 999) < per_mille; }

size_t PickIndex(Rng& rng, std::initializer_list<int> weights) {
    int total = 0;
    for (int w : weights) total += w;
    int roll = Uniform(rng, 0, total - 1);
    size_t idx = 0;
    for (int w : weights) {
        if (roll < w) return idx;
        roll -= w;
        ++idx;
    }
    assert(false);  // roll < total by construction
    return 0;
}

std::string_view Pick(Rng& rng, std::initializer_list<Weighted> options) {
    int total = 0;
    for (const auto& o : options) total += o.weight;
    int roll = Uniform(rng, 0, total - 1);
    for (const auto& o : options) {
        if (roll < o.weight) return o.code;
        roll -= o.weight;
    }
    assert(false);  // roll < total by construction
    return {};
}

namespace {

constexpr const char* kStockholm = "0180";

// Stockholm's current districts (shared/reference/stockholm_stadsdelsomraden.csv) with
// rough weights for how often their residents appear, and the areas they were before the
// reform of 1 January 2020 (two codes: the first one takes `first_percent`).
struct District {
    const char* code;
    const char* unit;
    int weight;
    const char* before_2020_a;
    const char* before_2020_b;
    int first_percent;
};
const District kDistricts[] = {
    {"BROMMA", "Bromma stadsdelsförvaltning", 6, "BROMMA", "BROMMA", 100},
    {"ENSKEDE_ARSTA_VANTOR", "Enskede-Årsta-Vantörs stadsdelsförvaltning", 12, "ENSKEDE_ARSTA_VANTOR",
     "ENSKEDE_ARSTA_VANTOR", 100},
    {"FARSTA", "Farsta stadsdelsförvaltning", 9, "FARSTA", "FARSTA", 100},
    {"HAGERSTEN_ALVSJO", "Hägersten-Älvsjö stadsdelsförvaltning", 8, "HAGERSTEN_LILJEHOLMEN", "ALVSJO", 75},
    {"HASSELBY_VALLINGBY", "Hässelby-Vällingby stadsdelsförvaltning", 10, "HASSELBY_VALLINGBY", "HASSELBY_VALLINGBY",
     100},
    {"JARVA", "Järva stadsdelsförvaltning", 17, "RINKEBY_KISTA", "SPANGA_TENSTA", 60},
    {"KUNGSHOLMEN", "Kungsholmens stadsdelsförvaltning", 4, "KUNGSHOLMEN", "KUNGSHOLMEN", 100},
    {"NORRA_INNERSTADEN", "Norra innerstadens stadsdelsförvaltning", 6, "NORRMALM", "OSTERMALM", 50},
    {"SKARPNACK", "Skarpnäcks stadsdelsförvaltning", 7, "SKARPNACK", "SKARPNACK", 100},
    {"SKARHOLMEN", "Skärholmens stadsdelsförvaltning", 11, "SKARHOLMEN", "SKARHOLMEN", 100},
    {"SODERMALM", "Södermalms stadsdelsförvaltning", 8, "SODERMALM", "SODERMALM", 100},
};
constexpr size_t kDistrictCount = std::size(kDistricts);

size_t PickDistrict(Rng& rng) {
    int total = 0;
    for (const auto& d : kDistricts) total += d.weight;
    int roll = Uniform(rng, 0, total - 1);
    for (size_t idx = 0; idx < kDistrictCount; ++idx) {
        if (roll < kDistricts[idx].weight) return idx;
        roll -= kDistricts[idx].weight;
    }
    assert(false);  // roll < total by construction
    return 0;
}

// The district code in use on `on`.
const char* DistrictCode(Rng& rng, size_t idx, const domain::Date& on) {
    const District& d = kDistricts[idx];
    if (on.year >= 2020) return d.code;
    return Chance(rng, d.first_percent) ? d.before_2020_a : d.before_2020_b;
}

Ref PickReferrer(Rng& rng, const Profile& profile) {
    int total = 0;
    for (const auto& r : profile.referrers) total += r.weight;
    int roll = Uniform(rng, 0, total - 1);
    for (const auto& r : profile.referrers) {
        if (roll < r.weight) return r.ref;
        roll -= r.weight;
    }
    assert(false);  // roll < total by construction
    return Ref::kOther;
}

}  // namespace

size_t DistrictCount() { return kDistrictCount; }
const char* DistrictUnitName(size_t district_idx) { return kDistricts[district_idx].unit; }

std::vector<OrgSpec> OrganisationSpecs(Orgs& o) {
    o.districts.assign(kDistrictCount, 0);
    o.vardcentraler.assign(4, 0);
    std::vector<OrgSpec> specs = {
        {"Försäkringskassan", "FK", "", &o.fk, nullptr},
        {"Arbetsförmedlingen", "AF", "", &o.af, nullptr},
        {"Region Stockholm", "REGION", "", &o.region, nullptr},
        {"Stockholms stad", "KOMMUN", kStockholm, &o.stad, nullptr},
        {"Huddinge kommun", "KOMMUN", "0126", &o.huddinge, nullptr},
        {"Botkyrka kommun", "KOMMUN", "0127", &o.botkyrka, nullptr},
        {"Solna stad", "KOMMUN", "0184", &o.solna, nullptr},
    };
    for (size_t idx = 0; idx < kDistrictCount; ++idx)
        specs.push_back({kDistricts[idx].unit, "KOMMUN", kStockholm, &o.districts[idx], &o.stad});
    const std::vector<OrgSpec> units = {
        {"Jobbtorg Stockholm", "KOMMUN", kStockholm, &o.jobbtorg, &o.stad},
        {"Enheten för hemlösa", "KOMMUN", kStockholm, &o.hemlosa, &o.stad},
        {"Socialtjänstens beroendeenhet", "KOMMUN", kStockholm, &o.soc_beroende, &o.stad},
        {"Jobbcenter Huddinge", "KOMMUN", "0126", &o.jobbcenter_huddinge, &o.huddinge},
        {"Jobbcenter Botkyrka", "KOMMUN", "0127", &o.jobbcenter_botkyrka, &o.botkyrka},
        {"Arbetsmarknadsenheten Solna", "KOMMUN", "0184", &o.arbetsmarknad_solna, &o.solna},
        {"Psykiatri Nordväst, psykosklinik", "REGION", "", &o.psyk_nordvast, &o.region},
        {"Psykiatri Södra, psykosklinik", "REGION", "", &o.psyk_sodra, &o.region},
        {"Beroendecentrum Stockholm", "REGION", "", &o.beroendecentrum, &o.region},
        {"Vårdcentral Rinkeby", "REGION", "", &o.vardcentraler[0], &o.region},
        {"Vårdcentral Farsta", "REGION", "", &o.vardcentraler[1], &o.region},
        {"Vårdcentral Flemingsberg", "REGION", "", &o.vardcentraler[2], &o.region},
        {"Vårdcentral Hallunda", "REGION", "", &o.vardcentraler[3], &o.region},
        {"Försäkringskassan lokalt försäkringscenter Stockholm", "FK", "", &o.fk_stockholm, &o.fk},
        {"Försäkringskassan lokalt försäkringscenter Södertörn", "FK", "", &o.fk_sodertorn, &o.fk},
        {"Arbetsförmedlingen Stockholm city", "AF", "", &o.af_city, &o.af},
        {"Arbetsförmedlingen Järva", "AF", "", &o.af_jarva, &o.af},
        {"Arbetsförmedlingen Södertörn", "AF", "", &o.af_sodertorn, &o.af},
    };
    specs.insert(specs.end(), units.begin(), units.end());
    return specs;
}

// clang-format off
const std::vector<Profile>& Profiles() {
    static const std::vector<Profile> profiles = {
        {"FINSAM-team", "FT", Controller::kStad, false, 0, 14, 55, 4, 25, false,
         {{Ref::kDistrict, 30}, {Ref::kFk, 22}, {Ref::kAf, 18}, {Ref::kVardcentral, 12}, {Ref::kJobbtorg, 7},
          {Ref::kHemlosa, 2}, {Ref::kPsykiatri, 4}, {Ref::kOther, 5}},
         {12, 14, 26, 24, 24}},
        {"Aktivitetsplatsen", "AP", Controller::kStad, true, 0, 12, 80, 2, 30, false,
         {{Ref::kFk, 62}, {Ref::kSelf, 10}, {Ref::kAf, 8}, {Ref::kDistrict, 8}, {Ref::kVardcentral, 6},
          {Ref::kOther, 6}},
         {6, 10, 26, 30, 28}},
        {"IPS i psykosvården", "IP", Controller::kRegion, false, 0, 8, 30, 3, 70, true,
         {{Ref::kPsykiatri, 78}, {Ref::kFk, 5}, {Ref::kAf, 5}, {Ref::kDistrict, 5}, {Ref::kJobbtorg, 2},
          {Ref::kOther, 5}},
         {18, 22, 32, 18, 10}},
        {"Novum", "NV", Controller::kStad, false, 0, 8, 45, 2, 35, false,
         {{Ref::kJobbtorg, 30}, {Ref::kDistrict, 25}, {Ref::kAf, 20}, {Ref::kFk, 10}, {Ref::kVardcentral, 8},
          {Ref::kOther, 7}},
         {55, 40, 5, 0, 0}},
        {"IPS för personer med beroende", "IB", Controller::kRegion, false, 0, 6, 30, 12, 20, true,
         {{Ref::kBeroendecentrum, 68}, {Ref::kSocBeroende, 11}, {Ref::kHemlosa, 3}, {Ref::kVardcentral, 5},
          {Ref::kFk, 4}, {Ref::kAf, 4}, {Ref::kOther, 5}},
         {8, 14, 32, 26, 20}},
        {"Jobbspåret Södertörn", "JS", Controller::kHuddinge, true, 0, 10, 50, 2, 20, false,
         {{Ref::kKranskommun, 45}, {Ref::kAf, 25}, {Ref::kFk, 12}, {Ref::kVardcentral, 8}, {Ref::kSelf, 5},
          {Ref::kOther, 5}},
         {20, 18, 26, 20, 16}},
        {"Unga till arbete", "UA", Controller::kStad, true, 5, 10, 42, 3, 30, false,
         {{Ref::kJobbtorg, 35}, {Ref::kDistrict, 25}, {Ref::kAf, 20}, {Ref::kSelf, 8}, {Ref::kVardcentral, 5},
          {Ref::kOther, 7}},
         {70, 30, 0, 0, 0}},
        {"Hälsoteam i primärvården", "HT", Controller::kRegion, false, 0, 12, 65, 1, 25, false,
         {{Ref::kVardcentral, 70}, {Ref::kFk, 15}, {Ref::kAf, 5}, {Ref::kDistrict, 5}, {Ref::kOther, 5}},
         {6, 10, 28, 30, 26}},
        {"Språk och arbete", "SA", Controller::kStad, false, 11, 10, 55, 2, 10, false,
         {{Ref::kAf, 40}, {Ref::kDistrict, 30}, {Ref::kJobbtorg, 15}, {Ref::kKranskommun, 8}, {Ref::kOther, 7}},
         {14, 22, 36, 20, 8}},
        {"Steget vidare", "SV", Controller::kStad, false, 0, 10, 50, 6, 35, false,
         {{Ref::kDistrict, 40}, {Ref::kJobbtorg, 20}, {Ref::kFk, 15}, {Ref::kAf, 10}, {Ref::kSocBeroende, 5},
          {Ref::kHemlosa, 3}, {Ref::kOther, 7}},
         {4, 8, 24, 32, 32}},
    };
    return profiles;
}
// clang-format on

long long Drawer::ReferrerUnit(Ref ref, size_t* district_idx, const char** kommun) {
    switch (ref) {
        case Ref::kFk:
            return Chance(rng_, 70) ? orgs_.fk_stockholm : orgs_.fk_sodertorn;
        case Ref::kAf: {
            const size_t idx = PickIndex(rng_, {45, 30, 25});
            return idx == 0 ? orgs_.af_city : idx == 1 ? orgs_.af_jarva : orgs_.af_sodertorn;
        }
        case Ref::kDistrict:
            *district_idx = PickDistrict(rng_);
            return orgs_.districts[*district_idx];
        case Ref::kJobbtorg:
            return orgs_.jobbtorg;
        case Ref::kHemlosa:
            return orgs_.hemlosa;
        case Ref::kSocBeroende:
            return orgs_.soc_beroende;
        case Ref::kPsykiatri:
            return Chance(rng_, 50) ? orgs_.psyk_nordvast : orgs_.psyk_sodra;
        case Ref::kBeroendecentrum:
            return orgs_.beroendecentrum;
        case Ref::kVardcentral:
            return orgs_.vardcentraler[PickIndex(rng_, {35, 30, 20, 15})];
        case Ref::kKranskommun: {
            const size_t idx = PickIndex(rng_, {45, 40, 15});
            *kommun = idx == 0 ? "0126" : idx == 1 ? "0127" : "0184";
            return idx == 0   ? orgs_.jobbcenter_huddinge
                   : idx == 1 ? orgs_.jobbcenter_botkyrka
                              : orgs_.arbetsmarknad_solna;
        }
        case Ref::kSelf:
        case Ref::kOther:
            return 0;
    }
    return 0;
}

// clang-format off
std::vector<domain::SupportValue> Drawer::SupportAtStart(Ref ref, int age) {
    const int young = age < 30 ? 1 : 0;
    std::string_view first;
    switch (ref) {
        case Ref::kFk:
            first = Pick(rng_, {{"SJUKPENNING", 35}, {"SJUKERSATTNING", 22 - 12 * young},
                                {"AKTIVITETSERSATTNING", 3 + 32 * young}, {"REHABPENNING", 12},
                                {"FORSORJNINGSSTOD", 8}, {"OKAND", 3}});
            break;
        case Ref::kAf:
        case Ref::kKranskommun:
            first = Pick(rng_, {{"AKTIVITETSSTOD", 45}, {"A_KASSA", 12}, {"ETABLERINGSERSATTNING", 8},
                                {"FORSORJNINGSSTOD", 25}, {"INGEN", 5}, {"OKAND", 5}});
            break;
        case Ref::kDistrict:
        case Ref::kJobbtorg:
        case Ref::kHemlosa:
        case Ref::kSocBeroende:
            first = Pick(rng_, {{"FORSORJNINGSSTOD", 75}, {"AKTIVITETSSTOD", 8}, {"SJUKPENNING", 5},
                                {"AKTIVITETSERSATTNING", 2 + 5 * young}, {"INGEN", 3}, {"OKAND", 2}});
            break;
        case Ref::kPsykiatri:
        case Ref::kBeroendecentrum:
        case Ref::kVardcentral:
            first = Pick(rng_, {{"SJUKPENNING", 25}, {"SJUKERSATTNING", 15 - 10 * young},
                                {"AKTIVITETSERSATTNING", 3 + 17 * young}, {"FORSORJNINGSSTOD", 30}, {"LON", 4},
                                {"INGEN", 5}, {"OKAND", 4}});
            break;
        case Ref::kSelf:
        case Ref::kOther:
            first = Pick(rng_, {{"FORSORJNINGSSTOD", 30}, {"SJUKPENNING", 15}, {"SJUKERSATTNING", 10},
                                {"AKTIVITETSSTOD", 10}, {"A_KASSA", 5}, {"STUDIEMEDEL", 5}, {"INGEN", 12},
                                {"ANNAN", 5}, {"OKAND", 8}});
            break;
    }
    std::vector<domain::SupportValue> out{{std::string(first), std::nullopt}};
    const bool sickness = first == "SJUKPENNING" || first == "SJUKERSATTNING" || first == "AKTIVITETSERSATTNING";
    if (sickness && Chance(rng_, 40)) {
        static const int kExtents[] = {25, 50, 75, 100};
        out[0].extent = kExtents[PickIndex(rng_, {2, 3, 2, 5})];
    }
    // Social assistance often tops up another benefit.
    if (first != "INGEN" && first != "OKAND" && first != "FORSORJNINGSSTOD" && Chance(rng_, 18))
        out.push_back({"FORSORJNINGSSTOD", std::nullopt});
    return out;
}
// clang-format on

void Drawer::FillIntake(const Profile& profile, int age, domain::Participation& p) {
    domain::IntakeAnswers& in = p.intake;
    const Ref ref = PickReferrer(rng_, profile);
    size_t district_idx = kDistrictCount;
    const char* kommun = nullptr;
    if (ref == Ref::kSelf) {
        in.referrer = "EGENANMALAN";
    } else if (ref == Ref::kOther) {
        in.referrer = "ANNAN";
    } else {
        in.referrer = "ORG";
        in.referrer_org_id = ReferrerUnit(ref, &district_idx, &kommun);
        // A few referrals are made together with a second member.
        if (Chance(rng_, 4)) in.co_referrer_org_ids.push_back(ref == Ref::kFk ? orgs_.af_city : orgs_.fk_stockholm);
    }
    const domain::Date on = p.start_date ? *p.start_date : *p.referral_date;
    const int residence_roll = Uniform(rng_, 0, 99);
    if (ref == Ref::kHemlosa || residence_roll < profile.homeless_percent) {
        in.residence_special = "HEMLOS";
    } else if (residence_roll < profile.homeless_percent + 1) {
        in.residence_special = "OKAND";
    } else if (kommun && Chance(rng_, 90)) {
        in.residence_kommun = kommun;
    } else if (Chance(rng_, 92)) {
        in.residence_kommun = kStockholm;
        // Referred by a stadsdelsförvaltning: usually lives in its district.
        const size_t idx = district_idx < kDistrictCount && Chance(rng_, 90) ? district_idx : PickDistrict(rng_);
        in.residence_district = DistrictCode(rng_, idx, on);
    } else {
        in.residence_kommun = std::string(Pick(rng_, {{"0126", 40}, {"0127", 35}, {"0184", 15}, {"0183", 10}}));
    }
    const bool outer = in.residence_district == "JARVA" || in.residence_district == "RINKEBY_KISTA" ||
                       in.residence_district == "SPANGA_TENSTA" || in.residence_district == "SKARHOLMEN" ||
                       in.residence_kommun == "0127";
    in.birth_region = std::string(
        Pick(rng_, {{"SVERIGE", outer ? 40 : 60}, {"EUROPA", 8}, {"UTANFOR_EUROPA", outer ? 48 : 28}, {"OKAND", 4}}));
    if (Chance(rng_, 92)) in.target_groups.push_back(age <= 29 ? "UNGA_16_29" : "VUXNA_30_64");
    const bool language_insats = std::string_view(profile.code_prefix) == "SA";
    if ((in.birth_region == "UTANFOR_EUROPA" && Chance(rng_, language_insats ? 90 : 45)) ||
        (in.birth_region == "EUROPA" && Chance(rng_, 15)))
        in.target_groups.push_back("MIGRATION_FLYKT");
    if (Chance(rng_, profile.disability_percent)) in.target_groups.push_back("FUNKTIONSNEDSATTNING");
    if (!p.start_date) return;  // the remaining answers are asked at start

    in.education = std::string(Pick(rng_, {{"FORGYMN", age < 22 ? 45 : 30},
                                           {"GYMN", 40},
                                           {"EFTERGYMN_KORT", 11},
                                           {"EFTERGYMN_LANG", age < 24 ? 2 : 10},
                                           {"OKAND", 9}}));
    in.time_without_work =
        std::string(Pick(rng_, {{"LT1", 14}, {"1_2", 18}, {"2_5", 28}, {"GE5", age < 25 ? 8 : 33}, {"OKAND", 7}}));
    in.support_at_start = SupportAtStart(ref, age);
    if (in.support_at_start.front().code == "LON") {
        in.occupation_start = "ARBETE";
    } else {
        in.occupation_start = std::string(
            Pick(rng_, {{"OVRIGT", 46}, {"ARBETSSOKANDE", 34}, {"STUDIER", 5}, {"ARBETE", 7}, {"OKAND", 8}}));
    }
    if (in.occupation_start == "ARBETE" && Chance(rng_, 70)) in.occupation_start_extent = Chance(rng_, 60) ? 25 : 50;
    if (in.occupation_start == "STUDIER" && Chance(rng_, 70)) in.occupation_start_extent = Chance(rng_, 50) ? 50 : 100;
    if (Chance(rng_, 70))
        in.time_in_support =
            std::string(Pick(rng_, {{"LT1", 15}, {"1_2", 18}, {"2_5", 30}, {"GE5", 30}, {"OKAND", 7}}));
    if (Chance(rng_, 50)) in.sgi_noll = std::string(Pick(rng_, {{"JA", 40}, {"NEJ", 45}, {"OKANT", 15}}));
}

// clang-format off
void Drawer::FillExit(const Profile& profile, domain::Participation& p) {
    domain::ExitAnswers& out = p.exit;
    if (PerMille(rng_, 5)) {  // a registration error, excluded from statistics
        out.exit_reason = "FELREG";
        return;
    }
    const bool ips = profile.supported_employment;
    out.exit_reason = std::string(Pick(rng_, {{"ARBETE", ips ? 36 : 24}, {"STUDIER", ips ? 8 : 13}, {"VARD_REHAB", 13},
                                              {"FORTSATT_STOD", 13}, {"ANNAN_INSATS", 9}, {"FLYTT", 4},
                                              {"FORALDRALEDIG", 2}, {"FRIHETSBEROVAD", 1}, {"AVBROTT", 13},
                                              {"ANNAT", 8}}));
    const std::string& reason = out.exit_reason;
    if (Chance(rng_, 85)) {
        std::string_view after;
        if (reason == "ARBETE") {
            after = Pick(rng_, {{"ARBETE_OSUBV", 50}, {"ARBETE_SUBV", 45}, {"ARBETE", 5}});
            if (Chance(rng_, 60)) {
                static const int kExtents[] = {50, 75, 100};
                out.occupation_after_extent = kExtents[PickIndex(rng_, {3, 3, 4})];
            }
        } else if (reason == "STUDIER") {
            after = "STUDIER";
            if (Chance(rng_, 50)) out.occupation_after_extent = Chance(rng_, 70) ? 100 : 50;
        } else if (reason == "FORTSATT_STOD") {
            after = Pick(rng_, {{"ARBETSSOKANDE", 70}, {"OVRIGT", 25}, {"OKAND", 5}});
        } else if (reason == "ANNAN_INSATS") {
            after = Pick(rng_, {{"ARBETSSOKANDE", 40}, {"OVRIGT", 55}, {"OKAND", 5}});
        } else if (reason == "VARD_REHAB" || reason == "FORALDRALEDIG" || reason == "FRIHETSBEROVAD") {
            after = Pick(rng_, {{"OVRIGT", 85}, {"OKAND", 15}});
        } else {
            after = Pick(rng_, {{"OKAND", 50}, {"OVRIGT", 30}, {"ARBETSSOKANDE", 20}});
        }
        out.occupation_after = std::string(after);
    }
    if (!Chance(rng_, 70)) return;
    if (reason == "ARBETE") {
        out.support_after.push_back({"LON", std::nullopt});
        if (Chance(rng_, 15)) out.support_after.push_back({"SJUKERSATTNING", Chance(rng_, 50) ? 25 : 50});
    } else if (reason == "STUDIER") {
        out.support_after.push_back({"STUDIEMEDEL", std::nullopt});
    } else if (reason == "FORTSATT_STOD") {
        out.support_after.push_back(
            {std::string(Pick(rng_, {{"AKTIVITETSSTOD", 50}, {"FORSORJNINGSSTOD", 40}, {"A_KASSA", 10}})), std::nullopt});
    } else if (reason == "AVBROTT" || reason == "FLYTT") {
        out.support_after.push_back({"OKAND", std::nullopt});
    } else {
        out.support_after = p.intake.support_at_start;
    }
}
// clang-format on

}  // namespace foljsam::bench

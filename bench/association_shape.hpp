#pragma once
// The shape of the generated association (association_generator.hpp): its organisations,
// its ten insatser and how their participants' answers are drawn. Split from the
// generator so the loop that plans and writes years stays readable. Bench-internal.
// Not thread-safe (a Drawer owns its random generator).

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <random>
#include <string_view>
#include <vector>

#include "domain/date.hpp"
#include "domain/participation.hpp"

namespace foljsam::bench {

// mt19937's output is specified, unlike the standard distributions, so the data is the
// same with every standard library.
using Rng = std::mt19937;

// Inclusive range. Precondition: lo <= hi.
int Uniform(Rng& rng, int lo, int hi);
bool Chance(Rng& rng, int percent);
bool PerMille(Rng& rng, int per_mille);

struct Weighted {
    std::string_view code;
    int weight;
};
// One code drawn by weight. Precondition: the weights sum to more than zero.
std::string_view Pick(Rng& rng, std::initializer_list<Weighted> options);
size_t PickIndex(Rng& rng, std::initializer_list<int> weights);

// Who refers: a kind of unit (one is picked) or a non-organisation referrer.
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
    kKranskommun,
    kSelf,
    kOther
};

struct RefWeight {
    Ref ref;
    int weight;
};

enum class Controller { kStad, kRegion, kHuddinge };

struct Profile {
    const char* name;
    const char* code_prefix;  // participant codes "FT-2025-00001"
    Controller controller;
    bool self_referral;
    int first_year_offset;  // starts this many years after the first generated year
    int weight;             // relative yearly volume
    int women_percent;
    int homeless_percent;
    int disability_percent;
    bool supported_employment;  // IPS: more exits to work
    std::vector<RefWeight> referrers;
    std::vector<int> age_band_weights;  // 18-24, 25-29, 30-39, 40-49, 50-64
};

// The ten insatser.
const std::vector<Profile>& Profiles();

// Ids of the organisations the generator created.
struct Orgs {
    long long fk = 0, af = 0, region = 0, stad = 0, huddinge = 0, botkyrka = 0, solna = 0;
    std::vector<long long> districts;  // in the order of the district table
    long long jobbtorg = 0, hemlosa = 0, soc_beroende = 0;
    long long psyk_nordvast = 0, psyk_sodra = 0, beroendecentrum = 0;
    std::vector<long long> vardcentraler;
    long long fk_stockholm = 0, fk_sodertorn = 0, af_city = 0, af_jarva = 0, af_sodertorn = 0;
    long long jobbcenter_huddinge = 0, jobbcenter_botkyrka = 0, arbetsmarknad_solna = 0;
    long long count = 0;
};

// Names, parent and kommunkod of every organisation, for creating them.
struct OrgSpec {
    const char* name;
    const char* member_type;
    const char* kommunkod;
    long long* id;            // where the new id goes
    const long long* parent;  // nullptr for a member
};
std::vector<OrgSpec> OrganisationSpecs(Orgs& orgs);
// The current Stockholm districts, with a weight each, and their unit names.
size_t DistrictCount();
const char* DistrictUnitName(size_t district_idx);

// Draws the answers of one participation.
class Drawer {
   public:
    Drawer(unsigned seed, const Orgs& orgs) : rng_(seed), orgs_(orgs) {}
    Rng& rng() { return rng_; }

    // Referrer, co-referrer, residence and target groups (asked at referral); for a
    // started participation also education, time without work, support and occupation at
    // start. `age` at start or referral.
    void FillIntake(const Profile& profile, int age, domain::Participation& p);
    // Exit reason, occupation and support after, for a participation with an end date.
    void FillExit(const Profile& profile, domain::Participation& p);

   private:
    long long ReferrerUnit(Ref ref, size_t* district_idx, const char** kommun);
    std::vector<domain::SupportValue> SupportAtStart(Ref ref, int age);

    Rng rng_;
    const Orgs& orgs_;
};

}  // namespace foljsam::bench

#pragma once
// A large generated association for benchmarks: a Stockholm-like samordningsförbund
// (four kommuner, FK, AF and the region as members, 36 referring units) with ten insatser
// and, by default, 1,000,000 participations over the 20 calendar years that end with
// `last_year`.
//
// The association, its organisations and insatser are created through AdminService (so
// they carry their audit events); the persons and participations, far too many for the
// services (about 3,000 registrations a second), go through store::BulkLoader in one
// transaction per year. Every participation is checked with domain::Validate first, and a
// sample is read back with ParticipationRepo::Get and compared afterwards.
//
// What the data looks like:
//   - volumes grow about 4 % a year; two insatser start later (year 6 and year 12);
//   - about 85 % of referrals start (decision 1-4 weeks after referral, start 0-3 weeks
//     after the decision); the rest are refused, wait-listed or, near the end, undecided;
//   - participations last 1 to 24 months (most 3-12); those reaching past 31 December of
//     `last_year` are open, and 1 % of older ones were never closed;
//   - 5 % anonymous; about 8 % are a person's later episode in the same insats;
//   - 0.5 % end as FELREG; exits carry occupation after (85 %) and support after (70 %);
//   - support at start often has two values (social assistance on top of a benefit);
//     target groups have zero to three values;
//   - Stockholm residents get a district, with the codes before the 2020 district reform
//     (Rinkeby-Kista, Spånga-Tensta, Norrmalm, Östermalm, ...) for earlier referrals.
// No insats registers with identity (personnummer): the report reads none, and sealing a
// million identities would only slow the generation down.
//
// Deterministic: the same options give the same rows (timestamps aside). Not thread-safe;
// run one generation per database.

#include <string>

#include "common/status.hpp"
#include "services/app.hpp"

namespace foljsam::bench {

struct GeneratorOptions {
    long long participations = 1'000'000;
    int years = 20;
    int last_year = 2025;  // the last full calendar year; the data ends on its 31 December
    unsigned seed = 2026;
    // "bulk": store::BulkLoader; "repo": PersonRepo/ParticipationRepo::Insert in the same
    // transactions (slower; kept to measure the difference).
    std::string writer = "bulk";
    bool progress = true;  // a line per year on stderr
};

struct GeneratedSummary {
    long long forbund_id = 0;
    long long participations = 0;
    long long persons = 0;
    long long insatser = 0;
    long long organisations = 0;
    double seconds = 0;  // wall time of writing persons and participations
};

// Creates the association in `app`'s database, which must hold no association yet
// (AdminService::Init; kConflict otherwise), and fills it. Failure: kInternal when a
// generated participation fails domain::Validate or a read-back sample differs (a bug in
// the generator or the bulk loader), or the status of the failing store or service call.
Result<GeneratedSummary> GenerateAssociation(services::App& app, const GeneratorOptions& options);

}  // namespace foljsam::bench

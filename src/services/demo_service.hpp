#pragma once
// Demo data: fills an empty association with organisations, insatser, users, about
// three years of participations shaped like Samordningsförbundet Stockholms stad, and
// goals for last year and this year (services/demo_goals.hpp), for
// `foljsam demo`, screenshots, manual testing and load tests.
//
// Everything is written through the ordinary services (AdminService, ParticipationService),
// so every rule, access check, encryption and audit event applies exactly as for real
// data. The one insats registered with identity uses only Skatteverket's official test
// personnummer (never assigned to real people) and obviously fictional names.
// Deterministic: the same seed and the same `today` give identical data (identities are
// sealed under the installation's own keys, so only sealed bytes differ).
// Thread-safe in the sense of the services it calls; do not run two fills at once on one
// database.

#include <string>
#include <vector>

#include "common/status.hpp"
#include "domain/date.hpp"
#include "services/app.hpp"

namespace foljsam::services {

struct DemoOptions {
    unsigned seed = 1;
    // Last day of the generated history. Services validate against the real date, so this
    // must not lie after domain::Today().
    domain::Date today = domain::Today();
};

struct DemoUser {
    std::string username;
    std::string role_label;   // Swedish, e.g. "Deltagaransvarig"
    std::string description;  // Swedish: what the account shows in a demo
};

struct DemoSummary {
    long long organisations = 0;  // members and units ensured
    long long insatser = 0;
    long long participations = 0;  // registered by this fill
    long long users = 0;           // demo accounts (the init "admin" is not counted)
    std::string password;          // the shared password of every demo account
    std::vector<DemoUser> users_list;
};

// Migrates, creates the association "Samordningsförbundet Stockholms stad" via
// AdminService::Init when the database has none (its "admin" keeps the one-time password,
// which is not returned), and fills it. Organisations, insatser and users that already
// exist with the demo names are reused, so a fill interrupted before any participation
// can be run again.
// Failure: kConflict when the association already has participations; kNotFound when it
// has no "admin" user; otherwise the status of the first service call that failed
// (e.g. kInvalidInput from ParticipationService::Register), whose message holds no
// personal data.
Result<DemoSummary> FillDemo(App& app, const DemoOptions& options);

// The embedded test personnummer (12 digits, YYYYMMDDNNNC) the demo may register, and the
// fictional names paired with them (same index). Static data; thread-safe. Exposed so
// tests can check that none of them is ever stored in clear.
const std::vector<std::string>& DemoPersonnummer();
const std::vector<std::string>& DemoNames();

}  // namespace foljsam::services

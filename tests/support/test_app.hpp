#pragma once
// Test support: an App opened on a fresh SQLite file in its own temporary directory, with
// an initialised association, its administrator, and builders for organisations, insatser,
// users and participations. One TestApp per test; it removes its directory when destroyed.
// Construction failures throw std::runtime_error (GoogleTest reports them as failures).
// Not thread-safe; the services it hands out are.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "domain/actor.hpp"
#include "domain/date.hpp"
#include "domain/participation.hpp"
#include "domain/user.hpp"
#include "services/admin_service.hpp"
#include "services/app.hpp"
#include "services/auth_service.hpp"
#include "services/participation_service.hpp"
#include "store/audit_repo.hpp"

namespace foljsam::testing {

// Skatteverket's test personnummer (shared/reference/testpersonnummer.csv), never real people.
inline constexpr const char* kPnrWoman1988 = "198801042386";  // second-to-last digit 8: woman
inline constexpr const char* kPnrWoman1985 = "198501202389";
inline constexpr const char* kPnrMan1970 = "197001239297";  // second-to-last digit 9: man
inline constexpr const char* kPnrMan1971 = "197101169295";
// Valid except for the last (check) digit.
inline constexpr const char* kPnrBadCheckDigit = "198801042387";

// The password every user made by TestApp::CreateUser gets.
inline constexpr const char* kTestPassword = "testlösenord-123";

// A directory under /tmp unique to this process and call, removed with everything in it
// when the object is destroyed.
class TempDir {
   public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }

   private:
    std::filesystem::path path_;
};

enum class RegistrationMode { kWithoutIdentity, kWithIdentity };

// True when the tests run on PostgreSQL (FOLJSAM_TEST_PG_URL names a server; each TestApp
// then gets a database of its own, dropped afterwards), false on SQLite files.
bool OnPostgres();

class TestApp {
   public:
    // Opens the App in a fresh directory (minimum password-hash cost), runs
    // AdminService::Init("Testförbundet") and logs in as the administrator.
    TestApp();
    ~TestApp();
    TestApp(const TestApp&) = delete;
    TestApp& operator=(const TestApp&) = delete;

    services::App& app() { return *app_; }
    services::AdminService& admin_service() { return admin_; }
    services::AuthService& auth() { return auth_; }
    services::ParticipationService& participations() { return participations_; }
    const std::filesystem::path& data_dir() const { return dir_.path(); }
    long long forbund_id() const { return forbund_id_; }
    // Another App on the same database and data directory, as a second process would
    // open it: its own connection pool and keyring (nothing cached from this one).
    std::shared_ptr<services::App> OpenAnotherApp();
    // The association administrator (förbundsadministratör), logged in with the one-time password.
    const domain::Actor& admin() const { return admin_actor_; }

    // A member organisation (FK, AF, REGION or KOMMUN) and a unit under an organisation.
    long long CreateMember(const std::string& name, const std::string& member_type);
    long long CreateUnit(long long parent_id, const std::string& name);
    // An individual insats followed up participant by participant.
    long long CreateInsats(const std::string& name, long long controller_org_id, RegistrationMode mode);

    // A user with `role` (password kTestPassword), employed by `organisation_id`, assigned
    // to `insats_ids` for insats roles; returns the actor as AuthService::LoadActor builds it.
    domain::Actor CreateUser(const std::string& username, domain::Role role, std::optional<long long> organisation_id,
                             const std::vector<long long>& insats_ids = {});
    domain::Actor CreateRegistrar(const std::string& username, long long organisation_id,
                                  const std::vector<long long>& insats_ids) {
        return CreateUser(username, domain::Role::kDeltagarAnsvarig, organisation_id, insats_ids);
    }

    // Counts inside a read unit of work.
    long long CountAudit(const store::AuditFilter& filter = {});
    long long CountAudit(const std::string& action);
    long long CountParticipations(long long insats_id);
    // Every audit event (newest first, up to 100000).
    std::vector<domain::AuditEvent> AllAuditEvents();

   private:
    TempDir dir_;
    std::string pg_database_;  // set when running on PostgreSQL
    std::shared_ptr<services::App> app_;
    services::AdminService admin_;
    services::AuthService auth_;
    services::ParticipationService participations_;
    long long forbund_id_ = 0;
    domain::Actor admin_actor_;
};

// A participation referred, accepted and started `days_ago_started` days ago, with every
// answer required at start (referrer ANNAN, kommun 0180, GYMN, 1_2, FORSORJNINGSSTOD,
// ARBETSSOKANDE, target group VUXNA_30_64). Gender K; no consent, not anonymous.
domain::Participation StartedParticipation(int days_ago_started = 40);
// StartedParticipation ended five days ago with exit reason ARBETE, occupation after
// ARBETE_OSUBV and support after LON.
domain::Participation EndedParticipation();
// Only referred (no decision, no start).
domain::Participation ReferredParticipation(int days_ago = 20);

// Inputs in each registration mode. WithIdentity also sets the consent date (required there).
services::ParticipationInput WithCode(domain::Participation p, const std::string& code, int birth_year);
services::ParticipationInput WithIdentity(domain::Participation p, const std::string& personnummer,
                                          const std::string& name = "");
services::ParticipationInput Anonymous(domain::Participation p, std::optional<int> birth_year = std::nullopt);

domain::Date DaysAgo(int days);

// The whole file as bytes; empty when it does not exist.
std::string ReadFileBytes(const std::filesystem::path& path);

// True when `status` is kInvalidInput and names `field` among its field errors.
bool NamesField(const Status& status, const std::string& field);
// "code: message [field: message, ...]" for assertion output.
std::string Describe(const Status& status);

}  // namespace foljsam::testing

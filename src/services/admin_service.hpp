#pragma once
// Administration: the association (init), members and units, insatser, users and roles.
// Each call is one transaction with its audit event. Access: policy kAdmin* actions;
// Init and CreateUserUnchecked are for the CLI (operator on the machine) only.
// Thread-safe.

#include <optional>
#include <string>
#include <vector>

#include "common/status.hpp"
#include "domain/actor.hpp"
#include "domain/organisation.hpp"
#include "services/app.hpp"

namespace foljsam::services {

struct InitResult {
    long long forbund_id = 0;
    std::string admin_username;
    std::string one_time_password;  // printed once by `foljsam init`
};

struct NewUser {
    std::string username;
    std::string display_name;
    std::optional<long long> organisation_id;
    std::string password;  // empty: a one-time password is generated and returned
    domain::Role role = domain::Role::kLasare;
    std::vector<long long> insats_ids;  // for insats roles
};

class AdminService {
   public:
    explicit AdminService(App& app) : app_(app) {}

    // Migrates, creates the association and a first administrator with a one-time
    // password. Failure: kConflict when an association already exists.
    Result<InitResult> Init(const std::string& forbund_name);
    // CLI only: creates a user in the (single) association. Returns the password used.
    Result<std::string> CreateUserUnchecked(long long forbund_id, const NewUser& user);
    Result<std::string> CreateUser(const domain::Actor& actor, const NewUser& user);
    Result<std::vector<domain::User>> ListUsers(const domain::Actor& actor);

    Result<std::vector<domain::Organisation>> ListOrganisations(const domain::Actor& actor);
    Result<long long> SaveOrganisation(const domain::Actor& actor, const domain::Organisation& org);

    // Insatser the actor may see (policy kViewInsats).
    Result<std::vector<domain::Insats>> VisibleInsatser(const domain::Actor& actor);
    Result<domain::Insats> GetInsats(const domain::Actor& actor, long long insats_id);
    // Creates (id 0) or updates an insats. Orientation, follow-up method and registration
    // mode cannot change once participants are registered.
    Result<long long> SaveInsats(const domain::Actor& actor, const domain::Insats& insats);

    // The single association of a one-association installation (CLI use).
    Result<domain::Forbund> TheForbund();

   private:
    App& app_;
};

}  // namespace foljsam::services

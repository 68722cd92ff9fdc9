#pragma once
// Users, role assignments, login sessions and API tokens. Tokens are stored only as
// hashes (security::TokenHash); this layer never sees a clear token.
// Every function runs inside the caller's UnitOfWork.

#include <optional>
#include <string>
#include <vector>

#include "common/status.hpp"
#include "domain/user.hpp"
#include "store/database.hpp"

namespace foljsam::store {

struct SessionRecord {
    std::string token_hash;
    long long user_id = 0;
    std::string csrf_token;
    std::string created_at;
    std::string last_seen_at;
    std::string expires_at;
    bool pending_second_factor = false;  // password right, TOTP code still due
};

struct ApiTokenRecord {
    long long id = 0;
    long long user_id = 0;
    std::string name;
    std::string token_hash;
    std::string expires_at;  // empty: no expiry
    bool revoked = false;
};

class UserRepo {
   public:
    explicit UserRepo(UnitOfWork& uow) : uow_(uow) {}

    Result<long long> Insert(const domain::User& user, const std::string& password_hash);
    Result<domain::User> Get(long long id);
    // The user and its password hash. Failure: kNotFound.
    Result<std::pair<domain::User, std::string>> FindByUsername(const std::string& username);
    Result<std::vector<domain::User>> List(long long forbund_id);
    Status SetPassword(long long user_id, const std::string& password_hash, bool must_change);

    Result<long long> AddAssignment(long long user_id, const domain::RoleAssignment& a);
    Result<std::vector<domain::RoleAssignment>> Assignments(long long user_id);
    // Users with an assignment of `role` on the insats.
    Result<std::vector<long long>> UsersWithRoleOnInsats(domain::Role role, long long insats_id);

    Status InsertSession(const SessionRecord& s);
    Result<std::optional<SessionRecord>> FindSession(const std::string& token_hash);
    Status TouchSession(const std::string& token_hash, const std::string& last_seen_at);
    Status DeleteSession(const std::string& token_hash);
    // Ends every session of the user ("log out everywhere"); returns how many there were.
    Result<long long> DeleteSessionsOfUser(long long user_id);

    Result<long long> InsertApiToken(const ApiTokenRecord& t);
    Result<std::optional<ApiTokenRecord>> FindApiToken(const std::string& token_hash);

   private:
    UnitOfWork& uow_;
};

}  // namespace foljsam::store

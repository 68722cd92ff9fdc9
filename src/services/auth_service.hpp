#pragma once
// Log-in, sessions and API tokens.
//
// Sessions: a random token in an HttpOnly cookie; only its hash is stored. A session ends
// after 30 minutes without use or 12 hours in all. Every log-in, failed log-in and log-out
// leaves an audit event; a failed log-in never says whether the user exists. Repeated
// failures lock the user name for a while.
// Thread-safe (each call uses its own unit of work).

#include <optional>
#include <string>

#include "common/status.hpp"
#include "domain/actor.hpp"
#include "services/app.hpp"

namespace foljsam::services {

struct LoginResult {
    std::string session_token;  // goes into the cookie; never logged
    std::string csrf_token;
    domain::Actor actor;
};

struct Authenticated {
    domain::Actor actor;
    std::string csrf_token;  // empty for API tokens (no CSRF needed without cookies)
};

class AuthService {
   public:
    explicit AuthService(App& app) : app_(app) {}

    // Failure: kInvalidInput with one message for every wrong username/password combination;
    // after 5 failures in 15 minutes the name is locked for 15 minutes (even the right
    // password is refused, with a message saying how long), the same for names that do
    // not exist (domain/login_lockout.hpp).
    Result<LoginResult> Login(const std::string& username, const std::string& password);
    // The actor of a live session, refreshing its idle timer. Failure: kNotFound when the
    // session is unknown or expired.
    Result<Authenticated> FromSession(const std::string& session_token);
    // The actor of a valid API token ("Authorization: Bearer ..."). Failure: kNotFound.
    Result<Authenticated> FromApiToken(const std::string& token);
    Status Logout(const std::string& session_token);

    // Creates an API token for `username`, valid `days` days (0: no expiry). Returns the
    // clear token, shown once.
    Result<std::string> CreateApiToken(const std::string& username, const std::string& name, int days);
    // Changes the actor's own password after checking the current one.
    Status ChangePassword(const domain::Actor& actor, const std::string& current, const std::string& next);

    // Builds the actor for a user id (roles active today, employer chain).
    Result<domain::Actor> LoadActor(long long user_id);

   private:
    App& app_;
};

// Passwords: at least 12 characters. Returns field errors for "password".
Status CheckPasswordStrength(const std::string& password);

}  // namespace foljsam::services

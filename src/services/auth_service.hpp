#pragma once
// Log-in, sessions and API tokens.
//
// Sessions: a random token in an HttpOnly cookie; only its hash is stored. A session ends
// after 30 minutes without use or 12 hours in all. Every log-in, failed log-in and log-out
// leaves an audit event; a failed log-in never says whether the user exists. Repeated
// failures lock the user name for a while.
// Thread-safe (each call uses its own unit of work).

#include <atomic>
#include <ctime>
#include <optional>
#include <string>

#include "common/status.hpp"
#include "domain/actor.hpp"
#include "domain/password_policy.hpp"
#include "services/app.hpp"

namespace foljsam::services {

struct LoginResult {
    std::string session_token;  // goes into the cookie; never logged
    std::string csrf_token;
    domain::Actor actor;
    // The password was right and the user has two factors on: the session opens nothing
    // until CompleteSecondFactor accepts a code.
    bool second_factor_due = false;
};

struct Authenticated {
    domain::Actor actor;
    std::string csrf_token;  // empty for API tokens (no CSRF needed without cookies)
    // The user's roles and association require two factors and the user has none yet:
    // only the enrolment page (and log-out) opens.
    bool must_enrol_second_factor = false;
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
    // Ends every session of the actor, this one included.
    Status LogoutEverywhere(const domain::Actor& actor);

    // The second step of a log-in whose password was right (LoginResult::second_factor_due):
    // `code` is the app's current six digits or an unused recovery code. On success the
    // pending session is replaced by a full one (a new token). Failure: kNotFound when the
    // pending session is unknown or older than 5 minutes; kInvalidInput (field "code") for
    // a wrong code, which counts as a failed log-in of the name (lock-out as for passwords).
    Result<LoginResult> CompleteSecondFactor(const std::string& pending_token, const std::string& code);

    // Creates an API token for `username`, valid `days` days (0: no expiry). Returns the
    // clear token, shown once.
    Result<std::string> CreateApiToken(const std::string& username, const std::string& name, int days);
    // Changes the actor's own password after checking the current one.
    Status ChangePassword(const domain::Actor& actor, const std::string& current, const std::string& next);

    // Builds the actor for a user id (roles active today, employer chain).
    Result<domain::Actor> LoadActor(long long user_id);

   private:
    App& app_;
    // Until this time, FromSession skips refreshing idle timers (the database was busy).
    std::atomic<std::time_t> write_backoff_until_{0};
};

// Passwords: 12 to 256 characters and not common (domain/password_policy.hpp). Failure:
// kInvalidInput with the message for field "password".
Status CheckPasswordStrength(const std::string& password, const domain::CommonPasswords& common);

}  // namespace foljsam::services

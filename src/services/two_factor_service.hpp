#pragma once
// Two-factor log-in, the user's side (issue 5, item 3): enrolling an authenticator app
// (TOTP, security/totp.hpp), confirming it with a first code, recovery codes, turning it off,
// and the association's requirement. The log-in's side is in AuthService.
//
// The secret is sealed under the accounts key (Keyring::ForController(kAccountsKeyId,
// kAccountsKeyGeneration)) and shown only while enrolment is unconfirmed. `foljsam keys
// rotate` does not rotate this key yet (only the controllers' identity keys). Recovery codes are shown once and stored
// as token hashes. Each call is one transaction with its audit event. Thread-safe.

#include <optional>
#include <string>
#include <vector>

#include "common/status.hpp"
#include "domain/actor.hpp"
#include "services/app.hpp"

namespace foljsam::services {

// The key id of secrets that belong to user accounts rather than to a controller
// organisation (organisation ids start at 1).
inline constexpr long long kAccountsKeyId = 0;
inline constexpr int kAccountsKeyGeneration = 1;
inline constexpr int kRecoveryCodeCount = 10;

struct TotpEnrolment {
    std::string secret_base32;  // for typing into the app by hand
    std::string otpauth_uri;    // for the QR code
};

struct TwoFactorState {
    bool enabled = false;   // a confirmed authenticator
    bool pending = false;   // enrolment begun, not yet confirmed
    bool required = false;  // the user's roles and association require two factors
    long long unused_recovery_codes = 0;
};

class TwoFactorService {
   public:
    explicit TwoFactorService(App& app) : app_(app) {}

    Result<TwoFactorState> State(const domain::Actor& actor);
    // Starts (or restarts) enrolment with a new secret. Failure: kConflict when two factors
    // are already on (turn them off first).
    Result<TotpEnrolment> Begin(const domain::Actor& actor);
    // The unconfirmed enrolment, to show it again. Failure: kNotFound when there is none.
    Result<TotpEnrolment> Pending(const domain::Actor& actor);
    // Confirms the enrolment with a code from the app; returns the recovery codes, shown
    // once. Failure: kInvalidInput (field "code") for a wrong code; kNotFound when no
    // enrolment is pending.
    Result<std::vector<std::string>> Confirm(const domain::Actor& actor, const std::string& code);
    // New recovery codes in place of the old, after a current code from the app.
    Result<std::vector<std::string>> NewRecoveryCodes(const domain::Actor& actor, const std::string& code);
    // Turns two factors off after the password. Failure: kForbidden when required for the
    // user; kInvalidInput (field "password") for a wrong password.
    Status Disable(const domain::Actor& actor, const std::string& password);

    // Whether the association requires two factors of its administrators and registrars
    // (policy kAdminUsers).
    Status SetRequired(const domain::Actor& actor, bool required);

   private:
    App& app_;
};

// "abcde-fghij": lower case, spaces and dashes ignored, as typed; the form hashed.
std::string NormaliseRecoveryCode(const std::string& typed);

}  // namespace foljsam::services

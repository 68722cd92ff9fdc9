#pragma once
// Time-based one-time passwords (RFC 6238, on HOTP of RFC 4226) for two-factor log-in,
// and the Base32 and otpauth:// forms authenticator apps read.
//
// Authenticator apps (Google Authenticator, Microsoft Authenticator, FreeOTP, ...) use
// HMAC-SHA-1, 30-second steps and 6 digits; SHA-256 and SHA-512 are here for the RFC's
// test vectors. HMAC comes from OpenSSL's libcrypto (libsodium has no SHA-1; libssl is
// already a dependency of cpp-httplib). Pure functions; thread-safe.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace foljsam::security {

enum class TotpHash { kSha1, kSha256, kSha512 };

struct TotpParams {
    TotpHash hash = TotpHash::kSha1;
    int digits = 6;  // 6 to 8
    int step = 30;   // seconds
};

// The time step of `unix_time`: floor(unix_time / step).
std::int64_t TotpStep(std::int64_t unix_time, const TotpParams& params = {});
// The code (zero-padded decimal, `digits` long) of `secret` for one time step.
std::string TotpCodeAt(std::string_view secret, std::int64_t step, const TotpParams& params = {});
// The code at `unix_time`.
std::string TotpCode(std::string_view secret, std::int64_t unix_time, const TotpParams& params = {});

// Checks `code` (spaces ignored) against the steps from `window` before to `window` after
// the one of `unix_time`, in constant time per step. Returns the matching step only when it
// is later than `last_used_step`, so a code cannot be used twice; nullopt otherwise.
std::optional<std::int64_t> VerifyTotp(std::string_view secret, std::string_view code, std::int64_t unix_time,
                                       std::int64_t last_used_step, int window = 1, const TotpParams& params = {});

// RFC 4648 Base32 without padding (upper case), as authenticator apps expect secrets.
std::string Base32Encode(std::string_view bytes);
// Accepts upper or lower case, spaces and padding. nullopt on any other character.
std::optional<std::string> Base32Decode(std::string_view text);

// otpauth://totp/ISSUER:ACCOUNT?secret=...&issuer=...&algorithm=SHA1&digits=6&period=30,
// with issuer and account percent-encoded (the Key Uri Format of Google Authenticator).
std::string OtpauthUri(std::string_view issuer, std::string_view account, std::string_view secret);

// 20 random bytes (160 bits, RFC 4226's recommended length).
std::string NewTotpSecret();

}  // namespace foljsam::security

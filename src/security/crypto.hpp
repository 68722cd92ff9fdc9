#pragma once
// Low-level primitives over libsodium: initialisation, random tokens, token hashes,
// password hashing (Argon2id). libsodium headers stay inside security/.
// All functions are thread-safe after InitCrypto() has returned ok.

#include <string>
#include <string_view>

#include "common/status.hpp"

namespace foljsam::security {

// Must be called once before anything else here (safe to call again).
// Failure: kInternal when libsodium cannot initialise.
Status InitCrypto();

// `bytes` random bytes as URL-safe base64 without padding (32 bytes -> 43 characters).
std::string RandomToken(size_t bytes = 32);

// Lower-case hex of an unkeyed BLAKE2b-256 of `token`. Used to store session and API
// tokens so a leaked database does not leak usable tokens.
std::string TokenHash(std::string_view token);

// Constant-time comparison of two equally long strings; false when lengths differ.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

enum class HashCost {
    kInteractive,  // production: Argon2id OPSLIMIT/MEMLIMIT_INTERACTIVE (~110 ms, 64 MiB)
    kMinimum,      // tests and demo seeding of many accounts only
};

// Argon2id hash in libsodium's self-describing string form ("$argon2id$...").
// Failure: kInternal when out of memory.
Result<std::string> HashPassword(std::string_view password, HashCost cost = HashCost::kInteractive);

// True when `password` matches `stored`; false for a mismatch or a malformed `stored`.
bool VerifyPassword(std::string_view password, const std::string& stored);

}  // namespace foljsam::security

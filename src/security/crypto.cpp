#include "security/crypto.hpp"

#include <sodium.h>

#include <cstring>
#include <semaphore>
#include <stdexcept>
#include <vector>

namespace foljsam::security {
namespace {

std::string ToHex(const unsigned char* data, size_t size) {
    std::string hex(size * 2 + 1, '\0');
    if (sodium_bin2hex(hex.data(), hex.size(), data, size) == nullptr) {
        throw std::logic_error("sodium_bin2hex: buffer too small");  // cannot happen: sized above
    }
    hex.resize(size * 2);
    return hex;
}

}  // namespace

Status InitCrypto() {
    // 0: initialised now, 1: already initialised, -1: failure.
    if (sodium_init() < 0) return Status::Internal("sodium_init failed");
    return Status::Ok();
}

std::string RandomToken(size_t bytes) {
    if (bytes == 0) return std::string();
    std::vector<unsigned char> raw(bytes);
    randombytes_buf(raw.data(), raw.size());
    size_t encoded_len = sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    std::string encoded(encoded_len, '\0');
    if (sodium_bin2base64(encoded.data(), encoded.size(), raw.data(), raw.size(),
                          sodium_base64_VARIANT_URLSAFE_NO_PADDING) == nullptr) {
        throw std::logic_error("sodium_bin2base64: buffer too small");  // cannot happen: sized above
    }
    sodium_memzero(raw.data(), raw.size());
    encoded.resize(std::strlen(encoded.c_str()));
    return encoded;
}

std::string TokenHash(std::string_view token) {
    unsigned char hash[crypto_generichash_BYTES];
    if (crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(token.data()), token.size(),
                           nullptr, 0) != 0) {
        throw std::logic_error("crypto_generichash failed");  // only fails for invalid lengths
    }
    return ToHex(hash, sizeof hash);
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    if (a.empty()) return true;
    return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

namespace {
// Each Argon2id run holds 64 MiB (INTERACTIVE): at most four at once, so a burst of
// log-ins on 32 server threads cannot take 2 GiB (shared/stack.md 5.7).
std::counting_semaphore<4> g_hash_slots(4);

struct HashSlot {
    HashSlot() { g_hash_slots.acquire(); }
    ~HashSlot() { g_hash_slots.release(); }
};
}  // namespace

Result<std::string> HashPassword(std::string_view password, HashCost cost) {
    HashSlot slot;
    unsigned long long opslimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
    size_t memlimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;
    if (cost == HashCost::kMinimum) {
        opslimit = crypto_pwhash_OPSLIMIT_MIN;
        memlimit = crypto_pwhash_MEMLIMIT_MIN;
    }
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, password.data(), password.size(), opslimit, memlimit,
                              crypto_pwhash_ALG_ARGON2ID13) != 0) {
        return Status::Internal("crypto_pwhash_str_alg failed (out of memory)");
    }
    return std::string(out);
}

bool VerifyPassword(std::string_view password, const std::string& stored) {
    // libsodium reads `stored` as a C string: refuse embedded NULs and over-long values.
    if (stored.empty() || stored.size() >= crypto_pwhash_STRBYTES) return false;
    if (std::strlen(stored.c_str()) != stored.size()) return false;
    HashSlot slot;
    return crypto_pwhash_str_verify(stored.c_str(), password.data(), password.size()) == 0;
}

}  // namespace foljsam::security

#pragma once
// Field encryption of personal identities under per-controller keys.
//
// Each controller organisation (personuppgiftsansvarig) has its own 32-byte key. Keys come
// either from files DIR/keys/controller-<org id>.key (created on first use, mode 0600) or,
// when FOLJSAM_KEY holds a master key (64 hex digits), are derived from that master key
// with libsodium's crypto_kdf, one subkey per controller id. From each controller key two
// subkeys are derived: one for XSalsa20-Poly1305 secretbox sealing, one for keyed BLAKE2b
// lookup hashes, so a lookup hash of the same personnummer differs between controllers.
// The audit chain has a key of its own (ForAudit), from the same source.
// Keyring is thread-safe; ControllerKeys is an immutable value.

#include <array>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "common/status.hpp"
#include "security/audit_chain.hpp"

namespace foljsam::security {

class ControllerKeys {
   public:
    // Seals `plaintext` with a fresh random nonce. Output: "v1:" + URL-safe base64 of
    // nonce || ciphertext. Safe to store in a TEXT column.
    std::string Seal(std::string_view plaintext) const;
    // Opens a value made by Seal with the same key. Failure: kCorrupt when tampered with,
    // truncated, or sealed under another key.
    Result<std::string> Open(std::string_view sealed) const;
    // Lower-case hex keyed BLAKE2b-256 of `value`, for exact-match lookups.
    std::string LookupHash(std::string_view value) const;

   private:
    friend class Keyring;
    std::array<unsigned char, 32> seal_key_{};
    std::array<unsigned char, 32> hash_key_{};
};

class Keyring {
   public:
    // Keys kept as files under `dir` (created if missing, mode 0700).
    static Result<std::shared_ptr<Keyring>> FromDirectory(const std::filesystem::path& dir);
    // Keys derived from a master key given as 64 hex digits. Failure: kInvalidInput.
    static Result<std::shared_ptr<Keyring>> FromMasterKey(std::string_view hex);
    // FOLJSAM_KEY when set, otherwise FromDirectory(dir).
    static Result<std::shared_ptr<Keyring>> FromEnvironmentOr(const std::filesystem::path& dir);

    // The keys of controller `controller_id`; creates the key file when missing.
    // Failure: kUnavailable when the key file cannot be read or written, kCorrupt when it
    // has the wrong size.
    Result<ControllerKeys> ForController(long long controller_id);

    // The key of the audit log's hash chain: DIR/keys/audit.key (created on first use),
    // or derived from the master key. Failure as ForController.
    Result<AuditChainKey> ForAudit();

   private:
    Keyring() = default;
    std::filesystem::path dir_;
    bool has_master_ = false;
    std::array<unsigned char, 32> master_{};
    std::mutex mu_;
    std::map<long long, ControllerKeys> cache_;
};

}  // namespace foljsam::security

#pragma once
// Field encryption of personal identities under per-controller keys, in generations.
//
// Each controller organisation (personuppgiftsansvarig) has its own 32-byte key. Keys come
// either from files in DIR/keys (generation 1 created on first use, mode 0600) or, when
// FOLJSAM_KEY holds a master key (64 hex digits), are derived from that master key with
// libsodium's crypto_kdf, one subkey per controller id and generation. From each controller
// key two subkeys are derived: one for XSalsa20-Poly1305 secretbox sealing, one for keyed
// BLAKE2b lookup hashes, so a lookup hash of the same personnummer differs between
// controllers and between generations.
//
// Generations (key rotation, services/key_rotation.hpp): generation 1 is the key a
// controller starts with (file controller-<id>.key); each rotation adds the next
// (controller-<id>.g<N>.key, or derived from the master key). Sealed values name their
// generation: "v1:" + base64 is generation 1, "v2:<N>:" + base64 generation N >= 2. Which
// generation is the newest is recorded in the database and passed in by services; values
// of every older generation whose key is still at hand keep opening while a rotation moves
// them, so nothing stops during a rotation.
// Pseudonymous participant codes (PseudonymHash) cannot be moved to a new generation (the
// personnummer they come from is not stored), so they stay under generation 1's hash key,
// kept in controller-<id>.pseudonym.key once generation 2 exists.
// The audit chain has a key of its own (ForAudit), from the same source, never rotated.
// Keyring is thread-safe; ControllerKeys is an immutable value.

#include <array>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.hpp"
#include "security/audit_chain.hpp"

namespace foljsam::security {

inline constexpr int kMaxKeyGeneration = 1000000;

// The generation a sealed value names: 1 for "v1:...", N for "v2:<N>:..." (2 <= N <=
// kMaxKeyGeneration, decimal without leading zeros). Failure: kCorrupt for anything else.
Result<int> SealedGeneration(std::string_view sealed);

// The keys of one controller: its newest generation and every older one at hand.
class ControllerKeys {
   public:
    // The newest generation; Seal and LookupHash use it.
    int generation() const { return newest_; }
    // Every generation held, newest first.
    std::vector<int> generations() const;

    // Seals `plaintext` under the newest generation with a fresh random nonce. Output:
    // "v1:" or "v2:<N>:", then URL-safe base64 of nonce || ciphertext. Safe in a TEXT column.
    std::string Seal(std::string_view plaintext) const;
    // Opens a value made by Seal under any generation held. Failure: kCorrupt when
    // malformed, tampered with, truncated, or sealed under another controller's key;
    // kUnavailable when its generation's key is not held (removed, or not yet created).
    Result<std::string> Open(std::string_view sealed) const;
    // Lower-case hex keyed BLAKE2b-256 of `value` under the newest generation, for
    // exact-match lookups.
    std::string LookupHash(std::string_view value) const;
    // LookupHash under every generation held, newest first: what a search must look for
    // while a rotation has not yet moved every stored hash.
    std::vector<std::string> LookupHashes(std::string_view value) const;
    // Lower-case hex keyed BLAKE2b-256 of `value` under the pseudonym key (generation 1's
    // hash key), the same in every generation. Failure: kUnavailable when neither
    // generation 1's key nor the pseudonym key file is at hand.
    Result<std::string> PseudonymHash(std::string_view value) const;

   private:
    friend class Keyring;
    struct Generation {
        std::array<unsigned char, 32> seal_key{};
        std::array<unsigned char, 32> hash_key{};
    };
    int newest_ = 1;
    std::map<int, Generation> generations_;
    std::optional<std::array<unsigned char, 32>> pseudonym_key_;
};

class Keyring {
   public:
    // Keys kept as files under `dir` (created if missing, mode 0700).
    static Result<std::shared_ptr<Keyring>> FromDirectory(const std::filesystem::path& dir);
    // Keys derived from a master key given as 64 hex digits. Failure: kInvalidInput.
    static Result<std::shared_ptr<Keyring>> FromMasterKey(std::string_view hex);
    // FOLJSAM_KEY when set, otherwise FromDirectory(dir).
    static Result<std::shared_ptr<Keyring>> FromEnvironmentOr(const std::filesystem::path& dir);

    // The keys of controller `controller_id` with `newest_generation` as the newest, plus
    // every older generation whose key is at hand. Generation 1's key file is created when
    // the controller has no key file at all. Failure: kUnavailable when the newest
    // generation's key file is missing or cannot be read or written, kCorrupt when a key
    // file has the wrong size, kInvalidInput for a generation outside 1..kMaxKeyGeneration.
    Result<ControllerKeys> ForController(long long controller_id, int newest_generation);

    // Makes generation `generation` (>= 2) of the controller's key available: with key
    // files, a new random key file (kept when it exists already, so an interrupted
    // rotation can be run again), and before it the pseudonym key file when missing; with
    // a master key nothing needs creating. Failure: kUnavailable, kInvalidInput.
    Status CreateGeneration(long long controller_id, int generation);

    // True when keys are derived from a master key rather than kept in files.
    bool UsesMasterKey() const { return has_master_; }
    // Key files (empty paths with a master key): of one generation, and the pseudonym key.
    std::filesystem::path KeyFile(long long controller_id, int generation) const;
    std::filesystem::path PseudonymKeyFile(long long controller_id) const;

    // The key of the audit log's hash chain: DIR/keys/audit.key (created on first use),
    // or derived from the master key. Failure as ForController.
    Result<AuditChainKey> ForAudit();

   private:
    Keyring() = default;
    std::filesystem::path dir_;
    bool has_master_ = false;
    std::array<unsigned char, 32> master_{};
    std::mutex mu_;
    std::map<std::pair<long long, int>, ControllerKeys> cache_;
};

}  // namespace foljsam::security

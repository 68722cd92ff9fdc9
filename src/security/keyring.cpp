#include "security/keyring.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <vector>

#include "security/crypto.hpp"

namespace foljsam::security {
namespace {

using Key = std::array<unsigned char, 32>;

constexpr std::string_view kSealPrefix = "v1:";
constexpr std::string_view kGenerationPrefix = "v2:";
constexpr char kGenerationContext[crypto_kdf_CONTEXTBYTES + 1] = "foljsamG";
constexpr char kControllerContext[crypto_kdf_CONTEXTBYTES + 1] = "foljsamK";
constexpr char kFieldContext[crypto_kdf_CONTEXTBYTES + 1] = "foljsamF";
constexpr char kAuditContext[crypto_kdf_CONTEXTBYTES + 1] = "foljsamA";
constexpr uint64_t kAuditSubkeyId = 1;
constexpr uint64_t kSealSubkeyId = 1;
constexpr uint64_t kHashSubkeyId = 2;
constexpr const char* kKeyFileUnavailable = "Krypteringsnyckeln kunde inte läsas eller sparas.";
constexpr const char* kSealedCorrupt = "Krypterade uppgifter kunde inte läsas.";

static_assert(crypto_kdf_KEYBYTES == 32 && crypto_secretbox_KEYBYTES == 32);

// Derives a 32-byte subkey; crypto_kdf only fails for out-of-range subkey lengths.
Key Derive(const Key& parent, uint64_t subkey_id, const char* context) {
    Key out{};
    if (crypto_kdf_derive_from_key(out.data(), out.size(), subkey_id, context, parent.data()) != 0) {
        throw std::logic_error("crypto_kdf_derive_from_key failed");  // cannot happen: fixed length
    }
    return out;
}

// Lower-case hex keyed BLAKE2b-256.
std::string KeyedHash(const Key& key, std::string_view value) {
    unsigned char hash[crypto_generichash_BYTES];
    if (crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(value.data()), value.size(),
                           key.data(), key.size()) != 0) {
        throw std::logic_error("crypto_generichash failed");  // only fails for invalid lengths
    }
    char hex[sizeof hash * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
    return hex;
}

// Writes `key` to a new file beside `path` (mode 0600) and links it into place. link()
// refuses to replace an existing file, so two processes racing to create the same key
// cannot overwrite a key the other may already have used: the loser reads the winner's.
Status WriteKeyFile(const std::filesystem::path& path, const Key& key, bool* already_exists) {
    *already_exists = false;
    std::string temp = path.string() + ".tmp-" + std::to_string(::getpid());
    int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) return Status::Unavailable(kKeyFileUnavailable);
    bool written = ::fchmod(fd, 0600) == 0 && ::write(fd, key.data(), key.size()) == static_cast<ssize_t>(key.size()) &&
                   ::fsync(fd) == 0;
    if (::close(fd) != 0) written = false;
    if (!written) {
        ::unlink(temp.c_str());
        return Status::Unavailable(kKeyFileUnavailable);
    }
    int link_result = ::link(temp.c_str(), path.c_str());
    int link_errno = errno;
    ::unlink(temp.c_str());
    if (link_result != 0) {
        if (link_errno == EEXIST) {
            *already_exists = true;
            return Status::Ok();
        }
        return Status::Unavailable(kKeyFileUnavailable);
    }
    return Status::Ok();
}

// POSIX reads rather than iostreams: libstdc++ streams throw on some read errors (e.g. EISDIR),
// and exceptions must not leave this layer.
Result<Key> ReadKeyFile(const std::filesystem::path& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return Status::Unavailable(kKeyFileUnavailable);
    std::array<unsigned char, 33> buffer{};  // one byte extra to notice an over-long file
    size_t total = 0;
    bool read_failed = false;
    while (total < buffer.size()) {
        ssize_t got = ::read(fd, buffer.data() + total, buffer.size() - total);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) read_failed = true;
        if (got <= 0) break;
        total += static_cast<size_t>(got);
    }
    ::close(fd);
    Key key{};
    std::copy(buffer.begin(), buffer.begin() + key.size(), key.begin());
    sodium_memzero(buffer.data(), buffer.size());
    if (read_failed) return Status::Unavailable(kKeyFileUnavailable);
    if (total != key.size()) {
        sodium_memzero(key.data(), key.size());
        return Status::Corrupt("Krypteringsnyckeln har fel storlek.");
    }
    return key;
}

Result<Key> LoadOrCreateKeyFile(const std::filesystem::path& path) {
    std::error_code ec;
    if (std::filesystem::exists(path, ec)) return ReadKeyFile(path);
    if (ec) return Status::Unavailable(kKeyFileUnavailable);
    Key key{};
    randombytes_buf(key.data(), key.size());
    bool already_exists = false;
    Status written = WriteKeyFile(path, key, &already_exists);
    if (!written.ok() || already_exists) {
        sodium_memzero(key.data(), key.size());
        if (!written.ok()) return written;
        return ReadKeyFile(path);
    }
    return key;
}

}  // namespace

Result<int> SealedGeneration(std::string_view sealed) {
    if (sealed.substr(0, kSealPrefix.size()) == kSealPrefix) return 1;
    if (sealed.substr(0, kGenerationPrefix.size()) != kGenerationPrefix) return Status::Corrupt(kSealedCorrupt);
    std::string_view rest = sealed.substr(kGenerationPrefix.size());
    size_t colon = rest.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon > 7 || rest[0] == '0') {
        return Status::Corrupt(kSealedCorrupt);
    }
    int generation = 0;
    for (char c : rest.substr(0, colon)) {
        if (c < '0' || c > '9') return Status::Corrupt(kSealedCorrupt);
        generation = generation * 10 + (c - '0');
    }
    if (generation < 2 || generation > kMaxKeyGeneration) return Status::Corrupt(kSealedCorrupt);
    return generation;
}

std::vector<int> ControllerKeys::generations() const {
    std::vector<int> out;
    for (auto it = generations_.rbegin(); it != generations_.rend(); ++it) out.push_back(it->first);
    return out;
}

std::string ControllerKeys::Seal(std::string_view plaintext) const {
    const Generation& keys = generations_.at(newest_);  // ForController always holds the newest
    std::vector<unsigned char> box(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plaintext.size());
    unsigned char* nonce = box.data();
    randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
    if (crypto_secretbox_easy(box.data() + crypto_secretbox_NONCEBYTES,
                              reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(), nonce,
                              keys.seal_key.data()) != 0) {
        throw std::logic_error("crypto_secretbox_easy failed");  // only fails for oversized messages
    }
    size_t encoded_len = sodium_base64_ENCODED_LEN(box.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    std::string encoded(encoded_len, '\0');
    if (sodium_bin2base64(encoded.data(), encoded.size(), box.data(), box.size(),
                          sodium_base64_VARIANT_URLSAFE_NO_PADDING) == nullptr) {
        throw std::logic_error("sodium_bin2base64: buffer too small");  // cannot happen: sized above
    }
    encoded.resize(std::strlen(encoded.c_str()));
    // Generation 1 keeps the original form, so data never rotated reads with older versions.
    std::string prefix =
        newest_ == 1 ? std::string(kSealPrefix) : std::string(kGenerationPrefix) + std::to_string(newest_) + ":";
    return prefix + encoded;
}

Result<std::string> ControllerKeys::Open(std::string_view sealed) const {
    Result<int> generation = SealedGeneration(sealed);
    if (!generation.ok()) return generation.status();
    auto keys = generations_.find(*generation);
    if (keys == generations_.end()) {
        return Status::Unavailable("Krypteringsnyckeln för generation " + std::to_string(*generation) +
                                   " saknas; uppgifterna kan inte läsas.");
    }
    std::string_view encoded = *generation == 1 ? sealed.substr(kSealPrefix.size())
                                                : sealed.substr(sealed.find(':', kGenerationPrefix.size()) + 1);
    if (encoded.empty()) return Status::Corrupt(kSealedCorrupt);
    std::vector<unsigned char> box(encoded.size());
    size_t box_len = 0;
    const char* end = nullptr;
    if (sodium_base642bin(box.data(), box.size(), encoded.data(), encoded.size(), nullptr, &box_len, &end,
                          sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
        end != encoded.data() + encoded.size()) {
        return Status::Corrupt(kSealedCorrupt);
    }
    if (box_len < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) return Status::Corrupt(kSealedCorrupt);
    size_t cipher_len = box_len - crypto_secretbox_NONCEBYTES;
    std::string plain(cipher_len - crypto_secretbox_MACBYTES, '\0');
    if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()),
                                   box.data() + crypto_secretbox_NONCEBYTES, cipher_len, box.data(),
                                   keys->second.seal_key.data()) != 0) {
        return Status::Corrupt(kSealedCorrupt);
    }
    return plain;
}

std::string ControllerKeys::LookupHash(std::string_view value) const {
    return KeyedHash(generations_.at(newest_).hash_key, value);
}

std::vector<std::string> ControllerKeys::LookupHashes(std::string_view value) const {
    std::vector<std::string> out;
    for (auto it = generations_.rbegin(); it != generations_.rend(); ++it) {
        out.push_back(KeyedHash(it->second.hash_key, value));
    }
    return out;
}

Result<std::string> ControllerKeys::PseudonymHash(std::string_view value) const {
    if (!pseudonym_key_) {
        return Status::Unavailable(
            "Nyckeln för deltagarkoder saknas (controller-N.key eller controller-N.pseudonym.key).");
    }
    return KeyedHash(*pseudonym_key_, value);
}

Result<std::shared_ptr<Keyring>> Keyring::FromDirectory(const std::filesystem::path& dir) {
    FOLJSAM_RETURN_IF_ERROR(InitCrypto());
    const char* kNoDirectory = "Katalogen för krypteringsnycklar kunde inte skapas.";
    std::error_code ec;
    if (dir.has_parent_path()) std::filesystem::create_directories(dir.parent_path(), ec);
    if (ec) return Status::Unavailable(kNoDirectory);
    // mkdir with the mode directly, so the directory is never readable by others, not even briefly.
    if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) return Status::Unavailable(kNoDirectory);
    if (!std::filesystem::is_directory(dir, ec)) return Status::Unavailable(kNoDirectory);
    std::shared_ptr<Keyring> keyring(new Keyring());
    keyring->dir_ = dir;
    return keyring;
}

Result<std::shared_ptr<Keyring>> Keyring::FromMasterKey(std::string_view hex) {
    FOLJSAM_RETURN_IF_ERROR(InitCrypto());
    const char* kBadMaster = "Huvudnyckeln (FOLJSAM_KEY) ska bestå av exakt 64 hexadecimala siffror.";
    if (hex.size() != 64) return Status::InvalidInput(kBadMaster);
    std::shared_ptr<Keyring> keyring(new Keyring());
    size_t bin_len = 0;
    const char* end = nullptr;
    if (sodium_hex2bin(keyring->master_.data(), keyring->master_.size(), hex.data(), hex.size(), nullptr, &bin_len,
                       &end) != 0 ||
        bin_len != 32 || end != hex.data() + hex.size()) {
        sodium_memzero(keyring->master_.data(), keyring->master_.size());
        return Status::InvalidInput(kBadMaster);
    }
    keyring->has_master_ = true;
    return keyring;
}

Result<std::shared_ptr<Keyring>> Keyring::FromEnvironmentOr(const std::filesystem::path& dir) {
    // A set but empty FOLJSAM_KEY is refused rather than ignored: silently falling back to
    // key files would make data sealed under the master key unreadable.
    if (const char* master = std::getenv("FOLJSAM_KEY"); master != nullptr) return FromMasterKey(master);
    return FromDirectory(dir);
}

std::filesystem::path Keyring::KeyFile(long long controller_id, int generation) const {
    if (has_master_) return {};
    const std::string stem = "controller-" + std::to_string(controller_id);
    return dir_ / (generation == 1 ? stem + ".key" : stem + ".g" + std::to_string(generation) + ".key");
}

std::filesystem::path Keyring::PseudonymKeyFile(long long controller_id) const {
    if (has_master_) return {};
    return dir_ / ("controller-" + std::to_string(controller_id) + ".pseudonym.key");
}

namespace {

// The generations of `controller_id` that have a key file in `dir`.
Result<std::vector<int>> GenerationsOnDisk(const std::filesystem::path& dir, long long controller_id) {
    const std::string prefix = "controller-" + std::to_string(controller_id) + ".";
    std::vector<int> out;
    std::error_code ec;
    for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.rfind(prefix, 0) != 0) continue;
        const std::string rest = name.substr(prefix.size());
        if (rest == "key") {
            out.push_back(1);
        } else if (rest.size() > 5 && rest[0] == 'g' && rest.ends_with(".key")) {
            Result<int> generation = SealedGeneration("v2:" + rest.substr(1, rest.size() - 5) + ":");
            if (generation.ok()) out.push_back(*generation);
        }
    }
    if (ec) return Status::Unavailable(kKeyFileUnavailable);
    return out;
}

// The sealing and hashing subkeys of a controller key (first, second); wipes `controller_key`.
std::pair<Key, Key> SubkeysOf(Key& controller_key) {
    std::pair<Key, Key> out{Derive(controller_key, kSealSubkeyId, kFieldContext),
                            Derive(controller_key, kHashSubkeyId, kFieldContext)};
    sodium_memzero(controller_key.data(), controller_key.size());
    return out;
}

}  // namespace

Result<ControllerKeys> Keyring::ForController(long long controller_id, int newest_generation) {
    if (newest_generation < 1 || newest_generation > kMaxKeyGeneration) {
        return Status::InvalidInput("Ogiltig nyckelgeneration.");
    }
    std::lock_guard<std::mutex> lock(mu_);
    const auto cache_key = std::make_pair(controller_id, newest_generation);
    if (auto found = cache_.find(cache_key); found != cache_.end()) return found->second;

    ControllerKeys keys;
    keys.newest_ = newest_generation;
    if (has_master_) {
        for (int generation = 1; generation <= newest_generation; ++generation) {
            Key controller_key = generation == 1
                                     ? Derive(master_, static_cast<uint64_t>(controller_id), kControllerContext)
                                     : Derive(Derive(master_, static_cast<uint64_t>(generation), kGenerationContext),
                                              static_cast<uint64_t>(controller_id), kControllerContext);
            auto [seal_key, hash_key] = SubkeysOf(controller_key);
            keys.generations_[generation] = {seal_key, hash_key};
        }
        keys.pseudonym_key_ = keys.generations_.at(1).hash_key;
    } else {
        Result<std::vector<int>> on_disk = GenerationsOnDisk(dir_, controller_id);
        if (!on_disk.ok()) return on_disk.status();
        // Generation 1 is created on first use, but never once a later generation exists:
        // its key was then removed on purpose, and a new one would open nothing.
        if (newest_generation == 1 && on_disk->empty()) on_disk->push_back(1);
        for (int generation : *on_disk) {
            if (generation > newest_generation) continue;
            Result<Key> loaded = generation == 1 && on_disk->size() == 1
                                     ? LoadOrCreateKeyFile(KeyFile(controller_id, 1))
                                     : ReadKeyFile(KeyFile(controller_id, generation));
            if (!loaded.ok()) return loaded.status();
            auto [seal_key, hash_key] = SubkeysOf(*loaded);
            keys.generations_[generation] = {seal_key, hash_key};
        }
        if (!keys.generations_.count(newest_generation)) {
            return Status::Unavailable("Krypteringsnyckeln för generation " + std::to_string(newest_generation) +
                                       " saknas (" + KeyFile(controller_id, newest_generation).filename().string() +
                                       ").");
        }
        std::error_code ec;
        const std::filesystem::path pseudonym = PseudonymKeyFile(controller_id);
        if (std::filesystem::exists(pseudonym, ec)) {
            Result<Key> loaded = ReadKeyFile(pseudonym);
            if (!loaded.ok()) return loaded.status();
            keys.pseudonym_key_ = *loaded;
            sodium_memzero(loaded->data(), loaded->size());
        } else if (keys.generations_.count(1)) {
            keys.pseudonym_key_ = keys.generations_.at(1).hash_key;
        }
    }
    cache_.emplace(cache_key, keys);
    return keys;
}

Status Keyring::CreateGeneration(long long controller_id, int generation) {
    if (generation < 2 || generation > kMaxKeyGeneration) return Status::InvalidInput("Ogiltig nyckelgeneration.");
    if (has_master_) return Status::Ok();
    std::lock_guard<std::mutex> lock(mu_);
    // The pseudonym key first: generation 1's hash key, which rotation must not change.
    std::error_code ec;
    const std::filesystem::path first = KeyFile(controller_id, 1);
    if (!std::filesystem::exists(PseudonymKeyFile(controller_id), ec) && std::filesystem::exists(first, ec)) {
        Result<Key> loaded = ReadKeyFile(first);
        if (!loaded.ok()) return loaded.status();
        auto [seal_key, hash_key] = SubkeysOf(*loaded);
        bool already_exists = false;
        Status written = WriteKeyFile(PseudonymKeyFile(controller_id), hash_key, &already_exists);
        sodium_memzero(seal_key.data(), seal_key.size());
        sodium_memzero(hash_key.data(), hash_key.size());
        FOLJSAM_RETURN_IF_ERROR(written);
    }
    Result<Key> created = LoadOrCreateKeyFile(KeyFile(controller_id, generation));
    if (!created.ok()) return created.status();
    sodium_memzero(created->data(), created->size());
    return Status::Ok();
}

Result<AuditChainKey> Keyring::ForAudit() {
    std::lock_guard<std::mutex> lock(mu_);
    AuditChainKey out;
    if (has_master_) {
        out.key_ = Derive(master_, kAuditSubkeyId, kAuditContext);
        return out;
    }
    Result<Key> loaded = LoadOrCreateKeyFile(dir_ / "audit.key");
    if (!loaded.ok()) return loaded.status();
    out.key_ = *loaded;
    sodium_memzero(loaded->data(), loaded->size());
    return out;
}

}  // namespace foljsam::security

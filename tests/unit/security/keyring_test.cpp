#include "security/keyring.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "security/crypto.hpp"

namespace foljsam::security {
namespace {

constexpr std::string_view kMasterKey = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

class Keyring : public ::testing::Test {
   protected:
    void SetUp() override {
        ASSERT_TRUE(InitCrypto().ok());
        dir_ = std::filesystem::temp_directory_path() /
               ("foljsam-keyring-test-" + std::to_string(::getpid()) + "-" + RandomToken(6)) / "keys";
    }
    void TearDown() override { std::filesystem::remove_all(dir_.parent_path()); }

    ControllerKeys KeysFromDirectory(long long controller_id) {
        auto keyring = security::Keyring::FromDirectory(dir_);
        EXPECT_TRUE(keyring.ok()) << keyring.status().message();
        auto keys = (*keyring)->ForController(controller_id, 1);
        EXPECT_TRUE(keys.ok()) << keys.status().message();
        return *keys;
    }

    ControllerKeys KeysFromMaster(long long controller_id) {
        auto keyring = security::Keyring::FromMasterKey(kMasterKey);
        EXPECT_TRUE(keyring.ok()) << keyring.status().message();
        auto keys = (*keyring)->ForController(controller_id, 1);
        EXPECT_TRUE(keys.ok()) << keys.status().message();
        return *keys;
    }

    std::filesystem::path dir_;
};

unsigned ModeOf(const std::filesystem::path& path) {
    struct stat info {};
    EXPECT_EQ(::stat(path.c_str(), &info), 0) << path;
    return info.st_mode & 0777;
}

TEST_F(Keyring, SealedValueOpensToTheSamePlaintext) {
    ControllerKeys keys = KeysFromDirectory(1);
    const std::vector<std::string> plaintexts = {"199001151231", "Åsa Öberg-Ärlig", "", std::string(1000, 'x')};
    for (const std::string& plaintext : plaintexts) {
        std::string sealed = keys.Seal(plaintext);
        EXPECT_EQ(sealed.rfind("v1:", 0), 0u);
        if (!plaintext.empty()) {
            EXPECT_EQ(sealed.find(plaintext), std::string::npos);
        }
        auto opened = keys.Open(sealed);
        ASSERT_TRUE(opened.ok()) << opened.status().message();
        EXPECT_EQ(*opened, plaintext);
    }
}

TEST_F(Keyring, SealingTwiceGivesDifferentValues) {
    ControllerKeys keys = KeysFromDirectory(1);
    EXPECT_NE(keys.Seal("Åsa"), keys.Seal("Åsa"));
}

TEST_F(Keyring, TamperedSealedValueIsCorrupt) {
    ControllerKeys keys = KeysFromDirectory(1);
    std::string sealed = keys.Seal("Åsa Öberg");
    for (size_t position = 3; position < sealed.size() - 1; ++position) {
        std::string tampered = sealed;
        tampered[position] = tampered[position] == 'A' ? 'B' : 'A';
        auto opened = keys.Open(tampered);
        ASSERT_FALSE(opened.ok()) << "position " << position;
        EXPECT_EQ(opened.status().code(), StatusCode::kCorrupt);
    }
}

TEST_F(Keyring, TruncatedOrMalformedSealedValueIsCorrupt) {
    ControllerKeys keys = KeysFromDirectory(1);
    std::string sealed = keys.Seal("Åsa");
    const std::string inputs[] = {"",
                                  "v1:",
                                  "v2:" + sealed.substr(3),
                                  sealed.substr(3),
                                  sealed.substr(0, 20),
                                  sealed.substr(0, sealed.size() - 4),
                                  sealed + "A",
                                  sealed + "=",
                                  "v1:!!!!",
                                  "v1:" + std::string(100, 'A')};
    for (const std::string& input : inputs) {
        auto opened = keys.Open(input);
        ASSERT_FALSE(opened.ok()) << input;
        EXPECT_EQ(opened.status().code(), StatusCode::kCorrupt) << input;
    }
}

TEST_F(Keyring, DifferentControllersGiveDifferentSealsAndLookupHashes) {
    ControllerKeys first = KeysFromDirectory(1);
    ControllerKeys second = KeysFromDirectory(2);
    auto opened = second.Open(first.Seal("199001151231"));
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(opened.status().code(), StatusCode::kCorrupt);
    EXPECT_NE(first.LookupHash("199001151231"), second.LookupHash("199001151231"));

    ControllerKeys master_first = KeysFromMaster(1);
    ControllerKeys master_second = KeysFromMaster(2);
    EXPECT_FALSE(master_second.Open(master_first.Seal("x")).ok());
    EXPECT_NE(master_first.LookupHash("199001151231"), master_second.LookupHash("199001151231"));
}

TEST_F(Keyring, LookupHashIsStableLowerCaseHexForOneController) {
    ControllerKeys keys = KeysFromDirectory(7);
    std::string hash = keys.LookupHash("199001151231");
    EXPECT_EQ(hash.size(), 64u);
    EXPECT_EQ(hash.find_first_not_of("0123456789abcdef"), std::string::npos) << hash;
    EXPECT_EQ(hash, keys.LookupHash("199001151231"));
    EXPECT_NE(hash, keys.LookupHash("199001151232"));
    // Keyed: differs from the plain token hash of the same value.
    EXPECT_NE(hash, TokenHash("199001151231"));
}

TEST_F(Keyring, KeyFilesArePrivateAndReusedAcrossInstances) {
    ControllerKeys first = KeysFromDirectory(42);
    std::filesystem::path key_file = dir_ / "controller-42.key";
    ASSERT_TRUE(std::filesystem::exists(key_file));
    EXPECT_EQ(std::filesystem::file_size(key_file), 32u);
    EXPECT_EQ(ModeOf(key_file), 0600u);
    EXPECT_EQ(ModeOf(dir_), 0700u);
    // No temporary files are left behind.
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir_), std::filesystem::directory_iterator()), 1);

    ControllerKeys again = KeysFromDirectory(42);
    auto opened = again.Open(first.Seal("Åsa Öberg"));
    ASSERT_TRUE(opened.ok());
    EXPECT_EQ(*opened, "Åsa Öberg");
    EXPECT_EQ(first.LookupHash("x"), again.LookupHash("x"));
}

TEST_F(Keyring, KeyFileOfTheWrongSizeIsCorrupt) {
    ASSERT_TRUE(security::Keyring::FromDirectory(dir_).ok());
    std::ofstream(dir_ / "controller-5.key", std::ios::binary) << "too short";
    auto keyring = security::Keyring::FromDirectory(dir_);
    ASSERT_TRUE(keyring.ok());
    auto keys = (*keyring)->ForController(5, 1);
    ASSERT_FALSE(keys.ok());
    EXPECT_EQ(keys.status().code(), StatusCode::kCorrupt);
}

TEST_F(Keyring, UnwritableKeyDirectoryIsUnavailable) {
    if (::geteuid() == 0) GTEST_SKIP() << "root ignores directory permissions";
    ASSERT_TRUE(security::Keyring::FromDirectory(dir_).ok());
    std::filesystem::permissions(dir_, std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);
    auto keyring = security::Keyring::FromDirectory(dir_);
    ASSERT_TRUE(keyring.ok());
    auto keys = (*keyring)->ForController(9, 1);
    std::filesystem::permissions(dir_, std::filesystem::perms::owner_all);
    ASSERT_FALSE(keys.ok());
    EXPECT_EQ(keys.status().code(), StatusCode::kUnavailable);
}

TEST_F(Keyring, UnreadableKeyFileIsUnavailable) {
    ASSERT_TRUE(security::Keyring::FromDirectory(dir_).ok());
    std::filesystem::create_directory(dir_ / "controller-8.key");
    auto keyring = security::Keyring::FromDirectory(dir_);
    ASSERT_TRUE(keyring.ok());
    auto keys = (*keyring)->ForController(8, 1);
    ASSERT_FALSE(keys.ok());
    EXPECT_EQ(keys.status().code(), StatusCode::kUnavailable);
}

TEST_F(Keyring, KeyDirectoryThatIsAFileIsUnavailable) {
    std::filesystem::create_directories(dir_.parent_path());
    std::ofstream(dir_) << "not a directory";
    auto keyring = security::Keyring::FromDirectory(dir_);
    ASSERT_FALSE(keyring.ok());
    EXPECT_EQ(keyring.status().code(), StatusCode::kUnavailable);
}

TEST_F(Keyring, MasterKeyDerivationIsDeterministicAcrossInstances) {
    ControllerKeys first = KeysFromMaster(3);
    ControllerKeys second = KeysFromMaster(3);
    auto opened = second.Open(first.Seal("Åsa"));
    ASSERT_TRUE(opened.ok());
    EXPECT_EQ(*opened, "Åsa");
    EXPECT_EQ(first.LookupHash("199001151231"), second.LookupHash("199001151231"));

    std::string upper(kMasterKey);
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    auto keyring = security::Keyring::FromMasterKey(upper);
    ASSERT_TRUE(keyring.ok());
    EXPECT_EQ((*keyring)->ForController(3, 1)->LookupHash("x"), first.LookupHash("x"));
}

TEST_F(Keyring, MasterKeyIsNotADirectoryKey) {
    EXPECT_NE(KeysFromMaster(1).LookupHash("x"), KeysFromDirectory(1).LookupHash("x"));
}

TEST_F(Keyring, BadMasterKeyIsRefused) {
    std::string key(kMasterKey);
    const std::string inputs[] = {"",
                                  key.substr(0, 62),
                                  key + "00",
                                  key.substr(0, 63) + "g",
                                  key.substr(0, 63) + " ",
                                  " " + key.substr(1),
                                  key.substr(0, 32) + ":" + key.substr(33)};
    for (const std::string& input : inputs) {
        auto keyring = security::Keyring::FromMasterKey(input);
        ASSERT_FALSE(keyring.ok()) << input;
        EXPECT_EQ(keyring.status().code(), StatusCode::kInvalidInput) << input;
        EXPECT_EQ(keyring.status().message().find(key.substr(0, 8)), std::string::npos);
    }
}

TEST_F(Keyring, EnvironmentMasterKeyTakesPrecedence) {
    const char* previous = std::getenv("FOLJSAM_KEY");
    std::string saved = previous != nullptr ? previous : "";
    ::unsetenv("FOLJSAM_KEY");
    auto from_dir = security::Keyring::FromEnvironmentOr(dir_);
    ASSERT_TRUE(from_dir.ok());
    EXPECT_TRUE((*from_dir)->ForController(1, 1).ok());
    EXPECT_TRUE(std::filesystem::exists(dir_ / "controller-1.key"));

    ::setenv("FOLJSAM_KEY", std::string(kMasterKey).c_str(), 1);
    auto from_env = security::Keyring::FromEnvironmentOr(dir_);
    ::setenv("FOLJSAM_KEY", "", 1);
    auto empty = security::Keyring::FromEnvironmentOr(dir_);
    if (previous != nullptr) {
        ::setenv("FOLJSAM_KEY", saved.c_str(), 1);
    } else {
        ::unsetenv("FOLJSAM_KEY");
    }
    ASSERT_TRUE(from_env.ok());
    EXPECT_EQ((*from_env)->ForController(1, 1)->LookupHash("x"), KeysFromMaster(1).LookupHash("x"));
    EXPECT_FALSE(empty.ok());
}

}  // namespace
}  // namespace foljsam::security

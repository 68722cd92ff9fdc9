// Key generations (issue 5, item 6): sealed values name their generation, values of every
// generation at hand open, a missing or unknown generation is kUnavailable and a tampered
// one kCorrupt, and the pseudonym key survives the removal of generation 1's key file.

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "security/crypto.hpp"
#include "security/keyring.hpp"

namespace foljsam::security {
namespace {

constexpr std::string_view kMasterKey = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
constexpr const char* kPnr = "198801042386";  // Skatteverket's test personnummer

class KeyGenerations : public ::testing::Test {
   protected:
    void SetUp() override {
        ASSERT_TRUE(InitCrypto().ok());
        dir_ = std::filesystem::temp_directory_path() /
               ("foljsam-keygen-test-" + std::to_string(::getpid()) + "-" + RandomToken(6)) / "keys";
    }
    void TearDown() override { std::filesystem::remove_all(dir_.parent_path()); }

    // A fresh keyring on the directory, as a new process would open it.
    std::shared_ptr<security::Keyring> Directory() {
        auto keyring = security::Keyring::FromDirectory(dir_);
        EXPECT_TRUE(keyring.ok()) << keyring.status().message();
        return *keyring;
    }

    ControllerKeys Keys(security::Keyring& keyring, long long controller, int newest) {
        auto keys = keyring.ForController(controller, newest);
        EXPECT_TRUE(keys.ok()) << keys.status().message();
        return keys.ok() ? *keys : ControllerKeys();
    }

    std::filesystem::path dir_;
};

TEST(SealedGeneration, ReadsVersionOneAndNumberedGenerations) {
    EXPECT_EQ(*SealedGeneration("v1:abc"), 1);
    EXPECT_EQ(*SealedGeneration("v1:"), 1);  // the generation is read; the value is judged by Open
    EXPECT_EQ(*SealedGeneration("v2:2:abc"), 2);
    EXPECT_EQ(*SealedGeneration("v2:37:abc"), 37);
    EXPECT_EQ(*SealedGeneration("v2:1000000:abc"), kMaxKeyGeneration);
}

TEST(SealedGeneration, AnythingElseIsCorrupt) {
    const std::vector<std::string> inputs = {"",
                                             "v1",
                                             "v2:",
                                             "v2:2",
                                             "v2::abc",
                                             "v2:1:abc",
                                             "v2:0:abc",
                                             "v2:02:abc",
                                             "v2:-2:abc",
                                             "v2:+2:abc",
                                             "v2:2x:abc",
                                             "v2: 2:abc",
                                             "v3:2:abc",
                                             "V1:abc",
                                             "v2:1000001:abc",
                                             "abc",
                                             "v2:99999999:abc"};
    for (const auto& input : inputs) {
        auto generation = SealedGeneration(input);
        ASSERT_FALSE(generation.ok()) << input;
        EXPECT_EQ(generation.status().code(), StatusCode::kCorrupt) << input;
    }
}

TEST_F(KeyGenerations, NewGenerationSealsWithItsNumberAndStillOpensTheOld) {
    auto keyring = Directory();
    ControllerKeys first = Keys(*keyring, 7, 1);
    EXPECT_EQ(first.generation(), 1);
    const std::string old_value = first.Seal("Åsa Öberg");
    ASSERT_EQ(old_value.rfind("v1:", 0), 0u);

    ASSERT_TRUE(keyring->CreateGeneration(7, 2).ok());
    ControllerKeys second = Keys(*keyring, 7, 2);
    EXPECT_EQ(second.generation(), 2);
    EXPECT_EQ(second.generations(), (std::vector<int>{2, 1}));
    const std::string new_value = second.Seal("Åsa Öberg");
    EXPECT_EQ(new_value.rfind("v2:2:", 0), 0u) << new_value;
    EXPECT_EQ(*second.Open(new_value), "Åsa Öberg");
    EXPECT_EQ(*second.Open(old_value), "Åsa Öberg");

    // The new key is a new random key: its hash differs, and searching covers both.
    EXPECT_NE(second.LookupHash(kPnr), first.LookupHash(kPnr));
    EXPECT_EQ(second.LookupHashes(kPnr), (std::vector<std::string>{second.LookupHash(kPnr), first.LookupHash(kPnr)}));
    // Pseudonymous codes do not change with the generation.
    EXPECT_EQ(*second.PseudonymHash(kPnr), *first.PseudonymHash(kPnr));

    // A value of the newer generation does not open with only the older key.
    auto too_new = first.Open(new_value);
    ASSERT_FALSE(too_new.ok());
    EXPECT_EQ(too_new.status().code(), StatusCode::kUnavailable);

    // The new key file is private, and the pseudonym key was kept beside it.
    struct stat info {};
    ASSERT_EQ(::stat((dir_ / "controller-7.g2.key").c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600u);
    EXPECT_EQ(std::filesystem::file_size(dir_ / "controller-7.g2.key"), 32u);
    EXPECT_TRUE(std::filesystem::exists(dir_ / "controller-7.pseudonym.key"));
    EXPECT_EQ(keyring->KeyFile(7, 2), dir_ / "controller-7.g2.key");
}

TEST_F(KeyGenerations, CreatingAGenerationTwiceKeepsTheFirstKey) {
    auto keyring = Directory();
    ASSERT_TRUE(keyring->CreateGeneration(3, 2).ok());
    const std::string sealed = Keys(*keyring, 3, 2).Seal("x");
    ASSERT_TRUE(keyring->CreateGeneration(3, 2).ok());
    EXPECT_EQ(*Keys(*Directory(), 3, 2).Open(sealed), "x");
}

TEST_F(KeyGenerations, UnknownOrMissingGenerationIsUnavailable) {
    auto keyring = Directory();
    ASSERT_TRUE(keyring->CreateGeneration(4, 2).ok());
    ControllerKeys keys = Keys(*keyring, 4, 2);
    const std::string sealed = keys.Seal("Åsa");
    // A generation never created: neither its values open nor can it be the newest.
    std::string unknown = sealed;
    unknown.replace(0, 5, "v2:9:");
    auto opened = keys.Open(unknown);
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(opened.status().code(), StatusCode::kUnavailable);
    auto missing = keyring->ForController(4, 3);
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.status().code(), StatusCode::kUnavailable);
    for (int bad : {0, -1, kMaxKeyGeneration + 1}) {
        auto refused = keyring->ForController(4, bad);
        ASSERT_FALSE(refused.ok()) << bad;
        EXPECT_EQ(refused.status().code(), StatusCode::kInvalidInput) << bad;
    }
    EXPECT_EQ(keyring->CreateGeneration(4, 1).code(), StatusCode::kInvalidInput);
}

TEST_F(KeyGenerations, ATamperedGenerationTagIsCorrupt) {
    auto keyring = Directory();
    Keys(*keyring, 5, 1);  // generation 1 exists too, so "v1:" is judged by its key
    ASSERT_TRUE(keyring->CreateGeneration(5, 2).ok());
    ASSERT_TRUE(keyring->CreateGeneration(5, 3).ok());
    ControllerKeys keys = Keys(*keyring, 5, 3);
    const std::string sealed = keys.Seal("Åsa");  // v2:3:...
    const std::string payload = sealed.substr(5);
    for (const std::string& tampered : {"v2:2:" + payload, "v1:" + payload}) {
        auto opened = keys.Open(tampered);
        ASSERT_FALSE(opened.ok()) << tampered;
        EXPECT_EQ(opened.status().code(), StatusCode::kCorrupt) << tampered;
    }
    std::string flipped = sealed;
    flipped[10] = flipped[10] == 'A' ? 'B' : 'A';
    EXPECT_EQ(keys.Open(flipped).status().code(), StatusCode::kCorrupt);
}

TEST_F(KeyGenerations, RemovingTheOldKeyFileLeavesNewValuesAndCodesReadable) {
    auto keyring = Directory();
    ControllerKeys first = Keys(*keyring, 6, 1);
    const std::string old_value = first.Seal("gammal");
    const std::string code = *first.PseudonymHash(kPnr);
    ASSERT_TRUE(keyring->CreateGeneration(6, 2).ok());
    const std::string new_value = Keys(*keyring, 6, 2).Seal("ny");
    ASSERT_TRUE(std::filesystem::remove(dir_ / "controller-6.key"));

    auto fresh = Directory();
    ControllerKeys second = Keys(*fresh, 6, 2);
    EXPECT_EQ(second.generations(), std::vector<int>{2});
    EXPECT_EQ(*second.Open(new_value), "ny");
    auto gone = second.Open(old_value);
    ASSERT_FALSE(gone.ok());
    EXPECT_EQ(gone.status().code(), StatusCode::kUnavailable);
    EXPECT_EQ(*second.PseudonymHash(kPnr), code);
    // Generation 1 is not created anew once a later generation exists: it would open nothing.
    auto first_again = fresh->ForController(6, 1);
    ASSERT_FALSE(first_again.ok());
    EXPECT_EQ(first_again.status().code(), StatusCode::kUnavailable);
    EXPECT_FALSE(std::filesystem::exists(dir_ / "controller-6.key"));
}

TEST_F(KeyGenerations, WithoutGenerationOneOrThePseudonymKeyCodesAreUnavailable) {
    auto keyring = Directory();
    ASSERT_TRUE(keyring->CreateGeneration(8, 2).ok());  // no generation 1 file: nothing to keep
    auto keys = Keys(*keyring, 8, 2);
    auto code = keys.PseudonymHash(kPnr);
    ASSERT_FALSE(code.ok());
    EXPECT_EQ(code.status().code(), StatusCode::kUnavailable);
}

TEST_F(KeyGenerations, MasterKeyDerivesEveryGenerationAlike) {
    auto a = security::Keyring::FromMasterKey(kMasterKey);
    auto b = security::Keyring::FromMasterKey(kMasterKey);
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_TRUE((*a)->UsesMasterKey());
    EXPECT_TRUE((*a)->CreateGeneration(1, 2).ok());  // nothing to create
    EXPECT_TRUE((*a)->KeyFile(1, 2).empty());
    ControllerKeys first = Keys(**a, 1, 1);
    ControllerKeys second = Keys(**a, 1, 2);
    ControllerKeys elsewhere = Keys(**b, 1, 2);
    const std::string sealed = second.Seal("Åsa");
    EXPECT_EQ(sealed.rfind("v2:2:", 0), 0u);
    EXPECT_EQ(*elsewhere.Open(sealed), "Åsa");
    EXPECT_EQ(*elsewhere.Open(first.Seal("Åsa")), "Åsa");
    EXPECT_NE(second.LookupHash(kPnr), first.LookupHash(kPnr));
    EXPECT_EQ(second.LookupHash(kPnr), elsewhere.LookupHash(kPnr));
    EXPECT_EQ(*second.PseudonymHash(kPnr), *first.PseudonymHash(kPnr));
    // Another controller's generation 2 is another key.
    EXPECT_NE(Keys(**a, 2, 2).LookupHash(kPnr), second.LookupHash(kPnr));
    EXPECT_FALSE(Keys(**a, 2, 2).Open(sealed).ok());
}

}  // namespace
}  // namespace foljsam::security

#include "security/crypto.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace foljsam::security {
namespace {

class Crypto : public ::testing::Test {
   protected:
    void SetUp() override { ASSERT_TRUE(InitCrypto().ok()); }
};

bool IsLowerHex(const std::string& text) { return text.find_first_not_of("0123456789abcdef") == std::string::npos; }

TEST_F(Crypto, InitCanBeCalledAgain) { EXPECT_TRUE(InitCrypto().ok()); }

TEST_F(Crypto, RandomTokenHasUrlSafeBase64Length) {
    std::string token = RandomToken();
    EXPECT_EQ(token.size(), 43u);
    EXPECT_EQ(token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
              std::string::npos)
        << token;
    EXPECT_EQ(RandomToken(16).size(), 22u);
    EXPECT_EQ(RandomToken(3).size(), 4u);
    EXPECT_EQ(RandomToken(0).size(), 0u);
}

TEST_F(Crypto, RandomTokensAreUnique) {
    std::set<std::string> seen;
    for (int token_idx = 0; token_idx < 1000; ++token_idx) {
        EXPECT_TRUE(seen.insert(RandomToken()).second);
    }
}

TEST_F(Crypto, TokenHashIsStableLowerCaseHex) {
    std::string hash = TokenHash("abc");
    EXPECT_EQ(hash.size(), 64u);
    EXPECT_TRUE(IsLowerHex(hash)) << hash;
    EXPECT_EQ(hash, TokenHash("abc"));
    EXPECT_NE(hash, TokenHash("abd"));
    // BLAKE2b-256 of the empty string (RFC 7693 parameters, unkeyed).
    EXPECT_EQ(TokenHash(""), "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
}

TEST_F(Crypto, ConstantTimeEqualsComparesContentAndLength) {
    EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
    EXPECT_TRUE(ConstantTimeEquals("", ""));
    EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
    EXPECT_FALSE(ConstantTimeEquals("abc", "abcd"));
    EXPECT_FALSE(ConstantTimeEquals("", "a"));
}

TEST_F(Crypto, PasswordHashVerifiesOnlyTheRightPassword) {
    auto hash = HashPassword("rätt lösenord", HashCost::kMinimum);
    ASSERT_TRUE(hash.ok());
    EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u) << *hash;
    EXPECT_TRUE(VerifyPassword("rätt lösenord", *hash));
    EXPECT_FALSE(VerifyPassword("fel lösenord", *hash));
    EXPECT_FALSE(VerifyPassword("", *hash));
    EXPECT_FALSE(VerifyPassword("rätt lösenor", *hash));
}

TEST_F(Crypto, PasswordHashesAreSalted) {
    auto first = HashPassword("samma", HashCost::kMinimum);
    auto second = HashPassword("samma", HashCost::kMinimum);
    ASSERT_TRUE(first.ok());
    ASSERT_TRUE(second.ok());
    EXPECT_NE(*first, *second);
}

TEST_F(Crypto, MalformedStoredHashIsAMismatch) {
    auto hash = HashPassword("lösenord", HashCost::kMinimum);
    ASSERT_TRUE(hash.ok());
    std::string truncated = hash->substr(0, hash->size() - 5);
    std::string with_nul = *hash;
    with_nul.insert(10, 1, '\0');
    const std::string inputs[] = {"",        "lösenord", "$argon2id$",         "$argon2id$v=19$m=8,t=1,p=1$xx$yy",
                                  truncated, with_nul,   std::string(500, 'a')};
    for (const std::string& stored : inputs) {
        EXPECT_FALSE(VerifyPassword("lösenord", stored)) << stored;
    }
}

}  // namespace
}  // namespace foljsam::security

// TOTP (security/totp) against the published test vectors of RFC 6238 (appendix B, all
// three hashes), RFC 4226 (appendix D, HOTP) and RFC 4648 (Base32), and the rules the log-in
// relies on: the window, no reuse of a step, malformed codes.

#include "security/totp.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "security/crypto.hpp"

namespace foljsam::security {
namespace {

const std::string kSeed20 = "12345678901234567890";
const std::string kSeed32 = "12345678901234567890123456789012";
const std::string kSeed64 = "1234567890123456789012345678901234567890123456789012345678901234";

struct Rfc6238Vector {
    long long time;
    const char* sha1;
    const char* sha256;
    const char* sha512;
};

// RFC 6238, appendix B: 8 digits, 30-second steps.
const std::vector<Rfc6238Vector> kRfc6238 = {
    {59, "94287082", "46119246", "90693936"},         {1111111109, "07081804", "68084774", "25091201"},
    {1111111111, "14050471", "67062674", "99943326"}, {1234567890, "89005924", "91819424", "93441116"},
    {2000000000, "69279037", "90698825", "38618901"}, {20000000000, "65353130", "77737706", "47863826"},
};

TEST(Totp, MatchesTheTestVectorsOfRfc6238ForEveryHash) {
    for (const auto& v : kRfc6238) {
        EXPECT_EQ(TotpCode(kSeed20, v.time, {TotpHash::kSha1, 8, 30}), v.sha1) << v.time;
        EXPECT_EQ(TotpCode(kSeed32, v.time, {TotpHash::kSha256, 8, 30}), v.sha256) << v.time;
        EXPECT_EQ(TotpCode(kSeed64, v.time, {TotpHash::kSha512, 8, 30}), v.sha512) << v.time;
    }
}

TEST(Totp, MatchesTheHotpVectorsOfRfc4226) {
    const std::vector<std::string> expected = {"755224", "287082", "359152", "969429", "338314",
                                               "254676", "287922", "162583", "399871", "520489"};
    for (size_t counter = 0; counter < expected.size(); ++counter)
        EXPECT_EQ(TotpCodeAt(kSeed20, static_cast<long long>(counter)), expected[counter]) << counter;
}

TEST(Totp, TheDefaultIsSixDigitsOfSha1EveryThirtySeconds) {
    // The 8-digit SHA-1 code at 59 s is 94287082; its last six digits are the 6-digit code.
    EXPECT_EQ(TotpCode(kSeed20, 59), "287082");
    EXPECT_EQ(TotpStep(59), 1);
    EXPECT_EQ(TotpStep(60), 2);
    EXPECT_EQ(TotpCode(kSeed20, 30), TotpCode(kSeed20, 59)) << "one step lasts 30 seconds";
    EXPECT_NE(TotpCode(kSeed20, 59), TotpCode(kSeed20, 60));
}

TEST(Totp, VerifyAcceptsTheStepsNextToNowAndReturnsTheMatchingStep) {
    const long long now = 1234567890;  // step 41152263
    const long long step = TotpStep(now);
    EXPECT_EQ(VerifyTotp(kSeed20, TotpCode(kSeed20, now), now, 0), step);
    EXPECT_EQ(VerifyTotp(kSeed20, TotpCode(kSeed20, now - 30), now, 0), step - 1) << "a clock 30 s behind";
    EXPECT_EQ(VerifyTotp(kSeed20, TotpCode(kSeed20, now + 30), now, 0), step + 1) << "a clock 30 s ahead";
    EXPECT_FALSE(VerifyTotp(kSeed20, TotpCode(kSeed20, now - 90), now, 0)) << "outside the window";
    EXPECT_FALSE(VerifyTotp(kSeed20, TotpCode(kSeed20, now + 90), now, 0)) << "outside the window";
    EXPECT_EQ(VerifyTotp(kSeed20, TotpCode(kSeed20, now - 60), now, 0, 2), step - 2) << "a wider window";
}

TEST(Totp, ACodeCannotBeUsedTwice) {
    const long long now = 2000000000;
    const std::string code = TotpCode(kSeed20, now);
    const auto used = VerifyTotp(kSeed20, code, now, 0);
    ASSERT_TRUE(used);
    EXPECT_FALSE(VerifyTotp(kSeed20, code, now, *used)) << "the same step again";
    EXPECT_FALSE(VerifyTotp(kSeed20, TotpCode(kSeed20, now - 30), now, *used)) << "an earlier step";
    EXPECT_TRUE(VerifyTotp(kSeed20, TotpCode(kSeed20, now + 30), now, *used)) << "the next step";
}

TEST(Totp, MalformedCodesAreRefused) {
    const long long now = 1111111109;
    const std::string code = TotpCode(kSeed20, now);
    EXPECT_TRUE(VerifyTotp(kSeed20, code.substr(0, 3) + " " + code.substr(3), now, 0)) << "a space is fine";
    for (const std::string bad : {std::string(""), code.substr(0, 5), code + "0", std::string("12345a"),
                                  std::string("-12345"), std::string("١٢٣٤٥٦"), std::string(6, '\0')})
        EXPECT_FALSE(VerifyTotp(kSeed20, bad, now, 0)) << bad;
    EXPECT_FALSE(VerifyTotp("another secret 12345", code, now, 0)) << "another secret";
}

TEST(Base32, MatchesRfc4648AndRoundTrips) {
    const std::vector<std::pair<std::string, std::string>> vectors = {
        {"", ""},
        {"f", "MY"},
        {"fo", "MZXQ"},
        {"foo", "MZXW6"},
        {"foob", "MZXW6YQ"},
        {"fooba", "MZXW6YTB"},
        {"foobar", "MZXW6YTBOI"},
    };
    for (const auto& [plain, encoded] : vectors) {
        EXPECT_EQ(Base32Encode(plain), encoded);
        EXPECT_EQ(Base32Decode(encoded), plain);
    }
    EXPECT_EQ(Base32Decode("mzxw 6ytb oi======"), "foobar") << "lower case, spaces and padding";
    EXPECT_FALSE(Base32Decode("MZXW6YTB0I")) << "0 is not in the alphabet";
    EXPECT_FALSE(Base32Decode("MZXW1")) << "1 is not in the alphabet";
    ASSERT_TRUE(InitCrypto().ok());
    const std::string secret = NewTotpSecret();
    EXPECT_EQ(secret.size(), 20u);
    EXPECT_EQ(Base32Encode(secret).size(), 32u);
    EXPECT_EQ(Base32Decode(Base32Encode(secret)), secret);
    EXPECT_NE(NewTotpSecret(), secret);
}

TEST(Base32, TheOtpauthUriNamesIssuerAccountAndParameters) {
    const std::string uri = OtpauthUri("Följsam Testförbund", "anna.andersson", "foobar");
    EXPECT_EQ(uri,
              "otpauth://totp/F%C3%B6ljsam%20Testf%C3%B6rbund:anna.andersson?secret=MZXW6YTBOI"
              "&issuer=F%C3%B6ljsam%20Testf%C3%B6rbund&algorithm=SHA1&digits=6&period=30");
}

}  // namespace
}  // namespace foljsam::security

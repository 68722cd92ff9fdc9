// Two-factor log-in (issue 5, item 3) through the services on a real database: enrolment
// with a first code, the log-in's code step (TOTP or a recovery code, never the same twice),
// lock-out after wrong codes, the requirement for registrars and administrators, the sealed
// secret, log-out everywhere, and the refusal of common passwords.

#include <gtest/gtest.h>

#include <ctime>
#include <string>
#include <vector>

#include "security/totp.hpp"
#include "services/auth_service.hpp"
#include "services/two_factor_service.hpp"
#include "store/sql.hpp"
#include "support/test_app.hpp"

namespace foljsam::testing {
namespace {

class TwoFactor : public ::testing::Test {
   protected:
    void SetUp() override {
        region_ = app_.CreateMember("Region Testland", "REGION");
        insats_ = app_.CreateInsats("Steget", region_, RegistrationMode::kWithIdentity);
        registrar_ = app_.CreateRegistrar("reg.istrator", region_, {insats_});
        reader_ = app_.CreateUser("las.are", domain::Role::kLasare, region_);
    }

    // Enrols `actor` and returns the secret (bytes) and the recovery codes.
    std::string Enrol(const domain::Actor& actor, std::vector<std::string>* codes = nullptr) {
        auto begun = service_.Begin(actor);
        EXPECT_TRUE(begun.ok()) << begun.status().message();
        if (!begun.ok()) return "";
        auto secret = security::Base32Decode(begun->secret_base32);
        EXPECT_TRUE(secret);
        // The first code a step back, so the log-in that follows can use the current one.
        auto confirmed = service_.Confirm(actor, security::TotpCode(*secret, std::time(nullptr) - 30));
        EXPECT_TRUE(confirmed.ok()) << confirmed.status().message();
        if (confirmed.ok() && codes) *codes = *confirmed;
        return *secret;
    }

    std::string Now(const std::string& secret) { return security::TotpCode(secret, std::time(nullptr)); }

    long long CountRows(const std::string& sql) {
        auto uow = app_.app().db().Begin(store::Database::Mode::kRead);
        long long n = -1;
        EXPECT_TRUE(store::Guard("count", [&] { store::Sql(**uow) << sql, soci::into(n); }).ok());
        return n;
    }

    TestApp app_;
    services::TwoFactorService service_{app_.app()};
    long long region_ = 0, insats_ = 0;
    domain::Actor registrar_, reader_;
};

TEST_F(TwoFactor, EnrolmentNeedsARightFirstCodeAndGivesTenRecoveryCodes) {
    auto begun = service_.Begin(registrar_);
    ASSERT_TRUE(begun.ok()) << begun.status().message();
    EXPECT_EQ(begun->secret_base32.size(), 32u);
    EXPECT_NE(begun->otpauth_uri.find("otpauth://totp/F%C3%B6ljsam:reg.istrator?secret=" + begun->secret_base32),
              std::string::npos)
        << begun->otpauth_uri;
    auto shown_again = service_.Pending(registrar_);
    ASSERT_TRUE(shown_again.ok());
    EXPECT_EQ(shown_again->secret_base32, begun->secret_base32);

    auto wrong = service_.Confirm(registrar_, "000000");
    ASSERT_FALSE(wrong.ok());
    EXPECT_EQ(wrong.status().code(), StatusCode::kInvalidInput);
    ASSERT_EQ(wrong.status().fields().size(), 1u);
    EXPECT_EQ(wrong.status().fields()[0].field, "code");
    EXPECT_FALSE(service_.State(registrar_)->enabled);

    const std::string secret = *security::Base32Decode(begun->secret_base32);
    auto codes = service_.Confirm(registrar_, Now(secret));
    ASSERT_TRUE(codes.ok()) << codes.status().message();
    EXPECT_EQ(codes->size(), 10u);
    auto state = service_.State(registrar_);
    EXPECT_TRUE(state->enabled);
    EXPECT_EQ(state->unused_recovery_codes, 10);
    EXPECT_EQ(service_.Begin(registrar_).status().code(), StatusCode::kConflict) << "already on";
    EXPECT_EQ(app_.CountAudit("two_factor.enable"), 1);
}

TEST_F(TwoFactor, TheSecretAndRecoveryCodesAreNotStoredInClear) {
    std::vector<std::string> codes;
    const std::string secret = Enrol(registrar_, &codes);
    auto uow = app_.app().db().Begin(store::Database::Mode::kRead);
    std::string sealed;
    ASSERT_TRUE(store::Guard("read", [&] {
                    store::Sql(**uow) << "SELECT secret_sealed FROM user_totp", soci::into(sealed);
                }).ok());
    EXPECT_EQ(sealed.find(security::Base32Encode(secret)), std::string::npos);
    EXPECT_EQ(sealed.find(secret), std::string::npos);
    EXPECT_EQ(sealed.rfind("v", 0), 0u) << "a sealed value";
    for (const auto& code : codes)
        EXPECT_EQ(CountRows("SELECT COUNT(*) FROM recovery_code WHERE code_hash LIKE '%" + code.substr(0, 5) + "%'"),
                  0);
}

TEST_F(TwoFactor, LogInWithTwoFactorsOpensNothingUntilTheCodeIsRight) {
    const std::string secret = Enrol(registrar_);
    auto login = app_.auth().Login("reg.istrator", kTestPassword);
    ASSERT_TRUE(login.ok()) << login.status().message();
    EXPECT_TRUE(login->second_factor_due);
    EXPECT_FALSE(app_.auth().FromSession(login->session_token).ok()) << "a pending session opens nothing";

    auto wrong = app_.auth().CompleteSecondFactor(login->session_token, "123456");
    ASSERT_FALSE(wrong.ok());
    EXPECT_EQ(wrong.status().code(), StatusCode::kInvalidInput);
    EXPECT_EQ(app_.CountAudit("login.code_failed"), 1);

    auto full = app_.auth().CompleteSecondFactor(login->session_token, Now(secret));
    ASSERT_TRUE(full.ok()) << full.status().message();
    EXPECT_NE(full->session_token, login->session_token) << "a new token for the full session";
    EXPECT_TRUE(app_.auth().FromSession(full->session_token).ok());
    EXPECT_FALSE(app_.auth().CompleteSecondFactor(login->session_token, Now(secret)).ok()) << "spent";

    // The same code at once in another log-in: refused, a code is used once.
    auto again = app_.auth().Login("reg.istrator", kTestPassword);
    ASSERT_TRUE(again.ok());
    auto replay = app_.auth().CompleteSecondFactor(again->session_token, Now(secret));
    ASSERT_FALSE(replay.ok());
    EXPECT_EQ(replay.status().code(), StatusCode::kInvalidInput);
}

TEST_F(TwoFactor, ARecoveryCodeWorksOnceInAnyCaseAndSpacing) {
    std::vector<std::string> codes;
    Enrol(registrar_, &codes);
    ASSERT_EQ(codes.size(), 10u);
    auto login = app_.auth().Login("reg.istrator", kTestPassword);
    std::string typed = codes[3];
    for (auto& c : typed) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    typed.replace(5, 1, " ");
    auto full = app_.auth().CompleteSecondFactor(login->session_token, typed);
    ASSERT_TRUE(full.ok()) << full.status().message();
    EXPECT_EQ(app_.CountAudit("recovery_code.use"), 1);
    EXPECT_EQ(service_.State(registrar_)->unused_recovery_codes, 9);

    auto second = app_.auth().Login("reg.istrator", kTestPassword);
    EXPECT_FALSE(app_.auth().CompleteSecondFactor(second->session_token, codes[3]).ok()) << "used already";
}

TEST_F(TwoFactor, FiveWrongCodesLockTheNameAndEndThePendingSession) {
    const std::string secret = Enrol(registrar_);
    auto login = app_.auth().Login("reg.istrator", kTestPassword);
    ASSERT_TRUE(login.ok());
    Result<services::LoginResult> last = Status::Internal("not tried");
    for (int i = 0; i < 5; ++i) last = app_.auth().CompleteSecondFactor(login->session_token, "000001");
    ASSERT_FALSE(last.ok());
    EXPECT_NE(last.status().message().find("För många misslyckade inloggningar"), std::string::npos)
        << last.status().message();
    EXPECT_FALSE(app_.auth().CompleteSecondFactor(login->session_token, Now(secret)).ok())
        << "the pending session is gone";
    EXPECT_FALSE(app_.auth().Login("reg.istrator", kTestPassword).ok()) << "and the name is locked";
}

TEST_F(TwoFactor, APendingSessionLastsFiveMinutes) {
    const std::string secret = Enrol(registrar_);
    auto login = app_.auth().Login("reg.istrator", kTestPassword);
    ASSERT_TRUE(login.ok());
    {
        auto uow = app_.app().db().Begin();
        ASSERT_TRUE(store::Guard("expire", [&] {
                        store::Sql(**uow) << "UPDATE user_session SET expires_at = '2000-01-01T00:00:00Z'";
                    }).ok());
        ASSERT_TRUE((*uow)->Commit().ok());
    }
    auto late = app_.auth().CompleteSecondFactor(login->session_token, Now(secret));
    ASSERT_FALSE(late.ok());
    EXPECT_EQ(late.status().code(), StatusCode::kNotFound);
}

TEST_F(TwoFactor, RegistrarsAndAdministratorsMustEnrolWhenTheAssociationRequiresIt) {
    auto registrar = app_.auth().Login("reg.istrator", kTestPassword);
    auto reader = app_.auth().Login("las.are", kTestPassword);
    ASSERT_TRUE(registrar.ok() && reader.ok());
    EXPECT_TRUE(app_.auth().FromSession(registrar->session_token)->must_enrol_second_factor)
        << "a new association requires two factors of those who see personal data";
    EXPECT_FALSE(app_.auth().FromSession(reader->session_token)->must_enrol_second_factor) << "a reader sees none";
    EXPECT_TRUE(service_.State(registrar_)->required);
    EXPECT_EQ(service_.Disable(registrar_, kTestPassword).code(), StatusCode::kForbidden);

    EXPECT_EQ(service_.SetRequired(reader_, false).code(), StatusCode::kForbidden) << "only an administrator";
    ASSERT_TRUE(service_.SetRequired(app_.admin(), false).ok());
    EXPECT_FALSE(app_.auth().FromSession(registrar->session_token)->must_enrol_second_factor);
    EXPECT_EQ(app_.CountAudit("config.two_factor"), 1);

    ASSERT_TRUE(service_.SetRequired(app_.admin(), true).ok());
    Enrol(registrar_);
    EXPECT_FALSE(app_.auth().FromSession(registrar->session_token)->must_enrol_second_factor) << "enrolled";
}

TEST_F(TwoFactor, TurningItOffNeedsThePasswordWhenNotRequired) {
    Enrol(reader_);
    EXPECT_EQ(service_.Disable(reader_, "fel-lösenord-123").code(), StatusCode::kInvalidInput);
    EXPECT_TRUE(service_.State(reader_)->enabled);
    ASSERT_TRUE(service_.Disable(reader_, kTestPassword).ok());
    EXPECT_FALSE(service_.State(reader_)->enabled);
    EXPECT_EQ(CountRows("SELECT COUNT(*) FROM recovery_code"), 0);
    auto login = app_.auth().Login("las.are", kTestPassword);
    ASSERT_TRUE(login.ok());
    EXPECT_FALSE(login->second_factor_due);
}

TEST_F(TwoFactor, LogOutEverywhereEndsEverySessionOfTheUserOnly) {
    auto a = app_.auth().Login("las.are", kTestPassword);
    auto b = app_.auth().Login("las.are", kTestPassword);
    auto other = app_.auth().Login("reg.istrator", kTestPassword);
    ASSERT_TRUE(a.ok() && b.ok() && other.ok());
    ASSERT_TRUE(app_.auth().LogoutEverywhere(reader_).ok());
    EXPECT_FALSE(app_.auth().FromSession(a->session_token).ok());
    EXPECT_FALSE(app_.auth().FromSession(b->session_token).ok());
    EXPECT_TRUE(app_.auth().FromSession(other->session_token).ok());
    EXPECT_EQ(app_.CountAudit("logout.everywhere"), 1);
}

TEST(CommonPasswords, AreRefusedWhenAPasswordIsChanged) {
    TestApp app;
    const long long region = app.CreateMember("Region Testland", "REGION");
    const domain::Actor user = app.CreateUser("las.are", domain::Role::kLasare, region);
    // From the built-in Swedish list, and from Debian's john-data list (installed by setup).
    for (const char* common : {"Sommar2024!!", "lösenord-12345", "password1234", "qwertyqwerty", "123456789012"}) {
        Status st = app.auth().ChangePassword(user, kTestPassword, common);
        ASSERT_FALSE(st.ok()) << common;
        ASSERT_EQ(st.fields().size(), 1u);
        EXPECT_EQ(st.fields()[0].field, "new_password");
        EXPECT_NE(st.fields()[0].message.find("för vanligt"), std::string::npos) << common;
    }
    EXPECT_GT(app.app().common_passwords().size(), 3000u) << "john-data's list is loaded";
    EXPECT_TRUE(app.auth().ChangePassword(user, kTestPassword, "Tre glada grodor i dammen").ok());
}

}  // namespace
}  // namespace foljsam::testing

// Temporary lock-out after repeated failed log-ins (issue 5, item 3), through AuthService
// on a real database: the fifth failure locks the name, the right password is then
// refused too, a name that does not exist is treated the same (so the answers never tell
// whether a user exists), the lock ends, and a success clears the count.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "services/auth_service.hpp"
#include "store/sql.hpp"
#include "support/test_app.hpp"

namespace foljsam::testing {
namespace {

class LoginLockout : public ::testing::Test {
   protected:
    void SetUp() override {
        const long long region = app_.CreateMember("Region Testland", "REGION");
        app_.CreateUser("lasare.las", domain::Role::kLasare, region);
    }

    // The message of each attempt: "ok" for a log-in, else the refusal's message.
    std::string Attempt(const std::string& username, const std::string& password) {
        auto result = app_.auth().Login(username, password);
        if (result.ok()) return "ok";
        EXPECT_EQ(result.status().code(), StatusCode::kInvalidInput);
        return result.status().message();
    }

    // Moves every lock and window into the past, as if fifteen minutes had gone by.
    void LetTimePass() {
        auto uow = app_.app().db().Begin();
        ASSERT_TRUE(uow.ok());
        ASSERT_TRUE(store::Guard("time passes", [&] {
                        store::Sql(**uow) << "UPDATE login_attempt SET window_start = window_start - 1000, "
                                             "locked_until = CASE WHEN locked_until > 0 THEN 1 ELSE 0 END";
                    }).ok());
        ASSERT_TRUE((*uow)->Commit().ok());
    }

    TestApp app_;
};

TEST_F(LoginLockout, TheFifthFailureLocksEvenTheRightPasswordOut) {
    std::vector<std::string> answers;
    for (int i = 0; i < 5; ++i) answers.push_back(Attempt("lasare.las", "fel-lösenord-123"));
    for (int i = 0; i < 4; ++i) EXPECT_EQ(answers[i], "Fel användarnamn eller lösenord.") << i;
    EXPECT_NE(answers[4].find("För många misslyckade inloggningar"), std::string::npos) << answers[4];
    EXPECT_NE(answers[4].find("15 minuter"), std::string::npos) << answers[4];
    EXPECT_NE(Attempt("lasare.las", kTestPassword), "ok") << "locked: the right password is refused too";
    EXPECT_NE(Attempt("LASARE.LAS ", kTestPassword), "ok") << "the same name in other case";
    EXPECT_GE(app_.CountAudit("login.locked"), 3);

    LetTimePass();
    EXPECT_EQ(Attempt("lasare.las", kTestPassword), "ok");
}

TEST_F(LoginLockout, ANameThatDoesNotExistGetsTheSameAnswers) {
    std::vector<std::string> known, unknown;
    for (int i = 0; i < 7; ++i) {
        known.push_back(Attempt("lasare.las", "fel-lösenord-123"));
        unknown.push_back(Attempt("finns.inte", "fel-lösenord-123"));
    }
    EXPECT_EQ(known, unknown);
}

TEST_F(LoginLockout, ASuccessClearsTheCount) {
    for (int i = 0; i < 4; ++i) Attempt("lasare.las", "fel-lösenord-123");
    EXPECT_EQ(Attempt("lasare.las", kTestPassword), "ok");
    for (int i = 0; i < 4; ++i) Attempt("lasare.las", "fel-lösenord-123");
    EXPECT_EQ(Attempt("lasare.las", kTestPassword), "ok") << "four and four failures are not five";
}

TEST_F(LoginLockout, OneLockedNameLeavesOthersAlone) {
    for (int i = 0; i < 5; ++i) Attempt("finns.inte", "fel-lösenord-123");
    EXPECT_EQ(Attempt("lasare.las", kTestPassword), "ok");
}

}  // namespace
}  // namespace foljsam::testing

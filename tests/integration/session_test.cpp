// Sessions through AuthService on a real database (issue 5, item 3): the idle and absolute
// limits, and a live session staying usable while a long write (a large import) holds
// SQLite's only write lock, which once answered every page with "Databasen är upptagen".

#include <gtest/gtest.h>

#include <chrono>
#include <ctime>
#include <string>

#include "services/auth_service.hpp"
#include "store/sql.hpp"
#include "support/test_app.hpp"

namespace foljsam::testing {
namespace {

class Sessions : public ::testing::Test {
   protected:
    void SetUp() override {
        const long long region = app_.CreateMember("Region Testland", "REGION");
        app_.CreateUser("lasare.las", domain::Role::kLasare, region);
        auto login = app_.auth().Login("lasare.las", kTestPassword);
        ASSERT_TRUE(login.ok()) << login.status().message();
        token_ = login->session_token;
    }

    static std::string Utc(std::time_t t) {
        std::tm tm{};
        gmtime_r(&t, &tm);
        char buf[32];
        std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
        return buf;
    }

    // Sets the session's last use to `idle` seconds ago and its end to `left` seconds ahead.
    void SetTimes(long idle, long left) {
        auto uow = app_.app().db().Begin();
        ASSERT_TRUE(uow.ok());
        const std::time_t now = std::time(nullptr);
        const std::string last_seen = Utc(now - idle), expires = Utc(now + left);
        ASSERT_TRUE(store::Guard("set the session's times", [&] {
                        store::Sql(**uow) << "UPDATE user_session SET last_seen_at = :l, expires_at = :e",
                            soci::use(last_seen), soci::use(expires);
                    }).ok());
        ASSERT_TRUE((*uow)->Commit().ok());
    }

    long long SessionCount() {
        auto uow = app_.app().db().Begin(store::Database::Mode::kRead);
        long long n = -1;
        EXPECT_TRUE(store::Guard("count sessions", [&] {
                        store::Sql(**uow) << "SELECT COUNT(*) FROM user_session WHERE user_id IN (SELECT id FROM "
                                             "app_user WHERE username = 'lasare.las')",
                            soci::into(n);
                    }).ok());
        return n;
    }

    TestApp app_;
    std::string token_;
};

TEST_F(Sessions, AFreshSessionAuthenticates) {
    auto auth = app_.auth().FromSession(token_);
    ASSERT_TRUE(auth.ok()) << auth.status().message();
    EXPECT_EQ(auth->actor.user.username, "lasare.las");
    EXPECT_FALSE(app_.auth().FromSession(token_ + "x").ok());
}

TEST_F(Sessions, ThirtyMinutesIdleEndsIt) {
    SetTimes(29 * 60, 3600);
    EXPECT_TRUE(app_.auth().FromSession(token_).ok()) << "29 minutes idle is still inside the limit";
    SetTimes(31 * 60, 3600);
    auto auth = app_.auth().FromSession(token_);
    ASSERT_FALSE(auth.ok());
    EXPECT_EQ(auth.status().code(), StatusCode::kNotFound);
    EXPECT_EQ(SessionCount(), 0) << "the expired session is deleted";
}

TEST_F(Sessions, TwelveHoursInAllEndItEvenWhenUsed) {
    // Used a second ago, but its 12 hours ended a second ago.
    SetTimes(1, -1);
    auto auth = app_.auth().FromSession(token_);
    ASSERT_FALSE(auth.ok());
    EXPECT_EQ(auth.status().code(), StatusCode::kNotFound);
}

TEST_F(Sessions, ALiveSessionIsServedWhileALongWriteHoldsTheDatabase) {
    if (OnPostgres()) GTEST_SKIP() << "PostgreSQL locks rows, not the database";
    SetTimes(120, 3600);                    // due for an idle-timer refresh, which needs the write lock
    auto writer = app_.app().db().Begin();  // a large import, holding the write lock throughout
    ASSERT_TRUE(writer.ok());

    auto first = app_.auth().FromSession(token_);
    ASSERT_TRUE(first.ok()) << "the busy database must not end or refuse a live session: " << first.status().message();
    const auto start = std::chrono::steady_clock::now();
    auto second = app_.auth().FromSession(token_);
    ASSERT_TRUE(second.ok()) << second.status().message();
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5))
        << "later requests do not each wait out the busy timeout";
    writer->reset();
}

}  // namespace
}  // namespace foljsam::testing

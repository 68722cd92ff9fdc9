// The lock-out rule (domain/login_lockout): five failures within fifteen minutes lock a
// name for fifteen minutes; older failures do not count; after the lock a new count.

#include "domain/login_lockout.hpp"

#include <gtest/gtest.h>

namespace foljsam::domain {
namespace {

TEST(LoginLockoutRule, FiveFailuresWithinTheWindowLockForFifteenMinutes) {
    LoginAttempts a;
    const std::int64_t t0 = 1'700'000'000;
    for (int i = 0; i < kLoginMaxFailures - 1; ++i) {
        a = AfterFailure(a, t0 + i * 60);
        EXPECT_FALSE(IsLocked(a, t0 + i * 60)) << "after failure " << i + 1;
    }
    a = AfterFailure(a, t0 + 300);
    EXPECT_TRUE(IsLocked(a, t0 + 300));
    EXPECT_EQ(MinutesLocked(a, t0 + 300), 15);
    EXPECT_TRUE(IsLocked(a, t0 + 300 + kLoginLockSeconds - 1));
    EXPECT_EQ(MinutesLocked(a, t0 + 300 + kLoginLockSeconds - 1), 1);
    EXPECT_FALSE(IsLocked(a, t0 + 300 + kLoginLockSeconds));
    // After the lock the count starts again.
    a = AfterFailure(a, t0 + 300 + kLoginLockSeconds);
    EXPECT_EQ(a.failures, 1);
    EXPECT_FALSE(IsLocked(a, t0 + 300 + kLoginLockSeconds));
}

TEST(LoginLockoutRule, FailuresOutsideTheWindowDoNotAddUp) {
    LoginAttempts a;
    const std::int64_t t0 = 1'700'000'000;
    for (int i = 0; i < 20; ++i) {
        a = AfterFailure(a, t0 + i * (kLoginWindowSeconds / 4 + 1) * 1);
        if (a.failures >= kLoginMaxFailures) break;
    }
    // Four failures per window at most: a new window starts before the fifth.
    EXPECT_LT(a.failures, kLoginMaxFailures);
    EXPECT_FALSE(IsLocked(a, t0 + 20 * (kLoginWindowSeconds / 4 + 1)));
}

TEST(LoginLockoutRule, TheKeyIgnoresCaseAndSurroundingSpaceAndIsBounded) {
    EXPECT_EQ(LoginKey(" Kansli\t"), "kansli");
    EXPECT_EQ(LoginKey("KANSLI"), LoginKey("kansli"));
    EXPECT_NE(LoginKey("kansli2"), LoginKey("kansli"));
    EXPECT_EQ(LoginKey("   "), "");
    EXPECT_EQ(LoginKey(std::string(1000, 'a')).size(), 200u);
}

}  // namespace
}  // namespace foljsam::domain

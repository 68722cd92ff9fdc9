#pragma once
// Temporary lock-out after repeated failed log-ins (issue 5, item 3). The rule is per
// user name, known or not, so the lock-out itself never tells whether a user exists:
// kMaxFailures failures within kWindowSeconds lock the name for kLockSeconds, during
// which even the right password is refused. A successful log-in clears the count.
// Plain values and pure functions; times are seconds since the epoch.

#include <cstdint>
#include <string>
#include <string_view>

namespace foljsam::domain {

inline constexpr int kLoginMaxFailures = 5;
inline constexpr std::int64_t kLoginWindowSeconds = 15 * 60;
inline constexpr std::int64_t kLoginLockSeconds = 15 * 60;

struct LoginAttempts {
    int failures = 0;               // within the current window
    std::int64_t window_start = 0;  // when the first of those failures happened
    std::int64_t locked_until = 0;  // 0: not locked
};

// The key attempts are counted under: the name trimmed and lower-cased (ASCII), at most
// 200 bytes, so "Kansli" and " kansli" share one count.
std::string LoginKey(std::string_view username);

bool IsLocked(const LoginAttempts& attempts, std::int64_t now);

// The attempts after one more failure at `now`: a new window when the old one has passed;
// locked for kLockSeconds once the window holds kMaxFailures failures.
LoginAttempts AfterFailure(LoginAttempts attempts, std::int64_t now);

// Whole minutes (at least 1) until the lock ends.
int MinutesLocked(const LoginAttempts& attempts, std::int64_t now);

}  // namespace foljsam::domain

#include "domain/login_lockout.hpp"

#include <algorithm>

namespace foljsam::domain {

std::string LoginKey(std::string_view username) {
    const auto first = username.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return "";
    const auto last = username.find_last_not_of(" \t\r\n");
    std::string key(username.substr(first, last - first + 1).substr(0, 200));
    for (char& c : key)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return key;
}

bool IsLocked(const LoginAttempts& attempts, std::int64_t now) { return attempts.locked_until > now; }

LoginAttempts AfterFailure(LoginAttempts attempts, std::int64_t now) {
    if (attempts.failures == 0 || now - attempts.window_start >= kLoginWindowSeconds || attempts.locked_until != 0) {
        // A fresh window: the first failure, an old window, or the first failure after a lock.
        if (!IsLocked(attempts, now)) attempts = LoginAttempts{0, now, 0};
    }
    ++attempts.failures;
    if (attempts.failures >= kLoginMaxFailures) attempts.locked_until = now + kLoginLockSeconds;
    return attempts;
}

int MinutesLocked(const LoginAttempts& attempts, std::int64_t now) {
    const std::int64_t seconds = std::max<std::int64_t>(attempts.locked_until - now, 0);
    return static_cast<int>(std::max<std::int64_t>((seconds + 59) / 60, 1));
}

}  // namespace foljsam::domain

#include "store/login_attempt_repo.hpp"

#include "store/sql.hpp"

namespace foljsam::store {

Result<domain::LoginAttempts> LoginAttemptRepo::Get(const std::string& key) {
    domain::LoginAttempts out;
    Status st = Guard("get login attempts", [&] {
        long long failures = 0, window_start = 0, locked_until = 0;
        soci::indicator ind = soci::i_null;
        Sql(uow_) << "SELECT failures, window_start, locked_until FROM login_attempt WHERE username_key = :k",
            soci::into(failures, ind), soci::into(window_start), soci::into(locked_until), soci::use(key);
        if (ind == soci::i_ok) out = {static_cast<int>(failures), window_start, locked_until};
    });
    if (!st.ok()) return st;
    return out;
}

Status LoginAttemptRepo::Put(const std::string& key, const domain::LoginAttempts& attempts,
                             std::int64_t forget_before) {
    return Guard("put login attempts", [&] {
        long long failures = attempts.failures, window_start = attempts.window_start,
                  locked_until = attempts.locked_until, cutoff = forget_before;
        Sql(uow_) << "INSERT INTO login_attempt (username_key, failures, window_start, locked_until) VALUES (:k, :f, "
                     ":w, :l) ON CONFLICT (username_key) DO UPDATE SET failures = excluded.failures, window_start = "
                     "excluded.window_start, locked_until = excluded.locked_until",
            soci::use(key), soci::use(failures), soci::use(window_start), soci::use(locked_until);
        Sql(uow_) << "DELETE FROM login_attempt WHERE window_start < :c AND locked_until < :c2 AND username_key <> :k",
            soci::use(cutoff), soci::use(cutoff), soci::use(key);
    });
}

Status LoginAttemptRepo::Clear(const std::string& key) {
    return Guard("clear login attempts",
                 [&] { Sql(uow_) << "DELETE FROM login_attempt WHERE username_key = :k", soci::use(key); });
}

}  // namespace foljsam::store

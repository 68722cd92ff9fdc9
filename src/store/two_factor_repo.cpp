#include "store/two_factor_repo.hpp"

#include "store/sql.hpp"

namespace foljsam::store {

Result<std::optional<TotpRecord>> TwoFactorRepo::GetTotp(long long user_id) {
    TotpRecord rec;
    bool found = false;
    Status st = Guard("get the TOTP secret", [&] {
        int confirmed = 0;
        long long last_step = 0;
        soci::statement q =
            (Sql(uow_).prepare << "SELECT secret_sealed, confirmed, last_step FROM user_totp "
                                  "WHERE user_id = :u",
             soci::into(rec.secret_sealed), soci::into(confirmed), soci::into(last_step), soci::use(user_id));
        found = q.execute(true);
        rec.confirmed = confirmed != 0;
        rec.last_step = last_step;
    });
    if (!st.ok()) return st;
    if (!found) return std::optional<TotpRecord>();
    return std::optional<TotpRecord>(rec);
}

Status TwoFactorRepo::PutUnconfirmed(long long user_id, const std::string& secret_sealed) {
    return Guard("store a TOTP secret", [&] {
        const std::string now = NowUtc(), sealed = secret_sealed;
        Sql(uow_) << "DELETE FROM recovery_code WHERE user_id = :u", soci::use(user_id);
        Sql(uow_) << "DELETE FROM user_totp WHERE user_id = :u", soci::use(user_id);
        Sql(uow_) << "INSERT INTO user_totp (user_id, secret_sealed, confirmed, last_step, created_at) "
                     "VALUES (:u, :s, 0, 0, :c)",
            soci::use(user_id), soci::use(sealed), soci::use(now);
    });
}

Status TwoFactorRepo::Confirm(long long user_id, std::int64_t step) {
    return Guard("confirm a TOTP secret", [&] {
        long long s = step;
        Sql(uow_) << "UPDATE user_totp SET confirmed = 1, last_step = :s WHERE user_id = :u", soci::use(s),
            soci::use(user_id);
    });
}

Result<bool> TwoFactorRepo::UseStep(long long user_id, std::int64_t step) {
    long long affected = 0;
    Status st = Guard("use a TOTP step", [&] {
        long long s = step;
        soci::statement q = (Sql(uow_).prepare << "UPDATE user_totp SET last_step = :s WHERE user_id = :u AND "
                                                  "last_step < :s2",
                             soci::use(s), soci::use(user_id), soci::use(s));
        q.execute(true);
        affected = q.get_affected_rows();
    });
    if (!st.ok()) return st;
    return affected == 1;
}

Status TwoFactorRepo::Remove(long long user_id) {
    return Guard("remove two-factor data", [&] {
        Sql(uow_) << "DELETE FROM recovery_code WHERE user_id = :u", soci::use(user_id);
        Sql(uow_) << "DELETE FROM user_totp WHERE user_id = :u", soci::use(user_id);
    });
}

Status TwoFactorRepo::ReplaceRecoveryCodes(long long user_id, const std::vector<std::string>& code_hashes) {
    return Guard("replace recovery codes", [&] {
        Sql(uow_) << "DELETE FROM recovery_code WHERE user_id = :u", soci::use(user_id);
        std::string hash;
        soci::statement insert = (Sql(uow_).prepare << "INSERT INTO recovery_code (user_id, code_hash) VALUES (:u, :h)",
                                  soci::use(user_id), soci::use(hash));
        for (const auto& h : code_hashes) {
            hash = h;
            insert.execute(true);
        }
    });
}

Result<bool> TwoFactorRepo::UseRecoveryCode(long long user_id, const std::string& code_hash) {
    long long affected = 0;
    Status st = Guard("use a recovery code", [&] {
        const std::string now = NowUtc(), hash = code_hash;
        soci::statement q = (Sql(uow_).prepare << "UPDATE recovery_code SET used_at = :n WHERE user_id = :u AND "
                                                  "code_hash = :h AND used_at IS NULL",
                             soci::use(now), soci::use(user_id), soci::use(hash));
        q.execute(true);
        affected = q.get_affected_rows();
    });
    if (!st.ok()) return st;
    return affected == 1;
}

Result<long long> TwoFactorRepo::UnusedRecoveryCodes(long long user_id) {
    long long count = 0;
    Status st = Guard("count recovery codes", [&] {
        Sql(uow_) << "SELECT COUNT(*) FROM recovery_code WHERE user_id = :u AND used_at IS NULL", soci::into(count),
            soci::use(user_id);
    });
    if (!st.ok()) return st;
    return count;
}

Result<bool> TwoFactorRepo::Required(long long forbund_id) {
    int required = 1;
    Status st = Guard("read the two-factor requirement", [&] {
        Sql(uow_) << "SELECT require_two_factor FROM forbund WHERE id = :f", soci::into(required),
            soci::use(forbund_id);
    });
    if (!st.ok()) return st;
    return required != 0;
}

Status TwoFactorRepo::SetRequired(long long forbund_id, bool required) {
    return Guard("set the two-factor requirement", [&] {
        int r = required ? 1 : 0;
        Sql(uow_) << "UPDATE forbund SET require_two_factor = :r WHERE id = :f", soci::use(r), soci::use(forbund_id);
    });
}

}  // namespace foljsam::store

#pragma once
// Two-factor log-in data (migration 0008): a user's TOTP secret (sealed by the caller; this
// layer never sees it in clear), the last time step accepted, recovery codes as token
// hashes, and whether an association requires two factors.
// Every function runs inside the caller's UnitOfWork.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/status.hpp"
#include "store/database.hpp"

namespace foljsam::store {

struct TotpRecord {
    std::string secret_sealed;
    bool confirmed = false;
    std::int64_t last_step = 0;
};

class TwoFactorRepo {
   public:
    explicit TwoFactorRepo(UnitOfWork& uow) : uow_(uow) {}

    Result<std::optional<TotpRecord>> GetTotp(long long user_id);
    // Stores a new, unconfirmed secret in place of any earlier one (and its recovery codes).
    Status PutUnconfirmed(long long user_id, const std::string& secret_sealed);
    // Marks the secret confirmed with the step of the code that confirmed it.
    Status Confirm(long long user_id, std::int64_t step);
    // Records `step` as used when it is later than the last one; false when it is not (a
    // concurrent request used it first).
    Result<bool> UseStep(long long user_id, std::int64_t step);
    // Removes the secret and the recovery codes.
    Status Remove(long long user_id);

    Status ReplaceRecoveryCodes(long long user_id, const std::vector<std::string>& code_hashes);
    // Marks an unused code used; false when there is no such unused code.
    Result<bool> UseRecoveryCode(long long user_id, const std::string& code_hash);
    Result<long long> UnusedRecoveryCodes(long long user_id);

    Result<bool> Required(long long forbund_id);
    Status SetRequired(long long forbund_id, bool required);

   private:
    UnitOfWork& uow_;
};

}  // namespace foljsam::store

#pragma once
// Failed log-ins per user name key (domain/login_lockout.hpp), inside the caller's unit of
// work, so counting a failure and auditing it are one transaction.

#include <cstdint>
#include <string>

#include "common/status.hpp"
#include "domain/login_lockout.hpp"
#include "store/database.hpp"

namespace foljsam::store {

class LoginAttemptRepo {
   public:
    explicit LoginAttemptRepo(UnitOfWork& uow) : uow_(uow) {}
    // The attempts under `key`; zero attempts when there are none.
    Result<domain::LoginAttempts> Get(const std::string& key);
    // Stores `attempts` under `key` (insert or replace), and removes rows whose window and
    // lock ended before `forget_before`.
    Status Put(const std::string& key, const domain::LoginAttempts& attempts, std::int64_t forget_before);
    Status Clear(const std::string& key);

   private:
    UnitOfWork& uow_;
};

}  // namespace foljsam::store

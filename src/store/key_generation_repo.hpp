#pragma once
// The key generations of each controller organisation (migration 0010; key rotation in
// services/key_rotation.hpp, the keys themselves in security/keyring.hpp). A controller
// without recorded generations has generation 1 only. A generation is retired once no
// identity is stored under it any longer. Every function runs inside the caller's
// UnitOfWork; the store never sees a key.

#include <optional>
#include <string>
#include <vector>

#include "common/status.hpp"
#include "store/database.hpp"

namespace foljsam::store {

struct KeyGenerationRecord {
    long long controller_org_id = 0;
    int generation = 1;
    std::string created_at;
    std::optional<std::string> retired_at;
};

class KeyGenerationRepo {
   public:
    explicit KeyGenerationRepo(UnitOfWork& uow) : uow_(uow) {}

    // The newest generation of the controller: what new values are sealed under (1 when
    // none is recorded).
    Result<int> Newest(long long controller_org_id);
    // The recorded generations of the controller, oldest first.
    Result<std::vector<KeyGenerationRecord>> List(long long controller_org_id);
    // Records `generation` as created now, unless it is recorded already.
    Status Add(long long controller_org_id, int generation);
    // Retires every generation of the controller older than `generation`; returns how
    // many were retired now.
    Result<int> RetireOlderThan(long long controller_org_id, int generation);
    // Before retiring: waits for no writer that may still seal under an older generation.
    // On PostgreSQL takes key_generation exclusively without waiting (every transaction
    // that read the newest generation holds it until it ends); false when one still runs
    // (roll back and try again). On SQLite a write unit of work is already alone: true.
    Result<bool> TryLockForRetirement();
    // Every organisation that has or may have identities sealed under its key: controllers
    // of insatser with identity, of stored identities, and with recorded generations.
    Result<std::vector<long long>> Controllers();

   private:
    UnitOfWork& uow_;
};

}  // namespace foljsam::store

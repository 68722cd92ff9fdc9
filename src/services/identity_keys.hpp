#pragma once
// Services-internal: a controller's identity keys at the generation the database names as
// newest (store/key_generation_repo.hpp), so every writer seals under the newest key as
// soon as a rotation has created it (services/key_rotation.hpp), and lookups that find a
// person by personnummer whether or not the rotation has moved that person's hash yet.
// Every call runs inside the caller's unit of work. Stateless; thread-safe.

#include <optional>
#include <string>

#include "common/status.hpp"
#include "security/keyring.hpp"
#include "services/app.hpp"
#include "store/database.hpp"

namespace foljsam::services {

// The controller's keys with the newest recorded generation (and the older ones at hand).
// Failure: store failures, the keyring's kUnavailable/kCorrupt.
Result<security::ControllerKeys> CurrentKeys(store::UnitOfWork& uow, App& app, long long controller_org_id);

// The controller's person whose identity has personnummer `canonical` (12 digits), looked
// up by its hash under every generation `keys` holds. Failure: store failures.
Result<std::optional<long long>> FindPersonByPersonnummer(store::UnitOfWork& uow, const security::ControllerKeys& keys,
                                                          long long controller_org_id, const std::string& canonical);

// Opens one sealed value of the controller with the key of the generation it names.
// Failure: kCorrupt (malformed, tampered, wrong key), kUnavailable (key not at hand).
Result<std::string> OpenSealed(security::Keyring& keyring, long long controller_org_id, const std::string& sealed);

}  // namespace foljsam::services

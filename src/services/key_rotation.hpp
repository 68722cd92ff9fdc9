#pragma once
// Key rotation (issue 5, item 6; `foljsam keys rotate`): moves every identity of a
// controller organisation to a new key generation (security/keyring.hpp) while the
// system keeps running.
//
// For each controller: (1) the next generation's key is created and recorded in the
// database; from that commit on every writer seals under it and every search looks for
// a person's hash under each generation still at hand (services/identity_keys.hpp).
// (2) The stored identities under older generations are re-sealed and re-hashed in
// batches, each batch its own transaction; a row someone rewrote meanwhile is left to
// them (they wrote it under the new generation). (3) When none is left, the older
// generations are retired, with one audit event per controller holding counts only.
// Interrupted anywhere, everything still reads, and the next run continues the same
// rotation instead of starting another. The audit chain's key is never rotated: its
// events are linked under it. Thread-safe; run one rotation at a time per database.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "common/status.hpp"
#include "services/app.hpp"

namespace foljsam::services {

struct KeyRotationOptions {
    int batch_size = 500;                        // identities per transaction
    std::optional<long long> controller_org_id;  // only this controller; all when empty
};

struct ControllerRotation {
    long long controller_org_id = 0;
    std::string controller_name;
    int generation = 1;       // the generation everything is moved to
    bool resumed = false;     // this run continued an interrupted rotation
    long long resealed = 0;   // identities moved by this run
    int batches = 0;          // transactions that moved identities
    bool completed = false;   // nothing left under older generations; they are retired
    long long remaining = 0;  // identities still under older generations (when not completed)
    // Key files (none with a master key): the new generation's and the pseudonym key, to
    // back up now; and older generations' files this database no longer needs.
    std::vector<std::filesystem::path> files_to_back_up;
    std::vector<std::filesystem::path> files_no_longer_needed;
};

struct KeyRotationReport {
    bool master_key = false;
    std::vector<ControllerRotation> controllers;
};

// Rotates the key of every controller organisation that has or may have identities (or
// of the one named), all in one round. When an earlier run was interrupted, this run
// continues that round instead (ControllerRotation::resumed) and starts no new one. Failure: kNotFound for an unknown
// controller; kUnavailable when a key is missing (e.g. an older generation's key file removed while identities are
// still under it) or the database is busy; kCorrupt when a stored value does not open; store failures. What committed
// before a failure stays, and a new run continues from there.
Result<KeyRotationReport> RotateKeys(App& app, const KeyRotationOptions& options = {});

}  // namespace foljsam::services

#pragma once
// Versioned schema migrations from db/migrations/NNNN_name.sql, embedded in the binary at
// build time. Each migration runs in its own transaction and is recorded in
// schema_migration; applying is idempotent. Thread-safe only when no other process
// migrates the same database at the same time.

#include <string>
#include <vector>

#include "common/status.hpp"
#include "store/database.hpp"

namespace foljsam::store {

struct MigrationInfo {
    int version = 0;
    std::string name;
    bool applied = false;
};

// Every known migration and whether it is applied. Failure: kInternal.
Result<std::vector<MigrationInfo>> ListMigrations(Database& db);

// Applies every pending migration in version order; returns how many were applied.
// Failure: the failing migration is rolled back and reported (kInternal).
Result<int> Migrate(Database& db);

// The SQL of a migration with dialect tokens replaced, split into statements. A line
// starting with {{SQLITE}} or {{POSTGRES}} is kept (without the marker) for that dialect only.
std::vector<std::string> SplitStatements(const std::string& sql, Dialect dialect);

}  // namespace foljsam::store

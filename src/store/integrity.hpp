#pragma once
// Integrity helpers for tests and operations: row counts per table and the database's
// own consistency checks (SQLite integrity_check and foreign_key_check).

#include <map>
#include <string>

#include "common/status.hpp"
#include "store/database.hpp"

namespace foljsam::store {

// Rows in every application table, by table name.
Result<std::map<std::string, long long>> CountRows(UnitOfWork& uow);

// Ok when the database reports no corruption and no broken foreign key.
// Failure: kCorrupt naming the first problem. PostgreSQL enforces both itself: always ok.
Status CheckIntegrity(UnitOfWork& uow);

}  // namespace foljsam::store

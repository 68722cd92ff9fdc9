#pragma once
// Creating and dropping PostgreSQL databases (tests and installation tooling). These run
// outside any transaction, as PostgreSQL requires. `server_url` is a postgresql:// URL of
// a database the role may connect to (e.g. .../postgres). Names are [a-z0-9_] only.

#include <string>

#include "common/status.hpp"

namespace foljsam::store {

// The URL of database `name` on the same server as `server_url`.
std::string PostgresUrlFor(const std::string& server_url, const std::string& name);
// Failure: kInvalidInput for a bad name, kUnavailable when the server refuses.
Status CreatePostgresDatabase(const std::string& server_url, const std::string& name);
Status DropPostgresDatabase(const std::string& server_url, const std::string& name);

}  // namespace foljsam::store

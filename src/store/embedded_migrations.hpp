#pragma once
// The migration files of db/migrations, embedded at build time (see cmake/embed.cmake).

#include <string>
#include <vector>

namespace foljsam::store {

struct EmbeddedMigration {
    int version;
    std::string name;
    std::string sql;
};

// In version order. Immutable after first call; thread-safe.
const std::vector<EmbeddedMigration>& EmbeddedMigrations();

}  // namespace foljsam::store

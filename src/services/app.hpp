#pragma once
// The application context every service works on: the database, the keyring and options.
// Opened once per process by the CLI (`--data DIR` or `--db URL`); shared by all request
// threads. Thread-safe.

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "common/status.hpp"
#include "domain/password_policy.hpp"
#include "security/crypto.hpp"

namespace foljsam::store {
class Database;
}
namespace foljsam::security {
class Keyring;
}

namespace foljsam::services {

struct AppOptions {
    std::filesystem::path data_dir = "foljsam-data";  // SQLite at DIR/foljsam.db, keys in DIR/keys
    std::string database_url;                         // postgresql://... instead of the SQLite file
    security::HashCost hash_cost = security::HashCost::kInteractive;
    size_t pool_size = 8;
    // Lists of common passwords, refused for new passwords, besides the built-in Swedish one.
    std::vector<std::filesystem::path> common_password_files = {"/usr/share/john/password.lst"};
};

class App {
   public:
    // Opens the database (creating the SQLite file and data directory when missing) and
    // the keyring. Does not migrate. Failure: kUnavailable.
    static Result<std::shared_ptr<App>> Open(const AppOptions& options);

    store::Database& db() { return *db_; }
    security::Keyring& keys() { return *keys_; }
    const AppOptions& options() const { return options_; }
    const domain::CommonPasswords& common_passwords() const { return *common_passwords_; }
    // True when the database has no pending migrations and holds an association.
    bool IsInitialised();

   private:
    AppOptions options_;
    std::shared_ptr<store::Database> db_;
    std::shared_ptr<security::Keyring> keys_;
    std::shared_ptr<const domain::CommonPasswords> common_passwords_;
};

}  // namespace foljsam::services

#include "services/app.hpp"

#include <spdlog/spdlog.h>

#include <system_error>

#include "security/keyring.hpp"
#include "services/password_list.hpp"
#include "store/database.hpp"
#include "store/migrations.hpp"
#include "store/organisation_repo.hpp"

namespace foljsam::services {

Result<std::shared_ptr<App>> App::Open(const AppOptions& options) {
    FOLJSAM_RETURN_IF_ERROR(security::InitCrypto());
    auto app = std::make_shared<App>();
    app->options_ = options;
    std::string target = options.database_url;
    if (target.empty()) {
        std::error_code ec;
        std::filesystem::create_directories(options.data_dir, ec);
        if (ec) return Status::Unavailable("Datakatalogen kunde inte skapas: " + options.data_dir.string());
        target = (options.data_dir / "foljsam.db").string();
    }
    auto db = store::Database::Open(target, options.pool_size);
    if (!db.ok()) return db.status();
    app->db_ = *db;
    auto keys = security::Keyring::FromEnvironmentOr(options.data_dir / "keys");
    if (!keys.ok()) return keys.status();
    app->keys_ = *keys;
    auto audit_key = app->keys_->ForAudit();
    if (!audit_key.ok()) return audit_key.status();
    app->db_->SetAuditLinker(
        [key = *audit_key](long long seq, const std::string& prev_link, const domain::AuditEvent& event) {
            return key.Link(seq, prev_link, event);
        });
    std::vector<std::string> missing;
    app->common_passwords_ =
        std::make_shared<const domain::CommonPasswords>(LoadCommonPasswords(options.common_password_files, &missing));
    for (const auto& file : missing)
        spdlog::warn("the list of common passwords {} could not be read; fewer passwords are refused", file);
    return app;
}

bool App::IsInitialised() {
    auto migrations = store::ListMigrations(*db_);
    if (!migrations.ok()) return false;
    for (const auto& m : *migrations)
        if (!m.applied) return false;
    auto uow = db_->Begin(store::Database::Mode::kRead);
    if (!uow.ok()) return false;
    auto list = store::OrganisationRepo(**uow).ListForbund();
    return list.ok() && !list->empty();
}

}  // namespace foljsam::services

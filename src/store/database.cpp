#include "store/database.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <spdlog/spdlog.h>

#include "store/sql.hpp"

namespace foljsam::store {

struct Database::Impl {
    Dialect dialect = Dialect::kSqlite;
    std::unique_ptr<soci::connection_pool> pool;
};

Database::Database(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Database::~Database() = default;
Dialect Database::dialect() const { return impl_->dialect; }

namespace {
bool IsPostgresTarget(const std::string& target) {
    return target.rfind("postgresql://", 0) == 0 || target.rfind("postgres://", 0) == 0;
}
}  // namespace

Result<std::shared_ptr<Database>> Database::Open(const std::string& target, size_t pool_size) {
    auto impl = std::make_unique<Impl>();
    impl->dialect = IsPostgresTarget(target) ? Dialect::kPostgres : Dialect::kSqlite;
    try {
        impl->pool = std::make_unique<soci::connection_pool>(pool_size);
        for (size_t idx = 0; idx < pool_size; ++idx) {
            soci::session& s = impl->pool->at(idx);
            if (impl->dialect == Dialect::kPostgres) {
                s.open(*soci::factory_postgresql(), target);
                s << "SET client_min_messages = warning";
            } else {
                s.open(*soci::factory_sqlite3(), "db=" + target + " timeout=10 shared_cache=false");
                s << "PRAGMA journal_mode=WAL";
                s << "PRAGMA foreign_keys=ON";
                s << "PRAGMA synchronous=NORMAL";
            }
        }
    } catch (const std::exception& e) {
        // The target may hold a password (PostgreSQL URL): log only the kind of database.
        spdlog::error("cannot open {} database: {}",
                      impl->dialect == Dialect::kPostgres ? "PostgreSQL" : "SQLite", e.what());
        return Status::Unavailable("Databasen kunde inte öppnas.");
    }
    return std::shared_ptr<Database>(new Database(std::move(impl)));
}

Result<std::unique_ptr<UnitOfWork>> Database::Begin(Mode mode) {
    auto uow_impl = std::make_unique<UnitOfWork::Impl>();
    uow_impl->dialect = impl_->dialect;
    try {
        uow_impl->owned = std::make_unique<soci::session>(*impl_->pool);
        uow_impl->sql = uow_impl->owned.get();
        if (impl_->dialect == Dialect::kSqlite && mode == Mode::kWrite) {
            *uow_impl->sql << "BEGIN IMMEDIATE";
        } else {
            *uow_impl->sql << "BEGIN";
        }
    } catch (const std::exception& e) {
        return FromSqlError(e, "begin transaction");
    }
    return std::unique_ptr<UnitOfWork>(new UnitOfWork(std::move(uow_impl)));
}

UnitOfWork::UnitOfWork(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

UnitOfWork::~UnitOfWork() {
    if (impl_ && !impl_->committed) {
        try {
            *impl_->sql << "ROLLBACK";
        } catch (const std::exception& e) {
            spdlog::warn("rollback failed: {}", e.what());
        }
    }
}

Status UnitOfWork::Commit() {
    Status st = Guard("commit", [&] {
        CountStatementMaybeFail();
        *impl_->sql << "COMMIT";
    });
    if (st.ok()) impl_->committed = true;
    return st;
}

Dialect UnitOfWork::dialect() const { return impl_->dialect; }

}  // namespace foljsam::store

#include "store/database.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <spdlog/spdlog.h>

#include <cctype>

#include "store/sql.hpp"

namespace foljsam::store {

struct Database::Impl {
    Dialect dialect = Dialect::kSqlite;
    std::unique_ptr<soci::connection_pool> pool;
    AuditLinker audit_linker;
};

Database::Database(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Database::~Database() = default;
Dialect Database::dialect() const { return impl_->dialect; }
void Database::SetAuditLinker(AuditLinker linker) { impl_->audit_linker = std::move(linker); }

namespace {
bool IsPostgresTarget(const std::string& target) {
    return target.rfind("postgresql://", 0) == 0 || target.rfind("postgres://", 0) == 0;
}
std::string PercentDecode(const std::string& text) {
    std::string out;
    for (size_t idx = 0; idx < text.size(); ++idx) {
        if (text[idx] == '%' && idx + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[idx + 1])) &&
            std::isxdigit(static_cast<unsigned char>(text[idx + 2]))) {
            out += static_cast<char>(std::stoi(text.substr(idx + 1, 2), nullptr, 16));
            idx += 2;
        } else {
            out += text[idx];
        }
    }
    return out;
}

std::string Quote(const std::string& value) {
    std::string out = "'";
    for (char c : value) {
        if (c == '\\' || c == '\'') out += '\\';
        out += c;
    }
    return out + "'";
}
}  // namespace

// SOCI 4.0's PostgreSQL backend re-splits the connection string on '=' and breaks libpq
// URIs ("postgresql://u@h/db" reached the server as database "db="): convert the URI to
// libpq's key=value form first.
std::string PostgresConninfo(const std::string& url) {
    std::string rest = url.substr(url.find("://") + 3);
    std::string params;
    if (size_t q = rest.find('?'); q != std::string::npos) {
        params = rest.substr(q + 1);
        rest.erase(q);
    }
    std::string dbname;
    if (size_t slash = rest.find('/'); slash != std::string::npos) {
        dbname = rest.substr(slash + 1);
        rest.erase(slash);
    }
    std::string user, password;
    if (size_t at = rest.rfind('@'); at != std::string::npos) {
        std::string credentials = rest.substr(0, at);
        rest.erase(0, at + 1);
        size_t colon = credentials.find(':');
        user = credentials.substr(0, colon);
        if (colon != std::string::npos) password = credentials.substr(colon + 1);
    }
    std::string host = rest, port;
    if (size_t colon = rest.rfind(':'); colon != std::string::npos && rest.find(']') == std::string::npos) {
        host = rest.substr(0, colon);
        port = rest.substr(colon + 1);
    }
    std::string out;
    auto add = [&](const char* key, const std::string& value) {
        if (!value.empty()) out += std::string(out.empty() ? "" : " ") + key + "=" + Quote(PercentDecode(value));
    };
    add("host", host);
    add("port", port);
    add("dbname", dbname);
    add("user", user);
    add("password", password);
    size_t start = 0;
    while (start < params.size()) {
        size_t end = params.find('&', start);
        if (end == std::string::npos) end = params.size();
        std::string pair = params.substr(start, end - start);
        if (size_t eq = pair.find('='); eq != std::string::npos) add(pair.substr(0, eq).c_str(), pair.substr(eq + 1));
        start = end + 1;
    }
    return out;
}

Result<std::shared_ptr<Database>> Database::Open(const std::string& target, size_t pool_size) {
    auto impl = std::make_unique<Impl>();
    impl->dialect = IsPostgresTarget(target) ? Dialect::kPostgres : Dialect::kSqlite;
    try {
        impl->pool = std::make_unique<soci::connection_pool>(pool_size);
        for (size_t idx = 0; idx < pool_size; ++idx) {
            soci::session& s = impl->pool->at(idx);
            if (impl->dialect == Dialect::kPostgres) {
                s.open(*soci::factory_postgresql(), PostgresConninfo(target));
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
        spdlog::error("cannot open {} database: {}", impl->dialect == Dialect::kPostgres ? "PostgreSQL" : "SQLite",
                      e.what());
        return Status::Unavailable("Databasen kunde inte öppnas.");
    }
    return std::shared_ptr<Database>(new Database(std::move(impl)));
}

Result<std::unique_ptr<UnitOfWork>> Database::Begin(Mode mode) {
    auto uow_impl = std::make_unique<UnitOfWork::Impl>();
    uow_impl->dialect = impl_->dialect;
    uow_impl->audit_linker = &impl_->audit_linker;
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

const Database::AuditLinker& UnitOfWork::audit_linker() const {
    static const Database::AuditLinker kNone;
    return impl_->audit_linker ? *impl_->audit_linker : kNone;
}

}  // namespace foljsam::store

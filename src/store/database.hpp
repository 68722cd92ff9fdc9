#pragma once
// The database: a pool of connections to SQLite (a file) or PostgreSQL, and units of work.
//
// A UnitOfWork is one pooled connection inside one transaction. Services begin one per use
// case, hand it to repositories and commit; destroying it uncommitted rolls back, so a use
// case is all-or-nothing. SQLite runs in WAL mode with foreign keys on and a busy timeout;
// write units begin IMMEDIATE so concurrent writers queue instead of failing.
// Database is thread-safe; a UnitOfWork belongs to one thread at a time.

#include <functional>
#include <memory>
#include <string>

#include "common/status.hpp"
#include "domain/audit_event.hpp"

namespace foljsam::store {

enum class Dialect { kSqlite, kPostgres };

class UnitOfWork;

// libpq key=value connection info for a postgresql:// URL (SOCI 4.0 mangles URIs).
std::string PostgresConninfo(const std::string& url);

class Database {
   public:
    // `target` is "postgresql://..." / "postgres://..." or a path to an SQLite file
    // (created when missing). Failure: kUnavailable when it cannot be opened.
    static Result<std::shared_ptr<Database>> Open(const std::string& target, size_t pool_size = 8);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    Dialect dialect() const;

    enum class Mode { kRead, kWrite };
    // Takes a connection from the pool (waits when all are busy) and begins a transaction.
    // Failure: kUnavailable (e.g. database locked beyond the busy timeout).
    Result<std::unique_ptr<UnitOfWork>> Begin(Mode mode = Mode::kWrite);

    // Computes the chain link of an audit event (security/audit_chain.hpp) from its
    // sequence number, the previous link and the event. Set once, before the database is
    // used, by whoever holds the key (services::App); until then appending an audit
    // event fails (AuditRepo::Append).
    using AuditLinker =
        std::function<std::string(long long seq, const std::string& prev_link, const domain::AuditEvent& event)>;
    void SetAuditLinker(AuditLinker linker);

    struct Impl;

   private:
    explicit Database(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

class UnitOfWork {
   public:
    ~UnitOfWork();  // rolls back unless committed
    UnitOfWork(const UnitOfWork&) = delete;
    UnitOfWork& operator=(const UnitOfWork&) = delete;

    // Commits. Failure: kUnavailable/kInternal; the transaction is then rolled back.
    Status Commit();
    Dialect dialect() const;
    // The database's audit linker; empty when none is set.
    const Database::AuditLinker& audit_linker() const;

    struct Impl;
    Impl& impl() { return *impl_; }  // for repositories inside store/ only

   private:
    friend class Database;
    explicit UnitOfWork(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace foljsam::store

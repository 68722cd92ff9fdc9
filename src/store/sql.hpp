#pragma once
// Store-internal: the SOCI session behind a UnitOfWork and helpers shared by repositories.
// Included only by .cpp files in store/ (SOCI never leaves this layer).

#include <soci/soci.h>

#include <optional>
#include <string>

#include "common/status.hpp"
#include "domain/date.hpp"
#include "store/database.hpp"

namespace foljsam::store {

struct UnitOfWork::Impl {
    soci::session* sql = nullptr;  // owned by the pool
    std::unique_ptr<soci::session> owned;
    Dialect dialect = Dialect::kSqlite;
    bool committed = false;
    const Database::AuditLinker* audit_linker = nullptr;  // the database's; outlives the unit
};

// Counts the statement for store::testing fault injection (may throw soci_error there).
void CountStatementMaybeFail();

// The session of a unit of work, for one statement: call it once per statement.
inline soci::session& Sql(UnitOfWork& uow) {
    CountStatementMaybeFail();
    return *uow.impl().sql;
}

// Converts a database exception into a Status. Uses only SOCI's own message, not its
// context (which may echo bound values). Unique violations become kConflict.
Status FromSqlError(const std::exception& e, const char* what);

// Runs `fn` and converts exceptions thrown by SOCI into a Status.
template <typename Fn>
Status Guard(const char* what, Fn&& fn) {
    try {
        fn();
        return Status::Ok();
    } catch (const std::exception& e) {
        return FromSqlError(e, what);
    }
}

// The id of the row the connection inserted last (SQLite only).
long long LastInsertRowId(UnitOfWork& uow);

// Inserts and returns the new id: RETURNING id on PostgreSQL; on SQLite a plain insert
// and last_insert_rowid(), since SQLite runs RETURNING as a temporary trigger that keeps
// a statement journal per insert (measured in store/bulk_load.cpp: 15 page writes each).
template <typename... Uses>
long long InsertReturningId(UnitOfWork& uow, const std::string& sql_text, Uses&&... uses) {
    long long id = 0;
    const bool returning = uow.dialect() == Dialect::kPostgres;
    soci::statement st = Sql(uow).prepare << (returning ? sql_text + " RETURNING id" : sql_text);
    (st.exchange(std::forward<Uses>(uses)), ...);
    if (returning) st.exchange(soci::into(id));
    st.define_and_bind();
    st.execute(true);
    return returning ? id : LastInsertRowId(uow);
}

// Current UTC time "YYYY-MM-DDTHH:MM:SSZ".
std::string NowUtc();

// Optional values <-> nullable columns.
struct NullableText {
    std::string value;
    soci::indicator ind = soci::i_null;
};
NullableText ToNullable(const std::optional<domain::Date>& date);
NullableText ToNullable(const std::optional<std::string>& text);
std::optional<domain::Date> DateFrom(const std::string& value, soci::indicator ind);

struct NullableInt {
    long long value = 0;
    soci::indicator ind = soci::i_null;
};
NullableInt ToNullable(const std::optional<long long>& v);
NullableInt ToNullable(const std::optional<int>& v);

}  // namespace foljsam::store

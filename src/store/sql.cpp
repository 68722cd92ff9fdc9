#include "store/sql.hpp"

#include <ctime>

namespace foljsam::store {

Status FromSqlError(const std::exception& e, const char* what) {
    std::string message = e.what();
    if (const auto* soci_error = dynamic_cast<const soci::soci_error*>(&e)) message = soci_error->get_error_message();
    const bool unique =
        message.find("UNIQUE") != std::string::npos || message.find("duplicate key") != std::string::npos;
    if (unique) {
        Status s = Status::Conflict("Uppgiften finns redan.");
        return s;
    }
    if (message.find("database is locked") != std::string::npos || message.find("busy") != std::string::npos)
        return Status::Unavailable("Databasen är upptagen. Försök igen om en stund.");
    return Status::Internal(std::string(what) + ": " + message);
}

std::string NowUtc() {
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

long long LastInsertRowId(UnitOfWork& uow) {
    long long id = 0;
    Sql(uow) << "SELECT last_insert_rowid()", soci::into(id);
    return id;
}

NullableText ToNullable(const std::optional<domain::Date>& date) {
    if (!date) return {};
    return {date->ToString(), soci::i_ok};
}

NullableText ToNullable(const std::optional<std::string>& text) {
    if (!text) return {};
    return {*text, soci::i_ok};
}

std::optional<domain::Date> DateFrom(const std::string& value, soci::indicator ind) {
    if (ind != soci::i_ok) return std::nullopt;
    return domain::ParseIsoDate(value);
}

NullableInt ToNullable(const std::optional<long long>& v) {
    if (!v) return {};
    return {*v, soci::i_ok};
}

NullableInt ToNullable(const std::optional<int>& v) {
    if (!v) return {};
    return {*v, soci::i_ok};
}

}  // namespace foljsam::store

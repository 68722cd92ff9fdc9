#include "store/postgres_admin.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include "store/database.hpp"

namespace foljsam::store {
namespace {

bool ValidName(const std::string& name) {
    if (name.empty() || name.size() > 60) return false;
    for (char c : name)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    return true;
}

Status Execute(const std::string& server_url, const std::string& sql) {
    try {
        soci::session s(*soci::factory_postgresql(), PostgresConninfo(server_url));
        s << "SET client_min_messages = warning";
        s << sql;
    } catch (const std::exception& e) {
        return Status::Unavailable(std::string("PostgreSQL: ") + e.what());
    }
    return Status::Ok();
}

}  // namespace

std::string PostgresUrlFor(const std::string& server_url, const std::string& name) {
    const size_t scheme = server_url.find("://");
    const size_t slash = server_url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
    const size_t query = server_url.find('?');
    std::string base = slash == std::string::npos ? server_url.substr(0, query) : server_url.substr(0, slash);
    return base + "/" + name + (query == std::string::npos ? "" : server_url.substr(query));
}

Status CreatePostgresDatabase(const std::string& server_url, const std::string& name) {
    if (!ValidName(name)) return Status::InvalidInput("Ogiltigt databasnamn.");
    return Execute(server_url, "CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8'");
}

Status DropPostgresDatabase(const std::string& server_url, const std::string& name) {
    if (!ValidName(name)) return Status::InvalidInput("Ogiltigt databasnamn.");
    return Execute(server_url, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
}

}  // namespace foljsam::store

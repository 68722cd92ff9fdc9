#include "store/integrity.hpp"

#include "store/sql.hpp"

namespace foljsam::store {

namespace {
const char* kTables[] = {"forbund",
                         "forbund_kommun",
                         "organisation",
                         "insats",
                         "person",
                         "person_identity",
                         "participation",
                         "participation_coreferrer",
                         "participation_support",
                         "participation_target_group",
                         "code_value",
                         "app_user",
                         "role_assignment",
                         "user_session",
                         "api_token",
                         "audit_event",
                         "goal",
                         "area_population",
                         "import_batch",
                         "import_item",
                         "import_mapping",
                         "login_attempt",
                         "user_totp",
                         "recovery_code",
                         "key_generation"};
}  // namespace

Result<std::map<std::string, long long>> CountRows(UnitOfWork& uow) {
    std::map<std::string, long long> counts;
    Status st = Guard("count rows", [&] {
        for (const char* table : kTables) {
            long long n = 0;
            Sql(uow) << std::string("SELECT COUNT(*) FROM ") + table, soci::into(n);
            counts[table] = n;
        }
    });
    if (!st.ok()) return st;
    return counts;
}

Status CheckIntegrity(UnitOfWork& uow) {
    if (uow.dialect() != Dialect::kSqlite) return Status::Ok();
    std::string result;
    int broken_keys = 0;
    Status st = Guard("integrity check", [&] {
        Sql(uow) << "PRAGMA integrity_check", soci::into(result);
        std::string table;
        soci::indicator ind = soci::i_null;
        soci::statement s = (Sql(uow).prepare << "PRAGMA foreign_key_check", soci::into(table, ind));
        s.execute();
        while (s.fetch()) ++broken_keys;
    });
    if (!st.ok()) return st;
    if (result != "ok") return Status::Corrupt("integrity_check: " + result);
    if (broken_keys > 0) return Status::Corrupt(std::to_string(broken_keys) + " broken foreign keys");
    return Status::Ok();
}

}  // namespace foljsam::store

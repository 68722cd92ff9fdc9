#include "store/key_generation_repo.hpp"

#include "store/sql.hpp"

namespace foljsam::store {

Result<int> KeyGenerationRepo::Newest(long long controller_org_id) {
    int newest = 1;
    Status st = Guard("newest key generation", [&] {
        NullableInt found;
        Sql(uow_) << "SELECT MAX(generation) FROM key_generation WHERE controller_org_id = :c",
            soci::into(found.value, found.ind), soci::use(controller_org_id);
        if (found.ind == soci::i_ok) newest = static_cast<int>(found.value);
    });
    if (!st.ok()) return st;
    return newest;
}

Result<std::vector<KeyGenerationRecord>> KeyGenerationRepo::List(long long controller_org_id) {
    std::vector<KeyGenerationRecord> out;
    Status st = Guard("list key generations", [&] {
        KeyGenerationRecord r;
        NullableText retired;
        soci::statement s = (Sql(uow_).prepare << "SELECT controller_org_id, generation, created_at, retired_at FROM "
                                                  "key_generation WHERE controller_org_id = :c ORDER BY generation",
                             soci::into(r.controller_org_id), soci::into(r.generation), soci::into(r.created_at),
                             soci::into(retired.value, retired.ind), soci::use(controller_org_id));
        s.execute();
        while (s.fetch()) {
            r.retired_at = retired.ind == soci::i_ok ? std::optional<std::string>(retired.value) : std::nullopt;
            out.push_back(r);
        }
    });
    if (!st.ok()) return st;
    return out;
}

Status KeyGenerationRepo::Add(long long controller_org_id, int generation) {
    return Guard("add key generation", [&] {
        long long n = 0;
        Sql(uow_) << "SELECT COUNT(*) FROM key_generation WHERE controller_org_id = :c AND generation = :g",
            soci::into(n), soci::use(controller_org_id), soci::use(generation);
        if (n > 0) return;
        std::string now = NowUtc();
        Sql(uow_) << "INSERT INTO key_generation (controller_org_id, generation, created_at) VALUES (:c, :g, :t)",
            soci::use(controller_org_id), soci::use(generation), soci::use(now);
    });
}

Result<int> KeyGenerationRepo::RetireOlderThan(long long controller_org_id, int generation) {
    int retired = 0;
    Status st = Guard("retire key generations", [&] {
        std::string now = NowUtc();
        soci::statement s =
            (Sql(uow_).prepare << "UPDATE key_generation SET retired_at = :t WHERE controller_org_id = :c AND "
                                  "generation < :g AND retired_at IS NULL",
             soci::use(now), soci::use(controller_org_id), soci::use(generation));
        s.execute(true);
        retired = static_cast<int>(s.get_affected_rows());
    });
    if (!st.ok()) return st;
    return retired;
}

Result<bool> KeyGenerationRepo::TryLockForRetirement() {
    if (uow_.dialect() != Dialect::kPostgres) return true;
    try {
        Sql(uow_) << "LOCK TABLE key_generation IN ACCESS EXCLUSIVE MODE NOWAIT";
        return true;
    } catch (const soci::soci_error& e) {
        // SQLSTATE 55P03 lock_not_available; the transaction is aborted and must roll back.
        if (std::string(e.get_error_message()).find("could not obtain lock") != std::string::npos) return false;
        return FromSqlError(e, "lock key generations");
    } catch (const std::exception& e) {
        return FromSqlError(e, "lock key generations");
    }
}

Result<std::vector<long long>> KeyGenerationRepo::Controllers() {
    std::vector<long long> out;
    Status st = Guard("key controllers", [&] {
        long long id = 0;
        soci::statement s =
            (Sql(uow_).prepare << "SELECT controller_org_id FROM insats WHERE registration_mode = 'MED_ID' "
                                  "UNION SELECT controller_org_id FROM person_identity "
                                  "UNION SELECT controller_org_id FROM key_generation ORDER BY 1",
             soci::into(id));
        s.execute();
        while (s.fetch()) out.push_back(id);
    });
    if (!st.ok()) return st;
    return out;
}

}  // namespace foljsam::store

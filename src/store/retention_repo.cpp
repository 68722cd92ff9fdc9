#include "store/retention_repo.hpp"

#include <algorithm>
#include <string>

#include "store/sql.hpp"

namespace foljsam::store {
namespace {

// Ids are integers from the database, written into the statement text (never user text)
// in chunks, so a large gallring takes a few statements instead of one per person.
constexpr size_t kChunk = 500;

std::string IdList(const std::vector<long long>& ids, size_t from, size_t to) {
    std::string out;
    for (size_t idx = from; idx < to; ++idx) out += (idx == from ? "" : ", ") + std::to_string(ids[idx]);
    return out;
}

}  // namespace

Result<std::vector<domain::LinkedParticipation>> LinkedParticipations(UnitOfWork& uow, long long forbund_id) {
    std::vector<domain::LinkedParticipation> out;
    Status st = Guard("load linked participations", [&] {
        long long id = 0, insats_id = 0, person_id = 0;
        NullableText end;
        soci::statement s =
            (Sql(uow).prepare << "SELECT p.id, p.insats_id, p.person_id, p.end_date FROM participation p "
                                 "JOIN person pe ON pe.id = p.person_id "
                                 "JOIN organisation o ON o.id = pe.controller_org_id "
                                 "WHERE o.forbund_id = :f ORDER BY p.id",
             soci::into(id), soci::into(insats_id), soci::into(person_id), soci::into(end.value, end.ind),
             soci::use(forbund_id));
        s.execute();
        while (s.fetch()) out.push_back({id, insats_id, person_id, DateFrom(end.value, end.ind)});
    });
    if (!st.ok()) return st;
    return out;
}

Result<long long> RemoveIdentities(UnitOfWork& uow, const std::vector<long long>& person_ids,
                                   const domain::Date& first_end_not_due, const domain::Date& today) {
    long long changed = 0;
    long long left = 0;
    Status st = Guard("remove identities", [&] {
        const std::string cutoff = first_end_not_due.ToString(), on = today.ToString(), now = NowUtc();
        for (size_t from = 0; from < person_ids.size(); from += kChunk) {
            const std::string ids = IdList(person_ids, from, std::min(person_ids.size(), from + kChunk));
            // SET expressions read the row as it was, so statistics_person_key gets the
            // old person_id on both engines.
            soci::statement update =
                (Sql(uow).prepare
                     << "UPDATE participation SET statistics_person_key = person_id, person_id = NULL, "
                        "anonymous = 1, consent_date = NULL, consent_form = '', identity_removed_on = :on, "
                        "version = version + 1, updated_at = :u WHERE person_id IN (" +
                            ids + ") AND end_date IS NOT NULL AND end_date < :cutoff",
                 soci::use(on), soci::use(now), soci::use(cutoff));
            update.execute(true);
            changed += update.get_affected_rows();
            long long remaining = 0;
            Sql(uow) << "SELECT COUNT(*) FROM participation WHERE person_id IN (" + ids + ")", soci::into(remaining);
            left += remaining;
            if (left > 0) return;
            // On SQLite, freed space is overwritten with zeros so sealed values and codes do not
            // linger in free pages of the file (the WAL keeps older page images until it is
            // checkpointed and reused). The setting is the connection's: restored at once.
            const bool sqlite = uow.dialect() == Dialect::kSqlite;
            if (sqlite) Sql(uow) << "PRAGMA secure_delete = ON";
            Sql(uow) << "DELETE FROM person_identity WHERE person_id IN (" + ids + ")";
            Sql(uow)
                << "UPDATE person SET participant_code = NULL, birth_year = NULL, legal_gender = '' WHERE id IN (" +
                       ids + ")";
            if (sqlite) Sql(uow) << "PRAGMA secure_delete = OFF";
        }
    });
    if (!st.ok()) return st;
    if (left > 0) return Status::Conflict("Deltaganden ändrades medan gallringen gjordes. Kör gallringen igen.");
    return changed;
}

Status SetRetentionMonths(UnitOfWork& uow, long long forbund_id, int months) {
    long long updated = 0;
    Status st = Guard("set retention months", [&] {
        soci::statement s = (Sql(uow).prepare << "UPDATE forbund SET retention_months = :m WHERE id = :id",
                             soci::use(months), soci::use(forbund_id));
        s.execute(true);
        updated = s.get_affected_rows();
    });
    if (!st.ok()) return st;
    if (updated == 0) return Status::NotFound("Förbundet finns inte.");
    return Status::Ok();
}

}  // namespace foljsam::store

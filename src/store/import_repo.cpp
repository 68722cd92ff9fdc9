#include "store/import_repo.hpp"

#include "store/sql.hpp"

namespace foljsam::store {
namespace {

const char* kBatchSelect =
    "SELECT id, forbund_id, user_id, username, file_name, mode, created_rows, updated_rows, unchanged_rows, "
    "rejected_rows, created_at, undone_at FROM import_batch ";

struct BatchColumns {
    ImportBatch b;
    long long user_id = 0;
    soci::indicator user_ind = soci::i_null;
    std::string undone;
    soci::indicator undone_ind = soci::i_null;
};

void BindBatch(soci::statement& st, BatchColumns& c) {
    st.exchange(soci::into(c.b.id));
    st.exchange(soci::into(c.b.forbund_id));
    st.exchange(soci::into(c.user_id, c.user_ind));
    st.exchange(soci::into(c.b.username));
    st.exchange(soci::into(c.b.file_name));
    st.exchange(soci::into(c.b.mode));
    st.exchange(soci::into(c.b.created));
    st.exchange(soci::into(c.b.updated));
    st.exchange(soci::into(c.b.unchanged));
    st.exchange(soci::into(c.b.rejected));
    st.exchange(soci::into(c.b.created_at));
    st.exchange(soci::into(c.undone, c.undone_ind));
}

ImportBatch ToBatch(const BatchColumns& c) {
    ImportBatch b = c.b;
    if (c.user_ind == soci::i_ok) b.user_id = c.user_id;
    if (c.undone_ind == soci::i_ok) b.undone_at = c.undone;
    return b;
}

long long CountOf(UnitOfWork& uow, const std::string& sql, long long id) {
    long long n = 0;
    Sql(uow) << sql, soci::use(id), soci::into(n);
    return n;
}

}  // namespace

Result<long long> ImportRepo::InsertBatch(const ImportBatch& b) {
    long long id = 0;
    Status st = Guard("insert import batch", [&] {
        NullableInt user = ToNullable(b.user_id);
        std::string now = NowUtc();
        id = InsertReturningId(uow_,
                               "INSERT INTO import_batch (forbund_id, user_id, username, file_name, mode, created_at) "
                               "VALUES (:f, :u, :n, :file, :m, :at)",
                               soci::use(b.forbund_id), soci::use(user.value, user.ind), soci::use(b.username),
                               soci::use(b.file_name), soci::use(b.mode), soci::use(now));
    });
    if (!st.ok()) return st;
    return id;
}

Status ImportRepo::FinishBatch(long long id, int created, int updated, int unchanged, int rejected) {
    return Guard("finish import batch", [&] {
        Sql(uow_) << "UPDATE import_batch SET created_rows = :c, updated_rows = :u, unchanged_rows = :n, "
                     "rejected_rows = :r WHERE id = :id",
            soci::use(created), soci::use(updated), soci::use(unchanged), soci::use(rejected), soci::use(id);
    });
}

Status ImportRepo::AddItem(long long batch_id, const ImportItem& item) {
    return Guard("add import item", [&] {
        Sql(uow_) << "INSERT INTO import_item (batch_id, seq, entity, entity_id, action, before_state, after_version) "
                     "VALUES (:b, :s, :e, :id, :a, :before, :v)",
            soci::use(batch_id), soci::use(item.seq), soci::use(item.entity), soci::use(item.entity_id),
            soci::use(item.action), soci::use(item.before_state), soci::use(item.after_version);
    });
}

Result<std::vector<ImportBatch>> ImportRepo::ListBatches(long long forbund_id, int limit) {
    std::vector<ImportBatch> out;
    Status st = Guard("list import batches", [&] {
        BatchColumns c;
        soci::statement s = Sql(uow_).prepare
                            << std::string(kBatchSelect) + "WHERE forbund_id = :f ORDER BY id DESC LIMIT :n";
        BindBatch(s, c);
        s.exchange(soci::use(forbund_id));
        s.exchange(soci::use(limit));
        s.define_and_bind();
        s.execute();
        while (s.fetch()) out.push_back(ToBatch(c));
    });
    if (!st.ok()) return st;
    return out;
}

Result<ImportBatch> ImportRepo::GetBatch(long long id) {
    std::optional<ImportBatch> found;
    Status st = Guard("get import batch", [&] {
        BatchColumns c;
        soci::statement s = Sql(uow_).prepare << std::string(kBatchSelect) + "WHERE id = :id";
        BindBatch(s, c);
        s.exchange(soci::use(id));
        s.define_and_bind();
        s.execute();
        if (s.fetch()) found = ToBatch(c);
    });
    if (!st.ok()) return st;
    if (!found) return Status::NotFound("Importen finns inte.");
    return *found;
}

Result<std::vector<ImportItem>> ImportRepo::Items(long long batch_id) {
    std::vector<ImportItem> out;
    Status st = Guard("list import items", [&] {
        ImportItem i;
        soci::statement s = (Sql(uow_).prepare << "SELECT seq, entity, entity_id, action, before_state, after_version "
                                                  "FROM import_item WHERE batch_id = :b ORDER BY seq",
                             soci::into(i.seq), soci::into(i.entity), soci::into(i.entity_id), soci::into(i.action),
                             soci::into(i.before_state), soci::into(i.after_version), soci::use(batch_id));
        s.execute();
        while (s.fetch()) out.push_back(i);
    });
    if (!st.ok()) return st;
    return out;
}

Status ImportRepo::MarkUndone(long long id) {
    return Guard("mark import undone", [&] {
        std::string now = NowUtc();
        Sql(uow_) << "UPDATE import_batch SET undone_at = :at WHERE id = :id", soci::use(now), soci::use(id);
    });
}

Status ImportRepo::RebaseItemVersion(long long participation_id, int from, int to) {
    return Guard("rebase import item", [&] {
        Sql(uow_) << "UPDATE import_item SET after_version = :to WHERE entity = 'participation' AND entity_id = :id "
                     "AND after_version = :from AND batch_id IN (SELECT id FROM import_batch WHERE undone_at IS NULL)",
            soci::use(to), soci::use(participation_id), soci::use(from);
    });
}

Result<std::optional<long long>> ImportRepo::FindBySourceRow(long long insats_id, const std::string& rad_id) {
    std::optional<long long> out;
    Status st = Guard("find participation by row id", [&] {
        long long id = 0;
        soci::indicator ind = soci::i_null;
        Sql(uow_) << "SELECT id FROM participation WHERE insats_id = :i AND source_row_id = :r ORDER BY id LIMIT 1",
            soci::use(insats_id), soci::use(rad_id), soci::into(id, ind);
        if (ind == soci::i_ok) out = id;
    });
    if (!st.ok()) return st;
    return out;
}

Status ImportRepo::SetSourceRow(long long participation_id, const std::string& rad_id) {
    return Guard("set row id", [&] {
        Sql(uow_) << "UPDATE participation SET source_row_id = :r WHERE id = :id", soci::use(rad_id),
            soci::use(participation_id);
    });
}

Result<std::optional<long long>> ImportRepo::FindByPersonDates(long long insats_id, long long person_id,
                                                               const std::optional<domain::Date>& start,
                                                               const std::optional<domain::Date>& referral) {
    std::optional<long long> out;
    if (!start && !referral) return out;
    Status st = Guard("find participation by person", [&] {
        long long id = 0;
        soci::indicator ind = soci::i_null;
        std::string date = (start ? *start : *referral).ToString();
        const std::string column = start ? "start_date" : "referral_date";
        Sql(uow_) << "SELECT id FROM participation WHERE insats_id = :i AND person_id = :p AND " + column +
                         " = :d ORDER BY id LIMIT 1",
            soci::use(insats_id), soci::use(person_id), soci::use(date), soci::into(id, ind);
        if (ind == soci::i_ok) out = id;
    });
    if (!st.ok()) return st;
    return out;
}

Result<std::vector<long long>> ImportRepo::AnonymousCandidates(long long insats_id,
                                                               const std::optional<domain::Date>& start,
                                                               const std::optional<domain::Date>& referral,
                                                               const std::string& gender,
                                                               const std::optional<int>& birth_year) {
    std::vector<long long> out;
    Status st = Guard("find anonymous participations", [&] {
        NullableText s = ToNullable(start), r = ToNullable(referral);
        NullableInt y = ToNullable(birth_year);
        long long id = 0;
        // NULL-safe equality written out, as IS NOT DISTINCT FROM is not in SQLite; the casts
        // give PostgreSQL the type of a parameter that is only compared with NULL.
        soci::statement q =
            (Sql(uow_).prepare << "SELECT id FROM participation WHERE insats_id = :i AND anonymous = 1 AND "
                                  "source_row_id = '' AND gender = :g AND "
                                  "((start_date IS NULL AND CAST(:s1 AS TEXT) IS NULL) OR start_date = :s2) AND "
                                  "((referral_date IS NULL AND CAST(:r1 AS TEXT) IS NULL) OR referral_date = :r2) AND "
                                  "((birth_year IS NULL AND CAST(:y1 AS INTEGER) IS NULL) OR birth_year = :y2) "
                                  "ORDER BY id",
             soci::into(id), soci::use(insats_id), soci::use(gender), soci::use(s.value, s.ind),
             soci::use(s.value, s.ind), soci::use(r.value, r.ind), soci::use(r.value, r.ind), soci::use(y.value, y.ind),
             soci::use(y.value, y.ind));
        q.execute();
        while (q.fetch()) out.push_back(id);
    });
    if (!st.ok()) return st;
    return out;
}

Status ImportRepo::DeleteParticipation(long long id) {
    // Answers go with it (ON DELETE CASCADE).
    return Guard("delete participation",
                 [&] { Sql(uow_) << "DELETE FROM participation WHERE id = :id", soci::use(id); });
}

Result<bool> ImportRepo::DeletePersonIfUnused(long long id) {
    bool deleted = false;
    Status st = Guard("delete person", [&] {
        if (CountOf(uow_, "SELECT COUNT(*) FROM participation WHERE person_id = :id", id) > 0) return;
        Sql(uow_) << "DELETE FROM person_identity WHERE person_id = :id", soci::use(id);
        Sql(uow_) << "DELETE FROM person WHERE id = :id", soci::use(id);
        deleted = true;
    });
    if (!st.ok()) return st;
    return deleted;
}

Result<bool> ImportRepo::DeleteInsatsIfUnused(long long id) {
    bool deleted = false;
    Status st = Guard("delete insats", [&] {
        for (const char* sql :
             {"SELECT COUNT(*) FROM participation WHERE insats_id = :id",
              "SELECT COUNT(*) FROM person WHERE insats_id = :id", "SELECT COUNT(*) FROM goal WHERE insats_id = :id",
              "SELECT COUNT(*) FROM role_assignment WHERE insats_id = :id"})
            if (CountOf(uow_, sql, id) > 0) return;
        Sql(uow_) << "DELETE FROM insats WHERE id = :id", soci::use(id);
        deleted = true;
    });
    if (!st.ok()) return st;
    return deleted;
}

Result<bool> ImportRepo::DeleteOrganisationIfUnused(long long id) {
    bool deleted = false;
    Status st = Guard("delete organisation", [&] {
        for (const char* sql : {"SELECT COUNT(*) FROM organisation WHERE parent_id = :id",
                                "SELECT COUNT(*) FROM insats WHERE controller_org_id = :id",
                                "SELECT COUNT(*) FROM person WHERE controller_org_id = :id",
                                "SELECT COUNT(*) FROM person_identity WHERE controller_org_id = :id",
                                "SELECT COUNT(*) FROM participation WHERE referrer_org_id = :id",
                                "SELECT COUNT(*) FROM participation_coreferrer WHERE organisation_id = :id",
                                "SELECT COUNT(*) FROM app_user WHERE organisation_id = :id"})
            if (CountOf(uow_, sql, id) > 0) return;
        Sql(uow_) << "DELETE FROM organisation WHERE id = :id", soci::use(id);
        deleted = true;
    });
    if (!st.ok()) return st;
    return deleted;
}

Status ImportRepo::Savepoint() {
    return Guard("savepoint", [&] { Sql(uow_) << "SAVEPOINT import_row"; });
}

Status ImportRepo::RollbackToSavepoint() {
    return Guard("rollback to savepoint", [&] { Sql(uow_) << "ROLLBACK TO SAVEPOINT import_row"; });
}

Status ImportRepo::ReleaseSavepoint() {
    return Guard("release savepoint", [&] { Sql(uow_) << "RELEASE SAVEPOINT import_row"; });
}

Status ImportRepo::PutMapping(long long forbund_id, const SavedMapping& m) {
    return Guard("save import mapping", [&] {
        std::string now = NowUtc();
        Sql(uow_) << "DELETE FROM import_mapping WHERE forbund_id = :f AND name = :n", soci::use(forbund_id),
            soci::use(m.name);
        Sql(uow_) << "INSERT INTO import_mapping (forbund_id, name, settings, updated_at) VALUES (:f, :n, :s, :at)",
            soci::use(forbund_id), soci::use(m.name), soci::use(m.settings), soci::use(now);
    });
}

Result<std::vector<SavedMapping>> ImportRepo::ListMappings(long long forbund_id) {
    std::vector<SavedMapping> out;
    Status st = Guard("list import mappings", [&] {
        SavedMapping m;
        soci::statement s =
            (Sql(uow_).prepare << "SELECT name, settings, updated_at FROM import_mapping "
                                  "WHERE forbund_id = :f ORDER BY name",
             soci::into(m.name), soci::into(m.settings), soci::into(m.updated_at), soci::use(forbund_id));
        s.execute();
        while (s.fetch()) out.push_back(m);
    });
    if (!st.ok()) return st;
    return out;
}

}  // namespace foljsam::store

#include "store/person_repo.hpp"

#include "store/sql.hpp"

namespace foljsam::store {

Result<long long> PersonRepo::Insert(const PersonRecord& p) {
    long long id = 0;
    Status st = Guard("insert person", [&] {
        std::string now = NowUtc(), gender = p.legal_gender;
        NullableInt insats = ToNullable(p.insats_id), birth = ToNullable(p.birth_year);
        NullableText code =
            ToNullable(p.participant_code.empty() ? std::nullopt : std::optional<std::string>(p.participant_code));
        long long controller = p.controller_org_id;
        id = InsertReturningId(uow_,
                               "INSERT INTO person (controller_org_id, insats_id, participant_code, birth_year, "
                               "legal_gender, created_at) VALUES (:c, :i, :pc, :b, :g, :t)",
                               soci::use(controller), soci::use(insats.value, insats.ind),
                               soci::use(code.value, code.ind), soci::use(birth.value, birth.ind), soci::use(gender),
                               soci::use(now));
    });
    if (!st.ok()) return st;
    return id;
}

Status PersonRepo::Update(const PersonRecord& p) {
    return Guard("update person", [&] {
        NullableInt birth = ToNullable(p.birth_year);
        NullableText code =
            ToNullable(p.participant_code.empty() ? std::nullopt : std::optional<std::string>(p.participant_code));
        std::string gender = p.legal_gender;
        long long id = p.id;
        Sql(uow_) << "UPDATE person SET participant_code = :pc, birth_year = :b, legal_gender = :g WHERE id = :id",
            soci::use(code.value, code.ind), soci::use(birth.value, birth.ind), soci::use(gender), soci::use(id);
    });
}

namespace {
const char* kPersonSelect =
    "SELECT id, controller_org_id, insats_id, participant_code, birth_year, legal_gender FROM person ";

Result<std::optional<PersonRecord>> SelectPerson(UnitOfWork& uow, const std::string& where, long long a,
                                                 const std::string* b) {
    PersonRecord p;
    NullableInt insats, birth;
    NullableText code, gender;
    bool found = false;
    Status st = Guard("get person", [&] {
        soci::statement s = Sql(uow).prepare << std::string(kPersonSelect) + where;
        s.exchange(soci::into(p.id));
        s.exchange(soci::into(p.controller_org_id));
        s.exchange(soci::into(insats.value, insats.ind));
        s.exchange(soci::into(code.value, code.ind));
        s.exchange(soci::into(birth.value, birth.ind));
        s.exchange(soci::into(gender.value, gender.ind));
        s.exchange(soci::use(a));
        std::string b_copy = b ? *b : "";
        if (b) s.exchange(soci::use(b_copy));
        s.define_and_bind();
        found = s.execute(true);
    });
    if (!st.ok()) return st;
    if (!found) return std::optional<PersonRecord>();
    if (insats.ind == soci::i_ok) p.insats_id = insats.value;
    if (birth.ind == soci::i_ok) p.birth_year = static_cast<int>(birth.value);
    if (code.ind == soci::i_ok) p.participant_code = code.value;
    if (gender.ind == soci::i_ok) p.legal_gender = gender.value;
    return std::optional<PersonRecord>(p);
}
}  // namespace

Result<PersonRecord> PersonRepo::Get(long long id) {
    auto r = SelectPerson(uow_, "WHERE id = :id", id, nullptr);
    if (!r.ok()) return r.status();
    if (!r->has_value()) return Status::NotFound("Personen finns inte.");
    return **r;
}

Result<std::optional<PersonRecord>> PersonRepo::FindByCode(long long insats_id, const std::string& code) {
    return SelectPerson(uow_, "WHERE insats_id = :i AND participant_code = :c", insats_id, &code);
}

Status PersonRepo::PutIdentity(const SealedIdentity& identity) {
    return Guard("put identity", [&] {
        SealedIdentity i = identity;
        NullableText name =
            ToNullable(i.name_sealed.empty() ? std::nullopt : std::optional<std::string>(i.name_sealed));
        Sql(uow_) << "DELETE FROM person_identity WHERE person_id = :p", soci::use(i.person_id);
        Sql(uow_) << "INSERT INTO person_identity (person_id, controller_org_id, pnr_hash, pnr_sealed, name_sealed, "
                     "key_generation) VALUES (:p, :c, :h, :s, :n, :g)",
            soci::use(i.person_id), soci::use(i.controller_org_id), soci::use(i.pnr_hash), soci::use(i.pnr_sealed),
            soci::use(name.value, name.ind), soci::use(i.key_generation);
    });
}

Result<std::optional<SealedIdentity>> PersonRepo::GetIdentity(long long person_id) {
    SealedIdentity i;
    NullableText name;
    bool found = false;
    Status st = Guard("get identity", [&] {
        soci::statement s =
            (Sql(uow_).prepare << "SELECT person_id, controller_org_id, pnr_hash, pnr_sealed, "
                                  "name_sealed, key_generation FROM person_identity WHERE person_id = :p",
             soci::into(i.person_id), soci::into(i.controller_org_id), soci::into(i.pnr_hash), soci::into(i.pnr_sealed),
             soci::into(name.value, name.ind), soci::into(i.key_generation), soci::use(person_id));
        found = s.execute(true);
    });
    if (!st.ok()) return st;
    if (!found) return std::optional<SealedIdentity>();
    if (name.ind == soci::i_ok) i.name_sealed = name.value;
    return std::optional<SealedIdentity>(i);
}

Result<std::optional<long long>> PersonRepo::FindByIdentityHash(long long controller_org_id,
                                                                const std::string& pnr_hash) {
    long long id = 0;
    bool found = false;
    Status st = Guard("find identity", [&] {
        std::string hash = pnr_hash;
        soci::statement s = (Sql(uow_).prepare << "SELECT person_id FROM person_identity WHERE controller_org_id = :c "
                                                  "AND pnr_hash = :h",
                             soci::into(id), soci::use(controller_org_id), soci::use(hash));
        found = s.execute(true);
    });
    if (!st.ok()) return st;
    if (!found) return std::optional<long long>();
    return std::optional<long long>(id);
}

Result<std::optional<long long>> PersonRepo::FindByIdentityHashes(long long controller_org_id,
                                                                  const std::vector<std::string>& pnr_hashes) {
    for (const auto& hash : pnr_hashes) {
        auto found = FindByIdentityHash(controller_org_id, hash);
        if (!found.ok() || found->has_value()) return found;
    }
    return std::optional<long long>();
}

Result<std::vector<SealedIdentity>> PersonRepo::IdentitiesInInsats(long long insats_id) {
    std::vector<SealedIdentity> out;
    Status st = Guard("identities in insats", [&] {
        SealedIdentity i;
        NullableText name;
        soci::statement s =
            (Sql(uow_).prepare << "SELECT DISTINCT pi.person_id, pi.controller_org_id, pi.pnr_hash, pi.pnr_sealed, "
                                  "pi.name_sealed, pi.key_generation FROM person_identity pi JOIN participation p ON "
                                  "p.person_id = pi.person_id WHERE p.insats_id = :i",
             soci::into(i.person_id), soci::into(i.controller_org_id), soci::into(i.pnr_hash), soci::into(i.pnr_sealed),
             soci::into(name.value, name.ind), soci::into(i.key_generation), soci::use(insats_id));
        s.execute();
        while (s.fetch()) {
            i.name_sealed = name.ind == soci::i_ok ? name.value : "";
            out.push_back(i);
        }
    });
    if (!st.ok()) return st;
    return out;
}

Status PersonRepo::DeleteIdentity(long long person_id) {
    return Guard("delete identity",
                 [&] { Sql(uow_) << "DELETE FROM person_identity WHERE person_id = :p", soci::use(person_id); });
}

Result<std::vector<SealedIdentity>> PersonRepo::IdentitiesBelowGeneration(long long controller_org_id, int generation,
                                                                          long long after_person_id, int limit) {
    std::vector<SealedIdentity> out;
    Status st = Guard("identities below generation", [&] {
        SealedIdentity i;
        NullableText name;
        soci::statement s =
            (Sql(uow_).prepare << "SELECT person_id, controller_org_id, pnr_hash, pnr_sealed, name_sealed, "
                                  "key_generation FROM person_identity WHERE controller_org_id = :c AND "
                                  "key_generation < :g AND person_id > :a ORDER BY person_id LIMIT :n",
             soci::into(i.person_id), soci::into(i.controller_org_id), soci::into(i.pnr_hash), soci::into(i.pnr_sealed),
             soci::into(name.value, name.ind), soci::into(i.key_generation), soci::use(controller_org_id),
             soci::use(generation), soci::use(after_person_id), soci::use(limit));
        s.execute();
        while (s.fetch()) {
            i.name_sealed = name.ind == soci::i_ok ? name.value : "";
            out.push_back(i);
        }
    });
    if (!st.ok()) return st;
    return out;
}

Result<long long> PersonRepo::CountIdentitiesBelowGeneration(long long controller_org_id, int generation) {
    long long n = 0;
    Status st = Guard("count identities below generation", [&] {
        Sql(uow_) << "SELECT COUNT(*) FROM person_identity WHERE controller_org_id = :c AND key_generation < :g",
            soci::into(n), soci::use(controller_org_id), soci::use(generation);
    });
    if (!st.ok()) return st;
    return n;
}

Result<bool> PersonRepo::ReplaceSealedIdentity(const SealedIdentity& before, const SealedIdentity& after) {
    long long changed = 0;
    Status st = Guard("replace sealed identity", [&] {
        SealedIdentity b = before, a = after;
        NullableText name =
            ToNullable(a.name_sealed.empty() ? std::nullopt : std::optional<std::string>(a.name_sealed));
        soci::statement s =
            (Sql(uow_).prepare << "UPDATE person_identity SET pnr_hash = :h, pnr_sealed = :s, name_sealed = :n, "
                                  "key_generation = :g WHERE person_id = :p AND pnr_sealed = :bs AND "
                                  "COALESCE(name_sealed, '') = :bn",
             soci::use(a.pnr_hash), soci::use(a.pnr_sealed), soci::use(name.value, name.ind),
             soci::use(a.key_generation), soci::use(b.person_id), soci::use(b.pnr_sealed), soci::use(b.name_sealed));
        s.execute(true);
        changed = s.get_affected_rows();
    });
    if (!st.ok()) return st;
    return changed == 1;
}

}  // namespace foljsam::store

#pragma once
// Persons and their sealed identities. The store never sees a personnummer or a name in
// clear: services seal them under the controller's key and pass the sealed text and the
// keyed lookup hash. Every function runs inside the caller's UnitOfWork.

#include <optional>
#include <string>
#include <vector>

#include "common/status.hpp"
#include "store/database.hpp"

namespace foljsam::store {

struct PersonRecord {
    long long id = 0;
    long long controller_org_id = 0;
    std::optional<long long> insats_id;  // set for participant-code persons
    std::string participant_code;
    std::optional<int> birth_year;
    std::string legal_gender;
};

struct SealedIdentity {
    long long person_id = 0;
    long long controller_org_id = 0;
    std::string pnr_hash;
    std::string pnr_sealed;
    std::string name_sealed;  // empty when no name was given
    int key_generation = 1;   // the key generation of the hash and both sealed values
};

class PersonRepo {
   public:
    explicit PersonRepo(UnitOfWork& uow) : uow_(uow) {}

    Result<long long> Insert(const PersonRecord& p);
    Status Update(const PersonRecord& p);
    Result<PersonRecord> Get(long long id);
    // The person with this participant code in this insats, if any.
    Result<std::optional<PersonRecord>> FindByCode(long long insats_id, const std::string& code);

    Status PutIdentity(const SealedIdentity& identity);  // insert or replace
    Result<std::optional<SealedIdentity>> GetIdentity(long long person_id);
    // The person of the controller whose identity has this lookup hash, if any.
    Result<std::optional<long long>> FindByIdentityHash(long long controller_org_id, const std::string& pnr_hash);
    // The same for the first of several hashes that matches (one per live key generation).
    Result<std::optional<long long>> FindByIdentityHashes(long long controller_org_id,
                                                          const std::vector<std::string>& pnr_hashes);
    // Sealed identities of every identified person with a participation in the insats.
    Result<std::vector<SealedIdentity>> IdentitiesInInsats(long long insats_id);
    Status DeleteIdentity(long long person_id);

    // Key rotation: up to `limit` identities of the controller under a key generation
    // older than `generation`, with person_id above `after_person_id`, in person_id order.
    Result<std::vector<SealedIdentity>> IdentitiesBelowGeneration(long long controller_org_id, int generation,
                                                                  long long after_person_id, int limit);
    Result<long long> CountIdentitiesBelowGeneration(long long controller_org_id, int generation);
    // Replaces the hash, sealed values and generation of `before` with those of `after`,
    // only if the row still holds exactly `before`'s sealed values (every seal has a fresh
    // nonce, so they identify the version read). False when someone rewrote it meanwhile.
    Result<bool> ReplaceSealedIdentity(const SealedIdentity& before, const SealedIdentity& after);

   private:
    UnitOfWork& uow_;
};

}  // namespace foljsam::store

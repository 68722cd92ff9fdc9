#pragma once
// Imports: the history of import runs with what each created or changed (for undo),
// saved mappings per association, and the look-ups an import uses to find the
// participation a row already created (by Rad-id, by person and dates, or for anonymous
// rows by their visible attributes). Every function runs inside the caller's UnitOfWork;
// SQL errors become Status values.

#include <optional>
#include <string>
#include <vector>

#include "common/status.hpp"
#include "domain/date.hpp"
#include "store/database.hpp"

namespace foljsam::store {

struct ImportBatch {
    long long id = 0;
    long long forbund_id = 0;
    std::optional<long long> user_id;  // empty for the machine's operator (CLI)
    std::string username;
    std::string file_name;
    std::string mode;  // ALL or VALID
    int created = 0, updated = 0, unchanged = 0, rejected = 0;
    std::string created_at;
    std::optional<std::string> undone_at;
};

struct ImportItem {
    int seq = 0;
    std::string entity;  // participation, person, insats, organisation
    long long entity_id = 0;
    std::string action;        // create or update
    std::string before_state;  // JSON of the participation before an update
    int after_version = 0;
};

struct SavedMapping {
    std::string name;
    std::string settings;  // JSON
    std::string updated_at;
};

class ImportRepo {
   public:
    explicit ImportRepo(UnitOfWork& uow) : uow_(uow) {}

    Result<long long> InsertBatch(const ImportBatch& batch);
    Status FinishBatch(long long id, int created, int updated, int unchanged, int rejected);
    Status AddItem(long long batch_id, const ImportItem& item);
    // Newest first.
    Result<std::vector<ImportBatch>> ListBatches(long long forbund_id, int limit);
    Result<ImportBatch> GetBatch(long long id);                 // kNotFound
    Result<std::vector<ImportItem>> Items(long long batch_id);  // in seq order
    Status MarkUndone(long long id);
    // After undo put a participation back at version `to`: earlier imports that left it at
    // `from` now expect `to`, so they can still be undone in turn.
    Status RebaseItemVersion(long long participation_id, int from, int to);

    Result<std::optional<long long>> FindBySourceRow(long long insats_id, const std::string& rad_id);
    Status SetSourceRow(long long participation_id, const std::string& rad_id);
    // The person's participation in the insats that started on `start` (or, without a
    // start, was referred on `referral`), if any.
    Result<std::optional<long long>> FindByPersonDates(long long insats_id, long long person_id,
                                                       const std::optional<domain::Date>& start,
                                                       const std::optional<domain::Date>& referral);
    // Anonymous participations of the insats with these visible attributes and no Rad-id,
    // oldest first.
    Result<std::vector<long long>> AnonymousCandidates(long long insats_id, const std::optional<domain::Date>& start,
                                                       const std::optional<domain::Date>& referral,
                                                       const std::string& gender, const std::optional<int>& birth_year);

    // Undo: removes what an import created. The *IfUnused forms leave rows that
    // something else refers to now and report whether they removed it.
    Status DeleteParticipation(long long id);
    Result<bool> DeletePersonIfUnused(long long id);
    Result<bool> DeleteInsatsIfUnused(long long id);
    Result<bool> DeleteOrganisationIfUnused(long long id);

    // A savepoint around one row, so a row that fails half-way leaves nothing behind
    // when the rest of the import goes on (valid rows only).
    Status Savepoint();
    Status RollbackToSavepoint();
    Status ReleaseSavepoint();

    Status PutMapping(long long forbund_id, const SavedMapping& mapping);
    Result<std::vector<SavedMapping>> ListMappings(long long forbund_id);

   private:
    UnitOfWork& uow_;
};

}  // namespace foljsam::store

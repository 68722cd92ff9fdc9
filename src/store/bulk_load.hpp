#pragma once
// Bulk loading, for benchmarks and load tests only (bench/annual_report_bench.cpp fills an
// association with a million participations): writes participant-code persons and
// participations with their multi-valued answers inside the caller's UnitOfWork, with one
// statement per table prepared once and executed for every row.
//
// It writes the same rows as PersonRepo::Insert and ParticipationRepo::Insert (status from
// the dates, age group from the birth year, version 1) but bypasses the services: nothing
// is validated, no access is checked, no audit event is written and identities are not
// supported. Never call it from services/, web/ or cli/.
//
// A BulkLoader belongs to one thread and must not outlive the UnitOfWork it was made for;
// committing stays with the caller (large batches per transaction are what make it fast).

#include <memory>
#include <vector>

#include "common/status.hpp"
#include "domain/participation.hpp"
#include "store/database.hpp"
#include "store/person_repo.hpp"

namespace foljsam::store {

class BulkLoader {
   public:
    // Prepares the insert statements on `uow`. Failure: kInternal/kUnavailable.
    static Result<std::unique_ptr<BulkLoader>> Prepare(UnitOfWork& uow);
    ~BulkLoader();
    BulkLoader(const BulkLoader&) = delete;
    BulkLoader& operator=(const BulkLoader&) = delete;

    // Inserts the persons (ids ignored) and returns their new ids in the same order.
    // Failure: kConflict for a participant code already used in its insats;
    // kInternal/kUnavailable. Rows inserted before a failure stay in the transaction.
    Result<std::vector<long long>> InsertPersons(const std::vector<PersonRecord>& persons);

    // Inserts the participations (ids and versions ignored) with their support at start
    // and after, target groups and co-referrers; returns the new ids in the same order.
    // Failure as for InsertPersons (kInternal also for a missing person or organisation).
    Result<std::vector<long long>> InsertParticipations(const std::vector<domain::Participation>& participations);

    struct Impl;

   private:
    explicit BulkLoader(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace foljsam::store

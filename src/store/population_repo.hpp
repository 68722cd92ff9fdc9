#pragma once
// Population per area of an association, table `area_population`
// (db/migrations/0004_area_population.sql): area code (a district code of
// domain/reference_places or a kommunkod) -> inhabitants, as the association entered them.
// Also which municipalities an association covers. Every function runs inside the
// caller's UnitOfWork; SQL errors become Status values (kUnavailable or kInternal).
// Validation and access checks are the services' business. Not thread-safe (a repository
// belongs to its unit of work).

#include <map>
#include <set>
#include <string>

#include "common/status.hpp"
#include "store/database.hpp"

namespace foljsam::store {

class PopulationRepo {
   public:
    explicit PopulationRepo(UnitOfWork& uow) : uow_(uow) {}

    // Every stored figure of association `forbund_id`, by area code; empty when none.
    Result<std::map<std::string, long long>> List(long long forbund_id);
    // Replaces every figure of association `forbund_id` with `population` (delete, then
    // one insert per area; an empty map removes them all). The caller validates: a value
    // below 1 fails the table's CHECK (kInternal).
    Status Replace(long long forbund_id, const std::map<std::string, long long>& population);
    // The kommunkoder the association covers: those recorded in forbund_kommun and those
    // its organisations name (organisation.kommunkod), since forbund_kommun is not
    // maintained by any form yet. Sorted; empty when none.
    Result<std::set<std::string>> ListKommuner(long long forbund_id);

   private:
    UnitOfWork& uow_;
};

}  // namespace foljsam::store

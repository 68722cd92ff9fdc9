#pragma once
// Goals (förväntat resultat) of insatser per year, table `goal` (db/migrations/0003_goals.sql).
// Every function runs inside the caller's UnitOfWork; SQL errors become Status values
// (kUnavailable or kInternal). Access checks are the services' business. Not thread-safe
// (a repository belongs to its unit of work).

#include <vector>

#include "common/status.hpp"
#include "domain/goal.hpp"
#include "store/database.hpp"

namespace foljsam::store {

class GoalRepo {
   public:
    explicit GoalRepo(UnitOfWork& uow) : uow_(uow) {}

    // The goals of one insats in `year`, in the order they were created.
    Result<std::vector<domain::Goal>> ListByInsats(long long insats_id, int year);
    // The goals of every insats of association `forbund_id` in `year`, by insats name, then
    // in the order they were created.
    Result<std::vector<domain::Goal>> ListByForbund(long long forbund_id, int year);
    // kNotFound when there is no goal `id`.
    Result<domain::Goal> Get(long long id);
    // Inserts `goal` (its id is ignored) and returns the new id.
    Result<long long> Insert(const domain::Goal& goal);
    // Updates every field of goal `goal.id` but its insats. kNotFound when it does not exist.
    Status Update(const domain::Goal& goal);
    // kNotFound when there is no goal `id`.
    Status Delete(long long id);

   private:
    UnitOfWork& uow_;
};

}  // namespace foljsam::store

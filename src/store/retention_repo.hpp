#pragma once
// Gallring in SQL (domain/retention.hpp decides what is due, services/retention_service.hpp
// runs it): the participations linked to persons, removing persons' identities, and the
// association's retention period. Every function runs inside the caller's UnitOfWork;
// SQL errors become Status values (kUnavailable or kInternal).

#include <vector>

#include "common/status.hpp"
#include "domain/date.hpp"
#include "domain/retention.hpp"
#include "store/database.hpp"

namespace foljsam::store {

// Every participation linked to a person (participant code or identity) whose controller
// organisation belongs to association `forbund_id`, ordered by id. One statement.
Result<std::vector<domain::LinkedParticipation>> LinkedParticipations(UnitOfWork& uow, long long forbund_id);

// Removes the identity of `person_ids` (ascending, from domain::PlanRetention): every
// participation of theirs that ended before `first_end_not_due` becomes anonymous like an
// anonymous registration (person_id NULL, anonymous 1, consent cleared, version bumped)
// and keeps identity_removed_on = `today` and statistics_person_key = its former person
// id; their identity rows (sealed personnummer and name, lookup hash) are deleted; the
// person rows stay, emptied of participant code, birth year and legal gender, so their
// ids are never reused. Returns the number of participations changed.
// Failure: kConflict when a person still has a participation afterwards (one not due,
// e.g. registered after the plan was made): the caller must roll back.
Result<long long> RemoveIdentities(UnitOfWork& uow, const std::vector<long long>& person_ids,
                                   const domain::Date& first_end_not_due, const domain::Date& today);

// Sets the association's retention period in months (validated by the caller).
// Failure: kNotFound for an unknown association.
Status SetRetentionMonths(UnitOfWork& uow, long long forbund_id, int months);

}  // namespace foljsam::store

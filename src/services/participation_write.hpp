#pragma once
// Services-internal: the one path that validates and saves a participation, with its
// audit event, inside the caller's unit of work. Shared by ParticipationService (one
// form at a time) and ImportService (many rows in one transaction), so an imported row
// obeys exactly the rules of a registered one. Stateless; thread-safe.

#include "common/status.hpp"
#include "domain/actor.hpp"
#include "domain/organisation.hpp"
#include "domain/participation.hpp"
#include "services/participation_service.hpp"
#include "store/database.hpp"

namespace foljsam::services {

// The validation context of an insats on today's date.
domain::ValidationContext ContextFor(const domain::Insats& insats);

// When the identity fields are wrong, the rest of the input is checked too, so the user
// sees every error at once instead of in rounds.
Status WithRemainingErrors(const Status& person_failure, const domain::Insats& insats, const ParticipationInput& input);

// Validates `next` (already merged with its resolved person), checks the organisations it
// names belong to the association, inserts it (current == nullptr; the new id goes to
// *new_id) or updates `current`, and audits the change as `actor` (null: the operator).
Status SaveParticipation(store::UnitOfWork& uow, const domain::Actor* actor, const domain::Insats& insats,
                         domain::Participation next, const domain::Participation* current, bool identity_changed,
                         long long* new_id);

}  // namespace foljsam::services

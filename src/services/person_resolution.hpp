#pragma once
// Services-internal: resolving the person a participation input names, according to the
// insats's registration mode (participant code, sealed identity, or anonymous), and
// opening sealed identities for display. Used by ParticipationService only; every call
// runs inside the caller's unit of work. Stateless; thread-safe.

#include <optional>
#include <string>

#include "common/status.hpp"
#include "domain/actor.hpp"
#include "domain/organisation.hpp"
#include "domain/participation.hpp"
#include "services/app.hpp"
#include "services/participation_service.hpp"
#include "store/database.hpp"
#include "store/person_repo.hpp"

namespace foljsam::security {
class Keyring;
}

namespace foljsam::services {

// "YYYYMMDD-NNNN" from the canonical 12 digits.
std::string FormatPnr(const std::string& canonical);

// The clear identity of a sealed one. Failure: kCorrupt (tampered or wrong key), kUnavailable.
Result<IdentityView> OpenIdentity(security::Keyring& keys, const store::SealedIdentity& sealed);

struct ResolvedPerson {
    std::optional<long long> person_id;
    std::optional<int> birth_year;
    std::string legal_gender;
    bool identity_changed = false;
};

// Finds or creates the person an input names, according to the insats's mode, and
// validates the identity fields. `current` is the participation being edited, if any.
// `may_see_identity`: the caller may enter and see identities in this insats (the policy's
// kViewIdentity, or the machine's operator).
// Failure: kInvalidInput with field errors, kForbidden for identity fields from someone
// who may not see identities, store failures.
Result<ResolvedPerson> ResolvePerson(store::UnitOfWork& uow, App& app, bool may_see_identity,
                                     const domain::Insats& insats, const ParticipationInput& input,
                                     const domain::Participation* current);

}  // namespace foljsam::services

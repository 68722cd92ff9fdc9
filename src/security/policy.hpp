#pragma once
// The one access decision: policy::Can(actor, action, resource). Every service call that
// reads or writes anything scoped to an association or an insats asks it first.
//
// Rules (design.md, "Who uses it"):
// - Nothing crosses associations: a resource of another förbund is always denied.
// - Participant-level data (lists, participant pages, registration) is for registrars
//   (deltagaransvarig) assigned to the insats.
// - Identities (personnummer, name) are for registrars assigned to the insats AND employed
//   by its controller organisation (or a unit under it), in an insats registered with
//   identity. No administrator role ever grants them.
// - Administration of members, units, insatser, users and goals is for the
//   förbundsadministratör. Goals and their follow-up are read with kViewInsats.
// - Aggregates of an insats are for the insats's own roles and the association's
//   administrator, analysts and readers.
// Pure function of its arguments; thread-safe.

#include <optional>

#include "domain/actor.hpp"
#include "domain/organisation.hpp"

namespace foljsam::security::policy {

enum class Action {
    kViewInsats,          // see that the insats exists, its settings and aggregates
    kViewParticipations,  // participant list and participant pages (pseudonymous data)
    kWriteParticipation,  // register and change participations
    kViewIdentity,        // see personnummer and names; search by them
    kAdminOrganisations,
    kAdminInsatser,
    kAdminUsers,
    kAdminGoals,  // define the goals (förväntat resultat) of the association's insatser
    kViewAudit,
};

struct Resource {
    long long forbund_id = 0;
    std::optional<long long> insats_id;
    std::optional<long long> controller_org_id;  // for kViewIdentity
    bool identity_mode = false;                  // the insats registers with identity
};

// The resource an insats is: its association, itself, its controller and mode.
Resource ResourceOf(const domain::Insats& insats);

bool Can(const domain::Actor& actor, Action action, const Resource& resource);

}  // namespace foljsam::security::policy

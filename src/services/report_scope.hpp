#pragma once
// Which insatser a report counts and whether its small numbers are hidden: the rule every
// aggregate (reports, the follow-up, goal outcomes) shares, decided in one place.
//
// Scope: the insatser the actor may view (policy kViewInsats), or the requested subset of
// them. Suppression applies unless the actor has personal-data access (kViewParticipations)
// to every insats in scope; only such an actor may ask for no suppression. Runs inside the
// caller's unit of work; reads only. Thread-safe.

#include <optional>
#include <set>
#include <vector>

#include "common/status.hpp"
#include "domain/actor.hpp"
#include "domain/organisation.hpp"
#include "store/database.hpp"

namespace foljsam::services {

struct ReportScope {
    domain::Forbund forbund;
    std::vector<domain::Insats> insatser;  // counted, in the association's order; may be empty
    bool suppress = true;
};

// For `actor`: kForbidden when the actor has no association, may see no insats (unless the
// association has none and the actor has an association role), asks for an insats it may
// not view, or asks for no suppression without personal-data access to all of the scope;
// kNotFound for an insats of another association; kUnavailable/kInternal from the store.
// `requested` nullopt or empty: everything the actor may view.
Result<ReportScope> ResolveScope(store::UnitOfWork& uow, const domain::Actor& actor,
                                 const std::optional<std::set<long long>>& requested, bool no_suppress);

// For the operator on the machine (CLI): the whole association or the requested insatser,
// suppressed unless `no_suppress`. kNotFound for an unknown association or foreign insats.
Result<ReportScope> ResolveOperatorScope(store::UnitOfWork& uow, long long forbund_id,
                                         const std::optional<std::set<long long>>& requested, bool no_suppress);

}  // namespace foljsam::services

#include "security/policy.hpp"

#include <algorithm>

namespace foljsam::security::policy {
namespace {

using domain::Role;

bool InForbund(const domain::RoleAssignment& r, long long forbund_id) {
    return r.forbund_id && *r.forbund_id == forbund_id;
}

bool HasForbundRole(const domain::Actor& actor, Role role, long long forbund_id) {
    return std::any_of(actor.roles.begin(), actor.roles.end(), [&](const domain::RoleAssignment& r) {
        return r.role == role && InForbund(r, forbund_id) && !r.insats_id;
    });
}

bool HasInsatsRole(const domain::Actor& actor, Role role, const Resource& res) {
    if (!res.insats_id) return false;
    return std::any_of(actor.roles.begin(), actor.roles.end(), [&](const domain::RoleAssignment& r) {
        return r.role == role && InForbund(r, res.forbund_id) && r.insats_id && *r.insats_id == *res.insats_id;
    });
}

bool EmployedBy(const domain::Actor& actor, long long organisation_id) {
    return std::find(actor.employer_chain.begin(), actor.employer_chain.end(), organisation_id) !=
           actor.employer_chain.end();
}

}  // namespace

Resource ResourceOf(const domain::Insats& insats) {
    return {insats.forbund_id, insats.id, insats.controller_org_id, insats.with_identity()};
}

bool Can(const domain::Actor& actor, Action action, const Resource& res) {
    if (!actor.user.active) return false;
    if (!actor.user.forbund_id || *actor.user.forbund_id != res.forbund_id) return false;
    switch (action) {
        case Action::kViewInsats:
            return HasForbundRole(actor, Role::kForbundAdmin, res.forbund_id) ||
                   HasForbundRole(actor, Role::kAnalytiker, res.forbund_id) ||
                   HasForbundRole(actor, Role::kLasare, res.forbund_id) ||
                   HasInsatsRole(actor, Role::kInsatsAnsvarig, res) ||
                   HasInsatsRole(actor, Role::kDeltagarAnsvarig, res);
        case Action::kViewParticipations:
        case Action::kWriteParticipation:
            return HasInsatsRole(actor, Role::kDeltagarAnsvarig, res);
        case Action::kViewIdentity:
            return res.identity_mode && res.controller_org_id && HasInsatsRole(actor, Role::kDeltagarAnsvarig, res) &&
                   EmployedBy(actor, *res.controller_org_id);
        case Action::kAdminOrganisations:
        case Action::kAdminInsatser:
        case Action::kAdminUsers:
        case Action::kAdminGoals:
        case Action::kViewAudit:
            return HasForbundRole(actor, Role::kForbundAdmin, res.forbund_id);
    }
    return false;
}

}  // namespace foljsam::security::policy

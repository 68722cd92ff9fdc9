#include "services/report_scope.hpp"

#include <algorithm>

#include "security/policy.hpp"
#include "store/organisation_repo.hpp"

namespace foljsam::services {
namespace {

using security::policy::Action;
using security::policy::Can;
using security::policy::Resource;
using security::policy::ResourceOf;

bool Names(const std::optional<std::set<long long>>& requested) { return requested && !requested->empty(); }

// The association and all its insatser.
Result<ReportScope> LoadAssociation(store::UnitOfWork& uow, long long forbund_id) {
    store::OrganisationRepo orgs(uow);
    auto forbund = orgs.GetForbund(forbund_id);
    if (!forbund.ok()) return forbund.status();
    auto insatser = orgs.ListInsatser(forbund_id);
    if (!insatser.ok()) return insatser.status();
    return ReportScope{std::move(*forbund), std::move(*insatser), true};
}

// Keeps the requested insatser of `scope`, in the association's order. kNotFound when one
// is not the association's.
Status KeepRequested(ReportScope& scope, const std::set<long long>& ids) {
    for (long long id : ids) {
        if (std::none_of(scope.insatser.begin(), scope.insatser.end(),
                         [&](const domain::Insats& insats) { return insats.id == id; }))
            return Status::NotFound("Insatsen finns inte.");
    }
    std::erase_if(scope.insatser, [&](const domain::Insats& insats) { return ids.count(insats.id) == 0; });
    return Status::Ok();
}

}  // namespace

Result<ReportScope> ResolveScope(store::UnitOfWork& uow, const domain::Actor& actor,
                                 const std::optional<std::set<long long>>& requested, bool no_suppress) {
    if (!actor.user.forbund_id) return Status::Forbidden();
    auto scope = LoadAssociation(uow, *actor.user.forbund_id);
    if (!scope.ok()) return scope.status();
    const bool association_empty = scope->insatser.empty();
    if (Names(requested)) {
        FOLJSAM_RETURN_IF_ERROR(KeepRequested(*scope, *requested));
        for (const auto& insats : scope->insatser)
            if (!Can(actor, Action::kViewInsats, ResourceOf(insats))) return Status::Forbidden();
    } else {
        std::erase_if(scope->insatser, [&](const domain::Insats& insats) {
            return !Can(actor, Action::kViewInsats, ResourceOf(insats));
        });
        // An association without insatser reports zeros to its own roles; anyone else
        // with nothing to see is refused.
        if (scope->insatser.empty() &&
            (!association_empty || !Can(actor, Action::kViewInsats, Resource{scope->forbund.id})))
            return Status::Forbidden();
    }
    const bool personal_data_access =
        !scope->insatser.empty() &&
        std::all_of(scope->insatser.begin(), scope->insatser.end(), [&](const domain::Insats& insats) {
            return Can(actor, Action::kViewParticipations, ResourceOf(insats));
        });
    if (no_suppress && !personal_data_access)
        return Status::Forbidden(
            "Du får bara se siffror utan skydd för små tal i insatser där du registrerar deltagare.");
    scope->suppress = !personal_data_access;
    return scope;
}

Result<ReportScope> ResolveOperatorScope(store::UnitOfWork& uow, long long forbund_id,
                                         const std::optional<std::set<long long>>& requested, bool no_suppress) {
    auto scope = LoadAssociation(uow, forbund_id);
    if (!scope.ok()) return scope.status();
    if (Names(requested)) FOLJSAM_RETURN_IF_ERROR(KeepRequested(*scope, *requested));
    scope->suppress = !no_suppress;
    return scope;
}

}  // namespace foljsam::services

#include "services/participation_write.hpp"

#include <nlohmann/json.hpp>

#include "services/audit.hpp"
#include "store/organisation_repo.hpp"
#include "store/participation_repo.hpp"

namespace foljsam::services {
namespace {

nlohmann::json ChangesJson(const std::vector<domain::FieldChange>& changes, bool identity_changed) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& c : changes) list.push_back({{"field", c.field}, {"before", c.before}, {"after", c.after}});
    // Identity changes are recorded as a fact, never with values.
    if (identity_changed) list.push_back({{"field", "identity"}, {"before", ""}, {"after", "ändrad"}});
    return list;
}

// Checks organisations named in the answers belong to the association.
Status CheckReferrers(store::UnitOfWork& uow, const domain::Insats& insats, const domain::Participation& p) {
    store::OrganisationRepo orgs(uow);
    auto check = [&](long long id, const char* field) -> Status {
        auto org = orgs.GetOrganisation(id);
        if (!org.ok() || org->forbund_id != insats.forbund_id)
            return Status::InvalidInput("Organisationen finns inte.", {{field, "Välj en organisation i listan."}});
        return Status::Ok();
    };
    if (p.intake.referrer_org_id) FOLJSAM_RETURN_IF_ERROR(check(*p.intake.referrer_org_id, "referrer_org_id"));
    for (long long id : p.intake.co_referrer_org_ids) FOLJSAM_RETURN_IF_ERROR(check(id, "co_referrer_org_ids"));
    return Status::Ok();
}

}  // namespace

domain::ValidationContext ContextFor(const domain::Insats& insats) {
    return {domain::Today(), insats.with_identity(), insats.self_referral_allowed};
}

// When the identity fields are wrong, the rest of the form is checked too, so the user
// sees every error at once instead of in rounds.
Status WithRemainingErrors(const Status& person_failure, const domain::Insats& insats,
                           const ParticipationInput& input) {
    if (person_failure.code() != StatusCode::kInvalidInput) return person_failure;
    domain::Participation probe = input.participation;
    probe.birth_year = input.person.birth_year;
    const bool derived = insats.with_identity() && !probe.anonymous;
    if (derived) {
        // Birth year and gender come from a personnummer that is not valid yet.
        probe.birth_year = domain::Today().year - 30;
        if (probe.gender.empty()) probe.gender = "U";
    }
    ValidationErrors all;
    for (const auto& f : person_failure.fields()) all.Add(f.field, f.message);
    const Status rest = domain::Validate(probe, ContextFor(insats));
    for (const auto& f : rest.fields())
        if (!all.Has(f.field)) all.Add(f.field, f.message);
    return all.ToStatus(person_failure.message());
}

// Validates `next` (already merged with the resolved person), writes it and its audit event.
Status SaveParticipation(store::UnitOfWork& uow, const domain::Actor* actor, const domain::Insats& insats,
                         domain::Participation next, const domain::Participation* current, bool identity_changed,
                         long long* new_id) {
    FOLJSAM_RETURN_IF_ERROR(domain::Validate(next, ContextFor(insats)));
    FOLJSAM_RETURN_IF_ERROR(CheckReferrers(uow, insats, next));
    store::ParticipationRepo repo(uow);
    nlohmann::json detail;
    long long id = 0;
    if (current) {
        next.id = current->id;
        auto changes = domain::DiffParticipations(*current, next);
        FOLJSAM_RETURN_IF_ERROR(repo.Update(next));
        id = current->id;
        detail["changes"] = ChangesJson(changes, identity_changed);
    } else {
        auto created = repo.Insert(next);
        if (!created.ok()) return created.status();
        id = *created;
        detail["changes"] = ChangesJson(domain::DiffParticipations(domain::Participation{}, next), identity_changed);
    }
    if (new_id) *new_id = id;
    return Audit(uow, actor, insats.forbund_id,
                 {current ? "participation.update" : "participation.create", "participation", id, insats.id, true,
                  detail.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)});
}

}  // namespace foljsam::services

#include "services/admin_service.hpp"

#include <nlohmann/json.hpp>

#include "domain/code_lists.hpp"
#include "domain/limits.hpp"
#include "security/crypto.hpp"
#include "security/keyring.hpp"
#include "security/policy.hpp"
#include "services/audit.hpp"
#include "services/auth_service.hpp"
#include "services/identity_keys.hpp"
#include "store/database.hpp"
#include "store/migrations.hpp"
#include "store/organisation_repo.hpp"
#include "store/user_repo.hpp"

namespace foljsam::services {
namespace {

using security::policy::Action;
using security::policy::Can;

security::policy::Resource ForbundOf(const domain::Actor& actor) { return {actor.user.forbund_id.value_or(-1)}; }

Status ValidateInsats(const domain::Insats& i) {
    ValidationErrors e;
    if (i.name.empty()) e.Add("name", "Ange insatsens namn.");
    if (i.name.size() > domain::kMaxShortTextLength) e.Add("name", "Namnet får ha högst 200 tecken.");
    if (i.description.size() > domain::kMaxLongTextLength)
        e.Add("description", "Beskrivningen får ha högst 4000 tecken.");
    if (!domain::FindCodeList("orientation")->Contains(i.orientation)) e.Add("orientation", "Välj inriktning.");
    if (!domain::FindCodeList("follow_up_method")->Contains(i.follow_up_method))
        e.Add("follow_up_method", "Välj uppföljningsmetod.");
    if (!domain::FindCodeList("registration_mode")->Contains(i.registration_mode))
        e.Add("registration_mode", "Välj registreringssätt.");
    if (i.controller_org_id == 0) e.Add("controller_org_id", "Välj personuppgiftsansvarig organisation.");
    if (i.start_date && i.end_date && *i.end_date < *i.start_date)
        e.Add("end_date", "Slutdatum kan inte vara före startdatum.");
    return e.ToStatus();
}

Status ValidateOrganisation(const domain::Organisation& o) {
    ValidationErrors e;
    if (o.name.empty()) e.Add("name", "Ange organisationens namn.");
    if (o.name.size() > domain::kMaxShortTextLength) e.Add("name", "Namnet får ha högst 200 tecken.");
    if (!o.parent_id && !domain::FindCodeList("member_type")->Contains(o.member_type))
        e.Add("member_type", "Välj medlemstyp.");
    if (!o.kommunkod.empty() &&
        (o.kommunkod.size() != 4 || o.kommunkod.find_first_not_of("0123456789") != std::string::npos))
        e.Add("kommunkod", "Kommunkoden ska vara fyra siffror.");
    return e.ToStatus();
}

Status ValidateNewUser(const NewUser& u, const domain::CommonPasswords* common) {
    const bool check_password = common != nullptr;
    ValidationErrors e;
    if (u.username.size() < 3 || u.username.size() > 100) e.Add("username", "Användarnamnet ska ha 3–100 tecken.");
    if (u.username.find_first_of(" \t\r\n") != std::string::npos)
        e.Add("username", "Användarnamnet får inte innehålla mellanslag.");
    if (u.display_name.empty() || u.display_name.size() > domain::kMaxNameLength)
        e.Add("display_name", "Ange namn (högst 200 tecken).");
    const bool insats_role = u.role == domain::Role::kInsatsAnsvarig || u.role == domain::Role::kDeltagarAnsvarig;
    if (insats_role && u.insats_ids.empty()) e.Add("insats_ids", "Välj minst en insats för rollen.");
    if (u.role == domain::Role::kDeltagarAnsvarig && !u.organisation_id)
        e.Add("organisation_id", "En deltagaransvarig måste ha en arbetsgivare (organisation).");
    if (check_password && !u.password.empty()) {
        Status s = CheckPasswordStrength(u.password, *common);
        if (!s.ok()) e.Add("password", s.fields().front().message);
    }
    return e.ToStatus();
}

}  // namespace

Result<InitResult> AdminService::Init(const std::string& forbund_name) {
    if (forbund_name.empty() || forbund_name.size() > domain::kMaxShortTextLength)
        return Status::InvalidInput("Ange förbundets namn (högst 200 tecken).", {{"forbund", "Ange förbundets namn."}});
    auto migrated = store::Migrate(app_.db());
    if (!migrated.ok()) return migrated.status();
    auto uow = app_.db().Begin();
    if (!uow.ok()) return uow.status();
    store::OrganisationRepo orgs(**uow);
    auto existing = orgs.ListForbund();
    if (!existing.ok()) return existing.status();
    if (!existing->empty()) return Status::Conflict("Databasen har redan ett förbund: " + existing->front().name);
    domain::Forbund f;
    f.name = forbund_name;
    auto forbund_id = orgs.InsertForbund(f);
    if (!forbund_id.ok()) return forbund_id.status();
    InitResult out;
    out.forbund_id = *forbund_id;
    out.admin_username = "admin";
    out.one_time_password = security::RandomToken(12);
    auto hash = security::HashPassword(out.one_time_password, app_.options().hash_cost);
    if (!hash.ok()) return hash.status();
    domain::User admin;
    admin.forbund_id = *forbund_id;
    admin.username = out.admin_username;
    admin.display_name = "Förbundsadministratör";
    admin.must_change_password = true;
    store::UserRepo users(**uow);
    auto user_id = users.Insert(admin, *hash);
    if (!user_id.ok()) return user_id.status();
    domain::RoleAssignment role;
    role.role = domain::Role::kForbundAdmin;
    role.forbund_id = *forbund_id;
    role.valid_from = domain::Today();
    auto assigned = users.AddAssignment(*user_id, role);
    if (!assigned.ok()) return assigned.status();
    FOLJSAM_RETURN_IF_ERROR(Audit(**uow, nullptr, *forbund_id, {"forbund.init", "forbund", *forbund_id}));
    FOLJSAM_RETURN_IF_ERROR((*uow)->Commit());
    return out;
}

Result<domain::Forbund> AdminService::TheForbund() {
    auto uow = app_.db().Begin(store::Database::Mode::kRead);
    if (!uow.ok()) return uow.status();
    auto list = store::OrganisationRepo(**uow).ListForbund();
    if (!list.ok()) return list.status();
    if (list->empty()) return Status::NotFound("Databasen har inget förbund. Kör först: foljsam init --forbund NAMN");
    return list->front();
}

Result<std::string> AdminService::CreateUserUnchecked(long long forbund_id, const NewUser& in) {
    FOLJSAM_RETURN_IF_ERROR(ValidateNewUser(in, &app_.common_passwords()));
    std::string password = in.password.empty() ? security::RandomToken(12) : in.password;
    auto hash = security::HashPassword(password, app_.options().hash_cost);
    if (!hash.ok()) return hash.status();
    auto uow = app_.db().Begin();
    if (!uow.ok()) return uow.status();
    store::OrganisationRepo orgs(**uow);
    if (in.organisation_id) {
        auto org = orgs.GetOrganisation(*in.organisation_id);
        if (!org.ok() || org->forbund_id != forbund_id)
            return Status::InvalidInput("Organisationen finns inte.",
                                        {{"organisation_id", "Organisationen finns inte."}});
    }
    for (long long insats_id : in.insats_ids) {
        auto insats = orgs.GetInsats(insats_id);
        if (!insats.ok() || insats->forbund_id != forbund_id)
            return Status::InvalidInput("Insatsen finns inte.", {{"insats_ids", "Insatsen finns inte."}});
    }
    domain::User user;
    user.forbund_id = forbund_id;
    user.username = in.username;
    user.display_name = in.display_name;
    user.organisation_id = in.organisation_id;
    user.must_change_password = in.password.empty();
    store::UserRepo users(**uow);
    auto user_id = users.Insert(user, *hash);
    if (!user_id.ok()) return user_id.status();
    domain::RoleAssignment role;
    role.role = in.role;
    role.forbund_id = forbund_id;
    role.valid_from = domain::Today();
    if (in.insats_ids.empty()) {
        auto a = users.AddAssignment(*user_id, role);
        if (!a.ok()) return a.status();
    }
    for (long long insats_id : in.insats_ids) {
        role.insats_id = insats_id;
        auto a = users.AddAssignment(*user_id, role);
        if (!a.ok()) return a.status();
    }
    nlohmann::json detail = {{"role", domain::RoleCode(in.role)}, {"insatser", in.insats_ids}};
    FOLJSAM_RETURN_IF_ERROR(
        Audit(**uow, nullptr, forbund_id, {"user.create", "user", *user_id, std::nullopt, false, detail.dump()}));
    FOLJSAM_RETURN_IF_ERROR((*uow)->Commit());
    return password;
}

Result<std::string> AdminService::CreateUser(const domain::Actor& actor, const NewUser& user) {
    if (!Can(actor, Action::kAdminUsers, ForbundOf(actor))) return Status::Forbidden();
    return CreateUserUnchecked(*actor.user.forbund_id, user);
}

Result<std::vector<domain::User>> AdminService::ListUsers(const domain::Actor& actor) {
    if (!Can(actor, Action::kAdminUsers, ForbundOf(actor))) return Status::Forbidden();
    auto uow = app_.db().Begin(store::Database::Mode::kRead);
    if (!uow.ok()) return uow.status();
    return store::UserRepo(**uow).List(*actor.user.forbund_id);
}

Result<std::vector<domain::Organisation>> AdminService::ListOrganisations(const domain::Actor& actor) {
    if (!actor.user.forbund_id) return Status::Forbidden();
    auto uow = app_.db().Begin(store::Database::Mode::kRead);
    if (!uow.ok()) return uow.status();
    return store::OrganisationRepo(**uow).ListOrganisations(*actor.user.forbund_id);
}

Result<long long> AdminService::SaveOrganisation(const domain::Actor& actor, const domain::Organisation& input) {
    if (!Can(actor, Action::kAdminOrganisations, ForbundOf(actor))) return Status::Forbidden();
    domain::Organisation org = input;
    org.forbund_id = *actor.user.forbund_id;
    auto uow = app_.db().Begin();
    if (!uow.ok()) return uow.status();
    store::OrganisationRepo orgs(**uow);
    // Another association's organisation is "not found" whatever was sent, before any validation.
    if (org.id != 0) {
        auto existing = orgs.GetOrganisation(org.id);
        if (!existing.ok() || existing->forbund_id != org.forbund_id)
            return Status::NotFound("Organisationen finns inte.");
    }
    if (org.parent_id) {
        auto parent = orgs.GetOrganisation(*org.parent_id);
        if (!parent.ok() || parent->forbund_id != org.forbund_id)
            return Status::InvalidInput("Överordnad organisation finns inte.",
                                        {{"parent_id", "Välj en överordnad organisation i listan."}});
        if (*org.parent_id == org.id)
            return Status::InvalidInput("En organisation kan inte ligga under sig själv.",
                                        {{"parent_id", "En organisation kan inte ligga under sig själv."}});
        org.member_type = parent->member_type;  // units carry their member's type
    }
    FOLJSAM_RETURN_IF_ERROR(ValidateOrganisation(org));
    long long id = org.id;
    if (id == 0) {
        auto created = orgs.InsertOrganisation(org);
        if (!created.ok()) return created.status();
        id = *created;
    } else {
        auto existing = orgs.GetOrganisation(id);
        if (!existing.ok() || existing->forbund_id != org.forbund_id)
            return Status::NotFound("Organisationen finns inte.");
        FOLJSAM_RETURN_IF_ERROR(orgs.UpdateOrganisation(org));
    }
    FOLJSAM_RETURN_IF_ERROR(Audit(**uow, &actor, org.forbund_id,
                                  {org.id == 0 ? "organisation.create" : "organisation.update", "organisation", id}));
    FOLJSAM_RETURN_IF_ERROR((*uow)->Commit());
    return id;
}

Result<std::vector<domain::Insats>> AdminService::VisibleInsatser(const domain::Actor& actor) {
    if (!actor.user.forbund_id) return std::vector<domain::Insats>{};
    auto uow = app_.db().Begin(store::Database::Mode::kRead);
    if (!uow.ok()) return uow.status();
    auto all = store::OrganisationRepo(**uow).ListInsatser(*actor.user.forbund_id);
    if (!all.ok()) return all.status();
    std::vector<domain::Insats> out;
    for (const auto& i : *all)
        if (Can(actor, Action::kViewInsats, {i.forbund_id, i.id})) out.push_back(i);
    return out;
}

Result<domain::Insats> AdminService::GetInsats(const domain::Actor& actor, long long insats_id) {
    auto uow = app_.db().Begin(store::Database::Mode::kRead);
    if (!uow.ok()) return uow.status();
    auto insats = store::OrganisationRepo(**uow).GetInsats(insats_id);
    if (!insats.ok()) return insats.status();
    // Another association's insats is reported as missing, not forbidden: ids do not leak.
    if (!actor.user.forbund_id || insats->forbund_id != *actor.user.forbund_id)
        return Status::NotFound("Insatsen finns inte.");
    if (!Can(actor, Action::kViewInsats, {insats->forbund_id, insats->id}) &&
        !Can(actor, Action::kAdminInsatser, {insats->forbund_id}))
        return Status::Forbidden();
    return insats;
}

Result<long long> AdminService::SaveInsats(const domain::Actor& actor, const domain::Insats& input) {
    if (!Can(actor, Action::kAdminInsatser, ForbundOf(actor))) return Status::Forbidden();
    domain::Insats insats = input;
    insats.forbund_id = *actor.user.forbund_id;
    auto uow = app_.db().Begin();
    if (!uow.ok()) return uow.status();
    store::OrganisationRepo orgs(**uow);
    // Another association's insats is "not found" whatever was sent, before any validation.
    if (insats.id != 0) {
        auto existing = orgs.GetInsats(insats.id);
        if (!existing.ok() || existing->forbund_id != insats.forbund_id)
            return Status::NotFound("Insatsen finns inte.");
    }
    FOLJSAM_RETURN_IF_ERROR(ValidateInsats(insats));
    auto controller = orgs.GetOrganisation(insats.controller_org_id);
    if (!controller.ok() || controller->forbund_id != insats.forbund_id)
        return Status::InvalidInput("Organisationen finns inte.",
                                    {{"controller_org_id", "Välj personuppgiftsansvarig organisation i listan."}});
    // The controller (personuppgiftsansvarig) is a member organisation, never a unit.
    if (controller->parent_id)
        return Status::InvalidInput("Personuppgiftsansvarig ska vara en medlem.",
                                    {{"controller_org_id", "Välj en medlem (huvudman), inte en enhet."}});
    long long id = insats.id;
    if (id == 0) {
        auto created = orgs.InsertInsats(insats);
        if (!created.ok()) {
            if (created.status().code() == StatusCode::kConflict)
                return Status::Conflict("Det finns redan en insats med det namnet.",
                                        {{"name", "Det finns redan en insats med det namnet."}});
            return created.status();
        }
        id = *created;
    } else {
        auto existing = orgs.GetInsats(id);
        if (!existing.ok() || existing->forbund_id != insats.forbund_id)
            return Status::NotFound("Insatsen finns inte.");
        auto count = orgs.CountParticipations(id);
        if (!count.ok()) return count.status();
        if (*count > 0) {
            ValidationErrors e;
            const char* locked = "Kan inte ändras när deltagare är registrerade.";
            if (existing->orientation != insats.orientation) e.Add("orientation", locked);
            if (existing->follow_up_method != insats.follow_up_method) e.Add("follow_up_method", locked);
            if (existing->registration_mode != insats.registration_mode) e.Add("registration_mode", locked);
            if (existing->controller_org_id != insats.controller_org_id) e.Add("controller_org_id", locked);
            FOLJSAM_RETURN_IF_ERROR(e.ToStatus());
        }
        FOLJSAM_RETURN_IF_ERROR(orgs.UpdateInsats(insats));
    }
    // Make sure the controller's key exists before the first identity is sealed under it.
    if (insats.with_identity()) {
        auto keys = CurrentKeys(**uow, app_, insats.controller_org_id);
        if (!keys.ok()) return keys.status();
    }
    FOLJSAM_RETURN_IF_ERROR(
        Audit(**uow, &actor, insats.forbund_id, {input.id == 0 ? "insats.create" : "insats.update", "insats", id, id}));
    FOLJSAM_RETURN_IF_ERROR((*uow)->Commit());
    return id;
}

}  // namespace foljsam::services

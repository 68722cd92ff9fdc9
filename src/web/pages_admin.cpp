// Administration pages of the förbundsadministratör: members and units, insatser, users.

#include <charconv>

#include "domain/code_lists.hpp"
#include "security/policy.hpp"
#include "web/form_fields.hpp"
#include "web/participation_form.hpp"
#include "web/router.hpp"

namespace foljsam::web {
namespace {

using nlohmann::json;

std::optional<long long> ParseId(const std::string& text) {
    long long v = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (text.empty() || ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
    return v;
}

Options OrgOptions(const std::vector<domain::Organisation>& orgs, bool members_only) {
    Options out;
    for (const auto& o : orgs)
        if (!members_only || !o.parent_id) out.emplace_back(std::to_string(o.id), OrganisationPath(orgs, o.id));
    return out;
}

json OrgRows(const std::vector<domain::Organisation>& orgs) {
    json rows = json::array();
    for (const auto& o : orgs)
        rows.push_back({{"id", o.id},
                        {"name", OrganisationPath(orgs, o.id)},
                        {"type", std::string(domain::Label("member_type", o.member_type))},
                        {"member", !o.parent_id},
                        {"active", o.active}});
    return rows;
}

// The admin pages are for the förbundsadministratör (the services check again on every call).
bool CanAdminister(const Ctx& ctx) {
    const auto& actor = ctx.auth.actor;
    return security::policy::Can(actor, security::policy::Action::kAdminInsatser, {actor.user.forbund_id.value_or(-1)});
}

}  // namespace

void RegisterAdminPages(Router& router) {
    // --- organisations -------------------------------------------------------------
    auto render_orgs = [&router](Ctx& ctx, const domain::Organisation& values, const std::vector<FieldError>& errors,
                                 int status) {
        auto orgs = router.admin().ListOrganisations(ctx.auth.actor);
        if (!orgs.ok()) return router.RenderError(ctx, orgs.status());
        FieldSet fs(errors);
        const std::string parent = values.parent_id ? std::to_string(*values.parent_id) : "";
        json fields = {
            fs.Text("name", "Namn", values.name),
            fs.Select("parent_id", "Ligger under (för enheter)", OrgOptions(*orgs, false), parent,
                      "Lämna tomt för en medlem (huvudman)."),
            fs.Select("member_type", "Medlemstyp (för medlemmar)", CodeOptions("member_type"), values.member_type,
                      "En enhet får sin medlems typ."),
            fs.Text("kommunkod", "Kommunkod (valfritt)", values.kommunkod, "Fyra siffror, till exempel 0180.")};
        fields[1]["select"]["options"][0]["label"] = "Ingen – detta är en medlem";
        router.Render(
            ctx, "admin_organisations",
            {{"title", values.id ? "Ändra organisation" : "Organisationer"},
             {"editing", values.id != 0},
             {"action", values.id ? "/admin/organisationer/" + std::to_string(values.id) : "/admin/organisationer"},
             {"rows", OrgRows(*orgs)},
             {"saved", ctx.Query("sparat") == "1"},
             {"error_summary", fs.Summary()},
             {"fields", fields},
             {"active_field", fs.Checkbox("active", "Aktiv", values.active)}},
            status);
    };
    auto org_from_form = [](const Form& form, long long id, std::vector<FieldError>& errors) {
        domain::Organisation o;
        o.id = id;
        o.name = form.Get("name");
        o.member_type = form.Get("member_type");
        o.kommunkod = form.Get("kommunkod");
        o.active = id == 0 || form.Get("active") == "1";
        if (!form.Get("parent_id").empty()) {
            o.parent_id = ParseId(form.Get("parent_id"));
            if (!o.parent_id) errors.push_back({"parent_id", "Välj en organisation i listan."});
        }
        return o;
    };
    router.Page("GET", "/admin/organisationer", [&router, render_orgs](Ctx& ctx) {
        if (!CanAdminister(ctx)) return router.RenderError(ctx, Status::Forbidden());
        render_orgs(ctx, domain::Organisation{}, {}, 200);
    });
    router.Page("GET", R"(/admin/organisationer/(\d+))", [&router, render_orgs](Ctx& ctx) {
        if (!CanAdminister(ctx)) return router.RenderError(ctx, Status::Forbidden());
        auto orgs = router.admin().ListOrganisations(ctx.auth.actor);
        if (!orgs.ok()) return router.RenderError(ctx, orgs.status());
        for (const auto& o : *orgs)
            if (o.id == ctx.IdParam()) return render_orgs(ctx, o, {}, 200);
        router.RenderError(ctx, Status::NotFound("Organisationen finns inte."));
    });
    auto save_org = [&router, render_orgs, org_from_form](Ctx& ctx, long long id) {
        std::vector<FieldError> errors;
        domain::Organisation o = org_from_form(ctx.form, id, errors);
        if (!errors.empty()) return render_orgs(ctx, o, errors, 422);
        auto saved = router.admin().SaveOrganisation(ctx.auth.actor, o);
        if (!saved.ok()) {
            if (saved.status().code() != StatusCode::kInvalidInput) return router.RenderError(ctx, saved.status());
            return render_orgs(ctx, o, saved.status().fields(), 422);
        }
        Router::Redirect(ctx, "/admin/organisationer?sparat=1");
    };
    router.Page("POST", "/admin/organisationer", [save_org](Ctx& ctx) { save_org(ctx, 0); });
    router.Page("POST", R"(/admin/organisationer/(\d+))", [save_org](Ctx& ctx) { save_org(ctx, ctx.IdParam()); });

    // --- insatser ------------------------------------------------------------------
    router.Page("GET", "/admin/insatser", [&router](Ctx& ctx) {
        if (!CanAdminister(ctx)) return router.RenderError(ctx, Status::Forbidden());
        auto insatser = router.admin().VisibleInsatser(ctx.auth.actor);
        auto orgs = router.admin().ListOrganisations(ctx.auth.actor);
        if (!insatser.ok() || !orgs.ok())
            return router.RenderError(ctx, insatser.ok() ? orgs.status() : insatser.status());
        json rows = json::array();
        for (const auto& i : *insatser)
            rows.push_back({{"id", i.id},
                            {"name", i.name},
                            {"controller", OrganisationPath(*orgs, i.controller_org_id)},
                            {"mode", std::string(domain::Label("registration_mode", i.registration_mode))},
                            {"active", i.active}});
        router.Render(ctx, "admin_insatser",
                      {{"title", "Insatser"}, {"rows", rows}, {"saved", ctx.Query("sparat") == "1"}});
    });
    auto render_insats = [&router](Ctx& ctx, const domain::Insats& i, const std::vector<FieldError>& errors,
                                   int status) {
        auto orgs = router.admin().ListOrganisations(ctx.auth.actor);
        if (!orgs.ok()) return router.RenderError(ctx, orgs.status());
        FieldSet fs(errors);
        auto date = [](const std::optional<domain::Date>& d) { return d ? d->ToString() : ""; };
        json fields = {
            fs.Text("name", "Namn", i.name),
            fs.TextArea("description", "Beskrivning (valfritt)", i.description),
            fs.Date("start_date", "Startdatum (valfritt)", date(i.start_date)),
            fs.Date("end_date", "Slutdatum (valfritt)", date(i.end_date)),
            fs.Radios("orientation", "Inriktning", CodeOptions("orientation"), i.orientation),
            fs.Radios("follow_up_method", "Uppföljningsmetod", CodeOptions("follow_up_method"), i.follow_up_method),
            fs.Select("controller_org_id", "Personuppgiftsansvarig organisation", OrgOptions(*orgs, true),
                      i.controller_org_id ? std::to_string(i.controller_org_id) : "",
                      "Den medlem som driver insatsen. Bara dess deltagaransvariga kan se identiteter."),
            fs.Radios("registration_mode", "Registreringssätt", CodeOptions("registration_mode"), i.registration_mode,
                      "Med identitet kräver samtycke från varje deltagare."),
            fs.Checkbox("self_referral_allowed", "Insatsen tar emot egenanmälan", i.self_referral_allowed),
        };
        if (i.id) fields.push_back(fs.Checkbox("active", "Aktiv", i.active));
        router.Render(ctx, "admin_insats_form",
                      {{"title", i.id ? "Ändra insats" : "Ny insats"},
                       {"action", i.id ? "/admin/insatser/" + std::to_string(i.id) : "/admin/insatser/ny"},
                       {"error_summary", fs.Summary()},
                       {"fields", fields}},
                      status);
    };
    router.Page("GET", "/admin/insatser/ny", [&router, render_insats](Ctx& ctx) {
        if (!CanAdminister(ctx)) return router.RenderError(ctx, Status::Forbidden());
        render_insats(ctx, domain::Insats{}, {}, 200);
    });
    router.Page("GET", R"(/admin/insatser/(\d+))", [&router, render_insats](Ctx& ctx) {
        if (!CanAdminister(ctx)) return router.RenderError(ctx, Status::Forbidden());
        auto insats = router.admin().GetInsats(ctx.auth.actor, ctx.IdParam());
        if (!insats.ok()) return router.RenderError(ctx, insats.status());
        render_insats(ctx, *insats, {}, 200);
    });
    auto save_insats = [&router, render_insats](Ctx& ctx, long long id) {
        std::vector<FieldError> errors;
        domain::Insats i;
        i.id = id;
        i.name = ctx.form.Get("name");
        i.description = ctx.form.Get("description");
        for (auto [field, target] : {std::pair{"start_date", &i.start_date}, std::pair{"end_date", &i.end_date}}) {
            const std::string text = ctx.form.Get(field);
            if (text.empty()) continue;
            *target = domain::ParseIsoDate(text);
            if (!*target) errors.push_back({field, "Ange ett datum som finns, i formen ÅÅÅÅ-MM-DD."});
        }
        i.orientation = ctx.form.Get("orientation");
        i.follow_up_method = ctx.form.Get("follow_up_method");
        i.registration_mode = ctx.form.Get("registration_mode");
        i.controller_org_id = ParseId(ctx.form.Get("controller_org_id")).value_or(0);
        i.self_referral_allowed = ctx.form.Get("self_referral_allowed") == "1";
        i.active = id == 0 || ctx.form.Get("active") == "1";
        if (!errors.empty()) return render_insats(ctx, i, errors, 422);
        auto saved = router.admin().SaveInsats(ctx.auth.actor, i);
        if (!saved.ok()) {
            const auto code = saved.status().code();
            if (code != StatusCode::kInvalidInput && code != StatusCode::kConflict)
                return router.RenderError(ctx, saved.status());
            return render_insats(ctx, i, saved.status().fields(), 422);
        }
        Router::Redirect(ctx, "/admin/insatser?sparat=1");
    };
    router.Page("POST", "/admin/insatser/ny", [save_insats](Ctx& ctx) { save_insats(ctx, 0); });
    router.Page("POST", R"(/admin/insatser/(\d+))", [save_insats](Ctx& ctx) { save_insats(ctx, ctx.IdParam()); });

    // --- users -----------------------------------------------------------------------
    auto render_users = [&router](Ctx& ctx, const services::NewUser& values, const std::vector<FieldError>& errors,
                                  const std::string& created_password, int status) {
        auto users = router.admin().ListUsers(ctx.auth.actor);
        if (!users.ok()) return router.RenderError(ctx, users.status());
        auto orgs = router.admin().ListOrganisations(ctx.auth.actor);
        auto insatser = router.admin().VisibleInsatser(ctx.auth.actor);
        if (!orgs.ok() || !insatser.ok()) return router.RenderError(ctx, Status::Internal("listing failed"));
        json rows = json::array();
        for (const auto& u : *users)
            rows.push_back({{"username", u.username},
                            {"name", u.display_name},
                            {"organisation", u.organisation_id ? OrganisationPath(*orgs, *u.organisation_id) : ""},
                            {"active", u.active}});
        Options roles;
        for (auto role : {domain::Role::kForbundAdmin, domain::Role::kInsatsAnsvarig, domain::Role::kDeltagarAnsvarig,
                          domain::Role::kAnalytiker, domain::Role::kLasare})
            roles.emplace_back(domain::RoleCode(role), domain::RoleLabel(role));
        Options insats_options;
        for (const auto& i : *insatser) insats_options.emplace_back(std::to_string(i.id), i.name);
        std::vector<std::string> chosen;
        for (long long id : values.insats_ids) chosen.push_back(std::to_string(id));
        FieldSet fs(errors);
        json fields = {
            fs.Text("username", "Användarnamn", values.username, "Till exempel förnamn.efternamn."),
            fs.Text("display_name", "Namn", values.display_name),
            fs.Select("organisation_id", "Arbetsgivare (organisation)", OrgOptions(*orgs, false),
                      values.organisation_id ? std::to_string(*values.organisation_id) : "",
                      "Krävs för deltagaransvariga: avgör vilka identiteter de kan se."),
            fs.Radios("role", "Roll", roles, domain::RoleCode(values.role)),
            fs.Checkboxes("insats_ids", "Insatser (för insatsansvarig och deltagaransvarig)", insats_options, chosen),
        };
        router.Render(ctx, "admin_users",
                      {{"title", "Användare"},
                       {"rows", rows},
                       {"created_password", created_password},
                       {"created", !created_password.empty()},
                       {"error_summary", fs.Summary()},
                       {"fields", fields}},
                      status);
    };
    router.Page("GET", "/admin/anvandare", [render_users](Ctx& ctx) {
        services::NewUser empty;
        render_users(ctx, empty, {}, "", 200);
    });
    router.Page("POST", "/admin/anvandare", [&router, render_users](Ctx& ctx) {
        services::NewUser u;
        std::vector<FieldError> errors;
        u.username = ctx.form.Get("username");
        u.display_name = ctx.form.Get("display_name");
        if (!ctx.form.Get("organisation_id").empty()) u.organisation_id = ParseId(ctx.form.Get("organisation_id"));
        auto role = domain::ParseRole(ctx.form.Get("role"));
        if (!role || *role == domain::Role::kSystemAdmin)
            errors.push_back({"role", "Välj en roll."});
        else
            u.role = *role;
        for (const auto& id : ctx.form.All("insats_ids"))
            if (auto parsed = ParseId(id)) u.insats_ids.push_back(*parsed);
        if (!errors.empty()) return render_users(ctx, u, errors, "", 422);
        auto password = router.admin().CreateUser(ctx.auth.actor, u);
        if (!password.ok()) {
            const auto code = password.status().code();
            if (code != StatusCode::kInvalidInput && code != StatusCode::kConflict)
                return router.RenderError(ctx, password.status());
            return render_users(ctx, u, password.status().fields(), "", 422);
        }
        // The one-time password is shown once, on this response only (never in a URL).
        render_users(ctx, services::NewUser{}, {}, *password, 201);
    });
}

}  // namespace foljsam::web

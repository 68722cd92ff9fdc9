// Start page, insats page with the participant list, and the participant pages:
// register (also anonymously), decision, start with intake answers, exit, edit, history.

#include <ctime>

#include "domain/code_lists.hpp"
#include "domain/reference_places.hpp"
#include "report/suppression.hpp"
#include "security/policy.hpp"
#include "web/form_fields.hpp"
#include "web/participation_form.hpp"
#include "web/router.hpp"

namespace foljsam::web {
namespace {

using nlohmann::json;

std::string Label(const std::string& list, const std::string& code) {
    return code.empty() ? "" : std::string(domain::Label(list, code));
}

std::string ShowDate(const std::optional<domain::Date>& d) { return d ? d->ToString() : ""; }

// "2026-11-22T07:15:55Z" (UTC, as stored) shown as server-local time "2026-11-22 08:15".
std::string LocalTime(const std::string& utc) {
    std::tm tm{};
    if (!strptime(utc.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm)) return utc;
    const std::time_t t = timegm(&tm);
    std::tm local{};
    localtime_r(&t, &local);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &local);
    return buf;
}

std::string SupportText(const std::vector<domain::SupportValue>& values) {
    std::string out;
    for (const auto& v : values) {
        if (!out.empty()) out += ", ";
        out += Label("support", v.code);
        if (v.extent) out += " (" + std::to_string(*v.extent) + " %)";
    }
    return out;
}

json InsatsModel(const domain::Insats& i) {
    return {{"id", i.id},
            {"name", i.name},
            {"description", i.description},
            {"mode", Label("registration_mode", i.registration_mode)},
            {"with_identity", i.with_identity()}};
}

std::string PersonLabel(const std::string& code, const std::optional<services::IdentityView>& identity,
                        const domain::Participation& p) {
    if (identity)
        return identity->name.empty() ? identity->personnummer : identity->name + ", " + identity->personnummer;
    if (!code.empty()) return code;
    if (p.anonymous) return "Anonym deltagare";
    return "Deltagare " + std::to_string(p.id);
}

json SummaryRows(const services::ParticipationView& v, const std::vector<domain::Organisation>& orgs) {
    const auto& p = v.participation;
    json rows = json::array();
    auto add = [&](const std::string& label, const std::string& value) {
        rows.push_back({{"label", label}, {"value", value.empty() ? "–" : value}});
    };
    if (v.identity) {
        add("Personnummer", v.identity->personnummer);
        add("Namn", v.identity->name);
    } else if (!v.participant_code.empty()) {
        add("Deltagarkod", v.participant_code);
    } else if (p.anonymous) {
        add("Identitet", "Anonym");
    } else if (v.insats.with_identity()) {
        add("Identitet", "Dold – bara deltagaransvariga hos den personuppgiftsansvariga ser identiteten");
    }
    add("Status", Label("participation_status", domain::StatusCode(p.status())));
    add("Kön", Label("gender", p.gender));
    add("Födelseår", p.birth_year ? std::to_string(*p.birth_year) : "");
    add("Åldersgrupp vid start", p.age_group());
    add("Anmälningsdatum", ShowDate(p.referral_date));
    std::string referrer = Label("referrer_kind", p.intake.referrer);
    if (p.intake.referrer_org_id) referrer = OrganisationPath(orgs, *p.intake.referrer_org_id);
    add("Anmälande part", referrer);
    std::string co;
    for (long long id : p.intake.co_referrer_org_ids) co += (co.empty() ? "" : ", ") + OrganisationPath(orgs, id);
    add("Medanmälare", co);
    add("Beslut", Label("decision", p.decision));
    add("Beslutsdatum", ShowDate(p.decision_date));
    add("Startdatum", ShowDate(p.start_date));
    std::string residence = p.intake.residence_kommun;
    if (const domain::Kommun* k = domain::FindKommun(p.intake.residence_kommun)) residence = std::string(k->name);
    if (const domain::District* d = domain::FindDistrict(p.intake.residence_kommun, p.intake.residence_district))
        residence += ", " + std::string(d->name);
    if (!p.intake.residence_special.empty()) residence = Label("residence_special", p.intake.residence_special);
    add("Boende", residence);
    add("Utbildning", Label("education", p.intake.education));
    add("Tid utan arbete eller studier", Label("time_without_work", p.intake.time_without_work));
    add("Försörjning vid start", SupportText(p.intake.support_at_start));
    std::string occupation = Label("occupation", p.intake.occupation_start);
    if (p.intake.occupation_start_extent)
        occupation += " (" + std::to_string(*p.intake.occupation_start_extent) + " %)";
    add("Sysselsättning vid start", occupation);
    add("Tid med offentlig försörjning", Label("time_without_work", p.intake.time_in_support));
    add("SGI noll", Label("sgi_noll", p.intake.sgi_noll));
    std::string groups;
    for (const auto& g : p.intake.target_groups) groups += (groups.empty() ? "" : ", ") + Label("target_group", g);
    add("Målgrupp", groups);
    add("Födelseregion", Label("birth_region", p.intake.birth_region));
    add("Slutdatum", ShowDate(p.end_date));
    add("Avslutsorsak", Label("exit_reason", p.exit.exit_reason));
    std::string after = Label("occupation_after", p.exit.occupation_after);
    if (p.exit.occupation_after_extent) after += " (" + std::to_string(*p.exit.occupation_after_extent) + " %)";
    add("Sysselsättning efter", after);
    add("Försörjning efter", SupportText(p.exit.support_after));
    if (v.insats.with_identity() && !p.anonymous) add("Samtycke givet", ShowDate(p.consent_date));
    return rows;
}

services::ParticipationInput InputFromView(const services::ParticipationView& v) {
    services::ParticipationInput in;
    in.participation = v.participation;
    in.person.participant_code = v.participant_code;
    in.person.birth_year = v.participation.birth_year;
    if (v.identity) {
        in.person.personnummer = v.identity->personnummer;
        in.person.name = v.identity->name;
    }
    return in;
}

struct Stage {
    const char* path;
    const char* title;
    unsigned sections;
};

const Stage kStages[] = {
    {"beslut", "Registrera beslut", kDecision},
    {"start", "Registrera start", kStart},
    {"avslut", "Registrera avslut", kExit},
    {"andra", "Ändra deltagande", kAll},
};

// Organisation ids as stored in the history ("23" or "1;2") shown as names.
std::string OrganisationNames(const std::vector<domain::Organisation>& orgs, const std::string& ids) {
    std::string out;
    size_t start = 0;
    while (start < ids.size()) {
        size_t end = ids.find(';', start);
        if (end == std::string::npos) end = ids.size();
        const std::string id = ids.substr(start, end - start);
        std::string name;
        try {
            name = OrganisationPath(orgs, std::stoll(id));
        } catch (...) {
        }
        out += (out.empty() ? "" : ", ") + (name.empty() ? id : name);
        start = end + 1;
    }
    return out;
}

}  // namespace

void RegisterParticipationPages(Router& router) {
    router.Page("GET", "/start", [&router](Ctx& ctx) {
        auto attention = router.participations().Attention(ctx.auth.actor);
        if (!attention.ok()) return router.RenderError(ctx, attention.status());
        json items = json::array();
        for (const auto& a : *attention) {
            json item = InsatsModel(a.insats);
            item["ongoing"] = report::CountText(a.ongoing, a.threshold, !a.exact);
            json notes = json::array();
            auto note = [&](long long n, const std::string& text) {
                if (n > 0) notes.push_back({{"count", report::CountText(n, a.threshold, !a.exact)}, {"text", text}});
            };
            note(a.waiting_for_decision, "anmälningar har väntat på beslut i mer än 30 dagar");
            note(a.accepted_not_started, "beviljade har inte startat efter 30 dagar");
            note(a.long_running, "deltaganden har pågått i mer än två år – saknas avslut?");
            item["notes"] = notes;
            item["has_notes"] = !notes.empty();
            item["can_register"] = a.exact;
            items.push_back(item);
        }
        router.Render(ctx, "start", {{"title", "Start"}, {"insatser", items}, {"has_insatser", !items.empty()}});
    });

    auto insats_page = [&router](Ctx& ctx, const std::string& search) {
        const long long insats_id = ctx.IdParam();
        auto insats = router.admin().GetInsats(ctx.auth.actor, insats_id);
        if (!insats.ok()) return router.RenderError(ctx, insats.status());
        json model = {{"title", insats->name}, {"insats", InsatsModel(*insats)}};
        const security::policy::Resource res = security::policy::ResourceOf(*insats);
        const bool registrar =
            security::policy::Can(ctx.auth.actor, security::policy::Action::kViewParticipations, res);
        model["registrar"] = registrar;
        auto orgs = router.admin().ListOrganisations(ctx.auth.actor);
        if (orgs.ok()) model["controller"] = OrganisationPath(*orgs, insats->controller_org_id);
        if (!registrar) {
            if (ctx.req.method == "POST") return router.RenderError(ctx, Status::Forbidden());
            return router.Render(ctx, "insats", model);
        }

        services::ListQuery query;
        query.status = ctx.Query("status");
        const std::string year = ctx.Query("ar");
        std::vector<FieldError> errors;
        if (!year.empty()) {
            try {
                query.year = std::stoi(year);
            } catch (...) {
                errors.push_back({"ar", "Ange år med fyra siffror."});
            }
        }
        try {
            query.page = ctx.Query("sida").empty() ? 1 : std::stoi(ctx.Query("sida"));
        } catch (...) {
            query.page = 1;
        }
        query.search = search;
        auto page = router.participations().List(ctx.auth.actor, insats_id, query);
        if (!page.ok()) {
            if (page.status().code() != StatusCode::kInvalidInput) return router.RenderError(ctx, page.status());
            for (const auto& f : page.status().fields()) errors.push_back(f);
        }
        FieldSet fs(errors);
        Options statuses = CodeOptions("participation_status");
        Options years;
        for (int y = domain::Today().year; y >= domain::Today().year - 10; --y)
            years.emplace_back(std::to_string(y), std::to_string(y));
        model["filters"] = {fs.Select("status", "Status", statuses, query.status),
                            fs.Select("ar", "Aktiva under år", years, year)};
        model["filters"][0]["select"]["options"][0]["label"] = "Alla";
        model["filters"][1]["select"]["options"][0]["label"] = "Alla år";
        const bool identity_search = insats->with_identity() && page.ok() && page->can_view_identity;
        model["search_field"] =
            fs.Text("search", identity_search ? "Sök på namn eller personnummer" : "Sök deltagarkod", search,
                    identity_search ? "Sökningen skickas inte i adressfältet." : "");
        model["can_search"] = !insats->with_identity() || identity_search;
        model["error_summary"] = fs.Summary();
        model["searched"] = !search.empty();
        if (page.ok()) {
            json rows = json::array();
            for (const auto& row : page->rows) {
                const auto& p = row.participation;
                rows.push_back({{"id", p.id},
                                {"person", PersonLabel(row.participant_code, row.identity, p)},
                                {"gender", Label("gender", p.gender)},
                                {"birth_year", p.birth_year ? std::to_string(*p.birth_year) : ""},
                                {"status", Label("participation_status", domain::StatusCode(p.status()))},
                                {"referral_date", ShowDate(p.referral_date)},
                                {"start_date", ShowDate(p.start_date)},
                                {"end_date", ShowDate(p.end_date)},
                                {"exit_reason", Label("exit_reason", p.exit.exit_reason)}});
            }
            model["rows"] = rows;
            model["has_rows"] = !rows.empty();
            model["total"] = page->total;
            model["page"] = page->page;
            model["page_count"] = page->page_count;
            std::string base = "/insatser/" + std::to_string(insats_id) + "?status=" + UrlEncode(query.status) +
                               "&ar=" + UrlEncode(year) + "&sida=";
            if (search.empty() && page->page > 1) model["prev_href"] = base + std::to_string(page->page - 1);
            if (search.empty() && page->page < page->page_count)
                model["next_href"] = base + std::to_string(page->page + 1);
        }
        router.Render(ctx, "insats", model);
    };

    router.Page("GET", R"(/insatser/(\d+))", [insats_page](Ctx& ctx) { insats_page(ctx, ""); });
    // Search by identity is a POST so a personnummer or name never ends up in a URL.
    router.Page("POST", R"(/insatser/(\d+)/sok)",
                [insats_page](Ctx& ctx) { insats_page(ctx, ctx.form.Get("search")); });

    auto render_new = [&router](Ctx& ctx, const domain::Insats& insats, const services::ParticipationInput& values,
                                const std::vector<FieldError>& errors, bool anonymous, int status) {
        auto orgs = router.admin().ListOrganisations(ctx.auth.actor);
        if (!orgs.ok()) return router.RenderError(ctx, orgs.status());
        const security::policy::Resource res = security::policy::ResourceOf(insats);
        FormContext fc{&insats, &*orgs,
                       security::policy::Can(ctx.auth.actor, security::policy::Action::kViewIdentity, res), anonymous,
                       &ctx.form};
        FieldSet fs(errors);
        json model = {
            {"title", anonymous ? "Registrera anonymt deltagande" : "Registrera ny anmälan"},
            {"insats", InsatsModel(insats)},
            {"action", "/insatser/" + std::to_string(insats.id) + "/ny"},
            {"anonymous", anonymous},
            {"error_summary", fs.Summary()},
            {"groups", ParticipationFields(values, errors,
                                           anonymous ? (kPerson | kReferral | kStart) : (kPerson | kReferral), fc)}};
        router.Render(ctx, "participation_form", model, status);
    };

    router.Page("GET", R"(/insatser/(\d+)/ny)", [&router, render_new](Ctx& ctx) {
        auto insats = router.admin().GetInsats(ctx.auth.actor, ctx.IdParam());
        if (!insats.ok()) return router.RenderError(ctx, insats.status());
        // The form is for the insats's registrars only (a reader of the insats sees it exists).
        if (!security::policy::Can(ctx.auth.actor, security::policy::Action::kWriteParticipation,
                                   security::policy::ResourceOf(*insats)))
            return router.RenderError(ctx, Status::Forbidden());
        services::ParticipationInput empty;
        empty.participation.referral_date = domain::Today();
        render_new(ctx, *insats, empty, {}, ctx.Query("anonym") == "1", 200);
    });

    router.Page("POST", R"(/insatser/(\d+)/ny)", [&router, render_new](Ctx& ctx) {
        auto insats = router.admin().GetInsats(ctx.auth.actor, ctx.IdParam());
        if (!insats.ok()) return router.RenderError(ctx, insats.status());
        // The form is for the insats's registrars only (a reader of the insats sees it exists).
        if (!security::policy::Can(ctx.auth.actor, security::policy::Action::kWriteParticipation,
                                   security::policy::ResourceOf(*insats)))
            return router.RenderError(ctx, Status::Forbidden());
        ParsedParticipation parsed = ParseParticipation(ctx.form);
        const bool anonymous = parsed.input.participation.anonymous;
        if (!parsed.errors.empty()) return render_new(ctx, *insats, parsed.input, parsed.errors, anonymous, 422);
        auto id = router.participations().Register(ctx.auth.actor, insats->id, parsed.input);
        if (!id.ok()) {
            if (id.status().code() != StatusCode::kInvalidInput) return router.RenderError(ctx, id.status());
            return render_new(ctx, *insats, parsed.input, id.status().fields(), anonymous, 422);
        }
        Router::Redirect(ctx, "/deltagare/" + std::to_string(*id) + "?sparat=1");
    });

    router.Page("GET", R"(/deltagare/(\d+))", [&router](Ctx& ctx) {
        auto view = router.participations().Get(ctx.auth.actor, ctx.IdParam());
        if (!view.ok()) return router.RenderError(ctx, view.status());
        auto orgs = router.admin().ListOrganisations(ctx.auth.actor);
        if (!orgs.ok()) return router.RenderError(ctx, orgs.status());
        auto history = router.participations().History(ctx.auth.actor, ctx.IdParam());
        if (!history.ok()) return router.RenderError(ctx, history.status());
        const auto& p = view->participation;
        json hist = json::array();
        for (const auto& h : *history) {
            json changes = json::array();
            for (const auto& c : h.changes) {
                const std::string list = domain::FieldCodeList(c.field);
                const bool org_ids = c.field == "referrer_org_id" || c.field == "co_referrer_org_ids";
                auto show = [&](const std::string& value) {
                    if (org_ids) return OrganisationNames(*orgs, value);
                    if (list.empty() || value.empty()) return value;
                    std::string out;
                    size_t start = 0;
                    while (start <= value.size()) {  // lists are "A;B:50%"
                        size_t end = value.find(';', start);
                        if (end == std::string::npos) end = value.size();
                        std::string item = value.substr(start, end - start);
                        const size_t colon = item.find(':');
                        std::string code = colon == std::string::npos ? item : item.substr(0, colon);
                        out += (out.empty() ? "" : ", ") + Label(list, code) +
                               (colon == std::string::npos ? "" : " (" + item.substr(colon + 1) + ")");
                        start = end + 1;
                    }
                    return out;
                };
                // Empty values as null: an empty string is "true" to the template engine.
                auto value = [&](const std::string& v) { return v.empty() ? json(nullptr) : json(show(v)); };
                changes.push_back(
                    {{"field", domain::FieldLabel(c.field)}, {"before", value(c.before)}, {"after", value(c.after)}});
            }
            hist.push_back({{"at", LocalTime(h.at)},
                            {"user", h.username},
                            {"action", h.action == "participation.create" ? "Registrerad" : "Ändrad"},
                            {"changes", changes}});
        }
        const std::string base = "/deltagare/" + std::to_string(p.id);
        json actions = json::array();
        const auto status = p.status();
        if (status == domain::ParticipationStatus::kAnmald || status == domain::ParticipationStatus::kBeslut)
            actions.push_back({{"href", base + "/beslut"}, {"label", "Registrera beslut"}});
        if (status != domain::ParticipationStatus::kAvslutad && status != domain::ParticipationStatus::kPagaende &&
            p.decision != "AVSLAG")
            actions.push_back({{"href", base + "/start"}, {"label", "Registrera start"}});
        if (status == domain::ParticipationStatus::kPagaende)
            actions.push_back({{"href", base + "/avslut"}, {"label", "Registrera avslut"}});
        actions.push_back({{"href", base + "/andra"}, {"label", "Ändra uppgifter"}});
        router.Render(ctx, "participation",
                      {{"title", PersonLabel(view->participant_code, view->identity, p)},
                       {"insats", InsatsModel(view->insats)},
                       {"saved", ctx.Query("sparat") == "1"},
                       {"rows", SummaryRows(*view, *orgs)},
                       {"actions", actions},
                       {"history", hist},
                       {"has_history", !hist.empty()}});
    });

    for (const Stage& stage : kStages) {
        auto render = [&router, stage](Ctx& ctx, const services::ParticipationView& view,
                                       const services::ParticipationInput& values,
                                       const std::vector<FieldError>& errors, int status) {
            auto orgs = router.admin().ListOrganisations(ctx.auth.actor);
            if (!orgs.ok()) return router.RenderError(ctx, orgs.status());
            FormContext fc{&view.insats, &*orgs, view.can_view_identity, view.participation.anonymous, &ctx.form};
            unsigned sections = stage.sections;
            // A registrar outside the controller never sees or edits identity fields.
            if (view.insats.with_identity() && !view.can_view_identity && !view.participation.anonymous)
                sections &= ~kPerson;
            FieldSet fs(errors);
            json model = {{"title", stage.title},
                          {"insats", InsatsModel(view.insats)},
                          {"action", "/deltagare/" + std::to_string(view.participation.id) + "/" + stage.path},
                          {"anonymous", view.participation.anonymous},
                          {"version", view.participation.version},
                          {"back", "/deltagare/" + std::to_string(view.participation.id)},
                          {"error_summary", fs.Summary()},
                          {"groups", ParticipationFields(values, errors, sections, fc)}};
            router.Render(ctx, "participation_form", model, status);
        };
        router.Page("GET", std::string(R"(/deltagare/(\d+)/)") + stage.path, [&router, render](Ctx& ctx) {
            auto view = router.participations().Get(ctx.auth.actor, ctx.IdParam());
            if (!view.ok()) return router.RenderError(ctx, view.status());
            services::ParticipationInput values = InputFromView(*view);
            render(ctx, *view, values, {}, 200);
        });
        router.Page("POST", std::string(R"(/deltagare/(\d+)/)") + stage.path, [&router, render, stage](Ctx& ctx) {
            const long long id = ctx.IdParam();
            ParsedParticipation parsed = ParseParticipation(ctx.form);
            Status st = Status::InvalidInput("", parsed.errors);
            if (parsed.errors.empty()) {
                const auto& p = parsed.input.participation;
                auto& service = router.participations();
                const std::string path = stage.path;
                if (path == "beslut")
                    st = service.RecordDecision(ctx.auth.actor, id, p.version, p.decision, p.decision_date);
                else if (path == "start")
                    st = service.RecordStart(ctx.auth.actor, id, p.version, p.start_date, p.intake);
                else if (path == "avslut")
                    st = service.RecordExit(ctx.auth.actor, id, p.version, p.end_date, p.exit);
                else
                    st = service.Update(ctx.auth.actor, id, parsed.input);
            }
            if (st.ok()) return Router::Redirect(ctx, "/deltagare/" + std::to_string(id) + "?sparat=1");
            if (st.code() != StatusCode::kInvalidInput) return router.RenderError(ctx, st);
            auto view = router.participations().Get(ctx.auth.actor, id);
            if (!view.ok()) return router.RenderError(ctx, view.status());
            services::ParticipationInput values = parsed.input;
            values.participation.id = id;
            if (std::string(stage.path) != "andra") {
                // Stage forms post only their own fields: keep the rest from the record.
                services::ParticipationInput merged = InputFromView(*view);
                if (stage.sections & kDecision) {
                    merged.participation.decision = values.participation.decision;
                    merged.participation.decision_date = values.participation.decision_date;
                }
                if (stage.sections & kStart) {
                    merged.participation.start_date = values.participation.start_date;
                    merged.participation.intake = values.participation.intake;
                }
                if (stage.sections & kExit) {
                    merged.participation.end_date = values.participation.end_date;
                    merged.participation.exit = values.participation.exit;
                }
                values = merged;
            }
            render(ctx, *view, values, st.fields(), 422);
        });
    }
}

}  // namespace foljsam::web

// JSON API /api/v1: the same use cases as the pages, for integrations and scripts.
// Errors: {"error": {"code", "message", "fields": [{"field", "message"}]}}.

#include <functional>

#include "domain/code_lists.hpp"
#include "web/participation_form.hpp"
#include "web/router.hpp"

namespace foljsam::web {
namespace {

using nlohmann::json;

json DateJson(const std::optional<domain::Date>& d) { return d ? json(d->ToString()) : json(nullptr); }
json IntJson(const std::optional<int>& v) { return v ? json(*v) : json(nullptr); }

json SupportJson(const std::vector<domain::SupportValue>& values) {
    json out = json::array();
    for (const auto& v : values) out.push_back({{"code", v.code}, {"extent", IntJson(v.extent)}});
    return out;
}

json InsatsJson(const domain::Insats& i) {
    return {{"id", i.id},
            {"name", i.name},
            {"description", i.description},
            {"start_date", DateJson(i.start_date)},
            {"end_date", DateJson(i.end_date)},
            {"orientation", i.orientation},
            {"follow_up_method", i.follow_up_method},
            {"self_referral_allowed", i.self_referral_allowed},
            {"controller_org_id", i.controller_org_id},
            {"registration_mode", i.registration_mode},
            {"active", i.active}};
}

json ParticipationJson(const domain::Participation& p, const std::string& code,
                       const std::optional<services::IdentityView>& identity) {
    json j = {{"id", p.id},
              {"insats_id", p.insats_id},
              {"version", p.version},
              {"status", domain::StatusCode(p.status())},
              {"anonymous", p.anonymous},
              {"participant_code", code},
              {"gender", p.gender},
              {"birth_year", IntJson(p.birth_year)},
              {"age_group", p.age_group()},
              {"referral_date", DateJson(p.referral_date)},
              {"decision", p.decision},
              {"decision_date", DateJson(p.decision_date)},
              {"start_date", DateJson(p.start_date)},
              {"end_date", DateJson(p.end_date)},
              {"referrer", p.intake.referrer},
              {"referrer_org_id", p.intake.referrer_org_id ? json(*p.intake.referrer_org_id) : json(nullptr)},
              {"co_referrer_org_ids", p.intake.co_referrer_org_ids},
              {"residence_kommun", p.intake.residence_kommun},
              {"residence_district", p.intake.residence_district},
              {"residence_special", p.intake.residence_special},
              {"education", p.intake.education},
              {"time_without_work", p.intake.time_without_work},
              {"support_at_start", SupportJson(p.intake.support_at_start)},
              {"occupation_start", p.intake.occupation_start},
              {"occupation_start_extent", IntJson(p.intake.occupation_start_extent)},
              {"time_in_support", p.intake.time_in_support},
              {"sgi_noll", p.intake.sgi_noll},
              {"target_groups", p.intake.target_groups},
              {"birth_region", p.intake.birth_region},
              {"exit_reason", p.exit.exit_reason},
              {"occupation_after", p.exit.occupation_after},
              {"occupation_after_extent", IntJson(p.exit.occupation_after_extent)},
              {"support_after", SupportJson(p.exit.support_after)},
              {"consent_date", DateJson(p.consent_date)},
              {"consent_form", p.consent_form}};
    if (identity) {
        j["personnummer"] = identity->personnummer;
        j["name"] = identity->name;
    }
    return j;
}

services::ListQuery QueryFrom(Ctx& ctx, Status& error) {
    services::ListQuery q;
    q.status = ctx.Query("status");
    try {
        if (!ctx.Query("year").empty()) q.year = std::stoi(ctx.Query("year"));
        if (!ctx.Query("page").empty()) q.page = std::stoi(ctx.Query("page"));
        if (!ctx.Query("page_size").empty()) q.page_size = std::stoi(ctx.Query("page_size"));
    } catch (...) {
        error = Status::InvalidInput("year, page och page_size ska vara heltal.");
    }
    return q;
}

json PageJson(const services::ParticipationPage& page) {
    json rows = json::array();
    for (const auto& r : page.rows) rows.push_back(ParticipationJson(r.participation, r.participant_code, r.identity));
    return {{"items", rows}, {"total", page.total}, {"page", page.page}, {"page_count", page.page_count}};
}

}  // namespace

void RegisterApi(Router& router) {
    router.Api("GET", "/api/v1/insatser", [&router](Ctx& ctx) {
        auto list = router.admin().VisibleInsatser(ctx.auth.actor);
        if (!list.ok()) return Router::JsonError(ctx, list.status());
        json items = json::array();
        for (const auto& i : *list) items.push_back(InsatsJson(i));
        Router::Json(ctx, {{"items", items}});
    });

    router.Api("GET", R"(/api/v1/insatser/(\d+))", [&router](Ctx& ctx) {
        auto insats = router.admin().GetInsats(ctx.auth.actor, ctx.IdParam());
        if (!insats.ok()) return Router::JsonError(ctx, insats.status());
        Router::Json(ctx, InsatsJson(*insats));
    });

    auto save_insats = [&router](Ctx& ctx, long long id) {
        domain::Insats i;
        i.id = id;
        const json& b = ctx.body;
        i.name = b.value("name", "");
        i.description = b.value("description", "");
        i.orientation = b.value("orientation", "INDIVID");
        i.follow_up_method = b.value("follow_up_method", "INDIVIDUELL");
        i.registration_mode = b.value("registration_mode", "UTAN_ID");
        i.self_referral_allowed = b.value("self_referral_allowed", false);
        i.active = b.value("active", true);
        i.controller_org_id = b.contains("controller_org_id") && b["controller_org_id"].is_number_integer()
                                  ? b["controller_org_id"].get<long long>()
                                  : 0;
        ValidationErrors errors;
        for (auto [field, target] : {std::pair{"start_date", &i.start_date}, std::pair{"end_date", &i.end_date}}) {
            if (!b.contains(field) || b[field].is_null()) continue;
            *target = b[field].is_string() ? domain::ParseIsoDate(b[field].get<std::string>()) : std::nullopt;
            if (!*target) errors.Add(field, "Ange ett datum i formen ÅÅÅÅ-MM-DD.");
        }
        if (!errors.empty()) return Router::JsonError(ctx, errors.ToStatus());
        auto saved = router.admin().SaveInsats(ctx.auth.actor, i);
        if (!saved.ok()) return Router::JsonError(ctx, saved.status());
        auto insats = router.admin().GetInsats(ctx.auth.actor, *saved);
        if (!insats.ok()) return Router::JsonError(ctx, insats.status());
        Router::Json(ctx, InsatsJson(*insats), id == 0 ? 201 : 200);
    };
    router.Api("POST", "/api/v1/insatser", [save_insats](Ctx& ctx) { save_insats(ctx, 0); });
    router.Api("PUT", R"(/api/v1/insatser/(\d+))", [save_insats](Ctx& ctx) { save_insats(ctx, ctx.IdParam()); });

    router.Api("GET", "/api/v1/organisationer", [&router](Ctx& ctx) {
        auto orgs = router.admin().ListOrganisations(ctx.auth.actor);
        if (!orgs.ok()) return Router::JsonError(ctx, orgs.status());
        json items = json::array();
        for (const auto& o : *orgs)
            items.push_back({{"id", o.id},
                             {"parent_id", o.parent_id ? json(*o.parent_id) : json(nullptr)},
                             {"name", o.name},
                             {"member_type", o.member_type},
                             {"kommunkod", o.kommunkod},
                             {"active", o.active}});
        Router::Json(ctx, {{"items", items}});
    });

    router.Api("POST", "/api/v1/organisationer", [&router](Ctx& ctx) {
        domain::Organisation o;
        o.name = ctx.body.value("name", "");
        o.member_type = ctx.body.value("member_type", "");
        o.kommunkod = ctx.body.value("kommunkod", "");
        if (ctx.body.contains("parent_id") && ctx.body["parent_id"].is_number_integer())
            o.parent_id = ctx.body["parent_id"].get<long long>();
        auto saved = router.admin().SaveOrganisation(ctx.auth.actor, o);
        if (!saved.ok()) return Router::JsonError(ctx, saved.status());
        Router::Json(ctx, {{"id", *saved}}, 201);
    });

    router.Api("GET", "/api/v1/kodlistor", [](Ctx& ctx) {
        json lists = json::object();
        for (const auto& list : domain::AllCodeLists()) {
            json values = json::array();
            for (const auto& v : list.values) values.push_back({{"code", v.code}, {"label", v.label}});
            lists[std::string(list.id)] = {{"label", list.label}, {"values", values}};
        }
        Router::Json(ctx, lists);
    });

    router.Api("GET", R"(/api/v1/insatser/(\d+)/deltaganden)", [&router](Ctx& ctx) {
        Status error;
        auto query = QueryFrom(ctx, error);
        if (!error.ok()) return Router::JsonError(ctx, error);
        auto page = router.participations().List(ctx.auth.actor, ctx.IdParam(), query);
        if (!page.ok()) return Router::JsonError(ctx, page.status());
        Router::Json(ctx, PageJson(*page));
    });

    // Search by name or personnummer: the term travels in the body, never in the URL.
    router.Api("POST", R"(/api/v1/insatser/(\d+)/deltaganden/sok)", [&router](Ctx& ctx) {
        services::ListQuery query;
        query.search = ctx.body.value("search", "");
        query.status = ctx.body.value("status", "");
        query.page = ctx.body.value("page", 1);
        auto page = router.participations().List(ctx.auth.actor, ctx.IdParam(), query);
        if (!page.ok()) return Router::JsonError(ctx, page.status());
        Router::Json(ctx, PageJson(*page));
    });

    router.Api("POST", R"(/api/v1/insatser/(\d+)/deltaganden)", [&router](Ctx& ctx) {
        ParsedParticipation parsed = ParseParticipation(FormFromJson(ctx.body));
        if (!parsed.errors.empty())
            return Router::JsonError(ctx, Status::InvalidInput("Uppgifterna innehåller fel.", parsed.errors));
        auto id = router.participations().Register(ctx.auth.actor, ctx.IdParam(), parsed.input);
        if (!id.ok()) return Router::JsonError(ctx, id.status());
        auto view = router.participations().Get(ctx.auth.actor, *id);
        if (!view.ok()) return Router::JsonError(ctx, view.status());
        ctx.res.set_header("Location", "/api/v1/deltaganden/" + std::to_string(*id));
        Router::Json(ctx, ParticipationJson(view->participation, view->participant_code, view->identity), 201);
    });

    router.Api("GET", R"(/api/v1/deltaganden/(\d+))", [&router](Ctx& ctx) {
        auto view = router.participations().Get(ctx.auth.actor, ctx.IdParam());
        if (!view.ok()) return Router::JsonError(ctx, view.status());
        Router::Json(ctx, ParticipationJson(view->participation, view->participant_code, view->identity));
    });

    auto respond_with = [&router](Ctx& ctx, const Status& st) {
        if (!st.ok()) return Router::JsonError(ctx, st);
        auto view = router.participations().Get(ctx.auth.actor, ctx.IdParam());
        if (!view.ok()) return Router::JsonError(ctx, view.status());
        Router::Json(ctx, ParticipationJson(view->participation, view->participant_code, view->identity));
    };

    // Writes to one participation: parse the body as a participation, run the use case,
    // answer with the participation as it now is.
    using Write = std::function<Status(services::ParticipationService&, const domain::Actor&, long long,
                                       const services::ParticipationInput&)>;
    const std::pair<std::pair<const char*, const char*>, Write> writes[] = {
        {{"PUT", R"(/api/v1/deltaganden/(\d+))"},
         [](auto& service, const auto& actor, long long id, const auto& in) { return service.Update(actor, id, in); }},
        {{"POST", R"(/api/v1/deltaganden/(\d+)/beslut)"},
         [](auto& service, const auto& actor, long long id, const auto& in) {
             const auto& p = in.participation;
             return service.RecordDecision(actor, id, p.version, p.decision, p.decision_date);
         }},
        {{"POST", R"(/api/v1/deltaganden/(\d+)/start)"},
         [](auto& service, const auto& actor, long long id, const auto& in) {
             const auto& p = in.participation;
             return service.RecordStart(actor, id, p.version, p.start_date, p.intake);
         }},
        {{"POST", R"(/api/v1/deltaganden/(\d+)/avslut)"},
         [](auto& service, const auto& actor, long long id, const auto& in) {
             const auto& p = in.participation;
             return service.RecordExit(actor, id, p.version, p.end_date, p.exit);
         }},
    };
    for (const auto& [route, write] : writes) {
        router.Api(route.first, route.second, [&router, respond_with, write = write](Ctx& ctx) {
            ParsedParticipation parsed = ParseParticipation(FormFromJson(ctx.body));
            if (!parsed.errors.empty())
                return Router::JsonError(ctx, Status::InvalidInput("Uppgifterna innehåller fel.", parsed.errors));
            respond_with(ctx, write(router.participations(), ctx.auth.actor, ctx.IdParam(), parsed.input));
        });
    }

    router.Api("GET", R"(/api/v1/deltaganden/(\d+)/historik)", [&router](Ctx& ctx) {
        auto history = router.participations().History(ctx.auth.actor, ctx.IdParam());
        if (!history.ok()) return Router::JsonError(ctx, history.status());
        json items = json::array();
        for (const auto& h : *history) {
            json changes = json::array();
            for (const auto& c : h.changes)
                changes.push_back({{"field", c.field}, {"before", c.before}, {"after", c.after}});
            items.push_back({{"at", h.at}, {"user", h.username}, {"action", h.action}, {"changes", changes}});
        }
        Router::Json(ctx, {{"items", items}});
    });
}

}  // namespace foljsam::web

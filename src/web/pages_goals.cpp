// Goal pages (issue 3, item 4): the förbundsadministratör lists, creates, changes and
// removes the goals of an insats per year; everyone who may see the insats reads their
// follow-up, as a page or as JSON (GET /api/v1/insatser/{id}/mal). GoalService checks
// access again on every call.
//
// The filter's values depend on the chosen dimension. Without JavaScript the form cannot
// swap its checkboxes, so it has a second submit button (steg=uppdatera) that shows the
// values of the chosen dimension without saving; what was typed is kept.

#include <algorithm>
#include <charconv>
#include <optional>
#include <string>
#include <vector>

#include "domain/goal.hpp"
#include "domain/text.hpp"
#include "report/dimension.hpp"
#include "report/measure.hpp"
#include "security/policy.hpp"
#include "services/goal_service.hpp"
#include "web/form_fields.hpp"
#include "web/goal_view.hpp"
#include "web/router.hpp"

namespace foljsam::web {
namespace {

using nlohmann::json;

std::optional<int> ParseYear(const std::string& text) {
    int value = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
    if (value < 2000 || value > 2100) return std::nullopt;
    return value;
}

// ?ar=YYYY, the current year when absent; nullopt when it is no year 2000..2100.
std::optional<int> YearParam(const Ctx& ctx) {
    const std::string text = ctx.Query("ar");
    if (text.empty()) return domain::Today().year;
    return ParseYear(text);
}

const Status kBadYear = Status::InvalidInput("Ange ett år mellan 2000 och 2100, till exempel ?ar=2026.");

bool CanAdminGoals(const Ctx& ctx) {
    const auto& actor = ctx.auth.actor;
    return security::policy::Can(actor, security::policy::Action::kAdminGoals, {actor.user.forbund_id.value_or(-1)});
}

std::string GoalsHref(long long insats_id, int year) {
    return "/admin/insatser/" + std::to_string(insats_id) + "/mal?ar=" + std::to_string(year);
}

// The form as typed: the goal, and the number fields' text (kept when it does not parse).
struct GoalForm {
    domain::Goal goal;
    std::string year, target, tolerance;
};

GoalForm FormOf(const domain::Goal& goal) {
    GoalForm f;
    f.goal = goal;
    f.year = std::to_string(goal.year);
    if (goal.kind != domain::GoalKind::kNotMeasurable) f.target = domain::FormatTenths(goal.target_tenths);
    if (goal.comparison == domain::GoalComparison::kWithin) f.tolerance = domain::FormatTenths(goal.tolerance_tenths);
    return f;
}

// Reads the posted form; what cannot be parsed becomes a field error.
GoalForm ReadForm(const Form& form, std::vector<FieldError>& errors) {
    GoalForm f;
    domain::Goal& g = f.goal;
    f.year = form.Get("year");
    f.target = form.Get("target");
    f.tolerance = form.Get("tolerance");
    if (auto year = ParseYear(domain::Trim(f.year)))
        g.year = *year;
    else
        errors.push_back({"year", "Ange ett år mellan 2000 och 2100."});
    const auto kind = domain::ParseGoalKind(form.Get("kind"));
    if (kind)
        g.kind = *kind;
    else
        errors.push_back({"kind", "Välj typ av mål."});
    g.description = form.Get("description");
    g.measure = form.Get("measure");
    g.filter_dimension = form.Get("filter_dimension");
    for (const auto& posted : form.All("filter_values")) {
        size_t start = 0;
        while (start <= posted.size()) {
            size_t end = posted.find(';', start);
            if (end == std::string::npos) end = posted.size();
            std::string value = domain::Trim(posted.substr(start, end - start));
            if (!value.empty()) g.filter_values.push_back(std::move(value));
            start = end + 1;
        }
    }
    if (kind == domain::GoalKind::kNotMeasurable) return f;
    const auto comparison = domain::ParseGoalComparison(form.Get("comparison"));
    if (comparison)
        g.comparison = *comparison;
    else
        errors.push_back({"comparison", "Välj om målet är ett minsta värde, ett högsta värde eller ett intervall."});
    if (auto target = domain::ParseTenths(f.target))
        g.target_tenths = *target;
    else
        errors.push_back({"target", "Ange målvärdet som ett tal, till exempel 140 eller 33,3."});
    if (comparison == domain::GoalComparison::kWithin) {
        if (auto tolerance = domain::ParseTenths(f.tolerance))
            g.tolerance_tenths = *tolerance;
        else
            errors.push_back({"tolerance", "Ange marginalen som ett tal, till exempel 10."});
    }
    return f;
}

Options KindOptions() {
    return {{"COUNT", "Antal, till exempel 140 påbörjade"},
            {"SHARE", "Andel, till exempel andelen män bland dem som påbörjat"},
            {"NOT_MEASURABLE", "Kan inte mätas ur registrerade uppgifter, till exempel ett enkätmål"}};
}

Options MeasureOptions() {
    Options out;
    for (auto measure : report::AllMeasures())
        out.emplace_back(std::string(report::MeasureName(measure)), std::string(report::MeasureLabel(measure)));
    return out;
}

Options DimensionOptions() {
    Options out;
    const auto& allowed = services::GoalService::Vocabulary().dimensions;
    for (auto dimension : report::AllDimensions()) {
        std::string name(report::DimensionName(dimension));
        if (allowed.count(name)) out.emplace_back(name, std::string(report::DimensionLabel(dimension)));
    }
    return out;
}

Options ComparisonOptions() { return {{"AT_LEAST", "Minst"}, {"AT_MOST", "Högst"}, {"WITHIN", "Inom ± marginal"}}; }

// The field for the filter's values: checkboxes of a coded dimension's values, a text
// field for an open one (district, kommun, referrer unit), nothing without a dimension.
json ValueFields(const FieldSet& fs, const domain::Goal& goal) {
    json out = json::array();
    const auto& dimensions = services::GoalService::Vocabulary().dimensions;
    const auto dimension = report::ParseDimension(goal.filter_dimension);
    const auto found = dimensions.find(goal.filter_dimension);
    if (!dimension || found == dimensions.end()) return out;
    const std::string label = "Värden för " + std::string(report::DimensionLabel(*dimension));
    const auto& domain = found->second;
    if (domain.empty()) {
        std::string joined;
        for (const auto& v : goal.filter_values) joined += (joined.empty() ? "" : ";") + v;
        out.push_back(
            fs.Text("filter_values", label, joined, "Skriv koderna åtskilda med semikolon, till exempel 0180;0184."));
        return out;
    }
    Options options;
    for (const auto& value : domain) options.emplace_back(value, report::ValueLabel(*dimension, value));
    out.push_back(fs.Checkboxes("filter_values", label, options, goal.filter_values,
                                "För andelar: de som har något av de valda värdena räknas i täljaren."));
    return out;
}

json FormModel(const domain::Insats& insats, const GoalForm& form, const std::vector<FieldError>& errors,
               const std::string& action, const std::string& title) {
    FieldSet fs(errors);
    const domain::Goal& g = form.goal;
    json fields = {
        fs.Number("year", "År", form.year),
        fs.Radios("kind", "Typ av mål", KindOptions(), std::string(domain::GoalKindCode(g.kind))),
        fs.Text("description", "Beskrivning (valfri för antal och andelar)", g.description,
                "Visas i uppföljningen, till exempel ”90 % anser att de fått rätt stöd”. Krävs för mål som inte "
                "kan mätas."),
        fs.Select("measure", "Vad räknas", MeasureOptions(), g.measure,
                  "För en andel: det som andelen räknas av, till exempel påbörjade."),
        fs.Select("filter_dimension", "Avgränsning", DimensionOptions(), g.filter_dimension,
                  "Krävs för en andel (till exempel kön eller avslutsorsak), valfri för ett antal. Välj och tryck på "
                  "”Visa värden” för att välja värden."),
    };
    fields[4]["select"]["options"][0]["label"] = "Ingen avgränsning";
    json target_fields = {
        fs.Radios("comparison", "Jämförelse", ComparisonOptions(),
                  std::string(domain::GoalComparisonCode(g.comparison))),
        fs.Text("target", "Målvärde", form.target,
                "Ett antal (heltal), eller för en andel procent, till exempel 33,3."),
        fs.Text("tolerance", "Marginal (bara för ”inom ± marginal”)", form.tolerance,
                "Antal, eller för en andel procentenheter, till exempel 10 för 50 % ± 10."),
    };
    return {{"title", title},
            {"insats_name", insats.name},
            {"goals_href", GoalsHref(insats.id, g.year ? g.year : domain::Today().year)},
            {"action", action},
            {"error_summary", fs.Summary()},
            {"fields", fields},
            {"value_fields", ValueFields(fs, g)},
            {"target_fields", target_fields}};
}

// Keeps only the values of the newly chosen dimension (after "Visa värden").
void KeepValuesOfDimension(domain::Goal& goal) {
    const auto& dimensions = services::GoalService::Vocabulary().dimensions;
    const auto found = dimensions.find(goal.filter_dimension);
    if (found == dimensions.end()) {
        goal.filter_values.clear();
        return;
    }
    const auto& domain = found->second;
    if (domain.empty()) return;
    std::erase_if(goal.filter_values,
                  [&](const std::string& v) { return std::find(domain.begin(), domain.end(), v) == domain.end(); });
}

}  // namespace

void RegisterGoalPages(Router& router) {
    services::GoalService goals(router.app());  // holds only the App; copied into the handlers

    // --- the administrator's list of one insats's goals in a year ----------------------------
    router.Page("GET", R"(/admin/insatser/(\d+)/mal)", [&router, goals](Ctx& ctx) mutable {
        if (!CanAdminGoals(ctx)) return router.RenderError(ctx, Status::Forbidden());
        const auto year = YearParam(ctx);
        if (!year) return router.RenderError(ctx, kBadYear);
        auto insats = router.admin().GetInsats(ctx.auth.actor, ctx.IdParam());
        if (!insats.ok()) return router.RenderError(ctx, insats.status());
        auto list = goals.List(ctx.auth.actor, insats->id, *year);
        if (!list.ok()) return router.RenderError(ctx, list.status());
        json rows = json::array();
        for (const auto& g : *list)
            rows.push_back({{"id", g.id},
                            {"title", GoalTitle(g)},
                            {"kind", std::string(domain::GoalKindLabel(g.kind))},
                            {"criteria", services::GoalService::CriteriaText(g)},
                            {"target", domain::TargetText(g)}});
        FieldSet fs({});
        router.Render(ctx, "admin_goals",
                      {{"title", "Mål för " + insats->name + " " + std::to_string(*year)},
                       {"insats_id", insats->id},
                       {"insats_name", insats->name},
                       {"year", *year},
                       {"year_field", fs.Number("ar", "År", std::to_string(*year))},
                       {"rows", rows},
                       {"has_rows", !rows.empty()},
                       {"saved", ctx.Query("sparat") == "1"},
                       {"deleted", ctx.Query("borttaget") == "1"}});
    });

    // --- create ------------------------------------------------------------------------------
    router.Page("GET", R"(/admin/insatser/(\d+)/mal/ny)", [&router](Ctx& ctx) {
        if (!CanAdminGoals(ctx)) return router.RenderError(ctx, Status::Forbidden());
        const auto year = YearParam(ctx);
        if (!year) return router.RenderError(ctx, kBadYear);
        auto insats = router.admin().GetInsats(ctx.auth.actor, ctx.IdParam());
        if (!insats.ok()) return router.RenderError(ctx, insats.status());
        domain::Goal goal;
        goal.insats_id = insats->id;
        goal.year = *year;
        GoalForm form = FormOf(goal);
        form.target.clear();
        router.Render(ctx, "admin_goal_form",
                      FormModel(*insats, form, {}, ctx.req.path, "Nytt mål för " + insats->name));
    });
    router.Page("POST", R"(/admin/insatser/(\d+)/mal/ny)", [&router, goals](Ctx& ctx) mutable {
        if (!CanAdminGoals(ctx)) return router.RenderError(ctx, Status::Forbidden());
        auto insats = router.admin().GetInsats(ctx.auth.actor, ctx.IdParam());
        if (!insats.ok()) return router.RenderError(ctx, insats.status());
        const std::string title = "Nytt mål för " + insats->name;
        std::vector<FieldError> errors;
        GoalForm form = ReadForm(ctx.form, errors);
        form.goal.insats_id = insats->id;
        if (ctx.form.Get("steg") == "uppdatera") {
            KeepValuesOfDimension(form.goal);
            return router.Render(ctx, "admin_goal_form", FormModel(*insats, form, {}, ctx.req.path, title));
        }
        if (!errors.empty())
            return router.Render(ctx, "admin_goal_form", FormModel(*insats, form, errors, ctx.req.path, title), 422);
        auto created = goals.Create(ctx.auth.actor, form.goal);
        if (!created.ok()) {
            if (created.status().code() != StatusCode::kInvalidInput) return router.RenderError(ctx, created.status());
            return router.Render(ctx, "admin_goal_form",
                                 FormModel(*insats, form, created.status().fields(), ctx.req.path, title), 422);
        }
        Router::Redirect(ctx, GoalsHref(insats->id, form.goal.year) + "&sparat=1");
    });

    // --- change ------------------------------------------------------------------------------
    router.Page("GET", R"(/admin/mal/(\d+))", [&router, goals](Ctx& ctx) mutable {
        if (!CanAdminGoals(ctx)) return router.RenderError(ctx, Status::Forbidden());
        auto goal = goals.Get(ctx.auth.actor, ctx.IdParam());
        if (!goal.ok()) return router.RenderError(ctx, goal.status());
        auto insats = router.admin().GetInsats(ctx.auth.actor, goal->insats_id);
        if (!insats.ok()) return router.RenderError(ctx, insats.status());
        router.Render(ctx, "admin_goal_form",
                      FormModel(*insats, FormOf(*goal), {}, ctx.req.path, "Ändra mål för " + insats->name));
    });
    router.Page("POST", R"(/admin/mal/(\d+))", [&router, goals](Ctx& ctx) mutable {
        if (!CanAdminGoals(ctx)) return router.RenderError(ctx, Status::Forbidden());
        auto existing = goals.Get(ctx.auth.actor, ctx.IdParam());
        if (!existing.ok()) return router.RenderError(ctx, existing.status());
        auto insats = router.admin().GetInsats(ctx.auth.actor, existing->insats_id);
        if (!insats.ok()) return router.RenderError(ctx, insats.status());
        const std::string title = "Ändra mål för " + insats->name;
        std::vector<FieldError> errors;
        GoalForm form = ReadForm(ctx.form, errors);
        form.goal.id = existing->id;
        form.goal.insats_id = existing->insats_id;
        if (ctx.form.Get("steg") == "uppdatera") {
            KeepValuesOfDimension(form.goal);
            return router.Render(ctx, "admin_goal_form", FormModel(*insats, form, {}, ctx.req.path, title));
        }
        if (!errors.empty())
            return router.Render(ctx, "admin_goal_form", FormModel(*insats, form, errors, ctx.req.path, title), 422);
        Status saved = goals.Update(ctx.auth.actor, form.goal);
        if (!saved.ok()) {
            if (saved.code() != StatusCode::kInvalidInput) return router.RenderError(ctx, saved);
            return router.Render(ctx, "admin_goal_form", FormModel(*insats, form, saved.fields(), ctx.req.path, title),
                                 422);
        }
        Router::Redirect(ctx, GoalsHref(insats->id, form.goal.year) + "&sparat=1");
    });

    // --- remove (a confirmation page, then POST) ----------------------------------------------
    router.Page("GET", R"(/admin/mal/(\d+)/ta-bort)", [&router, goals](Ctx& ctx) mutable {
        if (!CanAdminGoals(ctx)) return router.RenderError(ctx, Status::Forbidden());
        auto goal = goals.Get(ctx.auth.actor, ctx.IdParam());
        if (!goal.ok()) return router.RenderError(ctx, goal.status());
        auto insats = router.admin().GetInsats(ctx.auth.actor, goal->insats_id);
        if (!insats.ok()) return router.RenderError(ctx, insats.status());
        router.Render(ctx, "admin_goal_delete",
                      {{"title", "Ta bort målet?"},
                       {"goal_title", GoalTitle(*goal)},
                       {"target", goal->kind == domain::GoalKind::kNotMeasurable ? json(nullptr)
                                                                                 : json(domain::TargetText(*goal))},
                       {"insats_name", insats->name},
                       {"year", goal->year},
                       {"action", ctx.req.path},
                       {"goals_href", GoalsHref(insats->id, goal->year)}});
    });
    router.Page("POST", R"(/admin/mal/(\d+)/ta-bort)", [&router, goals](Ctx& ctx) mutable {
        if (!CanAdminGoals(ctx)) return router.RenderError(ctx, Status::Forbidden());
        auto goal = goals.Get(ctx.auth.actor, ctx.IdParam());
        if (!goal.ok()) return router.RenderError(ctx, goal.status());
        Status removed = goals.Delete(ctx.auth.actor, goal->id);
        if (!removed.ok()) return router.RenderError(ctx, removed);
        Router::Redirect(ctx, GoalsHref(goal->insats_id, goal->year) + "&borttaget=1");
    });

    // --- everyone's follow-up -----------------------------------------------------------------
    router.Page("GET", R"(/insatser/(\d+)/mal)", [&router, goals](Ctx& ctx) mutable {
        const auto year = YearParam(ctx);
        if (!year) return router.RenderError(ctx, kBadYear);
        auto followups = goals.Evaluate(ctx.auth.actor, ctx.IdParam(), *year, domain::Today());
        if (!followups.ok()) return router.RenderError(ctx, followups.status());
        auto insats = router.admin().GetInsats(ctx.auth.actor, ctx.IdParam());
        if (!insats.ok()) return router.RenderError(ctx, insats.status());
        FieldSet fs({});
        router.Render(ctx, "goals",
                      {{"title", "Mål för " + insats->name + " " + std::to_string(*year)},
                       {"insats_id", insats->id},
                       {"insats_name", insats->name},
                       {"year", *year},
                       {"year_field", fs.Number("ar", "År", std::to_string(*year))},
                       {"can_admin", CanAdminGoals(ctx)},
                       {"goals", GoalSectionModel(*followups)}});
    });

    // --- the same follow-up as JSON (docs/api/openapi.yaml) -----------------------------------
    router.Api("GET", R"(/api/v1/insatser/(\d+)/mal)", [goals](Ctx& ctx) mutable {
        const auto year = YearParam(ctx);
        if (!year) return Router::JsonError(ctx, kBadYear);
        auto followups = goals.Evaluate(ctx.auth.actor, ctx.IdParam(), *year, domain::Today());
        if (!followups.ok()) return Router::JsonError(ctx, followups.status());
        json items = json::array();
        for (const auto& f : *followups) items.push_back(GoalFollowUpJson(f));
        Router::Json(ctx, {{"insats_id", ctx.IdParam()}, {"year", *year}, {"items", items}});
    });
}

}  // namespace foljsam::web

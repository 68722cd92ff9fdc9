// Report pages: the follow-up (Uppföljning) and its downloads. Explore is in
// pages_explore.cpp. Pages only read choices and render what the services return.

#include <filesystem>

#include "domain/date.hpp"
#include "report/render_tables.hpp"
#include "services/followup_service.hpp"
#include "services/goal_service.hpp"
#include "web/goal_view.hpp"
#include "web/report_choices.hpp"
#include "web/report_view.hpp"
#include "web/router.hpp"

namespace foljsam::web {
namespace {

using nlohmann::json;

struct FollowUpChoice {
    report::Period period;
    std::optional<long long> insats_id;
    std::string period_key, insats_key;  // as given, for links
};

// Reads ?period=&insats=; an unreadable period is a field error shown on the page.
Result<FollowUpChoice> ReadChoice(const Ctx& ctx) {
    FollowUpChoice choice;
    choice.period_key = ctx.Query("period");
    choice.insats_key = ctx.Query("insats");
    auto insats = ParseInsatsParam(choice.insats_key);
    if (!insats.ok()) return insats.status();
    choice.insats_id = *insats;
    if (choice.period_key.empty()) {
        choice.period = DefaultFollowUpPeriod(domain::Today());
        choice.period_key = choice.period.Key();
        return choice;
    }
    auto period = report::Period::Parse(choice.period_key);
    if (!period.ok()) return Status::InvalidInput(period.status().message(), {{"period", period.status().message()}});
    choice.period = *period;
    return choice;
}

std::string QueryOf(const FollowUpChoice& choice) {
    std::string query = "period=" + UrlEncode(choice.period_key);
    if (choice.insats_id) query += "&insats=" + std::to_string(*choice.insats_id);
    return query;
}

void FollowUpPage(Router& router, Ctx& ctx) {
    auto insatser = router.admin().VisibleInsatser(ctx.auth.actor);
    if (!insatser.ok()) return router.RenderError(ctx, insatser.status());
    const domain::Date today = domain::Today();
    json model = {{"title", "Uppföljning"}, {"insats_options", InsatsOptions(*insatser, ctx.Query("insats"))}};
    auto choice = ReadChoice(ctx);
    if (!choice.ok() && choice.status().code() != StatusCode::kInvalidInput)
        return router.RenderError(ctx, choice.status());
    if (!choice.ok()) {
        model["period_options"] = PeriodOptions(today, DefaultFollowUpPeriod(today));
        model["error_summary"] = {{"errors", {{{"href", "#f-period"}, {"message", choice.status().message()}}}}};
        model["period_error"] = choice.status().message();
        return router.Render(ctx, "followup", model, 422);
    }
    model["period_options"] = PeriodOptions(today, choice->period);
    services::FollowUpService followups(router.app());
    auto result = followups.Run(ctx.auth.actor, {choice->period, choice->insats_id});
    if (!result.ok()) return router.RenderError(ctx, result.status());
    const auto& followup = result->followup;
    const std::string scope_title = result->scope.size() == 1 ? result->scope[0].name : "Alla insatser";
    model["title"] = "Uppföljning " + followup.period.Label() + " – " + scope_title;
    model["heading"] = scope_title;
    model["forbund"] = result->forbund_name;
    model["period_label"] = followup.period.Label();
    model["period_range"] = followup.period.from.ToString() + " – " + followup.period.to.ToString();
    model["last_year_label"] = followup.last_year.Label();
    std::string scope;
    for (const auto& insats : result->scope) scope += (scope.empty() ? "" : ", ") + insats.name;
    model["scope"] = scope;
    model["several"] = result->scope.size() > 1;
    model["suppression"] = result->suppression_applied;
    model["threshold"] = result->threshold;
    model["multi_valued_note"] = followup.multi_valued_note;
    // The overview first, then the goals, then the other sections.
    json sections = SectionsModel(followup.sections);
    model["overview"] = json::array();
    if (!sections.empty()) {
        model["overview"].push_back(sections[0]);
        sections.erase(sections.begin());
    }
    model["sections"] = sections;
    model["query"] = QueryOf(*choice);
    // The goals of the period's year, one section per insats in scope.
    services::GoalService goals(router.app());
    json goal_sections = json::array();
    for (const auto& insats : result->scope) {
        auto followed = goals.Evaluate(ctx.auth.actor, insats.id, followup.period.to.year, today);
        if (!followed.ok()) return router.RenderError(ctx, followed.status());
        if (followed->empty() && result->scope.size() > 1) continue;
        json section = GoalSectionModel(*followed, "mal-" + std::to_string(insats.id));
        section["goal_heading"] = "Mål för " + std::to_string(followup.period.to.year) + ": " + insats.name;
        goal_sections.push_back(std::move(section));
    }
    model["goals"] = goal_sections;
    model["has_goals"] = !goal_sections.empty();
    router.Render(ctx, "followup", model);
}

// /uppfoljning.csv, .json and .xlsx: the same follow-up as the page, as a file.
void FollowUpDownload(Router& router, Ctx& ctx, const std::string& format) {
    auto choice = ReadChoice(ctx);
    if (!choice.ok()) return router.RenderError(ctx, choice.status());
    services::FollowUpService followups(router.app());
    auto result = followups.Run(ctx.auth.actor, {choice->period, choice->insats_id});
    if (!result.ok()) return router.RenderError(ctx, result.status());
    report::TablesDocument doc;
    const std::string scope_title = result->scope.size() == 1 ? result->scope[0].name : "Alla insatser";
    doc.title = "Uppföljning " + result->followup.period.Label() + " – " + scope_title;
    doc.forbund_name = result->forbund_name;
    doc.period = result->followup.period;
    for (const auto& insats : result->scope) doc.insats_names.emplace_back(insats.id, insats.name);
    doc.threshold = result->threshold;
    doc.suppression_applied = result->suppression_applied;
    doc.generated_at = LocalTimestamp();
    const std::string name = "uppfoljning-" + result->followup.period.Key();
    if (format == "json") {
        SendDownload(ctx, name + ".json", "application/json; charset=utf-8",
                     report::RenderFollowUpJson(doc, result->followup));
    } else if (format == "xlsx") {
        auto bytes = ReadBackTemporary([&](const std::filesystem::path& path) {
            return report::RenderTablesXlsx(doc, result->followup.sections, path);
        });
        if (!bytes.ok()) return router.RenderError(ctx, bytes.status());
        SendDownload(ctx, name + ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", *bytes);
    } else {
        SendDownload(ctx, name + ".csv", "text/csv; charset=utf-8",
                     report::RenderTablesCsv(doc, result->followup.sections));
    }
}

}  // namespace

void RegisterReportPages(Router& router) {
    router.Page("GET", "/uppfoljning", [&router](Ctx& ctx) { FollowUpPage(router, ctx); });
    router.Page("GET", "/uppfoljning.csv", [&router](Ctx& ctx) { FollowUpDownload(router, ctx, "csv"); });
    router.Page("GET", "/uppfoljning.json", [&router](Ctx& ctx) { FollowUpDownload(router, ctx, "json"); });
    router.Page("GET", "/uppfoljning.xlsx", [&router](Ctx& ctx) { FollowUpDownload(router, ctx, "xlsx"); });
}

}  // namespace foljsam::web

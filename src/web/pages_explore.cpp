// Explore (Utforska): one measure by up to two dimensions with filters; the URL holds the
// whole choice so it can be shared, and the same query downloads as CSV or XLSX.

#include <filesystem>
#include <fstream>
#include <sstream>

#include "domain/code_lists.hpp"
#include "domain/date.hpp"
#include "report/explore_view.hpp"
#include "report/render.hpp"
#include "services/report_service.hpp"
#include "web/form_fields.hpp"
#include "web/report_choices.hpp"
#include "web/report_view.hpp"
#include "web/router.hpp"

namespace foljsam::web {
namespace {

using nlohmann::json;

// The filters offered, in order: query parameter = dimension name.
const std::vector<report::Dimension> kFilterDimensions = {report::Dimension::kGender, report::Dimension::kAgeGroup,
                                                          report::Dimension::kReferrerMember,
                                                          report::Dimension::kExitReason};

struct ExploreChoice {
    services::ReportRequest request;
    std::vector<FieldError> errors;
};

// Reads the choice from the query string. Unknown names and unreadable periods become
// field errors (ids f-<param>); the engine checks the rest (same dimension twice).
ExploreChoice ReadChoice(const Ctx& ctx, const domain::Date& today) {
    ExploreChoice choice;
    report::Query& query = choice.request.query;
    const std::string measure = ctx.Query("measure").empty() ? "started" : ctx.Query("measure");
    if (auto parsed = report::ParseMeasure(measure)) {
        query.measures = {*parsed};
    } else {
        choice.errors.push_back({"measure", "Välj ett mått i listan."});
        query.measures = {report::Measure::kStarted};
    }
    for (const char* param : {"dim1", "dim2"}) {
        const std::string name = ctx.Query(param);
        if (name.empty()) continue;
        if (auto parsed = report::ParseDimension(name)) {
            query.dimensions.push_back(*parsed);
        } else {
            choice.errors.push_back({param, "Välj en indelning i listan."});
        }
    }
    if (query.dimensions.size() == 2 && query.dimensions[0] == query.dimensions[1]) {
        choice.errors.push_back({"dim2", "Välj två olika indelningar."});
        query.dimensions.pop_back();
    }
    const std::string from = ctx.Query("from"), to = ctx.Query("to");
    const std::string key = !from.empty() || !to.empty() ? from + ".." + to : ctx.Query("period");
    query.period = report::Period::Year(today.year);
    if (!key.empty()) {
        auto period = report::Period::Parse(key);
        if (period.ok()) {
            query.period = *period;
        } else {
            choice.errors.push_back({!from.empty() || !to.empty() ? "from" : "period", period.status().message()});
        }
    }
    auto insats = ParseInsatsParam(ctx.Query("insats"));
    if (!insats.ok()) {
        choice.errors.push_back({"insats", "Välj en insats i listan."});
    } else if (*insats) {
        query.insatser = std::set<long long>{**insats};
    }
    for (report::Dimension dimension : kFilterDimensions) {
        const std::string value = ctx.Query(std::string(report::DimensionName(dimension)));
        if (!value.empty()) query.filters.push_back({dimension, {value}});
    }
    return choice;
}

// The query string of a choice, for download links.
std::string QueryString(const Ctx& ctx) {
    std::string out;
    for (const auto& [name, value] : ctx.req.params) {
        if (value.empty()) continue;
        out += (out.empty() ? "" : "&") + UrlEncode(name) + "=" + UrlEncode(value);
    }
    return out;
}

json Options(const std::vector<std::pair<std::string, std::string>>& values, const std::string& selected) {
    json out = json::array();
    for (const auto& [value, label] : values)
        out.push_back({{"value", value}, {"label", label}, {"selected", value == selected}});
    return out;
}

// One select of the choice form: {"id", "name", "label", "options", "error"}.
json SelectModel(const std::string& name, const std::string& label, json options,
                 const std::vector<FieldError>& errors) {
    json field = {{"id", "f-" + name}, {"name", name}, {"label", label}, {"options", std::move(options)}};
    for (const auto& error : errors)
        if (error.field == name) field["error"] = error.message;
    return field;
}

json ChoiceModel(const Ctx& ctx, const std::vector<domain::Insats>& insatser, const report::Period& period,
                 const domain::Date& today, const std::vector<FieldError>& errors) {
    std::vector<std::pair<std::string, std::string>> measures, dimensions = {{"", "Ingen"}};
    for (report::Measure measure : report::AllMeasures())
        measures.emplace_back(std::string(report::MeasureName(measure)), std::string(report::MeasureLabel(measure)));
    for (report::Dimension dimension : report::AllDimensions())
        dimensions.emplace_back(std::string(report::DimensionName(dimension)),
                                std::string(report::DimensionLabel(dimension)));
    const std::string measure = ctx.Query("measure").empty() ? "started" : ctx.Query("measure");
    json what = json::array(
        {SelectModel("measure", "Mått", Options(measures, measure), errors),
         SelectModel("dim1", "Indelning (rader)", Options(dimensions, ctx.Query("dim1")), errors),
         SelectModel("dim2", "Andra indelning (kolumner)", Options(dimensions, ctx.Query("dim2")), errors)});
    json which = json::array({SelectModel("insats", "Insats", InsatsOptions(insatser, ctx.Query("insats")), errors),
                              SelectModel("period", "Period", PeriodOptions(today, period), errors)});
    for (report::Dimension dimension : kFilterDimensions) {
        const std::string name(report::DimensionName(dimension));
        std::vector<std::pair<std::string, std::string>> values = {{"", "Alla"}};
        for (const std::string& code : report::ValueDomain(dimension)) {
            if (dimension == report::Dimension::kExitReason && code == "FELREG") continue;
            values.emplace_back(code, report::ValueLabel(dimension, code));
        }
        which.push_back(SelectModel(name, std::string(report::DimensionLabel(dimension)),
                                    Options(values, ctx.Query(name)), errors));
    }
    json model = {{"what_fields", what}, {"which_fields", which}, {"from", ctx.Query("from")}, {"to", ctx.Query("to")}};
    for (const auto& error : errors)
        if (error.field == "from") model["from_error"] = error.message;
    return model;
}

void ExplorePage(Router& router, Ctx& ctx) {
    auto insatser = router.admin().VisibleInsatser(ctx.auth.actor);
    if (!insatser.ok()) return router.RenderError(ctx, insatser.status());
    const domain::Date today = domain::Today();
    ExploreChoice choice = ReadChoice(ctx, today);
    json model = ChoiceModel(ctx, *insatser, choice.request.query.period, today, choice.errors);
    model["title"] = "Utforska";
    if (!choice.errors.empty()) {
        model["error_summary"] = FieldSet(choice.errors).Summary();
        return router.Render(ctx, "explore", model, 422);
    }
    services::ReportService reports(router.app());
    auto result = reports.Run(ctx.auth.actor, choice.request);
    if (!result.ok()) return router.RenderError(ctx, result.status());
    std::vector<std::pair<long long, std::string>> names;
    for (const auto& insats : result->scope) names.emplace_back(insats.id, insats.name);
    const report::ViewTable table =
        report::ExploreTable(result->report, result->threshold, result->suppression_applied, names);
    model["title"] = "Utforska: " + table.caption;
    model["result"] = TableModel(table);
    model["suppression"] = result->suppression_applied;
    model["threshold"] = result->threshold;
    model["query"] = QueryString(ctx);
    router.Render(ctx, "explore", model);
}

// /utforska.csv and /utforska.xlsx: the same query's cells through the report renderers.
void ExploreDownload(Router& router, Ctx& ctx, bool xlsx) {
    ExploreChoice choice = ReadChoice(ctx, domain::Today());
    if (!choice.errors.empty())
        return router.RenderError(ctx, Status::InvalidInput(choice.errors[0].message, choice.errors));
    services::ReportService reports(router.app());
    auto result = reports.Run(ctx.auth.actor, choice.request);
    if (!result.ok()) return router.RenderError(ctx, result.status());
    const report::RenderInput input = services::RenderInputOf(*result, LocalTimestamp());
    const std::string name = "utforska-" + result->period.Key();
    if (!xlsx) {
        SendDownload(ctx, name + ".csv", "text/csv; charset=utf-8", report::RenderCsv(input));
        return;
    }
    auto bytes = ReadBackTemporary([&](const std::filesystem::path& path) { return report::RenderXlsx(input, path); });
    if (!bytes.ok()) return router.RenderError(ctx, bytes.status());
    SendDownload(ctx, name + ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", *bytes);
}

}  // namespace

void RegisterExplorePages(Router& router) {
    router.Page("GET", "/utforska", [&router](Ctx& ctx) { ExplorePage(router, ctx); });
    router.Page("GET", "/utforska.csv", [&router](Ctx& ctx) { ExploreDownload(router, ctx, false); });
    router.Page("GET", "/utforska.xlsx", [&router](Ctx& ctx) { ExploreDownload(router, ctx, true); });
}

}  // namespace foljsam::web

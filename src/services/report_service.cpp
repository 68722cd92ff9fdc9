#include "services/report_service.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

#include "report/dimension.hpp"
#include "report/engine.hpp"
#include "report/measure.hpp"
#include "report/suppression.hpp"
#include "services/audit.hpp"
#include "services/report_scope.hpp"
#include "store/database.hpp"
#include "store/fact_repo.hpp"
#include "store/organisation_repo.hpp"

namespace foljsam::services {
namespace {

// The audit detail: what was asked and counted, never a value or personal data.
std::string AuditDetail(const ReportResult& result, bool by_operator) {
    nlohmann::json detail;
    detail["measures"] = nlohmann::json::array();
    for (auto measure : result.report.query.measures) detail["measures"].push_back(report::MeasureName(measure));
    detail["dimensions"] = nlohmann::json::array();
    for (auto dimension : result.report.query.dimensions)
        detail["dimensions"].push_back(report::DimensionName(dimension));
    detail["period"] = {{"from", result.period.from.ToString()}, {"to", result.period.to.ToString()}};
    detail["insatser"] = nlohmann::json::array();
    for (const auto& insats : result.scope) detail["insatser"].push_back(insats.id);
    if (!result.report.query.filters.empty()) {
        nlohmann::json filters = nlohmann::json::object();
        for (const auto& [dimension, values] : result.report.query.filters)
            filters[std::string(report::DimensionName(dimension))] = values;
        detail["filters"] = filters;
    }
    detail["suppression"] = result.suppression_applied;
    if (by_operator) detail["operator"] = true;
    return detail.dump();
}

// Loads the facts of `scope`, computes, suppresses when `suppress`, audits and commits.
Result<ReportResult> Execute(store::UnitOfWork& uow, const domain::Actor* actor, const domain::Forbund& forbund,
                             std::vector<domain::Insats> scope, const ReportRequest& request, bool suppress) {
    ReportResult result;
    result.period = request.query.period;
    result.threshold = forbund.suppression_threshold;
    result.suppression_applied = suppress;
    result.forbund_name = forbund.name;
    report::Query query = request.query;
    std::vector<report::Fact> facts;
    if (scope.empty()) {
        // No insats to count: every cell is zero. An empty set would mean "everything" to
        // the engine, and there is nothing anyway.
        query.insatser = std::nullopt;
    } else {
        std::set<long long> ids;
        for (const auto& insats : scope) ids.insert(insats.id);
        query.insatser = ids;
        auto loaded = store::LoadFacts(uow, forbund.id, ids, query.period);
        if (!loaded.ok()) return loaded.status();
        facts = std::move(*loaded);
    }
    auto computed = report::Compute(facts, query);
    if (!computed.ok()) return computed.status();
    result.report = std::move(*computed);
    if (suppress) FOLJSAM_RETURN_IF_ERROR(report::Suppress(result.report, {forbund.suppression_threshold}));
    result.scope = std::move(scope);
    FOLJSAM_RETURN_IF_ERROR(
        Audit(uow, actor, forbund.id,
              {"report.run", "report", std::nullopt,
               result.scope.size() == 1 ? std::optional<long long>(result.scope[0].id) : std::nullopt, false,
               AuditDetail(result, actor == nullptr)}));
    FOLJSAM_RETURN_IF_ERROR(uow.Commit());
    return result;
}

}  // namespace

Result<ReportResult> ReportService::Run(const domain::Actor& actor, const ReportRequest& request) {
    auto uow = app_.db().Begin();
    if (!uow.ok()) return uow.status();
    auto scope = ResolveScope(**uow, actor, request.query.insatser, request.no_suppress);
    if (!scope.ok()) return scope.status();
    return Execute(**uow, &actor, scope->forbund, std::move(scope->insatser), request, scope->suppress);
}

Result<ReportResult> ReportService::RunAsOperator(long long forbund_id, const ReportRequest& request) {
    auto uow = app_.db().Begin();
    if (!uow.ok()) return uow.status();
    auto scope = ResolveOperatorScope(**uow, forbund_id, request.query.insatser, request.no_suppress);
    if (!scope.ok()) return scope.status();
    return Execute(**uow, nullptr, scope->forbund, std::move(scope->insatser), request, scope->suppress);
}

report::RenderInput RenderInputOf(const ReportResult& result, std::string generated_at) {
    report::RenderInput input{.report = result.report,
                              .period = result.period,
                              .insats_names = {},
                              .forbund_name = result.forbund_name,
                              .threshold = result.threshold,
                              .suppression_applied = result.suppression_applied,
                              .generated_at = std::move(generated_at)};
    for (const auto& insats : result.scope) input.insats_names.emplace_back(insats.id, insats.name);
    return input;
}

Result<std::vector<domain::Insats>> ReportService::InsatserOf(long long forbund_id) {
    auto uow = app_.db().Begin(store::Database::Mode::kRead);
    if (!uow.ok()) return uow.status();
    return store::OrganisationRepo(**uow).ListInsatser(forbund_id);
}

}  // namespace foljsam::services

#include "services/report_service.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

#include "report/dimension.hpp"
#include "report/engine.hpp"
#include "report/measure.hpp"
#include "report/suppression.hpp"
#include "security/policy.hpp"
#include "services/audit.hpp"
#include "store/database.hpp"
#include "store/fact_repo.hpp"
#include "store/organisation_repo.hpp"

namespace foljsam::services {
namespace {

using security::policy::Action;
using security::policy::Can;
using security::policy::Resource;
using security::policy::ResourceOf;

// The requested insatser out of the association's `all`, in the association's order.
// kNotFound when one is not the association's.
Result<std::vector<domain::Insats>> Requested(const std::vector<domain::Insats>& all, const std::set<long long>& ids) {
    std::vector<domain::Insats> out;
    for (long long id : ids) {
        if (std::none_of(all.begin(), all.end(), [&](const domain::Insats& i) { return i.id == id; }))
            return Status::NotFound("Insatsen finns inte.");
    }
    for (const auto& insats : all)
        if (ids.count(insats.id)) out.push_back(insats);
    return out;
}

bool NamesInsatser(const report::Query& query) { return query.insatser && !query.insatser->empty(); }

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

struct Association {
    domain::Forbund forbund;
    std::vector<domain::Insats> insatser;
};

Result<Association> LoadAssociation(store::UnitOfWork& uow, long long forbund_id) {
    store::OrganisationRepo orgs(uow);
    auto forbund = orgs.GetForbund(forbund_id);
    if (!forbund.ok()) return forbund.status();
    auto insatser = orgs.ListInsatser(forbund_id);
    if (!insatser.ok()) return insatser.status();
    return Association{std::move(*forbund), std::move(*insatser)};
}

}  // namespace

Result<ReportResult> ReportService::Run(const domain::Actor& actor, const ReportRequest& request) {
    if (!actor.user.forbund_id) return Status::Forbidden();
    const long long forbund_id = *actor.user.forbund_id;
    auto uow = app_.db().Begin();
    if (!uow.ok()) return uow.status();
    auto association = LoadAssociation(**uow, forbund_id);
    if (!association.ok()) return association.status();
    const domain::Forbund* forbund = &association->forbund;
    const std::vector<domain::Insats>* all = &association->insatser;

    std::vector<domain::Insats> scope;
    if (NamesInsatser(request.query)) {
        auto requested = Requested(*all, *request.query.insatser);
        if (!requested.ok()) return requested.status();
        for (const auto& insats : *requested)
            if (!Can(actor, Action::kViewInsats, ResourceOf(insats))) return Status::Forbidden();
        scope = std::move(*requested);
    } else {
        for (const auto& insats : *all)
            if (Can(actor, Action::kViewInsats, ResourceOf(insats))) scope.push_back(insats);
        // An association without insatser reports zeros to its own roles; anyone else
        // with nothing to see is refused.
        if (scope.empty() && (!all->empty() || !Can(actor, Action::kViewInsats, Resource{forbund_id})))
            return Status::Forbidden();
    }

    const bool personal_data_access =
        !scope.empty() && std::all_of(scope.begin(), scope.end(), [&](const domain::Insats& insats) {
            return Can(actor, Action::kViewParticipations, ResourceOf(insats));
        });
    if (request.no_suppress && !personal_data_access)
        return Status::Forbidden(
            "Du får bara se siffror utan skydd för små tal i insatser där du registrerar deltagare.");
    return Execute(**uow, &actor, *forbund, std::move(scope), request, !personal_data_access);
}

Result<ReportResult> ReportService::RunAsOperator(long long forbund_id, const ReportRequest& request) {
    auto uow = app_.db().Begin();
    if (!uow.ok()) return uow.status();
    auto association = LoadAssociation(**uow, forbund_id);
    if (!association.ok()) return association.status();
    const domain::Forbund* forbund = &association->forbund;
    const std::vector<domain::Insats>* all = &association->insatser;
    std::vector<domain::Insats> scope = *all;
    if (NamesInsatser(request.query)) {
        auto requested = Requested(*all, *request.query.insatser);
        if (!requested.ok()) return requested.status();
        scope = std::move(*requested);
    }
    return Execute(**uow, nullptr, *forbund, std::move(scope), request, !request.no_suppress);
}

Result<std::vector<domain::Insats>> ReportService::InsatserOf(long long forbund_id) {
    auto uow = app_.db().Begin(store::Database::Mode::kRead);
    if (!uow.ok()) return uow.status();
    return store::OrganisationRepo(**uow).ListInsatser(forbund_id);
}

}  // namespace foljsam::services

#include "services/followup_service.hpp"

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "domain/goal.hpp"
#include "services/audit.hpp"
#include "services/report_scope.hpp"
#include "store/fact_repo.hpp"
#include "store/goal_repo.hpp"
#include "store/population_repo.hpp"

namespace foljsam::services {
namespace {

std::optional<std::set<long long>> Requested(const FollowUpRequest& request) {
    if (!request.insats_id) return std::nullopt;
    return std::set<long long>{*request.insats_id};
}

// The gender targets of the insatser in `year`: their share goals on started by gender,
// as text per insats, e.g. "män minst 30 %" ("; " between several).
Result<std::map<long long, std::string>> GenderTargets(store::UnitOfWork& uow, long long forbund_id, int year) {
    auto goals = store::GoalRepo(uow).ListByForbund(forbund_id, year);
    if (!goals.ok()) return goals.status();
    static const std::map<std::string, std::string> kPlural = {
        {"K", "kvinnor"}, {"M", "män"}, {"X", "annat kön"}, {"U", "uppgift saknas"}};
    std::map<long long, std::string> out;
    for (const domain::Goal& goal : *goals) {
        if (goal.kind != domain::GoalKind::kShare || goal.measure != "started" || goal.filter_dimension != "gender")
            continue;
        std::string who;
        for (const std::string& value : goal.filter_values) {
            auto it = kPlural.find(value);
            who += (who.empty() ? "" : " och ") + (it == kPlural.end() ? value : it->second);
        }
        std::string& text = out[goal.insats_id];
        text += (text.empty() ? "" : "; ") + who + " " + domain::TargetText(goal);
    }
    return out;
}

// Builds the follow-up over `scope`, audits it and commits.
Result<FollowUpResult> Execute(store::UnitOfWork& uow, const domain::Actor* actor, ReportScope scope,
                               const FollowUpRequest& request) {
    if (scope.insatser.empty()) return Status::NotFound("Det finns inga insatser att följa upp.");
    report::FollowUpOptions options;
    options.period = request.period;
    options.threshold = scope.forbund.suppression_threshold;
    options.suppress = scope.suppress;
    std::set<long long> ids;
    for (const auto& insats : scope.insatser) {
        options.insatser.emplace_back(insats.id, insats.name);
        ids.insert(insats.id);
    }
    auto targets = GenderTargets(uow, scope.forbund.id, request.period.to.year);
    if (!targets.ok()) return targets.status();
    options.gender_targets = std::move(*targets);
    auto population = store::PopulationRepo(uow).List(scope.forbund.id);
    if (!population.ok()) return population.status();
    options.area_population = std::move(*population);
    auto range = report::Period::Custom(report::FollowUpFactsFrom(request.period), request.period.to);
    if (!range.ok()) return range.status();
    auto facts = store::LoadFacts(uow, scope.forbund.id, ids, *range);
    if (!facts.ok()) return facts.status();
    auto followup = report::BuildFollowUp(*facts, options);
    if (!followup.ok()) return followup.status();

    nlohmann::json detail = {
        {"period", {{"from", request.period.from.ToString()}, {"to", request.period.to.ToString()}}},
        {"insatser", ids},
        {"suppression", scope.suppress}};
    if (actor == nullptr) detail["operator"] = true;
    FOLJSAM_RETURN_IF_ERROR(
        Audit(uow, actor, scope.forbund.id,
              {"report.followup", "report", std::nullopt,
               ids.size() == 1 ? std::optional<long long>(*ids.begin()) : std::nullopt, false, detail.dump()}));
    FOLJSAM_RETURN_IF_ERROR(uow.Commit());
    return FollowUpResult{std::move(*followup), scope.forbund.name, std::move(scope.insatser),
                          scope.forbund.suppression_threshold, scope.suppress};
}

}  // namespace

Result<FollowUpResult> FollowUpService::Run(const domain::Actor& actor, const FollowUpRequest& request) {
    auto uow = app_.db().Begin();
    if (!uow.ok()) return uow.status();
    auto scope = ResolveScope(**uow, actor, Requested(request), request.no_suppress);
    if (!scope.ok()) return scope.status();
    return Execute(**uow, &actor, std::move(*scope), request);
}

Result<FollowUpResult> FollowUpService::RunAsOperator(long long forbund_id, const FollowUpRequest& request) {
    auto uow = app_.db().Begin();
    if (!uow.ok()) return uow.status();
    auto scope = ResolveOperatorScope(**uow, forbund_id, Requested(request), request.no_suppress);
    if (!scope.ok()) return scope.status();
    return Execute(**uow, nullptr, std::move(*scope), request);
}

}  // namespace foljsam::services

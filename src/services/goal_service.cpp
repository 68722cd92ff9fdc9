#include "services/goal_service.hpp"

#include <algorithm>
#include <cassert>
#include <nlohmann/json.hpp>
#include <set>

#include "report/cell.hpp"
#include "report/dimension.hpp"
#include "report/engine.hpp"
#include "report/fact.hpp"
#include "report/measure.hpp"
#include "report/suppression.hpp"
#include "security/policy.hpp"
#include "services/audit.hpp"
#include "services/report_scope.hpp"
#include "store/database.hpp"
#include "store/fact_repo.hpp"
#include "store/goal_repo.hpp"
#include "store/organisation_repo.hpp"

namespace foljsam::services {
namespace {

using security::policy::Action;
using security::policy::Can;
using security::policy::ResourceOf;

security::policy::Resource ForbundOf(const domain::Actor& actor) { return {actor.user.forbund_id.value_or(-1)}; }

// The insats `insats_id` when it belongs to the actor's association; kNotFound otherwise.
Result<domain::Insats> OwnInsats(store::UnitOfWork& uow, const domain::Actor& actor, long long insats_id) {
    auto insats = store::OrganisationRepo(uow).GetInsats(insats_id);
    if (!insats.ok()) return insats.status();
    if (!actor.user.forbund_id || insats->forbund_id != *actor.user.forbund_id)
        return Status::NotFound("Insatsen finns inte.");
    return insats;
}

// The goal `goal_id` and its insats when both belong to the actor's association.
Result<std::pair<domain::Goal, domain::Insats>> OwnGoal(store::UnitOfWork& uow, const domain::Actor& actor,
                                                        long long goal_id) {
    auto goal = store::GoalRepo(uow).Get(goal_id);
    if (!goal.ok()) return goal.status();
    auto insats = OwnInsats(uow, actor, goal->insats_id);
    if (!insats.ok()) {
        if (insats.status().code() == StatusCode::kNotFound) return Status::NotFound("Målet finns inte.");
        return insats.status();
    }
    return std::make_pair(std::move(*goal), std::move(*insats));
}

bool MayRead(const domain::Actor& actor, const domain::Insats& insats) {
    return Can(actor, Action::kViewInsats, ResourceOf(insats)) || Can(actor, Action::kAdminGoals, {insats.forbund_id});
}

// What the audit trail keeps of a goal: codes and numbers of the plan, no personal data.
std::string AuditDetail(const domain::Goal& goal) {
    nlohmann::json detail = {{"year", goal.year},
                             {"kind", domain::GoalKindCode(goal.kind)},
                             {"measure", goal.measure},
                             {"filter_dimension", goal.filter_dimension},
                             {"filter_values", goal.filter_values},
                             {"comparison", domain::GoalComparisonCode(goal.comparison)},
                             {"target_tenths", goal.target_tenths},
                             {"tolerance_tenths", goal.tolerance_tenths}};
    return detail.dump();
}

// The measure's total over `facts` by the report engine (its first cell, engine.hpp).
Result<long long> TotalOf(const std::vector<report::Fact>& facts, const report::Query& query) {
    auto computed = report::Compute(facts, query);
    if (!computed.ok()) return computed.status();
    assert(!computed->cells.empty() && computed->cells.front().by.empty());  // Compute emits the total first
    return computed->cells.front().value;
}

// `goal`'s outcome over `facts` in `period`: base = the measure's total, part = the
// measure over the facts whose value in the filter dimension is one of the filter values
// (as report::Query's filters read it: any of a multi-valued answer's values), or the
// total without a filter.
Result<domain::GoalOutcome> OutcomeOf(const domain::Goal& goal, const std::vector<report::Fact>& facts,
                                      const report::Period& period) {
    const auto measure = report::ParseMeasure(goal.measure);
    if (!measure)
        return Status::Internal("goal " + std::to_string(goal.id) + " names an unknown measure " + goal.measure);
    report::Query query;
    query.measures = {*measure};
    query.period = period;
    query.insatser = std::set<long long>{goal.insats_id};
    auto total = TotalOf(facts, query);
    if (!total.ok()) return total.status();
    domain::GoalOutcome outcome{*total, *total};
    if (goal.filter_dimension.empty()) return outcome;
    const auto dimension = report::ParseDimension(goal.filter_dimension);
    if (!dimension)
        return Status::Internal("goal " + std::to_string(goal.id) + " names an unknown dimension " +
                                goal.filter_dimension);
    const std::set<std::string> wanted(goal.filter_values.begin(), goal.filter_values.end());
    std::vector<report::Fact> filtered;
    for (const auto& fact : facts) {
        const std::vector<std::string> values = report::ValuesOf(*dimension, fact);
        if (std::any_of(values.begin(), values.end(), [&](const std::string& v) { return wanted.count(v) > 0; }))
            filtered.push_back(fact);
    }
    auto part = TotalOf(filtered, query);
    if (!part.ok()) return part.status();
    outcome.part = *part;
    return outcome;
}

std::string FilterText(const domain::Goal& goal) {
    if (goal.filter_dimension.empty()) return "";
    const auto dimension = report::ParseDimension(goal.filter_dimension);
    if (!dimension) return goal.filter_dimension;
    // Values in the code list's order (stored sorted by code), open dimensions as stored.
    const auto& domain = report::ValueDomain(*dimension);
    std::vector<std::string> values = goal.filter_values;
    const auto rank = [&](const std::string& v) { return std::find(domain.begin(), domain.end(), v) - domain.begin(); };
    std::stable_sort(values.begin(), values.end(),
                     [&](const std::string& a, const std::string& b) { return rank(a) < rank(b); });
    std::string out = std::string(report::DimensionLabel(*dimension)) + ": ";
    for (size_t idx = 0; idx < values.size(); ++idx)
        out += (idx ? ", " : "") + report::ValueLabel(*dimension, values[idx]);
    return out;
}

// Sets the outcome text and the counts this viewer may see (see GoalFollowUp).
void DescribeOutcome(GoalFollowUp& f, const domain::GoalOutcome& outcome, const domain::Disclosure& disclosure) {
    if (f.goal.kind == domain::GoalKind::kNotMeasurable) return;
    if (!f.counted) {
        f.outcome_text = "Året har inte börjat";
        return;
    }
    if (f.goal.kind == domain::GoalKind::kCount) {
        f.outcome_text = report::CountText(outcome.part, disclosure.threshold, disclosure.suppress);
        if (!f.evaluation.outcome_hidden) f.numerator = outcome.part;
        return;
    }
    const auto share = report::Share(outcome.part, outcome.base, disclosure.threshold, disclosure.suppress);
    if (share && f.evaluation.share_tenths) {
        f.outcome_text = domain::FormatTenths(*f.evaluation.share_tenths) + " % (" + std::to_string(outcome.part) +
                         " av " + std::to_string(outcome.base) + ")";
        f.numerator = outcome.part;
        f.denominator = outcome.base;
        return;
    }
    f.outcome_text = outcome.base == 0 ? "Inget underlag" : "För få för att redovisa";
}

// The period counted for `year` as of `today`: nullopt for a future year.
std::optional<report::Period> CountedPeriod(int year, const domain::Date& today) {
    const domain::YearProgress progress = domain::ProgressOf(year, today);
    if (progress.phase == domain::YearPhase::kFuture) return std::nullopt;
    if (progress.phase == domain::YearPhase::kEnded) return report::Period::Year(year);
    return report::Period{{year, 1, 1}, today};
}

std::string FollowUpAuditDetail(int year, const std::optional<report::Period>& period, size_t goals, bool suppress) {
    nlohmann::json detail = {{"year", year}, {"goals", goals}, {"suppression", suppress}};
    detail["period"] = period ? nlohmann::json{{"from", period->from.ToString()}, {"to", period->to.ToString()}}
                              : nlohmann::json(nullptr);
    return detail.dump();
}

}  // namespace

const domain::GoalVocabulary& GoalService::Vocabulary() {
    static const domain::GoalVocabulary vocabulary = [] {
        domain::GoalVocabulary v;
        for (auto measure : report::AllMeasures()) v.measures.emplace_back(report::MeasureName(measure));
        for (auto dimension : report::AllDimensions()) {
            if (dimension == report::Dimension::kInsats) continue;  // a goal belongs to one insats already
            std::vector<std::string> values = report::ValueDomain(dimension);
            std::erase(values, "FELREG");  // wrong registrations are never counted (domain.md)
            v.dimensions[std::string(report::DimensionName(dimension))] = std::move(values);
        }
        return v;
    }();
    return vocabulary;
}

std::string GoalService::CriteriaText(const domain::Goal& goal) {
    if (goal.kind == domain::GoalKind::kNotMeasurable) return "";
    const auto measure = report::ParseMeasure(goal.measure);
    const std::string label = measure ? std::string(report::MeasureLabel(*measure)) : goal.measure;
    const std::string filter = FilterText(goal);
    if (goal.kind == domain::GoalKind::kCount) return filter.empty() ? label : label + ", " + filter;
    std::string lowered = label;
    // Measure labels begin with an ASCII capital ("Påbörjade"), so one byte lowers it.
    if (!lowered.empty() && lowered[0] >= 'A' && lowered[0] <= 'Z') lowered[0] = static_cast<char>(lowered[0] + 32);
    return "Andel av " + lowered + (filter.empty() ? "" : " med " + filter);
}

Result<long long> GoalService::Create(const domain::Actor& actor, const domain::Goal& input) {
    if (!Can(actor, Action::kAdminGoals, ForbundOf(actor))) return Status::Forbidden();
    domain::Goal goal = domain::NormalizeGoal(input);
    goal.id = 0;
    FOLJSAM_RETURN_IF_ERROR(domain::ValidateGoal(goal, Vocabulary()));
    auto uow = app_.db().Begin();
    if (!uow.ok()) return uow.status();
    auto insats = OwnInsats(**uow, actor, goal.insats_id);
    if (!insats.ok()) return insats.status();
    auto id = store::GoalRepo(**uow).Insert(goal);
    if (!id.ok()) return id.status();
    FOLJSAM_RETURN_IF_ERROR(
        Audit(**uow, &actor, insats->forbund_id, {"goal.create", "goal", *id, insats->id, false, AuditDetail(goal)}));
    FOLJSAM_RETURN_IF_ERROR((*uow)->Commit());
    return *id;
}

Status GoalService::Update(const domain::Actor& actor, const domain::Goal& input) {
    if (!Can(actor, Action::kAdminGoals, ForbundOf(actor))) return Status::Forbidden();
    domain::Goal goal = domain::NormalizeGoal(input);
    FOLJSAM_RETURN_IF_ERROR(domain::ValidateGoal(goal, Vocabulary()));
    auto uow = app_.db().Begin();
    if (!uow.ok()) return uow.status();
    auto existing = OwnGoal(**uow, actor, goal.id);
    if (!existing.ok()) return existing.status();
    const domain::Insats& insats = existing->second;
    goal.insats_id = insats.id;
    FOLJSAM_RETURN_IF_ERROR(store::GoalRepo(**uow).Update(goal));
    FOLJSAM_RETURN_IF_ERROR(
        Audit(**uow, &actor, insats.forbund_id, {"goal.update", "goal", goal.id, insats.id, false, AuditDetail(goal)}));
    return (*uow)->Commit();
}

Status GoalService::Delete(const domain::Actor& actor, long long goal_id) {
    if (!Can(actor, Action::kAdminGoals, ForbundOf(actor))) return Status::Forbidden();
    auto uow = app_.db().Begin();
    if (!uow.ok()) return uow.status();
    auto existing = OwnGoal(**uow, actor, goal_id);
    if (!existing.ok()) return existing.status();
    const auto& [goal, insats] = *existing;
    FOLJSAM_RETURN_IF_ERROR(store::GoalRepo(**uow).Delete(goal_id));
    FOLJSAM_RETURN_IF_ERROR(
        Audit(**uow, &actor, insats.forbund_id, {"goal.delete", "goal", goal_id, insats.id, false, AuditDetail(goal)}));
    return (*uow)->Commit();
}

Result<domain::Goal> GoalService::Get(const domain::Actor& actor, long long goal_id) {
    auto uow = app_.db().Begin(store::Database::Mode::kRead);
    if (!uow.ok()) return uow.status();
    auto existing = OwnGoal(**uow, actor, goal_id);
    if (!existing.ok()) return existing.status();
    if (!MayRead(actor, existing->second)) return Status::Forbidden();
    return existing->first;
}

Result<std::vector<domain::Goal>> GoalService::List(const domain::Actor& actor, long long insats_id, int year) {
    auto uow = app_.db().Begin(store::Database::Mode::kRead);
    if (!uow.ok()) return uow.status();
    auto insats = OwnInsats(**uow, actor, insats_id);
    if (!insats.ok()) return insats.status();
    if (!MayRead(actor, *insats)) return Status::Forbidden();
    return store::GoalRepo(**uow).ListByInsats(insats_id, year);
}

Result<std::vector<GoalFollowUp>> GoalService::Evaluate(const domain::Actor& actor, long long insats_id, int year,
                                                        domain::Date today) {
    if (year < 2000 || year > 2100)
        return Status::InvalidInput("Ange ett år mellan 2000 och 2100.",
                                    {{"year", "Ange ett år mellan 2000 och 2100."}});
    if (!today.IsValid()) return Status::InvalidInput("Ogiltigt datum.");
    auto uow = app_.db().Begin();
    if (!uow.ok()) return uow.status();
    // The same scope and suppression rule as every report: kNotFound, kForbidden as documented.
    auto scope = ResolveScope(**uow, actor, std::set<long long>{insats_id}, false);
    if (!scope.ok()) return scope.status();
    assert(scope->insatser.size() == 1);  // exactly the requested insats, or a failure above
    const domain::Insats& insats = scope->insatser.front();
    auto goals = store::GoalRepo(**uow).ListByInsats(insats_id, year);
    if (!goals.ok()) return goals.status();

    const domain::Disclosure disclosure{scope->suppress, scope->forbund.suppression_threshold};
    const std::optional<report::Period> period = CountedPeriod(year, today);
    const bool any_measurable = std::any_of(
        goals->begin(), goals->end(), [](const domain::Goal& g) { return g.kind != domain::GoalKind::kNotMeasurable; });
    std::vector<report::Fact> facts;
    if (period && any_measurable) {
        auto loaded = store::LoadFacts(**uow, scope->forbund.id, std::set<long long>{insats_id}, *period);
        if (!loaded.ok()) return loaded.status();
        facts = std::move(*loaded);
    }

    std::vector<GoalFollowUp> out;
    for (const domain::Goal& goal : *goals) {
        GoalFollowUp f;
        f.goal = goal;
        f.suppression_applied = disclosure.suppress;
        f.threshold = disclosure.threshold;
        f.target_text = domain::TargetText(goal);
        f.filter_text = FilterText(goal);
        f.criteria_text = CriteriaText(goal);
        if (auto measure = report::ParseMeasure(goal.measure)) f.measure_label = report::MeasureLabel(*measure);
        domain::GoalOutcome outcome;
        if (goal.kind != domain::GoalKind::kNotMeasurable && period) {
            auto counted = OutcomeOf(goal, facts, *period);
            if (!counted.ok()) return counted.status();
            outcome = *counted;
            f.counted = period;
        }
        f.evaluation = domain::EvaluateGoal(goal, outcome, today, disclosure);
        f.status_code = domain::GoalStatusCode(f.evaluation.status);
        f.status_label = domain::GoalStatusLabel(f.evaluation.status);
        DescribeOutcome(f, outcome, disclosure);
        out.push_back(std::move(f));
    }
    FOLJSAM_RETURN_IF_ERROR(Audit(**uow, &actor, insats.forbund_id,
                                  {"goal.followup", "report", std::nullopt, insats.id, false,
                                   FollowUpAuditDetail(year, period, out.size(), disclosure.suppress)}));
    FOLJSAM_RETURN_IF_ERROR((*uow)->Commit());
    return out;
}

}  // namespace foljsam::services

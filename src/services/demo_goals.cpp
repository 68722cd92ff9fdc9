#include "services/demo_goals.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "domain/goal.hpp"
#include "services/goal_service.hpp"

namespace foljsam::services {
namespace {

using domain::Goal;
using domain::GoalComparison;
using domain::GoalKind;

struct DemoGoal {
    size_t insats_idx;  // into the demo's insatser (see the header)
    Goal goal;
};

Goal Count(const char* measure, long long target, const char* description) {
    Goal g;
    g.kind = GoalKind::kCount;
    g.measure = measure;
    g.target_tenths = target * 10;
    g.description = description;
    return g;
}

Goal Share(const char* measure, const char* dimension, std::vector<std::string> values, GoalComparison comparison,
           long long target_percent, long long tolerance_points, const char* description) {
    Goal g;
    g.kind = GoalKind::kShare;
    g.measure = measure;
    g.filter_dimension = dimension;
    g.filter_values = std::move(values);
    g.comparison = comparison;
    g.target_tenths = target_percent * 10;
    g.tolerance_tenths = tolerance_points * 10;
    g.description = description;
    return g;
}

Goal Survey(const char* description) {
    Goal g;
    g.kind = GoalKind::kNotMeasurable;
    g.description = description;
    return g;
}

// clang-format off
std::vector<DemoGoal> DemoGoals() {
    return {
        {0, Count("started", 100, "100 deltagare påbörjar insatsen")},
        {0, Share("ended", "exit_reason", {"ARBETE", "STUDIER", "VARD_REHAB", "FORTSATT_STOD"}, GoalComparison::kAtLeast,
                  60, 0, "60 % går vidare till arbete, studier, vård eller rehabilitering eller medlemmarnas insatser")},
        {0, Survey("90 % anser att de fått rätt stöd (deltagarenkät)")},
        {1, Count("started", 100, "100 deltagare påbörjar insatsen")},
        {1, Share("started", "gender", {"M"}, GoalComparison::kAtLeast, 30, 0, "Andelen män bland deltagarna ökar till 30 %")},
        {2, Share("started", "gender", {"K"}, GoalComparison::kWithin, 50, 10, "Lika många kvinnor som män påbörjar (50 % ± 10)")},
        {2, Count("ended_to_work_or_studies", 20, "20 deltagare går till arbete eller studier")},
        {3, Count("started", 45, "45 unga vuxna påbörjar insatsen")},
    };
}
// clang-format on

}  // namespace

Status AddDemoGoals(App& app, const domain::Actor& admin, const std::vector<long long>& insats_ids, int year) {
    GoalService goals(app);
    std::vector<long long> done;  // insatser that had goals this year before the call
    for (long long insats_id : insats_ids) {
        auto existing = goals.List(admin, insats_id, year);
        if (!existing.ok()) return existing.status();
        if (!existing->empty()) done.push_back(insats_id);
    }
    for (DemoGoal demo : DemoGoals()) {
        if (demo.insats_idx >= insats_ids.size()) continue;
        const long long insats_id = insats_ids[demo.insats_idx];
        if (std::find(done.begin(), done.end(), insats_id) != done.end()) continue;
        demo.goal.insats_id = insats_id;
        demo.goal.year = year;
        auto id = goals.Create(admin, demo.goal);
        if (!id.ok()) return id.status();
    }
    return Status::Ok();
}

}  // namespace foljsam::services

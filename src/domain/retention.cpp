#include "domain/retention.hpp"

#include <algorithm>
#include <map>

namespace foljsam::domain {

bool IsValidRetentionMonths(int months) { return months >= kMinRetentionMonths && months <= kMaxRetentionMonths; }

Date RetainedThrough(const Date& end, int months) { return end.AddMonths(months); }

bool IsDue(const std::optional<Date>& end, int months, const Date& today) {
    return end.has_value() && RetainedThrough(*end, months) < today;
}

Date FirstEndDateNotDue(int months, const Date& today) {
    // Start near the answer and walk: AddMonths clamps month ends, so several end dates
    // (e.g. 29, 30 and 31 January + 1 month) share one retained-through day, and the
    // boundary may lie a few days from today - months.
    Date date = today.AddMonths(-months);
    while (IsDue(date, months, today)) date = date.AddDays(1);
    while (!IsDue(date.AddDays(-1), months, today)) date = date.AddDays(-1);
    return date;
}

RetentionPlan PlanRetention(const std::vector<LinkedParticipation>& linked, int months, const Date& today) {
    std::map<long long, std::vector<const LinkedParticipation*>> by_person;
    for (const auto& p : linked) by_person[p.person_id].push_back(&p);
    RetentionPlan plan;
    for (const auto& [person_id, participations] : by_person) {
        const bool all_due =
            std::all_of(participations.begin(), participations.end(),
                        [&](const LinkedParticipation* p) { return IsDue(p->end_date, months, today); });
        if (all_due) plan.persons.push_back(person_id);
        for (const LinkedParticipation* p : participations) {
            if (all_due) {
                plan.removed.push_back(*p);
            } else if (IsDue(p->end_date, months, today)) {
                plan.held.push_back(*p);
            }
        }
    }
    return plan;
}

}  // namespace foljsam::domain

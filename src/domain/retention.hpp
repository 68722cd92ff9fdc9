#pragma once
// Retention (gallring, issue 5 item 5): when the identity behind participations may no
// longer be kept. Each association sets a retention period in whole months (its
// "gallringsfrist", default 36).
//
// A participation is due when it has ended and the period after its end date has passed:
// the identity may be kept through end date + months (clamped to the end of a shorter
// month: 2021-08-31 + 6 months is 2022-02-28) and is due from the day after. A
// participation without an end date (referred, waiting, ongoing) is never due.
//
// The identity belongs to the person, who may have several participations with the same
// controller (or episodes in one insats under one participant code). A person's identity
// is removed only when every one of its participations is due; until then its due
// participations are held. Two reasons: the registrar still needs the identity for the
// later participation, and removing the link from one episode only would make that episode
// count as another person in persons_participated, changing reports of past years.
// Retention thus runs from the person's last end date, as Swedish gallring usually runs
// from the last entry.
//
// Plain values and pure functions; thread-safe.

#include <optional>
#include <vector>

#include "domain/date.hpp"

namespace foljsam::domain {

inline constexpr int kDefaultRetentionMonths = 36;
inline constexpr int kMinRetentionMonths = 1;
inline constexpr int kMaxRetentionMonths = 600;

// True for a retention period the association may choose: 1 to 600 months.
bool IsValidRetentionMonths(int months);

// The last day the identity of a participation that ended on `end` may be kept.
Date RetainedThrough(const Date& end, int months);

// True when a participation that ended on `end` (nullopt: has not ended) is due on `today`.
bool IsDue(const std::optional<Date>& end, int months, const Date& today);

// The earliest end date that is not due on `today`: every end date before it is due, none
// on or after it (IsDue is monotone in the end date). Lets the store select by a plain
// date comparison.
Date FirstEndDateNotDue(int months, const Date& today);

// A participation linked to a person (participant code or identity).
struct LinkedParticipation {
    long long participation_id = 0;
    long long insats_id = 0;
    long long person_id = 0;
    std::optional<Date> end_date;
};

struct RetentionPlan {
    // Persons every one of whose participations is due, ascending, and those participations.
    std::vector<long long> persons;
    std::vector<LinkedParticipation> removed;
    // Due participations kept because their person has a participation that is not due.
    std::vector<LinkedParticipation> held;
};

// Which persons lose their identity on `today` under a retention period of `months`, given
// every participation linked to a person (in any order).
RetentionPlan PlanRetention(const std::vector<LinkedParticipation>& linked, int months, const Date& today);

}  // namespace foljsam::domain

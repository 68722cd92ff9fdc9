#pragma once
// Goals (förväntat resultat, issue 3 item 4): the association's administrator defines goals
// per insats and year on the report measures; everyone who may see the insats follows
// them up against the outcome so far.
//
// Access: writing needs policy kAdminGoals (the förbundsadministratör); reading goals and
// their follow-up needs kViewInsats on the insats. An insats or goal of another
// association is reported as missing (kNotFound), never as forbidden, so ids do not leak.
// Each call is one transaction. Create, Update and Delete leave an audit event
// ("goal.create", "goal.update", "goal.delete", entity "goal"); Evaluate is a report read
// and leaves "goal.followup" (entity "report") with the insats, year, period and whether
// suppression applied, never a value.
//
// Outcomes are counted by the report engine (report::Compute over store::LoadFacts) for the
// goal's year: the whole year once it has ended, 1 January up to `today` while it runs,
// nothing for a future year. Scope and suppression are decided as for reports
// (services/report_scope.hpp, ResolveScope): unless the actor has personal-data access to the insats, small counts show
// as "<5", shares only over a base of at least the threshold, and GoalFollowUp never carries a value the actor may not
// see. Thread-safe.

#include <optional>
#include <string>
#include <vector>

#include "common/status.hpp"
#include "domain/actor.hpp"
#include "domain/date.hpp"
#include "domain/goal.hpp"
#include "report/period.hpp"
#include "services/app.hpp"

namespace foljsam::services {

// One goal as followed up by one viewer.
struct GoalFollowUp {
    domain::Goal goal;
    std::string measure_label;  // Swedish, e.g. "Påbörjade"; "" for NOT_MEASURABLE
    std::string filter_text;    // e.g. "Kön: Man", "Avslutsorsak: Arbete, Studier"; "" without a filter
    std::string criteria_text;  // CriteriaText(goal)
    std::string target_text;    // domain::TargetText, e.g. "minst 30 %"
    // The outcome so far as this viewer may see it: "112", "<5" (report::CountText),
    // "31,4 % (33 av 105)" (a share only when report::Share and the goal rules allow it),
    // "För få för att redovisa", "Inget underlag", "Året har inte börjat"; "" for NOT_MEASURABLE.
    std::string outcome_text;
    // The counts behind it, only when shown to this viewer: numerator = the (filtered)
    // measure, denominator = the measure's total (SHARE only).
    std::optional<long long> numerator;
    std::optional<long long> denominator;
    domain::GoalEvaluation evaluation;
    std::string status_code;   // domain::GoalStatusCode, e.g. "ON_TRACK"
    std::string status_label;  // Swedish, e.g. "I fas"
    // The period counted; nullopt for a future year and for NOT_MEASURABLE goals.
    std::optional<report::Period> counted;
    bool suppression_applied = true;  // small numbers are hidden from this viewer
    int threshold = 5;                // the association's suppression threshold
};

class GoalService {
   public:
    explicit GoalService(App& app) : app_(app) {}

    // What goals may name: every report measure, and every report dimension but insats
    // with its value domain (empty for the open dimensions) less FELREG, which no measure
    // counts. Static data; thread-safe.
    static const domain::GoalVocabulary& Vocabulary();
    // What a goal counts, in words: "Påbörjade", "Påbörjade, Kön: Man", "Andel av påbörjade
    // med Kön: Man"; "" for NOT_MEASURABLE. Names outside the vocabulary are shown as they are.
    static std::string CriteriaText(const domain::Goal& goal);

    // Creates `goal` for insats goal.insats_id (goal.id is ignored) after NormalizeGoal and
    // ValidateGoal. Returns the new id. Failure: kForbidden without kAdminGoals;
    // kInvalidInput with field errors; kNotFound when the insats is not the actor's
    // association's; kUnavailable/kInternal.
    Result<long long> Create(const domain::Actor& actor, const domain::Goal& goal);
    // Replaces every field of goal goal.id but its insats (goal.insats_id is ignored).
    // Failure as Create, and kNotFound for an unknown goal.
    Status Update(const domain::Actor& actor, const domain::Goal& goal);
    // Failure: kForbidden without kAdminGoals; kNotFound for an unknown goal.
    Status Delete(const domain::Actor& actor, long long goal_id);

    // One goal. Failure: kNotFound (also another association's); kForbidden without
    // kViewInsats on its insats (or kAdminGoals).
    Result<domain::Goal> Get(const domain::Actor& actor, long long goal_id);
    // The goals of insats `insats_id` in `year`, in creation order. Failure: kNotFound,
    // kForbidden as Get.
    Result<std::vector<domain::Goal>> List(const domain::Actor& actor, long long insats_id, int year);

    // Follows up the goals of insats `insats_id` in `year` as of `today` (normally
    // domain::Today()), in creation order. Failure: kNotFound for an insats outside the
    // actor's association; kForbidden without kViewInsats (or without an association);
    // kInvalidInput for a year outside
    // 2000..2100 or an invalid `today`; kInternal for a stored goal naming an unknown
    // measure or dimension; kUnavailable.
    Result<std::vector<GoalFollowUp>> Evaluate(const domain::Actor& actor, long long insats_id, int year,
                                               domain::Date today);

   private:
    App& app_;
};

}  // namespace foljsam::services

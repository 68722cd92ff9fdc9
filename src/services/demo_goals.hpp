#pragma once
// Demo goals (förväntat resultat) of the demo insatser, worded as domain.md's annual plan
// examples: a count of starts, the share of men among those who started, the share that
// ended to work, studies, care or the members' services, an equal gender share ± 10, and a
// survey goal that cannot be measured from registered data. Part of FillDemo; written
// through GoalService, so validation, access and audit apply. Thread-safe as GoalService.

#include <vector>

#include "common/status.hpp"
#include "domain/actor.hpp"
#include "services/app.hpp"

namespace foljsam::services {

// Adds the demo goals of `year` for the demo insatser `insats_ids` (in the demo's order:
// FINSAM-team, Aktivitetsplatsen, IPS i psykosvården, Novum, IPS för personer med beroende)
// as `admin` (a förbundsadministratör). An insats that already has goals that year is left
// alone, so a repeated fill adds nothing. Failure: the first failing GoalService call.
Status AddDemoGoals(App& app, const domain::Actor& admin, const std::vector<long long>& insats_ids, int year);

}  // namespace foljsam::services

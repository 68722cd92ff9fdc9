#pragma once
// A participation as JSON and back, for the state an import replaced (so undo can put it
// back). Holds exactly the participation's own columns and answers: pseudonymous data,
// never a personnummer or a name. Pure functions; thread-safe.

#include <string>

#include "common/status.hpp"
#include "domain/participation.hpp"

namespace foljsam::services {

std::string ParticipationToJson(const domain::Participation& p);
// Failure: kCorrupt when the text is not a participation written by ParticipationToJson.
Result<domain::Participation> ParticipationFromJson(const std::string& text);

}  // namespace foljsam::services

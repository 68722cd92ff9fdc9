#pragma once
// Demo population figures for the Stockholm districts the demo's participants live in, so
// the follow-up shows participants per 10 000 inhabitants. Part of FillDemo; written
// through PopulationService, so validation, access and audit apply. Thread-safe as
// PopulationService.

#include "common/status.hpp"
#include "domain/actor.hpp"
#include "services/app.hpp"

namespace foljsam::services {

// Sets the demo figures as `admin` (a förbundsadministratör) unless the association has
// figures already, so a repeated fill changes nothing. Failure: PopulationService's.
Status AddDemoPopulation(App& app, const domain::Actor& admin);

}  // namespace foljsam::services

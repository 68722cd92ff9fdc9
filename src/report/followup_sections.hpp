#pragma once
// Internal to the follow-up: the sections between the overview and the trends. Each runs
// its engine queries through followup::Run and returns its display tables; failure only
// for an invalid query or threshold (see BuildFollowUp).

#include "common/status.hpp"
#include "report/followup_tables.hpp"

namespace foljsam::report::followup {

// Who started: the profile at start by each intake answer, by gender.
Result<ViewSection> Profile(Context& ctx);
// Exits: reasons, work or studies by gender, occupation and support after, transitions.
Result<ViewSection> Exits(Context& ctx);
// Equality and reach: gender per insats against its target, referrals per member and
// insats, participants per district or municipality.
Result<ViewSection> Equality(Context& ctx);

}  // namespace foljsam::report::followup

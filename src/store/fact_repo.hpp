#pragma once
// Report facts: the participations of an association flattened to report::Fact, the
// input of the report engine. Reads only; runs inside the caller's UnitOfWork.

#include <optional>
#include <set>
#include <vector>

#include "common/status.hpp"
#include "report/fact.hpp"
#include "report/period.hpp"
#include "store/database.hpp"

namespace foljsam::store {

// The facts of every participation of association `forbund_id` that can count towards
// some measure over `period`: referred, started or ended in it, or active on some day of
// it (started on or before `to` and not ended before `from`). FELREG participations are
// left out (no measure counts them). `insatser` limits the insatser; nullopt means every
// insats of the association, an empty set none. Ids of another association's insatser
// simply match nothing.
//
// Each fact carries: person_key = person id (a participant-code person is per insats, an
// identity person per controller, so the id is the distinct-person key in both modes;
// empty for anonymous participations; for a participation whose identity was removed by
// gallring, its former person's id, with anonymous false, so reports do not change);
// referrer_member = the member type of the referring organisation's top-level member,
// or EGENANMALAN / ANNAN; referrer_unit = the referring organisation's name when it is a
// unit (not a member); district = the residence district code, or the special residence
// code (HEMLOS, OKAND) when no district is given; kommun = the residence kommunkod;
// support_at_start, support_after and target_groups from their tables. Five statements
// whatever the number of participations. Failure: kUnavailable or kInternal from the
// database.
Result<std::vector<report::Fact>> LoadFacts(UnitOfWork& uow, long long forbund_id,
                                            const std::optional<std::set<long long>>& insatser,
                                            const report::Period& period);

}  // namespace foljsam::store

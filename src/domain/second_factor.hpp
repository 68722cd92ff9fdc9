#pragma once
// Who must log in with two factors (issue 5, item 3): every role that can see personal data
// (deltagaransvarig) and every administrator, when their association requires it.
// Pure; thread-safe.

#include "domain/actor.hpp"

namespace foljsam::domain {

inline bool NeedsSecondFactor(const Actor& actor) {
    for (const auto& r : actor.roles)
        if (r.role == Role::kSystemAdmin || r.role == Role::kForbundAdmin || r.role == Role::kDeltagarAnsvarig)
            return true;
    return false;
}

}  // namespace foljsam::domain

#pragma once
// The authenticated user on whose behalf a service call runs: the user, the role
// assignments active today, and the chain of organisations that employ the user (the
// employer and every organisation above it). Built by services::AuthService only.

#include <vector>

#include "domain/user.hpp"

namespace foljsam::domain {

struct Actor {
    User user;
    std::vector<RoleAssignment> roles;      // active today
    std::vector<long long> employer_chain;  // employer first, then its parents

    bool HasRole(Role role) const {
        for (const auto& r : roles)
            if (r.role == role) return true;
        return false;
    }
};

}  // namespace foljsam::domain

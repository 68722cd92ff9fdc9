#pragma once
// Users, their roles and role assignments (design.md, "Who uses it"). Plain value types.

#include <optional>
#include <string>
#include <vector>

#include "domain/date.hpp"

namespace foljsam::domain {

enum class Role { kSystemAdmin, kForbundAdmin, kInsatsAnsvarig, kDeltagarAnsvarig, kAnalytiker, kLasare };

// Stable codes: SYSTEMADMIN, FORBUNDSADMIN, INSATSANSVARIG, DELTAGARANSVARIG, ANALYTIKER, LASARE.
const char* RoleCode(Role role);
std::optional<Role> ParseRole(std::string_view code);
// Swedish label, e.g. "Deltagaransvarig".
const char* RoleLabel(Role role);

struct RoleAssignment {
    long long id = 0;
    Role role = Role::kLasare;
    std::optional<long long> forbund_id;
    std::optional<long long> insats_id;  // insats roles are scoped to one insats
    Date valid_from;
    std::optional<Date> valid_to;  // access ends on this day

    bool ActiveOn(const Date& day) const { return valid_from <= day && (!valid_to || day < *valid_to); }
};

struct User {
    long long id = 0;
    std::optional<long long> forbund_id;
    std::string username;
    std::string display_name;
    std::optional<long long> organisation_id;  // employer
    bool active = true;
    bool must_change_password = false;
};

}  // namespace foljsam::domain

#include "domain/user.hpp"

#include <array>

namespace foljsam::domain {
namespace {
struct RoleInfo {
    Role role;
    const char* code;
    const char* label;
};
constexpr std::array<RoleInfo, 6> kRoles{{
    {Role::kSystemAdmin, "SYSTEMADMIN", "Systemadministratör"},
    {Role::kForbundAdmin, "FORBUNDSADMIN", "Förbundsadministratör"},
    {Role::kInsatsAnsvarig, "INSATSANSVARIG", "Insatsansvarig"},
    {Role::kDeltagarAnsvarig, "DELTAGARANSVARIG", "Deltagaransvarig"},
    {Role::kAnalytiker, "ANALYTIKER", "Analytiker"},
    {Role::kLasare, "LASARE", "Läsare"},
}};
}  // namespace

const char* RoleCode(Role role) {
    for (const auto& r : kRoles)
        if (r.role == role) return r.code;
    return "LASARE";
}

const char* RoleLabel(Role role) {
    for (const auto& r : kRoles)
        if (r.role == role) return r.label;
    return "Läsare";
}

std::optional<Role> ParseRole(std::string_view code) {
    for (const auto& r : kRoles)
        if (code == r.code) return r.role;
    return std::nullopt;
}

}  // namespace foljsam::domain

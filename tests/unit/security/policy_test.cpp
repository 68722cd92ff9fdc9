// The access matrix of security/policy: every role x every action x (own insats, another
// insats of the same association, another association), against one table.

#include "security/policy.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace foljsam::security::policy {
namespace {

using domain::Role;

constexpr long long kForbund = 1;
constexpr long long kOtherForbund = 2;
constexpr long long kOwnInsats = 10;
constexpr long long kOtherInsats = 11;
constexpr long long kController = 100;      // member running the identity insats
constexpr long long kControllerUnit = 101;  // unit under it
constexpr long long kOtherMember = 200;

domain::Actor ActorWith(Role role, long long employer) {
    domain::Actor a;
    a.user.id = 5;
    a.user.forbund_id = kForbund;
    a.user.active = true;
    domain::RoleAssignment r;
    r.role = role;
    r.forbund_id = kForbund;
    if (role == Role::kInsatsAnsvarig || role == Role::kDeltagarAnsvarig) r.insats_id = kOwnInsats;
    a.roles.push_back(r);
    a.employer_chain = {employer};
    if (employer == kControllerUnit) a.employer_chain.push_back(kController);
    return a;
}

enum class Scope { kOwnInsats, kOtherInsats, kOtherForbund };

Resource ResourceFor(Scope scope) {
    switch (scope) {
        case Scope::kOwnInsats:
            return {kForbund, kOwnInsats, kController, true};
        case Scope::kOtherInsats:
            return {kForbund, kOtherInsats, kController, true};
        case Scope::kOtherForbund:
            return {kOtherForbund, kOwnInsats, kController, true};
    }
    return {};
}

struct Row {
    const char* who;
    Role role;
    long long employer;
    Action action;
    bool own, other_insats, other_forbund;
};

// The table: what each role may do. Identity only for a registrar of the controller.
const Row kMatrix[] = {
    {"systemadmin", Role::kSystemAdmin, kOtherMember, Action::kViewInsats, false, false, false},
    {"systemadmin", Role::kSystemAdmin, kOtherMember, Action::kViewParticipations, false, false, false},
    {"systemadmin", Role::kSystemAdmin, kOtherMember, Action::kViewIdentity, false, false, false},
    {"systemadmin", Role::kSystemAdmin, kOtherMember, Action::kAdminInsatser, false, false, false},
    {"systemadmin", Role::kSystemAdmin, kOtherMember, Action::kAdminGoals, false, false, false},
    {"forbundsadmin", Role::kForbundAdmin, kController, Action::kViewInsats, true, true, false},
    {"forbundsadmin", Role::kForbundAdmin, kController, Action::kViewParticipations, false, false, false},
    {"forbundsadmin", Role::kForbundAdmin, kController, Action::kWriteParticipation, false, false, false},
    {"forbundsadmin", Role::kForbundAdmin, kController, Action::kViewIdentity, false, false, false},
    {"forbundsadmin", Role::kForbundAdmin, kController, Action::kAdminOrganisations, true, true, false},
    {"forbundsadmin", Role::kForbundAdmin, kController, Action::kAdminInsatser, true, true, false},
    {"forbundsadmin", Role::kForbundAdmin, kController, Action::kAdminUsers, true, true, false},
    {"forbundsadmin", Role::kForbundAdmin, kController, Action::kAdminGoals, true, true, false},
    {"forbundsadmin", Role::kForbundAdmin, kController, Action::kViewAudit, true, true, false},
    {"insatsansvarig", Role::kInsatsAnsvarig, kController, Action::kViewInsats, true, false, false},
    {"insatsansvarig", Role::kInsatsAnsvarig, kController, Action::kViewParticipations, false, false, false},
    {"insatsansvarig", Role::kInsatsAnsvarig, kController, Action::kViewIdentity, false, false, false},
    {"insatsansvarig", Role::kInsatsAnsvarig, kController, Action::kAdminInsatser, false, false, false},
    {"insatsansvarig", Role::kInsatsAnsvarig, kController, Action::kAdminGoals, false, false, false},
    {"registrar of controller", Role::kDeltagarAnsvarig, kControllerUnit, Action::kViewInsats, true, false, false},
    {"registrar of controller", Role::kDeltagarAnsvarig, kControllerUnit, Action::kViewParticipations, true, false,
     false},
    {"registrar of controller", Role::kDeltagarAnsvarig, kControllerUnit, Action::kWriteParticipation, true, false,
     false},
    {"registrar of controller", Role::kDeltagarAnsvarig, kControllerUnit, Action::kViewIdentity, true, false, false},
    {"registrar of controller", Role::kDeltagarAnsvarig, kControllerUnit, Action::kAdminUsers, false, false, false},
    {"registrar of controller", Role::kDeltagarAnsvarig, kControllerUnit, Action::kAdminGoals, false, false, false},
    {"registrar of other member", Role::kDeltagarAnsvarig, kOtherMember, Action::kViewParticipations, true, false,
     false},
    {"registrar of other member", Role::kDeltagarAnsvarig, kOtherMember, Action::kWriteParticipation, true, false,
     false},
    {"registrar of other member", Role::kDeltagarAnsvarig, kOtherMember, Action::kViewIdentity, false, false, false},
    {"analytiker", Role::kAnalytiker, kController, Action::kViewInsats, true, true, false},
    {"analytiker", Role::kAnalytiker, kController, Action::kViewParticipations, false, false, false},
    {"analytiker", Role::kAnalytiker, kController, Action::kViewIdentity, false, false, false},
    {"analytiker", Role::kAnalytiker, kController, Action::kAdminGoals, false, false, false},
    {"lasare", Role::kLasare, kController, Action::kViewInsats, true, true, false},
    {"lasare", Role::kLasare, kController, Action::kViewParticipations, false, false, false},
    {"lasare", Role::kLasare, kController, Action::kAdminOrganisations, false, false, false},
    {"lasare", Role::kLasare, kController, Action::kAdminGoals, false, false, false},
};

TEST(Policy, EveryRoleActionAndScopeMatchesTheTable) {
    for (const Row& row : kMatrix) {
        const domain::Actor actor = ActorWith(row.role, row.employer);
        EXPECT_EQ(Can(actor, row.action, ResourceFor(Scope::kOwnInsats)), row.own)
            << row.who << " action " << static_cast<int>(row.action) << " on own insats";
        EXPECT_EQ(Can(actor, row.action, ResourceFor(Scope::kOtherInsats)), row.other_insats)
            << row.who << " action " << static_cast<int>(row.action) << " on another insats";
        EXPECT_EQ(Can(actor, row.action, ResourceFor(Scope::kOtherForbund)), row.other_forbund)
            << row.who << " action " << static_cast<int>(row.action) << " in another association";
    }
}

TEST(Policy, IdentityNeedsAnInsatsRegisteredWithIdentity) {
    const domain::Actor registrar = ActorWith(Role::kDeltagarAnsvarig, kControllerUnit);
    Resource without_identity{kForbund, kOwnInsats, kController, false};
    EXPECT_FALSE(Can(registrar, Action::kViewIdentity, without_identity));
    EXPECT_TRUE(Can(registrar, Action::kViewParticipations, without_identity));
}

TEST(Policy, AdministratorRoleNeverGrantsIdentityEvenWhenAlsoEmployedByTheController) {
    domain::Actor admin = ActorWith(Role::kForbundAdmin, kController);
    for (Scope scope : {Scope::kOwnInsats, Scope::kOtherInsats})
        EXPECT_FALSE(Can(admin, Action::kViewIdentity, ResourceFor(scope)));
}

TEST(Policy, InactiveUserMayDoNothing) {
    domain::Actor registrar = ActorWith(Role::kDeltagarAnsvarig, kControllerUnit);
    registrar.user.active = false;
    EXPECT_FALSE(Can(registrar, Action::kViewParticipations, ResourceFor(Scope::kOwnInsats)));
    EXPECT_FALSE(Can(registrar, Action::kViewIdentity, ResourceFor(Scope::kOwnInsats)));
}

TEST(Policy, UserWithoutAssociationMayDoNothing) {
    domain::Actor registrar = ActorWith(Role::kDeltagarAnsvarig, kControllerUnit);
    registrar.user.forbund_id.reset();
    EXPECT_FALSE(Can(registrar, Action::kViewInsats, ResourceFor(Scope::kOwnInsats)));
}

TEST(RoleAssignment, AccessEndsOnTheEndDate) {
    domain::RoleAssignment r;
    r.valid_from = {2026, 1, 1};
    r.valid_to = domain::Date{2026, 6, 30};
    EXPECT_FALSE(r.ActiveOn({2025, 12, 31}));
    EXPECT_TRUE(r.ActiveOn({2026, 1, 1}));
    EXPECT_TRUE(r.ActiveOn({2026, 6, 29}));
    EXPECT_FALSE(r.ActiveOn({2026, 6, 30}));
}

}  // namespace
}  // namespace foljsam::security::policy

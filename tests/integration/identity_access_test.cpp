// Use case: who may see and search identities (design.md, "Who uses it"). The insats
// registers with identity and its controller (personuppgiftsansvarig) is Region X.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "domain/organisation.hpp"
#include "services/participation_service.hpp"
#include "store/database.hpp"
#include "store/organisation_repo.hpp"
#include "support/test_app.hpp"

namespace {

namespace ft = foljsam::testing;
using foljsam::StatusCode;
using foljsam::domain::Actor;
using foljsam::domain::Role;
using foljsam::services::ListQuery;

class IdentityAccess : public ::testing::Test {
   protected:
    void SetUp() override {
        region_x_ = t_.CreateMember("Region X", "REGION");
        clinic_ = t_.CreateUnit(region_x_, "Psykosmottagning X");
        kommun_ = t_.CreateMember("Kommun Y", "KOMMUN");
        insats_ = t_.CreateInsats("IPS Region X", region_x_, ft::RegistrationMode::kWithIdentity);
        controller_registrar_ = t_.CreateRegistrar("reg.region", clinic_, {insats_});
        other_member_registrar_ = t_.CreateRegistrar("reg.kommun", kommun_, {insats_});
        unassigned_registrar_ =
            t_.CreateRegistrar("reg.oassignerad", clinic_,
                               {t_.CreateInsats("Annan insats", region_x_, ft::RegistrationMode::kWithIdentity)});
        analyst_ = t_.CreateUser("analytiker", Role::kAnalytiker, std::nullopt);

        auto first = t_.participations().Register(
            controller_registrar_, insats_,
            ft::WithIdentity(ft::StartedParticipation(), ft::kPnrWoman1988, "Åsa Öberg-Testsson"));
        auto second = t_.participations().Register(
            controller_registrar_, insats_, ft::WithIdentity(ft::EndedParticipation(), ft::kPnrMan1970, "Bo Lind"));
        auto anonymous =
            t_.participations().Register(controller_registrar_, insats_, ft::Anonymous(ft::StartedParticipation()));
        if (!first.ok() || !second.ok() || !anonymous.ok())
            throw std::runtime_error("registration failed: " + ft::Describe(first.status()) + " / " +
                                     ft::Describe(second.status()) + " / " + ft::Describe(anonymous.status()));
        asa_ = *first;
        bo_ = *second;
        anonymous_ = *anonymous;
    }

    foljsam::Result<foljsam::services::ParticipationPage> Search(const Actor& actor, const std::string& text) {
        ListQuery query;
        query.search = text;
        return t_.participations().List(actor, insats_, query);
    }

    ft::TestApp t_;
    long long region_x_ = 0, clinic_ = 0, kommun_ = 0, insats_ = 0;
    long long asa_ = 0, bo_ = 0, anonymous_ = 0;
    Actor controller_registrar_, other_member_registrar_, unassigned_registrar_, analyst_;
};

TEST_F(IdentityAccess, ControllerRegistrarSeesIdentityInGet) {
    auto view = t_.participations().Get(controller_registrar_, asa_);
    ASSERT_TRUE(view.ok()) << ft::Describe(view.status());
    EXPECT_TRUE(view->can_view_identity);
    ASSERT_TRUE(view->identity.has_value());
    EXPECT_EQ(view->identity->personnummer, "19880104-2386");
    EXPECT_EQ(view->identity->name, "Åsa Öberg-Testsson");
}

TEST_F(IdentityAccess, ControllerRegistrarSeesIdentityInList) {
    auto page = t_.participations().List(controller_registrar_, insats_, {});
    ASSERT_TRUE(page.ok()) << ft::Describe(page.status());
    EXPECT_TRUE(page->can_view_identity);
    ASSERT_EQ(page->total, 3);
    ASSERT_EQ(page->rows.size(), 3u);
    int identified = 0;
    for (const auto& row : page->rows) {
        if (row.participation.id == anonymous_) {
            EXPECT_FALSE(row.identity.has_value());
            continue;
        }
        ASSERT_TRUE(row.identity.has_value()) << row.participation.id;
        ++identified;
        if (row.participation.id == asa_) {
            EXPECT_EQ(row.identity->personnummer, "19880104-2386");
        }
        if (row.participation.id == bo_) {
            EXPECT_EQ(row.identity->name, "Bo Lind");
        }
    }
    EXPECT_EQ(identified, 2);
}

TEST_F(IdentityAccess, ControllerRegistrarSearchesByPersonnummerInAnyFormat) {
    for (const char* form : {"198801042386", "19880104-2386", "8801042386", "880104-2386", " 880104-2386 "}) {
        auto page = Search(controller_registrar_, form);
        ASSERT_TRUE(page.ok()) << form << ": " << ft::Describe(page.status());
        ASSERT_EQ(page->rows.size(), 1u) << form;
        EXPECT_EQ(page->rows[0].participation.id, asa_) << form;
        EXPECT_EQ(page->total, 1) << form;
    }
}

TEST_F(IdentityAccess, SearchForAnUnknownPersonnummerFindsNothing) {
    auto page = Search(controller_registrar_, ft::kPnrWoman1985);
    ASSERT_TRUE(page.ok()) << ft::Describe(page.status());
    EXPECT_EQ(page->total, 0);
    EXPECT_TRUE(page->rows.empty());
}

TEST_F(IdentityAccess, SearchForAnInvalidPersonnummerNamesTheSearchField) {
    auto page = Search(controller_registrar_, ft::kPnrBadCheckDigit);
    EXPECT_TRUE(ft::NamesField(page.status(), "search")) << ft::Describe(page.status());
}

TEST_F(IdentityAccess, ControllerRegistrarSearchesByPartOfTheName) {
    for (const char* part : {"öberg", "ÖBERG", "Åsa", "testsson"}) {
        auto page = Search(controller_registrar_, part);
        ASSERT_TRUE(page.ok()) << part << ": " << ft::Describe(page.status());
        ASSERT_EQ(page->rows.size(), 1u) << part;
        EXPECT_EQ(page->rows[0].participation.id, asa_) << part;
    }
    auto bo = Search(controller_registrar_, "lind");
    ASSERT_TRUE(bo.ok());
    ASSERT_EQ(bo->rows.size(), 1u);
    EXPECT_EQ(bo->rows[0].participation.id, bo_);
    auto nobody = Search(controller_registrar_, "Kalle");
    ASSERT_TRUE(nobody.ok());
    EXPECT_TRUE(nobody->rows.empty());
}

TEST_F(IdentityAccess, AssociationAdministratorIsForbidden) {
    EXPECT_EQ(t_.participations().Get(t_.admin(), asa_).status().code(), StatusCode::kForbidden);
    EXPECT_EQ(t_.participations().List(t_.admin(), insats_, {}).status().code(), StatusCode::kForbidden);
    EXPECT_EQ(Search(t_.admin(), ft::kPnrWoman1988).status().code(), StatusCode::kForbidden);
}

TEST_F(IdentityAccess, RegistrarOfAnotherMemberSeesParticipationsWithoutIdentity) {
    auto view = t_.participations().Get(other_member_registrar_, asa_);
    ASSERT_TRUE(view.ok()) << ft::Describe(view.status());
    EXPECT_FALSE(view->can_view_identity);
    EXPECT_FALSE(view->identity.has_value());
    EXPECT_EQ(view->participation.intake.education, "GYMN");

    auto page = t_.participations().List(other_member_registrar_, insats_, {});
    ASSERT_TRUE(page.ok()) << ft::Describe(page.status());
    EXPECT_FALSE(page->can_view_identity);
    EXPECT_EQ(page->total, 3);
    for (const auto& row : page->rows) EXPECT_FALSE(row.identity.has_value()) << row.participation.id;
}

TEST_F(IdentityAccess, RegistrarOfAnotherMemberMayNotSearch) {
    for (const char* text : {ft::kPnrWoman1988, "880104-2386", "Åsa", "lind"}) {
        auto page = Search(other_member_registrar_, text);
        EXPECT_EQ(page.status().code(), StatusCode::kForbidden) << text;
    }
}

TEST_F(IdentityAccess, RegistrarOfAnotherMemberMayNotEnterIdentities) {
    auto id = t_.participations().Register(other_member_registrar_, insats_,
                                           ft::WithIdentity(ft::StartedParticipation(), ft::kPnrWoman1985, "Eva Test"));
    EXPECT_EQ(id.status().code(), StatusCode::kForbidden) << ft::Describe(id.status());
    // Anonymous participations are still possible for every assigned registrar.
    auto anonymous =
        t_.participations().Register(other_member_registrar_, insats_, ft::Anonymous(ft::StartedParticipation()));
    EXPECT_TRUE(anonymous.ok()) << ft::Describe(anonymous.status());
}

TEST_F(IdentityAccess, RegistrarOfAnotherMemberEditsAnswersButKeepsTheIdentity) {
    auto view = t_.participations().Get(other_member_registrar_, asa_);
    ASSERT_TRUE(view.ok());
    foljsam::services::ParticipationInput input;
    input.participation = view->participation;
    input.participation.intake.education = "EFTERGYMN_LANG";
    auto updated = t_.participations().Update(other_member_registrar_, asa_, input);
    ASSERT_TRUE(updated.ok()) << ft::Describe(updated);
    auto after = t_.participations().Get(controller_registrar_, asa_);
    ASSERT_TRUE(after.ok());
    EXPECT_EQ(after->participation.intake.education, "EFTERGYMN_LANG");
    ASSERT_TRUE(after->identity.has_value());
    EXPECT_EQ(after->identity->personnummer, "19880104-2386");
}

TEST_F(IdentityAccess, UnassignedRegistrarIsForbidden) {
    EXPECT_EQ(t_.participations().Get(unassigned_registrar_, asa_).status().code(), StatusCode::kForbidden);
    EXPECT_EQ(t_.participations().List(unassigned_registrar_, insats_, {}).status().code(), StatusCode::kForbidden);
    EXPECT_EQ(t_.participations().History(unassigned_registrar_, asa_).status().code(), StatusCode::kForbidden);
    auto id = t_.participations().Register(unassigned_registrar_, insats_, ft::Anonymous(ft::StartedParticipation()));
    EXPECT_EQ(id.status().code(), StatusCode::kForbidden);
}

TEST_F(IdentityAccess, AnalystIsForbidden) {
    EXPECT_EQ(t_.participations().Get(analyst_, asa_).status().code(), StatusCode::kForbidden);
    EXPECT_EQ(t_.participations().List(analyst_, insats_, {}).status().code(), StatusCode::kForbidden);
    EXPECT_EQ(Search(analyst_, "Åsa").status().code(), StatusCode::kForbidden);
    EXPECT_EQ(t_.participations().History(analyst_, asa_).status().code(), StatusCode::kForbidden);
}

TEST_F(IdentityAccess, ForbiddenReadsLeaveNoViewEvents) {
    const long long before = t_.CountAudit("participation.view") + t_.CountAudit("participation.list");
    (void)t_.participations().Get(analyst_, asa_);
    (void)t_.participations().List(t_.admin(), insats_, {});
    (void)t_.participations().Get(unassigned_registrar_, asa_);
    EXPECT_EQ(t_.CountAudit("participation.view") + t_.CountAudit("participation.list"), before);
}

// An insats of another association is reported as missing, so ids do not leak.
TEST_F(IdentityAccess, InsatsOfAnotherAssociationIsNotFound) {
    long long other_forbund = 0, other_region = 0, other_insats = 0;
    {
        auto uow = t_.app().db().Begin();
        ASSERT_TRUE(uow.ok());
        foljsam::store::OrganisationRepo orgs(**uow);
        foljsam::domain::Forbund forbund;
        forbund.name = "Andra förbundet";
        auto forbund_id = orgs.InsertForbund(forbund);
        ASSERT_TRUE(forbund_id.ok()) << ft::Describe(forbund_id.status());
        other_forbund = *forbund_id;
        foljsam::domain::Organisation region;
        region.forbund_id = other_forbund;
        region.name = "Region Z";
        region.member_type = "REGION";
        auto region_id = orgs.InsertOrganisation(region);
        ASSERT_TRUE(region_id.ok()) << ft::Describe(region_id.status());
        other_region = *region_id;
        foljsam::domain::Insats insats;
        insats.forbund_id = other_forbund;
        insats.name = "IPS Region Z";
        insats.controller_org_id = other_region;
        insats.registration_mode = "MED_ID";
        auto insats_id = orgs.InsertInsats(insats);
        ASSERT_TRUE(insats_id.ok()) << ft::Describe(insats_id.status());
        other_insats = *insats_id;
        ASSERT_TRUE((*uow)->Commit().ok());
    }
    // A registrar of the other association registers someone there.
    foljsam::services::NewUser user;
    user.username = "reg.andra";
    user.display_name = "Andra registratorn";
    user.organisation_id = other_region;
    user.password = ft::kTestPassword;
    user.role = Role::kDeltagarAnsvarig;
    user.insats_ids = {other_insats};
    ASSERT_TRUE(t_.admin_service().CreateUserUnchecked(other_forbund, user).ok());
    auto login = t_.auth().Login("reg.andra", ft::kTestPassword);
    ASSERT_TRUE(login.ok()) << ft::Describe(login.status());
    auto other_id = t_.participations().Register(
        login->actor, other_insats, ft::WithIdentity(ft::StartedParticipation(), ft::kPnrWoman1985, "Eva"));
    ASSERT_TRUE(other_id.ok()) << ft::Describe(other_id.status());

    for (const Actor* actor :
         std::vector<const Actor*>{&controller_registrar_, &other_member_registrar_, &analyst_, &t_.admin()}) {
        EXPECT_EQ(t_.participations().Get(*actor, *other_id).status().code(), StatusCode::kNotFound)
            << actor->user.username;
        EXPECT_EQ(t_.participations().List(*actor, other_insats, {}).status().code(), StatusCode::kNotFound)
            << actor->user.username;
        EXPECT_EQ(t_.participations()
                      .Register(*actor, other_insats, ft::Anonymous(ft::StartedParticipation()))
                      .status()
                      .code(),
                  StatusCode::kNotFound)
            << actor->user.username;
    }
    // And the other way round.
    EXPECT_EQ(t_.participations().Get(login->actor, asa_).status().code(), StatusCode::kNotFound);
    EXPECT_EQ(t_.participations().List(login->actor, insats_, {}).status().code(), StatusCode::kNotFound);
    EXPECT_EQ(t_.CountParticipations(other_insats), 1);
}

TEST_F(IdentityAccess, SamePersonnummerUnderAnotherControllerIsAnotherPerson) {
    long long kommun_insats = t_.CreateInsats("Kommunens insats", kommun_, ft::RegistrationMode::kWithIdentity);
    auto kommun_registrar = t_.CreateRegistrar("reg.kommun2", kommun_, {kommun_insats});
    auto id = t_.participations().Register(kommun_registrar, kommun_insats,
                                           ft::WithIdentity(ft::StartedParticipation(), ft::kPnrWoman1988, "Åsa"));
    ASSERT_TRUE(id.ok()) << ft::Describe(id.status());
    auto here = t_.participations().Get(kommun_registrar, *id);
    auto there = t_.participations().Get(controller_registrar_, asa_);
    ASSERT_TRUE(here.ok() && there.ok());
    EXPECT_NE(here->participation.person_id, there->participation.person_id);
    // The kommun registrar cannot reach the region's insats at all.
    EXPECT_EQ(t_.participations().Get(kommun_registrar, asa_).status().code(), StatusCode::kForbidden);
}

}  // namespace

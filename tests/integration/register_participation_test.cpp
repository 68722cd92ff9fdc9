// Use case: registering participations and moving them through their stages
// (services::ParticipationService on a real SQLite file).

#include <gtest/gtest.h>

#include "services/participation_service.hpp"
#include "support/test_app.hpp"

namespace {

namespace ft = foljsam::testing;
using foljsam::StatusCode;
using foljsam::domain::ParticipationStatus;

class RegisterParticipation : public ::testing::Test {
   protected:
    void SetUp() override {
        region_ = t_.CreateMember("Region Testland", "REGION");
        kommun_ = t_.CreateMember("Teststads kommun", "KOMMUN");
        clinic_ = t_.CreateUnit(region_, "Psykiatrimottagning Test");
        without_id_ = t_.CreateInsats("Steget vidare", kommun_, ft::RegistrationMode::kWithoutIdentity);
        with_id_ = t_.CreateInsats("Rehabteam", region_, ft::RegistrationMode::kWithIdentity);
        registrar_ = t_.CreateRegistrar("reg.region", clinic_, {without_id_, with_id_});
    }

    foljsam::services::ParticipationView MustGet(long long id) {
        auto view = t_.participations().Get(registrar_, id);
        if (!view.ok()) throw std::runtime_error(ft::Describe(view.status()));
        return *view;
    }

    ft::TestApp t_;
    long long region_ = 0, kommun_ = 0, clinic_ = 0, without_id_ = 0, with_id_ = 0;
    foljsam::domain::Actor registrar_;
};

TEST_F(RegisterParticipation, WithoutIdentityStoresCodeAndBirthYear) {
    auto id =
        t_.participations().Register(registrar_, without_id_, ft::WithCode(ft::StartedParticipation(), "SV-001", 1990));
    ASSERT_TRUE(id.ok()) << ft::Describe(id.status());
    auto view = MustGet(*id);
    EXPECT_EQ(view.participant_code, "SV-001");
    EXPECT_EQ(view.participation.birth_year, 1990);
    EXPECT_EQ(view.participation.insats_id, without_id_);
    EXPECT_EQ(view.participation.status(), ParticipationStatus::kPagaende);
    EXPECT_EQ(view.participation.version, 1);
    EXPECT_TRUE(view.participation.person_id.has_value());
    EXPECT_FALSE(view.participation.anonymous);
    EXPECT_FALSE(view.identity.has_value());
    EXPECT_FALSE(view.can_view_identity);
    // Every intake answer comes back as registered.
    EXPECT_EQ(view.participation.intake, ft::StartedParticipation().intake);
}

TEST_F(RegisterParticipation, WithIdentityAcceptsTwelveDigits) {
    auto id = t_.participations().Register(
        registrar_, with_id_, ft::WithIdentity(ft::StartedParticipation(), ft::kPnrWoman1988, "Åsa Testsson"));
    ASSERT_TRUE(id.ok()) << ft::Describe(id.status());
    auto view = MustGet(*id);
    ASSERT_TRUE(view.identity.has_value());
    EXPECT_EQ(view.identity->personnummer, "19880104-2386");
    EXPECT_EQ(view.identity->name, "Åsa Testsson");
    EXPECT_TRUE(view.can_view_identity);
    EXPECT_EQ(view.participation.birth_year, 1988);  // derived from the personnummer
    EXPECT_EQ(view.participant_code, "");
}

TEST_F(RegisterParticipation, WithIdentityAcceptsTenDigitsWithDash) {
    auto id = t_.participations().Register(registrar_, with_id_,
                                           ft::WithIdentity(ft::StartedParticipation(), "700123-9297", "Bo Testman"));
    ASSERT_TRUE(id.ok()) << ft::Describe(id.status());
    auto view = MustGet(*id);
    ASSERT_TRUE(view.identity.has_value());
    EXPECT_EQ(view.identity->personnummer, "19700123-9297");
    EXPECT_EQ(view.participation.birth_year, 1970);
}

TEST_F(RegisterParticipation, WithIdentityDerivesLegalGenderWhenNoneGiven) {
    auto p = ft::StartedParticipation();
    p.gender.clear();
    auto id = t_.participations().Register(registrar_, with_id_, ft::WithIdentity(p, ft::kPnrMan1970));
    ASSERT_TRUE(id.ok()) << ft::Describe(id.status());
    EXPECT_EQ(MustGet(*id).participation.gender, "M");
}

TEST_F(RegisterParticipation, SamePersonnummerInAnyFormatIsTheSamePerson) {
    auto first = t_.participations().Register(
        registrar_, with_id_, ft::WithIdentity(ft::EndedParticipation(), ft::kPnrWoman1988, "Åsa Testsson"));
    ASSERT_TRUE(first.ok()) << ft::Describe(first.status());
    auto second = t_.participations().Register(registrar_, with_id_,
                                               ft::WithIdentity(ft::ReferredParticipation(), "880104-2386"));
    ASSERT_TRUE(second.ok()) << ft::Describe(second.status());
    auto a = MustGet(*first), b = MustGet(*second);
    EXPECT_EQ(a.participation.person_id, b.participation.person_id);
    ASSERT_TRUE(b.identity.has_value());
    EXPECT_EQ(b.identity->name, "Åsa Testsson");  // a name given before is kept
}

TEST_F(RegisterParticipation, AnonymousWithoutIdentityMode) {
    auto id = t_.participations().Register(registrar_, without_id_, ft::Anonymous(ft::StartedParticipation(), 1992));
    ASSERT_TRUE(id.ok()) << ft::Describe(id.status());
    auto view = MustGet(*id);
    EXPECT_TRUE(view.participation.anonymous);
    EXPECT_FALSE(view.participation.person_id.has_value());
    EXPECT_EQ(view.participant_code, "");
    EXPECT_EQ(view.participation.birth_year, 1992);
}

TEST_F(RegisterParticipation, AnonymousInIdentityMode) {
    auto id = t_.participations().Register(registrar_, with_id_, ft::Anonymous(ft::StartedParticipation()));
    ASSERT_TRUE(id.ok()) << ft::Describe(id.status());
    auto view = MustGet(*id);
    EXPECT_TRUE(view.participation.anonymous);
    EXPECT_FALSE(view.participation.person_id.has_value());
    EXPECT_FALSE(view.identity.has_value());
    EXPECT_TRUE(view.can_view_identity);  // allowed, but there is nothing to see
}

TEST_F(RegisterParticipation, StagesMoveReferralToEnd) {
    auto id = t_.participations().Register(registrar_, without_id_,
                                           ft::WithCode(ft::ReferredParticipation(30), "SV-002", 1985));
    ASSERT_TRUE(id.ok()) << ft::Describe(id.status());
    auto& svc = t_.participations();
    EXPECT_EQ(MustGet(*id).participation.status(), ParticipationStatus::kAnmald);

    auto decided = svc.RecordDecision(registrar_, *id, 1, "BEVILJAD", ft::DaysAgo(25));
    ASSERT_TRUE(decided.ok()) << ft::Describe(decided);
    auto view = MustGet(*id);
    EXPECT_EQ(view.participation.status(), ParticipationStatus::kBeslut);
    EXPECT_EQ(view.participation.version, 2);
    EXPECT_EQ(view.participation.decision, "BEVILJAD");

    const auto intake = ft::StartedParticipation().intake;
    auto started = svc.RecordStart(registrar_, *id, 2, ft::DaysAgo(20), intake);
    ASSERT_TRUE(started.ok()) << ft::Describe(started);
    view = MustGet(*id);
    EXPECT_EQ(view.participation.status(), ParticipationStatus::kPagaende);
    EXPECT_EQ(view.participation.version, 3);
    EXPECT_EQ(view.participation.start_date, ft::DaysAgo(20));
    EXPECT_EQ(view.participation.intake, intake);

    const auto exit = ft::EndedParticipation().exit;
    auto ended = svc.RecordExit(registrar_, *id, 3, ft::DaysAgo(2), exit);
    ASSERT_TRUE(ended.ok()) << ft::Describe(ended);
    view = MustGet(*id);
    EXPECT_EQ(view.participation.status(), ParticipationStatus::kAvslutad);
    EXPECT_EQ(view.participation.version, 4);
    EXPECT_EQ(view.participation.exit, exit);
    EXPECT_EQ(view.participant_code, "SV-002");
}

TEST_F(RegisterParticipation, StaleVersionIsAConflictAndChangesNothing) {
    auto id = t_.participations().Register(registrar_, without_id_,
                                           ft::WithCode(ft::ReferredParticipation(30), "SV-003", 1985));
    ASSERT_TRUE(id.ok()) << ft::Describe(id.status());
    auto& svc = t_.participations();
    ASSERT_TRUE(svc.RecordDecision(registrar_, *id, 1, "BEVILJAD", ft::DaysAgo(25)).ok());

    // A second user still holds version 1.
    auto stale_decision = svc.RecordDecision(registrar_, *id, 1, "AVSLAG", ft::DaysAgo(24));
    EXPECT_EQ(stale_decision.code(), StatusCode::kConflict) << ft::Describe(stale_decision);
    auto stale_start = svc.RecordStart(registrar_, *id, 1, ft::DaysAgo(20), ft::StartedParticipation().intake);
    EXPECT_EQ(stale_start.code(), StatusCode::kConflict) << ft::Describe(stale_start);
    auto stale_exit = svc.RecordExit(registrar_, *id, 7, ft::DaysAgo(2), ft::EndedParticipation().exit);
    EXPECT_EQ(stale_exit.code(), StatusCode::kConflict) << ft::Describe(stale_exit);

    auto stale_update = svc.Update(registrar_, *id, ft::WithCode(ft::StartedParticipation(), "SV-003", 1985));
    EXPECT_EQ(stale_update.code(), StatusCode::kConflict) << ft::Describe(stale_update);  // version 0

    auto view = MustGet(*id);
    EXPECT_EQ(view.participation.version, 2);
    EXPECT_EQ(view.participation.decision, "BEVILJAD");
    EXPECT_EQ(view.participation.status(), ParticipationStatus::kBeslut);
}

TEST_F(RegisterParticipation, StageOperationsOnAMissingParticipationAreNotFound) {
    auto decided = t_.participations().RecordDecision(registrar_, 999999, 1, "BEVILJAD", ft::DaysAgo(1));
    EXPECT_EQ(decided.code(), StatusCode::kNotFound) << ft::Describe(decided);
    auto view = t_.participations().Get(registrar_, 999999);
    EXPECT_EQ(view.status().code(), StatusCode::kNotFound);
}

TEST_F(RegisterParticipation, ReusedParticipantCodeLinksTheSamePerson) {
    auto first =
        t_.participations().Register(registrar_, without_id_, ft::WithCode(ft::EndedParticipation(), "SV-010", 1988));
    ASSERT_TRUE(first.ok()) << ft::Describe(first.status());
    auto second = t_.participations().Register(registrar_, without_id_,
                                               ft::WithCode(ft::ReferredParticipation(), " SV-010 ", 1988));
    ASSERT_TRUE(second.ok()) << ft::Describe(second.status());
    auto a = MustGet(*first), b = MustGet(*second);
    ASSERT_TRUE(a.participation.person_id.has_value());
    EXPECT_EQ(a.participation.person_id, b.participation.person_id);
    EXPECT_NE(*first, *second);  // each participation is counted on its own
    EXPECT_EQ(t_.CountParticipations(without_id_), 2);
}

TEST_F(RegisterParticipation, ReusedParticipantCodeWithAnotherBirthYearIsRefused) {
    ASSERT_TRUE(t_.participations()
                    .Register(registrar_, without_id_, ft::WithCode(ft::EndedParticipation(), "SV-011", 1988))
                    .ok());
    auto second = t_.participations().Register(registrar_, without_id_,
                                               ft::WithCode(ft::ReferredParticipation(), "SV-011", 1975));
    EXPECT_TRUE(ft::NamesField(second.status(), "participant_code")) << ft::Describe(second.status());
    EXPECT_EQ(t_.CountParticipations(without_id_), 1);
}

TEST_F(RegisterParticipation, SameCodeInAnotherInsatsIsAnotherPerson) {
    long long other = t_.CreateInsats("Annan insats", kommun_, ft::RegistrationMode::kWithoutIdentity);
    auto both = t_.CreateRegistrar("reg.both", kommun_, {without_id_, other});
    auto a = t_.participations().Register(both, without_id_, ft::WithCode(ft::StartedParticipation(), "SV-020", 1990));
    auto b = t_.participations().Register(both, other, ft::WithCode(ft::StartedParticipation(), "SV-020", 1990));
    ASSERT_TRUE(a.ok() && b.ok());
    auto va = t_.participations().Get(both, *a), vb = t_.participations().Get(both, *b);
    ASSERT_TRUE(va.ok() && vb.ok());
    EXPECT_NE(va->participation.person_id, vb->participation.person_id);
}

TEST_F(RegisterParticipation, FullUpdateReplacesEveryEditableField) {
    auto id =
        t_.participations().Register(registrar_, without_id_, ft::WithCode(ft::StartedParticipation(), "SV-030", 1990));
    ASSERT_TRUE(id.ok()) << ft::Describe(id.status());
    auto current = MustGet(*id);

    foljsam::domain::Participation next = ft::EndedParticipation();
    next.version = current.participation.version;
    next.gender = "X";
    next.intake.education = "EFTERGYMN_KORT";
    next.intake.support_at_start = {{"SJUKPENNING", 50}, {"LON", 50}};
    next.intake.target_groups = {"FUNKTIONSNEDSATTNING", "VUXNA_30_64"};
    next.intake.residence_kommun.clear();
    next.intake.residence_special = "HEMLOS";
    auto updated = t_.participations().Update(registrar_, *id, ft::WithCode(next, "SV-030", 1991));
    ASSERT_TRUE(updated.ok()) << ft::Describe(updated);

    auto view = MustGet(*id);
    EXPECT_EQ(view.participation.version, current.participation.version + 1);
    EXPECT_EQ(view.participation.gender, "X");
    EXPECT_EQ(view.participation.birth_year, 1991);
    EXPECT_EQ(view.participation.intake.education, "EFTERGYMN_KORT");
    EXPECT_EQ(view.participation.intake.residence_special, "HEMLOS");
    EXPECT_EQ(view.participation.intake.residence_kommun, "");
    EXPECT_EQ(view.participation.intake.support_at_start.size(), 2u);
    EXPECT_EQ(view.participation.intake.target_groups.size(), 2u);
    EXPECT_EQ(view.participation.exit.exit_reason, "ARBETE");
    EXPECT_EQ(view.participation.status(), ParticipationStatus::kAvslutad);
    EXPECT_EQ(view.participation.person_id, current.participation.person_id);

    // The same version a second time is stale now.
    auto again = t_.participations().Update(registrar_, *id, ft::WithCode(next, "SV-030", 1991));
    EXPECT_EQ(again.code(), StatusCode::kConflict) << ft::Describe(again);
}

TEST_F(RegisterParticipation, UpdateWithAnotherCodeMovesToThatPerson) {
    auto id =
        t_.participations().Register(registrar_, without_id_, ft::WithCode(ft::StartedParticipation(), "SV-040", 1990));
    ASSERT_TRUE(id.ok());
    auto current = MustGet(*id);
    auto next = current.participation;
    auto updated = t_.participations().Update(registrar_, *id, ft::WithCode(next, "SV-041", 1990));
    ASSERT_TRUE(updated.ok()) << ft::Describe(updated);
    auto view = MustGet(*id);
    EXPECT_EQ(view.participant_code, "SV-041");
    EXPECT_NE(view.participation.person_id, current.participation.person_id);
}

TEST_F(RegisterParticipation, RegistrarOfIdentityInsatsUpdatesWithIdentity) {
    auto id = t_.participations().Register(registrar_, with_id_,
                                           ft::WithIdentity(ft::StartedParticipation(), ft::kPnrMan1971, "Karl Test"));
    ASSERT_TRUE(id.ok()) << ft::Describe(id.status());
    auto current = MustGet(*id);
    auto next = current.participation;
    next.intake.education = "FORGYMN";
    auto updated = t_.participations().Update(registrar_, *id, ft::WithIdentity(next, "710116-9295", "Karl Testare"));
    ASSERT_TRUE(updated.ok()) << ft::Describe(updated);
    auto view = MustGet(*id);
    EXPECT_EQ(view.participation.intake.education, "FORGYMN");
    EXPECT_EQ(view.participation.person_id, current.participation.person_id);
    ASSERT_TRUE(view.identity.has_value());
    EXPECT_EQ(view.identity->name, "Karl Testare");
}

TEST_F(RegisterParticipation, ListSearchesByPartOfTheParticipantCode) {
    for (const char* code : {"ABC-17", "abd-18", "XYZ-19"})
        ASSERT_TRUE(t_.participations()
                        .Register(registrar_, without_id_, ft::WithCode(ft::StartedParticipation(), code, 1990))
                        .ok());
    foljsam::services::ListQuery query;
    query.search = "ab";
    auto page = t_.participations().List(registrar_, without_id_, query);
    ASSERT_TRUE(page.ok()) << ft::Describe(page.status());
    EXPECT_EQ(page->total, 2);
    for (const auto& row : page->rows) EXPECT_NE(row.participant_code.find("-1"), std::string::npos);
    EXPECT_FALSE(page->can_view_identity);
    query.search = "XYZ-19";
    page = t_.participations().List(registrar_, without_id_, query);
    ASSERT_TRUE(page.ok());
    ASSERT_EQ(page->rows.size(), 1u);
    EXPECT_EQ(page->rows[0].participant_code, "XYZ-19");
}

TEST_F(RegisterParticipation, ListPagesAndFiltersByStatus) {
    for (int idx = 0; idx < 5; ++idx) {
        auto p = idx < 3 ? ft::StartedParticipation(10 + idx) : ft::ReferredParticipation(5 + idx);
        ASSERT_TRUE(t_.participations()
                        .Register(registrar_, without_id_, ft::WithCode(p, "P-" + std::to_string(idx), 1990))
                        .ok());
    }
    foljsam::services::ListQuery query;
    query.page_size = 2;
    query.page = 3;
    auto page = t_.participations().List(registrar_, without_id_, query);
    ASSERT_TRUE(page.ok()) << ft::Describe(page.status());
    EXPECT_EQ(page->total, 5);
    EXPECT_EQ(page->page_count, 3);
    EXPECT_EQ(page->rows.size(), 1u);
    query = {};
    query.status = "PAGAENDE";
    page = t_.participations().List(registrar_, without_id_, query);
    ASSERT_TRUE(page.ok());
    EXPECT_EQ(page->total, 3);
    query.status = "OKLAR";
    EXPECT_TRUE(ft::NamesField(t_.participations().List(registrar_, without_id_, query).status(), "status"));
}

TEST_F(RegisterParticipation, VolumeInsatsTakesNoIndividualRegistrations) {
    foljsam::domain::Insats volume;
    volume.name = "Kunskapsdialog";
    volume.orientation = "STRUKTUR";
    volume.follow_up_method = "VOLYM";
    volume.controller_org_id = kommun_;
    auto insats = t_.admin_service().SaveInsats(t_.admin(), volume);
    ASSERT_TRUE(insats.ok()) << ft::Describe(insats.status());
    auto reg = t_.CreateRegistrar("reg.volym", kommun_, {*insats});
    auto id = t_.participations().Register(reg, *insats, ft::WithCode(ft::StartedParticipation(), "V-1", 1990));
    EXPECT_EQ(id.status().code(), StatusCode::kInvalidInput);
    EXPECT_EQ(t_.CountParticipations(*insats), 0);
}

}  // namespace

namespace {

TEST_F(RegisterParticipation, StartWithoutReferrerKeepsTheRecordedReferrer) {
    foljsam::domain::Participation referred = ft::ReferredParticipation();
    referred.intake.referrer = "ORG";
    referred.intake.referrer_org_id = clinic_;
    referred.intake.co_referrer_org_ids = {kommun_};
    auto id = t_.participations().Register(registrar_, without_id_, ft::WithCode(referred, "SV-REF", 1984));
    ASSERT_TRUE(id.ok()) << ft::Describe(id.status());
    foljsam::domain::IntakeAnswers intake = ft::StartedParticipation().intake;
    intake.referrer.clear();
    intake.referrer_org_id.reset();
    intake.co_referrer_org_ids.clear();
    auto st = t_.participations().RecordStart(registrar_, *id, 1, ft::DaysAgo(2), intake);
    ASSERT_TRUE(st.ok()) << ft::Describe(st);
    auto view = MustGet(*id);
    EXPECT_EQ(view.participation.intake.referrer, "ORG");
    EXPECT_EQ(view.participation.intake.referrer_org_id, clinic_);
    EXPECT_EQ(view.participation.intake.co_referrer_org_ids, std::vector<long long>{kommun_});
    EXPECT_EQ(view.participation.intake.education, intake.education);
}

}  // namespace

namespace {

TEST_F(RegisterParticipation, AnEmptyFormReportsEveryMissingFieldAtOnce) {
    foljsam::services::ParticipationInput empty;
    auto id = t_.participations().Register(registrar_, without_id_, empty);
    ASSERT_FALSE(id.ok());
    EXPECT_TRUE(ft::NamesField(id.status(), "participant_code")) << ft::Describe(id.status());
    EXPECT_TRUE(ft::NamesField(id.status(), "gender")) << ft::Describe(id.status());
    EXPECT_TRUE(ft::NamesField(id.status(), "referral_date")) << ft::Describe(id.status());
    EXPECT_TRUE(ft::NamesField(id.status(), "birth_year")) << ft::Describe(id.status());
    auto with_id = t_.participations().Register(registrar_, with_id_, empty);
    ASSERT_FALSE(with_id.ok());
    EXPECT_TRUE(ft::NamesField(with_id.status(), "personnummer")) << ft::Describe(with_id.status());
    EXPECT_TRUE(ft::NamesField(with_id.status(), "consent_date")) << ft::Describe(with_id.status());
    EXPECT_FALSE(ft::NamesField(with_id.status(), "birth_year")) << ft::Describe(with_id.status());
    EXPECT_EQ(t_.CountParticipations(without_id_) + t_.CountParticipations(with_id_), 0);
}

TEST_F(RegisterParticipation, ControllerMustBeAMemberNotAUnit) {
    foljsam::domain::Insats insats;
    insats.name = "Enhetsinsats";
    insats.controller_org_id = clinic_;
    auto saved = t_.admin_service().SaveInsats(t_.admin(), insats);
    ASSERT_FALSE(saved.ok());
    EXPECT_TRUE(ft::NamesField(saved.status(), "controller_org_id")) << ft::Describe(saved.status());
}

}  // namespace

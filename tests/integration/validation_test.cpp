// Use case: refusing invalid registrations. Each case is refused with kInvalidInput naming
// the field, and leaves no participation, person or audit event behind.

#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "services/participation_service.hpp"
#include "support/test_app.hpp"

namespace {

namespace ft = foljsam::testing;
using foljsam::StatusCode;
using foljsam::domain::Participation;
using foljsam::services::ParticipationInput;

enum class Mode { kCode, kIdentity };

struct Case {
    const char* name;
    Mode mode;
    const char* field;
    std::function<ParticipationInput()> input;
};

std::ostream& operator<<(std::ostream& out, const Case& c) { return out << c.name << " -> " << c.field; }

Participation Started() { return ft::StartedParticipation(); }

const Case kCases[] = {
    {"bad_check_digit", Mode::kIdentity, "personnummer",
     [] { return ft::WithIdentity(Started(), ft::kPnrBadCheckDigit, "Åsa Testsson"); }},
    {"personnummer_missing", Mode::kIdentity, "personnummer", [] { return ft::WithIdentity(Started(), ""); }},
    {"end_before_start", Mode::kCode, "end_date",
     [] {
         Participation p = ft::EndedParticipation();
         p.end_date = p.start_date->AddDays(-1);
         return ft::WithCode(p, "V-1", 1990);
     }},
    {"ended_without_exit_reason", Mode::kCode, "exit_reason",
     [] {
         Participation p = ft::EndedParticipation();
         p.exit.exit_reason.clear();
         return ft::WithCode(p, "V-1", 1990);
     }},
    {"unknown_education", Mode::kCode, "education",
     [] {
         Participation p = Started();
         p.intake.education = "XYZ";
         return ft::WithCode(p, "V-1", 1990);
     }},
    {"unknown_exit_reason", Mode::kCode, "exit_reason",
     [] {
         Participation p = ft::EndedParticipation();
         p.exit.exit_reason = "XYZ";
         return ft::WithCode(p, "V-1", 1990);
     }},
    {"unknown_gender", Mode::kCode, "gender",
     [] {
         Participation p = Started();
         p.gender = "Q";
         return ft::WithCode(p, "V-1", 1990);
     }},
    {"participant_code_41_chars", Mode::kCode, "participant_code",
     [] { return ft::WithCode(Started(), std::string(41, 'A'), 1990); }},
    {"participant_code_missing", Mode::kCode, "participant_code", [] { return ft::WithCode(Started(), "", 1990); }},
    {"name_201_chars", Mode::kIdentity, "name",
     [] { return ft::WithIdentity(Started(), ft::kPnrWoman1988, std::string(201, 'n')); }},
    {"personnummer_in_insats_without_identity", Mode::kCode, "personnummer",
     [] {
         ParticipationInput in = ft::WithCode(Started(), "V-1", 1988);
         in.person.personnummer = ft::kPnrWoman1988;
         return in;
     }},
    {"name_in_insats_without_identity", Mode::kCode, "name",
     [] {
         ParticipationInput in = ft::WithCode(Started(), "V-1", 1988);
         in.person.name = "Åsa Testsson";
         return in;
     }},
    {"participant_code_in_insats_with_identity", Mode::kIdentity, "participant_code",
     [] {
         ParticipationInput in = ft::WithIdentity(Started(), ft::kPnrWoman1988);
         in.person.participant_code = "V-1";
         return in;
     }},
    {"anonymous_with_participant_code", Mode::kCode, "participant_code",
     [] {
         ParticipationInput in = ft::Anonymous(Started(), 1990);
         in.person.participant_code = "V-1";
         return in;
     }},
    {"anonymous_with_personnummer", Mode::kIdentity, "personnummer",
     [] {
         ParticipationInput in = ft::Anonymous(Started());
         in.person.personnummer = ft::kPnrWoman1988;
         return in;
     }},
    {"anonymous_with_consent", Mode::kIdentity, "consent_date",
     [] {
         ParticipationInput in = ft::Anonymous(Started());
         in.participation.consent_date = ft::DaysAgo(3);
         return in;
     }},
    {"identity_without_consent", Mode::kIdentity, "consent_date",
     [] {
         ParticipationInput in = ft::WithIdentity(Started(), ft::kPnrWoman1988);
         in.participation.consent_date.reset();
         return in;
     }},
    {"future_referral_date", Mode::kCode, "referral_date",
     [] {
         Participation p = ft::ReferredParticipation();
         p.referral_date = ft::DaysAgo(-1);
         return ft::WithCode(p, "V-1", 1990);
     }},
    {"future_start_date", Mode::kCode, "start_date",
     [] {
         Participation p = Started();
         p.start_date = ft::DaysAgo(-3);
         return ft::WithCode(p, "V-1", 1990);
     }},
    {"future_end_date", Mode::kCode, "end_date",
     [] {
         Participation p = ft::EndedParticipation();
         p.end_date = ft::DaysAgo(-1);
         return ft::WithCode(p, "V-1", 1990);
     }},
    {"future_consent_date", Mode::kIdentity, "consent_date",
     [] {
         ParticipationInput in = ft::WithIdentity(Started(), ft::kPnrWoman1988);
         in.participation.consent_date = ft::DaysAgo(-1);
         return in;
     }},
    {"birth_year_before_1900", Mode::kCode, "birth_year", [] { return ft::WithCode(Started(), "V-1", 1899); }},
    {"birth_year_after_this_year", Mode::kCode, "birth_year",
     [] { return ft::WithCode(Started(), "V-1", foljsam::domain::Today().year + 1); }},
    {"birth_year_missing", Mode::kCode, "birth_year",
     [] {
         ParticipationInput in = ft::WithCode(Started(), "V-1", 1990);
         in.person.birth_year.reset();
         return in;
     }},
    {"younger_than_15_at_start", Mode::kCode, "birth_year",
     [] { return ft::WithCode(Started(), "V-1", foljsam::domain::Today().year - 10); }},
    {"decision_avslag_with_start", Mode::kCode, "decision",
     [] {
         Participation p = Started();
         p.decision = "AVSLAG";
         return ft::WithCode(p, "V-1", 1990);
     }},
    {"unknown_decision", Mode::kCode, "decision",
     [] {
         Participation p = ft::ReferredParticipation(20);
         p.decision = "KANSKE";
         p.decision_date = ft::DaysAgo(10);
         return ft::WithCode(p, "V-1", 1990);
     }},
    {"decision_date_without_decision", Mode::kCode, "decision",
     [] {
         Participation p = ft::ReferredParticipation(20);
         p.decision_date = ft::DaysAgo(10);
         return ft::WithCode(p, "V-1", 1990);
     }},
    {"support_ingen_with_another", Mode::kCode, "support_at_start",
     [] {
         Participation p = Started();
         p.intake.support_at_start = {{"INGEN", std::nullopt}, {"LON", 100}};
         return ft::WithCode(p, "V-1", 1990);
     }},
    {"support_extent_over_100", Mode::kCode, "support_at_start",
     [] {
         Participation p = Started();
         p.intake.support_at_start = {{"LON", 120}};
         return ft::WithCode(p, "V-1", 1990);
     }},
    {"started_without_education", Mode::kCode, "education",
     [] {
         Participation p = Started();
         p.intake.education.clear();
         return ft::WithCode(p, "V-1", 1990);
     }},
    {"kommun_and_homeless", Mode::kCode, "residence_kommun",
     [] {
         Participation p = Started();
         p.intake.residence_special = "HEMLOS";
         return ft::WithCode(p, "V-1", 1990);
     }},
    {"referrer_org_of_no_organisation", Mode::kCode, "referrer_org_id",
     [] {
         Participation p = Started();
         p.intake.referrer = "ORG";
         p.intake.referrer_org_id = 987654;
         return ft::WithCode(p, "V-1", 1990);
     }},
    {"no_dates_at_all", Mode::kCode, "referral_date",
     [] {
         Participation p;
         p.gender = "K";
         return ft::WithCode(p, "V-1", 1990);
     }},
};

class Validation : public ::testing::TestWithParam<Case> {
   protected:
    void SetUp() override {
        region_ = t_.CreateMember("Region Testland", "REGION");
        without_id_ = t_.CreateInsats("Utan identitet", region_, ft::RegistrationMode::kWithoutIdentity);
        with_id_ = t_.CreateInsats("Med identitet", region_, ft::RegistrationMode::kWithIdentity);
        registrar_ = t_.CreateRegistrar("reg.region", region_, {without_id_, with_id_});
    }

    long long ParticipationRows() { return t_.CountParticipations(without_id_) + t_.CountParticipations(with_id_); }

    ft::TestApp t_;
    long long region_ = 0, without_id_ = 0, with_id_ = 0;
    foljsam::domain::Actor registrar_;
};

TEST_P(Validation, IsRefusedNamingTheFieldAndSavesNothing) {
    const Case& c = GetParam();
    const long long insats = c.mode == Mode::kIdentity ? with_id_ : without_id_;
    const long long participations_before = ParticipationRows();
    const long long audit_before = t_.CountAudit();

    auto id = t_.participations().Register(registrar_, insats, c.input());

    ASSERT_FALSE(id.ok()) << c;
    EXPECT_EQ(id.status().code(), StatusCode::kInvalidInput) << c << ": " << ft::Describe(id.status());
    EXPECT_TRUE(ft::NamesField(id.status(), c.field)) << c << ": " << ft::Describe(id.status());
    EXPECT_EQ(ParticipationRows(), participations_before) << c;
    EXPECT_EQ(t_.CountAudit(), audit_before) << c;
    // Messages never echo a personnummer.
    EXPECT_EQ(ft::Describe(id.status()).find("2386"), std::string::npos) << c;
    EXPECT_EQ(ft::Describe(id.status()).find("2387"), std::string::npos) << c;
}

INSTANTIATE_TEST_SUITE_P(EveryRule, Validation, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<Case>& info) { return std::string(info.param.name); });

// A refused registration must not leave a person behind: the same participant code can
// then be registered with another birth year.
TEST(ValidationLeftovers, RefusedRegistrationLeavesNoPerson) {
    ft::TestApp t;
    long long kommun = t.CreateMember("Teststad", "KOMMUN");
    long long insats = t.CreateInsats("Steget", kommun, ft::RegistrationMode::kWithoutIdentity);
    auto reg = t.CreateRegistrar("reg.kommun", kommun, {insats});
    Participation bad = ft::StartedParticipation();
    bad.intake.education = "XYZ";
    auto refused = t.participations().Register(reg, insats, ft::WithCode(bad, "KOD-1", 1980));
    ASSERT_EQ(refused.status().code(), StatusCode::kInvalidInput);
    auto ok = t.participations().Register(reg, insats, ft::WithCode(ft::StartedParticipation(), "KOD-1", 1995));
    EXPECT_TRUE(ok.ok()) << ft::Describe(ok.status());
}

TEST(ValidationLeftovers, RefusedStageChangeKeepsTheStoredVersion) {
    ft::TestApp t;
    long long kommun = t.CreateMember("Teststad", "KOMMUN");
    long long insats = t.CreateInsats("Steget", kommun, ft::RegistrationMode::kWithoutIdentity);
    auto reg = t.CreateRegistrar("reg.kommun", kommun, {insats});
    auto id = t.participations().Register(reg, insats, ft::WithCode(ft::StartedParticipation(), "KOD-2", 1980));
    ASSERT_TRUE(id.ok()) << ft::Describe(id.status());
    const long long audit_before = t.CountAudit();

    auto exit = ft::EndedParticipation().exit;
    exit.exit_reason.clear();
    auto no_reason = t.participations().RecordExit(reg, *id, 1, ft::DaysAgo(1), exit);
    EXPECT_TRUE(ft::NamesField(no_reason, "exit_reason")) << ft::Describe(no_reason);
    auto no_date = t.participations().RecordExit(reg, *id, 1, std::nullopt, ft::EndedParticipation().exit);
    EXPECT_TRUE(ft::NamesField(no_date, "end_date")) << ft::Describe(no_date);
    auto before_start = t.participations().RecordExit(reg, *id, 1, ft::DaysAgo(200), ft::EndedParticipation().exit);
    EXPECT_TRUE(ft::NamesField(before_start, "end_date")) << ft::Describe(before_start);
    auto no_start = t.participations().RecordStart(reg, *id, 1, std::nullopt, ft::StartedParticipation().intake);
    EXPECT_TRUE(ft::NamesField(no_start, "start_date")) << ft::Describe(no_start);

    EXPECT_EQ(t.CountAudit(), audit_before);
    auto view = t.participations().Get(reg, *id);
    ASSERT_TRUE(view.ok());
    EXPECT_EQ(view->participation.version, 1);
    EXPECT_FALSE(view->participation.end_date.has_value());
}

}  // namespace

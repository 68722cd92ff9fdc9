// Participation lifecycle rules (domain/participation): status from dates, age groups,
// and one table-driven case per rule of Validate.

#include "domain/participation.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <set>

#include "domain/code_lists.hpp"
#include "domain/participation_diff.hpp"
#include "domain/reference_places.hpp"

namespace foljsam::domain {
namespace {

const Date kToday{2026, 11, 22};

Participation Started() {
    Participation p;
    p.insats_id = 1;
    p.person_id = 7;
    p.gender = "K";
    p.birth_year = 1990;
    p.referral_date = Date{2026, 1, 10};
    p.decision = "BEVILJAD";
    p.decision_date = Date{2026, 1, 20};
    p.start_date = Date{2026, 2, 1};
    p.intake.referrer = "ORG";
    p.intake.referrer_org_id = 3;
    p.intake.residence_kommun = "0180";
    p.intake.education = "GYMN";
    p.intake.time_without_work = "1_2";
    p.intake.support_at_start = {{"SJUKPENNING", 50}, {"LON", 50}};
    p.intake.occupation_start = "ARBETSSOKANDE";
    return p;
}

Participation Ended() {
    Participation p = Started();
    p.end_date = Date{2026, 9, 30};
    p.exit.exit_reason = "ARBETE";
    return p;
}

TEST(ParticipationRules, ValidStartedAndEndedParticipationsPass) {
    EXPECT_TRUE(Validate(Started(), {kToday}).ok()) << Validate(Started(), {kToday}).fields().size();
    EXPECT_TRUE(Validate(Ended(), {kToday}).ok());
}

TEST(ParticipationRules, StatusFollowsTheDates) {
    Participation p;
    p.referral_date = Date{2026, 1, 1};
    EXPECT_EQ(p.status(), ParticipationStatus::kAnmald);
    p.decision = "VANTELISTA";
    EXPECT_EQ(p.status(), ParticipationStatus::kBeslut);
    EXPECT_EQ(Started().status(), ParticipationStatus::kPagaende);
    EXPECT_EQ(Ended().status(), ParticipationStatus::kAvslutad);
}

TEST(ParticipationRules, AgeGroupIsTakenAtStart) {
    EXPECT_EQ(AgeGroup(2010, {2026, 1, 1}), "16-19");
    EXPECT_EQ(AgeGroup(2006, {2026, 1, 1}), "20-24");
    EXPECT_EQ(AgeGroup(1997, {2026, 1, 1}), "25-29");
    EXPECT_EQ(AgeGroup(1996, {2026, 1, 1}), "30-39");
    EXPECT_EQ(AgeGroup(1962, {2026, 1, 1}), "60-64");
    EXPECT_EQ(AgeGroup(1961, {2026, 1, 1}), "65+");
    EXPECT_EQ(AgeGroup(2011, {2026, 1, 1}), "<16");
    Participation p = Started();
    p.birth_year = 1997;
    p.start_date = Date{2027, 1, 1};  // turns 30 in the start year
    EXPECT_EQ(p.age_group(), "30-39");
}

struct BrokenCase {
    const char* name;
    std::function<void(Participation&)> breaks;
    const char* field;
    bool identity_mode = false;
};

class BrokenRule : public ::testing::TestWithParam<BrokenCase> {};

TEST_P(BrokenRule, IsRefusedNamingTheField) {
    const BrokenCase& c = GetParam();
    Participation p = Ended();
    c.breaks(p);
    Status st = Validate(p, {kToday, c.identity_mode, false});
    ASSERT_FALSE(st.ok()) << c.name;
    EXPECT_EQ(st.code(), StatusCode::kInvalidInput) << c.name;
    bool named = false;
    for (const auto& f : st.fields()) named = named || f.field == c.field;
    std::string got;
    for (const auto& f : st.fields()) got += f.field + "=" + f.message + "; ";
    EXPECT_TRUE(named) << c.name << ": expected an error on " << c.field << ", got " << got;
}

INSTANTIATE_TEST_SUITE_P(
    EveryRule, BrokenRule,
    ::testing::Values(
        BrokenCase{"end_before_start",
                   [](Participation& p) {
                       p.end_date = Date{2026, 1, 31};
                   },
                   "end_date"},
        BrokenCase{"start_before_referral",
                   [](Participation& p) {
                       p.start_date = Date{2026, 1, 5};
                   },
                   "start_date"},
        BrokenCase{"decision_before_referral",
                   [](Participation& p) {
                       p.decision_date = Date{2026, 1, 1};
                   },
                   "decision_date"},
        BrokenCase{"start_before_decision",
                   [](Participation& p) {
                       p.decision_date = Date{2026, 2, 2};
                   },
                   "start_date"},
        BrokenCase{"missing_exit_reason", [](Participation& p) { p.exit.exit_reason.clear(); }, "exit_reason"},
        BrokenCase{"exit_reason_without_end", [](Participation& p) { p.end_date.reset(); }, "end_date"},
        BrokenCase{"end_without_start",
                   [](Participation& p) {
                       p.start_date.reset();
                       p.intake = {};
                   },
                   "end_date"},
        BrokenCase{"unknown_exit_reason", [](Participation& p) { p.exit.exit_reason = "SEMESTER"; }, "exit_reason"},
        BrokenCase{"unknown_education", [](Participation& p) { p.intake.education = "XYZ"; }, "education"},
        BrokenCase{"unknown_decision", [](Participation& p) { p.decision = "KANSKE"; }, "decision"},
        BrokenCase{"unknown_gender", [](Participation& p) { p.gender = "Q"; }, "gender"},
        BrokenCase{"missing_gender", [](Participation& p) { p.gender.clear(); }, "gender"},
        BrokenCase{"missing_education_at_start", [](Participation& p) { p.intake.education.clear(); }, "education"},
        BrokenCase{"missing_support_at_start", [](Participation& p) { p.intake.support_at_start.clear(); },
                   "support_at_start"},
        BrokenCase{"none_combined_with_support",
                   [](Participation& p) {
                       p.intake.support_at_start = {{"INGEN", {}}, {"LON", {}}};
                   },
                   "support_at_start"},
        BrokenCase{"extent_over_100",
                   [](Participation& p) {
                       p.intake.support_at_start = {{"LON", 120}};
                   },
                   "support_at_start"},
        BrokenCase{"duplicate_target_group",
                   [](Participation& p) {
                       p.intake.target_groups = {"UNGA_16_29", "UNGA_16_29"};
                   },
                   "target_groups"},
        BrokenCase{"kommun_not_four_digits", [](Participation& p) { p.intake.residence_kommun = "180"; },
                   "residence_kommun"},
        BrokenCase{"kommun_and_homeless", [](Participation& p) { p.intake.residence_special = "HEMLOS"; },
                   "residence_kommun"},
        BrokenCase{"org_referrer_without_org", [](Participation& p) { p.intake.referrer_org_id.reset(); }, "referrer"},
        BrokenCase{"self_referral_not_allowed",
                   [](Participation& p) {
                       p.intake.referrer = "EGENANMALAN";
                       p.intake.referrer_org_id.reset();
                   },
                   "referrer"},
        BrokenCase{"declined_but_started", [](Participation& p) { p.decision = "AVSLAG"; }, "decision"},
        BrokenCase{"future_end_date",
                   [](Participation& p) {
                       p.end_date = Date{2027, 1, 1};
                   },
                   "end_date"},
        BrokenCase{"birth_year_out_of_range", [](Participation& p) { p.birth_year = 1850; }, "birth_year"},
        BrokenCase{"too_young_at_start", [](Participation& p) { p.birth_year = 2015; }, "birth_year"},
        BrokenCase{"identity_mode_without_consent", [](Participation&) {}, "consent_date", true},
        BrokenCase{"anonymous_with_consent",
                   [](Participation& p) {
                       p.anonymous = true;
                       p.person_id.reset();
                       p.consent_date = Date{2026, 1, 1};
                   },
                   "consent_date"},
        BrokenCase{"over_long_consent_form",
                   [](Participation& p) { p.consent_form = std::string(kMaxShortTextLength + 1, 'x'); },
                   "consent_form"},
        BrokenCase{"no_dates_at_all",
                   [](Participation& p) {
                       p = Participation{};
                       p.gender = "M";
                       p.birth_year = 1980;
                   },
                   "referral_date"}),
    [](const ::testing::TestParamInfo<BrokenCase>& info) { return std::string(info.param.name); });

TEST(ParticipationRules, FelregIsAValidExitReason) {
    Participation p = Ended();
    p.exit.exit_reason = "FELREG";
    EXPECT_TRUE(Validate(p, {kToday}).ok());
}

TEST(ParticipationRules, AnonymousNeedsNoBirthYear) {
    Participation p = Started();
    p.anonymous = true;
    p.person_id.reset();
    p.birth_year.reset();
    EXPECT_TRUE(Validate(p, {kToday}).ok());
}

TEST(ParticipationDiff, ListsChangedFieldsOnlyAndIgnoresOrderOfLists) {
    Participation a = Started();
    Participation b = a;
    std::swap(b.intake.support_at_start[0], b.intake.support_at_start[1]);
    EXPECT_TRUE(DiffParticipations(a, b).empty());
    b.intake.education = "FORGYMN";
    b.end_date = Date{2026, 5, 1};
    auto changes = DiffParticipations(a, b);
    ASSERT_EQ(changes.size(), 2u);
    EXPECT_EQ(changes[0].field, "end_date");
    EXPECT_EQ(changes[0].after, "2026-05-01");
    EXPECT_EQ(changes[1].field, "education");
    EXPECT_EQ(changes[1].before, "GYMN");
    EXPECT_EQ(FieldLabel("education"), "Utbildning");
    EXPECT_EQ(FieldCodeList("education"), "education");
}

TEST(CodeLists, EveryListHasUniqueCodesAndLabels) {
    for (const auto& list : AllCodeLists()) {
        std::set<std::string_view> codes;
        for (const auto& v : list.values) {
            EXPECT_TRUE(codes.insert(v.code).second) << list.id << " repeats " << v.code;
            EXPECT_FALSE(v.label.empty()) << list.id << "." << v.code;
        }
        EXPECT_FALSE(list.values.empty()) << list.id;
    }
    EXPECT_EQ(Label("exit_reason", "FELREG"), "Felregistrering");
    EXPECT_EQ(Label("exit_reason", "NOPE"), "NOPE");
    EXPECT_EQ(FindCodeList("nope"), nullptr);
}

}  // namespace
}  // namespace foljsam::domain

namespace foljsam::domain {
namespace {

TEST(ReferencePlaces, HoldsEveryMunicipalityAndTheDistrictsOfStockholmAndGoteborg) {
    EXPECT_EQ(AllKommuner().size(), 290u);
    ASSERT_NE(FindKommun("0180"), nullptr);
    EXPECT_EQ(FindKommun("0180")->name, "Stockholm");
    EXPECT_EQ(FindKommun("9999"), nullptr);
    ASSERT_NE(FindDistrict("0180", "JARVA"), nullptr);
    EXPECT_EQ(FindDistrict("0180", "JARVA")->name, "Järva");
    EXPECT_NE(FindDistrict("1480", "HISINGEN"), nullptr);
    EXPECT_EQ(FindDistrict("1480", "JARVA"), nullptr);
    EXPECT_TRUE(HasDistricts("1480"));
    EXPECT_FALSE(HasDistricts("0114"));
}

TEST(ParticipationRules, UnknownMunicipalityOrDistrictIsRefused) {
    Participation p = Started();
    p.intake.residence_kommun = "0999";
    EXPECT_FALSE(Validate(p, {kToday}).ok());
    p.intake.residence_kommun = "0180";
    p.intake.residence_district = "HISINGEN";
    Status st = Validate(p, {kToday});
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.fields().front().field, "residence_district");
    p.intake.residence_district = "JARVA";
    EXPECT_TRUE(Validate(p, {kToday}).ok());
}

}  // namespace
}  // namespace foljsam::domain

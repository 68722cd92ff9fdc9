// Goals (issue 3, item 4): validation, the target in words, and every evaluation rule of
// domain/goal.hpp at its edges (first and last day of the year, leap years, target 0,
// tolerance bounds exactly at ± tolerance, suppression of small numbers).

#include "domain/goal.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace foljsam::domain {
namespace {

Goal CountGoal(long long target, GoalComparison comparison = GoalComparison::kAtLeast, long long tolerance = 0) {
    Goal g;
    g.insats_id = 1;
    g.year = 2026;
    g.kind = GoalKind::kCount;
    g.measure = "started";
    g.comparison = comparison;
    g.target_tenths = target * 10;
    g.tolerance_tenths = tolerance * 10;
    return g;
}

// A share goal in tenths of a percent, e.g. ShareGoal(300) for ">= 30 %".
Goal ShareGoal(long long target_tenths, GoalComparison comparison = GoalComparison::kAtLeast,
               long long tolerance_tenths = 0) {
    Goal g = CountGoal(0, comparison);
    g.kind = GoalKind::kShare;
    g.filter_dimension = "gender";
    g.filter_values = {"M"};
    g.target_tenths = target_tenths;
    g.tolerance_tenths = tolerance_tenths;
    return g;
}

GoalVocabulary Vocabulary() {
    GoalVocabulary v;
    v.measures = {"started", "ended"};
    v.dimensions = {{"gender", {"K", "M", "X", "U"}},
                    {"exit_reason", {"ARBETE", "STUDIER", "VARD_REHAB", "FORTSATT_STOD", "AVBROTT"}},
                    {"district", {}}};
    return v;
}

const Disclosure kExact{false, 5};
const Disclosure kSuppressed{true, 5};

GoalStatus StatusOf(const Goal& goal, long long part, const Date& today, long long base = 0,
                    const Disclosure& disclosure = kExact) {
    return EvaluateGoal(goal, {part, base}, today, disclosure).status;
}

std::string Name(GoalStatus status) { return std::string(GoalStatusCode(status)); }

// ---- codes, labels, numbers --------------------------------------------------------------

TEST(GoalCodes, RoundTripAndHaveSwedishLabels) {
    for (auto kind : {GoalKind::kCount, GoalKind::kShare, GoalKind::kNotMeasurable}) {
        EXPECT_EQ(ParseGoalKind(GoalKindCode(kind)), kind);
        EXPECT_FALSE(GoalKindLabel(kind).empty());
    }
    for (auto c : {GoalComparison::kAtLeast, GoalComparison::kAtMost, GoalComparison::kWithin}) {
        EXPECT_EQ(ParseGoalComparison(GoalComparisonCode(c)), c);
        EXPECT_FALSE(GoalComparisonLabel(c).empty());
    }
    EXPECT_EQ(ParseGoalKind("count"), std::nullopt);
    EXPECT_EQ(ParseGoalComparison(""), std::nullopt);
    EXPECT_EQ(GoalStatusLabel(GoalStatus::kMet), "Uppnått");
    EXPECT_EQ(GoalStatusLabel(GoalStatus::kNotMet), "Ej uppnått");
    EXPECT_EQ(GoalStatusLabel(GoalStatus::kOnTrack), "I fas");
    EXPECT_EQ(GoalStatusLabel(GoalStatus::kBehind), "Efter plan");
    EXPECT_EQ(GoalStatusLabel(GoalStatus::kNotMeasurable), "Kan inte mätas ur registrerade uppgifter");
    EXPECT_EQ(GoalStatusLabel(GoalStatus::kTooFew), "För få för att bedöma");
    EXPECT_EQ(GoalStatusCode(GoalStatus::kOnTrack), "ON_TRACK");
}

TEST(GoalNumbers, TenthsAreParsedFromSwedishAndEnglishDecimals) {
    struct Case {
        std::string text;
        std::optional<long long> tenths;
    };
    const std::vector<Case> cases = {
        {"30", 300},
        {"30,5", 305},
        {"30.5", 305},
        {" 140 ", 1400},
        {"0", 0},
        {"1 000", 10000},
        {"30,", 300},
        {"100,0", 1000},
        {"", std::nullopt},
        {"-5", std::nullopt},
        {",5", std::nullopt},
        {"30,55", std::nullopt},
        {"3O", std::nullopt},
        {"1e3", std::nullopt},
        {"30 %", std::nullopt},
        {"99999999999999999999", std::nullopt},
    };
    for (const Case& c : cases) EXPECT_EQ(ParseTenths(c.text), c.tenths) << "'" << c.text << "'";
}

TEST(GoalNumbers, TenthsAreFormattedWithADecimalCommaOnlyWhenNeeded) {
    EXPECT_EQ(FormatTenths(300), "30");
    EXPECT_EQ(FormatTenths(305), "30,5");
    EXPECT_EQ(FormatTenths(0), "0");
    EXPECT_EQ(FormatTenths(1400), "140");
    EXPECT_EQ(FormatTenths(-5), "-0,5");
}

TEST(GoalText, TargetsReadAsTheAnnualPlanWritesThem) {
    EXPECT_EQ(TargetText(CountGoal(140)), "minst 140");
    EXPECT_EQ(TargetText(CountGoal(10, GoalComparison::kAtMost)), "högst 10");
    EXPECT_EQ(TargetText(CountGoal(140, GoalComparison::kWithin, 10)), "140 ± 10");
    EXPECT_EQ(TargetText(ShareGoal(300)), "minst 30 %");
    EXPECT_EQ(TargetText(ShareGoal(333, GoalComparison::kAtMost)), "högst 33,3 %");
    EXPECT_EQ(TargetText(ShareGoal(500, GoalComparison::kWithin, 100)), "50 % ± 10 procentenheter");
    Goal survey;
    survey.kind = GoalKind::kNotMeasurable;
    EXPECT_EQ(TargetText(survey), "");
}

// ---- normalisation and validation --------------------------------------------------------

TEST(GoalValidation, DomainMdExamplesAreValid) {
    const std::vector<Goal> goals = {
        CountGoal(140),
        ShareGoal(300),
        ShareGoal(500, GoalComparison::kWithin, 100),
        [] {
            Goal g = ShareGoal(600);
            g.measure = "ended";
            g.filter_dimension = "exit_reason";
            g.filter_values = {"ARBETE", "STUDIER", "VARD_REHAB", "FORTSATT_STOD"};
            return g;
        }(),
        [] {
            Goal g;
            g.year = 2026;
            g.kind = GoalKind::kNotMeasurable;
            g.description = "90 % anser att de fått rätt stöd";
            return g;
        }(),
    };
    for (const Goal& g : goals) {
        Status st = ValidateGoal(NormalizeGoal(g), Vocabulary());
        EXPECT_TRUE(st.ok()) << TargetText(g) << ": " << (st.fields().empty() ? "" : st.fields()[0].field);
    }
}

TEST(GoalValidation, EachBadFieldIsNamed) {
    struct Case {
        const char* what;
        Goal goal;
        const char* field;
    };
    std::vector<Case> cases;
    cases.push_back({"year 1999",
                     [] {
                         Goal g = CountGoal(1);
                         g.year = 1999;
                         return g;
                     }(),
                     "year"});
    cases.push_back({"year 2101",
                     [] {
                         Goal g = CountGoal(1);
                         g.year = 2101;
                         return g;
                     }(),
                     "year"});
    cases.push_back({"unknown measure",
                     [] {
                         Goal g = CountGoal(1);
                         g.measure = "smiles";
                         return g;
                     }(),
                     "measure"});
    cases.push_back({"no measure",
                     [] {
                         Goal g = CountGoal(1);
                         g.measure = "";
                         return g;
                     }(),
                     "measure"});
    cases.push_back({"share without filter",
                     [] {
                         Goal g = ShareGoal(300);
                         g.filter_dimension = "";
                         return g;
                     }(),
                     "filter_dimension"});
    cases.push_back({"unknown dimension",
                     [] {
                         Goal g = ShareGoal(300);
                         g.filter_dimension = "shoe";
                         return g;
                     }(),
                     "filter_dimension"});
    cases.push_back({"no values",
                     [] {
                         Goal g = ShareGoal(300);
                         g.filter_values = {" "};
                         return g;
                     }(),
                     "filter_values"});
    cases.push_back({"unknown value",
                     [] {
                         Goal g = ShareGoal(300);
                         g.filter_values = {"Q"};
                         return g;
                     }(),
                     "filter_values"});
    cases.push_back({"semicolon in open value",
                     [] {
                         Goal g = ShareGoal(300);
                         g.filter_dimension = "district";
                         g.filter_values = {"A;B"};
                         return g;
                     }(),
                     "filter_values"});
    cases.push_back({"share above 100", ShareGoal(1001), "target"});
    cases.push_back({"negative target", CountGoal(-1), "target"});
    cases.push_back({"count with decimals",
                     [] {
                         Goal g = CountGoal(1);
                         g.target_tenths = 15;
                         return g;
                     }(),
                     "target"});
    cases.push_back({"count above a million", CountGoal(1'000'001), "target"});
    cases.push_back({"tolerance above 100", ShareGoal(500, GoalComparison::kWithin, 1001), "tolerance"});
    cases.push_back({"count tolerance with decimals", CountGoal(0, GoalComparison::kWithin, 0), "tolerance"});
    cases.back().goal.tolerance_tenths = 5;
    cases.push_back({"survey without description",
                     [] {
                         Goal g;
                         g.year = 2026;
                         g.kind = GoalKind::kNotMeasurable;
                         g.description = "   ";
                         return g;
                     }(),
                     "description"});
    cases.push_back({"description too long",
                     [] {
                         Goal g = CountGoal(1);
                         g.description = std::string(201, 'a');
                         return g;
                     }(),
                     "description"});
    for (const Case& c : cases) {
        Status st = ValidateGoal(NormalizeGoal(c.goal), Vocabulary());
        ASSERT_EQ(st.code(), StatusCode::kInvalidInput) << c.what;
        bool named = false;
        for (const auto& f : st.fields()) named = named || f.field == c.field;
        EXPECT_TRUE(named) << c.what << " should name " << c.field;
    }
}

TEST(GoalValidation, OpenDimensionsTakeAnyValueAndBoundsAreInclusive) {
    Goal g = ShareGoal(1000, GoalComparison::kWithin, 1000);
    g.filter_dimension = "district";
    g.filter_values = {"JARVA"};
    EXPECT_TRUE(ValidateGoal(NormalizeGoal(g), Vocabulary()).ok());
    EXPECT_TRUE(ValidateGoal(NormalizeGoal(ShareGoal(0)), Vocabulary()).ok());
    EXPECT_TRUE(ValidateGoal(NormalizeGoal(CountGoal(1'000'000)), Vocabulary()).ok());
    Goal first_year = CountGoal(0);
    first_year.year = 2000;
    EXPECT_TRUE(ValidateGoal(first_year, Vocabulary()).ok());
}

TEST(GoalValidation, NormalizeClearsWhatDoesNotApply) {
    Goal survey = ShareGoal(900, GoalComparison::kWithin, 50);
    survey.kind = GoalKind::kNotMeasurable;
    survey.description = "  90 % anser att de fått rätt stöd  ";
    Goal n = NormalizeGoal(survey);
    EXPECT_EQ(n.measure, "");
    EXPECT_EQ(n.filter_dimension, "");
    EXPECT_TRUE(n.filter_values.empty());
    EXPECT_EQ(n.target_tenths, 0);
    EXPECT_EQ(n.tolerance_tenths, 0);
    EXPECT_EQ(n.description, "90 % anser att de fått rätt stöd");

    Goal share = ShareGoal(300, GoalComparison::kAtLeast, 50);
    share.filter_values = {"M", " K ", "M", ""};
    n = NormalizeGoal(share);
    EXPECT_EQ(n.tolerance_tenths, 0);
    EXPECT_EQ(n.filter_values, (std::vector<std::string>{"K", "M"}));

    Goal count = CountGoal(5);
    count.filter_values = {"K"};
    EXPECT_TRUE(NormalizeGoal(count).filter_values.empty());
}

// ---- the year ------------------------------------------------------------------------------

TEST(GoalYear, ProgressAtTheEdgesOfCommonAndLeapYears) {
    struct Case {
        int year;
        Date today;
        YearPhase phase;
        int elapsed, days, remaining_months;
    };
    const std::vector<Case> cases = {
        {2026, {2025, 12, 31}, YearPhase::kFuture, 0, 365, 12},
        {2026, {2026, 1, 1}, YearPhase::kCurrent, 0, 365, 12},
        {2026, {2026, 1, 31}, YearPhase::kCurrent, 30, 365, 12},
        {2026, {2026, 2, 1}, YearPhase::kCurrent, 31, 365, 11},
        {2026, {2026, 7, 2}, YearPhase::kCurrent, 182, 365, 6},
        {2026, {2026, 12, 31}, YearPhase::kCurrent, 364, 365, 1},
        {2026, {2027, 1, 1}, YearPhase::kEnded, 365, 365, 0},
        {2024, {2024, 12, 31}, YearPhase::kCurrent, 365, 366, 1},
        {2024, {2024, 3, 1}, YearPhase::kCurrent, 60, 366, 10},
        {2024, {2025, 6, 1}, YearPhase::kEnded, 366, 366, 0},
        {2100, {2100, 3, 1}, YearPhase::kCurrent, 59, 365, 10},  // 2100 is no leap year
        {2000, {2000, 3, 1}, YearPhase::kCurrent, 60, 366, 10},  // 2000 is
    };
    for (const Case& c : cases) {
        const YearProgress p = ProgressOf(c.year, c.today);
        EXPECT_EQ(p.phase, c.phase) << c.year << " on " << c.today.ToString();
        EXPECT_EQ(p.elapsed_days, c.elapsed) << c.year << " on " << c.today.ToString();
        EXPECT_EQ(p.days_in_year, c.days) << c.year << " on " << c.today.ToString();
        EXPECT_EQ(p.remaining_months, c.remaining_months) << c.year << " on " << c.today.ToString();
    }
}

// ---- COUNT ---------------------------------------------------------------------------------

TEST(GoalCount, AtLeastDuringTheYearFollowsThePace) {
    const Goal goal = CountGoal(140);
    // 1 July 2026: 181 of 365 days done; 140 x 181 / 365 = 69.4, so 70 are expected.
    const Date today{2026, 7, 1};
    GoalEvaluation e = EvaluateGoal(goal, {69, 0}, today, kExact);
    EXPECT_EQ(Name(e.status), "BEHIND");
    EXPECT_EQ(e.expected_by_now, 70);
    EXPECT_EQ(e.still_needed, 71);
    EXPECT_EQ(e.remaining_months, 6);
    EXPECT_EQ(e.needed_per_month, 12);  // 71 / 6 = 11.8, rounded up
    EXPECT_FALSE(e.outcome_hidden);
    e = EvaluateGoal(goal, {70, 0}, today, kExact);
    EXPECT_EQ(Name(e.status), "ON_TRACK");
    EXPECT_EQ(e.still_needed, 70);
    EXPECT_EQ(e.needed_per_month, 12);  // 70 / 6 = 11.7
}

TEST(GoalCount, AtLeastOnTheFirstDayExpectsNothingYet) {
    GoalEvaluation e = EvaluateGoal(CountGoal(140), {0, 0}, {2026, 1, 1}, kExact);
    EXPECT_EQ(Name(e.status), "ON_TRACK");
    EXPECT_EQ(e.expected_by_now, 0);
    EXPECT_EQ(e.still_needed, 140);
    EXPECT_EQ(e.needed_per_month, 12);  // 140 / 12 = 11.7
    EXPECT_EQ(e.remaining_months, 12);
}

TEST(GoalCount, AtLeastOnTheLastDayExpectsAlmostAll) {
    // 364 of 365 days done: 140 x 364 / 365 = 139.6, so 140 expected.
    GoalEvaluation e = EvaluateGoal(CountGoal(140), {139, 0}, {2026, 12, 31}, kExact);
    EXPECT_EQ(Name(e.status), "BEHIND");
    EXPECT_EQ(e.expected_by_now, 140);
    EXPECT_EQ(e.still_needed, 1);
    EXPECT_EQ(e.needed_per_month, 1);
    EXPECT_EQ(e.remaining_months, 1);
    // A leap year's last day: 365 of 366 days; 366 x 365 / 366 = 365 exactly.
    Goal leap = CountGoal(366);
    leap.year = 2024;
    e = EvaluateGoal(leap, {365, 0}, {2024, 12, 31}, kExact);
    EXPECT_EQ(e.expected_by_now, 365);
    EXPECT_EQ(Name(e.status), "ON_TRACK");
    e = EvaluateGoal(leap, {364, 0}, {2024, 12, 31}, kExact);
    EXPECT_EQ(Name(e.status), "BEHIND");
}

TEST(GoalCount, AtLeastLeapDayCountsInThePace) {
    Goal goal = CountGoal(366);
    goal.year = 2024;
    // 1 March 2024: 31 + 29 = 60 days done.
    GoalEvaluation e = EvaluateGoal(goal, {60, 0}, {2024, 3, 1}, kExact);
    EXPECT_EQ(e.expected_by_now, 60);
    EXPECT_EQ(Name(e.status), "ON_TRACK");
    EXPECT_EQ(Name(EvaluateGoal(goal, {59, 0}, {2024, 3, 1}, kExact).status), "BEHIND");
}

TEST(GoalCount, AtLeastReachedEarlyIsMetAtOnce) {
    GoalEvaluation e = EvaluateGoal(CountGoal(140), {140, 0}, {2026, 8, 15}, kExact);
    EXPECT_EQ(Name(e.status), "MET");
    EXPECT_FALSE(e.still_needed.has_value());
    EXPECT_FALSE(e.needed_per_month.has_value());
    EXPECT_EQ(Name(StatusOf(CountGoal(140), 150, {2026, 2, 1})), "MET");
}

TEST(GoalCount, AtLeastAfterTheYearIsMetOrNotMet) {
    const Goal goal = CountGoal(140);
    EXPECT_EQ(Name(StatusOf(goal, 140, {2027, 1, 1})), "MET");
    EXPECT_EQ(Name(StatusOf(goal, 139, {2027, 1, 1})), "NOT_MET");
    EXPECT_EQ(Name(StatusOf(goal, 141, {2030, 6, 1})), "MET");
    GoalEvaluation e = EvaluateGoal(goal, {139, 0}, {2027, 1, 1}, kExact);
    EXPECT_FALSE(e.expected_by_now.has_value());
    EXPECT_FALSE(e.needed_per_month.has_value());
    EXPECT_EQ(e.remaining_months, 0);
}

TEST(GoalCount, TargetZero) {
    EXPECT_EQ(Name(StatusOf(CountGoal(0), 0, {2026, 1, 1})), "MET");
    EXPECT_EQ(Name(StatusOf(CountGoal(0), 0, {2027, 1, 1})), "MET");
    EXPECT_EQ(Name(StatusOf(CountGoal(0, GoalComparison::kAtMost), 0, {2026, 12, 31})), "ON_TRACK");
    EXPECT_EQ(Name(StatusOf(CountGoal(0, GoalComparison::kAtMost), 0, {2027, 1, 1})), "MET");
    EXPECT_EQ(Name(StatusOf(CountGoal(0, GoalComparison::kAtMost), 1, {2026, 1, 1})), "NOT_MET");
    GoalEvaluation e = EvaluateGoal(CountGoal(0), {0, 0}, {2026, 6, 1}, kExact);
    EXPECT_EQ(e.expected_by_now, 0);
    EXPECT_FALSE(e.still_needed.has_value());
}

TEST(GoalCount, AtMostExceededIsNotMetAtOnce) {
    const Goal goal = CountGoal(10, GoalComparison::kAtMost);
    EXPECT_EQ(Name(StatusOf(goal, 11, {2026, 1, 2})), "NOT_MET");
    EXPECT_EQ(Name(StatusOf(goal, 10, {2026, 12, 31})), "ON_TRACK");
    EXPECT_EQ(Name(StatusOf(goal, 10, {2027, 1, 1})), "MET");
    EXPECT_EQ(Name(StatusOf(goal, 11, {2027, 1, 1})), "NOT_MET");
    GoalEvaluation e = EvaluateGoal(goal, {3, 0}, {2026, 6, 1}, kExact);
    EXPECT_FALSE(e.expected_by_now.has_value());  // no pace for a ceiling
    EXPECT_FALSE(e.needed_per_month.has_value());
}

TEST(GoalCount, WithinBoundsAreInclusive) {
    const Goal goal = CountGoal(100, GoalComparison::kWithin, 10);
    const Date after{2027, 1, 1};
    EXPECT_EQ(Name(StatusOf(goal, 89, after)), "NOT_MET");
    EXPECT_EQ(Name(StatusOf(goal, 90, after)), "MET");
    EXPECT_EQ(Name(StatusOf(goal, 110, after)), "MET");
    EXPECT_EQ(Name(StatusOf(goal, 111, after)), "NOT_MET");
    // During the year: above the upper bound at once; the pace on the lower bound (90).
    EXPECT_EQ(Name(StatusOf(goal, 111, {2026, 3, 1})), "NOT_MET");
    EXPECT_EQ(Name(StatusOf(goal, 110, {2026, 3, 1})), "ON_TRACK");
    GoalEvaluation e = EvaluateGoal(goal, {44, 0}, {2026, 7, 2}, kExact);  // 90 x 182 / 365 = 44.9
    EXPECT_EQ(e.expected_by_now, 45);
    EXPECT_EQ(Name(e.status), "BEHIND");
    EXPECT_EQ(e.still_needed, 46);
    EXPECT_EQ(Name(StatusOf(goal, 45, {2026, 7, 2})), "ON_TRACK");
}

TEST(GoalCount, WithinToleranceLargerThanTheTargetHasNoNegativeBound) {
    const Goal goal = CountGoal(5, GoalComparison::kWithin, 10);
    EXPECT_EQ(Name(StatusOf(goal, 0, {2027, 1, 1})), "MET");
    EXPECT_EQ(Name(StatusOf(goal, 15, {2027, 1, 1})), "MET");
    EXPECT_EQ(Name(StatusOf(goal, 16, {2027, 1, 1})), "NOT_MET");
}

TEST(GoalCount, AFutureYearIsOnTrackWithTheWholeYearAhead) {
    GoalEvaluation e = EvaluateGoal(CountGoal(140), {0, 0}, {2025, 12, 31}, kExact);
    EXPECT_EQ(Name(e.status), "ON_TRACK");
    EXPECT_EQ(e.expected_by_now, 0);
    EXPECT_EQ(e.still_needed, 140);
    EXPECT_EQ(e.needed_per_month, 12);
    EXPECT_EQ(e.remaining_months, 12);
    EXPECT_EQ(Name(StatusOf(CountGoal(0, GoalComparison::kAtMost), 0, {2025, 1, 1})), "ON_TRACK");
}

// ---- SHARE ---------------------------------------------------------------------------------

TEST(GoalShare, AtLeastByTheShareSoFarAndAtTheEnd) {
    const Goal goal = ShareGoal(300);  // share of men >= 30 %
    GoalEvaluation e = EvaluateGoal(goal, {30, 100}, {2026, 5, 1}, kExact);
    EXPECT_EQ(Name(e.status), "ON_TRACK");
    EXPECT_EQ(e.share_tenths, 300);
    EXPECT_FALSE(e.expected_by_now.has_value());
    EXPECT_EQ(Name(StatusOf(goal, 29, {2026, 5, 1}, 100)), "BEHIND");
    EXPECT_EQ(Name(StatusOf(goal, 30, {2027, 1, 1}, 100)), "MET");
    EXPECT_EQ(Name(StatusOf(goal, 29, {2027, 1, 1}, 100)), "NOT_MET");
    // 1 of 3 is 33.3 %; exactly a third against 33,3 % is above it.
    EXPECT_EQ(Name(StatusOf(ShareGoal(333), 1, {2027, 1, 1}, 3)), "MET");
    EXPECT_EQ(Name(StatusOf(ShareGoal(334), 1, {2027, 1, 1}, 3)), "NOT_MET");
}

TEST(GoalShare, WithinIsInclusiveExactlyAtPlusMinusTolerance) {
    const Goal goal = ShareGoal(500, GoalComparison::kWithin, 100);  // 50 % ± 10
    const Date after{2027, 1, 1};
    EXPECT_EQ(Name(StatusOf(goal, 40, after, 100)), "MET");  // exactly 40,0 %
    EXPECT_EQ(Name(StatusOf(goal, 60, after, 100)), "MET");  // exactly 60,0 %
    EXPECT_EQ(Name(StatusOf(goal, 399, after, 1000)), "NOT_MET");
    EXPECT_EQ(Name(StatusOf(goal, 601, after, 1000)), "NOT_MET");
    EXPECT_EQ(Name(StatusOf(goal, 40, {2026, 12, 31}, 100)), "ON_TRACK");
    EXPECT_EQ(Name(StatusOf(goal, 39, {2026, 12, 31}, 100)), "BEHIND");
    // A zero tolerance is an exact share.
    const Goal exact = ShareGoal(500, GoalComparison::kWithin, 0);
    EXPECT_EQ(Name(StatusOf(exact, 5, after, 10)), "MET");
    EXPECT_EQ(Name(StatusOf(exact, 6, after, 10)), "NOT_MET");
}

TEST(GoalShare, AtMost) {
    const Goal goal = ShareGoal(200, GoalComparison::kAtMost);
    EXPECT_EQ(Name(StatusOf(goal, 20, {2027, 1, 1}, 100)), "MET");
    EXPECT_EQ(Name(StatusOf(goal, 21, {2027, 1, 1}, 100)), "NOT_MET");
    EXPECT_EQ(Name(StatusOf(goal, 21, {2026, 1, 1}, 100)), "BEHIND");
}

TEST(GoalShare, TheShareIsRoundedHalfUpToTenths) {
    EXPECT_EQ(EvaluateGoal(ShareGoal(0), {1, 3}, {2027, 1, 1}, kExact).share_tenths, 333);
    EXPECT_EQ(EvaluateGoal(ShareGoal(0), {2, 3}, {2027, 1, 1}, kExact).share_tenths, 667);
    EXPECT_EQ(EvaluateGoal(ShareGoal(0), {1, 8}, {2027, 1, 1}, kExact).share_tenths, 125);
    EXPECT_EQ(EvaluateGoal(ShareGoal(0), {1, 16}, {2027, 1, 1}, kExact).share_tenths, 63);  // 62.5 -> 63
    EXPECT_EQ(EvaluateGoal(ShareGoal(0), {7, 7}, {2027, 1, 1}, kExact).share_tenths, 1000);
}

TEST(GoalShare, NoBaseIsTooFewAndAFutureYearIsOnTrack) {
    EXPECT_EQ(Name(StatusOf(ShareGoal(300), 0, {2026, 6, 1}, 0)), "TOO_FEW");
    EXPECT_EQ(Name(StatusOf(ShareGoal(300), 0, {2027, 6, 1}, 0)), "TOO_FEW");
    GoalEvaluation e = EvaluateGoal(ShareGoal(300), {0, 0}, {2025, 6, 1}, kExact);
    EXPECT_EQ(Name(e.status), "ON_TRACK");
    EXPECT_FALSE(e.share_tenths.has_value());
}

TEST(GoalShare, TargetZeroAndHundred) {
    EXPECT_EQ(Name(StatusOf(ShareGoal(0), 0, {2027, 1, 1}, 10)), "MET");
    EXPECT_EQ(Name(StatusOf(ShareGoal(1000), 10, {2027, 1, 1}, 10)), "MET");
    EXPECT_EQ(Name(StatusOf(ShareGoal(1000), 9, {2027, 1, 1}, 10)), "NOT_MET");
}

// ---- suppression ---------------------------------------------------------------------------

TEST(GoalSuppression, ShareWithASmallBaseIsTooFewAndShowsNothing) {
    GoalEvaluation e = EvaluateGoal(ShareGoal(300), {2, 4}, {2027, 1, 1}, kSuppressed);
    EXPECT_EQ(Name(e.status), "TOO_FEW");
    EXPECT_TRUE(e.outcome_hidden);
    EXPECT_FALSE(e.share_tenths.has_value());
    // The same numbers without suppression are judged.
    EXPECT_EQ(Name(StatusOf(ShareGoal(300), 2, {2027, 1, 1}, 4)), "MET");
}

TEST(GoalSuppression, ShareWithASmallPartOrASmallRestIsTooFew) {
    for (long long part : {1, 4, 96, 99}) {
        GoalEvaluation e = EvaluateGoal(ShareGoal(300), {part, 100}, {2027, 1, 1}, kSuppressed);
        EXPECT_EQ(Name(e.status), "TOO_FEW") << part << " of 100";
        EXPECT_FALSE(e.share_tenths.has_value()) << part << " of 100";
    }
    for (long long part : {0, 5, 95, 100}) {
        GoalEvaluation e = EvaluateGoal(ShareGoal(300), {part, 100}, {2027, 1, 1}, kSuppressed);
        EXPECT_NE(Name(e.status), "TOO_FEW") << part << " of 100";
        EXPECT_EQ(e.share_tenths, part * 10) << part << " of 100";
    }
    // Base exactly at the threshold is shown.
    EXPECT_EQ(EvaluateGoal(ShareGoal(300), {5, 5}, {2027, 1, 1}, kSuppressed).share_tenths, 1000);
}

TEST(GoalSuppression, HiddenCountKeepsAStatusThatTellsNothing) {
    // 140 expected by year end, mid-year 70: every hidden value 1..4 is behind.
    GoalEvaluation e = EvaluateGoal(CountGoal(140), {3, 0}, {2026, 7, 1}, kSuppressed);
    EXPECT_TRUE(e.outcome_hidden);
    EXPECT_EQ(Name(e.status), "BEHIND");
    EXPECT_EQ(e.expected_by_now, 70);
    EXPECT_FALSE(e.still_needed.has_value());  // 137 would reveal 3
    EXPECT_FALSE(e.needed_per_month.has_value());
    // Target 2: 1 is not met, 2..4 are met, so the status would tell 1 from the rest.
    e = EvaluateGoal(CountGoal(2), {1, 0}, {2027, 1, 1}, kSuppressed);
    EXPECT_EQ(Name(e.status), "TOO_FEW");
    e = EvaluateGoal(CountGoal(2), {3, 0}, {2027, 1, 1}, kSuppressed);
    EXPECT_EQ(Name(e.status), "TOO_FEW");
    // Zero and counts at the threshold are shown as they are.
    e = EvaluateGoal(CountGoal(2), {0, 0}, {2027, 1, 1}, kSuppressed);
    EXPECT_FALSE(e.outcome_hidden);
    EXPECT_EQ(Name(e.status), "NOT_MET");
    e = EvaluateGoal(CountGoal(140), {5, 0}, {2026, 7, 1}, kSuppressed);
    EXPECT_FALSE(e.outcome_hidden);
    EXPECT_EQ(e.still_needed, 135);
    // At most 3, hidden 1..4: 1..3 on track, 4 not met.
    EXPECT_EQ(Name(StatusOf(CountGoal(3, GoalComparison::kAtMost), 2, {2026, 6, 1}, 0, kSuppressed)), "TOO_FEW");
    // At most 10: every hidden value is on track.
    EXPECT_EQ(Name(StatusOf(CountGoal(10, GoalComparison::kAtMost), 2, {2026, 6, 1}, 0, kSuppressed)), "ON_TRACK");
}

TEST(GoalSuppression, TheThresholdOfTheAssociationIsUsed) {
    const Disclosure three{true, 3};
    GoalEvaluation e = EvaluateGoal(CountGoal(140), {3, 0}, {2026, 7, 1}, three);
    EXPECT_FALSE(e.outcome_hidden);
    e = EvaluateGoal(ShareGoal(300), {3, 10}, {2027, 1, 1}, three);
    EXPECT_EQ(e.share_tenths, 300);
}

TEST(GoalNotMeasurable, IsListedAsSuch) {
    Goal g;
    g.year = 2026;
    g.kind = GoalKind::kNotMeasurable;
    g.description = "90 % anser att de fått rätt stöd";
    for (const Date& today : {Date{2025, 1, 1}, Date{2026, 6, 1}, Date{2027, 1, 1}}) {
        GoalEvaluation e = EvaluateGoal(g, {0, 0}, today, kSuppressed);
        EXPECT_EQ(Name(e.status), "NOT_MEASURABLE") << today.ToString();
        EXPECT_FALSE(e.expected_by_now.has_value());
        EXPECT_FALSE(e.outcome_hidden);
    }
}

}  // namespace
}  // namespace foljsam::domain

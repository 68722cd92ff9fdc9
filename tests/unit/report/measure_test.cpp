#include "report/measure.hpp"

#include <gtest/gtest.h>

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "report/engine.hpp"

namespace foljsam::report {
namespace {

using domain::Date;
using OptDate = std::optional<Date>;

// Every case is read against 2025-H1 = [2025-01-01, 2025-06-30].
const Period kPeriod = Period::Half(2025, 1);

Fact MakeFact(OptDate referral, OptDate start, OptDate end, std::string exit_reason = "", bool anonymous = false) {
    Fact fact;
    fact.insats_id = 1;
    fact.referral_date = referral;
    fact.start_date = start;
    fact.end_date = end;
    fact.exit_reason = std::move(exit_reason);
    fact.anonymous = anonymous;
    fact.gender = "K";
    return fact;
}

// Expected flags in AllMeasures() order: referred, started, ended, participated,
// active_at_end, ended_to_work_or_studies, persons_participated, anonymous_started.
using Flags = std::array<int, 8>;

struct Case {
    std::string name;
    Fact fact;
    Flags expected;
};

std::vector<Case> EdgeCases() {
    const Date first{2025, 1, 1};
    const Date last{2025, 6, 30};
    const Date before{2024, 12, 31};
    const Date after{2025, 7, 1};
    const Date mid{2025, 3, 15};
    const Date long_ago{2024, 5, 1};
    return {
        {"start on first day, open", MakeFact({}, first, {}), {0, 1, 0, 1, 1, 0, 1, 0}},
        {"start on last day, open", MakeFact({}, last, {}), {0, 1, 0, 1, 1, 0, 1, 0}},
        {"start the day after the period", MakeFact({}, after, {}), {0, 0, 0, 0, 0, 0, 0, 0}},
        {"started before, open", MakeFact({}, long_ago, {}), {0, 0, 0, 1, 1, 0, 1, 0}},
        {"started the day before, open", MakeFact({}, before, {}), {0, 0, 0, 1, 1, 0, 1, 0}},
        {"ended the day before from", MakeFact({}, long_ago, before, "ARBETE"), {0, 0, 0, 0, 0, 0, 0, 0}},
        {"ended on the first day", MakeFact({}, long_ago, first, "ARBETE"), {0, 0, 1, 1, 0, 1, 1, 0}},
        {"ended on the last day", MakeFact({}, mid, last, "STUDIER"), {0, 1, 1, 1, 0, 1, 1, 0}},
        {"ended the day after to", MakeFact({}, mid, after, "ARBETE"), {0, 1, 0, 1, 1, 0, 1, 0}},
        {"same-day start and end mid-period", MakeFact({}, mid, mid, "AVBROTT"), {0, 1, 1, 1, 0, 0, 1, 0}},
        {"same-day start and end on the first day", MakeFact({}, first, first, "ARBETE"), {0, 1, 1, 1, 0, 1, 1, 0}},
        {"same-day start and end on the last day", MakeFact({}, last, last, "STUDIER"), {0, 1, 1, 1, 0, 1, 1, 0}},
        {"same-day start and end the day before", MakeFact({}, before, before, "ARBETE"), {0, 0, 0, 0, 0, 0, 0, 0}},
        {"ended in period to other help", MakeFact({}, long_ago, mid, "FORTSATT_STOD"), {0, 0, 1, 1, 0, 0, 1, 0}},
        {"referred on the first day, not started", MakeFact(first, {}, {}), {1, 0, 0, 0, 0, 0, 0, 0}},
        {"referred on the last day, not started", MakeFact(last, {}, {}), {1, 0, 0, 0, 0, 0, 0, 0}},
        {"referred the day before", MakeFact(before, {}, {}), {0, 0, 0, 0, 0, 0, 0, 0}},
        {"referred the day after", MakeFact(after, {}, {}), {0, 0, 0, 0, 0, 0, 0, 0}},
        {"referred and started in period", MakeFact(first, mid, {}), {1, 1, 0, 1, 1, 0, 1, 0}},
        {"FELREG in period", MakeFact(first, mid, last, "FELREG"), {0, 0, 0, 0, 0, 0, 0, 0}},
        {"FELREG open-ended before", MakeFact(before, long_ago, after, "FELREG"), {0, 0, 0, 0, 0, 0, 0, 0}},
        {"anonymous started in period", MakeFact({}, mid, {}, "", true), {0, 1, 0, 1, 1, 0, 1, 1}},
        {"anonymous started on first day", MakeFact({}, first, {}, "", true), {0, 1, 0, 1, 1, 0, 1, 1}},
        {"anonymous started before", MakeFact({}, long_ago, {}, "", true), {0, 0, 0, 1, 1, 0, 1, 0}},
        {"anonymous FELREG", MakeFact({}, mid, {}, "FELREG", true), {0, 0, 0, 0, 0, 0, 0, 0}},
        {"ended without start date", MakeFact({}, {}, mid, "ANNAT"), {0, 0, 1, 0, 0, 0, 0, 0}},
    };
}

TEST(ReportMeasure, EveryMeasureAtThePeriodEdges) {
    for (const Case& c : EdgeCases()) {
        for (size_t idx = 0; idx < AllMeasures().size(); ++idx) {
            const Measure measure = AllMeasures()[idx];
            EXPECT_EQ(Counts(measure, c.fact, kPeriod) ? 1 : 0, c.expected[idx])
                << c.name << ", measure " << MeasureName(measure);
            EXPECT_EQ(Total(measure, {c.fact}, kPeriod), c.expected[idx])
                << c.name << ", total of " << MeasureName(measure);
        }
    }
}

TEST(ReportMeasure, EngineTotalsAgreeWithCounts) {
    std::vector<Fact> facts;
    Flags sums{};
    for (const Case& c : EdgeCases()) {
        facts.push_back(c.fact);
        for (size_t idx = 0; idx < sums.size(); ++idx) sums[idx] += c.expected[idx];
    }
    auto report = Compute(facts, Query{AllMeasures(), {}, kPeriod, std::nullopt});
    ASSERT_TRUE(report.ok()) << report.status().message();
    ASSERT_EQ(report->cells.size(), AllMeasures().size());
    for (size_t idx = 0; idx < AllMeasures().size(); ++idx) {
        EXPECT_EQ(report->cells[idx].measure, AllMeasures()[idx]);
        EXPECT_TRUE(report->cells[idx].by.empty());
        // Facts without person keys count as one person each.
        EXPECT_EQ(report->cells[idx].value, sums[idx]) << MeasureName(AllMeasures()[idx]);
    }
}

TEST(ReportMeasure, PersonsAreCountedOnceAcrossParticipations) {
    const Date mid{2025, 3, 15};
    std::vector<Fact> facts;
    Fact first = MakeFact({}, Date{2024, 9, 1}, Date{2025, 2, 1}, "ANNAN_INSATS");
    first.person_key = 7;
    Fact second = MakeFact({}, mid, {});
    second.person_key = 7;
    second.insats_id = 2;
    Fact other = MakeFact({}, mid, {});
    other.person_key = 8;
    Fact outside = MakeFact({}, Date{2025, 8, 1}, {});  // person 9 takes part only after the period
    outside.person_key = 9;
    Fact felreg = MakeFact({}, mid, {}, "FELREG");
    felreg.person_key = 10;
    Fact anonymous_a = MakeFact({}, mid, {}, "", true);
    Fact anonymous_b = MakeFact({}, mid, {}, "", true);
    facts = {first, second, other, outside, felreg, anonymous_a, anonymous_b};
    EXPECT_EQ(Total(Measure::kParticipated, facts, kPeriod), 5);
    EXPECT_EQ(Total(Measure::kPersonsParticipated, facts, kPeriod), 4);  // 7, 8 and two anonymous
    EXPECT_EQ(Total(Measure::kAnonymousStarted, facts, kPeriod), 2);
    EXPECT_EQ(Total(Measure::kStarted, facts, kPeriod), 4);

    auto report = Compute(facts, Query{{Measure::kPersonsParticipated}, {}, kPeriod, std::nullopt});
    ASSERT_TRUE(report.ok());
    EXPECT_EQ(report->cells.at(0).value, 4);
}

TEST(ReportMeasure, NamesAndLabelsAreStable) {
    const std::vector<std::string> names = {"referred",
                                            "started",
                                            "ended",
                                            "participated",
                                            "active_at_end",
                                            "ended_to_work_or_studies",
                                            "persons_participated",
                                            "anonymous_started"};
    ASSERT_EQ(AllMeasures().size(), names.size());
    for (size_t idx = 0; idx < names.size(); ++idx) {
        EXPECT_EQ(MeasureName(AllMeasures()[idx]), names[idx]);
        EXPECT_EQ(ParseMeasure(names[idx]), AllMeasures()[idx]);
        EXPECT_FALSE(MeasureLabel(AllMeasures()[idx]).empty());
    }
    EXPECT_FALSE(ParseMeasure("Started").has_value());
    EXPECT_FALSE(ParseMeasure("").has_value());
}

}  // namespace
}  // namespace foljsam::report

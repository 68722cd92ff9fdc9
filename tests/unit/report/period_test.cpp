#include "report/period.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace foljsam::report {
namespace {

using domain::Date;

TEST(ReportPeriod, CalendarFactoriesCoverWholeMonths) {
    EXPECT_EQ(Period::Year(2025), (Period{{2025, 1, 1}, {2025, 12, 31}}));
    EXPECT_EQ(Period::Half(2025, 1), (Period{{2025, 1, 1}, {2025, 6, 30}}));
    EXPECT_EQ(Period::Half(2025, 2), (Period{{2025, 7, 1}, {2025, 12, 31}}));
    EXPECT_EQ(Period::Quarter(2025, 1), (Period{{2025, 1, 1}, {2025, 3, 31}}));
    EXPECT_EQ(Period::Quarter(2025, 4), (Period{{2025, 10, 1}, {2025, 12, 31}}));
    EXPECT_EQ(Period::Month(2024, 2), (Period{{2024, 2, 1}, {2024, 2, 29}}));
    EXPECT_EQ(Period::Month(2025, 2), (Period{{2025, 2, 1}, {2025, 2, 28}}));
}

TEST(ReportPeriod, KeysParseAndRoundTrip) {
    struct Case {
        std::string key;
        Period expected;
        std::string label;
    };
    const std::vector<Case> cases = {
        {"2025", Period::Year(2025), "2025"},
        {"2025-H1", Period::Half(2025, 1), "första halvåret 2025"},
        {"2025-H2", Period::Half(2025, 2), "andra halvåret 2025"},
        {"2025-Q3", Period::Quarter(2025, 3), "tredje kvartalet 2025"},
        {"2025-04", Period::Month(2025, 4), "april 2025"},
        {"2025-01-01..2025-02-15", Period{{2025, 1, 1}, {2025, 2, 15}}, "2025-01-01 – 2025-02-15"},
        {"2025-03-05..2025-03-05", Period{{2025, 3, 5}, {2025, 3, 5}}, "2025-03-05 – 2025-03-05"},
    };
    for (const Case& c : cases) {
        auto parsed = Period::Parse(c.key);
        ASSERT_TRUE(parsed.ok()) << c.key;
        EXPECT_EQ(*parsed, c.expected) << c.key;
        EXPECT_EQ(parsed->Key(), c.key) << c.key;
        EXPECT_EQ(parsed->Label(), c.label) << c.key;
    }
    // A custom range that happens to be a calendar period gets the calendar key.
    EXPECT_EQ(Period::Parse("2025-01-01..2025-06-30")->Key(), "2025-H1");
}

TEST(ReportPeriod, MalformedKeysAreRefused) {
    const std::vector<std::string> inputs = {"",
                                             "25",
                                             "2025-H3",
                                             "2025-Q0",
                                             "2025-Q5",
                                             "2025-13",
                                             "2025-00",
                                             "2025-4",
                                             "x025",
                                             "2025-01-01..",
                                             "1700",
                                             "2025-02-30..2025-03-01",
                                             "2025-06-30..2025-01-01"};
    for (const std::string& input : inputs) {
        auto parsed = Period::Parse(input);
        ASSERT_FALSE(parsed.ok()) << input;
        EXPECT_EQ(parsed.status().code(), StatusCode::kInvalidInput) << input;
    }
}

TEST(ReportPeriod, CustomRejectsReversedRange) {
    EXPECT_FALSE(Period::Custom({2025, 2, 1}, {2025, 1, 31}).ok());
    EXPECT_TRUE(Period::Custom({2025, 2, 1}, {2025, 2, 1}).ok());
    EXPECT_FALSE(Period::Custom({2025, 2, 30}, {2025, 3, 1}).ok());
}

TEST(ReportPeriod, SamePeriodLastYearKeepsMonthEnds) {
    EXPECT_EQ(Period::Year(2025).SamePeriodLastYear(), Period::Year(2024));
    EXPECT_EQ(Period::Half(2025, 2).SamePeriodLastYear(), Period::Half(2024, 2));
    EXPECT_EQ(Period::Month(2024, 2).SamePeriodLastYear(), Period::Month(2023, 2));
    EXPECT_EQ(Period::Month(2025, 2).SamePeriodLastYear(), Period::Month(2024, 2));
    EXPECT_EQ((Period{{2025, 3, 10}, {2025, 4, 20}}).SamePeriodLastYear(), (Period{{2024, 3, 10}, {2024, 4, 20}}));
}

TEST(ReportPeriod, ContainsIncludesBothEnds) {
    const Period period = Period::Half(2025, 1);
    EXPECT_TRUE(period.Contains({2025, 1, 1}));
    EXPECT_TRUE(period.Contains({2025, 6, 30}));
    EXPECT_FALSE(period.Contains({2024, 12, 31}));
    EXPECT_FALSE(period.Contains({2025, 7, 1}));
}

}  // namespace
}  // namespace foljsam::report

#include "domain/date.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace foljsam::domain {
namespace {

TEST(Date, ValidIsoDatesAreParsed) {
    struct Case {
        std::string text;
        Date expected;
    };
    const std::vector<Case> cases = {
        {"2024-02-29", {2024, 2, 29}},  {"2000-02-29", {2000, 2, 29}}, {"1970-01-01", {1970, 1, 1}},
        {"2026-12-31", {2026, 12, 31}}, {"1800-01-01", {1800, 1, 1}},  {"2200-12-31", {2200, 12, 31}},
    };
    for (const Case& c : cases) {
        auto parsed = ParseIsoDate(c.text);
        ASSERT_TRUE(parsed.has_value()) << c.text;
        EXPECT_EQ(*parsed, c.expected) << c.text;
        EXPECT_EQ(parsed->ToString(), c.text);
    }
}

TEST(Date, ImpossibleAndMalformedDatesAreRefused) {
    const std::vector<std::string> inputs = {
        "2023-02-29", "1900-02-29", "2024-04-31",       "2024-13-01",  "2024-00-10", "2024-01-00",  "2024-01-32",
        "",           "garbage",    "2024-1-01",        "2024-01-1",   "24-01-01",   "02024-01-01", "2024-01-011",
        "2024/01/01", "20240101",   " 2024-01-01",      "2024-01-01 ", "2024-0a-01", "+024-01-01",  "2024--1-01",
        "1799-12-31", "2201-01-01", "2024-01-01T00:00",
    };
    for (const std::string& input : inputs) {
        EXPECT_FALSE(ParseIsoDate(input).has_value()) << input;
    }
}

TEST(Date, AddMonthsClampsToTheEndOfTheTargetMonth) {
    EXPECT_EQ((Date{2024, 1, 31}.AddMonths(1)), (Date{2024, 2, 29}));
    EXPECT_EQ((Date{2023, 1, 31}.AddMonths(1)), (Date{2023, 2, 28}));
    EXPECT_EQ((Date{2024, 8, 31}.AddMonths(1)), (Date{2024, 9, 30}));
    EXPECT_EQ((Date{2024, 3, 15}.AddMonths(6)), (Date{2024, 9, 15}));
    EXPECT_EQ((Date{2024, 11, 30}.AddMonths(2)), (Date{2025, 1, 30}));
    EXPECT_EQ((Date{2024, 2, 29}.AddMonths(12)), (Date{2025, 2, 28}));
    EXPECT_EQ((Date{2024, 1, 15}.AddMonths(-1)), (Date{2023, 12, 15}));
    EXPECT_EQ((Date{2024, 3, 31}.AddMonths(-1)), (Date{2024, 2, 29}));
    EXPECT_EQ((Date{2024, 5, 10}.AddMonths(0)), (Date{2024, 5, 10}));
    EXPECT_EQ((Date{2024, 5, 10}.AddMonths(-29)), (Date{2021, 12, 10}));
}

TEST(Date, DaysSinceEpochRoundTrips) {
    EXPECT_EQ((Date{1970, 1, 1}.DaysSinceEpoch()), 0);
    EXPECT_EQ((Date{1969, 12, 31}.DaysSinceEpoch()), -1);
    EXPECT_EQ((Date{2000, 3, 1}.DaysSinceEpoch()), 11017);
    for (long days = Date{1800, 1, 1}.DaysSinceEpoch(); days <= Date{2200, 12, 31}.DaysSinceEpoch(); days += 13) {
        Date date = Date::FromDaysSinceEpoch(days);
        ASSERT_TRUE(date.IsValid()) << days;
        ASSERT_EQ(date.DaysSinceEpoch(), days) << date.ToString();
    }
}

TEST(Date, AddDaysCrossesMonthAndYearBoundaries) {
    EXPECT_EQ((Date{2024, 2, 28}.AddDays(1)), (Date{2024, 2, 29}));
    EXPECT_EQ((Date{2024, 12, 31}.AddDays(1)), (Date{2025, 1, 1}));
    EXPECT_EQ((Date{2025, 1, 1}.AddDays(-1)), (Date{2024, 12, 31}));
}

TEST(Date, OrderingFollowsTheCalendar) {
    EXPECT_LT((Date{2024, 1, 31}), (Date{2024, 2, 1}));
    EXPECT_LT((Date{2023, 12, 31}), (Date{2024, 1, 1}));
    EXPECT_LT((Date{2024, 2, 1}), (Date{2024, 2, 2}));
    EXPECT_GT((Date{2024, 10, 1}), (Date{2024, 9, 30}));
    EXPECT_EQ((Date{2024, 2, 1}), (Date{2024, 2, 1}));
}

TEST(Date, TodayIsAValidDate) { EXPECT_TRUE(Today().IsValid()); }

TEST(Date, AgeInYearIsTheDifferenceOfYears) {
    EXPECT_EQ(AgeInYear(1990, Date{2026, 1, 1}), 36);
    EXPECT_EQ(AgeInYear(2026, Date{2026, 12, 31}), 0);
}

}  // namespace
}  // namespace foljsam::domain

// The retention rule (domain/retention): a participation is due the day after its end
// date + the retention period; a person's identity goes only when all its participations
// are due.

#include "domain/retention.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace foljsam::domain {
namespace {

constexpr Date kToday{2025, 6, 15};

TEST(RetentionRule, EndedExactlyThePeriodAgoIsKeptOneMoreDay) {
    EXPECT_FALSE(IsDue(Date{2022, 6, 15}, 36, kToday));
    EXPECT_TRUE(IsDue(Date{2022, 6, 15}, 36, Date{2025, 6, 16}));
    EXPECT_TRUE(IsDue(Date{2022, 6, 14}, 36, kToday));
}

TEST(RetentionRule, NotEndedIsNeverDue) {
    EXPECT_FALSE(IsDue(std::nullopt, 36, kToday));
    EXPECT_FALSE(IsDue(std::nullopt, 1, Date{2200, 1, 1}));
}

TEST(RetentionRule, EndedYesterdayOrTodayIsNotDue) {
    EXPECT_FALSE(IsDue(kToday.AddDays(-1), 36, kToday));
    EXPECT_FALSE(IsDue(kToday, 1, kToday));
    EXPECT_FALSE(IsDue(kToday.AddDays(1), 1, kToday));  // an end date in the future
}

TEST(RetentionRule, MonthEndsClampToTheShorterMonth) {
    // 2021-08-31 + 6 months = 2022-02-28: kept through the 28th, due on 1 March.
    EXPECT_EQ(RetainedThrough(Date{2021, 8, 31}, 6), (Date{2022, 2, 28}));
    EXPECT_FALSE(IsDue(Date{2021, 8, 31}, 6, Date{2022, 2, 28}));
    EXPECT_TRUE(IsDue(Date{2021, 8, 31}, 6, Date{2022, 3, 1}));
    // Leap years: 2020-02-29 + 12 months = 2021-02-28; + 48 months = 2024-02-29.
    EXPECT_EQ(RetainedThrough(Date{2020, 2, 29}, 12), (Date{2021, 2, 28}));
    EXPECT_EQ(RetainedThrough(Date{2020, 2, 29}, 48), (Date{2024, 2, 29}));
    EXPECT_TRUE(IsDue(Date{2020, 2, 29}, 12, Date{2021, 3, 1}));
    // 29, 30 and 31 January + 1 month share 28 February.
    for (int day : {28, 29, 30, 31}) {
        EXPECT_FALSE(IsDue(Date{2023, 1, day}, 1, Date{2023, 2, 28})) << day;
        EXPECT_TRUE(IsDue(Date{2023, 1, day}, 1, Date{2023, 3, 1})) << day;
    }
}

TEST(RetentionRule, FirstEndDateNotDueIsTheExactBoundary) {
    // Table of (months, today): around month ends, leap days and year ends.
    const std::vector<std::pair<int, Date>> cases = {
        {36, kToday},           {1, Date{2023, 3, 1}}, {1, Date{2023, 3, 31}},
        {1, Date{2024, 3, 30}}, {6, Date{2022, 3, 1}}, {12, Date{2021, 3, 1}},
        {48, Date{2024, 3, 1}}, {1, Date{2025, 1, 1}}, {600, Date{2025, 12, 31}}};
    for (const auto& [months, today] : cases) {
        const Date boundary = FirstEndDateNotDue(months, today);
        EXPECT_FALSE(IsDue(boundary, months, today)) << months << " " << today.ToString();
        EXPECT_TRUE(IsDue(boundary.AddDays(-1), months, today)) << months << " " << today.ToString();
        // Monotone: a wide band on both sides agrees.
        for (int offset = 1; offset <= 70; ++offset) {
            EXPECT_TRUE(IsDue(boundary.AddDays(-offset), months, today)) << months << " " << today.ToString();
            EXPECT_FALSE(IsDue(boundary.AddDays(offset), months, today)) << months << " " << today.ToString();
        }
    }
    EXPECT_EQ(FirstEndDateNotDue(36, kToday).ToString(), "2022-06-15");
    // 29-31 January are kept through 28 February, so all are due on 1 March.
    EXPECT_EQ(FirstEndDateNotDue(1, Date{2023, 3, 1}).ToString(), "2023-02-01");
    EXPECT_EQ(FirstEndDateNotDue(1, Date{2023, 2, 28}).ToString(), "2023-01-28");
}

TEST(RetentionRule, SettingIsOneTo600Months) {
    EXPECT_EQ(kDefaultRetentionMonths, 36);
    EXPECT_FALSE(IsValidRetentionMonths(0));
    EXPECT_FALSE(IsValidRetentionMonths(-3));
    EXPECT_TRUE(IsValidRetentionMonths(1));
    EXPECT_TRUE(IsValidRetentionMonths(36));
    EXPECT_TRUE(IsValidRetentionMonths(600));
    EXPECT_FALSE(IsValidRetentionMonths(601));
}

TEST(RetentionPlanRule, APersonGoesOnlyWhenEveryParticipationIsDue) {
    const Date old_end{2020, 5, 1};
    const Date recent_end{2025, 5, 1};
    const std::vector<LinkedParticipation> linked = {
        {1, 10, 100, old_end},                                 // person 100: both due
        {2, 11, 100, old_end},                                 //
        {3, 10, 200, old_end},                                 // person 200: one due, one recent -> held
        {4, 10, 200, recent_end},                              //
        {5, 10, 300, old_end},                                 // person 300: one due, one ongoing -> held
        {6, 11, 300, std::nullopt}, {7, 11, 400, recent_end},  // person 400: nothing due
    };
    const RetentionPlan plan = PlanRetention(linked, 36, kToday);
    EXPECT_EQ(plan.persons, (std::vector<long long>{100}));
    ASSERT_EQ(plan.removed.size(), 2u);
    EXPECT_EQ(plan.removed[0].participation_id, 1);
    EXPECT_EQ(plan.removed[1].participation_id, 2);
    ASSERT_EQ(plan.held.size(), 2u);
    EXPECT_EQ(plan.held[0].participation_id, 3);
    EXPECT_EQ(plan.held[1].participation_id, 5);
}

TEST(RetentionPlanRule, NothingLinkedPlansNothing) {
    const RetentionPlan plan = PlanRetention({}, 36, kToday);
    EXPECT_TRUE(plan.persons.empty());
    EXPECT_TRUE(plan.removed.empty());
    EXPECT_TRUE(plan.held.empty());
}

}  // namespace
}  // namespace foljsam::domain

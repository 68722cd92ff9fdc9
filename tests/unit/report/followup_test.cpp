#include "report/followup.hpp"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "report/engine.hpp"
#include "report/explore_view.hpp"
#include "report/followup_tables.hpp"
#include "report/suppression.hpp"

namespace foljsam::report {
namespace {

using domain::Date;

Fact Started(long long insats, std::string gender, Date start) {
    Fact fact;
    fact.insats_id = insats;
    fact.gender = std::move(gender);
    fact.start_date = start;
    fact.referral_date = start.AddDays(-10);
    return fact;
}

const ViewTable* TableOf(const FollowUp& followup, const std::string& id) {
    for (const auto& section : followup.sections)
        for (const auto& table : section.tables)
            if (table.id == id) return &table;
    return nullptr;
}

const ViewRow* RowOf(const ViewTable& table, const std::string& header) {
    for (const auto& row : table.rows)
        if (row.header == header) return &row;
    return nullptr;
}

// The column index of `header` in `table`.
size_t ColumnOf(const ViewTable& table, const std::string& header) {
    for (size_t idx = 0; idx < table.columns.size(); ++idx)
        if (table.columns[idx] == header) return idx;
    ADD_FAILURE() << "no column " << header << " in " << table.id;
    return 0;
}

FollowUpOptions Options(Period period, bool suppress) {
    FollowUpOptions options;
    options.period = period;
    options.insatser = {{1, "FINSAM-team"}, {2, "Aktivitetsplatsen"}};
    options.suppress = suppress;
    return options;
}

// 2025: insats 1 starts 6 women and 5 men, two of the men end to work; 2024: 3 women.
std::vector<Fact> Association() {
    std::vector<Fact> facts;
    for (int idx = 0; idx < 6; ++idx) facts.push_back(Started(1, "K", {2025, 1, 10 + idx}));
    for (int idx = 0; idx < 5; ++idx) {
        Fact fact = Started(1, "M", {2025, 2, 1 + idx});
        if (idx < 2) {
            fact.end_date = Date{2025, 5, 1};
            fact.exit_reason = "ARBETE";
        }
        facts.push_back(fact);
    }
    for (int idx = 0; idx < 3; ++idx) facts.push_back(Started(2, "K", {2024, 3, 1 + idx}));
    Fact wrong = Started(1, "K", {2025, 3, 3});
    wrong.end_date = Date{2025, 3, 4};
    wrong.exit_reason = "FELREG";
    facts.push_back(wrong);
    Fact outside = Started(9, "K", {2025, 3, 3});  // another insats, out of scope
    facts.push_back(outside);
    return facts;
}

TEST(FollowUp, OverviewCountsByGenderAgainstLastYear) {
    auto followup = BuildFollowUp(Association(), Options(Period::Year(2025), false));
    ASSERT_TRUE(followup.ok()) << followup.status().message();
    const ViewTable* table = TableOf(*followup, "oversikt");
    ASSERT_NE(table, nullptr);
    const ViewRow* started = RowOf(*table, "Påbörjade, totalt");
    ASSERT_NE(started, nullptr);
    EXPECT_EQ(started->cells[0].text, "11");  // FELREG and insats 9 not counted
    EXPECT_EQ(started->cells[1].text, "3");
    EXPECT_EQ(started->cells[2].text, "+8");
    const ViewRow* women = RowOf(*table, "Påbörjade, kvinnor");
    ASSERT_NE(women, nullptr);
    EXPECT_EQ(women->cells[0].text, "6");
    EXPECT_EQ(women->cells[2].text, "+3");
    const ViewRow* men = RowOf(*table, "Påbörjade, män");
    ASSERT_NE(men, nullptr);
    EXPECT_EQ(men->cells[0].text, "5");
    EXPECT_EQ(men->cells[2].text, "+5");
    ASSERT_TRUE(table->chart.has_value());
    EXPECT_EQ(table->chart->series.size(), 2u);
    EXPECT_EQ(followup->last_year, Period::Year(2024));
}

TEST(FollowUp, WorkOrStudiesShareByGender) {
    auto followup = BuildFollowUp(Association(), Options(Period::Year(2025), false));
    ASSERT_TRUE(followup.ok());
    const ViewTable* table = TableOf(*followup, "avslut-arbete-studier");
    ASSERT_NE(table, nullptr);
    const ViewRow* men = RowOf(*table, "Män");
    ASSERT_NE(men, nullptr);
    EXPECT_EQ(men->cells[0].text, "2");
    EXPECT_EQ(men->cells[1].text, "2");
    EXPECT_EQ(men->cells[2].text, "100 %");
    const ViewRow* women = RowOf(*table, "Kvinnor");
    ASSERT_NE(women, nullptr);
    EXPECT_EQ(women->cells[2].text, "–");  // nobody ended: no base
}

TEST(FollowUp, SuppressionHidesSmallCountsEverywhere) {
    auto followup = BuildFollowUp(Association(), Options(Period::Year(2025), true));
    ASSERT_TRUE(followup.ok());
    const ViewTable* table = TableOf(*followup, "oversikt");
    ASSERT_NE(table, nullptr);
    // Last year's 3 starts are hidden, and so is the change that would reveal them.
    const ViewRow* started = RowOf(*table, "Påbörjade, totalt");
    ASSERT_NE(started, nullptr);
    EXPECT_EQ(started->cells[1].text, "<5");
    EXPECT_TRUE(started->cells[1].hidden);
    EXPECT_EQ(started->cells[2].text, "–");
    for (const auto& section : followup->sections) {
        for (const auto& table : section.tables) {
            for (const auto& row : table.rows) {
                for (const auto& cell : row.cells) {
                    if (cell.percent || !cell.number) continue;
                    // A visible count (not a change) is never 1..4.
                    const bool change =
                        !cell.text.empty() && (cell.text[0] == '+' || cell.text.rfind("\u2212", 0) == 0);
                    if (change) continue;
                    EXPECT_FALSE(*cell.number >= 1 && *cell.number <= 4)
                        << table.id << " / " << row.header << " shows " << cell.text;
                }
            }
        }
    }
    // The men's share to work: base 2 < 5, so no share.
    const ViewTable* work = TableOf(*followup, "avslut-arbete-studier");
    ASSERT_NE(work, nullptr);
    for (const auto& row : work->rows) EXPECT_FALSE(row.cells[2].number.has_value()) << row.header;
}

TEST(FollowUp, ProfileRowsSumToTheTotalForSingleValuedAnswers) {
    std::mt19937 rng(11);
    std::vector<Fact> facts;
    const std::vector<std::string> educations = {"FORGYMN", "GYMN", "EFTERGYMN_KORT", "EFTERGYMN_LANG", "OKAND", ""};
    for (int idx = 0; idx < 400; ++idx) {
        Fact fact = Started(1 + idx % 2, idx % 3 == 0 ? "M" : "K", Date{2025, 1, 1}.AddDays(idx % 365));
        fact.education = educations[std::uniform_int_distribution<size_t>(0, educations.size() - 1)(rng)];
        facts.push_back(fact);
    }
    auto followup = BuildFollowUp(facts, Options(Period::Year(2025), false));
    ASSERT_TRUE(followup.ok());
    const ViewTable* table = TableOf(*followup, "profil-education");
    ASSERT_NE(table, nullptr);
    const size_t total_column = ColumnOf(*table, "Antal");
    double sum = 0, total = -1;
    for (const auto& row : table->rows) {
        ASSERT_TRUE(row.cells[total_column].number.has_value());
        if (row.total) {
            total = *row.cells[total_column].number;
        } else {
            sum += *row.cells[total_column].number;
        }
    }
    EXPECT_EQ(total, 400);
    EXPECT_EQ(sum, total);
}

TEST(FollowUp, TrendsRunFromTheFirstYearWithDataToThePeriod) {
    std::vector<Fact> facts = Association();
    facts.push_back(Started(2, "M", {2021, 5, 5}));
    auto followup = BuildFollowUp(facts, Options(Period::Half(2025, 1), false));
    ASSERT_TRUE(followup.ok());
    const ViewTable* table = TableOf(*followup, "utveckling-antal");
    ASSERT_NE(table, nullptr);
    ASSERT_EQ(table->rows.size(), 5u);  // 2021 .. 2025
    EXPECT_EQ(table->rows.front().header, "2021");
    EXPECT_EQ(table->rows.back().header, "2025 (t.o.m. 2025-06-30)");
    EXPECT_EQ(table->rows.back().cells[0].text, "11");
    EXPECT_TRUE(table->line_chart);
    // Ten years at most.
    facts.push_back(Started(2, "M", {2001, 5, 5}));
    followup = BuildFollowUp(facts, Options(Period::Year(2025), false));
    ASSERT_TRUE(followup.ok());
    EXPECT_EQ(TableOf(*followup, "utveckling-antal")->rows.size(), 10u);
}

TEST(FollowUp, RefusesEmptyScopeAndLowThreshold) {
    FollowUpOptions options = Options(Period::Year(2025), true);
    options.insatser.clear();
    EXPECT_EQ(BuildFollowUp({}, options).status().code(), StatusCode::kInvalidInput);
    options = Options(Period::Year(2025), true);
    options.threshold = 2;
    EXPECT_EQ(BuildFollowUp({}, options).status().code(), StatusCode::kInvalidInput);
}

TEST(FollowUp, EveryTableHasItsReportAndUniqueIds) {
    auto followup = BuildFollowUp(Association(), Options(Period::Year(2025), true));
    ASSERT_TRUE(followup.ok());
    std::set<std::string> ids;
    for (const auto& section : followup->sections) {
        for (const auto& table : section.tables) {
            EXPECT_TRUE(ids.insert(table.id).second) << "duplicate id " << table.id;
            for (const auto& row : table.rows) EXPECT_EQ(row.cells.size(), table.columns.size()) << table.id;
        }
    }
    std::set<std::string> report_ids;
    for (const auto& named : followup->reports) EXPECT_TRUE(report_ids.insert(named.id).second) << named.id;
    EXPECT_GT(report_ids.size(), 15u);
}

// No table of the follow-up shows a count another of its tables hides: the same count
// (measure, period, breakdown) is hidden everywhere or nowhere.
TEST(FollowUp, ACountHiddenInOneTableIsHiddenInEvery) {
    const std::vector<std::string> educations = {"FORGYMN", "GYMN", "EFTERGYMN_KORT", "OKAND"};
    const std::vector<std::string> genders = {"K", "M", "X"};
    for (unsigned seed = 1; seed <= 40; ++seed) {
        std::mt19937 rng(seed);
        std::vector<Fact> facts;
        const int count = std::uniform_int_distribution<int>(3, 40)(rng);
        for (int idx = 0; idx < count; ++idx) {
            Fact fact = Started(1 + idx % 2, genders[std::uniform_int_distribution<size_t>(0, 2)(rng)],
                                Date{2024, 1, 1}.AddDays(std::uniform_int_distribution<int>(0, 700)(rng)));
            fact.education = educations[std::uniform_int_distribution<size_t>(0, educations.size() - 1)(rng)];
            if (idx % 3 == 0) {
                fact.end_date = fact.start_date->AddDays(std::uniform_int_distribution<int>(1, 200)(rng));
                fact.exit_reason = idx % 2 ? "ARBETE" : "AVBROTT";
            }
            facts.push_back(fact);
        }
        auto followup = BuildFollowUp(facts, Options(Period::Year(2025), true));
        ASSERT_TRUE(followup.ok());
        std::map<std::string, std::set<bool>> seen;  // key -> hidden flags seen
        for (const auto& named : followup->reports)
            for (const auto& cell : named.report.cells)
                seen[followup::CellKey(cell, named.report.query.period)].insert(cell.suppressed);
        for (const auto& [key, flags] : seen) EXPECT_EQ(flags.size(), 1u) << "seed " << seed << ": " << key;
    }
}

TEST(ExploreTable, TwoDimensionsShowOnlyNonZeroColumnsAndMarginals) {
    std::vector<Fact> facts = Association();
    Query query{{Measure::kStarted}, {Dimension::kInsats, Dimension::kGender}, Period::Year(2025), std::nullopt};
    auto report = Compute(facts, query);
    ASSERT_TRUE(report.ok());
    const ViewTable table = ExploreTable(*report, 5, false, {{1, "FINSAM-team"}, {9, "Annan"}});
    EXPECT_EQ(table.columns, (std::vector<std::string>{"Kvinna", "Man", "Totalt"}));
    const ViewRow* finsam = RowOf(table, "FINSAM-team");
    ASSERT_NE(finsam, nullptr);
    EXPECT_EQ(finsam->cells[0].text, "6");
    EXPECT_EQ(finsam->cells[1].text, "5");
    EXPECT_EQ(finsam->cells[2].text, "11");
    const ViewRow* total = RowOf(table, "Totalt");
    ASSERT_NE(total, nullptr);
    EXPECT_EQ(total->cells[2].text, "12");
    ASSERT_TRUE(table.chart.has_value());
    EXPECT_EQ(table.chart->series.size(), 2u);
}

TEST(ExploreTable, SuppressedSingleDimensionShowsMarkersAndNoShare) {
    std::vector<Fact> facts = Association();
    Query query{{Measure::kStarted}, {Dimension::kInsats}, Period::Year(2025), std::nullopt};
    auto report = Compute(facts, query);
    ASSERT_TRUE(report.ok());
    ASSERT_TRUE(Suppress(*report, {5}).ok());
    const ViewTable table = ExploreTable(*report, 5, true, {{1, "FINSAM-team"}, {9, "Annan"}});
    const ViewRow* other = RowOf(table, "Annan");
    ASSERT_NE(other, nullptr);
    EXPECT_EQ(other->cells[0].text, "<5");
    EXPECT_EQ(other->cells[1].text, "–");
    const ViewRow* finsam = RowOf(table, "FINSAM-team");
    ASSERT_NE(finsam, nullptr);
    const ViewRow* total = RowOf(table, "Totalt");
    ASSERT_NE(total, nullptr);
    // Secondary suppression: else total - FINSAM-team gives the hidden one.
    EXPECT_TRUE(finsam->cells[0].hidden || total->cells[0].hidden);
}

}  // namespace
}  // namespace foljsam::report

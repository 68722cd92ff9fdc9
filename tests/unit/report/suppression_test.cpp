#include "report/suppression.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "report/engine.hpp"
#include "unit/report/attacker.hpp"

// The suppression contract: thresholds, markers, shares, idempotence, real reports. The
// attacker sweeps are in suppression_attack_test.cpp.

namespace foljsam::report {
namespace {

using suppression_support::OneDimensional;
using suppression_support::Show;
using suppression_support::SuppressTable;
using suppression_support::Table;
using suppression_support::ToReport;
using suppression_support::TwoDimensional;

TEST(ReportSuppression, NoVisibleSmallCountForAnyThreshold) {
    std::mt19937 rng(99);
    std::uniform_int_distribution<long long> count(0, 15);
    for (int threshold = 3; threshold <= 10; ++threshold) {
        std::vector<std::vector<long long>> grid(3, std::vector<long long>(4));
        for (auto& row : grid)
            for (long long& value : row) value = count(rng);
        const Table table = TwoDimensional(grid);
        const std::vector<bool> hidden = SuppressTable(table, threshold);
        for (size_t idx = 0; idx < table.values.size(); ++idx) {
            if (table.values[idx] >= 1 && table.values[idx] < threshold) {
                EXPECT_TRUE(hidden[idx]) << "threshold " << threshold << ": " << Show(table, hidden, threshold);
            }
            if (table.values[idx] == 0) {
                EXPECT_FALSE(hidden[idx]) << Show(table, hidden, threshold);
            }
        }
    }
}

TEST(ReportSuppression, ThresholdBelowThreeIsRefused) {
    Report report = ToReport(OneDimensional({1, 2, 30}));
    const Report before = report;
    for (int threshold : {2, 1, 0, -5}) {
        Status status = Suppress(report, SuppressionOptions{threshold});
        EXPECT_EQ(status.code(), StatusCode::kInvalidInput) << threshold;
        for (size_t idx = 0; idx < report.cells.size(); ++idx) EXPECT_FALSE(report.cells[idx].suppressed);
    }
    EXPECT_TRUE(Suppress(report, SuppressionOptions{3}).ok());
}

TEST(ReportSuppression, IncompleteTablesAreRefused) {
    Report report = ToReport(TwoDimensional({{1, 7}, {8, 9}}));
    report.cells.pop_back();
    EXPECT_EQ(Suppress(report, SuppressionOptions{}).code(), StatusCode::kInvalidInput);
}

TEST(ReportSuppression, SuppressingTwiceGivesTheSameFlags) {
    for (const Table& table : {TwoDimensional({{1, 7, 0}, {8, 9, 2}}), TwoDimensional({{1, 1, 20}, {6, 30, 5}}),
                               OneDimensional({1, 5, 20}), OneDimensional({4, 4, 0, 12})}) {
        Report report = ToReport(table);
        ASSERT_TRUE(Suppress(report, SuppressionOptions{}).ok());
        const Report once = report;
        ASSERT_TRUE(Suppress(report, SuppressionOptions{}).ok());
        for (size_t idx = 0; idx < report.cells.size(); ++idx)
            EXPECT_EQ(report.cells[idx].suppressed, once.cells[idx].suppressed) << idx;
    }
}

// Hidden flags of the sums of one measure's table in a computed report: the total with
// each dimension's cells, and each grid row and column with its marginal.
std::vector<std::vector<bool>> SumsOf(const Report& report, Measure measure) {
    const std::vector<Dimension>& dimensions = report.query.dimensions;
    std::vector<bool> total;
    std::vector<std::vector<bool>> over_dimension(dimensions.size());
    std::map<std::pair<size_t, std::string>, std::vector<bool>> lines;  // (dimension, value) -> members
    for (const Cell& cell : report.cells) {
        if (cell.measure != measure) continue;
        if (cell.by.empty()) {
            total.push_back(cell.suppressed);
        } else if (cell.by.size() == 1) {
            const size_t dim = cell.by[0].first == dimensions[0] ? 0 : 1;
            over_dimension[dim].push_back(cell.suppressed);
            lines[{dim, cell.by[0].second}].push_back(cell.suppressed);
        } else {
            lines[{0, cell.by[0].second}].push_back(cell.suppressed);
            lines[{1, cell.by[1].second}].push_back(cell.suppressed);
        }
    }
    std::vector<std::vector<bool>> sums;
    for (auto& cells : over_dimension) {
        cells.insert(cells.end(), total.begin(), total.end());
        sums.push_back(cells);
    }
    if (dimensions.size() == 2)
        for (const auto& [key, members] : lines) sums.push_back(members);
    return sums;
}

TEST(ReportSuppression, EngineReportsHaveNoLoneHiddenCellInAnySum) {
    // Real reports, single- and multi-valued dimensions alike (sums over a multi-valued
    // dimension are protected as if exact).
    std::mt19937 rng(5);
    std::vector<Fact> facts;
    const std::vector<std::string> genders = {"K", "M", "X"};
    const std::vector<std::string> supports = {"LON", "A_KASSA", "SJUKPENNING"};
    for (int idx = 0; idx < 60; ++idx) {
        Fact fact;
        fact.insats_id = std::uniform_int_distribution<int>(1, 4)(rng);
        fact.gender = genders[std::uniform_int_distribution<size_t>(0, 2)(rng)];
        fact.start_date = domain::Date{2025, 1, 1}.AddDays(std::uniform_int_distribution<long>(0, 364)(rng));
        fact.support_at_start = {supports[std::uniform_int_distribution<size_t>(0, 2)(rng)]};
        if (idx % 4 == 0) fact.support_at_start.push_back("LON");
        facts.push_back(fact);
    }
    for (const std::vector<Dimension>& dimensions :
         std::vector<std::vector<Dimension>>{{Dimension::kGender, Dimension::kInsats},
                                             {Dimension::kInsats, Dimension::kSupportAtStart},
                                             {Dimension::kInsats},
                                             {Dimension::kSupportAtStart}}) {
        const Query query{{Measure::kStarted, Measure::kParticipated, Measure::kPersonsParticipated},
                          dimensions,
                          Period::Quarter(2025, 2),
                          std::nullopt};
        auto report = Compute(facts, query);
        ASSERT_TRUE(report.ok());
        ASSERT_TRUE(Suppress(*report, SuppressionOptions{}).ok());
        int hidden = 0;
        for (const Cell& cell : report->cells) {
            if (cell.value >= 1 && cell.value < 5) {
                EXPECT_TRUE(cell.suppressed);
            }
            if (cell.value == 0) {
                EXPECT_FALSE(cell.suppressed);
            }
            hidden += cell.suppressed ? 1 : 0;
        }
        EXPECT_GT(hidden, 0) << DimensionName(dimensions[0]);
        for (Measure measure : query.measures) {
            for (const std::vector<bool>& sum : SumsOf(*report, measure))
                EXPECT_NE(std::count(sum.begin(), sum.end(), true), 1) << MeasureName(measure);
        }
    }
}

TEST(ReportSuppression, DisplayValueTellsPrimaryFromSecondary) {
    EXPECT_EQ(DisplayValue(Cell{Measure::kStarted, {}, 3, true}, 5), "<5");
    EXPECT_EQ(DisplayValue(Cell{Measure::kStarted, {}, 2, true}, 3), "<3");
    EXPECT_EQ(DisplayValue(Cell{Measure::kStarted, {}, 17, true}, 5), "–");
    EXPECT_EQ(DisplayValue(Cell{Measure::kStarted, {}, 17, false}, 5), "17");
    EXPECT_EQ(DisplayValue(Cell{Measure::kStarted, {}, 0, false}, 5), "0");
}

TEST(ReportSuppression, SharesWithSmallBasesAreNotShown) {
    EXPECT_FALSE(Share(2, 4, 5, true).has_value());
    EXPECT_FALSE(Share(0, 0, 5, false).has_value());
    ASSERT_TRUE(Share(2, 4, 5, false).has_value());
    EXPECT_DOUBLE_EQ(*Share(2, 4, 5, false), 0.5);
    ASSERT_TRUE(Share(1, 5, 5, true).has_value());
    EXPECT_DOUBLE_EQ(*Share(1, 5, 5, true), 0.2);
}

}  // namespace
}  // namespace foljsam::report

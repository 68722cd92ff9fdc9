#include "report/suppression.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "report/engine.hpp"

namespace foljsam::report {
namespace {

// --- tables as the attacker sees them ------------------------------------------------

// A table of one measure laid out as the cells of a Report: [0] total, then the first
// dimension's values, the second's, and the grid row-major. `sums` are the exact sums.
struct Table {
    std::vector<long long> values;
    size_t rows = 0;     // values of the first dimension
    size_t columns = 0;  // values of the second (0 for a one-dimensional table)
    struct Sum {
        size_t sum;
        std::vector<size_t> parts;
    };
    std::vector<Sum> sums;

    size_t Row(size_t row) const { return 1 + row; }
    size_t Column(size_t column) const { return 1 + rows + column; }
    size_t GridCell(size_t row, size_t column) const { return 1 + rows + columns + row * columns + column; }
};

Table OneDimensional(const std::vector<long long>& parts) {
    Table table;
    table.rows = parts.size();
    long long total = 0;
    for (long long part : parts) total += part;
    table.values.push_back(total);
    table.values.insert(table.values.end(), parts.begin(), parts.end());
    Table::Sum sum{0, {}};
    for (size_t row = 0; row < parts.size(); ++row) sum.parts.push_back(table.Row(row));
    table.sums.push_back(sum);
    return table;
}

Table TwoDimensional(const std::vector<std::vector<long long>>& grid) {
    Table table;
    table.rows = grid.size();
    table.columns = grid[0].size();
    table.values.assign(1 + table.rows + table.columns + table.rows * table.columns, 0);
    Table::Sum over_rows{0, {}}, over_columns{0, {}};
    for (size_t row = 0; row < table.rows; ++row) {
        Table::Sum row_sum{table.Row(row), {}};
        for (size_t column = 0; column < table.columns; ++column) {
            const long long value = grid[row][column];
            table.values[table.GridCell(row, column)] = value;
            table.values[table.Row(row)] += value;
            table.values[table.Column(column)] += value;
            table.values[0] += value;
            row_sum.parts.push_back(table.GridCell(row, column));
        }
        table.sums.push_back(row_sum);
        over_rows.parts.push_back(table.Row(row));
    }
    for (size_t column = 0; column < table.columns; ++column) {
        Table::Sum column_sum{table.Column(column), {}};
        for (size_t row = 0; row < table.rows; ++row) column_sum.parts.push_back(table.GridCell(row, column));
        table.sums.push_back(column_sum);
        over_columns.parts.push_back(table.Column(column));
    }
    table.sums.push_back(over_rows);
    table.sums.push_back(over_columns);
    return table;
}

// The report Compute() would give for this table (measure started; dimensions with open
// value domains so the cells are exactly the table's).
Report ToReport(const Table& table) {
    Report report;
    report.query.measures = {Measure::kStarted};
    report.query.period = Period::Year(2025);
    report.query.dimensions = {Dimension::kReferrerUnit};
    if (table.columns > 0) report.query.dimensions.push_back(Dimension::kDistrict);
    auto row_value = [](size_t row) { return "enhet " + std::to_string(row); };
    auto column_value = [](size_t column) { return "D" + std::to_string(column); };
    report.cells.push_back(Cell{Measure::kStarted, {}, table.values[0]});
    for (size_t row = 0; row < table.rows; ++row)
        report.cells.push_back(
            Cell{Measure::kStarted, {{Dimension::kReferrerUnit, row_value(row)}}, table.values[table.Row(row)]});
    for (size_t column = 0; column < table.columns; ++column) {
        report.cells.push_back(Cell{
            Measure::kStarted, {{Dimension::kDistrict, column_value(column)}}, table.values[table.Column(column)]});
    }
    for (size_t row = 0; row < table.rows; ++row) {
        for (size_t column = 0; column < table.columns; ++column) {
            report.cells.push_back(
                Cell{Measure::kStarted,
                     {{Dimension::kReferrerUnit, row_value(row)}, {Dimension::kDistrict, column_value(column)}},
                     table.values[table.GridCell(row, column)]});
        }
    }
    return report;
}

std::string Show(const Table& table, const std::vector<bool>& hidden) {
    std::ostringstream out;
    for (size_t idx = 0; idx < table.values.size(); ++idx)
        out << (idx ? " " : "") << table.values[idx] << (hidden[idx] ? "*" : "");
    return out.str();
}

// --- the attacker --------------------------------------------------------------------

// Knows every visible cell, that each sum holds exactly and that hidden values are
// non-negative integers. Decides by exhaustive search (interval propagation + splitting)
// whether a system with the hidden cells as unknowns has a solution inside given bounds.
class Attacker {
   public:
    Attacker(const Table& table, const std::vector<bool>& hidden) : table_(table), hidden_(hidden) {
        // Any cap at or above every true value only narrows the attacker's search space,
        // so a cell found undetermined under it is undetermined without it too.
        long long cap = 0;
        for (long long value : table.values) cap = std::max(cap, value);
        cap_ = cap + 20;
    }

    // True when some solution gives `cell` a value other than its true one.
    bool CanChange(size_t cell) {
        const long long truth = table_.values[cell];
        std::vector<long long> lower(table_.values.size()), upper(table_.values.size());
        for (size_t idx = 0; idx < table_.values.size(); ++idx) {
            lower[idx] = hidden_[idx] ? 0 : table_.values[idx];
            upper[idx] = hidden_[idx] ? cap_ : table_.values[idx];
        }
        if (truth > 0) {
            auto below = upper;
            below[cell] = truth - 1;
            if (Feasible(lower, below)) return true;
        }
        auto above = lower;
        above[cell] = truth + 1;
        return Feasible(above, upper);
    }

    bool budget_exhausted() const { return nodes_ > kBudget; }

   private:
    static constexpr long long kBudget = 2'000'000;

    // Narrows the bounds with every sum until nothing changes; false when infeasible.
    bool Propagate(std::vector<long long>& lower, std::vector<long long>& upper) const {
        bool changed = true;
        while (changed) {
            changed = false;
            for (const Table::Sum& sum : table_.sums) {
                long long parts_low = 0, parts_high = 0;
                for (size_t part : sum.parts) {
                    parts_low += lower[part];
                    parts_high += upper[part];
                }
                // sum == parts: narrow the sum, then each part.
                changed |= Narrow(lower[sum.sum], upper[sum.sum], parts_low, parts_high);
                for (size_t part : sum.parts) {
                    const long long others_low = parts_low - lower[part];
                    const long long others_high = parts_high - upper[part];
                    changed |=
                        Narrow(lower[part], upper[part], lower[sum.sum] - others_high, upper[sum.sum] - others_low);
                }
                if (lower[sum.sum] > upper[sum.sum]) return false;
            }
            for (size_t idx = 0; idx < lower.size(); ++idx)
                if (lower[idx] > upper[idx]) return false;
        }
        return true;
    }

    static bool Narrow(long long& low, long long& high, long long new_low, long long new_high) {
        bool changed = false;
        if (new_low > low) low = new_low, changed = true;
        if (new_high < high) high = new_high, changed = true;
        return changed;
    }

    bool Feasible(std::vector<long long> lower, std::vector<long long> upper) {
        if (++nodes_ > kBudget) return false;
        if (!Propagate(lower, upper)) return false;
        size_t split = lower.size();
        for (size_t idx = 0; idx < lower.size(); ++idx) {
            if (lower[idx] == upper[idx]) continue;
            if (split == lower.size() || upper[idx] - lower[idx] < upper[split] - lower[split]) split = idx;
        }
        if (split == lower.size()) return true;  // every unknown fixed, all sums hold
        const long long middle = lower[split] + (upper[split] - lower[split]) / 2;
        auto low_half = upper;
        low_half[split] = middle;
        if (Feasible(lower, low_half)) return true;
        auto high_half = lower;
        high_half[split] = middle + 1;
        return Feasible(high_half, upper);
    }

    const Table& table_;
    const std::vector<bool>& hidden_;
    long long cap_ = 0;
    long long nodes_ = 0;
};

std::vector<bool> SuppressTable(const Table& table, int threshold) {
    Report report = ToReport(table);
    Status status = Suppress(report, SuppressionOptions{threshold});
    EXPECT_TRUE(status.ok()) << status.message();
    std::vector<bool> hidden;
    for (const Cell& cell : report.cells) hidden.push_back(cell.suppressed);
    return hidden;
}

void ExpectProtected(const Table& table, int threshold) {
    const std::vector<bool> hidden = SuppressTable(table, threshold);
    const std::string shown = Show(table, hidden);
    for (size_t idx = 0; idx < table.values.size(); ++idx) {
        const long long value = table.values[idx];
        if (value >= 1 && value < threshold) {
            EXPECT_TRUE(hidden[idx]) << "small count visible: " << shown;
        }
        if (value == 0) {
            EXPECT_FALSE(hidden[idx]) << "zero hidden: " << shown;
        }
    }
    Attacker attacker(table, hidden);
    for (size_t idx = 0; idx < table.values.size(); ++idx) {
        if (!hidden[idx]) continue;
        EXPECT_TRUE(attacker.CanChange(idx)) << "cell " << idx << " recoverable in " << shown;
    }
    ASSERT_FALSE(attacker.budget_exhausted()) << "search too large for " << shown;
}

long long SmallCount(std::mt19937& rng, bool sparse) {
    static const std::vector<long long> kSparse = {0, 0, 0, 1, 1, 2, 3, 4, 6, 9, 12};
    if (sparse) return kSparse[std::uniform_int_distribution<size_t>(0, kSparse.size() - 1)(rng)];
    return std::uniform_int_distribution<long long>(0, 12)(rng);
}

// --- tests ---------------------------------------------------------------------------

TEST(ReportSuppression, OneDimensionalTablesHideNoRecoverableCell) {
    for (unsigned seed = 1; seed <= 600; ++seed) {
        std::mt19937 rng(seed);
        const size_t size = std::uniform_int_distribution<size_t>(3, 8)(rng);
        std::vector<long long> parts;
        for (size_t idx = 0; idx < size; ++idx) parts.push_back(SmallCount(rng, seed % 2 == 0));
        const Table table = OneDimensional(parts);
        const int threshold = seed % 5 == 0 ? 3 : 5;
        // The 1-D rule: a lone hidden cell in the sum (or a lone hidden total) is recoverable.
        const std::vector<bool> hidden = SuppressTable(table, threshold);
        const long long hidden_count = std::count(hidden.begin(), hidden.end(), true);
        EXPECT_NE(hidden_count, 1) << "seed " << seed << ": " << Show(table, hidden);
        ExpectProtected(table, threshold);
    }
}

TEST(ReportSuppression, TwoDimensionalTablesHideNoRecoverableCell) {
    for (unsigned seed = 1; seed <= 400; ++seed) {
        std::mt19937 rng(seed * 7919);
        const size_t rows = std::uniform_int_distribution<size_t>(2, 4)(rng);
        const size_t columns = std::uniform_int_distribution<size_t>(2, 4)(rng);
        std::vector<std::vector<long long>> grid(rows, std::vector<long long>(columns));
        for (auto& row : grid)
            for (long long& value : row) value = SmallCount(rng, seed % 3 != 0);
        SCOPED_TRACE("seed " + std::to_string(seed));
        ExpectProtected(TwoDimensional(grid), 5);
    }
}

TEST(ReportSuppression, ChainsAcrossRowsAndColumnsAreBroken) {
    // Two separate 2x2 blocks of small counts joined only through one row: the simple
    // per-sum rule leaves every sum with two hidden cells, yet the joining cell is pinned.
    ExpectProtected(TwoDimensional({{1, 1, 0, 0}, {1, 1, 9, 0}, {0, 0, 1, 1}, {0, 0, 1, 1}}), 5);
    ExpectProtected(TwoDimensional({{1, 1, 20}, {1, 1, 0}, {30, 0, 0}}), 5);
    ExpectProtected(TwoDimensional({{3, 0}, {0, 0}}), 5);
    ExpectProtected(TwoDimensional({{12, 12}, {12, 1}}), 5);
}

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
                EXPECT_TRUE(hidden[idx]) << "threshold " << threshold << ": " << Show(table, hidden);
            }
            if (table.values[idx] == 0) {
                EXPECT_FALSE(hidden[idx]) << Show(table, hidden);
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
    Report report = ToReport(TwoDimensional({{1, 7, 0}, {8, 9, 2}}));
    ASSERT_TRUE(Suppress(report, SuppressionOptions{}).ok());
    const Report once = report;
    ASSERT_TRUE(Suppress(report, SuppressionOptions{}).ok());
    for (size_t idx = 0; idx < report.cells.size(); ++idx)
        EXPECT_EQ(report.cells[idx].suppressed, once.cells[idx].suppressed) << idx;
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

TEST(ReportSuppression, AttackerRecoversWhatTheSimpleRuleMisses) {
    // Self-test of the attacker: a lone hidden cell in a sum is recovered ...
    const Table line = OneDimensional({1, 7, 8});
    std::vector<bool> lone(line.values.size(), false);
    lone[line.Row(0)] = true;
    EXPECT_FALSE(Attacker(line, lone).CanChange(line.Row(0)));
    lone[line.Row(1)] = true;
    EXPECT_TRUE(Attacker(line, lone).CanChange(line.Row(0)));
    // ... and so is a cell joining two hidden blocks, although every row and column with
    // a hidden cell has at least two: it is a bridge of the hidden rows-columns graph.
    const Table blocks = TwoDimensional({{1, 1, 0, 0}, {1, 1, 9, 0}, {0, 0, 1, 1}, {0, 0, 1, 1}});
    std::vector<bool> hidden(blocks.values.size(), false);
    for (auto [row, column] :
         std::vector<std::pair<size_t, size_t>>{{0, 0}, {0, 1}, {1, 0}, {1, 1}, {1, 2}, {2, 2}, {2, 3}, {3, 2}, {3, 3}})
        hidden[blocks.GridCell(row, column)] = true;
    Attacker attacker(blocks, hidden);
    EXPECT_FALSE(attacker.CanChange(blocks.GridCell(1, 2)));
    EXPECT_TRUE(attacker.CanChange(blocks.GridCell(0, 0)));
    EXPECT_FALSE(attacker.budget_exhausted());
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

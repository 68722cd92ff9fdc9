#pragma once
// Test support for small-number suppression: one measure's table, the report Compute()
// would give for it, and an exact attacker that tries to work out hidden cells.

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "report/cell.hpp"
#include "report/suppression.hpp"

namespace foljsam::report::suppression_support {

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

inline Table OneDimensional(const std::vector<long long>& parts) {
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

inline Table TwoDimensional(const std::vector<std::vector<long long>>& grid) {
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
inline Report ToReport(const Table& table) {
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

// The table as shown, with the true values: "5" visible, "3<" primary, "12–" secondary.
inline std::string Show(const Table& table, const std::vector<bool>& hidden, int threshold) {
    std::ostringstream out;
    for (size_t idx = 0; idx < table.values.size(); ++idx) {
        out << (idx ? " " : "") << table.values[idx];
        if (hidden[idx]) out << (table.values[idx] < threshold ? "<" : "–");
    }
    return out.str();
}

// The hidden flags Suppress() sets on the report of `table`.
// `also_hide` (optional, one flag per cell) marks cells hidden from the start, as a
// composed report does for counts another of its tables hides.
inline std::vector<bool> SuppressTable(const Table& table, int threshold, const std::vector<bool>& also_hide = {}) {
    Report report = ToReport(table);
    SuppressionOptions options{threshold, {}};
    if (!also_hide.empty()) {
        // Suppress works on a copy of the cells: find the cell by what it counts.
        options.also_hide = [&](const Cell& cell) {
            for (size_t idx = 0; idx < report.cells.size(); ++idx)
                if (report.cells[idx].measure == cell.measure && report.cells[idx].by == cell.by)
                    return bool(also_hide.at(idx));
            return false;
        };
    }
    Status status = Suppress(report, options);
    EXPECT_TRUE(status.ok()) << status.message();
    std::vector<bool> hidden;
    for (const Cell& cell : report.cells) hidden.push_back(cell.suppressed);
    return hidden;
}

// Every non-zero cell hidden: the most any suppression may hide.
inline std::vector<bool> AllNonZeroHidden(const Table& table) {
    std::vector<bool> hidden;
    for (long long value : table.values) hidden.push_back(value != 0);
    return hidden;
}

// The attacker. Knows every visible cell exactly, that each sum of the table holds
// exactly, and what the markers tell of a hidden cell: "<t" (value below t) means 1..t-1,
// "–" (t or more) means at least t; zeros are shown. Decides by exhaustive search
// (interval propagation over every sum + splitting) whether the hidden cells have an
// integer solution inside given bounds. The secondary cells' missing upper bound is
// replaced by a cap above every true value: a step of one from the truth never reaches it,
// and the cap only adds knowledge, so a cell found undetermined under it is undetermined
// without it too.
class Attacker {
   public:
    Attacker(const Table& table, const std::vector<bool>& hidden, int threshold)
        : table_(table), hidden_(hidden), threshold_(threshold) {
        long long cap = 0;
        for (long long value : table.values) cap = std::max(cap, value);
        cap_ = std::max<long long>(cap + 20, threshold);
    }

    // True when some solution gives `cell` a value other than its true one.
    bool CanChange(size_t cell) {
        const long long truth = table_.values[cell];
        std::vector<long long> lower(table_.values.size()), upper(table_.values.size());
        for (size_t idx = 0; idx < table_.values.size(); ++idx) {
            const long long value = table_.values[idx];
            if (!hidden_[idx]) {
                lower[idx] = upper[idx] = value;
            } else if (value < threshold_) {
                lower[idx] = 1;
                upper[idx] = threshold_ - 1;
            } else {
                lower[idx] = threshold_;
                upper[idx] = cap_;
            }
        }
        if (truth > lower[cell]) {
            auto below = upper;
            below[cell] = truth - 1;
            if (Feasible(lower, below)) return true;
        }
        if (truth < upper[cell]) {
            auto above = lower;
            above[cell] = truth + 1;
            if (Feasible(above, upper)) return true;
        }
        return false;
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
    int threshold_;
    long long cap_ = 0;
    long long nodes_ = 0;
};

}  // namespace foljsam::report::suppression_support

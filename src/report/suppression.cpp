#include "report/suppression.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <utility>
#include <vector>

namespace foljsam::report {
namespace {

constexpr size_t kNone = static_cast<size_t>(-1);

// A sum that holds exactly: cells[sum] == sum of cells[parts]. Indices into report.cells.
struct Constraint {
    size_t sum;
    std::vector<size_t> parts;
};

// One measure's cells arranged as a table. margins[k][v] is the cell of the k-th query
// dimension's v-th value; grid[r][c] the pair cell (two dimensions only).
struct Table {
    size_t total = kNone;
    std::vector<std::vector<size_t>> margins;
    std::vector<std::vector<size_t>> grid;
};

// Arranges the cells of `measure` into a table; false when a cell is missing or duplicated.
bool BuildTable(const Report& report, Measure measure, Table& table) {
    const size_t dims = report.query.dimensions.size();
    std::vector<std::map<std::string, size_t>> positions(dims);
    std::vector<size_t> pair_cells;
    table.margins.assign(dims, {});
    for (size_t idx = 0; idx < report.cells.size(); ++idx) {
        const Cell& cell = report.cells[idx];
        if (cell.measure != measure) continue;
        if (cell.by.empty()) {
            if (table.total != kNone) return false;
            table.total = idx;
        } else if (cell.by.size() == 1) {
            const auto it = std::find(report.query.dimensions.begin(), report.query.dimensions.end(), cell.by[0].first);
            if (it == report.query.dimensions.end()) return false;
            const size_t dim = static_cast<size_t>(it - report.query.dimensions.begin());
            if (!positions[dim].emplace(cell.by[0].second, table.margins[dim].size()).second) return false;
            table.margins[dim].push_back(idx);
        } else {
            pair_cells.push_back(idx);
        }
    }
    if (table.total == kNone) return false;
    if (dims < 2) return pair_cells.empty();
    table.grid.assign(table.margins[0].size(), std::vector<size_t>(table.margins[1].size(), kNone));
    for (size_t idx : pair_cells) {
        const Cell& cell = report.cells[idx];
        if (cell.by.size() != 2 || cell.by[0].first != report.query.dimensions[0] ||
            cell.by[1].first != report.query.dimensions[1])
            return false;
        const auto row = positions[0].find(cell.by[0].second);
        const auto column = positions[1].find(cell.by[1].second);
        if (row == positions[0].end() || column == positions[1].end()) return false;
        size_t& slot = table.grid[row->second][column->second];
        if (slot != kNone) return false;
        slot = idx;
    }
    for (const auto& row : table.grid)
        if (std::find(row.begin(), row.end(), kNone) != row.end()) return false;
    return true;
}

// Every sum of the table, treated as exact even for a multi-valued dimension: there a
// sum is only a lower bound (total <= sum of values), but most participations have one
// value, so the bound is often tight and would pin a lone hidden cell just as well.
std::vector<Constraint> ConstraintsOf(const Table& table, size_t dimension_count) {
    std::vector<Constraint> constraints;
    for (size_t dim = 0; dim < dimension_count; ++dim) constraints.push_back({table.total, table.margins[dim]});
    if (dimension_count != 2) return constraints;
    for (size_t row_idx = 0; row_idx < table.grid.size(); ++row_idx)
        constraints.push_back({table.margins[0][row_idx], table.grid[row_idx]});
    for (size_t column_idx = 0; column_idx < table.margins[1].size(); ++column_idx) {
        Constraint column{table.margins[1][column_idx], {}};
        for (const auto& row : table.grid) column.parts.push_back(row[column_idx]);
        constraints.push_back(std::move(column));
    }
    return constraints;
}

// The visible non-zero cell with the smallest value among `candidates`, or kNone.
size_t SmallestVisibleNonZero(const std::vector<Cell>& cells, const std::vector<size_t>& candidates) {
    size_t best = kNone;
    for (size_t idx : candidates) {
        if (cells[idx].suppressed || cells[idx].value == 0) continue;
        if (best == kNone || cells[idx].value < cells[best].value) best = idx;
    }
    return best;
}

// One pass over the constraints; true when a cell was hidden.
bool ProtectSingleHidden(std::vector<Cell>& cells, const std::vector<Constraint>& constraints) {
    bool changed = false;
    for (const Constraint& constraint : constraints) {
        int hidden = cells[constraint.sum].suppressed ? 1 : 0;
        for (size_t idx : constraint.parts) hidden += cells[idx].suppressed ? 1 : 0;
        if (hidden != 1) continue;
        size_t pick = SmallestVisibleNonZero(cells, constraint.parts);
        if (pick == kNone && !cells[constraint.sum].suppressed) pick = constraint.sum;
        // pick == kNone cannot happen: a hidden sum is non-zero, so it has a non-zero part.
        if (pick == kNone) continue;
        cells[pick].suppressed = true;
        changed = true;
    }
    return changed;
}

// The complete two-dimensional table as a bipartite graph: rows 0..n1 (n1 is the row of
// the second dimension's marginals) and columns 0..n2 (n2 is the column of the first
// dimension's marginals). Each cell is the edge between its row and its column; with
// marginals negated every row and column sums to zero, so the values that keep all
// visible sums are exactly the hidden values plus a circulation on the hidden edges. A
// hidden edge on no cycle (a bridge) is therefore determined; one on a cycle is not,
// since every hidden value is at least 1 and can move by one either way along it.
class Grid {
   public:
    explicit Grid(const Table& table)
        : table_(table), rows_(table.margins[0].size()), columns_(table.margins[1].size()) {}

    size_t CellAt(size_t row, size_t column) const {
        if (row < rows_ && column < columns_) return table_.grid[row][column];
        if (row < rows_) return table_.margins[0][row];
        if (column < columns_) return table_.margins[1][column];
        return table_.total;
    }

    // Hides one more cell to close a cycle through a hidden bridge; false when no hidden
    // cell is a bridge or nothing more can be hidden.
    bool ProtectBridge(std::vector<Cell>& cells) {
        const auto bridge = FindBridge(cells);
        if (!bridge) return false;
        // Sides of the bridge: the nodes reachable from each end without crossing it.
        const std::vector<int> side = Sides(cells, *bridge);
        std::vector<size_t> candidates;
        for (size_t row = 0; row <= rows_; ++row) {
            for (size_t column = 0; column <= columns_; ++column) {
                const int row_side = side[RowNode(row)];
                const int column_side = side[ColumnNode(column)];
                if (row_side != 0 && column_side != 0 && row_side != column_side)
                    candidates.push_back(CellAt(row, column));
            }
        }
        size_t pick = SmallestVisibleNonZero(cells, candidates);
        if (pick != kNone) {
            cells[pick].suppressed = true;
            return true;
        }
        // No non-zero cell joins the two sides: hide every non-zero cell. The non-zero
        // cells of a table whose sums are exact never have a bridge (a bridge's value
        // would be the sum over one side, which is zero), so this ends the search. Over a
        // multi-valued dimension the sums are inexact and a bridge may remain; false then
        // too, as nothing more can be hidden.
        bool changed = false;
        for (size_t row = 0; row <= rows_; ++row) {
            for (size_t column = 0; column <= columns_; ++column) {
                Cell& cell = cells[CellAt(row, column)];
                if (cell.value == 0 || cell.suppressed) continue;
                cell.suppressed = true;
                changed = true;
            }
        }
        return changed;
    }

   private:
    size_t RowNode(size_t row) const { return row; }
    size_t ColumnNode(size_t column) const { return rows_ + 1 + column; }
    size_t NodeCount() const { return rows_ + columns_ + 2; }

    struct Edge {
        size_t row;
        size_t column;
    };

    // Adjacency of hidden edges: for each node, (neighbour, edge id).
    std::vector<std::vector<std::pair<size_t, size_t>>> Adjacency(const std::vector<Cell>& cells,
                                                                  std::vector<Edge>& edges) const {
        std::vector<std::vector<std::pair<size_t, size_t>>> adjacency(NodeCount());
        for (size_t row = 0; row <= rows_; ++row) {
            for (size_t column = 0; column <= columns_; ++column) {
                if (!cells[CellAt(row, column)].suppressed) continue;
                adjacency[RowNode(row)].emplace_back(ColumnNode(column), edges.size());
                adjacency[ColumnNode(column)].emplace_back(RowNode(row), edges.size());
                edges.push_back({row, column});
            }
        }
        return adjacency;
    }

    // Tarjan's bridge search over the hidden edges; the first bridge found, if any.
    std::optional<Edge> FindBridge(const std::vector<Cell>& cells) const {
        std::vector<Edge> edges;
        const auto adjacency = Adjacency(cells, edges);
        std::vector<int> order(NodeCount(), -1);
        std::vector<int> low(NodeCount(), 0);
        int counter = 0;
        std::optional<Edge> found;
        std::function<void(size_t, size_t)> visit = [&](size_t node, size_t parent_edge) {
            order[node] = low[node] = counter++;
            for (const auto& [next, edge_id] : adjacency[node]) {
                if (edge_id == parent_edge) continue;
                if (order[next] >= 0) {
                    low[node] = std::min(low[node], order[next]);
                    continue;
                }
                visit(next, edge_id);
                low[node] = std::min(low[node], low[next]);
                if (low[next] > order[node] && !found) found = edges[edge_id];
            }
        };
        for (size_t node = 0; node < NodeCount() && !found; ++node)
            if (order[node] < 0) visit(node, kNone);
        return found;
    }

    // 1 for nodes on the row end's side of `bridge`, 2 for the column end's, 0 otherwise.
    std::vector<int> Sides(const std::vector<Cell>& cells, const Edge& bridge) const {
        std::vector<Edge> edges;
        const auto adjacency = Adjacency(cells, edges);
        std::vector<int> side(NodeCount(), 0);
        auto flood = [&](size_t start, int mark) {
            std::vector<size_t> stack = {start};
            side[start] = mark;
            while (!stack.empty()) {
                const size_t node = stack.back();
                stack.pop_back();
                for (const auto& [next, edge_id] : adjacency[node]) {
                    const Edge& edge = edges[edge_id];
                    if (edge.row == bridge.row && edge.column == bridge.column) continue;
                    if (side[next] != 0) continue;
                    side[next] = mark;
                    stack.push_back(next);
                }
            }
        };
        flood(RowNode(bridge.row), 1);
        flood(ColumnNode(bridge.column), 2);
        return side;
    }

    const Table& table_;
    size_t rows_;
    size_t columns_;
};

}  // namespace

Status Suppress(Report& report, const SuppressionOptions& options) {
    if (options.threshold < 3) {
        return Status::InvalidInput("Gränsen för små tal får inte vara lägre än 3.",
                                    {{"threshold", "Ange 3 eller mer."}});
    }
    std::vector<Cell> cells = report.cells;
    for (Cell& cell : cells) cell.suppressed = cell.value >= 1 && cell.value < options.threshold;
    const size_t dimension_count = report.query.dimensions.size();
    for (Measure measure : report.query.measures) {
        Table table;
        if (!BuildTable(report, measure, table)) {
            return Status::InvalidInput("Rapporten är inte fullständig och kan inte skyddas.",
                                        {{"report", "Ofullständig tabell för " + std::string(MeasureName(measure))}});
        }
        const std::vector<Constraint> constraints = ConstraintsOf(table, dimension_count);
        bool changed = true;
        while (changed) {
            while (ProtectSingleHidden(cells, constraints)) {
            }
            changed = dimension_count == 2 && Grid(table).ProtectBridge(cells);
        }
    }
    report.cells = std::move(cells);
    return Status::Ok();
}

std::string DisplayValue(const Cell& cell, int threshold) {
    if (!cell.suppressed) return std::to_string(cell.value);
    if (cell.value < threshold) return "<" + std::to_string(threshold);
    return "–";
}

std::optional<double> Share(long long part, long long base, int threshold, bool suppress) {
    if (base <= 0) return std::nullopt;
    if (suppress && base < threshold) return std::nullopt;
    return static_cast<double>(part) / static_cast<double>(base);
}

}  // namespace foljsam::report

#include "report/suppression.hpp"

#include <algorithm>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <queue>
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
// value, so the bound is often tight and would pin hidden cells just as well.
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

// What the attacker knows of a hidden cell with this value, from its marker: "<t" means
// 1..t-1 (zeros are shown), "–" means t or more (below t it would be "<t"). A visible
// non-zero cell is at least t, so these are also the bounds it would get once hidden.
struct Bounds {
    long long low;
    long long high;  // kUnbounded: no upper bound
};
constexpr long long kUnbounded = std::numeric_limits<long long>::max();

Bounds BoundsOf(long long value, int threshold) {
    if (value < threshold) return {1, threshold - 1};
    return {threshold, kUnbounded};
}

// Whether a (hidden or hideable) cell's value could be off by `delta` (+1 or -1) as far
// as its bounds tell the attacker.
bool CanMove(long long value, int delta, int threshold) {
    const Bounds bounds = BoundsOf(value, threshold);
    if (delta > 0) return bounds.high == kUnbounded || value < bounds.high;
    return value > bounds.low;
}

// The visible cell among `candidates` with the smallest value of at least `at_least`
// (ties: the first), or kNone.
size_t SmallestVisible(const std::vector<Cell>& cells, const std::vector<size_t>& candidates, long long at_least) {
    size_t best = kNone;
    for (size_t idx : candidates) {
        if (cells[idx].suppressed || cells[idx].value < at_least) continue;
        if (best == kNone || cells[idx].value < cells[best].value) best = idx;
    }
    return best;
}

// One line (a sum and its parts) as the attacker sees it: with y = x for a hidden part and
// y = -x for a hidden sum, the hidden cells satisfy sum(y) == target, each y within the
// bounds of its cell. Every hidden cell can take two values exactly when there are at
// least two of them and the target is strictly inside [sum of lows, sum of highs]: at
// either end every y is pinned to its bound, and strictly inside any one y can move by
// one against another (each has two or more values, as the threshold is at least 3).
struct LineSlack {
    int hidden = 0;
    bool room_below = false;  // target > sum of lows
    bool room_above = false;  // target < sum of highs

    bool Safe() const { return hidden == 0 || (hidden >= 2 && room_below && room_above); }
};

LineSlack Examine(const std::vector<Cell>& cells, const Constraint& line, int threshold) {
    long long target = 0, lows = 0, highs = 0;
    bool lows_unbounded = false, highs_unbounded = false;
    LineSlack slack;
    auto add = [&](size_t idx, int sign) {  // +1 for a part, -1 for the sum
        const Cell& cell = cells[idx];
        if (!cell.suppressed) {
            target -= sign * cell.value;
            return;
        }
        ++slack.hidden;
        const Bounds bounds = BoundsOf(cell.value, threshold);
        if (sign > 0) {
            lows += bounds.low;
            if (bounds.high == kUnbounded)
                highs_unbounded = true;
            else
                highs += bounds.high;
        } else {
            highs -= bounds.low;
            if (bounds.high == kUnbounded)
                lows_unbounded = true;
            else
                lows -= bounds.high;
        }
    };
    add(line.sum, -1);
    for (size_t idx : line.parts) add(idx, +1);
    slack.room_below = lows_unbounded || target > lows;
    slack.room_above = highs_unbounded || target < highs;
    return slack;
}

// One pass over the lines; true when a cell was hidden. A line that is not safe gets one
// more hidden cell, chosen to add what it lacks:
//  - no room below (every hidden cell at its least): a visible part above t (hidden, it
//    can move down towards t), the smallest such; else the sum (a hidden sum has no upper
//    bound, so the parts' lows no longer pin anything);
//  - no room above (all hidden cells primary, each at t - 1): a visible non-zero part
//    (no upper bound), the smallest; else the sum when above t;
//  - a single hidden cell: the smallest visible non-zero part; else the sum.
// When nothing fits, every non-zero cell of the line is hidden and the line pins its cells
// whatever else is hidden: nothing to do.
bool ProtectLines(std::vector<Cell>& cells, const std::vector<Constraint>& constraints, int threshold) {
    bool changed = false;
    for (const Constraint& line : constraints) {
        const LineSlack slack = Examine(cells, line, threshold);
        if (slack.Safe()) continue;
        const Cell& sum = cells[line.sum];
        size_t pick = kNone;
        if (!slack.room_below) {
            pick = SmallestVisible(cells, line.parts, threshold + 1);
            if (pick == kNone && !sum.suppressed && sum.value > 0) pick = line.sum;
        } else if (!slack.room_above) {
            pick = SmallestVisible(cells, line.parts, 1);
            if (pick == kNone && !sum.suppressed && sum.value > threshold) pick = line.sum;
        } else {
            pick = SmallestVisible(cells, line.parts, 1);
            if (pick == kNone && !sum.suppressed && sum.value > 0) pick = line.sum;
        }
        if (pick == kNone) continue;
        cells[pick].suppressed = true;
        changed = true;
    }
    return changed;
}

// The complete two-dimensional table as a bipartite graph: rows 0..n1 (n1 is the row of
// the second dimension's marginals) and columns 0..n2 (n2 is the column of the first
// dimension's marginals). Each cell is the edge between its row and its column. Let the
// flow on an edge be the cell's value, negated for a marginal; then every line of the
// table says that the flows at its node sum to zero, so the values that keep every
// visible sum are exactly the true values plus an integer circulation on the hidden
// edges. Pushing one unit around a cycle changes each cell on it by +1 or -1; a hidden
// cell can take another value exactly when some cycle through it can take such a step
// with every cell on it staying within its bounds (a circulation that keeps all bounds
// splits into cycles whose steps each keep them, as the bounds are intervals). Here that
// is searched for directly: an arc row -> column where pushing one unit that way keeps
// the cell within its bounds, column -> row likewise for the other way.
class Grid {
   public:
    Grid(const Table& table, int threshold) : threshold_(threshold), rows_(table.margins[0].size()) {
        const size_t columns = table.margins[1].size();
        incident_.resize(rows_ + columns + 2);
        for (size_t row = 0; row <= rows_; ++row) {
            for (size_t column = 0; column <= columns; ++column) {
                Edge edge;
                if (row < rows_ && column < columns)
                    edge.cell = table.grid[row][column];
                else if (row < rows_)
                    edge.cell = table.margins[0][row];
                else if (column < columns)
                    edge.cell = table.margins[1][column];
                else
                    edge.cell = table.total;
                edge.row_node = row;
                edge.column_node = rows_ + 1 + column;
                edge.sign = (row < rows_) == (column < columns) ? 1 : -1;
                incident_[edge.row_node].push_back(edges_.size());
                incident_[edge.column_node].push_back(edges_.size());
                edges_.push_back(edge);
            }
        }
        state_.assign(edges_.size(), kUnknown);
    }

    // Finds a hidden cell that no step can change and hides the cheapest set of visible
    // cells (fewest, then smallest total) that closes a cycle through it; false when every
    // hidden cell can change, or cannot be helped because no cycle exists even with every
    // non-zero cell hidden. A cell found changeable stays so: hiding more only adds arcs.
    bool ProtectOne(std::vector<Cell>& cells) {
        for (size_t id = 0; id < edges_.size(); ++id) {
            if (state_[id] != kUnknown || !cells[edges_[id].cell].suppressed) continue;
            if (CanChange(cells, id)) {
                state_[id] = kChangeable;
                continue;
            }
            if (CloseCycle(cells, id)) return true;
            state_[id] = kDetermined;
        }
        return false;
    }

   private:
    enum State : char { kUnknown, kChangeable, kDetermined };

    struct Edge {
        size_t cell = kNone;
        size_t row_node = 0;
        size_t column_node = 0;
        int sign = 1;  // +1 for grid cells and the total, -1 for marginals
    };

    // The node at the other end of `edge` from `node`, and whether one unit can be pushed
    // from `node` along it: the cell then moves by sign (from its row) or -sign.
    size_t Other(const Edge& edge, size_t node) const {
        return node == edge.row_node ? edge.column_node : edge.row_node;
    }
    bool Arc(const std::vector<Cell>& cells, const Edge& edge, size_t from) const {
        const long long value = cells[edge.cell].value;
        if (value == 0) return false;  // zeros are shown, never hidden
        const int delta = from == edge.row_node ? edge.sign : -edge.sign;
        return CanMove(value, delta, threshold_);
    }

    bool CanChange(const std::vector<Cell>& cells, size_t id) const {
        const Edge& edge = edges_[id];
        for (size_t from : {edge.row_node, edge.column_node}) {
            if (!Arc(cells, edge, from)) continue;
            // One unit from `from` over the edge, then back from its other end to `from`
            // over hidden arcs only.
            const size_t goal = from;
            std::vector<char> seen(incident_.size(), 0);
            std::vector<size_t> stack = {Other(edge, from)};
            seen[stack.back()] = 1;
            while (!stack.empty()) {
                const size_t node = stack.back();
                stack.pop_back();
                if (node == goal) return true;
                for (size_t next_id : incident_[node]) {
                    const Edge& next = edges_[next_id];
                    if (next_id == id || !cells[next.cell].suppressed || !Arc(cells, next, node)) continue;
                    const size_t to = Other(next, node);
                    if (seen[to]) continue;
                    seen[to] = 1;
                    stack.push_back(to);
                }
            }
        }
        return false;
    }

    // Dijkstra from the far end of the pinned edge back to its near end, over arcs of
    // hidden cells (free) and of visible non-zero cells (one more hidden cell plus its
    // value), for each way a unit can cross the pinned edge; hides the visible cells of
    // the cheapest path found.
    bool CloseCycle(std::vector<Cell>& cells, size_t id) {
        using Cost = std::pair<long long, long long>;
        const Cost unreached{std::numeric_limits<long long>::max(), 0};
        const Edge& edge = edges_[id];
        Cost best_cost = unreached;
        std::vector<size_t> best_path;
        for (size_t from : {edge.row_node, edge.column_node}) {
            if (!Arc(cells, edge, from)) continue;
            const size_t start = Other(edge, from);
            std::vector<Cost> cost(incident_.size(), unreached);
            std::vector<size_t> via(incident_.size(), kNone);
            std::priority_queue<std::pair<Cost, size_t>, std::vector<std::pair<Cost, size_t>>, std::greater<>> queue;
            cost[start] = {0, 0};
            queue.push({cost[start], start});
            while (!queue.empty()) {
                const auto [node_cost, node] = queue.top();
                queue.pop();
                if (node_cost != cost[node]) continue;
                if (node == from) break;
                for (size_t next_id : incident_[node]) {
                    const Edge& next = edges_[next_id];
                    if (next_id == id || !Arc(cells, next, node)) continue;
                    const Cell& cell = cells[next.cell];
                    const Cost step = cell.suppressed ? Cost{0, 0} : Cost{1, cell.value};
                    const Cost reached{node_cost.first + step.first, node_cost.second + step.second};
                    const size_t to = Other(next, node);
                    if (reached < cost[to]) {
                        cost[to] = reached;
                        via[to] = next_id;
                        queue.push({reached, to});
                    }
                }
            }
            if (!(cost[from] < best_cost)) continue;
            best_cost = cost[from];
            best_path.clear();
            for (size_t node = from; node != start;) {
                const Edge& step = edges_[via[node]];
                best_path.push_back(step.cell);
                node = Other(step, node);
            }
        }
        bool changed = false;
        for (size_t cell : best_path) {
            if (cells[cell].suppressed) continue;
            cells[cell].suppressed = true;
            changed = true;
        }
        return changed;
    }

    int threshold_;
    size_t rows_;
    std::vector<Edge> edges_;
    std::vector<std::vector<size_t>> incident_;  // node -> ids of its edges
    std::vector<State> state_;                   // per edge, for hidden cells
};

}  // namespace

Status Suppress(Report& report, const SuppressionOptions& options) {
    if (options.threshold < 3) {
        return Status::InvalidInput("Gränsen för små tal får inte vara lägre än 3.",
                                    {{"threshold", "Ange 3 eller mer."}});
    }
    std::vector<Cell> cells = report.cells;
    for (Cell& cell : cells) {
        cell.suppressed =
            cell.value >= 1 && (cell.value < options.threshold || (options.also_hide && options.also_hide(cell)));
    }
    const size_t dimension_count = report.query.dimensions.size();
    for (Measure measure : report.query.measures) {
        Table table;
        if (!BuildTable(report, measure, table)) {
            return Status::InvalidInput("Rapporten är inte fullständig och kan inte skyddas.",
                                        {{"report", "Ofullständig tabell för " + std::string(MeasureName(measure))}});
        }
        const std::vector<Constraint> constraints = ConstraintsOf(table, dimension_count);
        std::optional<Grid> grid;
        if (dimension_count == 2) grid.emplace(table, options.threshold);
        bool changed = true;
        while (changed) {
            while (ProtectLines(cells, constraints, options.threshold)) {
            }
            changed = grid && grid->ProtectOne(cells);
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

std::string CountText(long long value, int threshold, bool suppress) {
    if (suppress && value >= 1 && value < threshold) return "<" + std::to_string(threshold);
    return std::to_string(value);
}

std::optional<double> Share(long long part, long long base, int threshold, bool suppress) {
    if (base <= 0) return std::nullopt;
    if (suppress && base < threshold) return std::nullopt;
    return static_cast<double>(part) / static_cast<double>(base);
}

}  // namespace foljsam::report

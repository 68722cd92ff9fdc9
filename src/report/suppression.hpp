#pragma once
// Small-number suppression (domain.md): what viewers without personal-data access may see.
//
// Primary: every count from 1 to threshold - 1 (t) is hidden; zero stays visible.
//
// Secondary, against this attacker: they see every visible cell exactly and the markers of
// the hidden ones, so they know that a "<t" cell is in [1, t - 1] and a "–" cell is t or
// more (below t it would be "<t"; zeros are shown, so no hidden cell is 0), with no upper
// bound. They know the table of each measure: the total, the cells of each dimension
// (its marginals) and, for two dimensions, the grid, and that every sum holds exactly
// (total = sum of a dimension's cells; a grid row or column = its marginal), whichever of
// its members are visible. A hidden cell is protected when some other integer assignment
// of all hidden cells that keeps every sum and every bound gives it a different value.
// Relations between different measures and between different reports are not covered,
// nor anything the attacker knows from elsewhere.
//
// Method, repeated until nothing changes:
//  1. Every line (a sum with its parts) on its own: with H its hidden cells, P the
//     primary ones, Q the secondary ones and S what the visible sum leaves for the hidden
//     parts, every hidden cell can move iff |H| >= 2, S > |P| + t|Q| (above the least the
//     bounds allow) and, when Q is empty, S < (t - 1)|P|; likewise with a hidden sum,
//     which counts negatively. A line that fails gets one more hidden cell: the smallest
//     visible part above t when every hidden cell sits at its least (hidden, such a part
//     can move down), the sum itself when there is none; else the smallest visible
//     non-zero part, or the sum. This is exact for one dimension, whose only line is
//     total = sum of the cells.
//  2. Two dimensions: chains of lines can pin a cell even when each line is fine on its
//     own (a hidden cell that joins two hidden blocks, or a cycle of hidden cells that
//     bounds block both ways). The table is a bipartite graph of rows and columns with a
//     cell as an edge; the values that keep every sum are the true ones plus a
//     circulation on the hidden edges, so a hidden cell can move exactly when a cycle
//     through it can be stepped by one with every cell on it staying within its bounds.
//     That is searched for; a cell on no such cycle gets the cheapest set of visible
//     cells hidden (fewest, then smallest sum; found by Dijkstra) that closes one.
// When even hiding every non-zero cell would leave a cell pinned (e.g. one dimension with
// cells 1, 1, 1, 1 and threshold 5: the total shows "<5", so it is 4, and each cell is at
// least 1, so each is 1), nothing more is hidden for it: the table cannot be protected
// without changing what the markers tell.
// Sums over a multi-valued dimension are treated as exact too: they are only bounds there
// (a participation counts under several values), but most participations have one value,
// so the bound is often tight. Cost per measure: each pass over the lines is linear in the
// table; each step of 2. is a graph search over the table; every step hides a cell.
//
// Free functions; thread-safe on distinct reports.

#include <functional>
#include <optional>
#include <string>

#include "common/status.hpp"
#include "report/cell.hpp"

namespace foljsam::report {

struct SuppressionOptions {
    int threshold = 5;  // never below 3
    // Cells to hide from the start besides the primary ones, e.g. because another table
    // shown beside this one hides the same count (composed reports). Only non-zero cells
    // are hidden; secondary suppression then protects them like any hidden cell. May be
    // empty.
    std::function<bool(const Cell&)> also_hide;
};

// Sets `suppressed` on every cell of `report` as described above; values are kept.
// Idempotent (flags are recomputed from scratch). kInvalidInput, with the report left
// unchanged, when the threshold is below 3 or the cells are not the complete tables that
// Compute() produces.
Status Suppress(Report& report, const SuppressionOptions& options);

// What a renderer shows for a cell: the number when visible; "<5" (with the threshold)
// for a hidden cell whose value is below the threshold; "–" for a cell hidden only to
// protect another one.
std::string DisplayValue(const Cell& cell, int threshold);

// A plain count as shown to someone without participant access when `suppress`: counts
// from 1 to threshold - 1 as "<threshold", others as the number (zero stays visible).
// For lone counts outside report tables (e.g. the start page's attention items).
std::string CountText(long long value, int threshold, bool suppress);

// part / base as a fraction in [0, 1], or nullopt when base <= 0, or when `suppress` and
// base < threshold. Callers must not pass a hidden part: its share would reveal it.
std::optional<double> Share(long long part, long long base, int threshold, bool suppress);

}  // namespace foljsam::report

#pragma once
// Small-number suppression (domain.md): what viewers without personal-data access may see.
//
// Primary: every count from 1 to threshold - 1 is hidden; zero stays visible.
// Secondary: within each measure, the cells of a report form one table: the total, the
// cells of each dimension (its marginals) and, for two dimensions, the grid. Every sum
// (total = sum of a dimension's cells; a grid row or column = its marginal) is a
// constraint. Until nothing changes: a constraint with exactly one hidden member gets a
// second one, the smallest non-zero visible part, or the sum itself when only zeros are
// left (a zero does not protect: the attacker knows zeros are shown). For two dimensions
// this is not enough on its own (hidden cells can still be pinned through a chain of rows
// and columns), so the hidden cells are also checked as a bipartite graph of rows and
// columns: a hidden cell that is a bridge of that graph is uniquely determined and gets a
// cycle closed through it. Result: no hidden value is the only non-negative integer
// solution of the visible sums. Sums over a multi-valued dimension are treated as exact
// too: they are only bounds there (a participation counts under several values), but
// most participations have one value, so the bound is often tight.
// Relations between different measures and between different reports are not covered.
//
// Free functions; thread-safe on distinct reports.

#include <optional>
#include <string>

#include "common/status.hpp"
#include "report/cell.hpp"

namespace foljsam::report {

struct SuppressionOptions {
    int threshold = 5;  // never below 3
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

// part / base as a fraction in [0, 1], or nullopt when base <= 0, or when `suppress` and
// base < threshold. Callers must not pass a hidden part: its share would reveal it.
std::optional<double> Share(long long part, long long base, int threshold, bool suppress);

}  // namespace foljsam::report

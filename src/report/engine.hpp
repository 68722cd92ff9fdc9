#pragma once
// The report engine: measures x dimensions over a period and a scope -> cells.
//
// For each measure of the query, in the query's order, Compute emits
//   1. the total (by = {}),
//   2. one cell per value of the first dimension, then of the second,
//   3. for two dimensions, one cell per (first value, second value) pair, row-major.
// The values of a dimension are its full code-list domain (zeros included, so tables list
// every row), then other values seen among the facts that count towards some measure of
// the query, sorted (insats ids numerically), then "" (missing) when seen. Facts outside
// the scope, facts that fail a filter and FELREG facts are skipped. Multi-valued dimensions count a participation
// once under each of its values. persons_participated counts distinct persons within
// each cell. Cost: one pass over all facts, then one pass per measure over the facts that
// count in the period, plus a sort of their person keys.
//
// Pure function; thread-safe (no shared state).

#include <vector>

#include "common/status.hpp"
#include "report/cell.hpp"
#include "report/fact.hpp"

namespace foljsam::report {

// The unsuppressed report. kInvalidInput when the query has no measure, a measure twice,
// more than two dimensions, the same dimension twice, or an invalid period.
Result<Report> Compute(const std::vector<Fact>& facts, const Query& query);

}  // namespace foljsam::report

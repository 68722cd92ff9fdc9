#pragma once
// Reports are cells (design.md): a cell is one number, a measure broken down by zero,
// one or two (dimension, value) pairs. HTML, charts, XLSX, CSV and JSON are renderings of
// the same cells. A Report is the query plus its cells. Plain value types; not
// thread-safe to mutate concurrently.

#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "report/dimension.hpp"
#include "report/measure.hpp"
#include "report/period.hpp"

namespace foljsam::report {

struct Cell {
    Measure measure = Measure::kStarted;
    // Empty for the measure's total; one pair for a single dimension's value; two pairs,
    // in the query's dimension order, for a cell of a two-dimensional table.
    std::vector<std::pair<Dimension, std::string>> by;
    // The true count. Kept after suppression: renderers must show DisplayValue() instead.
    long long value = 0;
    bool suppressed = false;
};

struct Query {
    std::vector<Measure> measures;
    std::vector<Dimension> dimensions;  // 0, 1 or 2, all different
    Period period;
    // Scope: the insatser to count; nullopt or an empty set means the whole association.
    std::optional<std::set<long long>> insatser;
    // Filters: a participation counts only when, for every filter, one of its values in
    // that dimension (ValuesOf(); "" for a missing answer, the id text for insats) is in
    // the filter's set. An empty set filters nothing. Dimensions may also be filtered on.
    std::vector<std::pair<Dimension, std::set<std::string>>> filters;
};

struct Report {
    Query query;
    std::vector<Cell> cells;
    // True when a query dimension is multi-valued: its values' counts may then sum to
    // more than the total, and renderers must say so.
    bool multi_valued_totals_may_exceed = false;
};

}  // namespace foljsam::report

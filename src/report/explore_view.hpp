#pragma once
// Explore (Utforska, issue 3 item 5): one measure by up to two dimensions, shown as one
// display table with a chart. No dimension: the total alone. One dimension: a row per
// value with the count and its share of the total. Two dimensions: the first as rows, the
// second as columns (values with a non-zero count only; a zero row or column hides
// nothing), each row's total, and a total row. The chart shows the first dimension's
// counts, split by the second when it has at most six values. Suppressed cells show their
// markers (CellLookup). Pure function; thread-safe.

#include <string>
#include <utility>
#include <vector>

#include "report/cell.hpp"
#include "report/table_view.hpp"

namespace foljsam::report {

// `report` must be Compute()'s result for one measure; `insats_names` (id, name) labels
// the insats dimension.
ViewTable ExploreTable(const Report& report, int threshold, bool suppress,
                       const std::vector<std::pair<long long, std::string>>& insats_names);

}  // namespace foljsam::report

#pragma once
// A report's cells as the table renderers (XLSX, HTML) lay them out, so that both show
// the same tables: a table is the cells that share the same dimensions (the totals, each
// dimension's values, the pairs of two dimensions), with the values as rows and the
// measures as columns. Also the lines that describe a report, and what the XLSX renderers
// of reports and of composed reports (render_tables.hpp) share. Free functions;
// thread-safe on distinct outputs.

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "report/cell.hpp"
#include "report/dimension.hpp"
#include "report/measure.hpp"
#include "report/render.hpp"

namespace foljsam::report {

struct ReportTable {
    std::vector<Dimension> dimensions;                  // empty for the totals
    std::vector<std::vector<std::string>> rows;         // per row, its values in `dimensions` order
    std::vector<std::map<Measure, const Cell*>> cells;  // per row, the cell of each measure it has
};

// The tables in the order their first cells appear in `report` (Compute(): totals, then
// each dimension, then the pair), rows in the order of their first cells. The cells are
// borrowed from `report`, which must outlive the result.
std::vector<ReportTable> ReportTablesOf(const Report& report);

// "Totalt" for the totals, else the dimension labels joined by " × ", e.g. "Kön × Insats".
std::string ReportTableTitle(const std::vector<Dimension>& dimensions);

// (label, text) lines about the report, in Swedish: the report, the association, the
// period, the insatser, the measures, the dimensions, small-number protection (applied or
// not, and what "<t" and "–" mean), the threshold, the multi-valued note when the totals
// may be exceeded, and when the report was made.
std::vector<std::pair<std::string, std::string>> AboutLines(const RenderInput& input);

// The Swedish sentence on small-number protection: when `applied`, that counts from 1 to
// threshold - 1 show as "<threshold", counts that would reveal them as "–", and zero as
// itself; otherwise that the report shows small counts and must not be passed on.
std::string SuppressionSentence(int threshold, bool applied);

// A worksheet name for `wanted` under Excel's rules: at most 31 characters (UTF-8 aware;
// a longer name is cut at the end of a word in its second half, else mid-word, without
// trailing spaces, commas or dashes), each of []:*?/\ replaced by '-', unique ignoring
// ASCII case among the names in `used` (" (2)", " (3)", ... appended, the name cut to make
// room). Adds the name, lowercased, to `used`. `wanted` must not be empty.
std::string SheetName(std::string wanted, std::set<std::string>& used);

// Appends `field` as one CSV field for Swedish Excel: as it is, or quoted with '"'
// doubled when it holds ';', '"', CR or LF. Shared by the CSV renderers.
void AppendCsvField(std::string& out, std::string_view field);

}  // namespace foljsam::report

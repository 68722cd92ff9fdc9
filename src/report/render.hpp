#pragma once
// Renderers of a report (design.md, "Reports are cells"): JSON, CSV, HTML and XLSX are
// renderings of the same cells, so every output agrees with every other. When suppression
// applies, a suppressed cell's true value never appears in any output: JSON gives null,
// CSV, HTML and XLSX give report::DisplayValue()'s marker ("<5" or "–").
//
// Value labels are Swedish: report::ValueLabel(), and for the insats dimension the
// insats's name from `insats_names`. JSON keeps the national codes (issue 3, item 7).
//
// Free functions over the input; thread-safe on distinct outputs.

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.hpp"
#include "report/cell.hpp"
#include "report/dimension.hpp"
#include "report/period.hpp"

namespace foljsam::report {

// Everything a renderer shows. `report` is borrowed and must outlive the input.
struct RenderInput {
    const Report& report;
    Period period;
    // The insatser counted (the scope), in the association's order: id and name.
    std::vector<std::pair<long long, std::string>> insats_names;
    std::string forbund_name;
    int threshold = 5;
    bool suppression_applied = true;
    std::string generated_at;  // when the report was made, e.g. "2025-06-30 14:05"
};

// The JSON contract of `foljsam report --format json` (issue 3, item 7):
//   {"period": {"from", "to"},
//    "scope": {"insatser": [names], "forbund": name},
//    "suppression": {"threshold", "applied"},
//    "cells": [{"measure", "by": {dimension: value}, "value", "suppressed"}]}
// `by` uses the dimension names of domain.md and national codes as values ("" when the
// answer is missing); an insats is given by its name, a district by its code. A suppressed
// cell has value null and "suppressed": true. Indented by two spaces, ends with a newline.
std::string RenderJson(const RenderInput& input);

// CSV as Swedish Excel reads it: UTF-8 with a byte order mark, ';' between fields, CRLF
// line ends. Header "Mått;<query dimension labels>;Värde;Dolt", then one row per cell in
// the report's order: the measure's label, per query dimension the value's label or
// "Totalt" when the cell is not broken down by it, the value or the marker, and "ja" or
// "nej". Fields holding ';', '"', CR or LF are quoted, with '"' doubled.
std::string RenderCsv(const RenderInput& input);

// A standalone Swedish HTML5 document (lang="sv", UTF-8, its CSS in a <style> element; no
// scripts, no external resources) for saving or printing: a heading with the association
// and the period, the lines about the report that XLSX's sheet "Om rapporten" has (scope,
// small-number protection, the multi-valued note), then the same tables as RenderXlsx()
// as accessible tables (<caption>, <th scope="col"> per column, <th scope="row"> per value),
// the measures as columns and the values as rows, each cell RenderedValue(); under each
// table of one dimension a bar chart (BarChartSvg()) of the first measure in which a
// hidden cell draws no bar, only its marker.
std::string RenderHtml(const RenderInput& input);

// Writes an XLSX workbook to `out` (replacing it): one sheet per table (the totals
// "Totalt", each dimension's values, the pairs of two dimensions) with the measures as
// columns and the values as rows; bold frozen header, counts with a number format, markers
// as text; a native column chart of the first measure on each sheet with a dimension; and
// a sheet "Om rapporten" (period, scope, suppression, the multi-valued note, when made).
// kUnavailable when the file cannot be written; kInternal for a libxlsxwriter failure.
Status RenderXlsx(const RenderInput& input, const std::filesystem::path& out);

// The Swedish label of `value` in `dimension` as the renderers show it: the insats's
// name for the insats dimension (the id text when it is not in the scope), otherwise
// ValueLabel().
std::string RenderedValueLabel(const RenderInput& input, Dimension dimension, std::string_view value);

// What the renderers show for `cell`: DisplayValue() when suppression applies, otherwise
// the number.
std::string RenderedValue(const RenderInput& input, const Cell& cell);

// True when `cell` is shown hidden (suppression applies and the cell is suppressed).
bool IsHidden(const RenderInput& input, const Cell& cell);

}  // namespace foljsam::report

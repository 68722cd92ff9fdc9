#pragma once
// Renderers of composed reports (the follow-up): its display tables as CSV and XLSX
// (render_tables_xlsx.cpp), its engine reports as JSON. Tables hold only what the viewer
// may see (table_view.hpp), so these outputs never carry a hidden value. Free functions;
// thread-safe.

#include <filesystem>
#include <string>
#include <vector>

#include "common/status.hpp"
#include "report/followup.hpp"
#include "report/table_view.hpp"

namespace foljsam::report {

struct TablesDocument {
    std::string title;  // e.g. "Uppföljning första halvåret 2025 – Alla insatser"
    std::string forbund_name;
    Period period;
    std::vector<std::pair<long long, std::string>> insats_names;  // the scope: id, name
    int threshold = 5;
    bool suppression_applied = true;
    std::string generated_at;
};

// CSV for Swedish Excel (UTF-8 with BOM, ';', CRLF): the title and period lines, then per
// table its caption, the header, its rows and an empty line. Counts are plain integers,
// decimals such as rates "1234,5" (no digit grouping), shares "34 %", hidden cells their
// markers.
std::string RenderTablesCsv(const TablesDocument& doc, const std::vector<ViewSection>& sections);

// Writes an XLSX workbook to `out` (replacing it). First a sheet "Om rapporten": the
// title, association, period (label and dates), scope (the insatser), small-number
// protection (applied or not, threshold, what "<t" and "–" mean), when it was made, and a
// linked list of the tables. Then one sheet per ViewTable, in order, named after its
// caption (its id when the caption is empty) under Excel's rules (SheetName()): the
// caption (bold), the header row (bold; panes frozen below it and right of the row
// labels), a row per ViewRow (total rows bold), and the note under the table. A cell with
// a number is written as a number: a share as number / 100 in the format 0 %, a change
// (text starting with '+' or '−') in the format +#,##0;−#,##0;0, any other count in the
// format #,##0 (Swedish Excel shows the digit groups with a space); every other cell
// (markers "<5" and "–", targets) as its text. A table with a chart also gets the chart's
// series in a block to the right of the printed area (a header row, a row per category, a
// value not shown left empty) and a native Excel chart drawn from it under the table: a
// line chart when line_chart, else a horizontal bar chart; an empty value is a gap.
// kUnavailable when the file cannot be written; kInternal for a libxlsxwriter failure.
Status RenderTablesXlsx(const TablesDocument& doc, const std::vector<ViewSection>& sections,
                        const std::filesystem::path& out);

// The follow-up's engine reports as JSON: {"period", "scope", "suppression", "tables":
// [{"id", "title", "period": {"from", "to"}, "cells": [...]}]} with cells exactly as
// RenderJson() writes them (a hidden cell has value null).
std::string RenderFollowUpJson(const TablesDocument& doc, const FollowUp& followup);

}  // namespace foljsam::report

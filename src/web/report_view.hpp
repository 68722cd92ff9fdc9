#pragma once
// View models of display tables (report/table_view.hpp) for the report templates
// (web/templates/partials/report_table.mustache): captions, headers, cells as text, the
// chart as inline SVG drawn by report/. No numbers are decided here. Plain functions;
// thread-safe.

#include <nlohmann/json.hpp>
#include <vector>

#include "report/table_view.hpp"

namespace foljsam::web {

// {"id", "caption", "row_header", "columns": [..], "rows": [{"header", "total", "cells":
// [{"text", "hidden"}]}], "note", "svg", "wide", "has_chart"}.
nlohmann::json TableModel(const report::ViewTable& table);
// {"id", "title", "intro", "tables": [TableModel...]} per section.
nlohmann::json SectionsModel(const std::vector<report::ViewSection>& sections);

}  // namespace foljsam::web

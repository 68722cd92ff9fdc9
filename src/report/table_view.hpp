#pragma once
// Display tables: what a composed report (the follow-up) shows, already decided cell by
// cell — the text a reader sees, the number behind it when it may be shown, and the chart
// drawn from it. Pages, CSV and XLSX of a composed report are renderings of these, so
// they agree with each other; every text was made from suppressed report cells, so a
// hidden count never reaches a ViewCell. Plain value types; thread-safe to read.

#include <optional>
#include <string>
#include <vector>

#include "report/chart_svg.hpp"

namespace foljsam::report {

struct ViewCell {
    std::string text;              // "12", "1 234", "<5", "–", "34 %", "+3"
    std::optional<double> number;  // the value shown, when it is a number (percent 0..100)
    bool percent = false;          // `number` is a percentage
    bool hidden = false;           // shown as a suppression marker
};

struct ViewRow {
    std::string header;  // the row's label
    std::vector<ViewCell> cells;
    bool total = false;  // a sum row, set apart in print and on screen
};

struct ViewTable {
    std::string id;          // unique in the report, ASCII: anchors, sheet order, chart ids
    std::string caption;     // Swedish table caption
    std::string note;        // shown under the table, e.g. the multi-valued note
    std::string row_header;  // header of the first column
    std::vector<std::string> columns;
    std::vector<ViewRow> rows;
    std::optional<ChartSpec> chart;  // drawn beside the table when present
    bool line_chart = false;         // chart is a trend (LineChartSvg), else BarChartSvg
    bool wide = false;               // many columns: printed in a smaller font
};

struct ViewSection {
    std::string id;     // anchor
    std::string title;  // Swedish heading
    std::string intro;  // one paragraph, may be empty
    std::vector<ViewTable> tables;
};

// The chart of `table` as inline SVG, "" when it has none.
std::string ChartSvgOf(const ViewTable& table);

}  // namespace foljsam::report

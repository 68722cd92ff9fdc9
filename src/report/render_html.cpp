// HTML renderer (see render.hpp): a file to save, mail or print, so its CSS is embedded
// (the served pages' Content-Security-Policy does not apply to a downloaded file) and it
// loads nothing. The tables are report_tables.hpp's, as in XLSX; every cell is
// RenderedValue(), so markers agree with CSV and XLSX to the character.

#include <optional>
#include <string>
#include <vector>

#include "report/chart_svg.hpp"
#include "report/dimension.hpp"
#include "report/markup.hpp"
#include "report/measure.hpp"
#include "report/render.hpp"
#include "report/report_tables.hpp"

namespace foljsam::report {
namespace {

constexpr const char* kCss = R"css(
body { margin: 0; color: #0b0c0c; font-family: system-ui, "Segoe UI", Arial, sans-serif; line-height: 1.4; }
main { max-width: 60rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
h1 { font-size: 1.8rem; margin: 0.5rem 0 1rem; }
h2 { font-size: 1.35rem; margin: 2.5rem 0 0.5rem; }
dl.about { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0; }
dl.about dt { font-weight: 700; }
dl.about dd { margin: 0; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 700; padding-bottom: 0.4rem; }
th, td { border-bottom: 1px solid #b1b4b6; padding: 0.35rem 1rem 0.35rem 0; text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid #0b0c0c; }
.num { text-align: right; }
.chart { max-width: 40rem; }
@media print {
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; }
  tr, .chart { break-inside: avoid; }
}
)css";

std::string Element(const char* tag, const std::string& text, const char* attributes = "") {
    return std::string("<") + tag + attributes + ">" + EscapeMarkup(text) + "</" + tag + ">";
}

std::string TableHtml(const RenderInput& input, const ReportTable& table) {
    const std::vector<Measure>& measures = input.report.query.measures;
    std::string out =
        "<table>\n" + Element("caption", ReportTableTitle(table.dimensions) + ", " + input.period.Label());
    out += "\n<thead><tr>";
    if (table.dimensions.empty()) out += "<td></td>";
    for (Dimension dimension : table.dimensions)
        out += Element("th", std::string(DimensionLabel(dimension)), " scope=\"col\"");
    for (Measure measure : measures)
        out += Element("th", std::string(MeasureLabel(measure)), " scope=\"col\" class=\"num\"");
    out += "</tr></thead>\n<tbody>\n";
    for (size_t row_idx = 0; row_idx < table.rows.size(); ++row_idx) {
        out += "<tr>";
        if (table.dimensions.empty()) out += Element("th", "Totalt", " scope=\"row\"");
        for (size_t idx = 0; idx < table.dimensions.size(); ++idx)
            out += Element("th", RenderedValueLabel(input, table.dimensions[idx], table.rows[row_idx][idx]),
                           " scope=\"row\"");
        for (Measure measure : measures) {
            auto it = table.cells[row_idx].find(measure);
            out += Element("td", it == table.cells[row_idx].end() ? "" : RenderedValue(input, *it->second),
                           " class=\"num\"");
        }
        out += "</tr>\n";
    }
    return out + "</tbody>\n</table>\n";
}

// The first measure of a one-dimension table as bars; a hidden cell draws no bar.
std::string ChartHtml(const RenderInput& input, const ReportTable& table, const std::string& id) {
    const std::vector<Measure>& measures = input.report.query.measures;
    if (table.dimensions.size() != 1 || table.rows.empty() || measures.empty()) return "";
    ChartSpec chart{id,
                    std::string(MeasureLabel(measures[0])) + " efter " + ReportTableTitle(table.dimensions),
                    "Siffrorna finns i tabellen ovanför diagrammet.",
                    {},
                    {}};
    ChartSeries series{std::string(MeasureLabel(measures[0])), {}, {}};
    for (size_t row_idx = 0; row_idx < table.rows.size(); ++row_idx) {
        chart.categories.push_back(RenderedValueLabel(input, table.dimensions[0], table.rows[row_idx][0]));
        auto it = table.cells[row_idx].find(measures[0]);
        const Cell* cell = it == table.cells[row_idx].end() ? nullptr : it->second;
        series.values.push_back(cell && !IsHidden(input, *cell) ? std::optional<double>(cell->value) : std::nullopt);
        series.texts.push_back(cell ? RenderedValue(input, *cell) : "");
    }
    chart.series.push_back(std::move(series));
    return "<div class=\"chart\">" + BarChartSvg(chart) + "</div>\n";
}

}  // namespace

std::string RenderHtml(const RenderInput& input) {
    const std::string heading = "Rapport för " + input.forbund_name + ", " + input.period.Label();
    std::string out = "<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n";
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    out += Element("title", heading) + "\n<style>" + kCss + "</style>\n</head>\n<body>\n<main>\n";
    out += Element("h1", heading) + "\n<dl class=\"about\">\n";
    for (const auto& [label, text] : AboutLines(input)) out += Element("dt", label) + Element("dd", text) + "\n";
    out += "</dl>\n";
    const std::vector<ReportTable> tables = ReportTablesOf(input.report);
    for (size_t table_idx = 0; table_idx < tables.size(); ++table_idx) {
        const std::string id = "tabell-" + std::to_string(table_idx + 1);
        out += "<section aria-labelledby=\"" + id + "-rubrik\">\n";
        out +=
            "<h2 id=\"" + id + "-rubrik\">" + EscapeMarkup(ReportTableTitle(tables[table_idx].dimensions)) + "</h2>\n";
        out += TableHtml(input, tables[table_idx]);
        out += ChartHtml(input, tables[table_idx], "diagram-" + std::to_string(table_idx + 1));
        out += "</section>\n";
    }
    return out + "</main>\n</body>\n</html>\n";
}

}  // namespace foljsam::report

// XLSX renderer of composed reports (render_tables.hpp) over libxlsxwriter: a sheet about
// the report, then one sheet per display table with its chart drawn by Excel. A chart
// reads its series from a block of its own to the right of the table rather than from the
// table's columns: a series is not always one whole column (the overview charts only the
// total rows, the trends cut the year labels), and the block gives hidden values as empty
// cells, which Excel draws as gaps.

#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>
#include <string>
#include <system_error>
#include <vector>

#include "report/render_tables.hpp"
#include "report/report_tables.hpp"

namespace foljsam::report {
namespace {

constexpr lxw_row_t kCaptionRow = 0;
constexpr lxw_row_t kHeaderRow = 1;
constexpr lxw_row_t kFirstDataRow = 2;
constexpr double kChartWidthPx = 640;
constexpr double kRowHeightPx = 20;  // Excel's default row height, 15 points

// Per kind of cell, [0] for an ordinary row and [1] for a total row (bold).
struct Formats {
    lxw_format* title;
    lxw_format* header;
    lxw_format* wrap;
    lxw_format* text[2];
    lxw_format* marker[2];
    lxw_format* count[2];
    lxw_format* decimal[2];
    lxw_format* percent[2];
    lxw_format* change[2];
};

// "#,##0" rather than a literal "# ##0": the comma is the locale's digit group separator,
// which Swedish Excel and LibreOffice show as a space for every group, where a literal
// space would group only the last three digits and pad small counts with a space.
Formats MakeFormats(lxw_workbook* workbook) {
    auto make = [&](bool bold, const char* num_format, bool right) {
        lxw_format* format = workbook_add_format(workbook);
        if (bold) format_set_bold(format);
        if (num_format != nullptr) format_set_num_format(format, num_format);
        if (right) format_set_align(format, LXW_ALIGN_RIGHT);
        return format;
    };
    Formats formats{};
    formats.title = make(true, nullptr, false);
    format_set_font_size(formats.title, 13);
    formats.header = make(true, nullptr, false);
    format_set_text_wrap(formats.header);
    format_set_align(formats.header, LXW_ALIGN_VERTICAL_TOP);
    formats.wrap = make(false, nullptr, false);
    format_set_text_wrap(formats.wrap);
    format_set_align(formats.wrap, LXW_ALIGN_VERTICAL_TOP);
    for (int bold = 0; bold < 2; ++bold) {
        formats.text[bold] = make(bold, nullptr, false);
        formats.marker[bold] = make(bold, nullptr, true);
        formats.count[bold] = make(bold, "#,##0", false);
        formats.decimal[bold] = make(bold, "#,##0.0", false);
        formats.percent[bold] = make(bold, "0%", false);
        formats.change[bold] = make(bold, "+#,##0;\"\u2212\"#,##0;0", false);
    }
    return formats;
}

enum class CellKind { kText, kMarker, kCount, kDecimal, kPercent, kChange };

CellKind KindOf(const ViewCell& cell) {
    if (cell.hidden) return CellKind::kMarker;
    if (!cell.number) return cell.text == "–" ? CellKind::kMarker : CellKind::kText;
    if (cell.percent) return CellKind::kPercent;
    if (cell.text.starts_with("+") || cell.text.starts_with("\u2212")) return CellKind::kChange;
    // A rate such as "12,0" keeps its decimal even when it is whole.
    if (*cell.number != std::floor(*cell.number) || cell.text.find(',') != std::string::npos) return CellKind::kDecimal;
    return CellKind::kCount;
}

void WriteCell(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t col, const ViewCell& cell, const Formats& formats,
               int bold) {
    switch (KindOf(cell)) {
        case CellKind::kText:
            worksheet_write_string(sheet, row, col, cell.text.c_str(), formats.text[bold]);
            return;
        case CellKind::kMarker:
            worksheet_write_string(sheet, row, col, cell.text.c_str(), formats.marker[bold]);
            return;
        case CellKind::kPercent:
            worksheet_write_number(sheet, row, col, *cell.number / 100.0, formats.percent[bold]);
            return;
        case CellKind::kChange:
            worksheet_write_number(sheet, row, col, *cell.number, formats.change[bold]);
            return;
        case CellKind::kDecimal:
            worksheet_write_number(sheet, row, col, *cell.number, formats.decimal[bold]);
            return;
        case CellKind::kCount:
            worksheet_write_number(sheet, row, col, *cell.number, formats.count[bold]);
            return;
    }
}

// Characters, not bytes, of UTF-8 text: for column widths.
size_t Chars(const std::string& text) {
    return static_cast<size_t>(std::count_if(text.begin(), text.end(),
                                             [](char ch) { return (static_cast<unsigned char>(ch) & 0xC0) != 0x80; }));
}

// A column's width in pixels as Excel draws a width in characters of Calibri 11.
double WidthPx(double chars) { return std::floor(chars * 7 + 0.5) + 5; }

struct Layout {
    double label_width;  // column 0, in characters
    double value_width;  // the table's other columns
    lxw_col_t last_col;  // the table's last column
};

// The chart's series in a block from column `block_col`: a header row (the category header
// and the series names) and a row per category; a value not shown stays empty.
void WriteChartBlock(lxw_worksheet* sheet, const ViewTable& table, lxw_col_t block_col, const Formats& formats) {
    const ChartSpec& spec = *table.chart;
    worksheet_set_column(sheet, block_col, block_col, 24, nullptr);
    worksheet_set_column(sheet, block_col + 1, static_cast<lxw_col_t>(block_col + spec.series.size()), 14, nullptr);
    worksheet_write_string(sheet, kCaptionRow, block_col, "Underlag för diagrammet", formats.header);
    worksheet_write_string(sheet, kHeaderRow, block_col, table.row_header.c_str(), formats.header);
    for (size_t cat_idx = 0; cat_idx < spec.categories.size(); ++cat_idx)
        worksheet_write_string(sheet, static_cast<lxw_row_t>(kFirstDataRow + cat_idx), block_col,
                               spec.categories[cat_idx].c_str(), formats.text[0]);
    for (size_t series_idx = 0; series_idx < spec.series.size(); ++series_idx) {
        const ChartSeries& series = spec.series[series_idx];
        const auto col = static_cast<lxw_col_t>(block_col + 1 + series_idx);
        worksheet_write_string(sheet, kHeaderRow, col, series.name.c_str(), formats.header);
        for (size_t cat_idx = 0; cat_idx < spec.categories.size() && cat_idx < series.values.size(); ++cat_idx) {
            if (!series.values[cat_idx]) continue;
            const auto row = static_cast<lxw_row_t>(kFirstDataRow + cat_idx);
            if (spec.percent) {
                worksheet_write_number(sheet, row, col, *series.values[cat_idx] / 100.0, formats.percent[0]);
            } else {
                worksheet_write_number(sheet, row, col, *series.values[cat_idx], formats.count[0]);
            }
        }
    }
}

// A native chart of the block at `block_col`, inserted at `row` under the table. Returns
// its height in pixels.
double InsertChart(lxw_workbook* workbook, lxw_worksheet* sheet, const std::string& name, const ViewTable& table,
                   lxw_col_t block_col, lxw_row_t row) {
    const ChartSpec& spec = *table.chart;
    lxw_chart* chart = workbook_add_chart(workbook, table.line_chart ? LXW_CHART_LINE : LXW_CHART_BAR);
    const auto first = kFirstDataRow;
    const auto last = static_cast<lxw_row_t>(kFirstDataRow + spec.categories.size() - 1);
    // As in LineChartSvg: a marker shape of its own per series, so colour is not the only cue.
    const uint8_t markers[] = {LXW_CHART_MARKER_CIRCLE,  LXW_CHART_MARKER_SQUARE, LXW_CHART_MARKER_TRIANGLE,
                               LXW_CHART_MARKER_DIAMOND, LXW_CHART_MARKER_X,      LXW_CHART_MARKER_PLUS};
    for (size_t series_idx = 0; series_idx < spec.series.size(); ++series_idx) {
        const auto col = static_cast<lxw_col_t>(block_col + 1 + series_idx);
        lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
        chart_series_set_categories(series, name.c_str(), first, block_col, last, block_col);
        chart_series_set_values(series, name.c_str(), first, col, last, col);
        chart_series_set_name_range(series, name.c_str(), kHeaderRow, col);
        if (table.line_chart) {
            chart_series_set_marker_type(series, markers[series_idx % std::size(markers)]);
        } else {
            chart_series_set_labels(series);  // the number at each bar's end, as in BarChartSvg
        }
    }
    chart_title_set_name(chart, spec.title.c_str());
    chart_legend_set_position(chart, spec.series.size() > 1 ? LXW_CHART_LEGEND_BOTTOM : LXW_CHART_LEGEND_NONE);
    chart_show_blanks_as(chart, LXW_CHART_BLANKS_AS_GAP);
    // In a bar chart libxlsxwriter's x axis is the horizontal one, the values; the
    // categories (y) run top-down in table order, with the value axis kept at the bottom.
    lxw_chart_axis* value_axis = table.line_chart ? chart->y_axis : chart->x_axis;
    if (!table.line_chart) {
        chart_axis_set_reverse(chart->y_axis);
        chart_axis_set_crossing_max(chart->y_axis);
    }
    if (spec.percent) {
        chart_axis_set_num_format(value_axis, "0%");
        chart_axis_set_min(value_axis, 0);
        chart_axis_set_max(value_axis, 1);
    }
    const double bars = table.line_chart ? 0 : static_cast<double>(spec.categories.size() * spec.series.size());
    const double height = std::clamp(120 + bars * 18 + (table.line_chart ? 200 : 0), 288.0, 1000.0);
    lxw_chart_options options = {};
    options.x_scale = kChartWidthPx / 480;  // libxlsxwriter's default chart is 480 x 288 pixels
    options.y_scale = height / 288;
    // Alt text for screen readers, as the SVG's <title> and <desc>.
    std::string alt_text = spec.title + (spec.description.empty() ? "" : ". " + spec.description);
    options.description = alt_text.data();
    worksheet_insert_chart_opt(sheet, row, 0, chart, &options);
    return height;
}

// The last column a chart of kChartWidthPx from column 0 covers.
lxw_col_t ChartLastColumn(const Layout& layout) {
    double covered = WidthPx(layout.label_width);
    lxw_col_t col = 0;
    while (covered < kChartWidthPx) {
        ++col;
        covered += WidthPx(col <= layout.last_col ? layout.value_width : 8.43);
    }
    return col;
}

void WriteTable(lxw_workbook* workbook, lxw_worksheet* sheet, const std::string& name, const ViewTable& table,
                const Formats& formats) {
    size_t label_chars = Chars(table.row_header);
    for (const ViewRow& row : table.rows) label_chars = std::max(label_chars, Chars(row.header));
    const Layout layout{std::clamp(static_cast<double>(label_chars) + 2, 16.0, 48.0), table.wide ? 12.0 : 15.0,
                        static_cast<lxw_col_t>(table.columns.size())};
    worksheet_set_column(sheet, 0, 0, layout.label_width, nullptr);
    if (layout.last_col > 0) worksheet_set_column(sheet, 1, layout.last_col, layout.value_width, nullptr);

    worksheet_write_string(sheet, kCaptionRow, 0, table.caption.c_str(), formats.title);
    worksheet_write_string(sheet, kHeaderRow, 0, table.row_header.c_str(), formats.header);
    size_t header_lines = 1;
    for (size_t col_idx = 0; col_idx < table.columns.size(); ++col_idx) {
        worksheet_write_string(sheet, kHeaderRow, static_cast<lxw_col_t>(col_idx + 1), table.columns[col_idx].c_str(),
                               formats.header);
        header_lines =
            std::max(header_lines, Chars(table.columns[col_idx]) / static_cast<size_t>(layout.value_width - 2) + 1);
    }
    worksheet_set_row(sheet, kHeaderRow, 15.0 * static_cast<double>(std::min<size_t>(header_lines, 4)), nullptr);
    worksheet_freeze_panes(sheet, kFirstDataRow, 1);

    lxw_row_t next = kFirstDataRow;
    for (const ViewRow& view_row : table.rows) {
        const int bold = view_row.total ? 1 : 0;
        worksheet_write_string(sheet, next, 0, view_row.header.c_str(), formats.text[bold]);
        for (size_t col_idx = 0; col_idx < view_row.cells.size(); ++col_idx)
            WriteCell(sheet, next, static_cast<lxw_col_t>(col_idx + 1), view_row.cells[col_idx], formats, bold);
        ++next;
    }
    if (!table.note.empty()) {
        worksheet_write_string(sheet, next + 1, 0, table.note.c_str(), formats.text[0]);
        next += 2;
    }
    lxw_row_t print_last_row = next - 1;
    lxw_col_t print_last_col = layout.last_col;
    if (table.chart && !table.chart->categories.empty() && !table.chart->series.empty()) {
        const lxw_col_t chart_last_col = ChartLastColumn(layout);
        // Right of both the table and the chart, so that neither covers it nor prints it.
        const lxw_col_t block_col = std::max(layout.last_col, chart_last_col) + 2;
        WriteChartBlock(sheet, table, block_col, formats);
        const double height = InsertChart(workbook, sheet, name, table, block_col, next + 1);
        print_last_row = next + 1 + static_cast<lxw_row_t>(std::ceil(height / kRowHeightPx));
        print_last_col = std::max(print_last_col, chart_last_col);
    }
    // Printed: A4, the table and its chart one page wide, the caption and header on every page.
    worksheet_set_paper(sheet, 9);
    if (table.wide) worksheet_set_landscape(sheet);
    worksheet_print_area(sheet, 0, 0, print_last_row, print_last_col);
    worksheet_fit_to_pages(sheet, 1, 0);
    worksheet_repeat_rows(sheet, kCaptionRow, kHeaderRow);
}

struct Sheet {
    std::string name;
    const ViewSection* section;
    const ViewTable* table;
};

void WriteAbout(lxw_worksheet* sheet, const TablesDocument& doc, const std::vector<Sheet>& tables,
                const Formats& formats) {
    worksheet_set_column(sheet, 0, 0, 34, nullptr);
    worksheet_set_column(sheet, 1, 1, 90, nullptr);
    worksheet_set_paper(sheet, 9);
    worksheet_set_landscape(sheet);
    worksheet_fit_to_pages(sheet, 1, 0);
    std::string insatser;
    for (const auto& [id, insats_name] : doc.insats_names) insatser += (insatser.empty() ? "" : ", ") + insats_name;
    const std::vector<std::pair<std::string, std::string>> lines = {
        {"Rapport", doc.title},
        {"Förbund", doc.forbund_name},
        {"Period", doc.period.Label() + " (" + doc.period.from.ToString() + " – " + doc.period.to.ToString() + ")"},
        {"Insatser", insatser.empty() ? "Inga" : insatser},
        {"Skydd för små tal", SuppressionSentence(doc.threshold, doc.suppression_applied)},
        {"Tröskel", std::to_string(doc.threshold)},
        {"Skapad", doc.generated_at},
    };
    lxw_row_t row = 0;
    for (const auto& [label, text] : lines) {
        worksheet_write_string(sheet, row, 0, label.c_str(), formats.header);
        worksheet_write_string(sheet, row, 1, text.c_str(), formats.wrap);
        ++row;
    }
    ++row;
    worksheet_write_string(sheet, row, 0, "Tabeller (blad)", formats.header);
    ++row;
    for (const Sheet& entry : tables) {
        std::string quoted;  // a sheet name in a reference doubles its apostrophes
        for (char ch : entry.name) quoted += ch == '\'' ? std::string("''") : std::string(1, ch);
        const std::string url = "internal:'" + quoted + "'!A1";
        worksheet_write_url_opt(sheet, row, 0, url.c_str(), nullptr, entry.name.c_str(), nullptr);
        const std::string what = entry.section->title + ": " + entry.table->caption;
        worksheet_write_string(sheet, row, 1, what.c_str(), formats.wrap);
        ++row;
    }
}

}  // namespace

Status RenderTablesXlsx(const TablesDocument& doc, const std::vector<ViewSection>& sections,
                        const std::filesystem::path& out) {
    const std::string path = out.string();
    lxw_workbook* workbook = workbook_new(path.c_str());
    if (workbook == nullptr) return Status::Internal("workbook_new failed for " + path);
    const Formats formats = MakeFormats(workbook);

    std::set<std::string> used;
    const std::string about_name = SheetName("Om rapporten", used);
    std::vector<Sheet> tables;
    for (const ViewSection& section : sections)
        for (const ViewTable& table : section.tables)
            tables.push_back(
                Sheet{SheetName(table.caption.empty() ? table.id : table.caption, used), &section, &table});
    std::string invalid;
    for (const Sheet& entry : tables)
        if (workbook_validate_sheet_name(workbook, entry.name.c_str()) != LXW_NO_ERROR) invalid = entry.name;
    if (invalid.empty()) {
        WriteAbout(workbook_add_worksheet(workbook, about_name.c_str()), doc, tables, formats);
        for (const Sheet& entry : tables)
            WriteTable(workbook, workbook_add_worksheet(workbook, entry.name.c_str()), entry.name, *entry.table,
                       formats);
    }

    // Write errors only show up here (stack.md 5.5).
    const lxw_error error = workbook_close(workbook);
    if (!invalid.empty()) {
        // cannot happen for SheetName()'s names unless a caption starts or ends with "'":
        // refuse rather than leave a workbook without the table.
        std::error_code ignored;
        std::filesystem::remove(out, ignored);
        return Status::Internal("invalid sheet name: " + invalid);
    }
    if (error == LXW_NO_ERROR) return Status::Ok();
    if (error == LXW_ERROR_CREATING_XLSX_FILE || error == LXW_ERROR_CREATING_TMPFILE)
        return Status::Unavailable("Kunde inte skriva " + path + ".");
    return Status::Internal(std::string("workbook_close: ") + lxw_strerror(error));
}

}  // namespace foljsam::report

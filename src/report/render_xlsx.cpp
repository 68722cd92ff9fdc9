// XLSX renderer over libxlsxwriter (see render.hpp). Each of the report's tables
// (report_tables.hpp) gets a sheet with the values as rows and the measures as columns, so
// a reader compares measures side by side, and a native column chart of the first measure.

#include <xlsxwriter.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "report/dimension.hpp"
#include "report/measure.hpp"
#include "report/render.hpp"
#include "report/report_tables.hpp"

namespace foljsam::report {
namespace {

// For a table of two dimensions laid out as a full grid (blocks of rows with the same
// first value, each listing the same second values in the same order, as Compute() emits
// them): the block size. 0 otherwise.
size_t GridBlockSize(const ReportTable& table) {
    if (table.dimensions.size() != 2 || table.rows.empty()) return 0;
    size_t block = 0;
    while (block < table.rows.size() && table.rows[block][0] == table.rows[0][0]) ++block;
    if (table.rows.size() % block != 0) return 0;
    for (size_t row_idx = 0; row_idx < table.rows.size(); ++row_idx) {
        const auto& row = table.rows[row_idx];
        if (row[0] != table.rows[row_idx - row_idx % block][0] || row[1] != table.rows[row_idx % block][1]) return 0;
    }
    return block;
}

struct Formats {
    lxw_format* header;
    lxw_format* count;
    lxw_format* marker;
    lxw_format* wrap;
};

void WriteTable(lxw_workbook* workbook, const RenderInput& input, const ReportTable& table, const std::string& name,
                const Formats& formats) {
    lxw_worksheet* sheet = workbook_add_worksheet(workbook, name.c_str());
    const std::vector<Measure>& measures = input.report.query.measures;
    const auto label_columns = static_cast<lxw_col_t>(std::max<size_t>(1, table.dimensions.size()));
    if (table.dimensions.empty()) worksheet_write_string(sheet, 0, 0, "", formats.header);
    for (size_t idx = 0; idx < table.dimensions.size(); ++idx)
        worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(idx),
                               std::string(DimensionLabel(table.dimensions[idx])).c_str(), formats.header);
    for (size_t measure_idx = 0; measure_idx < measures.size(); ++measure_idx)
        worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(label_columns + measure_idx),
                               std::string(MeasureLabel(measures[measure_idx])).c_str(), formats.header);
    worksheet_set_column(sheet, 0, label_columns - 1, 28, nullptr);
    worksheet_set_column(sheet, label_columns, static_cast<lxw_col_t>(label_columns + measures.size()), 16, nullptr);
    worksheet_set_row(sheet, 0, 45, formats.header);  // room for the wrapped measure labels
    worksheet_freeze_panes(sheet, 1, label_columns);
    // Printed: A4 landscape, all columns on one page wide, the header on every page.
    worksheet_set_paper(sheet, 9);
    worksheet_set_landscape(sheet);
    worksheet_fit_to_pages(sheet, 1, 0);
    worksheet_repeat_rows(sheet, 0, 0);

    for (size_t row_idx = 0; row_idx < table.rows.size(); ++row_idx) {
        const auto row = static_cast<lxw_row_t>(row_idx + 1);
        if (table.dimensions.empty()) worksheet_write_string(sheet, row, 0, "Totalt", nullptr);
        for (size_t idx = 0; idx < table.dimensions.size(); ++idx) {
            const std::string label = RenderedValueLabel(input, table.dimensions[idx], table.rows[row_idx][idx]);
            worksheet_write_string(sheet, row, static_cast<lxw_col_t>(idx), label.c_str(), nullptr);
        }
        for (size_t measure_idx = 0; measure_idx < measures.size(); ++measure_idx) {
            auto it = table.cells[row_idx].find(measures[measure_idx]);
            if (it == table.cells[row_idx].end()) continue;
            const auto column = static_cast<lxw_col_t>(label_columns + measure_idx);
            const Cell& cell = *it->second;
            if (IsHidden(input, cell)) {
                worksheet_write_string(sheet, row, column, RenderedValue(input, cell).c_str(), formats.marker);
            } else {
                worksheet_write_number(sheet, row, column, static_cast<double>(cell.value), formats.count);
            }
        }
    }
    if (table.dimensions.empty() || table.rows.empty() || measures.empty()) return;

    lxw_chart* chart = workbook_add_chart(workbook, LXW_CHART_COLUMN);
    const auto last_row = static_cast<lxw_row_t>(table.rows.size());
    const size_t block = GridBlockSize(table);
    if (block == 0) {
        lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
        chart_series_set_categories(series, name.c_str(), 1, 0, last_row, label_columns - 1);
        chart_series_set_values(series, name.c_str(), 1, label_columns, last_row, label_columns);
        chart_series_set_name_range(series, name.c_str(), 0, label_columns);
        chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
    } else {
        // A grid: the second dimension's values on the axis, one series (a colour in the
        // legend) per value of the first. Each series is one contiguous block of rows.
        for (size_t first = 0; first < table.rows.size(); first += block) {
            const auto top = static_cast<lxw_row_t>(first + 1);
            const auto bottom = static_cast<lxw_row_t>(first + block);
            lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
            chart_series_set_categories(series, name.c_str(), 1, 1, static_cast<lxw_row_t>(block), 1);
            chart_series_set_values(series, name.c_str(), top, label_columns, bottom, label_columns);
            chart_series_set_name_range(series, name.c_str(), top, 0);
        }
        chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    }
    const std::string title = std::string(MeasureLabel(measures[0])) + " efter " + ReportTableTitle(table.dimensions);
    chart_title_set_name(chart, title.c_str());
    chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
    lxw_chart_options options = {};
    options.x_scale = 1.6;
    options.y_scale = 1.4;
    // Below the table, so that the chart prints with it rather than on pages to the right.
    worksheet_insert_chart_opt(sheet, last_row + 2, 0, chart, &options);
}

void WriteAbout(lxw_workbook* workbook, const RenderInput& input, const std::string& name, const Formats& formats) {
    lxw_worksheet* sheet = workbook_add_worksheet(workbook, name.c_str());
    worksheet_set_column(sheet, 0, 0, 26, formats.header);
    worksheet_set_column(sheet, 1, 1, 90, formats.wrap);
    worksheet_set_paper(sheet, 9);
    worksheet_set_landscape(sheet);
    worksheet_fit_to_pages(sheet, 1, 0);
    const auto lines = AboutLines(input);
    for (size_t row_idx = 0; row_idx < lines.size(); ++row_idx) {
        const auto row = static_cast<lxw_row_t>(row_idx);
        worksheet_write_string(sheet, row, 0, lines[row_idx].first.c_str(), formats.header);
        worksheet_write_string(sheet, row, 1, lines[row_idx].second.c_str(), formats.wrap);
    }
}

}  // namespace

Status RenderXlsx(const RenderInput& input, const std::filesystem::path& out) {
    const std::string path = out.string();
    lxw_workbook* workbook = workbook_new(path.c_str());
    if (workbook == nullptr) return Status::Internal("workbook_new failed for " + path);
    Formats formats{};
    formats.header = workbook_add_format(workbook);
    format_set_bold(formats.header);
    format_set_text_wrap(formats.header);
    format_set_align(formats.header, LXW_ALIGN_VERTICAL_TOP);
    formats.count = workbook_add_format(workbook);
    format_set_num_format(formats.count, "#,##0");
    formats.marker = workbook_add_format(workbook);
    format_set_align(formats.marker, LXW_ALIGN_RIGHT);
    formats.wrap = workbook_add_format(workbook);
    format_set_text_wrap(formats.wrap);
    format_set_align(formats.wrap, LXW_ALIGN_VERTICAL_TOP);

    std::set<std::string> used;
    const std::string about_name = SheetName("Om rapporten", used);
    for (const ReportTable& table : ReportTablesOf(input.report))
        WriteTable(workbook, input, table, SheetName(ReportTableTitle(table.dimensions), used), formats);
    WriteAbout(workbook, input, about_name, formats);

    // Write errors only show up here (stack.md 5.5).
    const lxw_error error = workbook_close(workbook);
    if (error == LXW_NO_ERROR) return Status::Ok();
    if (error == LXW_ERROR_CREATING_XLSX_FILE || error == LXW_ERROR_CREATING_TMPFILE)
        return Status::Unavailable("Kunde inte skriva " + path + ".");
    return Status::Internal(std::string("workbook_close: ") + lxw_strerror(error));
}

}  // namespace foljsam::report

#include "io/error_workbook.hpp"

#include <xlsxwriter.h>

#include <map>

#include "io/import_values.hpp"

namespace foljsam::io {
namespace {

std::string IssueText(const RowIssue& issue) {
    std::string text;
    if (!issue.column.empty()) text += issue.column + ": ";
    if (!issue.value.empty()) text += "\"" + issue.value + "\" – ";
    return text + issue.expected;
}

}  // namespace

Status WriteErrorWorkbook(const Sheet& sheet, int header_row, const std::vector<RowIssue>& issues,
                          const std::filesystem::path& out) {
    std::map<int, std::string> by_row;
    for (const auto& issue : issues) {
        std::string& text = by_row[issue.row];
        if (!text.empty()) text += "\n";
        text += IssueText(issue);
    }
    lxw_workbook* wb = workbook_new(out.c_str());
    if (!wb) return Status::Unavailable("Fellistan kunde inte skapas.");
    lxw_worksheet* ws = workbook_add_worksheet(wb, "Rader med fel");
    lxw_format* bold = workbook_add_format(wb);
    format_set_bold(bold);
    lxw_format* date = workbook_add_format(wb);
    format_set_num_format(date, "yyyy-mm-dd");
    lxw_format* wrap = workbook_add_format(wb);
    format_set_text_wrap(wrap);
    format_set_font_color(wrap, LXW_COLOR_RED);

    size_t width = 0;
    const Row* header = nullptr;
    for (const auto& row : sheet.rows) {
        if (row.number == header_row) header = &row;
        if (row.number == header_row || by_row.count(row.number)) width = std::max(width, row.cells.size());
    }
    auto write_cells = [&](lxw_row_t r, const Row& row, lxw_format* format) {
        for (size_t c = 0; c < row.cells.size(); ++c) {
            const Cell& cell = row.cells[c];
            const auto col = static_cast<lxw_col_t>(c);
            switch (cell.kind) {
                case Cell::Kind::kEmpty:
                    break;
                case Cell::Kind::kNumber:
                    worksheet_write_number(ws, r, col, cell.number, format);
                    break;
                case Cell::Kind::kDate:
                    worksheet_write_number(ws, r, col, cell.number, date);
                    break;
                case Cell::Kind::kBool:
                    worksheet_write_boolean(ws, r, col, cell.number != 0, format);
                    break;
                case Cell::Kind::kText:
                    worksheet_write_string(ws, r, col, cell.text.c_str(), format);
                    break;
            }
        }
    };
    lxw_row_t r = 0;
    if (header) write_cells(r, *header, bold);
    const auto row_col = static_cast<lxw_col_t>(width);
    worksheet_write_string(ws, r, row_col, "Rad i filen", bold);
    worksheet_write_string(ws, r, row_col + 1, "Fel", bold);
    worksheet_set_column(ws, row_col + 1, row_col + 1, 80, nullptr);
    worksheet_freeze_panes(ws, 1, 0);
    ++r;
    if (auto it = by_row.find(0); it != by_row.end()) {
        worksheet_write_string(ws, r, row_col + 1, it->second.c_str(), wrap);
        ++r;
    }
    for (const auto& row : sheet.rows) {
        auto it = by_row.find(row.number);
        if (row.number == header_row || it == by_row.end()) continue;
        write_cells(r, row, nullptr);
        worksheet_write_number(ws, r, row_col, row.number, nullptr);
        worksheet_write_string(ws, r, row_col + 1, it->second.c_str(), wrap);
        ++r;
    }
    if (workbook_close(wb) != LXW_NO_ERROR) return Status::Unavailable("Fellistan kunde inte skrivas.");
    return Status::Ok();
}

}  // namespace foljsam::io

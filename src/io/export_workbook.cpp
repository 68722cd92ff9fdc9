#include "io/export_workbook.hpp"

#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string_view>
#include <system_error>

namespace foljsam::io {
namespace {

// Characters, not bytes, of UTF-8 text.
size_t Chars(std::string_view text) {
    return static_cast<size_t>(std::count_if(text.begin(), text.end(),
                                             [](char ch) { return (static_cast<unsigned char>(ch) & 0xC0) != 0x80; }));
}

struct Formats {
    lxw_format* header;
    lxw_format* date;
    lxw_format* wrap;
};

Formats MakeFormats(lxw_workbook* workbook) {
    Formats formats{};
    formats.header = workbook_add_format(workbook);
    format_set_bold(formats.header);
    format_set_bg_color(formats.header, 0xDDEBF7);
    format_set_bottom(formats.header, LXW_BORDER_THIN);
    format_set_align(formats.header, LXW_ALIGN_VERTICAL_TOP);
    format_set_text_wrap(formats.header);
    formats.date = workbook_add_format(workbook);
    format_set_num_format(formats.date, "yyyy-mm-dd");
    formats.wrap = workbook_add_format(workbook);
    format_set_text_wrap(formats.wrap);
    format_set_align(formats.wrap, LXW_ALIGN_VERTICAL_TOP);
    return formats;
}

// Remembers the first libxlsxwriter error of the many calls.
class Errors {
   public:
    void Check(lxw_error error, std::string_view what) {
        if (error != LXW_NO_ERROR && first_.empty()) first_ = std::string(what) + ": " + lxw_strerror(error);
    }
    bool ok() const { return first_.empty(); }
    const std::string& first() const { return first_; }

   private:
    std::string first_;
};

// Width of a column: the widest of the header and the first rows' values, within bounds.
double ColumnWidth(const ExportTable& table, size_t col) {
    if (col < table.widths.size() && table.widths[col] > 0) return table.widths[col];
    size_t chars = Chars(table.headers[col]);
    const size_t sample = std::min<size_t>(table.rows.size(), 500);
    for (size_t row_idx = 0; row_idx < sample; ++row_idx) {
        const auto& row = table.rows[row_idx];
        if (col < row.size()) chars = std::max(chars, Chars(row[col].Shown()));
    }
    return std::clamp(static_cast<double>(chars) + 2, 8.0, 50.0);
}

void WriteCell(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t col, const ExportCell& cell, const Formats& formats,
               lxw_format* text_format, Errors& errors) {
    switch (cell.kind) {
        case ExportCell::Kind::kEmpty:
            return;
        case ExportCell::Kind::kText:
            errors.Check(worksheet_write_string(sheet, row, col, cell.text.c_str(), text_format), "text cell");
            return;
        case ExportCell::Kind::kNumber:
            errors.Check(worksheet_write_number(sheet, row, col, static_cast<double>(cell.number), nullptr),
                         "number cell");
            return;
        case ExportCell::Kind::kDate: {
            lxw_datetime when{cell.date.year, cell.date.month, cell.date.day, 0, 0, 0};
            errors.Check(worksheet_write_datetime(sheet, row, col, &when, formats.date), "date cell");
            return;
        }
    }
}

void WriteTable(lxw_worksheet* sheet, const ExportTable& table, const Formats& formats, Errors& errors) {
    lxw_format* text_format = table.wrap ? formats.wrap : nullptr;
    for (size_t col = 0; col < table.headers.size(); ++col) {
        const auto c = static_cast<lxw_col_t>(col);
        errors.Check(worksheet_set_column(sheet, c, c, ColumnWidth(table, col), nullptr), "column width");
        errors.Check(worksheet_write_string(sheet, 0, c, table.headers[col].c_str(), formats.header), "header");
    }
    for (size_t row_idx = 0; row_idx < table.rows.size(); ++row_idx) {
        const auto& row = table.rows[row_idx];
        for (size_t col = 0; col < row.size() && col < table.headers.size(); ++col)
            WriteCell(sheet, static_cast<lxw_row_t>(row_idx + 1), static_cast<lxw_col_t>(col), row[col], formats,
                      text_format, errors);
    }
    if (table.headers.empty()) return;
    worksheet_freeze_panes(sheet, 1, 0);
    if (!table.wrap) {
        const auto last_col = static_cast<lxw_col_t>(table.headers.size() - 1);
        const auto last_row = static_cast<lxw_row_t>(table.rows.size());
        errors.Check(worksheet_autofilter(sheet, 0, 0, last_row, last_col), "autofilter");
    }
}

// Appends `field` as a CSV field for Swedish Excel (see the header).
void AppendCsvField(std::string& out, std::string_view field) {
    if (field.find_first_of(";\"\r\n") == std::string_view::npos) {
        out += field;
        return;
    }
    out += '"';
    for (char ch : field) {
        if (ch == '"') out += '"';
        out += ch;
    }
    out += '"';
}

}  // namespace

ExportCell ExportCell::Text(std::string value) {
    ExportCell cell;
    if (value.empty()) return cell;
    cell.kind = Kind::kText;
    cell.text = std::move(value);
    return cell;
}

ExportCell ExportCell::Number(long long value) {
    ExportCell cell;
    cell.kind = Kind::kNumber;
    cell.number = value;
    return cell;
}

ExportCell ExportCell::Of(const domain::Date& value) {
    ExportCell cell;
    cell.kind = Kind::kDate;
    cell.date = value;
    return cell;
}

std::string ExportCell::Shown() const {
    switch (kind) {
        case Kind::kText:
            return text;
        case Kind::kNumber:
            return std::to_string(number);
        case Kind::kDate:
            return date.ToString();
        case Kind::kEmpty:
            break;
    }
    return "";
}

Status WriteExportXlsx(const std::filesystem::path& out, const std::string& title,
                       const std::vector<ExportTable>& tables) {
    const std::string path = out.string();
    lxw_workbook* workbook = workbook_new(path.c_str());
    if (workbook == nullptr) return Status::Unavailable("Exportfilen kunde inte skapas.");
    const Formats formats = MakeFormats(workbook);
    Errors errors;
    lxw_doc_properties properties{};
    std::string doc_title = title;
    properties.title = doc_title.data();
    errors.Check(workbook_set_properties(workbook, &properties), "properties");
    for (const ExportTable& table : tables) {
        lxw_worksheet* sheet = workbook_add_worksheet(workbook, table.sheet.c_str());
        if (sheet == nullptr) {
            errors.Check(LXW_ERROR_SHEETNAME_ALREADY_USED, "add worksheet " + table.sheet);  // a bad or repeated name
            continue;
        }
        WriteTable(sheet, table, formats, errors);
    }
    // Write errors only show up here (stack.md 5.5).
    const lxw_error closed = workbook_close(workbook);
    if (closed == LXW_NO_ERROR && errors.ok()) return Status::Ok();
    std::error_code ignored;
    std::filesystem::remove(out, ignored);
    if (closed == LXW_ERROR_CREATING_XLSX_FILE || closed == LXW_ERROR_CREATING_TMPFILE)
        return Status::Unavailable("Exportfilen kunde inte sparas.");
    if (closed != LXW_NO_ERROR) return Status::Internal(std::string("workbook_close: ") + lxw_strerror(closed));
    return Status::Internal("export workbook: " + errors.first());
}

Result<std::string> ExportXlsxBytes(const std::string& title, const std::vector<ExportTable>& tables) {
    std::error_code error;
    const std::filesystem::path dir = std::filesystem::temp_directory_path(error);
    if (error) return Status::Unavailable("Exportfilen kunde inte skapas.");
    std::string pattern = (dir / "foljsam-export-XXXXXX").string();
    const int fd = mkstemp(pattern.data());
    if (fd < 0) return Status::Unavailable("Exportfilen kunde inte skapas.");
    close(fd);
    const std::filesystem::path path = pattern;
    Status written = WriteExportXlsx(path, title, tables);
    std::string bytes;
    if (written.ok()) {
        std::ifstream in(path, std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        if (!in.good() && !in.eof()) written = Status::Unavailable("Exportfilen kunde inte läsas.");
    }
    std::filesystem::remove(path, error);
    if (!written.ok()) return written;
    return bytes;
}

std::string ExportCsv(const ExportTable& table) {
    std::string out = "\xEF\xBB\xBF";
    auto line = [&](const auto& fields, auto shown) {
        for (size_t col = 0; col < table.headers.size(); ++col) {
            if (col > 0) out += ';';
            if (col < fields.size()) AppendCsvField(out, shown(fields[col]));
        }
        out += "\r\n";
    };
    line(table.headers, [](const std::string& header) { return header; });
    for (const auto& row : table.rows) line(row, [](const ExportCell& cell) { return cell.Shown(); });
    return out;
}

}  // namespace foljsam::io

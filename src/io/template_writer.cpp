// The import template as a workbook (libxlsxwriter) and as CSV; the text it shows comes
// from template_content.cpp.
//
// Choices, and why:
// - Formats are set per column (worksheet_set_column), not per cell: every row gets them,
//   not only the first few thousand, and the file holds no empty styled cells that a
//   reader would have to skip.
// - Validations cover the whole column below the header (rows 2..1048576); a range is a
//   single reference in the file, whatever its length.
// - A strict list (error "stop") only where nothing else is accepted: Anonym. Elsewhere
//   the importer also takes codes, municipality codes and spellings of its own, so a value
//   outside the list gets a warning that lets the user keep it. The multi-valued columns
//   show no error at all: a cell such as "Lön; Studiemedel" is never in the list.
// - Date columns check for a date with a warning: a date typed as ÅÅÅÅMMDD turns into a
//   large number in a date-formatted cell, which the warning catches.

#include "io/template_writer.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "io/import_columns.hpp"
#include "io/template_content.hpp"

namespace foljsam::io {
namespace {

constexpr char kDataSheet[] = "Deltagare";
constexpr char kInstructionsSheet[] = "Instruktioner";
constexpr char kListSheet[] = "Listor";
constexpr lxw_row_t kHeaderRow = 0;
constexpr lxw_row_t kFirstDataRow = 1;
constexpr lxw_row_t kLastDataRow = LXW_ROW_MAX - 1;
// Excel's limits for a validation's texts, in characters (libxlsxwriter refuses longer).
constexpr size_t kMaxTitleChars = 32;
constexpr size_t kMaxMessageChars = 255;

// Characters, not bytes, of UTF-8 text.
size_t Chars(std::string_view text) {
    return static_cast<size_t>(std::count_if(text.begin(), text.end(),
                                             [](char ch) { return (static_cast<unsigned char>(ch) & 0xC0) != 0x80; }));
}

// `text` cut to at most `max_chars` characters, never inside a UTF-8 sequence.
std::string Truncated(std::string_view text, size_t max_chars) {
    size_t chars = 0;
    for (size_t pos = 0; pos < text.size(); ++pos) {
        if ((static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) continue;
        if (chars == max_chars) return std::string(text.substr(0, pos));
        ++chars;
    }
    return std::string(text);
}

// "A".."Z", "AA".. for a 0-based column index.
std::string ColumnLetters(lxw_col_t col) {
    std::string letters;
    for (unsigned value = col + 1U; value > 0; value = (value - 1) / 26)
        letters.insert(letters.begin(), static_cast<char>('A' + (value - 1) % 26));
    return letters;
}

struct Formats {
    lxw_format* header;
    lxw_format* title;
    lxw_format* topic;
    lxw_format* wrap;
    lxw_format* date;
    lxw_format* year;
    lxw_format* text;
};

Formats MakeFormats(lxw_workbook* workbook) {
    Formats formats{};
    formats.header = workbook_add_format(workbook);
    format_set_bold(formats.header);
    format_set_bg_color(formats.header, 0xDDEBF7);
    format_set_bottom(formats.header, LXW_BORDER_THIN);
    format_set_align(formats.header, LXW_ALIGN_VERTICAL_TOP);
    format_set_text_wrap(formats.header);
    formats.title = workbook_add_format(workbook);
    format_set_bold(formats.title);
    format_set_font_size(formats.title, 14);
    formats.topic = workbook_add_format(workbook);
    format_set_bold(formats.topic);
    format_set_align(formats.topic, LXW_ALIGN_VERTICAL_TOP);
    formats.wrap = workbook_add_format(workbook);
    format_set_text_wrap(formats.wrap);
    format_set_align(formats.wrap, LXW_ALIGN_VERTICAL_TOP);
    formats.date = workbook_add_format(workbook);
    format_set_num_format(formats.date, "yyyy-mm-dd");
    formats.year = workbook_add_format(workbook);
    format_set_num_format(formats.year, "0");
    formats.text = workbook_add_format(workbook);
    format_set_num_format(formats.text, "@");  // a personnummer stays text, with its digits
    return formats;
}

// Collects the first libxlsxwriter error of a sheet's many calls.
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

// A validation's texts, kept alive for the call (libxlsxwriter copies them).
struct ValidationTexts {
    std::string title, message, error_title, error_message, formula;
};

void ApplyTexts(lxw_data_validation& validation, ValidationTexts& texts) {
    texts.title = Truncated(texts.title, kMaxTitleChars);
    texts.message = Truncated(texts.message, kMaxMessageChars);
    if (!texts.title.empty()) validation.input_title = texts.title.data();
    if (!texts.message.empty()) validation.input_message = texts.message.data();
    if (!texts.error_title.empty()) validation.error_title = texts.error_title.data();
    if (!texts.error_message.empty()) validation.error_message = texts.error_message.data();
    if (!texts.formula.empty()) validation.value_formula = texts.formula.data();
}

// Where the list of a column lies on the list sheet, as a formula.
std::string ListFormula(size_t list_idx, const ValueList& list) {
    const std::string col = ColumnLetters(static_cast<lxw_col_t>(list_idx));
    return std::string("=") + kListSheet + "!$" + col + "$2:$" + col + "$" + std::to_string(list.values.size() + 1);
}

// The input message of a data cell: the column's help; for a date how to type it (see the
// file comment); for a multi-valued column after how to give several values (that alone
// when both do not fit).
std::string DataMessage(const ColumnSpec& spec, const ValueList* list) {
    std::string message(spec.help);
    if (spec.kind == ValueKind::kDate) message += " Skriv ÅÅÅÅ-MM-DD, t.ex. 2026-03-15.";
    if (spec.kind == ValueKind::kCodes) {
        std::string intro = "Välj i listan, eller skriv flera värden åtskilda med semikolon (;)";
        if (list != nullptr && list->values.size() >= 2)
            intro += ", t.ex. \"" + list->values[0] + "; " + list->values[1] + "\"";
        intro += ".";
        message = Chars(intro) + 1 + Chars(message) <= kMaxMessageChars ? intro + " " + message : intro;
    }
    return message;
}

// The validation of a column's data cells: its list, a date, a year, or only the message.
void ValidateColumn(lxw_worksheet* sheet, lxw_col_t col, const ColumnSpec& spec, const TemplateLists& lists,
                    Errors& errors) {
    const std::optional<size_t> list_idx = lists.list_of_column[col];
    const ValueList* list = list_idx ? &lists.lists[*list_idx] : nullptr;
    lxw_data_validation validation{};
    ValidationTexts texts{std::string(spec.header), DataMessage(spec, list), "", "", ""};
    validation.validate = LXW_VALIDATION_TYPE_ANY;
    if (list != nullptr) {
        validation.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
        texts.formula = ListFormula(*list_idx, *list);
        if (spec.kind == ValueKind::kCodes || spec.kind == ValueKind::kConsent) {
            validation.show_error = LXW_VALIDATION_OFF;  // several values, or a date, are fine too
        } else if (spec.kind == ValueKind::kYesNo) {
            validation.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
            texts.error_title = "Välj Ja eller Nej";
            texts.error_message = "Skriv Ja eller Nej, eller lämna cellen tom (= Nej).";
        } else {
            validation.error_type = LXW_VALIDATION_ERROR_TYPE_WARNING;
            texts.error_title = "Värdet finns inte i listan";
            texts.error_message =
                "Koder och andra stavningar kan ändå godtas; det kontrolleras vid importen. Vill du behålla värdet?";
        }
    } else if (spec.kind == ValueKind::kDate) {
        validation.validate = LXW_VALIDATION_TYPE_DATE;
        validation.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
        validation.minimum_datetime = lxw_datetime{1900, 1, 1, 0, 0, 0};
        validation.maximum_datetime = lxw_datetime{2099, 12, 31, 0, 0, 0};
        validation.error_type = LXW_VALIDATION_ERROR_TYPE_WARNING;
        texts.error_title = "Inget datum";
        texts.error_message = "Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2026-03-15. Vill du behålla värdet?";
    } else if (spec.kind == ValueKind::kYear) {
        validation.validate = LXW_VALIDATION_TYPE_INTEGER;
        validation.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
        validation.minimum_number = 1900;
        validation.maximum_number = 2099;
        validation.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
        texts.error_title = "Inget årtal";
        texts.error_message = "Skriv födelseåret med fyra siffror, t.ex. 1985.";
    }
    ApplyTexts(validation, texts);
    errors.Check(worksheet_data_validation_range(sheet, kFirstDataRow, col, kLastDataRow, col, &validation),
                 "validation of " + std::string(spec.header));
}

// The header cell's input message: the column's help.
void DescribeHeader(lxw_worksheet* sheet, lxw_col_t col, const ColumnSpec& spec, Errors& errors) {
    lxw_data_validation validation{};
    validation.validate = LXW_VALIDATION_TYPE_ANY;
    ValidationTexts texts{std::string(spec.header), std::string(spec.help), "", "", ""};
    ApplyTexts(validation, texts);
    errors.Check(worksheet_data_validation_cell(sheet, kHeaderRow, col, &validation),
                 "header message of " + std::string(spec.header));
}

double ColumnWidth(const ColumnSpec& spec, const ValueList* list) {
    size_t chars = Chars(spec.header);
    if (list != nullptr)
        for (const std::string& value : list->values) chars = std::max(chars, Chars(value));
    if (spec.kind == ValueKind::kDate) chars = std::max<size_t>(chars, 10);
    if (spec.column == Column::kPersonnummer) chars = std::max<size_t>(chars, 13);
    return std::clamp(static_cast<double>(chars) + 3, 10.0, 40.0);
}

void WriteDataSheet(lxw_worksheet* sheet, const TemplateLists& lists, const Formats& formats, Errors& errors) {
    const auto& columns = TemplateColumns();
    for (size_t idx = 0; idx < columns.size(); ++idx) {
        const ColumnSpec& spec = columns[idx];
        const auto col = static_cast<lxw_col_t>(idx);
        const std::optional<size_t> list_idx = lists.list_of_column[idx];
        lxw_format* format = nullptr;
        if (spec.kind == ValueKind::kDate || spec.kind == ValueKind::kConsent) format = formats.date;
        if (spec.kind == ValueKind::kYear) format = formats.year;
        if (spec.kind == ValueKind::kText) format = formats.text;
        errors.Check(worksheet_set_column(sheet, col, col,
                                          ColumnWidth(spec, list_idx ? &lists.lists[*list_idx] : nullptr), format),
                     "column width");
        errors.Check(worksheet_write_string(sheet, kHeaderRow, col, std::string(spec.header).c_str(), formats.header),
                     "header");
        DescribeHeader(sheet, col, spec, errors);
        ValidateColumn(sheet, col, spec, lists, errors);
    }
    const auto last_col = static_cast<lxw_col_t>(columns.size() - 1);
    errors.Check(worksheet_set_row(sheet, kHeaderRow, 30, nullptr), "header height");
    worksheet_freeze_panes(sheet, kFirstDataRow, 0);
    errors.Check(worksheet_autofilter(sheet, kHeaderRow, 0, kHeaderRow, last_col), "autofilter");
    worksheet_set_landscape(sheet);
    worksheet_set_paper(sheet, 9);  // A4
    errors.Check(worksheet_repeat_rows(sheet, kHeaderRow, kHeaderRow), "repeat rows");
}

void WriteListSheet(lxw_worksheet* sheet, const TemplateLists& lists, const Formats& formats, Errors& errors) {
    for (size_t list_idx = 0; list_idx < lists.lists.size(); ++list_idx) {
        const ValueList& list = lists.lists[list_idx];
        const auto col = static_cast<lxw_col_t>(list_idx);
        double width = static_cast<double>(Chars(list.title));
        errors.Check(worksheet_write_string(sheet, 0, col, list.title.c_str(), formats.header), "list header");
        for (size_t value_idx = 0; value_idx < list.values.size(); ++value_idx) {
            width = std::max(width, static_cast<double>(Chars(list.values[value_idx])));
            errors.Check(worksheet_write_string(sheet, static_cast<lxw_row_t>(value_idx + 1), col,
                                                list.values[value_idx].c_str(), nullptr),
                         "list value");
        }
        errors.Check(worksheet_set_column(sheet, col, col, std::min(width + 2, 60.0), nullptr), "list width");
    }
    worksheet_hide(sheet);
}

// Rows a text needs in a wrapped cell `width` characters wide: a generous estimate, as
// Calibri's average character is narrower than the width unit.
double RowHeight(const std::string& text, double width) {
    size_t lines = 0;
    size_t start = 0;
    while (true) {
        const size_t end = text.find('\n', start);
        const size_t chars = Chars(std::string_view(text).substr(start, end == std::string::npos ? end : end - start));
        lines += std::max<size_t>(1, static_cast<size_t>((static_cast<double>(chars) + width - 1) / width));
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return 15.0 * static_cast<double>(lines) + 3;
}

void WriteInstructionsSheet(lxw_worksheet* sheet, const TemplateOptions& options, const Formats& formats,
                            Errors& errors) {
    const double widths[] = {28, 55, 60, 30};
    for (lxw_col_t col = 0; col < 4; ++col)
        errors.Check(worksheet_set_column(sheet, col, col, widths[col], formats.wrap), "instruction width");
    lxw_row_t row = 0;
    errors.Check(worksheet_write_string(sheet, row, 0, "Importmall för deltagare i Följsam", formats.title), "title");
    row += 2;
    const double merged_width = widths[1] + widths[2] + widths[3];
    for (const Instruction& instruction : GeneralInstructions()) {
        errors.Check(worksheet_write_string(sheet, row, 0, instruction.topic.c_str(), formats.topic), "topic");
        // A merged cell is not fitted to its text by Excel, so the height is set here.
        errors.Check(worksheet_merge_range(sheet, row, 1, row, 3, instruction.text.c_str(), formats.wrap), "rule");
        errors.Check(worksheet_set_row(sheet, row, RowHeight(instruction.text, merged_width), nullptr), "rule height");
        ++row;
    }
    ++row;
    const char* headings[] = {"Kolumn", "Vad den innehåller", "Tillåtna värden eller format",
                              "Rubriker som också godtas"};
    for (lxw_col_t col = 0; col < 4; ++col)
        errors.Check(worksheet_write_string(sheet, row, col, headings[col], formats.header), "table heading");
    const lxw_row_t table_header = row;
    ++row;
    for (const ColumnSpec& spec : TemplateColumns()) {
        const std::string cells[] = {std::string(spec.header), std::string(spec.help), AllowedValuesText(spec, options),
                                     SynonymsText(spec)};
        double height = 0;
        for (lxw_col_t col = 0; col < 4; ++col) {
            errors.Check(
                worksheet_write_string(sheet, row, col, cells[col].c_str(), col == 0 ? formats.topic : nullptr),
                "column line");
            height = std::max(height, RowHeight(cells[col], widths[col]));
        }
        errors.Check(worksheet_set_row(sheet, row, height, nullptr), "column line height");
        ++row;
    }
    worksheet_set_landscape(sheet);
    worksheet_set_paper(sheet, 9);
    worksheet_fit_to_pages(sheet, 1, 0);
    errors.Check(worksheet_repeat_rows(sheet, table_header, table_header), "instruction repeat rows");
}

// Appends `field` as a CSV field for Swedish Excel, quoted when it holds ';', '"', CR or
// LF. The same rule as report::AppendCsvField, which io/ cannot reach (it links only
// domain/).
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

Status WriteTemplateXlsx(const std::filesystem::path& out, const TemplateOptions& options) {
    const std::string path = out.string();
    lxw_workbook* workbook = workbook_new(path.c_str());
    if (workbook == nullptr) return Status::Unavailable("Importmallen kunde inte skapas.");
    const Formats formats = MakeFormats(workbook);
    const TemplateLists lists = BuildTemplateLists(options);
    lxw_doc_properties properties{};
    std::string title = "Importmall för deltagare";
    properties.title = title.data();
    Errors errors;
    errors.Check(workbook_set_properties(workbook, &properties), "properties");
    // Deltagare first: an importer that reads the first sheet finds the header row there.
    lxw_worksheet* data = workbook_add_worksheet(workbook, kDataSheet);
    lxw_worksheet* instructions = workbook_add_worksheet(workbook, kInstructionsSheet);
    lxw_worksheet* list_sheet = workbook_add_worksheet(workbook, kListSheet);
    if (data != nullptr && instructions != nullptr && list_sheet != nullptr) {
        WriteDataSheet(data, lists, formats, errors);
        WriteInstructionsSheet(instructions, options, formats, errors);
        WriteListSheet(list_sheet, lists, formats, errors);
    } else {
        errors.Check(LXW_ERROR_MEMORY_MALLOC_FAILED, "add worksheet");  // cannot happen: fixed valid names
    }
    // Write errors only show up here (stack.md 5.5).
    const lxw_error closed = workbook_close(workbook);
    if (closed == LXW_NO_ERROR && errors.ok()) return Status::Ok();
    std::error_code ignored;
    std::filesystem::remove(out, ignored);
    if (closed == LXW_ERROR_CREATING_XLSX_FILE || closed == LXW_ERROR_CREATING_TMPFILE)
        return Status::Unavailable("Importmallen kunde inte sparas.");
    if (closed != LXW_NO_ERROR) return Status::Internal(std::string("workbook_close: ") + lxw_strerror(closed));
    return Status::Internal("import template: " + errors.first());
}

std::string TemplateCsv() {
    std::string out = "\xEF\xBB\xBF";
    const auto& columns = TemplateColumns();
    for (size_t idx = 0; idx < columns.size(); ++idx) {
        if (idx > 0) out += ';';
        AppendCsvField(out, columns[idx].header);
    }
    out += "\r\n";
    return out;
}

}  // namespace foljsam::io

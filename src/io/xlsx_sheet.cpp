#include "io/xlsx_sheet.hpp"

#include <charconv>
#include <cmath>
#include <utility>

#include "domain/date.hpp"

namespace foljsam::io::xlsx {

namespace {

constexpr long kMaxSheetRows = 1048576;  // Excel's grid: rows 1..1048576, columns A..XFD
constexpr size_t kMaxSheetColumns = 16384;
constexpr double kSerialOf1970 = 25569;  // serial day number of 1970-01-01
constexpr double k1904Offset = 1462;     // days from 1900-01-00 to 1904-01-01 in serials

std::string_view Trim(std::string_view text) {
    while (!text.empty() &&
           (text.front() == ' ' || text.front() == '\t' || text.front() == '\n' || text.front() == '\r'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\n' || text.back() == '\r'))
        text.remove_suffix(1);
    return text;
}

template <typename Number>
bool ParseWhole(std::string_view text, Number& out) {
    text = Trim(text);
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
    return error == std::errc() && end == text.data() + text.size() && !text.empty();
}

// The column of a reference such as "B4" (2), or 0 when it is malformed.
size_t ColumnOf(std::string_view reference) {
    size_t column = 0;
    size_t pos = 0;
    for (; pos < reference.size() && pos < 4; ++pos) {
        const char ch = reference[pos];
        if (ch >= 'A' && ch <= 'Z') {
            column = column * 26 + static_cast<size_t>(ch - 'A' + 1);
        } else if (ch >= 'a' && ch <= 'z') {
            column = column * 26 + static_cast<size_t>(ch - 'a' + 1);
        } else {
            break;
        }
    }
    long row = 0;
    if (pos == 0 || !ParseWhole(reference.substr(pos), row) || row < 1) return 0;
    return column;
}

}  // namespace

Status SheetHandler::Problem(std::string what) const {
    return Status::Corrupt("Filen är skadad: bladet \"" + sheet_.name + "\" " + what + ".");
}

Status SheetHandler::Start(std::string_view name, const xml::Attributes& attributes) {
    if (ignored_depth_ > 0) {
        ++ignored_depth_;
        return Status::Ok();
    }
    switch (where_) {
        case Where::kOutside:
            if (name == "sheetData") where_ = Where::kSheetData;
            return Status::Ok();
        case Where::kSheetData:
            if (name != "row") break;
            where_ = Where::kRow;
            return StartRow(attributes);
        case Where::kRow:
            if (name != "c") break;
            where_ = Where::kCell;
            return StartCell(attributes);
        case Where::kCell:
            if (name == "v") {
                where_ = Where::kValue;
            } else if (name == "is") {
                where_ = Where::kInline;
                inline_depth_ = 1;
            } else {
                break;  // <f> formulas, <extLst>
            }
            has_value_ = true;
            value_.clear();
            return Status::Ok();
        case Where::kValue:
            break;
        case Where::kInline:
            ++inline_depth_;
            inline_text_.Start(name);
            return Status::Ok();
    }
    ignored_depth_ = 1;
    return Status::Ok();
}

Status SheetHandler::End(std::string_view) {
    if (ignored_depth_ > 0) {
        --ignored_depth_;
        return Status::Ok();
    }
    switch (where_) {
        case Where::kOutside:
            return Status::Ok();
        case Where::kSheetData:
            where_ = Where::kOutside;
            return Status::Ok();
        case Where::kRow:
            where_ = Where::kSheetData;
            return EndRow();
        case Where::kCell:
            where_ = Where::kRow;
            return EndCell();
        case Where::kValue:
            where_ = Where::kCell;
            return Status::Ok();
        case Where::kInline:
            if (--inline_depth_ == 0) {
                where_ = Where::kCell;
            } else {
                inline_text_.End();
            }
            return Status::Ok();
    }
    return Status::Ok();
}

Status SheetHandler::Text(std::string_view text) {
    const bool wanted = where_ == Where::kValue || (where_ == Where::kInline && inline_text_.capturing());
    if (!wanted || ignored_depth_ > 0) return Status::Ok();
    if (value_.size() + text.size() > context_.limits.max_cell_bytes) return TextTooLong(context_.limits);
    value_.append(text);
    return Status::Ok();
}

Status SheetHandler::StartRow(const xml::Attributes& attributes) {
    long number = last_row_number_ + 1;
    if (const auto reference = attributes.Get("r")) {
        if (!ParseWhole(*reference, number)) return Problem("har ett ogiltigt radnummer");
    }
    if (number < 1 || number > kMaxSheetRows) return Problem("har ett ogiltigt radnummer");
    if (number <= last_row_number_) return Problem("har raderna i fel ordning (rad " + std::to_string(number) + ")");
    row_.number = static_cast<int>(number);
    row_.cells.clear();
    column_ = 0;
    return Status::Ok();
}

Status SheetHandler::StartCell(const xml::Attributes& attributes) {
    if (const auto reference = attributes.Get("r")) {
        column_ = ColumnOf(*reference);
        if (column_ == 0) return Problem("har en ogiltig cellreferens på rad " + std::to_string(row_.number));
    } else {
        ++column_;  // no reference: the cell after the previous one
    }
    if (column_ > kMaxSheetColumns) return Problem("har en cell utanför kalkylbladets kolumner");
    type_ = std::string(attributes.Get("t").value_or("n"));
    style_ = 0;
    if (const auto style = attributes.Get("s")) {
        if (!ParseWhole(*style, style_)) return Problem("har ett ogiltigt cellformat");
    }
    has_value_ = false;
    value_.clear();
    return Status::Ok();
}

Status SheetHandler::MakeCell(Cell& cell) const {
    // Built only on failure: this runs once per cell.
    const auto where = [&] { return "i cell " + ColumnName(column_) + std::to_string(row_.number); };
    if (type_ == "s") {
        size_t index = 0;
        if (!ParseWhole(value_, index) || index >= context_.shared_strings.size()) {
            return Problem(where() + " hänvisar till en text som saknas");
        }
        cell.kind = Cell::Kind::kText;
        cell.text = context_.shared_strings[index];
    } else if (type_ == "inlineStr" || type_ == "str") {
        cell.kind = Cell::Kind::kText;
        cell.text = value_;
        DecodeOoxmlEscapes(cell.text);
    } else if (type_ == "b") {
        const std::string_view value = Trim(value_);
        if (value != "0" && value != "1" && value != "true" && value != "false") {
            return Problem(where() + " har ett ogiltigt sanningsvärde");
        }
        const bool truth = value == "1" || value == "true";
        cell.kind = Cell::Kind::kBool;
        cell.text = truth ? "1" : "0";
        cell.number = truth ? 1 : 0;
    } else if (type_ == "d") {  // ISO 8601 date, written by strict-OOXML generators
        cell.text = std::string(Trim(value_));
        cell.kind = Cell::Kind::kText;
        if (const auto date = domain::ParseIsoDate(std::string_view(cell.text).substr(0, 10))) {
            cell.kind = Cell::Kind::kDate;
            cell.number = static_cast<double>(date->DaysSinceEpoch()) + kSerialOf1970;
        }
    } else if (type_ == "n") {
        const std::string_view literal = Trim(value_);
        if (literal.empty()) return Status::Ok();
        double number = 0;
        if (!ParseWhole(literal, number) || !std::isfinite(number)) {
            return Problem(where() + " har ett tal som inte går att läsa");
        }
        const bool date = context_.styles.IsDateStyle(style_);
        cell.kind = date ? Cell::Kind::kDate : Cell::Kind::kNumber;
        cell.number = date && context_.date1904 ? number + k1904Offset : number;
        cell.text = std::string(literal);
    } else {  // "e" (an error such as #N/A) and unknown types: the text as written
        cell.kind = Cell::Kind::kText;
        cell.text = value_;
    }
    if (cell.kind == Cell::Kind::kText && cell.text.empty()) cell.kind = Cell::Kind::kEmpty;
    return Status::Ok();
}

Status SheetHandler::EndCell() {
    if (!has_value_) return Status::Ok();  // a styled but empty cell
    Cell cell;
    FOLJSAM_RETURN_IF_ERROR(MakeCell(cell));
    if (cell.empty()) return Status::Ok();
    const ReadLimits& limits = context_.limits;
    if (column_ > limits.max_columns) {
        return Status::InvalidInput("Bladet \"" + sheet_.name + "\" har värden i fler än " +
                                    std::to_string(limits.max_columns) + " kolumner (cell " + ColumnName(column_) +
                                    std::to_string(row_.number) + "), vilket är gränsen.");
    }
    if (row_.cells.size() < column_) {
        context_.cells_used += column_ - row_.cells.size();
        if (context_.cells_used > limits.max_cells) {
            return Status::InvalidInput("Filen har fler än " + std::to_string(limits.max_cells) +
                                        " celler, vilket är gränsen.");
        }
        row_.cells.resize(column_);
    }
    row_.cells[column_ - 1] = std::move(cell);
    return Status::Ok();
}

Status SheetHandler::EndRow() {
    last_row_number_ = row_.number;
    if (row_.cells.empty()) return Status::Ok();  // wholly empty rows are left out
    if (sheet_.rows.size() >= context_.limits.max_rows) {
        return Status::InvalidInput("Bladet \"" + sheet_.name + "\" har fler än " +
                                    std::to_string(context_.limits.max_rows) + " rader, vilket är gränsen.");
    }
    sheet_.rows.push_back(std::move(row_));
    row_ = Row();
    return Status::Ok();
}

}  // namespace foljsam::io::xlsx

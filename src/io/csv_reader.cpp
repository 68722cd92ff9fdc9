#include "io/csv_reader.hpp"

#include <array>
#include <optional>
#include <string>
#include <utility>

#include "io/read_errors.hpp"
#include "io/text_encoding.hpp"

namespace foljsam::io {

namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

bool IsLineBreak(char ch) { return ch == '\n' || ch == '\r'; }

// Skips one CRLF, LF or CR at `pos`, if there is one.
size_t SkipLineBreak(std::string_view text, size_t pos) {
    if (pos < text.size() && text[pos] == '\r') {
        ++pos;
        if (pos < text.size() && text[pos] == '\n') ++pos;
    } else if (pos < text.size() && text[pos] == '\n') {
        ++pos;
    }
    return pos;
}

// The text as UTF-8 without a BOM, or the reason it cannot be read as text.
Result<std::string> DecodeText(std::string_view bytes) {
    if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
        return Status::InvalidInput(
            "Filen är sparad som UTF-16 (\"Unicode-text\"). Spara den som \"CSV UTF-8\" och försök igen.");
    }
    if (bytes.find('\0') != std::string_view::npos) {
        return Status::InvalidInput(
            "Filen verkar inte vara en textfil (den innehåller NUL-tecken). Ladda upp en csv- eller xlsx-fil.");
    }
    if (bytes.starts_with(kUtf8Bom)) {
        bytes.remove_prefix(kUtf8Bom.size());
        if (!IsValidUtf8(bytes)) {
            return Status::InvalidInput(
                "Filen säger sig vara UTF-8 men innehåller ogiltiga tecken. Spara den på nytt som \"CSV UTF-8\".");
        }
        return std::string(bytes);
    }
    if (IsValidUtf8(bytes)) return std::string(bytes);
    if (auto decoded = DecodeWindows1252(bytes)) return std::move(*decoded);
    return Status::InvalidInput(
        "Filens teckenkodning känns inte igen (den är varken UTF-8 eller Windows-1252). Spara den som \"CSV UTF-8\" "
        "och försök igen.");
}

// Reads an Excel "sep=X" first line: returns X and moves `pos` past the line.
std::optional<char> SeparatorHint(std::string_view text, size_t& pos) {
    if (!text.starts_with("sep=") || text.size() < 5) return std::nullopt;
    const char delimiter = text[4];
    if (delimiter == '"' || IsLineBreak(delimiter)) return std::nullopt;
    if (text.size() > 5 && !IsLineBreak(text[5])) return std::nullopt;
    pos = SkipLineBreak(text, 5);
    return delimiter;
}

class CsvParser {
   public:
    CsvParser(std::string_view text, char delimiter, const ReadLimits& limits, Sheet& sheet)
        : text_(text), delimiter_(delimiter), limits_(limits), sheet_(sheet) {}

    Status Run(size_t start) {
        pos_ = start;
        while (pos_ < text_.size()) FOLJSAM_RETURN_IF_ERROR(ReadRecord());
        return Status::Ok();
    }

   private:
    Status ReadRecord();
    Status ReadQuoted(std::string& field);
    Status AddField(std::string& field, Row& row, size_t column) const;

    Status TextTooLong() const {
        return Status::InvalidInput("Rad " + std::to_string(record_) + " har ett fält med mer än " +
                                    std::to_string(limits_.max_cell_bytes) + " byte text, vilket är gränsen.");
    }

    std::string_view text_;
    char delimiter_;
    const ReadLimits& limits_;
    Sheet& sheet_;
    size_t pos_ = 0;
    int line_ = 1;    // physical line of pos_, for messages about quotes
    int record_ = 0;  // the current record's 1-based index
    size_t cells_used_ = 0;
};

Status CsvParser::ReadQuoted(std::string& field) {
    const int start_line = line_;
    ++pos_;  // the opening quote
    while (true) {
        if (pos_ >= text_.size()) {
            return Status::InvalidInput("Ett citattecken (\") som börjar på rad " + std::to_string(start_line) +
                                        " i filen avslutas aldrig. Kontrollera fältet där.");
        }
        const char ch = text_[pos_];
        if (ch == '"') {
            if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
                field += '"';
                pos_ += 2;
                continue;
            }
            ++pos_;  // the closing quote
            return Status::Ok();
        }
        if (IsLineBreak(ch)) {
            field += '\n';  // CRLF, LF and CR inside a field all become one "\n"
            pos_ = SkipLineBreak(text_, pos_);
            ++line_;
        } else {
            field += ch;
            ++pos_;
        }
        if (field.size() > limits_.max_cell_bytes) return TextTooLong();
    }
}

Status CsvParser::AddField(std::string& field, Row& row, size_t column) const {
    if (field.empty()) return Status::Ok();  // empty cells exist only between non-empty ones
    if (field.size() > limits_.max_cell_bytes) return TextTooLong();
    if (column > limits_.max_columns) {
        return Status::InvalidInput("Rad " + std::to_string(record_) + " har värden i fler än " +
                                    std::to_string(limits_.max_columns) + " kolumner, vilket är gränsen.");
    }
    row.cells.resize(column);
    row.cells.back() = Cell{Cell::Kind::kText, std::move(field), 0};
    return Status::Ok();
}

Status CsvParser::ReadRecord() {
    ++record_;
    Row row;
    row.number = record_;
    std::string field;
    for (size_t column = 1;; ++column) {
        field.clear();
        if (pos_ < text_.size() && text_[pos_] == '"') FOLJSAM_RETURN_IF_ERROR(ReadQuoted(field));
        // Unquoted text, or text after a closing quote (kept, as Excel does).
        const char stops[] = {delimiter_, '\r', '\n'};
        size_t end = text_.find_first_of(std::string_view(stops, sizeof stops), pos_);
        if (end == std::string_view::npos) end = text_.size();
        field.append(text_.substr(pos_, end - pos_));
        pos_ = end;
        FOLJSAM_RETURN_IF_ERROR(AddField(field, row, column));
        if (pos_ < text_.size() && text_[pos_] == delimiter_) {
            ++pos_;
            continue;
        }
        pos_ = SkipLineBreak(text_, pos_);
        ++line_;
        break;
    }
    if (row.cells.empty()) return Status::Ok();  // a wholly empty record
    cells_used_ += row.cells.size();
    if (cells_used_ > limits_.max_cells) {
        return Status::InvalidInput("Filen har fler än " + std::to_string(limits_.max_cells) +
                                    " celler, vilket är gränsen.");
    }
    if (sheet_.rows.size() >= limits_.max_rows) {
        return Status::InvalidInput("Filen har fler än " + std::to_string(limits_.max_rows) +
                                    " rader, vilket är gränsen.");
    }
    sheet_.rows.push_back(std::move(row));
    return Status::Ok();
}

}  // namespace

char DetectCsvDelimiter(std::string_view text) {
    size_t pos = text.find_first_not_of("\r\n");  // the first non-blank record
    std::array<size_t, 3> counts = {0, 0, 0};     // ';', ',', tab
    bool quoted = false;
    for (; pos < text.size(); ++pos) {
        const char ch = text[pos];
        if (ch == '"') {
            quoted = !quoted;  // a doubled quote toggles twice
        } else if (quoted) {
            continue;
        } else if (IsLineBreak(ch)) {
            break;
        } else if (ch == ';') {
            ++counts[0];
        } else if (ch == ',') {
            ++counts[1];
        } else if (ch == '\t') {
            ++counts[2];
        }
    }
    constexpr std::array<char, 3> kDelimiters = {';', ',', '\t'};
    size_t best = 0;  // ties keep the earlier, so ';' wins them
    for (size_t idx = 1; idx < counts.size(); ++idx) {
        if (counts[idx] > counts[best]) best = idx;
    }
    return kDelimiters[best];
}

Result<Workbook> ReadCsv(std::string_view bytes, const ReadLimits& limits) {
    if (bytes.empty()) return EmptyFile();
    if (bytes.size() > limits.max_file_bytes) return FileTooLarge(limits);
    Result<std::string> text = DecodeText(bytes);
    if (!text.ok()) return text.status();
    size_t start = 0;
    const std::optional<char> hint = SeparatorHint(*text, start);
    const char delimiter = hint ? *hint : DetectCsvDelimiter(*text);

    Workbook workbook;
    workbook.sheets.push_back(Sheet{"CSV", {}});
    CsvParser parser(*text, delimiter, limits, workbook.sheets.front());
    FOLJSAM_RETURN_IF_ERROR(parser.Run(start));
    return workbook;
}

}  // namespace foljsam::io

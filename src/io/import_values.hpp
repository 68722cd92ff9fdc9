#pragma once
// Reading single cells of an import file as typed values: dates in every form the old
// Excel files use, years, yes/no, and coded answers matched by code, label or a known
// synonym (ignoring case, spaces and punctuation), with an optional extent in percent.
// Failures carry the Swedish text of what was expected, for the row's error list.
// Pure functions; thread-safe.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.hpp"
#include "domain/date.hpp"
#include "io/sheet.hpp"

namespace foljsam::io {

// The text of a cell as a user would read it: text as is, numbers as written, dates as
// ÅÅÅÅ-MM-DD, booleans as Ja/Nej.
std::string CellText(const Cell& cell);

// The date of a spreadsheet serial day number (1900 system; 60 is Excel's phantom
// 1900-02-29 and is refused). nullopt outside 1..2958465 or for fractions of a day only.
std::optional<domain::Date> DateFromSerial(double serial);
// Serial day number of `date` (inverse of DateFromSerial).
double SerialFromDate(const domain::Date& date);

// A date cell: a date or number cell as a serial, or text as ÅÅÅÅ-MM-DD, ÅÅÅÅMMDD,
// DD/MM/ÅÅÅÅ (also D/M/ÅÅÅÅ and with '.' or '-'), optionally followed by a time of day.
// Failure: kInvalidInput whose message says what was expected, or that the date does
// not exist (2023-02-29).
Result<domain::Date> ParseDateCell(const Cell& cell);

// A four-digit year (text or number). Failure: kInvalidInput.
Result<int> ParseYearCell(const Cell& cell);

// Ja/Nej (also J/N, X, 1/0, Sant/Falskt, Yes/No, booleans). Failure: kInvalidInput.
Result<bool> ParseYesNo(const Cell& cell);

// A coded value and its optional extent: "Sjukpenning 50 %" -> {SJUKPENNING, 50}.
struct CodedValue {
    std::string code;
    std::optional<int> extent;
};

// The code in code list `list_id` that `text` names by code, label or built-in synonym,
// ignoring case, spaces and punctuation; nullopt when none does.
std::optional<std::string> MatchCode(std::string_view list_id, std::string_view text);

// Splits a trailing extent ("50 %", "(50%)", ":50") off a value. The extent is kept only
// when it is a whole number 1..100; `rest` is the value without it.
struct SplitExtent {
    std::string rest;
    std::optional<int> extent;
};
SplitExtent SplitTrailingExtent(std::string_view text);

// The parts of a multi-valued cell, split on ';', ',' and line breaks, trimmed, empty
// parts dropped.
std::vector<std::string> SplitValues(std::string_view text);

}  // namespace foljsam::io

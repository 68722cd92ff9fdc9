#pragma once
// Reads a CSV file held in memory into a Workbook with one sheet named "CSV".
// - Encoding: UTF-8 with or without a byte-order mark; bytes that are not UTF-8 (and carry no
//   BOM) are decoded as Windows-1252, what Swedish Excel writes for "CSV (semikolonavgränsad)".
//   The five bytes Windows-1252 leaves undefined are refused rather than guessed at, and so
//   is UTF-16 (Excel's "Unicode-text"): the user is asked to save as "CSV UTF-8".
// - Delimiter: a first line "sep=X" (Excel's hint, not a row) names it; otherwise the most
//   frequent of ';', ',' and tab outside quotes in the first non-blank record, ties going to
//   ';', the Swedish Excel default.
// - RFC 4180 quoting: fields in double quotes may hold delimiters, line breaks (kept as "\n")
//   and doubled quotes. Records end at CRLF, LF or CR.
// - Row::number is the record's 1-based index, as Excel numbers the rows: a record with a
//   line break inside quotes is one row. Cells are kText, or kEmpty when the field is empty;
//   wholly empty records are left out; trailing empty cells are dropped.
// Thread-safe: no shared state.

#include <string_view>

#include "common/status.hpp"
#include "io/sheet.hpp"

namespace foljsam::io {

// Success: the sheet. Failure (kInvalidInput, Swedish message, never a partial workbook): an
// empty file, over max_file_bytes, a NUL byte ("Filen verkar inte vara en textfil"), UTF-16,
// an unknown encoding, invalid UTF-8 after a UTF-8 BOM, an unterminated quote (naming the
// line of the file where the quoted field started), or a limit of `limits` (rows, columns,
// cell size, cells; the message states the limit).
Result<Workbook> ReadCsv(std::string_view bytes, const ReadLimits& limits = {});

// The delimiter ReadCsv would use for `text` (UTF-8, without a BOM or a "sep=" line).
char DetectCsvDelimiter(std::string_view text);

}  // namespace foljsam::io

#pragma once
// The one entry point for an uploaded spreadsheet: picks the reader by content, not by the
// file's name, since users rename files. A zip ("PK\3\4") is read as xlsx, anything else as
// CSV; an old binary Excel file (.xls, or an xlsx encrypted with a password, both OLE2
// containers) is refused with a message saying what to do. Thread-safe: no shared state.

#include <filesystem>
#include <string_view>

#include "common/status.hpp"
#include "io/sheet.hpp"

namespace foljsam::io {

// Reads `bytes` as ReadXlsx or ReadCsv do, with their failures. `file_name` (may be empty)
// only sharpens messages: a file named .xlsx that is no zip is reported as a damaged xlsx
// rather than being read as CSV. Failure also: kInvalidInput for an OLE2 file.
Result<Workbook> ReadSpreadsheet(std::string_view bytes, std::string_view file_name, const ReadLimits& limits = {});

// Reads the file at `path` (refusing it by its size before reading it whole) and then as
// ReadSpreadsheet. Failure also: kNotFound when there is no such file, kUnavailable when it
// cannot be read.
Result<Workbook> ReadSpreadsheetFile(const std::filesystem::path& path, const ReadLimits& limits = {});

}  // namespace foljsam::io

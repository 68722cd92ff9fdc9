#pragma once
// Writing exports (issue 4, item 6): tables of typed cells as an XLSX workbook (one sheet
// per table) or one table as CSV for Swedish Excel. What the tables hold is decided by
// the caller (services/export_service.cpp); this file only lays them out:
// - XLSX: a bold, frozen header row with an autofilter; text as text (a personnummer keeps
//   its digits), numbers as numbers, dates as real date cells formatted yyyy-mm-dd.
// - CSV: UTF-8 with a byte order mark, ';' between fields, CRLF line ends, dates as
//   ÅÅÅÅ-MM-DD; fields holding ';', '"', CR or LF are quoted with '"' doubled.
// Plain functions without shared state; thread-safe.

#include <filesystem>
#include <string>
#include <vector>

#include "common/status.hpp"
#include "domain/date.hpp"

namespace foljsam::io {

struct ExportCell {
    enum class Kind { kEmpty, kText, kNumber, kDate };
    Kind kind = Kind::kEmpty;
    std::string text;      // kText
    long long number = 0;  // kNumber (whole numbers only: years and counts)
    domain::Date date;     // kDate

    static ExportCell Text(std::string value);  // empty text gives an empty cell
    static ExportCell Number(long long value);
    static ExportCell Of(const domain::Date& value);
    // The cell as CSV shows it: text, the number, the date as ÅÅÅÅ-MM-DD, "" when empty.
    std::string Shown() const;
};

struct ExportTable {
    std::string sheet;  // sheet name (at most 31 characters, none of []:*?/\)
    std::vector<std::string> headers;
    std::vector<std::vector<ExportCell>> rows;  // a row may be shorter than the headers
    // Column widths in characters by column; missing or 0: from the header and values.
    std::vector<double> widths;
    bool wrap = false;  // wrap long text (explanatory sheets)
};

// Writes `tables` as one workbook to `out` (created or replaced), in order, with the
// workbook title `title`. Ok when all was written; kUnavailable when the file could not
// be created or written; kInternal when libxlsxwriter refused content (a bug; the file is
// removed then).
Status WriteExportXlsx(const std::filesystem::path& out, const std::string& title,
                       const std::vector<ExportTable>& tables);

// WriteExportXlsx into a private temporary file whose bytes are returned; the file is
// removed in every case. Failures as WriteExportXlsx, or kUnavailable when the temporary
// file cannot be made or read.
Result<std::string> ExportXlsxBytes(const std::string& title, const std::vector<ExportTable>& tables);

// The table as CSV (see above): the header row, then every row padded to the headers.
std::string ExportCsv(const ExportTable& table);

}  // namespace foljsam::io

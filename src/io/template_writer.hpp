#pragma once
// The downloadable import template (issue 4): an XLSX workbook to fill in and import, and
// its CSV variant. Both have exactly the columns of TemplateColumns(), in order, so a
// filled-in template imports without any column mapping.
//
// The workbook has three sheets:
// - "Deltagare" (first, so an importer that takes the first sheet finds it): the header
//   row, bold, frozen and with an autofilter; every column formatted for what it holds
//   (dates as yyyy-mm-dd so typed dates become date cells, the year as a whole number,
//   identifiers as text so a personnummer keeps its digits), an input message with the
//   column's help on the header and on the data cells, and drop-down lists for the coded
//   columns;
// - "Instruktioner": how to fill in the file, in Swedish, one line per column;
// - "Listor" (hidden): the values of the drop-down lists, one column per list. Lists live
//   on a sheet because Excel limits a list written into a validation to 255 characters.
//
// Plain functions without shared state; thread-safe.

#include <filesystem>
#include <string>
#include <vector>

#include "common/status.hpp"

namespace foljsam::io {

// What the drop-down lists offer beyond the national code lists and places: the
// association's names, as the user sees them. Plain strings, no database.
struct TemplateOptions {
    std::vector<std::string> insats_names;  // the column "Insats"; no list when empty
    std::vector<std::string> member_names;  // "Anmälande part", before Egenanmälan and Annan
};

// Writes the template workbook to `out` (created or replaced). Ok when the whole file was
// written; kUnavailable when the file could not be created or written; kInternal when
// libxlsxwriter refused part of the content (a bug: the file is then removed).
Status WriteTemplateXlsx(const std::filesystem::path& out, const TemplateOptions& options);

// The CSV variant: UTF-8 with a byte order mark (so Excel reads åäö), the header row of
// TemplateColumns() separated by ';' and ended by CRLF, nothing else. A header is quoted
// only when it holds ';', '"', CR or LF.
std::string TemplateCsv();

}  // namespace foljsam::io

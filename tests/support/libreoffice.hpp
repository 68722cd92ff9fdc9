#pragma once
// Test support: spreadsheets written by a real third-party program. LibreOffice
// (libreoffice-calc-nogui, installed by scripts/setup) converts a ';'-separated UTF-8 CSV
// into an xlsx the way a user's "Save as" would: ISO dates become date cells, numbers
// number cells. Each call uses its own profile directory, so tests may run in parallel.

#include <filesystem>
#include <string>

namespace foljsam::testing {

// True when soffice is on PATH.
bool HasLibreOffice();

// The xlsx bytes LibreOffice makes of `csv`. Throws std::runtime_error (with soffice's
// output) when the conversion fails.
std::string CsvToXlsxWithLibreOffice(const std::string& csv);

// Every sheet of the workbook `xlsx` as its own ','-separated UTF-8 CSV file in `out_dir`,
// named "<file stem>-<sheet>.csv" (LibreOffice 7.4's sheet option -1), numbers raw rather
// than as formatted. Throws std::runtime_error (with soffice's output) on failure.
void XlsxSheetsToCsvWithLibreOffice(const std::filesystem::path& xlsx, const std::filesystem::path& out_dir);

}  // namespace foljsam::testing

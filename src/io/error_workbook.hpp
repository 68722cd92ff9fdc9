#pragma once
// The rejected rows of an import as a workbook the user can fix and upload again: the
// file's own header row and the rows as they were (dates stay dates), plus two columns at
// the end, "Rad i filen" and "Fel" (every problem of the row, with column and what was
// expected). The importer ignores the two extra columns, so the fixed file imports as is.
// Thread-safe: no shared state.

#include <filesystem>
#include <vector>

#include "common/status.hpp"
#include "io/import_plan.hpp"
#include "io/sheet.hpp"

namespace foljsam::io {

// Writes the workbook to `out`. Issues with row 0 (the whole file) are listed on a first
// line of their own. Failure: kUnavailable when the file cannot be written.
Status WriteErrorWorkbook(const Sheet& sheet, int header_row, const std::vector<RowIssue>& issues,
                          const std::filesystem::path& out);

}  // namespace foljsam::io

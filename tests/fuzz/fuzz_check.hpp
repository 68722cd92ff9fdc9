#pragma once
// Invariant checks for the fuzz targets: a broken invariant aborts, which libFuzzer reports
// as a crash with the input that caused it.

#include <cstdio>
#include <cstdlib>

#include "io/sheet.hpp"
#include "io/text_encoding.hpp"

#define FUZZ_CHECK(condition)                                                                            \
    do {                                                                                                 \
        if (!(condition)) {                                                                              \
            std::fprintf(stderr, "fuzz invariant failed: %s (%s:%d)\n", #condition, __FILE__, __LINE__); \
            std::abort();                                                                                \
        }                                                                                                \
    } while (0)

namespace foljsam::fuzz {

// What every Workbook a reader returns must satisfy, whatever the input.
inline void CheckWorkbook(const io::Workbook& workbook, const io::ReadLimits& limits) {
    for (const io::Sheet& sheet : workbook.sheets) {
        FUZZ_CHECK(sheet.rows.size() <= limits.max_rows);
        int previous = 0;
        for (const io::Row& row : sheet.rows) {
            FUZZ_CHECK(row.number > previous);  // ascending, 1-based
            previous = row.number;
            FUZZ_CHECK(!row.cells.empty());  // wholly empty rows are left out
            FUZZ_CHECK(row.cells.size() <= limits.max_columns);
            FUZZ_CHECK(!row.cells.back().empty());  // no trailing empty cell
            for (const io::Cell& cell : row.cells) {
                FUZZ_CHECK(cell.text.size() <= limits.max_cell_bytes);
                FUZZ_CHECK(cell.empty() == cell.text.empty());
                FUZZ_CHECK(io::IsValidUtf8(cell.text));
                FUZZ_CHECK(cell.number == cell.number);  // never NaN
            }
        }
    }
}

}  // namespace foljsam::fuzz

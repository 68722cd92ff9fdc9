#pragma once
// A spreadsheet read into memory: the common result of the XLSX and CSV readers, and the
// input of the import pipeline. Row and column numbers are the ones the spreadsheet
// program shows (row 1 is the first row, column 1 is "A"), so errors can point users at
// the exact cell. Plain value types.

#include <cstddef>
#include <string>
#include <vector>

namespace foljsam::io {

struct Cell {
    enum class Kind { kEmpty, kText, kNumber, kBool, kDate };
    Kind kind = Kind::kEmpty;
    // kText: the text (UTF-8). kNumber/kDate: the number as the file wrote it (e.g.
    // "45351" or "12.5"). kBool: "1" or "0". kEmpty: "".
    std::string text;
    // kNumber, kBool and kDate: the value; kDate is a spreadsheet serial day number
    // (1900 system, 45351 = 2024-02-29), already shifted when the file used 1904 dates.
    double number = 0;

    bool empty() const { return kind == Kind::kEmpty; }
};

struct Row {
    int number = 0;           // 1-based row number as the spreadsheet shows it
    std::vector<Cell> cells;  // cells[0] is column A; trailing empty cells may be absent
};

struct Sheet {
    std::string name;
    std::vector<Row> rows;  // in order; wholly empty rows are left out
};

struct Workbook {
    std::vector<Sheet> sheets;  // in the order of the workbook's tabs (one for CSV)
};

// Bounds that every reader enforces, so hostile or broken files are refused in bounded
// memory and time instead of being half-read.
struct ReadLimits {
    size_t max_file_bytes = 50u << 20;           // the file as uploaded
    size_t max_uncompressed_bytes = 400u << 20;  // sum over the xlsx entries read
    size_t max_compression_ratio = 200;          // per entry, uncompressed / compressed
    size_t max_rows = 250000;                    // per sheet
    size_t max_columns = 200;
    size_t max_cell_bytes = 32767;  // Excel's own cell limit
    size_t max_xml_depth = 64;
    size_t max_sheets = 255;       // xlsx: sheets in the workbook
    size_t max_cells = 5'000'000;  // cells kept over the whole workbook, and xlsx shared strings
};

// "A", "B", ..., "Z", "AA", ... for a 1-based column number; "" for 0.
std::string ColumnName(size_t column);

}  // namespace foljsam::io

#pragma once
// One worksheet part of an xlsx streamed into a Sheet (shared/stack.md 5.5). Cells are
// sparse and placed by their r="B4" (by order when r is missing); types s, inlineStr, str,
// b, e (the error text, e.g. "#N/A"), d (ISO date) and n or none (a number, a date when its
// style shows one). Empty cells and wholly empty rows are left out. Limits: rows and
// columns per sheet, bytes per cell, cells over the workbook. Single-use, single-threaded.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.hpp"
#include "io/sheet.hpp"
#include "io/xlsx_shared_strings.hpp"
#include "io/xlsx_styles.hpp"
#include "io/xml_stream.hpp"

namespace foljsam::io::xlsx {

// What every sheet of one workbook shares; all referenced objects outlive the handler.
struct SheetContext {
    const std::vector<std::string>& shared_strings;
    const StylesHandler& styles;
    bool date1904 = false;
    const ReadLimits& limits;
    size_t& cells_used;  // over the whole workbook, checked against limits.max_cells
};

// Fills `sheet.rows` (sheet.name is used in messages). Failure: kInvalidInput past a limit,
// kCorrupt for impossible content (a bad cell reference, a shared-string index out of range,
// a number that is no number, rows out of order).
class SheetHandler : public xml::Handler {
   public:
    SheetHandler(Sheet& sheet, const SheetContext& context) : sheet_(sheet), context_(context) {}
    Status Start(std::string_view name, const xml::Attributes& attributes) override;
    Status End(std::string_view name) override;
    Status Text(std::string_view text) override;

   private:
    enum class Where { kOutside, kSheetData, kRow, kCell, kValue, kInline };
    Status StartRow(const xml::Attributes& attributes);
    Status StartCell(const xml::Attributes& attributes);
    Status EndRow();
    Status EndCell();
    Status MakeCell(Cell& cell) const;
    Status Problem(std::string what) const;

    Sheet& sheet_;
    const SheetContext& context_;
    Where where_ = Where::kOutside;
    size_t ignored_depth_ = 0;  // depth inside elements we skip (<f>, <extLst>, ...)
    size_t inline_depth_ = 0;   // depth inside a cell's <is>, 1 on <is> itself
    RichText inline_text_;
    Row row_;
    int last_row_number_ = 0;
    size_t column_ = 0;  // 1-based column of the current cell
    std::string type_;
    size_t style_ = 0;
    bool has_value_ = false;
    std::string value_;
};

}  // namespace foljsam::io::xlsx

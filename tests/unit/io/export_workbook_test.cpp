// Export tables as files: CSV as Swedish Excel reads it, and XLSX with typed cells that
// the project's own reader gets back as text, numbers and dates.

#include "io/export_workbook.hpp"

#include <gtest/gtest.h>

#include "io/import_values.hpp"
#include "io/spreadsheet.hpp"

namespace foljsam::io {
namespace {

ExportTable Sample() {
    ExportTable table;
    table.sheet = "Blad";
    table.headers = {"Text", "Tal", "Datum", "Tom"};
    table.rows.push_back({ExportCell::Text("a;b \"c\""), ExportCell::Number(1985), ExportCell::Of({2025, 3, 4}), {}});
    table.rows.push_back({ExportCell::Text("rad\ntvå")});  // shorter than the headers
    return table;
}

TEST(ExportWorkbook, CsvHasBomSemicolonsCrlfAndQuotes) {
    EXPECT_EQ(ExportCsv(Sample()),
              "\xEF\xBB\xBFText;Tal;Datum;Tom\r\n"
              "\"a;b \"\"c\"\"\";1985;2025-03-04;\r\n"
              "\"rad\ntvå\";;;\r\n");
}

TEST(ExportWorkbook, EmptyTextIsAnEmptyCell) { EXPECT_EQ(ExportCell::Text("").kind, ExportCell::Kind::kEmpty); }

TEST(ExportWorkbook, XlsxKeepsTextNumbersAndDates) {
    ExportTable second = Sample();
    second.sheet = "Andra";
    auto bytes = ExportXlsxBytes("titel", {Sample(), second});
    ASSERT_TRUE(bytes.ok()) << bytes.status().message();
    auto workbook = ReadSpreadsheet(*bytes, "x.xlsx");
    ASSERT_TRUE(workbook.ok()) << workbook.status().message();
    ASSERT_EQ(workbook->sheets.size(), 2u);
    EXPECT_EQ(workbook->sheets[1].name, "Andra");
    const Sheet& sheet = workbook->sheets[0];
    ASSERT_EQ(sheet.rows.size(), 3u);
    const Row& row = sheet.rows[1];
    ASSERT_GE(row.cells.size(), 3u);
    EXPECT_EQ(row.cells[0].kind, Cell::Kind::kText);
    EXPECT_EQ(row.cells[0].text, "a;b \"c\"");
    EXPECT_EQ(row.cells[1].kind, Cell::Kind::kNumber);
    EXPECT_EQ(row.cells[1].number, 1985);
    EXPECT_EQ(row.cells[2].kind, Cell::Kind::kDate);
    EXPECT_EQ(CellText(row.cells[2]), "2025-03-04");
    EXPECT_EQ(sheet.rows[2].cells[0].text, "rad\ntvå");
}

TEST(ExportWorkbook, ARepeatedSheetNameFailsWithoutAFile) {
    auto bytes = ExportXlsxBytes("titel", {Sample(), Sample()});
    ASSERT_FALSE(bytes.ok());
    EXPECT_EQ(bytes.status().code(), StatusCode::kInternal);
}

}  // namespace
}  // namespace foljsam::io

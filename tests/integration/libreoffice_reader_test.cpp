// Use case: import a spreadsheet that came from another program. LibreOffice turns a CSV
// with Swedish text, ISO dates and numbers into an xlsx (its own writer, with shared
// strings, styles and date formats of its own), and ReadXlsx must see real dates with the
// right serial numbers, numbers as numbers and the text intact. LibreOffice is a test
// dependency (scripts/setup installs libreoffice-calc-nogui); the test is skipped only when
// soffice is missing.

#include <gtest/gtest.h>

#include <string>

#include "io/xlsx_reader.hpp"
#include "support/libreoffice.hpp"

namespace foljsam::io {
namespace {

using Kind = Cell::Kind;
using foljsam::testing::CsvToXlsxWithLibreOffice;
using foljsam::testing::HasLibreOffice;

class LibreOfficeReader : public ::testing::Test {
   protected:
    void SetUp() override {
        if (!HasLibreOffice()) GTEST_SKIP() << "soffice is not installed";
    }
    // Converts `csv` (';'-separated UTF-8) to xlsx with LibreOffice and returns the bytes.
    std::string ConvertToXlsx(const std::string& csv) { return CsvToXlsxWithLibreOffice(csv); }
};

TEST_F(LibreOfficeReader, DatesNumbersAndSwedishTextSurviveTheRoundTrip) {
    const std::string bytes = ConvertToXlsx(
        "Namn;Startdatum;Timmar;Kommun\n"
        "Åsa Öberg;2024-02-29;12.5;Malmö\n"
        "Örjan Ärlig;2025-01-01;40;Göteborg\n"
        ";;;\n"
        "Sist;1999-12-31;-3;Umeå\n");
    ASSERT_FALSE(bytes.empty()) << "LibreOffice wrote no xlsx";
    auto workbook = ReadXlsx(bytes);
    ASSERT_TRUE(workbook.ok()) << workbook.status().message();
    ASSERT_EQ(workbook->sheets.size(), 1u);
    const Sheet& sheet = workbook->sheets[0];
    ASSERT_EQ(sheet.rows.size(), 4u);  // the empty line is left out
    EXPECT_EQ(sheet.rows[0].cells.at(1).text, "Startdatum");
    EXPECT_EQ(sheet.rows[3].number, 5);

    struct Expected {
        std::string name;
        double serial;
        double hours;
        std::string municipality;
    };
    const Expected expected[] = {{"Åsa Öberg", 45351, 12.5, "Malmö"},     // 2024-02-29
                                 {"Örjan Ärlig", 45658, 40, "Göteborg"},  // 2025-01-01
                                 {"Sist", 36525, -3, "Umeå"}};            // 1999-12-31
    for (size_t idx = 0; idx < 3; ++idx) {
        const Row& row = sheet.rows[idx + 1];
        ASSERT_EQ(row.cells.size(), 4u) << "row " << row.number;
        EXPECT_EQ(row.cells[0].kind, Kind::kText);
        EXPECT_EQ(row.cells[0].text, expected[idx].name);
        EXPECT_EQ(row.cells[1].kind, Kind::kDate) << "row " << row.number << ": " << row.cells[1].text;
        EXPECT_DOUBLE_EQ(row.cells[1].number, expected[idx].serial) << "row " << row.number;
        EXPECT_EQ(row.cells[2].kind, Kind::kNumber) << "row " << row.number;
        EXPECT_DOUBLE_EQ(row.cells[2].number, expected[idx].hours) << "row " << row.number;
        EXPECT_EQ(row.cells[3].text, expected[idx].municipality);
    }
}

}  // namespace
}  // namespace foljsam::io

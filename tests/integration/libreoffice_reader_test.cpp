// Use case: import a spreadsheet that came from another program. LibreOffice turns a CSV
// with Swedish text, ISO dates and numbers into an xlsx (its own writer, with shared
// strings, styles and date formats of its own), and ReadXlsx must see real dates with the
// right serial numbers, numbers as numbers and the text intact. LibreOffice is a test
// dependency (scripts/setup installs libreoffice-calc-nogui); the test is skipped only when
// soffice is missing.

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "io/xlsx_reader.hpp"

namespace foljsam::io {
namespace {

namespace fs = std::filesystem;
using Kind = Cell::Kind;

std::string ReadFile(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

class LibreOfficeReader : public ::testing::Test {
   protected:
    void SetUp() override {
        if (std::system("command -v soffice >/dev/null 2>&1") != 0) GTEST_SKIP() << "soffice is not installed";
        dir_ = fs::temp_directory_path() / ("foljsam-lo-reader-" + std::to_string(::getpid()));
        profile_ = fs::temp_directory_path() / ("foljsam-lo-reader-profile-" + std::to_string(::getpid()));
        fs::remove_all(dir_);
        fs::create_directories(dir_);
    }
    void TearDown() override {
        fs::remove_all(dir_);
        fs::remove_all(profile_);
    }
    // Converts `csv` (';'-separated UTF-8) to xlsx with LibreOffice and returns the bytes.
    // Filter tokens: 59 ';' separator, 34 '"' quotes, 76 UTF-8, 1 first line.
    std::string ConvertToXlsx(const std::string& csv) {
        std::ofstream(dir_ / "in.csv", std::ios::binary) << csv;
        const std::string command = "soffice --headless -env:UserInstallation=file://" + profile_.string() +
                                    " --convert-to xlsx --infilter=\"CSV:59,34,76,1\" --outdir '" + dir_.string() +
                                    "' '" + (dir_ / "in.csv").string() + "' >'" + (dir_ / "soffice.log").string() +
                                    "' 2>&1";
        EXPECT_EQ(std::system(command.c_str()), 0) << command << "\n" << ReadFile(dir_ / "soffice.log");
        return ReadFile(dir_ / "in.xlsx");
    }
    fs::path dir_;
    fs::path profile_;
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

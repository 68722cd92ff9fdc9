// ReadSpreadsheet picks the reader by content; ReadSpreadsheetFile adds the file system.

#include "io/spreadsheet.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "unit/io/xlsx_fixture.hpp"

namespace foljsam::io {
namespace {

using ::testing::HasSubstr;

TEST(Spreadsheet, ContentNotTheNameDecidesTheReader) {
    const std::string xlsx =
        testing::XlsxWithSheetData(R"(<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>)");
    auto from_xlsx = ReadSpreadsheet(xlsx, "deltagare.csv");
    ASSERT_TRUE(from_xlsx.ok()) << from_xlsx.status().message();
    EXPECT_EQ(from_xlsx->sheets.at(0).name, "Blad1");

    auto from_csv = ReadSpreadsheet("a;b\n", "deltagare.txt");
    ASSERT_TRUE(from_csv.ok()) << from_csv.status().message();
    EXPECT_EQ(from_csv->sheets.at(0).name, "CSV");
}

TEST(Spreadsheet, OldExcelFilesAndFakeXlsxAreRefused) {
    const std::string ole2 = std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + " and then some";
    auto old = ReadSpreadsheet(ole2, "gammal.xls");
    ASSERT_FALSE(old.ok());
    EXPECT_THAT(old.status().message(), HasSubstr("äldre Excel-fil"));

    auto fake = ReadSpreadsheet("a;b\n", "Deltagare.XLSX");
    ASSERT_FALSE(fake.ok());
    EXPECT_EQ(fake.status().code(), StatusCode::kCorrupt);
    EXPECT_THAT(fake.status().message(), HasSubstr("ingen xlsx-arbetsbok"));

    auto empty = ReadSpreadsheet("", "tom.csv");
    ASSERT_FALSE(empty.ok());
    EXPECT_THAT(empty.status().message(), HasSubstr("tom"));
}

TEST(Spreadsheet, BinaryFilesAreNeitherXlsxNorText) {
    std::mt19937 random(4711);
    std::string noise(2048, '\0');
    for (char& byte : noise) byte = static_cast<char>(random() & 0xFF);
    auto read = ReadSpreadsheet(noise, "bild.png");
    ASSERT_FALSE(read.ok());
    EXPECT_EQ(read.status().code(), StatusCode::kInvalidInput);
    EXPECT_THAT(read.status().message(), HasSubstr("Filen verkar inte vara en textfil"));
}

TEST(Spreadsheet, FilesAreReadAndRefusedByTheirSize) {
    const auto path = std::filesystem::temp_directory_path() / ("foljsam-sheet-" + std::to_string(::getpid()) + ".csv");
    {
        std::ofstream out(path, std::ios::binary);
        out << "Namn;Ort\nÅsa;Lund\n";
    }
    auto read = ReadSpreadsheetFile(path);
    ASSERT_TRUE(read.ok()) << read.status().message();
    EXPECT_EQ(read->sheets.at(0).rows.size(), 2u);

    ReadLimits small;
    small.max_file_bytes = 8;
    auto too_large = ReadSpreadsheetFile(path, small);
    ASSERT_FALSE(too_large.ok());
    EXPECT_THAT(too_large.status().message(), HasSubstr("högst 8 byte"));
    std::filesystem::remove(path);

    auto missing = ReadSpreadsheetFile(path);
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace foljsam::io

// ReadCsv: encodings, delimiters, RFC 4180 quoting, row numbering and refusals.

#include "io/csv_reader.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace foljsam::io {
namespace {

using ::testing::HasSubstr;
using Kind = Cell::Kind;

Sheet ReadOk(const std::string& bytes, const ReadLimits& limits = {}) {
    auto workbook = ReadCsv(bytes, limits);
    EXPECT_TRUE(workbook.ok()) << workbook.status().message() << "\ninput: " << bytes;
    if (!workbook.ok()) return {};
    EXPECT_EQ(workbook->sheets.size(), 1u);
    EXPECT_EQ(workbook->sheets.at(0).name, "CSV");
    return workbook->sheets.at(0);
}

void ExpectRefused(const std::string& bytes, const ReadLimits& limits, const std::string& message) {
    const auto workbook = ReadCsv(bytes, limits);
    ASSERT_FALSE(workbook.ok()) << "expected a refusal containing: " << message;
    EXPECT_EQ(workbook.status().code(), StatusCode::kInvalidInput);
    EXPECT_THAT(workbook.status().message(), HasSubstr(message));
}

std::vector<std::string> Texts(const Row& row) {
    std::vector<std::string> texts;
    for (const Cell& cell : row.cells) texts.push_back(cell.text);
    return texts;
}

using Strings = std::vector<std::string>;

TEST(CsvReader, Utf8WithAndWithoutBomReadsTheSame) {
    for (const std::string prefix : {"", "\xEF\xBB\xBF"}) {
        const Sheet sheet = ReadOk(prefix + "Namn;Ort\nÅsa Öberg;Malmö\n");
        ASSERT_EQ(sheet.rows.size(), 2u) << "BOM: " << !prefix.empty();
        EXPECT_EQ(Texts(sheet.rows[0]), (Strings{"Namn", "Ort"}));
        EXPECT_EQ(Texts(sheet.rows[1]), (Strings{"Åsa Öberg", "Malmö"}));
        EXPECT_EQ(sheet.rows[1].cells[0].kind, Kind::kText);
    }
}

TEST(CsvReader, Windows1252IsDecoded) {
    // "Åsa;Ängby;Örebro;€ 5;‰" as Swedish Excel saves it.
    const Sheet sheet = ReadOk("\xC5sa;\xC4ngby;\xD6rebro;\x80 5;\x89\r\n\xE5\xE4\xF6\r\n");
    ASSERT_EQ(sheet.rows.size(), 2u);
    EXPECT_EQ(Texts(sheet.rows[0]), (Strings{"Åsa", "Ängby", "Örebro", "€ 5", "‰"}));
    EXPECT_EQ(Texts(sheet.rows[1]), (Strings{"åäö"}));
}

TEST(CsvReader, UndefinedWindows1252BytesAreRefused) {
    ExpectRefused("Namn\n\x81sa\n", {}, "teckenkodning känns inte igen");
}

TEST(CsvReader, InvalidUtf8AfterABomIsRefused) { ExpectRefused("\xEF\xBB\xBFNamn\n\xC5sa\n", {}, "ogiltiga tecken"); }

TEST(CsvReader, Utf16IsRefusedWithAnExplanation) {
    ExpectRefused(std::string("\xFF\xFEN\0a\0m\0n\0", 10), {}, "UTF-16");
}

TEST(CsvReader, NulBytesMeanTheFileIsNoText) {
    ExpectRefused(std::string("Namn;Ort\nA\0B;C\n", 15), {}, "Filen verkar inte vara en textfil");
}

TEST(CsvReader, EmptyFileIsRefused) { ExpectRefused("", {}, "Filen är tom"); }

TEST(CsvReader, EachDelimiterIsDetected) {
    struct Case {
        std::string input;
        char delimiter;
    };
    const std::vector<Case> cases = {
        {"a;b;c\n1;2;3\n", ';'},      {"a,b,c\n1,2,3\n", ','},
        {"a\tb\tc\n1\t2\t3\n", '\t'}, {"a;b,c\n", ';'},          // a tie goes to ';'
        {"a,b\tc,d\n", ','},          {"\"x;y;z\",b,c\n", ','},  // quoted delimiters do not count
        {"\n\na\tb\n", '\t'},         {"single\n", ';'},
    };
    for (const Case& c : cases) {
        EXPECT_EQ(DetectCsvDelimiter(c.input), c.delimiter) << c.input;
        const Sheet sheet = ReadOk(c.input);
        ASSERT_FALSE(sheet.rows.empty()) << c.input;
    }
    EXPECT_EQ(Texts(ReadOk("a\tb\tc\n").rows.at(0)), (Strings{"a", "b", "c"}));
    EXPECT_EQ(Texts(ReadOk("a,b;c,d\n").rows.at(0)), (Strings{"a", "b;c", "d"}));
}

TEST(CsvReader, ExcelSeparatorHintIsObeyedAndIsNoRow) {
    const Sheet sheet = ReadOk("sep=,\r\nNamn,Ort;Län\r\nÅsa,Lund\r\n");
    ASSERT_EQ(sheet.rows.size(), 2u);
    EXPECT_EQ(sheet.rows[0].number, 1);
    EXPECT_EQ(Texts(sheet.rows[0]), (Strings{"Namn", "Ort;Län"}));
}

TEST(CsvReader, QuotedFieldsHoldDelimitersLineBreaksAndDoubledQuotes) {
    const Sheet sheet =
        ReadOk("Namn;Kommentar;Tal\n\"Öberg; Åsa\";\"rad ett\r\nrad två\nrad tre\";\"sa \"\"hej\"\"\"\nNästa;x;y\n");
    ASSERT_EQ(sheet.rows.size(), 3u);
    EXPECT_EQ(Texts(sheet.rows[1]), (Strings{"Öberg; Åsa", "rad ett\nrad två\nrad tre", "sa \"hej\""}));
    // The record with line breaks is one row: the next record is row 3, as Excel shows it.
    EXPECT_EQ(sheet.rows[1].number, 2);
    EXPECT_EQ(sheet.rows[2].number, 3);
    EXPECT_EQ(Texts(sheet.rows[2]), (Strings{"Nästa", "x", "y"}));
}

TEST(CsvReader, EveryLineEndingIsARecordEnd) {
    for (const std::string line_end : {"\n", "\r\n", "\r"}) {
        const Sheet sheet = ReadOk("a;b" + line_end + "c;d" + line_end + line_end + "e" + line_end);
        ASSERT_EQ(sheet.rows.size(), 3u) << "line end " << (line_end == "\r" ? "CR" : line_end == "\n" ? "LF" : "CRLF");
        EXPECT_EQ(sheet.rows[2].number, 4);  // the blank record 3 is left out, numbering is kept
        EXPECT_EQ(Texts(sheet.rows[2]), (Strings{"e"}));
    }
    EXPECT_EQ(ReadOk("a;b").rows.size(), 1u);  // no line end at all
}

TEST(CsvReader, EmptyFieldsAndEmptyRecords) {
    const Sheet sheet = ReadOk("a;;c;;\n;;;\n;b\n");
    ASSERT_EQ(sheet.rows.size(), 2u);
    ASSERT_EQ(sheet.rows[0].cells.size(), 3u);  // trailing empty cells are dropped
    EXPECT_EQ(sheet.rows[0].cells[1].kind, Kind::kEmpty);
    EXPECT_EQ(sheet.rows[0].cells[2].text, "c");
    EXPECT_EQ(sheet.rows[1].number, 3);  // ";;;" is a wholly empty row 2
    EXPECT_EQ(Texts(sheet.rows[1]), (Strings{"", "b"}));
}

TEST(CsvReader, UnterminatedQuoteNamesTheLineWhereItStarted) {
    ExpectRefused("Namn;Kommentar\nÅsa;ok\n\"Berit\";\"ingen slutkvot\nfortsätter\n", {},
                  "börjar på rad 3 i filen avslutas aldrig");
    ExpectRefused("a;\"b\nc\"\nd;\"e\n", {}, "börjar på rad 3");  // lines, not records
}

TEST(CsvReader, LimitsAreEnforcedAndNamed) {
    ReadLimits limits;
    limits.max_rows = 2;
    ExpectRefused("a\nb\nc\n", limits, "fler än 2 rader");
    EXPECT_EQ(ReadOk("a\nb\n\n\n", limits).rows.size(), 2u);  // blank records are no rows

    limits = {};
    limits.max_columns = 3;
    ExpectRefused("a;b;c;d\n", limits, "fler än 3 kolumner");
    EXPECT_EQ(ReadOk("a;b;c;;;;;;\n", limits).rows.size(), 1u);  // empty fields past it are fine

    limits = {};
    limits.max_cell_bytes = 4;
    ExpectRefused("abcd;abcde\n", limits, "mer än 4 byte text");
    ExpectRefused("\"abc\ndef\"\n", limits, "mer än 4 byte text");

    limits = {};
    limits.max_file_bytes = 3;
    ExpectRefused("abcd", limits, "för stor");
}

TEST(CsvReader, TextAfterAClosingQuoteIsKeptAsExcelDoes) {
    EXPECT_EQ(Texts(ReadOk("\"abc\"def;x\n").rows.at(0)), (Strings{"abcdef", "x"}));
    EXPECT_EQ(Texts(ReadOk("ab\"c;x\n").rows.at(0)), (Strings{"ab\"c", "x"}));
}

}  // namespace
}  // namespace foljsam::io

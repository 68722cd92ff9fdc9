// ReadXlsx against broken and hostile files. Each case asserts the failure and its message;
// where a guard could silently be missing, a control reads the same file with the guard's
// limit raised, to show the file itself is readable and the guard is what refuses it.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <zip.h>

#include <cstdint>
#include <random>
#include <stdexcept>
#include <string>

#include "io/xlsx_reader.hpp"
#include "unit/io/xlsx_fixture.hpp"

namespace foljsam::io {
namespace {

using testing::BuildZip;
using ::testing::HasSubstr;
using testing::SheetXml;
using testing::XlsxParts;
using testing::XlsxWithSheetData;

void ExpectRefused(const std::string& bytes, const ReadLimits& limits, StatusCode code, const std::string& message) {
    const auto workbook = ReadXlsx(bytes, limits);
    ASSERT_FALSE(workbook.ok()) << "expected a refusal containing: " << message;
    EXPECT_EQ(workbook.status().code(), code) << workbook.status().message();
    EXPECT_THAT(workbook.status().message(), HasSubstr(message));
}

void ExpectReadable(const std::string& bytes, const ReadLimits& limits) {
    const auto workbook = ReadXlsx(bytes, limits);
    EXPECT_TRUE(workbook.ok()) << workbook.status().message();
}

std::string Spaces(size_t count) { return std::string(count, ' '); }

TEST(XlsxHostile, EmptyFileIsRefused) { ExpectRefused("", {}, StatusCode::kInvalidInput, "Filen är tom"); }

TEST(XlsxHostile, FileOverTheSizeCapIsRefused) {
    const std::string bytes = XlsxWithSheetData(R"(<row r="1"><c r="A1"><v>1</v></c></row>)");
    ReadLimits limits;
    limits.max_file_bytes = bytes.size() - 1;
    ExpectRefused(bytes, limits, StatusCode::kInvalidInput, "för stor");
    limits.max_file_bytes = bytes.size();
    ExpectReadable(bytes, limits);
}

TEST(XlsxHostile, RandomBytesAreNoXlsx) {
    std::mt19937 random(20240229);
    std::string bytes(4096, '\0');
    for (char& byte : bytes) byte = static_cast<char>(random() & 0xFF);
    ExpectRefused(bytes, {}, StatusCode::kInvalidInput, "ingen xlsx-fil");
    // Random bytes behind a zip signature: a zip that cannot be read.
    ExpectRefused(std::string("PK\x03\x04", 4) + bytes, {}, StatusCode::kCorrupt, "skadad eller ofullständig");
}

TEST(XlsxHostile, TruncatedZipIsCorrupt) {
    const std::string bytes = XlsxWithSheetData(R"(<row r="1"><c r="A1"><v>1</v></c></row>)");
    ExpectRefused(bytes.substr(0, bytes.size() / 2), {}, StatusCode::kCorrupt, "skadad eller ofullständig");
}

TEST(XlsxHostile, DamagedCompressedDataIsCorrupt) {
    std::string sheet_data;
    for (int row_idx = 1; row_idx <= 200; ++row_idx) {
        sheet_data += "<row r=\"" + std::to_string(row_idx) + "\"><c r=\"A" + std::to_string(row_idx) + "\"><v>" +
                      std::to_string(row_idx * 7919 % 1000) + "</v></c></row>";
    }
    std::string bytes = XlsxWithSheetData(sheet_data);
    const size_t sheet_at = bytes.find("xl/worksheets/sheet1.xml");  // the local header's name
    ASSERT_NE(sheet_at, std::string::npos);
    for (size_t offset = sheet_at + 40; offset < sheet_at + 80; ++offset) bytes[offset] ^= 0x5A;
    ExpectRefused(bytes, {}, StatusCode::kCorrupt, "skadad");
}

TEST(XlsxHostile, ZipWithoutWorkbookIsNoXlsxWorkbook) {
    const std::string bytes = BuildZip({{"word/document.xml", "<document/>"}, {"[Content_Types].xml", "<Types/>"}});
    ExpectRefused(bytes, {}, StatusCode::kInvalidInput, "Filen är ingen xlsx-arbetsbok");
}

TEST(XlsxHostile, ZipBombIsRefusedByItsCompressionRatio) {
    // 8 MB of whitespace inside the sheet deflates about 1000 times.
    const std::string bytes = XlsxWithSheetData(R"(<row r="1"><c r="A1"><v>1</v></c></row>)" + Spaces(8u << 20));
    ASSERT_LT(bytes.size(), 100u << 10);
    ExpectRefused(bytes, {}, StatusCode::kInvalidInput, "zip-bomb");
    ReadLimits trusting;
    trusting.max_compression_ratio = 1u << 20;
    ExpectReadable(bytes, trusting);
}

// Rewrites the uncompressed size of the only entry, in its local header and in the central
// directory, so the zip directory claims `claimed` bytes.
void ClaimUncompressedSize(std::string& zip_bytes, uint32_t claimed) {
    auto write32 = [&](size_t offset) {
        for (int byte_idx = 0; byte_idx < 4; ++byte_idx) {
            zip_bytes[offset + byte_idx] = static_cast<char>((claimed >> (8 * byte_idx)) & 0xFF);
        }
    };
    ASSERT_EQ(zip_bytes.compare(0, 4, "PK\x03\x04"), 0);
    write32(22);
    const size_t central = zip_bytes.find("PK\x01\x02");
    ASSERT_NE(central, std::string::npos);
    write32(central + 24);
}

TEST(XlsxHostile, InflatedBytesAreCountedNotTakenFromTheDirectory) {
    std::string bytes = BuildZip({{"xl/workbook.xml", "<workbook>" + Spaces(4u << 20) + "</workbook>"}});
    ClaimUncompressedSize(bytes, 100);
    ReadLimits limits;
    limits.max_compression_ratio = 1u << 20;  // only the byte count may stop it
    limits.max_uncompressed_bytes = 1u << 20;
    ExpectRefused(bytes, limits, StatusCode::kInvalidInput, "blir mer än 1 MB när den packas upp");
}

TEST(XlsxHostile, EveryPartCountsTowardsTheUncompressedTotal) {
    XlsxParts parts;
    parts.shared_strings = "<sst>" + Spaces(600u << 10) + "</sst>";
    parts.sheets[0].second = SheetXml(R"(<row r="1"><c r="A1"><v>1</v></c></row>)" + Spaces(600u << 10));
    const std::string bytes = parts.Build();
    ReadLimits limits;
    limits.max_compression_ratio = 1u << 20;
    limits.max_uncompressed_bytes = 1u << 20;  // each part alone fits, both together do not
    ExpectRefused(bytes, limits, StatusCode::kInvalidInput, "blir mer än 1 MB");
    limits.max_uncompressed_bytes = 2u << 20;
    ExpectReadable(bytes, limits);
}

TEST(XlsxHostile, BillionLaughsIsRefusedAtTheDoctype) {
    XlsxParts parts;
    parts.shared_strings = R"(<?xml version="1.0"?>
<!DOCTYPE sst [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol9;</t></si></sst>)";
    parts.sheets[0].second = SheetXml(R"(<row r="1"><c r="A1" t="s"><v>0</v></c></row>)");
    ExpectRefused(parts.Build(), {}, StatusCode::kInvalidInput, "innehåller en DTD");
}

TEST(XlsxHostile, ExternalEntityIsRefusedAtTheDoctype) {
    const std::string sheet = R"(<?xml version="1.0"?>
<!DOCTYPE worksheet [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&secret;</t></is></c></row></sheetData></worksheet>)";
    XlsxParts parts;
    parts.sheets[0].second = sheet;
    ExpectRefused(parts.Build(), {}, StatusCode::kInvalidInput, "innehåller en DTD");
}

TEST(XlsxHostile, DeepNestingIsRefused) {
    std::string nested;
    for (int depth = 0; depth < 10000; ++depth) nested += "<a>";
    for (int depth = 0; depth < 10000; ++depth) nested += "</a>";
    const std::string bytes = XlsxWithSheetData(R"(<row r="1"><c r="A1"><v>1</v></c></row>)" + nested);
    ExpectRefused(bytes, {}, StatusCode::kInvalidInput, "för djupt nästlad XML (mer än 64 nivåer");
    ReadLimits deep;
    deep.max_xml_depth = 20000;
    ExpectReadable(bytes, deep);
}

TEST(XlsxHostile, InvalidUtf8InSharedStringsIsRefused) {
    XlsxParts parts;
    parts.sheets[0].second = SheetXml(R"(<row r="1"><c r="A1" t="s"><v>0</v></c></row>)");
    parts.shared_strings = "<sst><si><t>M\xC3\xA5rten</t></si></sst>";
    ExpectReadable(parts.Build(), {});
    parts.shared_strings = "<sst><si><t>M\xE5rten</t></si></sst>";  // Latin-1 "å"
    ExpectRefused(parts.Build(), {}, StatusCode::kInvalidInput, "inte är giltig UTF-8");
    parts.shared_strings = "<sst><si><t>\xED\xA0\x80</t></si></sst>";  // an encoded surrogate
    ExpectRefused(parts.Build(), {}, StatusCode::kInvalidInput, "inte är giltig UTF-8");
}

TEST(XlsxHostile, MalformedXmlNamesThePart) {
    ExpectRefused(XlsxWithSheetData(R"(<row r="1"><c r="A1"><v>1</v></row>)"), {}, StatusCode::kCorrupt,
                  "xl/worksheets/sheet1.xml innehåller felaktig XML");
}

TEST(XlsxHostile, HugeTagIsRefusedBeforeItIsBuffered) {
    const std::string bytes =
        XlsxWithSheetData(R"(<row r="1"><c r="A1" junk=")" + std::string(2u << 20, 'x') + R"("><v>1</v></c></row>)");
    ReadLimits limits;
    limits.max_compression_ratio = 1u << 20;  // a run of 'x' deflates too well otherwise
    ExpectRefused(bytes, limits, StatusCode::kInvalidInput, "orimligt stort XML-element");
    ReadLimits roomy = limits;
    roomy.max_cell_bytes = 1u << 20;  // allows 4 MB tokens
    ExpectReadable(bytes, roomy);
}

TEST(XlsxHostile, LimitsOnRowsColumnsCellsAndSheetsNameTheLimit) {
    const std::string rows = XlsxWithSheetData(
        R"(<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row><row r="3"><c r="A3"><v>3</v></c></row>)");
    ReadLimits limits;
    limits.max_rows = 2;
    ExpectRefused(rows, limits, StatusCode::kInvalidInput, "Bladet \"Blad1\" har fler än 2 rader");
    limits.max_rows = 3;
    ExpectReadable(rows, limits);

    const std::string wide = XlsxWithSheetData(R"(<row r="1"><c r="A1"><v>1</v></c><c r="D1"><v>4</v></c></row>)");
    limits = {};
    limits.max_columns = 3;
    ExpectRefused(wide, limits, StatusCode::kInvalidInput, "fler än 3 kolumner (cell D1)");

    const std::string long_text = XlsxWithSheetData(R"(<row r="1"><c r="A1" t="inlineStr"><is><t>)" +
                                                    std::string(11, 'a') + "</t></is></c></row>");
    limits = {};
    limits.max_cell_bytes = 10;
    ExpectRefused(long_text, limits, StatusCode::kInvalidInput, "mer än 10 byte text");

    limits = {};
    limits.max_cells = 3;
    const std::string sparse = XlsxWithSheetData(R"(<row r="1"><c r="E1"><v>1</v></c></row>)");
    ExpectRefused(sparse, limits, StatusCode::kInvalidInput, "fler än 3 celler");

    XlsxParts parts;
    parts.workbook = R"(<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>
<sheet name="a" r:id="rId1"/><sheet name="b" r:id="rId1"/><sheet name="c" r:id="rId1"/></sheets></workbook>)";
    parts.sheets[0].second = SheetXml("");
    limits = {};
    limits.max_sheets = 2;
    ExpectRefused(parts.Build(), limits, StatusCode::kInvalidInput, "fler än 2 blad");
}

TEST(XlsxHostile, ImpossibleCellContentIsCorrupt) {
    XlsxParts parts;
    parts.shared_strings = "<sst><si><t>bara en</t></si></sst>";
    parts.sheets[0].second = SheetXml(R"(<row r="1"><c r="A1" t="s"><v>1</v></c></row>)");
    ExpectRefused(parts.Build(), {}, StatusCode::kCorrupt, "cell A1 hänvisar till en text som saknas");
    ExpectRefused(XlsxWithSheetData(R"(<row r="1"><c r="B1"><v>tolv</v></c></row>)"), {}, StatusCode::kCorrupt,
                  "cell B1 har ett tal som inte går att läsa");
    ExpectRefused(
        XlsxWithSheetData(R"(<row r="2"><c r="A2"><v>1</v></c></row><row r="1"><c r="A1"><v>1</v></c></row>)"), {},
        StatusCode::kCorrupt, "raderna i fel ordning");
    ExpectRefused(XlsxWithSheetData(R"(<row r="1"><c r="1A"><v>1</v></c></row>)"), {}, StatusCode::kCorrupt,
                  "ogiltig cellreferens");
}

TEST(XlsxHostile, MissingSheetPartIsCorrupt) {
    XlsxParts parts;
    parts.sheets = {{"xl/worksheets/other.xml", SheetXml("")}};
    ExpectRefused(parts.Build(), {}, StatusCode::kCorrupt, "bladet \"Blad1\" saknas");
}

TEST(XlsxHostile, PasswordProtectedEntryIsRefused) {
    const XlsxParts parts;
    std::string bytes;
    try {
        bytes = BuildZip({{"xl/workbook.xml", parts.workbook},
                          {"xl/_rels/workbook.xml.rels", parts.rels},
                          {"xl/worksheets/sheet1.xml", SheetXml(""), false, "hemligt"}});
    } catch (const std::runtime_error& error) {
        GTEST_SKIP() << "this libzip cannot encrypt: " << error.what();
    }
    ExpectRefused(bytes, {}, StatusCode::kInvalidInput, "lösenordsskyddad");
}

}  // namespace
}  // namespace foljsam::io

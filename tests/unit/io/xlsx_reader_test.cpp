// ReadXlsx on workbooks written by libxlsxwriter (the generator the report export uses) and
// on hand-written parts for the forms other generators use (shared/stack.md 5.5).

#include "io/xlsx_reader.hpp"

#include <gtest/gtest.h>
#include <xlsxwriter.h>

#include <string>

#include "unit/io/xlsx_fixture.hpp"

namespace foljsam::io {
namespace {

using testing::WriteWithXlsxWriter;
using testing::XlsxParts;
using testing::XlsxWithSheetData;
using Kind = Cell::Kind;

Workbook ReadOk(const std::string& bytes, const ReadLimits& limits = {}) {
    auto workbook = ReadXlsx(bytes, limits);
    EXPECT_TRUE(workbook.ok()) << workbook.status().message();
    return workbook.ok() ? *workbook : Workbook{};
}

TEST(XlsxReader, ReadsTextNumbersDatesAndBooleansFromXlsxWriter) {
    const std::string bytes = WriteWithXlsxWriter([](lxw_workbook* workbook) {
        lxw_worksheet* sheet = workbook_add_worksheet(workbook, "Deltagare");
        lxw_format* date_format = workbook_add_format(workbook);
        format_set_num_format(date_format, "yyyy-mm-dd");
        worksheet_write_string(sheet, 0, 0, "Namn", nullptr);
        worksheet_write_string(sheet, 0, 1, "Startdatum", nullptr);
        worksheet_write_string(sheet, 0, 2, "Timmar", nullptr);
        worksheet_write_string(sheet, 0, 3, "Aktiv", nullptr);
        worksheet_write_string(sheet, 1, 0, "Åsa Öberg", nullptr);
        lxw_datetime leap_day = {2024, 2, 29, 0, 0, 0};
        worksheet_write_datetime(sheet, 1, 1, &leap_day, date_format);
        worksheet_write_number(sheet, 1, 2, 12.5, nullptr);
        worksheet_write_boolean(sheet, 1, 3, 1, nullptr);
        worksheet_write_string(sheet, 3, 0, "Efter ett glapp", nullptr);  // row 3 stays empty
    });
    const Workbook workbook = ReadOk(bytes);
    ASSERT_EQ(workbook.sheets.size(), 1u);
    const Sheet& sheet = workbook.sheets[0];
    EXPECT_EQ(sheet.name, "Deltagare");
    ASSERT_EQ(sheet.rows.size(), 3u);
    EXPECT_EQ(sheet.rows[0].number, 1);
    EXPECT_EQ(sheet.rows[1].number, 2);
    EXPECT_EQ(sheet.rows[2].number, 4);  // the empty row 3 is left out, numbers stay true
    const Row& data = sheet.rows[1];
    ASSERT_EQ(data.cells.size(), 4u);
    EXPECT_EQ(data.cells[0].kind, Kind::kText);
    EXPECT_EQ(data.cells[0].text, "Åsa Öberg");
    EXPECT_EQ(data.cells[1].kind, Kind::kDate);
    EXPECT_DOUBLE_EQ(data.cells[1].number, 45351);  // 2024-02-29
    EXPECT_EQ(data.cells[2].kind, Kind::kNumber);
    EXPECT_DOUBLE_EQ(data.cells[2].number, 12.5);
    EXPECT_EQ(data.cells[2].text, "12.5");
    EXPECT_EQ(data.cells[3].kind, Kind::kBool);
    EXPECT_EQ(data.cells[3].text, "1");
    EXPECT_EQ(sheet.rows[2].cells.at(0).text, "Efter ett glapp");
}

TEST(XlsxReader, ReadsEverySheetInTabOrder) {
    const std::string bytes = WriteWithXlsxWriter([](lxw_workbook* workbook) {
        lxw_worksheet* first = workbook_add_worksheet(workbook, "Första");
        lxw_worksheet* second = workbook_add_worksheet(workbook, "Andra blad");
        workbook_add_worksheet(workbook, "Tomt");
        worksheet_write_string(first, 0, 0, "ett", nullptr);
        worksheet_write_number(second, 4, 2, 7, nullptr);  // C5, alone
    });
    const Workbook workbook = ReadOk(bytes);
    ASSERT_EQ(workbook.sheets.size(), 3u);
    EXPECT_EQ(workbook.sheets[0].name, "Första");
    EXPECT_EQ(workbook.sheets[1].name, "Andra blad");
    EXPECT_EQ(workbook.sheets[2].name, "Tomt");
    EXPECT_TRUE(workbook.sheets[2].rows.empty());
    const Row& row = workbook.sheets[1].rows.at(0);
    EXPECT_EQ(row.number, 5);
    ASSERT_EQ(row.cells.size(), 3u);  // A and B are empty, C holds the value
    EXPECT_TRUE(row.cells[0].empty());
    EXPECT_TRUE(row.cells[1].empty());
    EXPECT_DOUBLE_EQ(row.cells[2].number, 7);
}

TEST(XlsxReader, ReadsInlineStringsOfConstantMemoryMode) {
    const std::string bytes = WriteWithXlsxWriter(
        [](lxw_workbook* workbook) {
            lxw_worksheet* sheet = workbook_add_worksheet(workbook, nullptr);
            for (int row_idx = 0; row_idx < 100; ++row_idx) {
                worksheet_write_string(sheet, row_idx, 0, ("Namn " + std::to_string(row_idx)).c_str(), nullptr);
                worksheet_write_number(sheet, row_idx, 1, row_idx, nullptr);
            }
        },
        /*constant_memory=*/true);
    ASSERT_FALSE(testing::HasZipEntry(bytes, "xl/sharedStrings.xml"));  // strings are inline
    const Workbook workbook = ReadOk(bytes);
    const Sheet& sheet = workbook.sheets.at(0);
    ASSERT_EQ(sheet.rows.size(), 100u);
    EXPECT_EQ(sheet.rows[42].cells.at(0).kind, Kind::kText);
    EXPECT_EQ(sheet.rows[42].cells[0].text, "Namn 42");
    EXPECT_DOUBLE_EQ(sheet.rows[42].cells.at(1).number, 42);
}

TEST(XlsxReader, BuiltInDateFormatAndFormulaResultsAreRead) {
    const std::string bytes = WriteWithXlsxWriter([](lxw_workbook* workbook) {
        lxw_worksheet* sheet = workbook_add_worksheet(workbook, nullptr);
        lxw_format* short_date = workbook_add_format(workbook);
        format_set_num_format_index(short_date, 14);
        worksheet_write_number(sheet, 0, 0, 45351, short_date);
        worksheet_write_formula_str(sheet, 0, 1, "=\"Kal\"&\"le\"", nullptr, "Kalle");
        worksheet_write_formula_num(sheet, 0, 2, "=1+2", nullptr, 3);
        char bold_text[] = "Fet";  // libxlsxwriter takes char*, not const char*
        char plain_text[] = " och vanlig";
        lxw_rich_string_tuple bold = {.format = short_date, .string = bold_text};
        lxw_rich_string_tuple plain = {.format = nullptr, .string = plain_text};
        lxw_rich_string_tuple* runs[] = {&bold, &plain, nullptr};
        worksheet_write_rich_string(sheet, 0, 3, runs, nullptr);
    });
    const Row row = ReadOk(bytes).sheets.at(0).rows.at(0);  // a copy: the workbook is a temporary
    ASSERT_EQ(row.cells.size(), 4u);
    EXPECT_EQ(row.cells[0].kind, Kind::kDate);
    EXPECT_DOUBLE_EQ(row.cells[0].number, 45351);
    EXPECT_EQ(row.cells[1].kind, Kind::kText);
    EXPECT_EQ(row.cells[1].text, "Kalle");
    EXPECT_DOUBLE_EQ(row.cells[2].number, 3);
    EXPECT_EQ(row.cells[3].text, "Fet och vanlig");
}

TEST(XlsxReader, PrefixedNamespacesFromOtherGeneratorsAreRead) {
    XlsxParts parts;
    parts.workbook = R"(<?xml version="1.0" encoding="UTF-8"?>
<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"
 xmlns:rel="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<x:sheets><x:sheet name="Data" sheetId="1" rel:id="rId1"/></x:sheets></x:workbook>)";
    parts.shared_strings = R"(<x:sst xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<x:si><x:t>Göteborg</x:t></x:si></x:sst>)";
    parts.sheets[0].second = R"(<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<x:sheetData><x:row r="2"><x:c r="A2" t="s"><x:v>0</x:v></x:c><x:c r="B2"><x:v>3</x:v></x:c></x:row>
</x:sheetData></x:worksheet>)";
    const Workbook workbook = ReadOk(parts.Build());
    ASSERT_EQ(workbook.sheets.size(), 1u);
    EXPECT_EQ(workbook.sheets[0].name, "Data");
    const Row& row = workbook.sheets[0].rows.at(0);
    EXPECT_EQ(row.number, 2);
    EXPECT_EQ(row.cells.at(0).text, "Göteborg");
    EXPECT_DOUBLE_EQ(row.cells.at(1).number, 3);
}

TEST(XlsxReader, RichTextRunsAreJoinedAndPhoneticRunsSkipped) {
    XlsxParts parts;
    parts.shared_strings = R"(<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<si><t>enkel</t></si>
<si><r><rPr><b/></rPr><t>Fet</t></r><r><t xml:space="preserve"> text</t></r><rPh sb="0" eb="1"><t>FURIGANA</t></rPh></si>
<si><t>rad ett_x000D_
rad två</t></si></sst>)";
    parts.sheets[0].second = testing::SheetXml(
        R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>)");
    const Row row = ReadOk(parts.Build()).sheets.at(0).rows.at(0);  // a copy: the workbook is a temporary
    ASSERT_EQ(row.cells.size(), 3u);
    EXPECT_EQ(row.cells[0].text, "enkel");
    EXPECT_EQ(row.cells[1].text, "Fet text");
    EXPECT_EQ(row.cells[2].text, "rad ett\r\nrad två");
}

TEST(XlsxReader, SheetsAreFoundThroughRelationshipsNotFileNames) {
    XlsxParts parts;
    parts.workbook = R"(<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"
 xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="Andra" sheetId="2" r:id="rIdB"/><sheet name="Första" sheetId="1" r:id="rIdA"/></sheets></workbook>)";
    parts.rels = R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rIdA" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/data/forsta.xml"/>
<Relationship Id="rIdB" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="./worksheets/../data/andra.xml"/>
</Relationships>)";
    parts.sheets = {{"xl/data/forsta.xml", testing::SheetXml(R"(<row r="1"><c r="A1"><v>1</v></c></row>)")},
                    {"xl/data/andra.xml", testing::SheetXml(R"(<row r="1"><c r="A1"><v>2</v></c></row>)")}};
    const Workbook workbook = ReadOk(parts.Build());
    ASSERT_EQ(workbook.sheets.size(), 2u);
    EXPECT_EQ(workbook.sheets[0].name, "Andra");  // tab order, from workbook.xml
    EXPECT_DOUBLE_EQ(workbook.sheets[0].rows.at(0).cells.at(0).number, 2);
    EXPECT_EQ(workbook.sheets[1].name, "Första");
    EXPECT_DOUBLE_EQ(workbook.sheets[1].rows.at(0).cells.at(0).number, 1);
}

TEST(XlsxReader, EveryCellTypeIsRead) {
    const std::string bytes = XlsxWithSheetData(R"(<row r="1">
<c r="A1" t="inlineStr"><is><t>inline</t></is></c>
<c r="B1" t="str"><f>A1</f><v>formel</v></c>
<c r="C1" t="b"><v>0</v></c>
<c r="D1" t="e"><v>#N/A</v></c>
<c r="E1" t="n"><v>-1.5E3</v></c>
<c r="F1"><v> 42 </v></c>
<c r="G1" t="d"><v>2024-02-29T00:00:00</v></c>
<c r="H1" s="0"/>
<c r="I1" t="inlineStr"><is><t></t></is></c>
</row>)");
    const Row row = ReadOk(bytes).sheets.at(0).rows.at(0);  // a copy: the workbook is a temporary
    ASSERT_EQ(row.cells.size(), 7u);                        // H1 has no value and I1 is empty text
    EXPECT_EQ(row.cells[0].text, "inline");
    EXPECT_EQ(row.cells[1].text, "formel");
    EXPECT_EQ(row.cells[2].kind, Kind::kBool);
    EXPECT_EQ(row.cells[2].text, "0");
    EXPECT_EQ(row.cells[3].kind, Kind::kText);
    EXPECT_EQ(row.cells[3].text, "#N/A");
    EXPECT_DOUBLE_EQ(row.cells[4].number, -1500);
    EXPECT_EQ(row.cells[4].text, "-1.5E3");  // the literal as the file wrote it
    EXPECT_EQ(row.cells[5].text, "42");
    EXPECT_EQ(row.cells[6].kind, Kind::kDate);
    EXPECT_DOUBLE_EQ(row.cells[6].number, 45351);
}

TEST(XlsxReader, CellsWithoutReferencesFollowTheirOrder) {
    const std::string bytes = XlsxWithSheetData(
        R"(<row><c><v>1</v></c><c r="C1"><v>3</v></c><c><v>4</v></c></row><row><c><v>5</v></c></row>)");
    const Sheet sheet = ReadOk(bytes).sheets.at(0);
    ASSERT_EQ(sheet.rows.size(), 2u);
    EXPECT_EQ(sheet.rows[0].number, 1);
    ASSERT_EQ(sheet.rows[0].cells.size(), 4u);
    EXPECT_DOUBLE_EQ(sheet.rows[0].cells[0].number, 1);
    EXPECT_TRUE(sheet.rows[0].cells[1].empty());
    EXPECT_DOUBLE_EQ(sheet.rows[0].cells[3].number, 4);
    EXPECT_EQ(sheet.rows[1].number, 2);
}

TEST(XlsxReader, DatesUseStylesAndThe1904System) {
    XlsxParts parts;
    parts.workbook = R"(<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"
 xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr date1904="1"/>
<sheets><sheet name="Mac" sheetId="1" r:id="rId1"/></sheets></workbook>)";
    parts.styles = R"(<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="2"><numFmt numFmtId="164" formatCode="[$-41D]d\ mmmm\ yyyy"/><numFmt numFmtId="165" formatCode="#,##0 &quot;dagar&quot;"/></numFmts>
<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>
<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="22"/></cellXfs>
</styleSheet>)";
    // 43889 in the 1904 system is 2024-02-29 (45351 in the 1900 system).
    parts.sheets[0].second = testing::SheetXml(
        R"(<row r="1"><c r="A1" s="1"><v>43889</v></c><c r="B1" s="2"><v>43889</v></c><c r="C1" s="3"><v>43889.5</v></c><c r="D1" s="0"><v>7</v></c><c r="E1" s="9"><v>8</v></c></row>)");
    const Row row = ReadOk(parts.Build()).sheets.at(0).rows.at(0);  // a copy: the workbook is a temporary
    ASSERT_EQ(row.cells.size(), 5u);
    EXPECT_EQ(row.cells[0].kind, Kind::kDate);
    EXPECT_DOUBLE_EQ(row.cells[0].number, 45351);
    EXPECT_EQ(row.cells[0].text, "43889");        // the literal, unshifted
    EXPECT_EQ(row.cells[1].kind, Kind::kNumber);  // "dagar" is quoted text, not a date
    EXPECT_DOUBLE_EQ(row.cells[1].number, 43889);
    EXPECT_EQ(row.cells[2].kind, Kind::kDate);  // built-in 22, "m/d/yy h:mm"
    EXPECT_DOUBLE_EQ(row.cells[2].number, 45351.5);
    EXPECT_EQ(row.cells[3].kind, Kind::kNumber);
    EXPECT_EQ(row.cells[4].kind, Kind::kNumber);  // an unknown style index is no date
}

}  // namespace
}  // namespace foljsam::io

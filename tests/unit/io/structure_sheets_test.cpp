// The structure sheets of an export: written and read back through a real XLSX file, rows
// parents first, and every problem reported with sheet, row and column.

#include "io/structure_sheets.hpp"

#include <gtest/gtest.h>

#include "io/export_workbook.hpp"
#include "io/spreadsheet.hpp"

namespace foljsam::io {
namespace {

std::vector<domain::Organisation> Organisations() {
    // A unit listed before its parent unit, which the sheet must put after it.
    return {{1, 1, std::nullopt, "Stockholms stad", "KOMMUN", "0180", true},
            {2, 1, 3, "Mottagning A", "KOMMUN", "", true},
            {3, 1, 1, "Socialförvaltningen", "KOMMUN", "0180", false},
            {4, 1, std::nullopt, "Försäkringskassan", "FK", "", true}};
}

std::vector<domain::Insats> Insatser() {
    domain::Insats a;
    a.id = 10;
    a.name = "Novum";
    a.description = "Stöd; för unga \"vuxna\"";
    a.start_date = domain::Date{2023, 1, 1};
    a.end_date = domain::Date{2027, 12, 31};
    a.self_referral_allowed = true;
    a.controller_org_id = 1;
    domain::Insats b;
    b.id = 11;
    b.name = "Forum";
    b.orientation = "STRUKTUR";
    b.follow_up_method = "VOLYM";
    b.controller_org_id = 4;
    b.registration_mode = "MED_ID";
    b.active = false;
    return {a, b};
}

Workbook ReadBack(const std::vector<ExportTable>& tables) {
    auto bytes = ExportXlsxBytes("test", tables);
    EXPECT_TRUE(bytes.ok()) << bytes.status().message();
    auto workbook = ReadSpreadsheet(bytes.ok() ? *bytes : "", "struktur.xlsx");
    EXPECT_TRUE(workbook.ok()) << workbook.status().message();
    return workbook.ok() ? *workbook : Workbook{};
}

TEST(StructureSheets, OrganisationsAreWrittenParentsFirst) {
    const ExportTable table = OrganisationTable(Organisations());
    ASSERT_EQ(table.rows.size(), 4u);
    std::vector<std::string> names;
    for (const auto& row : table.rows) names.push_back(row[0].text);
    EXPECT_EQ(names, (std::vector<std::string>{"Stockholms stad", "Socialförvaltningen", "Försäkringskassan",
                                               "Mottagning A"}));
    EXPECT_EQ(table.rows[3][2].text, "Socialförvaltningen");
    EXPECT_EQ(table.rows[2][1].text, "Försäkringskassan");
}

TEST(StructureSheets, WrittenStructureReadsBackUnchanged) {
    const Workbook workbook = ReadBack({OrganisationTable(Organisations()), InsatsTable(Insatser(), Organisations())});
    const StructureRows rows = ReadStructureSheets(workbook);
    for (const auto& issue : rows.issues) ADD_FAILURE() << Describe(issue);
    EXPECT_TRUE(rows.has_organisations);
    EXPECT_TRUE(rows.has_insatser);
    ASSERT_EQ(rows.organisations.size(), 4u);
    EXPECT_EQ(rows.organisations[0].name, "Stockholms stad");
    EXPECT_EQ(rows.organisations[0].member_type, "KOMMUN");
    EXPECT_EQ(rows.organisations[0].kommunkod, "0180");
    EXPECT_EQ(rows.organisations[1].parent_name, "Stockholms stad");
    EXPECT_FALSE(rows.organisations[1].active);
    EXPECT_EQ(rows.organisations[2].member_type, "FK");
    EXPECT_EQ(rows.organisations[3].parent_name, "Socialförvaltningen");
    ASSERT_EQ(rows.insatser.size(), 2u);
    const InsatsRow& a = rows.insatser[0];
    EXPECT_EQ(a.name, "Novum");
    EXPECT_EQ(a.description, "Stöd; för unga \"vuxna\"");
    EXPECT_EQ(a.start_date, (domain::Date{2023, 1, 1}));
    EXPECT_EQ(a.end_date, (domain::Date{2027, 12, 31}));
    EXPECT_EQ(a.orientation, "INDIVID");
    EXPECT_EQ(a.follow_up_method, "INDIVIDUELL");
    EXPECT_TRUE(a.self_referral_allowed);
    EXPECT_EQ(a.controller_name, "Stockholms stad");
    EXPECT_EQ(a.registration_mode, "UTAN_ID");
    EXPECT_TRUE(a.active);
    const InsatsRow& b = rows.insatser[1];
    EXPECT_EQ(b.orientation, "STRUKTUR");
    EXPECT_EQ(b.follow_up_method, "VOLYM");
    EXPECT_EQ(b.controller_name, "Försäkringskassan");
    EXPECT_EQ(b.registration_mode, "MED_ID");
    EXPECT_FALSE(b.self_referral_allowed);
    EXPECT_FALSE(b.active);
}

TEST(StructureSheets, CsvOfTheSheetsReadsBackToo) {
    auto organisations = ReadSpreadsheet(ExportCsv(OrganisationTable(Organisations())), "org.csv");
    ASSERT_TRUE(organisations.ok());
    organisations->sheets.front().name = std::string(kOrganisationSheet);  // a CSV has no sheet name
    const StructureRows rows = ReadStructureSheets(*organisations);
    EXPECT_TRUE(rows.issues.empty());
    EXPECT_EQ(rows.organisations.size(), 4u);
}

Row TextRow(int number, const std::vector<std::string>& texts) {
    Row row{number, {}};
    for (const auto& text : texts) row.cells.push_back(text.empty() ? Cell{} : Cell{Cell::Kind::kText, text, 0});
    return row;
}

TEST(StructureSheets, ProblemsNameSheetRowAndColumn) {
    Workbook workbook;
    workbook.sheets.push_back(
        {"Organisationer",
         {TextRow(1, {"Namn", "Medlemstyp", "Överordnad", "Kommunkod", "Aktiv"}),
          TextRow(2, {"Kommunen", "Kommun", "", "180", ""}), TextRow(3, {"Okänd typ", "Landsting", "", "", ""}),
          TextRow(4, {"Utan typ", "", "", "", "Kanske"}), TextRow(5, {"Enhet", "", "Kommunen", "", "Ja"})}});
    workbook.sheets.push_back(
        {"insatser",  // names match like headers
         {TextRow(1, {"namn", "Startdatum", "Slutdatum", "Inriktning", "Egenanmälan"}),
          TextRow(2, {"A", "2025-13-01", "", "", ""}), TextRow(3, {"B", "2025-05-01", "2025-04-01", "Blandad", "Ja"}),
          TextRow(4, {"C", "", "", "", "x"})}});
    const StructureRows rows = ReadStructureSheets(workbook);
    std::vector<std::string> seen;
    for (const auto& issue : rows.issues)
        seen.push_back(issue.sheet + "|" + std::to_string(issue.row) + "|" + issue.column);
    EXPECT_EQ(seen,
              (std::vector<std::string>{"Organisationer|2|Kommunkod", "Organisationer|3|Medlemstyp",
                                        "Organisationer|4|Medlemstyp", "Organisationer|4|Aktiv",
                                        "insatser|2|Startdatum", "insatser|3|Slutdatum", "insatser|3|Inriktning"}));
    ASSERT_EQ(rows.organisations.size(), 1u);
    EXPECT_EQ(rows.organisations[0].name, "Enhet");
    ASSERT_EQ(rows.insatser.size(), 1u);
    EXPECT_EQ(rows.insatser[0].name, "C");
    EXPECT_TRUE(rows.insatser[0].self_referral_allowed);
    EXPECT_EQ(Describe(rows.issues[0]),
              "Organisationer, rad 2, kolumn Kommunkod, värde \"180\": En kommunkod med fyra "
              "siffror, t.ex. 0180.");
}

TEST(StructureSheets, ASheetWithoutNamesIsOneIssue) {
    Workbook workbook;
    workbook.sheets.push_back({"Insatser", {TextRow(1, {"Beskrivning"}), TextRow(2, {"x"})}});
    const StructureRows rows = ReadStructureSheets(workbook);
    ASSERT_EQ(rows.issues.size(), 1u);
    EXPECT_EQ(rows.issues[0].row, 0);
    EXPECT_FALSE(rows.has_organisations);
}

}  // namespace
}  // namespace foljsam::io

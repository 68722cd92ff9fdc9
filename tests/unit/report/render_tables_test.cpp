// Renderers of composed reports (report/render_tables.hpp): CSV for Swedish Excel and the
// XLSX workbook. The tables are made by hand with every kind of display cell: counts above
// 999 (shown with a no-break space), suppression markers, shares, changes, total rows,
// notes, bar and line charts. The XLSX's contents are read back by LibreOffice in
// tests/integration/report_export_test.cpp; here only that a workbook is written.

#include "report/render_tables.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "report/cell_lookup.hpp"

namespace foljsam::report {
namespace {

ViewCell Hidden(const std::string& marker) { return ViewCell{marker, std::nullopt, false, true}; }
ViewCell Percent(double value, const std::string& text) { return ViewCell{text, value, true, false}; }

std::vector<ViewSection> Sections() {
    ViewTable overview;
    overview.id = "oversikt";
    overview.caption = "Deltaganden 2025 jämfört med samma period året innan";
    overview.row_header = "Mått";
    overview.columns = {"2025", "2024", "Förändring"};
    overview.rows = {
        {"Påbörjade, totalt", {CountCell(1234), CountCell(1231), CellLookup::Change(1234, 1231)}, true},
        {"Påbörjade, män", {Hidden("<5"), CountCell(7), DashCell()}, false},
        {"Avslutade; totalt", {CountCell(10), CountCell(12), CellLookup::Change(10, 12)}, false},
        {"Per 10 000 invånare", {ViewCell{"1\u00a0234,5", 1234.5, false, false}, DashCell(), DashCell()}, false}};
    overview.chart = ChartSpec{"diagram-oversikt",
                               "Deltaganden",
                               "Siffrorna finns i tabellen ovanför diagrammet.",
                               {"Påbörjade", "Avslutade"},
                               {{"2025", {1234, 10}, {"1 234", "10"}}, {"2024", {1231, 12}, {"1 231", "12"}}}};
    ViewTable shares;
    shares.id = "utveckling-andelar";
    shares.caption = "Andel kvinnor [per år]";
    shares.row_header = "År";
    shares.columns = {"Andel kvinnor"};
    shares.rows = {{"2024", {Percent(100.0 / 3, "33 %")}, false}, {"2025", {Hidden("–")}, false}};
    shares.note = "En deltagare kan ha flera svar.";
    shares.chart = ChartSpec{"diagram-andelar",
                             "Andel kvinnor",
                             "",
                             {"2024", "2025"},
                             {{"Andel kvinnor", {100.0 / 3, std::nullopt}, {"33 %", "–"}}},
                             true};
    shares.line_chart = true;
    ViewTable same_caption = shares;  // two sheets that would get the same name
    same_caption.id = "utveckling-andelar-2";
    same_caption.chart.reset();
    return {ViewSection{"oversikt", "Översikt", "", {overview}},
            ViewSection{"utveckling", "Utveckling", "", {shares, same_caption}}};
}

TablesDocument Doc() {
    TablesDocument doc;
    doc.title = "Uppföljning 2025 – Alla insatser";
    doc.forbund_name = "Samordningsförbundet Test";
    doc.period = Period::Year(2025);
    doc.insats_names = {{1, "Steg ett"}, {2, "Vägen vidare"}};
    doc.generated_at = "2026-01-02 03:04";
    return doc;
}

std::vector<std::string> Lines(const std::string& csv) {
    std::vector<std::string> lines;
    size_t start = 0;
    for (size_t end; (end = csv.find("\r\n", start)) != std::string::npos; start = end + 2)
        lines.push_back(csv.substr(start, end - start));
    return lines;
}

TEST(RenderTablesCsv, IsUtf8WithBomSemicolonsAndCrlf) {
    const std::string csv = RenderTablesCsv(Doc(), Sections());
    EXPECT_EQ(csv.rfind("\xEF\xBB\xBF", 0), 0u);
    EXPECT_EQ(csv.substr(csv.size() - 2), "\r\n");
    for (size_t pos = 0; (pos = csv.find('\n', pos)) != std::string::npos; ++pos)
        ASSERT_EQ(csv[pos - 1], '\r') << "a bare LF at byte " << pos;
    const auto lines = Lines(csv);
    EXPECT_NE(std::find(lines.begin(), lines.end(), "Mått;2025;2024;Förändring"), lines.end()) << csv;
}

TEST(RenderTablesCsv, CountsArePlainIntegersAndHiddenCellsTheirMarkers) {
    const std::string csv = RenderTablesCsv(Doc(), Sections());
    const auto lines = Lines(csv);
    auto has = [&](const std::string& line) { return std::find(lines.begin(), lines.end(), line) != lines.end(); };
    // No no-break space in a count: Excel would read "1 234" as text.
    EXPECT_TRUE(has("Påbörjade, totalt;1234;1231;+3")) << csv;
    EXPECT_EQ(csv.find("\xC2\xA0"), std::string::npos);
    EXPECT_TRUE(has("Påbörjade, män;<5;7;–")) << csv;
    // A negative change as a plain minus, so Excel reads a number; ';' in a label quoted.
    EXPECT_TRUE(has("\"Avslutade; totalt\";10;12;-2")) << csv;
    EXPECT_TRUE(has("Per 10 000 invånare;1234,5;–;–")) << csv;
    EXPECT_TRUE(has("2024;33 %")) << csv;
    EXPECT_TRUE(has("2025;–")) << csv;
    EXPECT_TRUE(has("En deltagare kan ha flera svar.")) << csv;
    EXPECT_NE(csv.find("visas som <5"), std::string::npos) << "the suppression line";
}

TEST(RenderTablesCsv, UnsuppressedDocumentHasNoSuppressionLine) {
    TablesDocument doc = Doc();
    doc.suppression_applied = false;
    EXPECT_EQ(RenderTablesCsv(doc, Sections()).find("Små tal är dolda"), std::string::npos);
}

class RenderTablesXlsxTest : public ::testing::Test {
   protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() / ("foljsam-tables-" + std::to_string(::getpid()));
        std::filesystem::create_directories(dir_);
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }
    std::string Bytes(const std::filesystem::path& path) {
        std::ifstream in(path, std::ios::binary);
        return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    }
    std::filesystem::path dir_;
};

TEST_F(RenderTablesXlsxTest, WritesAZipWorkbookWithASheetPerTableAndCharts) {
    const auto path = dir_ / "uppfoljning.xlsx";
    const Status written = RenderTablesXlsx(Doc(), Sections(), path);
    ASSERT_TRUE(written.ok()) << written.message() << " " << written.internal();
    const std::string bytes = Bytes(path);
    ASSERT_GE(bytes.size(), 4u);
    EXPECT_EQ(bytes.substr(0, 2), "PK");
    // Entry names are stored uncompressed: "Om rapporten" and three tables, two charts.
    EXPECT_NE(bytes.find("xl/worksheets/sheet4.xml"), std::string::npos);
    EXPECT_EQ(bytes.find("xl/worksheets/sheet5.xml"), std::string::npos);
    EXPECT_NE(bytes.find("xl/charts/chart2.xml"), std::string::npos);
    EXPECT_EQ(bytes.find("xl/charts/chart3.xml"), std::string::npos);
}

TEST_F(RenderTablesXlsxTest, NoTablesStillWritesTheSheetAboutTheReport) {
    const auto path = dir_ / "tom.xlsx";
    ASSERT_TRUE(RenderTablesXlsx(Doc(), {}, path).ok());
    const std::string bytes = Bytes(path);
    EXPECT_NE(bytes.find("xl/worksheets/sheet1.xml"), std::string::npos);
    EXPECT_EQ(bytes.find("xl/worksheets/sheet2.xml"), std::string::npos);
}

TEST_F(RenderTablesXlsxTest, UnwritablePathIsAFailureNotSuccess) {
    const Status written = RenderTablesXlsx(Doc(), Sections(), dir_ / "saknas" / "uppfoljning.xlsx");
    EXPECT_FALSE(written.ok());
    EXPECT_EQ(written.code(), StatusCode::kUnavailable) << written.internal();
}

}  // namespace
}  // namespace foljsam::report

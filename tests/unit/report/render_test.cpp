// Renderers (report/render.hpp): CSV for Swedish Excel, the JSON contract, XLSX.
// The report: two insatser, gender x insats, with small counts so that suppression hides
// cells (primary and secondary) and the renderers must show markers, never the values.

#include "report/render.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "report/engine.hpp"
#include "report/measure.hpp"
#include "report/suppression.hpp"

namespace foljsam::report {
namespace {

std::vector<Fact> Facts() {
    std::vector<Fact> facts;
    auto add = [&](long long insats, const char* gender, int count) {
        for (int idx = 0; idx < count; ++idx) {
            Fact fact;
            fact.insats_id = insats;
            fact.gender = gender;
            fact.start_date = domain::Date{2025, 1 + idx % 12, 1 + idx % 28};
            facts.push_back(fact);
        }
    };
    add(1, "K", 20);
    add(1, "M", 2);
    add(2, "K", 9);
    add(2, "M", 7);
    return facts;
}

Report SuppressedReport() {
    auto report = Compute(Facts(), Query{{Measure::kStarted, Measure::kParticipated},
                                         {Dimension::kGender, Dimension::kInsats},
                                         Period::Year(2025),
                                         {}});
    EXPECT_TRUE(report.ok());
    EXPECT_TRUE(Suppress(*report, SuppressionOptions{5}).ok());
    return *report;
}

RenderInput InputFor(const Report& report) {
    return RenderInput{.report = report,
                       .period = Period::Year(2025),
                       .insats_names = {{1, "Steg; \"ett\""}, {2, "Vägen\nvidare"}},
                       .forbund_name = "Samordningsförbundet Test",
                       .threshold = 5,
                       .suppression_applied = true,
                       .generated_at = "2026-01-02 03:04"};
}

std::vector<std::string> Lines(const std::string& csv) {
    // Splits on CRLF only: a quoted field may hold a bare LF.
    std::vector<std::string> lines;
    size_t start = 0;
    for (size_t pos; (pos = csv.find("\r\n", start)) != std::string::npos; start = pos + 2)
        lines.push_back(csv.substr(start, pos - start));
    EXPECT_EQ(start, csv.size()) << "the last line must end with CRLF";
    return lines;
}

TEST(RenderCsv, StartsWithBomAndUsesSemicolonsAndCrlf) {
    const Report report = SuppressedReport();
    const std::string csv = RenderCsv(InputFor(report));
    ASSERT_GE(csv.size(), 3u);
    EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
    const auto lines = Lines(csv.substr(3));
    ASSERT_EQ(lines.size(), report.cells.size() + 1);
    EXPECT_EQ(lines[0], "Mått;Kön;Insats;Värde;Dolt");
    EXPECT_EQ(lines[1], "Påbörjade;Totalt;Totalt;38;nej");
}

TEST(RenderCsv, QuotesFieldsWithSeparatorsQuotesAndLineBreaks) {
    const Report report = SuppressedReport();
    const std::string csv = RenderCsv(InputFor(report));
    EXPECT_NE(csv.find("\r\nPåbörjade;Totalt;\"Steg; \"\"ett\"\"\";"), std::string::npos) << csv;
    EXPECT_NE(csv.find("\r\nPåbörjade;Totalt;\"Vägen\nvidare\";"), std::string::npos) << csv;
    EXPECT_NE(csv.find("\r\nPåbörjade;Kvinna;Totalt;29;nej\r\n"), std::string::npos) << csv;
}

TEST(RenderCsv, ShowsMarkersForSuppressedCellsAndNeverTheirValues) {
    const Report report = SuppressedReport();
    const RenderInput input = InputFor(report);
    const auto lines = Lines(RenderCsv(input).substr(3));
    int hidden = 0;
    for (size_t idx = 0; idx < report.cells.size(); ++idx) {
        const Cell& cell = report.cells[idx];
        const std::string& line = lines[idx + 1];
        const std::string tail = line.substr(line.rfind(';', line.size() - (cell.suppressed ? 4 : 5) - 1) + 1);
        if (!cell.suppressed) {
            EXPECT_EQ(tail, std::to_string(cell.value) + ";nej") << line;
            continue;
        }
        ++hidden;
        EXPECT_EQ(tail, DisplayValue(cell, 5) + ";ja") << line;
        EXPECT_TRUE(tail == "<5;ja" || tail == "–;ja") << line;
    }
    EXPECT_GE(hidden, 2) << "the fixture must exercise suppression";
}

TEST(RenderCsv, ShowsTrueValuesWhenSuppressionDoesNotApply) {
    const Report report = SuppressedReport();
    RenderInput input = InputFor(report);
    input.suppression_applied = false;
    const std::string csv = RenderCsv(input);
    EXPECT_EQ(csv.find("<5"), std::string::npos);
    EXPECT_EQ(csv.find(";ja\r\n"), std::string::npos);
    EXPECT_NE(csv.find("\r\nPåbörjade;Man;\"Steg; \"\"ett\"\"\";2;nej\r\n"), std::string::npos) << csv;
}

TEST(RenderJson, RoundTripsTheCells) {
    const Report report = SuppressedReport();
    const auto doc = nlohmann::json::parse(RenderJson(InputFor(report)));
    EXPECT_EQ(doc["period"]["from"], "2025-01-01");
    EXPECT_EQ(doc["period"]["to"], "2025-12-31");
    EXPECT_EQ(doc["scope"]["forbund"], "Samordningsförbundet Test");
    EXPECT_EQ(doc["scope"]["insatser"], (nlohmann::json{"Steg; \"ett\"", "Vägen\nvidare"}));
    EXPECT_EQ(doc["suppression"]["threshold"], 5);
    EXPECT_EQ(doc["suppression"]["applied"], true);
    const auto& cells = doc["cells"];
    ASSERT_EQ(cells.size(), report.cells.size());
    for (size_t idx = 0; idx < report.cells.size(); ++idx) {
        const Cell& cell = report.cells[idx];
        const auto& json = cells[idx];
        EXPECT_EQ(json["measure"], std::string(MeasureName(cell.measure)));
        ASSERT_EQ(json["by"].size(), cell.by.size());
        for (const auto& [dimension, value] : cell.by) {
            const std::string expected = dimension != Dimension::kInsats ? value
                                         : value == "1"                  ? "Steg; \"ett\""
                                                                         : "Vägen\nvidare";
            EXPECT_EQ(json["by"][std::string(DimensionName(dimension))], expected);
        }
        EXPECT_EQ(json["suppressed"], cell.suppressed);
        if (cell.suppressed) {
            EXPECT_TRUE(json["value"].is_null()) << json.dump();
        } else {
            EXPECT_EQ(json["value"], cell.value);
        }
    }
}

class RenderXlsxTest : public ::testing::Test {
   protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() / ("foljsam-render-" + std::to_string(::getpid()));
        std::filesystem::create_directories(dir_);
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }
    std::filesystem::path dir_;
};

TEST_F(RenderXlsxTest, WritesAZipWorkbook) {
    const Report report = SuppressedReport();
    const auto path = dir_ / "rapport.xlsx";
    const Status written = RenderXlsx(InputFor(report), path);
    ASSERT_TRUE(written.ok()) << written.message() << " " << written.internal();
    std::ifstream in(path, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ASSERT_GE(bytes.size(), 4u);
    EXPECT_EQ(bytes.substr(0, 2), "PK");
    EXPECT_NE(bytes.find("xl/charts/chart1.xml"), std::string::npos) << "a native chart";
}

TEST_F(RenderXlsxTest, TotalsOnlyReportHasNoChartButIsWritten) {
    auto report = Compute(Facts(), Query{{Measure::kStarted}, {}, Period::Year(2025), {}});
    ASSERT_TRUE(report.ok());
    const auto path = dir_ / "totalt.xlsx";
    ASSERT_TRUE(RenderXlsx(InputFor(*report), path).ok());
    EXPECT_GT(std::filesystem::file_size(path), 0u);
}

TEST_F(RenderXlsxTest, UnwritablePathIsAFailureNotSuccess) {
    const Report report = SuppressedReport();
    const Status written = RenderXlsx(InputFor(report), dir_ / "saknas" / "rapport.xlsx");
    EXPECT_FALSE(written.ok());
    EXPECT_EQ(written.code(), StatusCode::kUnavailable) << written.internal();
}

}  // namespace
}  // namespace foljsam::report

// Use case: export a report (issue 3, "Done when": the same numbers in XLSX and JSON).
// The XLSX is read back by a real third-party reader: LibreOffice converts every sheet to
// CSV, and every number and marker on the data sheets is compared with the JSON cells.
// LibreOffice is a test dependency (scripts/setup installs libreoffice-calc-nogui); when
// soffice is missing the test fails, because a skipped test would hide the gap. The HTML
// document's tables are read back too and compared with the same JSON cells.

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "domain/date.hpp"
#include "report/cell.hpp"
#include "report/dimension.hpp"
#include "report/engine.hpp"
#include "report/measure.hpp"
#include "report/render.hpp"
#include "report/suppression.hpp"
#include "support/markup.hpp"

namespace {

namespace fs = std::filesystem;
namespace report = foljsam::report;
using report::Dimension;
using report::Measure;

// Two insatser, gender x insats, counts chosen so that suppression hides cells.
std::vector<report::Fact> Facts() {
    std::vector<report::Fact> facts;
    auto add = [&](long long insats, const char* gender, int count, bool ended) {
        for (int idx = 0; idx < count; ++idx) {
            report::Fact fact;
            fact.insats_id = insats;
            fact.gender = gender;
            fact.start_date = foljsam::domain::Date{2025, 1 + idx % 12, 1 + idx % 28};
            if (ended) {
                fact.end_date = foljsam::domain::Date{2025, 12, 1};
                fact.exit_reason = idx % 2 ? "ARBETE" : "STUDIER";
            }
            facts.push_back(fact);
        }
    };
    add(1, "K", 1200, false);  // above 999, so a thousands separator would show if formatted
    add(1, "M", 2, true);
    add(1, "X", 1, false);
    add(2, "K", 9, true);
    add(2, "M", 7, false);
    return facts;
}

// RFC 4180 records: ',' between fields, '"' quotes, doubled inside; line breaks in quotes.
std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
    std::vector<std::vector<std::string>> rows(1);
    std::string field;
    bool quoted = false;
    for (size_t pos = 0; pos < text.size(); ++pos) {
        const char ch = text[pos];
        if (quoted) {
            if (ch == '"' && pos + 1 < text.size() && text[pos + 1] == '"') {
                field += '"';
                ++pos;
            } else if (ch == '"') {
                quoted = false;
            } else {
                field += ch;
            }
        } else if (ch == '"') {
            quoted = true;
        } else if (ch == ',') {
            rows.back().push_back(std::move(field));
            field.clear();
        } else if (ch == '\n' || ch == '\r') {
            if (ch == '\r' && pos + 1 < text.size() && text[pos + 1] == '\n') ++pos;
            rows.back().push_back(std::move(field));
            field.clear();
            rows.emplace_back();
        } else {
            field += ch;
        }
    }
    if (!field.empty() || !rows.back().empty()) rows.back().push_back(std::move(field));
    if (rows.back().empty()) rows.pop_back();
    return rows;
}

std::string ReadFile(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

class ReportExport : public ::testing::Test {
   protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("foljsam-export-" + std::to_string(::getpid()));
        fs::remove_all(dir_);
        fs::create_directories(dir_ / "csv");
    }
    void TearDown() override {
        fs::remove_all(dir_);
        fs::remove_all(profile_);
    }
    // Every sheet of `xlsx` as its own CSV file in dir_/csv (LibreOffice 7.4's sheet
    // option -1 writes "<name>-<sheet>.csv"). Token 9 false: raw numbers, not as shown.
    void ConvertToCsv(const fs::path& xlsx) {
        ASSERT_EQ(std::system("command -v soffice >/dev/null 2>&1"), 0)
            << "soffice (LibreOffice) is not installed: the XLSX read-back test needs it. "
               "Run scripts/setup, or apt-get install --no-install-recommends libreoffice-calc-nogui.";
        profile_ = fs::temp_directory_path() / ("foljsam-lo-" + std::to_string(::getpid()));
        const std::string command =
            "soffice --headless -env:UserInstallation=file://" + profile_.string() +
            " --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1'"
            " --outdir '" +
            (dir_ / "csv").string() + "' '" + xlsx.string() + "' >'" + (dir_ / "soffice.log").string() + "' 2>&1";
        ASSERT_EQ(std::system(command.c_str()), 0) << command << "\n" << ReadFile(dir_ / "soffice.log");
    }
    fs::path dir_;
    fs::path profile_;
};

// What each JSON cell must look like in a table: keyed by measure label and the Swedish
// labels of its (dimension label, value label) pairs.
using Key = std::pair<std::string, std::map<std::string, std::string>>;

// The report every export test renders: three measures by gender x insats, suppressed.
struct Rendered {
    report::Query query{{Measure::kStarted, Measure::kParticipated, Measure::kEndedToWorkOrStudies},
                        {Dimension::kGender, Dimension::kInsats},
                        report::Period::Year(2025),
                        {}};
    report::Report computed;
    report::RenderInput Input() const {
        return report::RenderInput{.report = computed,
                                   .period = query.period,
                                   .insats_names = {{1, "Steg, \"ett\" <1> & co"}, {2, "Vägen vidare"}},
                                   .forbund_name = "Samordningsförbundet Test",
                                   .threshold = 5,
                                   .suppression_applied = true,
                                   .generated_at = "2026-01-02 03:04"};
    }
};

Rendered RenderedReport() {
    Rendered rendered;
    auto computed = report::Compute(Facts(), rendered.query);
    EXPECT_TRUE(computed.ok()) << computed.status().message();
    if (!computed.ok()) return rendered;
    EXPECT_TRUE(report::Suppress(*computed, report::SuppressionOptions{5}).ok());
    rendered.computed = *computed;
    return rendered;
}

// The expected text of every cell, from the JSON contract. The marker of a hidden cell
// comes from the engine's cell: JSON deliberately does not carry it.
std::map<Key, std::string> ExpectedCells(const Rendered& rendered) {
    const auto json = nlohmann::json::parse(report::RenderJson(rendered.Input()));
    std::map<Key, std::string> expected;
    int hidden = 0;
    EXPECT_EQ(json["cells"].size(), rendered.computed.cells.size());
    for (size_t idx = 0; idx < json["cells"].size(); ++idx) {
        const auto& cell = json["cells"][idx];
        const report::Measure measure = *report::ParseMeasure(cell["measure"].get<std::string>());
        Key key{std::string(report::MeasureLabel(measure)), {}};
        for (const auto& [name, value] : cell["by"].items()) {
            const Dimension dimension = *report::ParseDimension(name);
            // JSON names the insats; the tables do too. Other values are codes there.
            key.second[std::string(report::DimensionLabel(dimension))] =
                dimension == Dimension::kInsats ? value.get<std::string>()
                                                : report::ValueLabel(dimension, value.get<std::string>());
        }
        if (cell["suppressed"].get<bool>()) {
            EXPECT_TRUE(cell["value"].is_null());
            ++hidden;
            expected[key] = report::DisplayValue(rendered.computed.cells[idx], 5);
        } else {
            expected[key] = std::to_string(cell["value"].get<long long>());
        }
    }
    EXPECT_EQ(expected.size(), rendered.computed.cells.size()) << "two cells with the same labels";
    EXPECT_GE(hidden, 2) << "the fixture must exercise suppression";
    return expected;
}

// Checks one table read back from an export (a header row, then a row per value: the
// value labels, then a column per measure) against `expected`, recording each cell in
// `seen`. False when `rows` has no measure column, i.e. is no table.
bool CheckTable(const std::string& where, const std::vector<std::vector<std::string>>& rows, const report::Query& query,
                const std::map<Key, std::string>& expected, std::map<Key, std::string>& seen) {
    std::set<std::string> measure_labels;
    for (Measure measure : query.measures) measure_labels.insert(std::string(report::MeasureLabel(measure)));
    EXPECT_FALSE(rows.empty()) << where;
    if (rows.empty()) return false;
    const auto& header = rows[0];
    size_t first_measure = 0;
    while (first_measure < header.size() && !measure_labels.count(header[first_measure])) ++first_measure;
    if (first_measure == header.size()) return false;
    EXPECT_EQ(header.size() - first_measure, query.measures.size()) << where;
    for (size_t row_idx = 1; row_idx < rows.size(); ++row_idx) {
        const auto& row = rows[row_idx];
        EXPECT_EQ(row.size(), header.size()) << where << " row " << row_idx;
        if (row.size() != header.size()) continue;
        std::map<std::string, std::string> by;
        for (size_t col = 0; col < first_measure; ++col)
            if (!header[col].empty()) by[header[col]] = row[col];  // the totals table has no dimension
        for (size_t col = first_measure; col < header.size(); ++col) {
            const Key key{header[col], by};
            auto it = expected.find(key);
            EXPECT_NE(it, expected.end())
                << where << " row " << row_idx << " column " << header[col] << " has no JSON cell";
            if (it == expected.end()) continue;
            EXPECT_EQ(row[col], it->second) << where << " row " << row_idx << " column " << header[col];
            EXPECT_TRUE(seen.emplace(key, row[col]).second) << "shown twice: " << where;
        }
    }
    return true;
}

TEST_F(ReportExport, XlsxReadBackByLibreOfficeMatchesTheJsonCells) {
    const Rendered rendered = RenderedReport();
    const fs::path xlsx = dir_ / "rapport.xlsx";
    const foljsam::Status written = report::RenderXlsx(rendered.Input(), xlsx);
    ASSERT_TRUE(written.ok()) << written.message() << " " << written.internal();
    const auto expected = ExpectedCells(rendered);
    ConvertToCsv(xlsx);

    std::map<Key, std::string> seen;
    int data_sheets = 0;
    bool about_sheet = false;
    for (const auto& entry : fs::directory_iterator(dir_ / "csv")) {
        const std::string text = ReadFile(entry.path());
        if (CheckTable(entry.path().string(), ParseCsv(text), rendered.query, expected, seen)) {
            ++data_sheets;
        } else {
            about_sheet = text.find("Skydd för små tal") != std::string::npos;  // the sheet about the report
        }
    }
    EXPECT_EQ(data_sheets, 4) << "Totalt, Kön, Insats, Kön × Insats";
    EXPECT_TRUE(about_sheet) << "the sheet \"Om rapporten\"";
    EXPECT_EQ(seen.size(), expected.size()) << "every JSON cell appears in the workbook";
}

// The HTML document's tables, read as text with references resolved, against the same
// JSON cells: the header row's <th> texts (the totals' empty corner included), then each
// row's label and value cells.
TEST_F(ReportExport, HtmlTablesMatchTheJsonCells) {
    const Rendered rendered = RenderedReport();
    const std::string html = report::RenderHtml(rendered.Input());
    EXPECT_EQ(foljsam::testing::MarkupProblem(html), "");
    const auto expected = ExpectedCells(rendered);
    std::map<Key, std::string> seen;
    const auto tables = foljsam::testing::HtmlTablesOf(html);
    for (const auto& table : tables) {
        std::vector<std::vector<std::string>> rows;
        for (const auto& row : table.rows) {
            rows.emplace_back();
            for (const auto& cell : row) rows.back().push_back(cell.text);
        }
        EXPECT_TRUE(CheckTable(table.caption, rows, rendered.query, expected, seen)) << table.caption;
    }
    EXPECT_EQ(tables.size(), 4u) << "Totalt, Kön, Insats, Kön × Insats";
    EXPECT_EQ(seen.size(), expected.size()) << "every JSON cell appears in the document";
}

}  // namespace

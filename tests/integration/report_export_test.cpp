// Use case: export a report (issue 3, "Done when": the same numbers in XLSX and JSON).
// The XLSX is read back by a real third-party reader: LibreOffice converts every sheet to
// CSV, and every number and marker on the data sheets is compared with the JSON cells.
// LibreOffice is a test dependency (scripts/setup installs libreoffice-calc-nogui); when
// soffice is missing the test fails, because a skipped test would hide the gap.

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "domain/date.hpp"
#include "report/cell.hpp"
#include "report/dimension.hpp"
#include "report/engine.hpp"
#include "report/measure.hpp"
#include "report/render.hpp"
#include "report/suppression.hpp"

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

TEST_F(ReportExport, XlsxReadBackByLibreOfficeMatchesTheJsonCells) {
    const report::Query query{{Measure::kStarted, Measure::kParticipated, Measure::kEndedToWorkOrStudies},
                              {Dimension::kGender, Dimension::kInsats},
                              report::Period::Year(2025),
                              {}};
    auto computed = report::Compute(Facts(), query);
    ASSERT_TRUE(computed.ok()) << computed.status().message();
    ASSERT_TRUE(report::Suppress(*computed, report::SuppressionOptions{5}).ok());
    const report::RenderInput input{.report = *computed,
                                    .period = query.period,
                                    .insats_names = {{1, "Steg, \"ett\""}, {2, "Vägen vidare"}},
                                    .forbund_name = "Samordningsförbundet Test",
                                    .threshold = 5,
                                    .suppression_applied = true,
                                    .generated_at = "2026-01-02 03:04"};
    const fs::path xlsx = dir_ / "rapport.xlsx";
    const foljsam::Status written = report::RenderXlsx(input, xlsx);
    ASSERT_TRUE(written.ok()) << written.message() << " " << written.internal();
    const auto json = nlohmann::json::parse(report::RenderJson(input));
    ConvertToCsv(xlsx);

    // What each JSON cell must look like in the sheets: keyed by measure label and the
    // Swedish labels of its (dimension label, value label) pairs.
    using Key = std::pair<std::string, std::map<std::string, std::string>>;
    std::map<Key, std::string> expected;
    int hidden = 0;
    ASSERT_EQ(json["cells"].size(), computed->cells.size());
    for (size_t idx = 0; idx < computed->cells.size(); ++idx) {
        const auto& cell = json["cells"][idx];
        const report::Measure measure = *report::ParseMeasure(cell["measure"].get<std::string>());
        Key key{std::string(report::MeasureLabel(measure)), {}};
        for (const auto& [name, value] : cell["by"].items()) {
            const Dimension dimension = *report::ParseDimension(name);
            // JSON names the insats; the sheets do too. Other values are codes there.
            key.second[std::string(report::DimensionLabel(dimension))] =
                dimension == Dimension::kInsats ? value.get<std::string>()
                                                : report::ValueLabel(dimension, value.get<std::string>());
        }
        if (cell["suppressed"].get<bool>()) {
            ASSERT_TRUE(cell["value"].is_null());
            ++hidden;
            // The marker comes from the engine's cell: JSON deliberately does not carry it.
            expected[key] = report::DisplayValue(computed->cells[idx], 5);
        } else {
            expected[key] = std::to_string(cell["value"].get<long long>());
        }
    }
    ASSERT_EQ(expected.size(), computed->cells.size()) << "two cells with the same labels";
    ASSERT_GE(hidden, 2) << "the fixture must exercise suppression";

    std::map<std::string, std::string> measure_labels;  // label -> itself, for lookup
    for (Measure measure : query.measures) measure_labels[std::string(report::MeasureLabel(measure))] = "";
    std::map<Key, std::string> seen;
    int data_sheets = 0;
    bool about_sheet = false;
    for (const auto& entry : fs::directory_iterator(dir_ / "csv")) {
        const auto rows = ParseCsv(ReadFile(entry.path()));
        ASSERT_FALSE(rows.empty()) << entry.path();
        const auto& header = rows[0];
        size_t first_measure = 0;
        while (first_measure < header.size() && !measure_labels.count(header[first_measure])) ++first_measure;
        if (first_measure == header.size()) {
            // Not a table: the sheet about the report.
            about_sheet = ReadFile(entry.path()).find("Skydd för små tal") != std::string::npos;
            continue;
        }
        ++data_sheets;
        ASSERT_EQ(header.size() - first_measure, query.measures.size()) << entry.path();
        for (size_t row_idx = 1; row_idx < rows.size(); ++row_idx) {
            const auto& row = rows[row_idx];
            ASSERT_EQ(row.size(), header.size()) << entry.path() << " row " << row_idx;
            std::map<std::string, std::string> by;
            for (size_t col = 0; col < first_measure; ++col)
                if (!header[col].empty()) by[header[col]] = row[col];  // the totals sheet has no dimension
            for (size_t col = first_measure; col < header.size(); ++col) {
                const Key key{header[col], by};
                auto it = expected.find(key);
                ASSERT_NE(it, expected.end())
                    << entry.path() << " row " << row_idx << " column " << header[col] << " has no JSON cell";
                EXPECT_EQ(row[col], it->second) << entry.path() << " row " << row_idx << " column " << header[col];
                EXPECT_TRUE(seen.emplace(key, row[col]).second) << "shown twice: " << entry.path();
            }
        }
    }
    EXPECT_EQ(data_sheets, 4) << "Totalt, Kön, Insats, Kön × Insats";
    EXPECT_TRUE(about_sheet) << "the sheet \"Om rapporten\"";
    EXPECT_EQ(seen.size(), expected.size()) << "every JSON cell appears in the workbook";
}

}  // namespace

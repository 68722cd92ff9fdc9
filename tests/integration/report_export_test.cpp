// Use case: export a report (issue 3, "Done when": the same numbers in XLSX and JSON).
// The XLSX is read back by a real third-party reader: LibreOffice converts every sheet to
// CSV, and every number and marker on the data sheets is compared with the JSON cells.
// LibreOffice is a test dependency (scripts/setup installs libreoffice-calc-nogui); when
// soffice is missing the test fails, because a skipped test would hide the gap. The HTML
// document's tables are read back too and compared with the same JSON cells. The
// follow-up's workbook (RenderTablesXlsx) is read back the same way and compared with its
// display tables, the cells its page, CSV and JSON are made from.

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
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
#include "domain/participation.hpp"
#include "report/cell.hpp"
#include "report/dimension.hpp"
#include "report/engine.hpp"
#include "report/measure.hpp"
#include "report/render.hpp"
#include "report/render_tables.hpp"
#include "report/suppression.hpp"
#include "services/followup_service.hpp"
#include "support/libreoffice.hpp"
#include "support/markup.hpp"
#include "support/test_app.hpp"

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
    void TearDown() override { fs::remove_all(dir_); }
    // Every sheet of `xlsx` as its own CSV file in dir_/csv (LibreOffice 7.4's sheet
    // option -1 writes "<name>-<sheet>.csv"). Token 9 false: raw numbers, not as shown.
    void ConvertToCsv(const fs::path& xlsx) {
        ASSERT_TRUE(foljsam::testing::HasLibreOffice())
            << "soffice (LibreOffice) is not installed: the XLSX read-back test needs it. "
               "Run scripts/setup, or apt-get install --no-install-recommends libreoffice-calc-nogui.";
        ASSERT_NO_THROW(foljsam::testing::XlsxSheetsToCsvWithLibreOffice(xlsx, dir_ / "csv"));
    }
    fs::path dir_;
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

// A follow-up over participations registered through the services: two insatser, small
// counts so that suppression hides some, shares and changes against last year.
foljsam::services::FollowUpResult FollowUpOfSmallAssociation(foljsam::testing::TestApp& app) {
    namespace ft = foljsam::testing;
    using foljsam::domain::Date;
    const int year = foljsam::domain::Today().year - 1;
    const long long kommun = app.CreateMember("Kommun Y", "KOMMUN");
    const long long region = app.CreateMember("Region X", "REGION");
    const long long insats_a = app.CreateInsats("Insats A", kommun, ft::RegistrationMode::kWithoutIdentity);
    const long long insats_b = app.CreateInsats("Insats B", region, ft::RegistrationMode::kWithoutIdentity);
    const auto registrar_a = app.CreateRegistrar("reg.a", kommun, {insats_a});
    const auto registrar_b = app.CreateRegistrar("reg.b", region, {insats_b});
    int serial = 0;
    auto add = [&](const foljsam::domain::Actor& registrar, long long insats, int start_year, const char* gender,
                   int count, const char* exit_reason) {
        for (int idx = 0; idx < count; ++idx) {
            foljsam::domain::Participation p = ft::StartedParticipation();
            const Date start{start_year, 1 + idx % 10, 1 + idx};
            p.gender = gender;
            p.referral_date = start.AddDays(-20);
            p.decision_date = start.AddDays(-10);
            p.start_date = start;
            if (exit_reason != nullptr) {
                p.end_date = Date{start_year, 12, 1};
                p.exit.exit_reason = exit_reason;
                p.exit.occupation_after = "ARBETE_OSUBV";
                p.exit.support_after = {{"LON", std::nullopt}};
            }
            auto id = app.participations().Register(registrar, insats,
                                                    ft::WithCode(p, "P" + std::to_string(++serial), 1970 + idx));
            if (!id.ok()) throw std::runtime_error("registration failed: " + ft::Describe(id.status()));
        }
    };
    add(registrar_a, insats_a, year, "K", 6, nullptr);
    add(registrar_a, insats_a, year, "K", 6, "ARBETE");
    add(registrar_a, insats_a, year, "M", 2, "STUDIER");
    add(registrar_a, insats_a, year, "M", 1, nullptr);
    add(registrar_a, insats_a, year - 1, "K", 6, nullptr);
    add(registrar_b, insats_b, year, "K", 6, nullptr);
    add(registrar_b, insats_b, year, "M", 6, "ARBETE");
    auto result = foljsam::services::FollowUpService(app.app()).RunAsOperator(
        app.forbund_id(), {report::Period::Year(year), std::nullopt});
    if (!result.ok()) throw std::runtime_error("follow-up failed: " + ft::Describe(result.status()));
    return *result;
}

std::string Field(const std::vector<std::vector<std::string>>& rows, size_t row, size_t col) {
    return row < rows.size() && col < rows[row].size() ? rows[row][col] : std::string();
}

// Checks `field`, as LibreOffice writes a cell's raw value, against the number the
// workbook must hold: a count or change as an integer, a rate as a decimal; a share as a fraction in a percent
// format, which LibreOffice writes as the full value in percent with a '%' ("66.6666666666667%").
void ExpectNumber(const std::string& field, double expected, bool percent, const std::string& where) {
    std::string text = field;
    std::replace(text.begin(), text.end(), ',', '.');  // a decimal comma under a Swedish locale
    if (percent) {
        EXPECT_TRUE(text.ends_with("%")) << where << ": not in a percent format: \"" << field << "\"";
        if (text.ends_with("%")) text.pop_back();
    }
    char* end = nullptr;
    const double read = std::strtod(text.c_str(), &end) / (percent ? 100 : 1);
    EXPECT_TRUE(!text.empty() && *end == '\0') << where << ": not a number: \"" << field << "\"";
    EXPECT_NEAR(read, expected, 1e-9) << where;
    if (!percent && expected == std::floor(expected)) {
        EXPECT_EQ(field, std::to_string(std::llround(expected))) << where;
    }
}

// One sheet read back (caption, header, rows, note, and the chart's block) against the
// display table it was written from. Returns the number of hidden cells seen.
int CheckFollowUpSheet(const std::vector<std::vector<std::string>>& rows, const report::ViewTable& table) {
    const std::string& where = table.id;
    int hidden = 0;
    EXPECT_EQ(Field(rows, 1, 0), table.row_header) << where;
    for (size_t col = 0; col < table.columns.size(); ++col)
        EXPECT_EQ(Field(rows, 1, col + 1), table.columns[col]) << where << " column " << col;
    for (size_t row_idx = 0; row_idx < table.rows.size(); ++row_idx) {
        const report::ViewRow& row = table.rows[row_idx];
        const size_t line = 2 + row_idx;
        EXPECT_EQ(Field(rows, line, 0), row.header) << where;
        for (size_t col = 0; col < row.cells.size(); ++col) {
            const report::ViewCell& cell = row.cells[col];
            const std::string at = where + " \"" + row.header + "\" column " + std::to_string(col + 1);
            const std::string field = Field(rows, line, col + 1);
            if (cell.hidden || !cell.number) {
                EXPECT_EQ(field, cell.text) << at;
                hidden += cell.hidden ? 1 : 0;
            } else {
                ExpectNumber(field, cell.percent ? *cell.number / 100 : *cell.number, cell.percent, at);
            }
        }
    }
    if (!table.note.empty()) {
        EXPECT_EQ(Field(rows, 2 + table.rows.size() + 1, 0), table.note) << where;
    }
    if (!table.chart) return hidden;
    // The chart's block: found by its heading right of the table.
    size_t block = table.columns.size() + 1;
    while (block < rows[0].size() && rows[0][block] != "Underlag för diagrammet") ++block;
    EXPECT_LT(block, rows[0].size()) << where << ": no chart block";
    if (block >= rows[0].size()) return hidden;
    for (size_t cat = 0; cat < table.chart->categories.size(); ++cat) {
        EXPECT_EQ(Field(rows, 2 + cat, block), table.chart->categories[cat]) << where;
        for (size_t series = 0; series < table.chart->series.size(); ++series) {
            const auto& value = table.chart->series[series].values.at(cat);
            const std::string field = Field(rows, 2 + cat, block + 1 + series);
            const std::string at =
                where + " chart series " + std::to_string(series) + " category " + std::to_string(cat);
            if (!value) {
                EXPECT_EQ(field, "") << at << ": a hidden value is a gap";
            } else {
                ExpectNumber(field, table.chart->percent ? *value / 100 : *value, table.chart->percent, at);
            }
        }
    }
    return hidden;
}

TEST_F(ReportExport, FollowUpXlsxReadBackByLibreOfficeMatchesTheTables) {
    foljsam::testing::TestApp app;
    const auto result = FollowUpOfSmallAssociation(app);
    ASSERT_TRUE(result.suppression_applied);
    report::TablesDocument doc;
    doc.title = "Uppföljning " + result.followup.period.Label() + " – Alla insatser";
    doc.forbund_name = result.forbund_name;
    doc.period = result.followup.period;
    for (const auto& insats : result.scope) doc.insats_names.emplace_back(insats.id, insats.name);
    doc.threshold = result.threshold;
    doc.suppression_applied = result.suppression_applied;
    doc.generated_at = "2026-01-02 03:04";
    const fs::path xlsx = dir_ / "uppfoljning.xlsx";
    const foljsam::Status written = report::RenderTablesXlsx(doc, result.followup.sections, xlsx);
    ASSERT_TRUE(written.ok()) << written.message() << " " << written.internal();
    ConvertToCsv(xlsx);

    // Each sheet by the caption in its first cell.
    std::map<std::string, std::vector<std::vector<std::string>>> sheets;
    for (const auto& entry : fs::directory_iterator(dir_ / "csv")) {
        auto rows = ParseCsv(ReadFile(entry.path()));
        const std::string first = Field(rows, 0, 0);
        EXPECT_TRUE(sheets.emplace(first, std::move(rows)).second) << "two sheets start with " << first;
    }
    ASSERT_TRUE(sheets.count("Rapport")) << "the sheet \"Om rapporten\"";
    EXPECT_EQ(Field(sheets["Rapport"], 0, 1), doc.title);
    size_t tables = 0;
    int hidden = 0;
    for (const auto& section : result.followup.sections) {
        for (const auto& table : section.tables) {
            ++tables;
            auto sheet = sheets.find(table.caption);
            ASSERT_NE(sheet, sheets.end()) << "no sheet for " << table.id;
            hidden += CheckFollowUpSheet(sheet->second, table);
        }
    }
    EXPECT_EQ(sheets.size(), tables + 1) << "a sheet per table and \"Om rapporten\"";
    EXPECT_GE(hidden, 2) << "the fixture must exercise suppression";

    // The overview's totals are the JSON export's cells too.
    const auto json = nlohmann::json::parse(report::RenderFollowUpJson(doc, result.followup));
    const report::ViewTable* overview = &result.followup.sections.at(0).tables.at(0);
    ASSERT_EQ(overview->id, "oversikt");
    const auto& rows = sheets[overview->caption];
    int compared = 0;
    for (const auto& table : json["tables"]) {
        if (table["id"] != "oversikt") continue;
        for (const auto& cell : table["cells"]) {
            if (!cell["by"].empty()) continue;
            const std::string label =
                std::string(report::MeasureLabel(*report::ParseMeasure(cell["measure"].get<std::string>()))) +
                ", totalt";
            size_t line = 2;
            while (line < rows.size() && Field(rows, line, 0) != label) ++line;
            ASSERT_LT(line, rows.size()) << label;
            if (cell["suppressed"].get<bool>()) {
                EXPECT_TRUE(Field(rows, line, 1) == "<5" || Field(rows, line, 1) == "–") << label;
            } else {
                EXPECT_EQ(Field(rows, line, 1), std::to_string(cell["value"].get<long long>())) << label;
            }
            ++compared;
        }
    }
    EXPECT_EQ(compared, 5) << "started, ended, participated, active at end, referred";
}

}  // namespace

// The HTML report (RenderHtml in report/render.hpp): a well-formed Swedish document whose
// accessible tables show every cell in its row and column, markers for hidden cells and
// never their values, a bar chart under each table of one dimension, and the notes.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "report/engine.hpp"
#include "report/markup.hpp"
#include "report/measure.hpp"
#include "report/render.hpp"
#include "report/suppression.hpp"
#include "support/markup.hpp"

namespace foljsam::report {
namespace {

using testing::HtmlTable;
using testing::HtmlTablesOf;

std::vector<Fact> Facts() {
    std::vector<Fact> facts;
    auto add = [&](long long insats, const char* gender, int count, std::vector<std::string> support) {
        for (int idx = 0; idx < count; ++idx) {
            Fact fact;
            fact.insats_id = insats;
            fact.gender = gender;
            fact.support_at_start = support;
            fact.start_date = domain::Date{2025, 1 + idx % 12, 1 + idx % 28};
            if (idx % 3 == 0) fact.end_date = domain::Date{2025, 12, 20};
            facts.push_back(fact);
        }
    };
    add(1, "K", 30, {"LON"});
    add(1, "M", 2, {"FORSORJNINGSSTOD", "SJUKPENNING"});
    add(2, "K", 11, {"SJUKPENNING"});
    add(2, "M", 8, {});
    add(2, "X", 3, {"ANNAN"});
    return facts;
}

Report ReportOf(std::vector<Dimension> dimensions) {
    auto report =
        Compute(Facts(), Query{{Measure::kStarted, Measure::kEnded}, std::move(dimensions), Period::Year(2025), {}});
    EXPECT_TRUE(report.ok());
    EXPECT_TRUE(Suppress(*report, SuppressionOptions{5}).ok());
    return *report;
}

RenderInput InputFor(const Report& report) {
    return RenderInput{.report = report,
                       .period = Period::Year(2025),
                       .insats_names = {{1, "Steg <1> & \"ett\""}, {2, "Vägen vidare"}},
                       .forbund_name = "Samordningsförbundet Test & Co",
                       .threshold = 5,
                       .suppression_applied = true,
                       .generated_at = "2026-01-02 03:04"};
}

// The text in `table` at the row whose row headers are `row_labels` and the column whose
// header is `column`; "(saknas)" when there is none.
std::string CellText(const HtmlTable& table, const std::vector<std::string>& row_labels, const std::string& column) {
    size_t column_idx = 0;
    while (column_idx < table.rows[0].size() && table.rows[0][column_idx].text != column) ++column_idx;
    for (const auto& row : table.rows) {
        std::vector<std::string> labels;
        for (const auto& cell : row)
            if (cell.header && cell.scope == "row") labels.push_back(cell.text);
        if (labels == row_labels && column_idx < row.size()) return row[column_idx].text;
    }
    return "(saknas)";
}

// The table whose header row starts with these column headers.
const HtmlTable* TableWithHeaders(const std::vector<HtmlTable>& tables, const std::vector<std::string>& headers) {
    for (const HtmlTable& table : tables) {
        bool match = !table.rows.empty() && table.rows[0].size() >= headers.size();
        for (size_t idx = 0; match && idx < headers.size(); ++idx) match = table.rows[0][idx].text == headers[idx];
        if (match) return &table;
    }
    return nullptr;
}

TEST(RenderHtml, IsAWellFormedSwedishDocument) {
    const Report report = ReportOf({Dimension::kGender, Dimension::kInsats});
    const std::string html = RenderHtml(InputFor(report));
    EXPECT_TRUE(html.starts_with("<!DOCTYPE html>\n<html lang=\"sv\">")) << html.substr(0, 80);
    EXPECT_NE(html.find("<meta charset=\"utf-8\">"), std::string::npos);
    EXPECT_EQ(testing::MarkupProblem(html), "");
    EXPECT_EQ(html.find("<script"), std::string::npos);
    EXPECT_EQ(html.find("http://"), html.find("http://www.w3.org/2000/svg")) << "loads nothing";
}

TEST(RenderHtml, HeadingAndNotesNameAssociationPeriodScopeAndSuppression) {
    const Report report = ReportOf({Dimension::kGender});
    const std::string html = RenderHtml(InputFor(report));
    EXPECT_NE(html.find("<h1>Rapport för Samordningsförbundet Test &amp; Co, 2025</h1>"), std::string::npos) << html;
    EXPECT_NE(html.find("<dd>2025 (2025-01-01 – 2025-12-31)</dd>"), std::string::npos);
    EXPECT_NE(html.find("<dd>Steg &lt;1&gt; &amp; &quot;ett&quot;, Vägen vidare</dd>"), std::string::npos);
    EXPECT_NE(html.find("visas som &quot;&lt;5&quot;; antal som skulle avslöja dem visas som &quot;–&quot;"),
              std::string::npos);
    EXPECT_EQ(html.find("Summan av värdena"), std::string::npos) << "gender is single-valued";
}

TEST(RenderHtml, SaysSoWhenTotalsMayBeExceeded) {
    const Report report = ReportOf({Dimension::kSupportAtStart});
    ASSERT_TRUE(report.multi_valued_totals_may_exceed);
    const std::string html = RenderHtml(InputFor(report));
    EXPECT_NE(html.find("<dt>Obs</dt><dd>En deltagare kan ha flera värden"), std::string::npos);
    EXPECT_NE(html.find("Summan av värdena kan därför bli större än antalet deltaganden."), std::string::npos);
}

TEST(RenderHtml, TablesHaveCaptionsAndScopedHeaders) {
    const Report report = ReportOf({Dimension::kGender, Dimension::kInsats});
    const auto tables = HtmlTablesOf(RenderHtml(InputFor(report)));
    ASSERT_EQ(tables.size(), 4u) << "Totalt, Kön, Insats, Kön × Insats";
    EXPECT_EQ(tables[0].caption, "Totalt, 2025");
    EXPECT_EQ(tables[3].caption, "Kön × Insats, 2025");
    for (const HtmlTable& table : tables) {
        ASSERT_GE(table.rows.size(), 2u) << table.caption;
        for (const auto& cell : table.rows[0]) {
            if (cell.text.empty()) continue;  // the totals' corner
            EXPECT_TRUE(cell.header && cell.scope == "col") << table.caption << " " << cell.text;
        }
        for (size_t row_idx = 1; row_idx < table.rows.size(); ++row_idx) {
            EXPECT_TRUE(table.rows[row_idx][0].header) << table.caption;
            EXPECT_EQ(table.rows[row_idx][0].scope, "row") << table.caption;
        }
    }
}

TEST(RenderHtml, EveryCellIsInItsRowAndColumnAndHiddenOnesShowOnlyTheirMarker) {
    const Report report = ReportOf({Dimension::kGender, Dimension::kInsats});
    const RenderInput input = InputFor(report);
    const auto tables = HtmlTablesOf(RenderHtml(input));
    int hidden = 0;
    for (const Cell& cell : report.cells) {
        std::vector<std::string> headers, row;
        for (const auto& [dimension, value] : cell.by) {
            headers.push_back(std::string(DimensionLabel(dimension)));
            row.push_back(RenderedValueLabel(input, dimension, value));
        }
        if (cell.by.empty()) row = {"Totalt"};
        if (headers.empty()) headers = {""};
        const HtmlTable* table = TableWithHeaders(tables, headers);
        ASSERT_NE(table, nullptr) << headers[0];
        const std::string text = CellText(*table, row, std::string(MeasureLabel(cell.measure)));
        if (!cell.suppressed) {
            EXPECT_EQ(text, std::to_string(cell.value)) << table->caption << " " << row[0];
            continue;
        }
        ++hidden;
        EXPECT_EQ(text, DisplayValue(cell, 5)) << table->caption << " " << row[0];
        EXPECT_NE(text, std::to_string(cell.value));
    }
    EXPECT_GE(hidden, 2) << "the fixture must exercise suppression";
}

TEST(RenderHtml, ChartUnderEachOneDimensionTableDrawsNoBarForHiddenCells) {
    const Report report = ReportOf({Dimension::kGender, Dimension::kInsats});
    const RenderInput input = InputFor(report);
    const std::string html = RenderHtml(input);
    EXPECT_EQ(testing::MarkupProblem(html), "");
    size_t charts = 0;
    for (size_t pos = html.find("<svg"); pos != std::string::npos; pos = html.find("<svg", pos + 1)) ++charts;
    EXPECT_EQ(charts, 2u) << "Kön and Insats; none for the totals or the pair";
    EXPECT_LT(html.find("</table>", html.find("<caption>Kön, 2025")), html.find("<svg"));
    // Bars: one per visible first-measure cell of the two one-dimension tables.
    size_t visible = 0, bars = 0;
    for (const Cell& cell : report.cells)
        if (cell.measure == Measure::kStarted && cell.by.size() == 1 && !IsHidden(input, cell)) ++visible;
    for (size_t pos = html.find("class=\"bar\""); pos != std::string::npos; pos = html.find("class=\"bar\"", pos + 1))
        ++bars;
    EXPECT_EQ(bars, visible);
    // The gender chart: a hidden cell has no bar (bars carry a <title>), only its marker.
    const size_t table = html.find("<caption>Kön, 2025");
    const std::string svg =
        html.substr(html.find("<svg", table), html.find("</svg>", table) - html.find("<svg", table));
    int hidden = 0;
    for (const Cell& cell : report.cells) {
        if (cell.measure != Measure::kStarted || cell.by.size() != 1 || cell.by[0].first != Dimension::kGender ||
            !IsHidden(input, cell))
            continue;
        ++hidden;
        const std::string label = RenderedValueLabel(input, Dimension::kGender, cell.by[0].second);
        EXPECT_EQ(svg.find("<title>" + label + ", "), std::string::npos) << label;
        EXPECT_NE(svg.find(">" + EscapeMarkup(DisplayValue(cell, 5)) + "</text>"), std::string::npos) << label;
    }
    EXPECT_GE(hidden, 1) << "the fixture must hide a cell of a one-dimension table";
}

TEST(RenderHtml, ShowsTrueValuesWhenSuppressionDoesNotApply) {
    const Report report = ReportOf({Dimension::kGender, Dimension::kInsats});
    RenderInput input = InputFor(report);
    input.suppression_applied = false;
    const std::string html = RenderHtml(input);
    const auto tables = HtmlTablesOf(html);
    EXPECT_EQ(CellText(tables[3], {"Man", "Steg <1> & \"ett\""}, "Påbörjade"), "2");
    EXPECT_EQ(html.find(">&lt;5<"), std::string::npos);
    EXPECT_NE(html.find("Inte tillämpat"), std::string::npos);
}

}  // namespace
}  // namespace foljsam::report

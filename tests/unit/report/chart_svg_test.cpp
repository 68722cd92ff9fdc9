// Inline SVG charts (report/chart_svg.hpp): well-formed, labelled, escaped, free of inline
// styles (the Content-Security-Policy forbids them), bars proportional to values, no bar
// for a hidden value, gaps in lines, and series told apart without colour.

#include "report/chart_svg.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "support/markup.hpp"

namespace foljsam::report {
namespace {

using testing::MarkupProblem;

ChartSpec GenderSpec() {
    ChartSpec spec{"chart-started-gender",
                   "Påbörjade efter kön",
                   "Siffrorna finns i tabellen under diagrammet.",
                   {"Kvinna", "Man", "Uppgift saknas"},
                   {}};
    spec.series.push_back({"2024", {12, 30, std::nullopt}, {"12", "30", "<5"}});
    spec.series.push_back({"2025", {1200, 6, 0}, {"1 200", "6", "0"}});
    return spec;
}

ChartSpec OneSeries(std::vector<std::optional<double>> values, std::vector<std::string> texts) {
    ChartSpec spec{"chart-one", "Titel", "Beskrivning", {}, {}};
    for (size_t idx = 0; idx < values.size(); ++idx) spec.categories.push_back("År " + std::to_string(2020 + idx));
    spec.series.push_back({"Påbörjade", std::move(values), std::move(texts)});
    return spec;
}

// Every match of `pattern`'s first group in `text`.
std::vector<std::string> All(const std::string& text, const std::string& pattern) {
    std::vector<std::string> found;
    const std::regex re(pattern);
    for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator(); ++it)
        found.push_back((*it)[1]);
    return found;
}

std::vector<double> BarWidths(const std::string& svg) {
    std::vector<double> widths;
    for (const std::string& width : All(svg, "<rect class=\"bar\" x=\"[^\"]*\" y=\"[^\"]*\" width=\"([^\"]*)\""))
        widths.push_back(std::stod(width));
    return widths;
}

size_t Count(const std::string& text, const std::string& needle) {
    size_t count = 0;
    for (size_t pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + 1)) ++count;
    return count;
}

// WCAG 2.1 contrast ratio of an "#rrggbb" colour against white.
double ContrastWithWhite(const std::string& hex) {
    double luminance = 0;
    const double weights[] = {0.2126, 0.7152, 0.0722};
    for (int channel = 0; channel < 3; ++channel) {
        const double value = std::stoi(hex.substr(1 + 2 * channel, 2), nullptr, 16) / 255.0;
        luminance += weights[channel] * (value <= 0.03928 ? value / 12.92 : std::pow((value + 0.055) / 1.055, 2.4));
    }
    return 1.05 / (luminance + 0.05);
}

TEST(ChartSvg, BarChartIsWellFormedAndLabelledByTitleAndDesc) {
    const std::string svg = BarChartSvg(GenderSpec());
    EXPECT_EQ(MarkupProblem(svg), "") << svg;
    EXPECT_TRUE(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\"")) << svg;
    EXPECT_TRUE(svg.ends_with("</svg>"));
    EXPECT_NE(svg.find(" viewBox=\"0 0 640 "), std::string::npos);
    EXPECT_NE(svg.find(" width=\"100%\""), std::string::npos);
    EXPECT_NE(svg.find(" role=\"img\" aria-labelledby=\"chart-started-gender-title chart-started-gender-desc\""),
              std::string::npos);
    EXPECT_NE(svg.find("<title id=\"chart-started-gender-title\">Påbörjade efter kön</title>"), std::string::npos);
    EXPECT_NE(svg.find("<desc id=\"chart-started-gender-desc\">Siffrorna finns i tabellen under diagrammet.</desc>"),
              std::string::npos);
}

TEST(ChartSvg, LineChartIsWellFormedAndLabelledByTitleAndDesc) {
    const std::string svg = LineChartSvg(GenderSpec());
    EXPECT_EQ(MarkupProblem(svg), "") << svg;
    EXPECT_NE(svg.find(" role=\"img\" aria-labelledby=\"chart-started-gender-title chart-started-gender-desc\""),
              std::string::npos);
    EXPECT_NE(svg.find("<title id=\"chart-started-gender-title\">"), std::string::npos);
    EXPECT_NE(svg.find("<desc id=\"chart-started-gender-desc\">"), std::string::npos);
}

TEST(ChartSvg, NoChartHasAStyleAttributeOrElement) {
    ChartSpec percent = GenderSpec();
    percent.percent = true;
    percent.series[1].values = {34, 100, 0};
    ChartSpec six = GenderSpec();
    for (int idx = 0; idx < 4; ++idx) six.series.push_back(six.series[idx % 2]);
    for (const ChartSpec& spec : {GenderSpec(), percent, six, OneSeries({}, {})}) {
        for (const std::string& svg : {BarChartSvg(spec), LineChartSvg(spec)}) {
            EXPECT_EQ(svg.find("style"), std::string::npos) << svg;
            EXPECT_EQ(MarkupProblem(svg), "") << svg;
        }
    }
}

TEST(ChartSvg, EscapesTitlesLabelsNamesAndTexts) {
    ChartSpec spec{"chart-x", "Kön & \"ålder\" <2025>", "Det är 'så'", {"<&\"'>", "Vanlig"}, {}};
    spec.series.push_back({"Serie <1>", {3, std::nullopt}, {"3 & fler", "<5"}});
    spec.series.push_back({"B&B", {1, 2}, {"1", "2"}});
    for (const std::string& svg : {BarChartSvg(spec), LineChartSvg(spec)}) {
        EXPECT_EQ(MarkupProblem(svg), "") << svg;
        EXPECT_EQ(svg.find("<&\"'>"), std::string::npos);
        EXPECT_EQ(svg.find("<5"), std::string::npos);
        EXPECT_EQ(svg.find("<2025>"), std::string::npos);
        EXPECT_NE(svg.find("Kön &amp; &quot;ålder&quot; &lt;2025&gt;</title>"), std::string::npos) << svg;
        EXPECT_NE(svg.find("Det är &#39;så&#39;</desc>"), std::string::npos);
        EXPECT_NE(svg.find("&lt;&amp;&quot;&#39;&gt;"), std::string::npos);
        EXPECT_NE(svg.find("Serie &lt;1&gt;"), std::string::npos);
        EXPECT_NE(svg.find("B&amp;B"), std::string::npos);
    }
}

TEST(ChartSvg, BarLengthIsProportionalToValue) {
    const auto widths = BarWidths(BarChartSvg(OneSeries({10, 20, 40, 0}, {"10", "20", "40", "0"})));
    ASSERT_EQ(widths.size(), 4u);
    EXPECT_GT(widths[0], 0);
    EXPECT_NEAR(widths[1], 2 * widths[0], 0.2);
    EXPECT_NEAR(widths[2], 4 * widths[0], 0.2);
    EXPECT_EQ(widths[3], 0);
}

TEST(ChartSvg, PercentChartsScaleTo100) {
    ChartSpec spec = OneSeries({50, 100, 25}, {"50 %", "100 %", "25 %"});
    spec.percent = true;
    const std::string svg = BarChartSvg(spec);
    const auto widths = BarWidths(svg);
    ASSERT_EQ(widths.size(), 3u);
    EXPECT_NEAR(widths[0], widths[1] / 2, 0.2);
    EXPECT_NEAR(widths[2], widths[1] / 4, 0.2);
    EXPECT_NE(svg.find(">100\u00a0%</text>"), std::string::npos) << "Swedish percent: no-break space before %";
    // 50 % of a percent chart is half the axis even when it is the largest value.
    spec.series[0].values = {50, std::nullopt, 25};
    EXPECT_NEAR(BarWidths(BarChartSvg(spec)).at(0), widths[1] / 2, 0.2);
}

TEST(ChartSvg, NulloptDrawsNoBarButShowsItsText) {
    const std::string svg = BarChartSvg(OneSeries({7, std::nullopt, 9}, {"7", "<5", "9"}));
    EXPECT_EQ(BarWidths(svg).size(), 2u);
    EXPECT_NE(svg.find(">&lt;5</text>"), std::string::npos) << svg;
    EXPECT_EQ(Count(svg, "<rect class=\"bar\""), 2u);
}

TEST(ChartSvg, EveryBarHasItsTextAtTheEnd) {
    const std::string svg = BarChartSvg(GenderSpec());
    for (const std::string text : {">12<", ">30<", ">&lt;5<", ">1 200<", ">6<", ">0<"})
        EXPECT_NE(svg.find(text), std::string::npos) << text;
}

TEST(ChartSvg, TickLabelsAreSwedishNumbers) {
    const std::string svg = BarChartSvg(OneSeries({12000, 3000}, {"12 000", "3 000"}));
    EXPECT_NE(svg.find(">10\u00a0000</text>"), std::string::npos) << svg;
}

TEST(ChartSvg, LegendOnlyWithTwoOrMoreSeries) {
    const std::string one = BarChartSvg(OneSeries({1, 2}, {"1", "2"}));
    EXPECT_EQ(one.find("class=\"legend\""), std::string::npos);
    EXPECT_EQ(one.find("class=\"swatch\""), std::string::npos);
    const std::string two = BarChartSvg(GenderSpec());
    EXPECT_EQ(Count(two, "class=\"swatch\""), 2u);
    EXPECT_NE(two.find(">2024</text>"), std::string::npos);
    EXPECT_NE(two.find(">2025</text>"), std::string::npos);
    EXPECT_EQ(LineChartSvg(OneSeries({1, 2}, {"1", "2"})).find("class=\"legend\""), std::string::npos);
    EXPECT_NE(LineChartSvg(GenderSpec()).find("class=\"legend\""), std::string::npos);
}

TEST(ChartSvg, SeriesColoursAreDistinctAndMeetNonTextContrast) {
    ChartSpec spec{"c", "t", "d", {"A"}, {}};
    for (int idx = 0; idx < 6; ++idx) spec.series.push_back({"S" + std::to_string(idx), {1.0 + idx}, {"x"}});
    const std::string bars = BarChartSvg(spec);
    const auto fills = All(bars, "<rect class=\"bar\"[^>]* fill=\"(#[0-9a-f]{6})\"");
    ASSERT_EQ(fills.size(), 6u);
    EXPECT_EQ(std::set<std::string>(fills.begin(), fills.end()).size(), 6u);
    auto colours = fills;
    for (const auto& stroke : All(LineChartSvg(spec), "stroke=\"(#[0-9a-f]{6})\" stroke-width=\"2.5\""))
        colours.push_back(stroke);
    for (const auto& colour : colours) EXPECT_GE(ContrastWithWhite(colour), 3.0) << colour;
}

TEST(ChartSvg, LongCategoryLabelsWrapToTwoLines) {
    ChartSpec spec = OneSeries({1}, {"1"});
    spec.categories = {"Aktivitetsstöd inklusive utvecklingsersättning och etableringsersättning och mycket mer"};
    const std::string svg = BarChartSvg(spec);
    EXPECT_NE(svg.find(">Aktivitetsstöd inklusive</text>"), std::string::npos) << svg;
    EXPECT_NE(svg.find(" …</text>"), std::string::npos) << svg;
}

TEST(ChartSvg, LineChartLeavesAGapAtNullopt) {
    const std::string svg = LineChartSvg(OneSeries({1, 2, std::nullopt, 4, 5}, {"1", "2", "<5", "4", "5"}));
    const auto lines = All(svg, "<polyline class=\"line\" points=\"([^\"]*)\"");
    ASSERT_EQ(lines.size(), 2u) << svg;
    EXPECT_EQ(Count(lines[0], ","), 2u) << "two points before the gap";
    EXPECT_EQ(Count(lines[1], ","), 2u) << "two points after it";
    EXPECT_EQ(Count(svg, "class=\"marker\""), 4u);
    EXPECT_NE(svg.find(">&lt;5</text>"), std::string::npos) << "the hidden value's text is shown";
}

TEST(ChartSvg, LineChartIsolatedPointGetsAMarkerButNoLine) {
    const std::string svg = LineChartSvg(OneSeries({std::nullopt, 3, std::nullopt}, {"–", "3", "–"}));
    EXPECT_EQ(Count(svg, "<polyline"), 0u);
    EXPECT_EQ(Count(svg, "class=\"marker\""), 1u);
}

TEST(ChartSvg, LineChartPointsRiseWithTheirValues) {
    const std::string svg = LineChartSvg(OneSeries({10, 40}, {"10", "40"}));
    const auto ys = All(svg, "<circle cx=\"[^\"]*\" cy=\"([^\"]*)\"");
    ASSERT_EQ(ys.size(), 2u);
    EXPECT_GT(std::stod(ys[0]), std::stod(ys[1])) << "SVG y grows downwards";
}

// A marker's shape with its position taken out: the element and its points relative to
// the first one.
std::string ShapeOf(const std::string& element) {
    if (!element.starts_with("<path")) return element.substr(0, element.find(' '));
    std::vector<double> numbers;
    for (const auto& number : All(element.substr(0, element.find(" Z\"")), "(-?[0-9.]+)"))
        numbers.push_back(std::stod(number));
    std::string shape = "path";
    for (size_t idx = 2; idx + 1 < numbers.size(); idx += 2)
        shape += " " + std::to_string(std::lround(numbers[idx] - numbers[0])) + "," +
                 std::to_string(std::lround(numbers[idx + 1] - numbers[1]));
    return shape;
}

TEST(ChartSvg, LineChartGivesEachSeriesItsOwnMarkerShape) {
    ChartSpec spec{"c", "t", "d", {"2024", "2025"}, {}};
    for (int idx = 0; idx < 6; ++idx) spec.series.push_back({"S" + std::to_string(idx), {1.0, 2.0 + idx}, {"1", "2"}});
    const std::string svg = LineChartSvg(spec);
    const std::string legend = svg.substr(svg.find("<g class=\"legend\">"));
    std::set<std::string> shapes;
    for (const std::string& element :
         All(legend.substr(0, legend.find("</g>")), "(<(?:circle|rect|path) [^>]*class=\"marker\">)"))
        shapes.insert(ShapeOf(element));
    EXPECT_EQ(shapes.size(), 6u);
    EXPECT_EQ(Count(svg, "class=\"marker\""), 6u * 3) << "two points and a legend marker per series";
}

TEST(ChartSvg, SeveralSeriesPutTheirTextsInMarkerTitles) {
    const std::string svg = LineChartSvg(GenderSpec());
    EXPECT_NE(svg.find("<title>Kvinna, 2025: 1 200</title>"), std::string::npos) << svg;
    EXPECT_EQ(svg.find("class=\"value\""), std::string::npos) << "no labels that would overlap";
}

TEST(ChartSvg, HeightGrowsWithTheCategories) {
    auto height = [](const std::string& svg) { return std::stod(All(svg, "viewBox=\"0 0 640 ([0-9.]+)\"").at(0)); };
    EXPECT_LT(height(BarChartSvg(OneSeries({1, 2}, {"1", "2"}))),
              height(BarChartSvg(OneSeries({1, 2, 3, 4, 5, 6}, {"1", "2", "3", "4", "5", "6"}))));
}

}  // namespace
}  // namespace foljsam::report

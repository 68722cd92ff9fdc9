#pragma once
// Charts drawn by the server as inline SVG 1.1 for HTML5 pages (no JavaScript): horizontal
// bar charts and line charts for trends. Every chart has a <title> and a <desc> named by
// aria-labelledby, and its numbers are also in a table beside it.
//
// The output carries no style attribute and no <style> element (the site's
// Content-Security-Policy forbids inline styles): only presentation attributes and class
// names ("chart", "bar", "swatch", "line", "marker", "value"). The width comes from the
// viewBox (640 units wide, width="100%"), so a chart scales with its container. Series
// colours are Okabe-Ito's colour-blind-safe palette, darkened where needed to reach 3:1
// against white (WCAG 2.1 AA non-text contrast); a series is never told by colour alone:
// a legend with text when there are two or more, the bars of a group in legend order with
// each bar's text at its end, and in line charts a different marker shape per series.
// All text is escaped. Pure functions; thread-safe.

#include <optional>
#include <string>
#include <vector>

namespace foljsam::report {

struct ChartSeries {
    std::string name;                           // legend text, e.g. "Kvinnor"
    std::vector<std::optional<double>> values;  // one per category; nullopt = not shown (suppressed or no base)
    std::vector<std::string> texts;             // one per category: the text shown, e.g. "12", "<5", "34 %", "–"
};

struct ChartSpec {
    std::string id;                       // unique in the page (ASCII), for the title and desc ids
    std::string title;                    // Swedish title, also the SVG <title>
    std::string description;              // <desc>, e.g. "Siffrorna finns i tabellen ovanför diagrammet."
    std::vector<std::string> categories;  // category labels (rows, or years for a line chart)
    std::vector<ChartSeries> series;      // 1..6 series
    bool percent = false;                 // values are 0..100 and the axis shows %
};

// Horizontal bar chart, grouped when there are several series: one row per category with
// its label on the left (wrapped to two lines, the rest cut with "…"), a bar per series in
// legend order, and the series' text at the end of each bar. A nullopt value draws no bar,
// only its text. Bars scale to the axis maximum: 100 for percent charts, otherwise the
// largest value rounded up to a whole tick step. The height grows with the categories.
// Values or texts missing at the end of a series count as nullopt and "".
std::string BarChartSvg(const ChartSpec& spec);

// Line chart for trends: categories evenly along the x axis in order (every n-th label
// when they would crowd), a line per series with a marker of its own shape at each value
// (circle, square, triangle, diamond, inverted triangle, cross) and a legend with the
// shapes. A nullopt value leaves a gap in the line. With one series each point's text is
// written above it (a nullopt's text on the axis); with several the texts are in each
// marker's <title> only, since labels of close lines would overlap.
std::string LineChartSvg(const ChartSpec& spec);

}  // namespace foljsam::report

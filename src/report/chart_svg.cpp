// Inline SVG charts (see chart_svg.hpp). Text widths are estimated, not measured: the
// server has no fonts, so a character counts as 0.58 of the font size, about the average
// width of Swedish text in the sans-serif fonts browsers pick.

#include "report/chart_svg.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <string_view>

#include "report/markup.hpp"

namespace foljsam::report {
namespace {

constexpr double kWidth = 640;
constexpr double kPad = 8;
constexpr double kFont = 13;
constexpr double kCharWidth = 0.58 * kFont;
constexpr const char* kInk = "#0b0c0c";
constexpr const char* kGrid = "#b1b4b6";  // decorative gridlines, not needed to read a value
// Okabe-Ito's blue, vermillion, bluish green, reddish purple, black and orange; green,
// purple and orange darkened. Contrast against white: 5.2, 3.9, 5.3, 5.5, 19.6 and 5.9.
constexpr std::array<const char*, 6> kColours = {"#0072b2", "#d55e00", "#007a5e", "#a8457f", "#0b0c0c", "#8a5a00"};

const char* Colour(size_t series_idx) { return kColours[series_idx % kColours.size()]; }

size_t Chars(std::string_view text) {
    return static_cast<size_t>(std::count_if(text.begin(), text.end(),
                                             [](char ch) { return (static_cast<unsigned char>(ch) & 0xC0) != 0x80; }));
}

double TextWidth(std::string_view text, double font = kFont) { return Chars(text) * 0.58 * font; }

// A coordinate: one decimal at most, '.' whatever the locale.
std::string Num(double value) {
    char buffer[32];
    auto end =
        std::to_chars(buffer, buffer + sizeof buffer, std::round(value * 10) / 10, std::chars_format::fixed, 1).ptr;
    std::string text(buffer, end);
    if (text.ends_with(".0")) text.resize(text.size() - 2);
    return text == "-0" ? "0" : text;
}

// A tick label in Swedish: no-break space between groups of three, decimal comma.
std::string SwedishNumber(double value, bool percent) {
    const auto whole = static_cast<long long>(std::floor(std::abs(value) + 1e-9));
    const long long tenths = std::llround((std::abs(value) - whole) * 10);
    std::string digits = std::to_string(whole), text;
    for (size_t idx = 0; idx < digits.size(); ++idx) {
        if (idx > 0 && (digits.size() - idx) % 3 == 0) text += "\u00a0";
        text += digits[idx];
    }
    if (tenths > 0 && tenths < 10) text += "," + std::to_string(tenths);
    if (value < 0) text = "\u2212" + text;
    return percent ? text + "\u00a0%" : text;
}

std::optional<double> ValueAt(const ChartSeries& series, size_t idx) {
    return idx < series.values.size() ? series.values[idx] : std::nullopt;
}
std::string TextAt(const ChartSeries& series, size_t idx) { return idx < series.texts.size() ? series.texts[idx] : ""; }

// The value axis: 0 to `max` in steps of `step` (1, 2 or 5 times a power of ten).
struct Axis {
    double max = 1;
    double step = 1;
    double Ratio(double value) const { return std::clamp(value / max, 0.0, 1.0); }
};

Axis AxisOf(const ChartSpec& spec) {
    if (spec.percent) return Axis{100, 25};
    double largest = 0;
    for (const ChartSeries& series : spec.series)
        for (const auto& value : series.values)
            if (value) largest = std::max(largest, *value);
    if (largest <= 0) return Axis{1, 1};
    const double magnitude = std::pow(10, std::floor(std::log10(largest / 4)));
    double step = magnitude;
    for (double factor : {1.0, 2.0, 5.0, 10.0}) {
        step = factor * magnitude;
        if (largest / step <= 6) break;  // 4 to 6 ticks: bars use most of the width
    }
    if (step < 1 && largest >= 1) step = 1;
    step = std::max(step, 0.1);  // tick labels have one decimal
    return Axis{std::ceil(largest / step - 1e-9) * step, step};
}

// A label as at most two lines of about `max_chars`, broken at spaces; the rest is cut.
std::vector<std::string> Wrap(std::string_view text, size_t max_chars) {
    std::vector<std::string> lines(1);
    size_t start = 0;
    while (start <= text.size()) {
        size_t end = text.find_first_of(" \n", start);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view word = text.substr(start, end - start);
        if (!lines.back().empty() && Chars(lines.back()) + 1 + Chars(word) > max_chars) {
            if (lines.size() == 2) {
                lines.back() += " …";
                break;
            }
            lines.emplace_back();
        }
        if (!word.empty()) lines.back() += (lines.back().empty() ? "" : " ") + std::string(word);
        start = end + 1;
    }
    return lines;
}

std::string Open(const ChartSpec& spec, double height) {
    const std::string id = EscapeMarkup(spec.id);
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" class=\"chart\" viewBox=\"0 0 " + Num(kWidth) +
           " " + Num(height) + "\" width=\"100%\" role=\"img\" aria-labelledby=\"" + id + "-title " + id +
           "-desc\" font-family=\"sans-serif\" font-size=\"" + Num(kFont) + "\"><title id=\"" + id + "-title\">" +
           EscapeMarkup(spec.title) + "</title><desc id=\"" + id + "-desc\">" + EscapeMarkup(spec.description) +
           "</desc>";
}

std::string Text(double x, double y, std::string_view anchor, std::string_view content, std::string_view extra = "") {
    return "<text x=\"" + Num(x) + "\" y=\"" + Num(y) + "\" text-anchor=\"" + std::string(anchor) + "\" fill=\"" +
           kInk + "\"" + std::string(extra) + ">" + EscapeMarkup(content) + "</text>";
}

std::string Line(double x1, double y1, double x2, double y2, const char* colour) {
    return "<line x1=\"" + Num(x1) + "\" y1=\"" + Num(y1) + "\" x2=\"" + Num(x2) + "\" y2=\"" + Num(y2) +
           "\" stroke=\"" + colour + "\" stroke-width=\"1\"/>";
}

// The marker of a line series: a shape per series, so lines differ without colour.
std::string Marker(size_t series_idx, double x, double y, std::string_view tooltip) {
    const std::string fill = std::string(" fill=\"") + Colour(series_idx) + "\" class=\"marker\">";
    auto path = [&](std::initializer_list<std::pair<double, double>> points) {
        std::string d;
        for (const auto& [dx, dy] : points) d += (d.empty() ? "M" : " L") + Num(x + dx) + "," + Num(y + dy);
        return "<path d=\"" + d + " Z\"" + fill;
    };
    std::string shape;
    switch (series_idx % 6) {
        case 0:
            shape = "<circle cx=\"" + Num(x) + "\" cy=\"" + Num(y) + "\" r=\"5\"" + fill;
            break;
        case 1:
            shape = "<rect x=\"" + Num(x - 4.5) + "\" y=\"" + Num(y - 4.5) + "\" width=\"9\" height=\"9\"" + fill;
            break;
        case 2:
            shape = path({{0, -6}, {5.5, 4}, {-5.5, 4}});
            break;
        case 3:
            shape = path({{0, -6.5}, {6.5, 0}, {0, 6.5}, {-6.5, 0}});
            break;
        case 4:
            shape = path({{0, 6}, {5.5, -4}, {-5.5, -4}});
            break;
        default:
            shape = path({{-6, -4},
                          {-4, -6},
                          {0, -2},
                          {4, -6},
                          {6, -4},
                          {2, 0},
                          {6, 4},
                          {4, 6},
                          {0, 2},
                          {-4, 6},
                          {-6, 4},
                          {-2, 0}});
    }
    const std::string close = shape.starts_with("<circle") ? "</circle>"
                              : shape.starts_with("<rect") ? "</rect>"
                                                           : "</path>";
    return shape + "<title>" + EscapeMarkup(tooltip) + "</title>" + close;
}

// The legend (two or more series) from y = `top`: a swatch or line with marker, then the
// name; items flow left to right and wrap. Adds its height to `top`.
std::string Legend(const ChartSpec& spec, bool lines, double& top) {
    if (spec.series.size() < 2) return "";
    std::string out = "<g class=\"legend\">";
    double x = kPad, y = top + 10;
    for (size_t idx = 0; idx < spec.series.size(); ++idx) {
        const double width = (lines ? 30 : 20) + TextWidth(spec.series[idx].name) + 18;
        if (x > kPad && x + width > kWidth - kPad) {
            x = kPad;
            y += 22;
        }
        if (lines) {
            out += "<line x1=\"" + Num(x) + "\" y1=\"" + Num(y) + "\" x2=\"" + Num(x + 24) + "\" y2=\"" + Num(y) +
                   "\" stroke=\"" + Colour(idx) + "\" stroke-width=\"2.5\"/>" +
                   Marker(idx, x + 12, y, spec.series[idx].name);
        } else {
            out += "<rect class=\"swatch\" x=\"" + Num(x) + "\" y=\"" + Num(y - 7) +
                   "\" width=\"14\" height=\"14\" fill=\"" + Colour(idx) + "\"/>";
        }
        out += Text(x + (lines ? 30 : 20), y, "start", spec.series[idx].name, " dy=\"0.35em\"");
        x += width;
    }
    top = y + 20;
    return out + "</g>";
}

}  // namespace

std::string BarChartSvg(const ChartSpec& spec) {
    const Axis axis = AxisOf(spec);
    const size_t series_count = std::max<size_t>(1, spec.series.size());
    double label_width = 0, text_width = 0;
    std::vector<std::vector<std::string>> labels;
    for (const std::string& category : spec.categories) {
        labels.push_back(Wrap(category, 32));
        for (const std::string& line : labels.back()) label_width = std::max(label_width, TextWidth(line));
    }
    for (const ChartSeries& series : spec.series)
        for (const std::string& text : series.texts) text_width = std::max(text_width, TextWidth(text, 12));
    const double plot_x = kPad + std::min(label_width, 250.0) + 8;
    const double plot_width = kWidth - kPad - plot_x - std::max(text_width + 8, 40.0);
    const double bar_height = series_count == 1 ? 20 : 14;

    double top = kPad;
    std::string body = Legend(spec, false, top);
    const double plot_top = top;
    for (size_t category_idx = 0; category_idx < spec.categories.size(); ++category_idx) {
        const double group = series_count * bar_height + (series_count - 1) * 2;
        const double row = std::max(group, labels[category_idx].size() * 16.0) + 10;
        const double first_line = top + row / 2 - (labels[category_idx].size() - 1) * 8;
        for (size_t line_idx = 0; line_idx < labels[category_idx].size(); ++line_idx)
            body +=
                Text(plot_x - 6, first_line + line_idx * 16, "end", labels[category_idx][line_idx], " dy=\"0.35em\"");
        double y = top + (row - group) / 2;
        for (size_t series_idx = 0; series_idx < spec.series.size(); ++series_idx, y += bar_height + 2) {
            const ChartSeries& series = spec.series[series_idx];
            const auto value = ValueAt(series, category_idx);
            const std::string text = TextAt(series, category_idx);
            const double width = value ? axis.Ratio(*value) * plot_width : 0;
            if (value) {
                body += "<rect class=\"bar\" x=\"" + Num(plot_x) + "\" y=\"" + Num(y) + "\" width=\"" + Num(width) +
                        "\" height=\"" + Num(bar_height) + "\" fill=\"" + Colour(series_idx) + "\"><title>" +
                        EscapeMarkup(spec.categories[category_idx] + ", " + series.name + ": " + text) +
                        "</title></rect>";
            }
            body += Text(plot_x + width + 4, y + bar_height / 2, "start", text,
                         " dy=\"0.35em\" font-size=\"12\" class=\"value\"");
        }
        top += row;
    }
    std::string grid;
    for (double tick = 0; tick <= axis.max + 1e-9; tick += axis.step) {
        const double x = plot_x + axis.Ratio(tick) * plot_width;
        if (tick > 0) grid += Line(x, plot_top, x, top, kGrid);
        grid += Text(x, top + 16, "middle", SwedishNumber(tick, spec.percent), " font-size=\"12\"");
    }
    grid += Line(plot_x, plot_top, plot_x, top, kInk);
    return Open(spec, top + 16 + kPad) + grid + body + "</svg>";
}

std::string LineChartSvg(const ChartSpec& spec) {
    const Axis axis = AxisOf(spec);
    double top = kPad;
    const std::string legend = Legend(spec, true, top);
    const double plot_top = top + 16, plot_height = 220;
    const double plot_bottom = plot_top + plot_height;
    const double plot_x = kPad + TextWidth(SwedishNumber(axis.max, spec.percent), 12) + 8;
    const double inner_left = plot_x + 24, inner_width = kWidth - kPad - 24 - inner_left;
    const size_t count = spec.categories.size();
    auto x_of = [&](size_t idx) {
        return count < 2 ? inner_left + inner_width / 2 : inner_left + inner_width * idx / (count - 1);
    };
    auto y_of = [&](double value) { return plot_bottom - axis.Ratio(value) * plot_height; };

    std::string out = Open(spec, plot_bottom + 24 + kPad) + legend;
    for (double tick = 0; tick <= axis.max + 1e-9; tick += axis.step) {
        out += Line(plot_x, y_of(tick), kWidth - kPad, y_of(tick), tick > 0 ? kGrid : kInk);
        out +=
            Text(plot_x - 6, y_of(tick), "end", SwedishNumber(tick, spec.percent), " dy=\"0.35em\" font-size=\"12\"");
    }
    double widest = 0;
    for (const std::string& category : spec.categories) widest = std::max(widest, TextWidth(category, 12) + 8);
    const size_t every =
        count < 2 ? 1 : std::max<size_t>(1, static_cast<size_t>(std::ceil(widest / (inner_width / (count - 1)))));
    for (size_t idx = 0; idx < count; idx += every)
        out += Text(x_of(idx), plot_bottom + 18, "middle", spec.categories[idx], " font-size=\"12\"");

    for (size_t series_idx = 0; series_idx < spec.series.size(); ++series_idx) {
        const ChartSeries& series = spec.series[series_idx];
        std::string points, markers;
        auto flush = [&] {
            if (points.find(' ') != std::string::npos)
                out += "<polyline class=\"line\" points=\"" + points + "\" fill=\"none\" stroke=\"" +
                       Colour(series_idx) + "\" stroke-width=\"2.5\"/>";
            points.clear();
        };
        for (size_t idx = 0; idx < count; ++idx) {
            const auto value = ValueAt(series, idx);
            const std::string text = TextAt(series, idx);
            if (!value) {
                flush();
                if (spec.series.size() == 1)
                    out += Text(x_of(idx), plot_bottom - 6, "middle", text, " font-size=\"12\" class=\"value\"");
                continue;
            }
            points += (points.empty() ? "" : " ") + Num(x_of(idx)) + "," + Num(y_of(*value));
            markers +=
                Marker(series_idx, x_of(idx), y_of(*value), spec.categories[idx] + ", " + series.name + ": " + text);
            if (spec.series.size() == 1)
                markers += Text(x_of(idx), y_of(*value) - 10, "middle", text, " font-size=\"12\" class=\"value\"");
        }
        flush();
        out += markers;
    }
    return out + "</svg>";
}

}  // namespace foljsam::report

#include "report/explore_view.hpp"

#include "report/cell_lookup.hpp"
#include "report/followup_tables.hpp"

namespace foljsam::report {
namespace {

constexpr size_t kMaxSeries = 6;
const char* kChartNote = "Siffrorna finns i tabellen ovanför diagrammet.";

std::string Label(Dimension dimension, const std::string& value,
                  const std::vector<std::pair<long long, std::string>>& insats_names) {
    if (dimension == Dimension::kInsats) {
        for (const auto& [id, name] : insats_names)
            if (std::to_string(id) == value) return name;
    }
    return ValueLabel(dimension, value);
}

// The values of `dimension` whose count is not zero, in the report's order.
std::vector<std::string> Shown(const Report& report, const CellLookup& lookup, Measure measure, Dimension dimension) {
    std::vector<std::string> out;
    for (const std::string& value : followup::ValuesInOrder(report, measure, dimension)) {
        const Cell* cell = lookup.FindIn(measure, dimension, value);
        if (cell != nullptr && cell->value != 0) out.push_back(value);
    }
    return out;
}

}  // namespace

ViewTable ExploreTable(const Report& report, int threshold, bool suppress,
                       const std::vector<std::pair<long long, std::string>>& insats_names) {
    const Measure measure = report.query.measures.at(0);
    const auto& dimensions = report.query.dimensions;
    const CellLookup lookup(report, threshold, suppress);
    const Cell* total = lookup.Find(measure, {});
    ViewTable table;
    table.id = "utforska";
    table.caption = std::string(MeasureLabel(measure));
    for (Dimension dimension : dimensions)
        table.caption += " efter " + followup::LowerFirst(std::string(DimensionLabel(dimension)));
    table.caption += ", " + report.query.period.Label();
    ChartSpec chart{"diagram-utforska", table.caption, kChartNote, {}, {}};
    if (dimensions.empty()) {
        table.row_header = "Mått";
        table.columns = {"Antal"};
        table.rows.push_back(ViewRow{std::string(MeasureLabel(measure)), {lookup.CountOf(total)}, true});
        return table;
    }
    table.row_header = std::string(DimensionLabel(dimensions[0]));
    const std::vector<std::string> rows = Shown(report, lookup, measure, dimensions[0]);
    if (dimensions.size() == 1) {
        table.columns = {"Antal", "Andel"};
        ChartSeries series{std::string(MeasureLabel(measure)), {}, {}};
        for (const std::string& value : rows) {
            const Cell* cell = lookup.Find(measure, {value});
            ViewRow row{
                Label(dimensions[0], value, insats_names), {lookup.CountOf(cell), lookup.ShareOf(cell, total)}, false};
            chart.categories.push_back(row.header);
            series.values.push_back(row.cells[0].number);
            series.texts.push_back(row.cells[0].text);
            table.rows.push_back(std::move(row));
        }
        table.rows.push_back(ViewRow{"Totalt", {lookup.CountOf(total), lookup.ShareOf(total, total)}, true});
        chart.series.push_back(std::move(series));
    } else {
        const std::vector<std::string> columns = Shown(report, lookup, measure, dimensions[1]);
        for (const std::string& value : columns) table.columns.push_back(Label(dimensions[1], value, insats_names));
        table.columns.push_back("Totalt");
        for (const std::string& value : rows) {
            ViewRow row{Label(dimensions[0], value, insats_names), {}, false};
            for (const std::string& column : columns) row.cells.push_back(lookup.Count(measure, {value, column}));
            row.cells.push_back(lookup.Count(measure, {value}));
            chart.categories.push_back(row.header);
            table.rows.push_back(std::move(row));
        }
        ViewRow sum{"Totalt", {}, true};
        for (const std::string& column : columns) sum.cells.push_back(lookup.CountIn(measure, dimensions[1], column));
        sum.cells.push_back(lookup.CountOf(total));
        table.rows.push_back(std::move(sum));
        const bool split = columns.size() <= kMaxSeries;
        for (size_t column_idx = 0; column_idx < columns.size(); ++column_idx) {
            if (!split) break;
            chart.series.push_back(followup::SeriesOfColumn(table, column_idx, table.columns[column_idx], false));
        }
        if (!split) chart.series.push_back(followup::SeriesOfColumn(table, columns.size(), "Totalt", false));
        table.wide = table.columns.size() > 6;
    }
    if (IsMultiValued(dimensions[0]) || (dimensions.size() == 2 && IsMultiValued(dimensions[1])))
        table.note =
            "En deltagare kan ha flera svar och räknas då under vart och ett av dem; "
            "summorna kan därför bli större än totalen.";
    if (!chart.categories.empty()) table.chart = std::move(chart);
    return table;
}

}  // namespace foljsam::report

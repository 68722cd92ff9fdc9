#include "report/followup_tables.hpp"

#include <algorithm>

#include "report/engine.hpp"
#include "report/suppression.hpp"

namespace foljsam::report::followup {

Result<Report> Run(Context& ctx, const std::string& id, const std::string& title, Query query) {
    std::set<long long> scope;
    for (const auto& [insats_id, name] : ctx.options.insatser) scope.insert(insats_id);
    query.insatser = scope;
    auto computed = Compute(ctx.facts, query);
    if (!computed.ok()) return computed.status();
    if (ctx.options.suppress) {
        SuppressionOptions options{ctx.options.threshold, {}};
        if (ctx.hidden_elsewhere != nullptr && !ctx.hidden_elsewhere->empty()) {
            options.also_hide = [&](const Cell& cell) {
                return ctx.hidden_elsewhere->count(CellKey(cell, query.period)) > 0;
            };
        }
        FOLJSAM_RETURN_IF_ERROR(Suppress(*computed, options));
    }
    if (computed->multi_valued_totals_may_exceed) ctx.out.multi_valued_note = true;
    ctx.out.reports.push_back(NamedReport{id, title, *computed});
    return std::move(*computed);
}

std::string CellKey(const Cell& cell, const Period& period) {
    auto by = cell.by;
    std::sort(by.begin(), by.end());
    std::string key = std::string(MeasureName(cell.measure)) + "|" + period.Key();
    for (const auto& [dimension, value] : by) key += "|" + std::string(DimensionName(dimension)) + "=" + value;
    return key;
}

std::string LowerFirst(std::string text) {
    if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z') text[0] = static_cast<char>(text[0] - 'A' + 'a');
    return text;
}

std::string GenderColumn(const std::string& code) {
    if (code == "K") return "Kvinnor";
    if (code == "M") return "Män";
    if (code == "X") return "Annat kön";
    return "Uppgift saknas om kön";
}

std::vector<std::string> GenderColumns(const CellLookup& lookup, const std::vector<Measure>& measures) {
    std::vector<std::string> columns = {"K", "M"};
    for (const char* code : {"X", "U", ""}) {
        for (Measure measure : measures) {
            const Cell* cell = lookup.FindIn(measure, Dimension::kGender, code);
            if (cell != nullptr && cell->value != 0) {
                columns.push_back(code);
                break;
            }
        }
    }
    return columns;
}

std::vector<std::string> ValuesInOrder(const Report& report, Measure measure, Dimension dimension) {
    std::vector<std::string> values;
    for (const Cell& cell : report.cells)
        if (cell.measure == measure && cell.by.size() == 1 && cell.by[0].first == dimension)
            values.push_back(cell.by[0].second);
    return values;
}

namespace {

bool IsOpen(Dimension dimension) { return ValueDomain(dimension).empty(); }

}  // namespace

ViewTable DistributionTable(const Report& report, const CellLookup& lookup, const std::string& id,
                            const std::string& caption, Measure measure, Dimension dimension,
                            const std::vector<std::string>& skip) {
    ViewTable table;
    table.id = id;
    table.caption = caption;
    table.row_header = std::string(DimensionLabel(dimension));
    table.columns = {"Antal", "Andel av alla"};
    const Cell* total = lookup.Find(measure, {});
    for (const std::string& value : ValuesInOrder(report, measure, dimension)) {
        if (std::find(skip.begin(), skip.end(), value) != skip.end()) continue;
        const Cell* cell = lookup.Find(measure, {value});
        // A missing answer nobody has is noise; coded values stay listed even at zero.
        if ((value.empty() || IsOpen(dimension)) && (cell == nullptr || cell->value == 0)) continue;
        table.rows.push_back(
            ViewRow{ValueLabel(dimension, value), {lookup.CountOf(cell), lookup.ShareOf(cell, total)}, false});
    }
    table.rows.push_back(ViewRow{"Totalt", {lookup.CountOf(total), lookup.ShareOf(total, total)}, true});
    if (IsMultiValued(dimension))
        table.note =
            "En deltagare kan ha flera svar och räknas då under vart och ett av dem; "
            "summan av raderna kan därför bli större än totalen.";
    ChartSpec chart;
    chart.id = "diagram-" + id;
    chart.title = caption;
    chart.description = "Siffrorna finns i tabellen ovanför diagrammet.";
    for (const ViewRow& row : table.rows)
        if (!row.total) chart.categories.push_back(row.header);
    chart.series.push_back(SeriesOfColumn(table, 0, "Antal", false));
    table.chart = std::move(chart);
    return table;
}

ChartSeries SeriesOfColumn(const ViewTable& table, size_t column, const std::string& name, bool with_total_row) {
    ChartSeries series;
    series.name = name;
    for (const ViewRow& row : table.rows) {
        if (row.total && !with_total_row) continue;
        const ViewCell& cell = row.cells.at(column);
        series.values.push_back(cell.number);
        series.texts.push_back(cell.text);
    }
    return series;
}

}  // namespace foljsam::report::followup

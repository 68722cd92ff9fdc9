#include "report/report_tables.hpp"

#include <algorithm>
#include <string_view>

namespace foljsam::report {

std::vector<ReportTable> ReportTablesOf(const Report& report) {
    std::vector<ReportTable> tables;
    std::vector<std::map<std::vector<std::string>, size_t>> row_index;  // per table: values -> row
    for (const Cell& cell : report.cells) {
        std::vector<Dimension> dimensions;
        std::vector<std::string> values;
        for (const auto& [dimension, value] : cell.by) {
            dimensions.push_back(dimension);
            values.push_back(value);
        }
        auto table = std::find_if(tables.begin(), tables.end(),
                                  [&](const ReportTable& t) { return t.dimensions == dimensions; });
        if (table == tables.end()) {
            tables.push_back(ReportTable{dimensions, {}, {}});
            row_index.emplace_back();
            table = tables.end() - 1;
        }
        auto [it, inserted] = row_index[table - tables.begin()].emplace(values, table->rows.size());
        if (inserted) {
            table->rows.push_back(values);
            table->cells.emplace_back();
        }
        table->cells[it->second][cell.measure] = &cell;
    }
    return tables;
}

std::string ReportTableTitle(const std::vector<Dimension>& dimensions) {
    if (dimensions.empty()) return "Totalt";
    std::string title(DimensionLabel(dimensions[0]));
    if (dimensions.size() == 2) title += " × " + std::string(DimensionLabel(dimensions[1]));
    return title;
}

std::vector<std::pair<std::string, std::string>> AboutLines(const RenderInput& input) {
    std::vector<std::pair<std::string, std::string>> lines;
    lines.emplace_back("Rapport", "Följsam – uppföljning av insatser");
    lines.emplace_back("Förbund", input.forbund_name);
    lines.emplace_back("Period", input.period.Label() + " (" + input.period.from.ToString() + " – " +
                                     input.period.to.ToString() + ")");
    std::string insatser;
    for (const auto& [id, insats_name] : input.insats_names) insatser += (insatser.empty() ? "" : ", ") + insats_name;
    lines.emplace_back("Insatser", insatser.empty() ? "Inga" : insatser);
    std::string measures;
    for (Measure measure : input.report.query.measures)
        measures += (measures.empty() ? "" : ", ") + std::string(MeasureLabel(measure));
    lines.emplace_back("Mått", measures);
    std::string dimensions;
    for (Dimension dimension : input.report.query.dimensions)
        dimensions += (dimensions.empty() ? "" : ", ") + std::string(DimensionLabel(dimension));
    lines.emplace_back("Uppdelat på", dimensions.empty() ? "Inget (bara totaler)" : dimensions);
    lines.emplace_back("Skydd för små tal", SuppressionSentence(input.threshold, input.suppression_applied));
    lines.emplace_back("Tröskel", std::to_string(input.threshold));
    if (input.report.multi_valued_totals_may_exceed)
        lines.emplace_back("Obs",
                           "En deltagare kan ha flera värden i en av dimensionerna och räknas då under vart och "
                           "ett av dem. Summan av värdena kan därför bli större än antalet deltaganden.");
    lines.emplace_back("Skapad", input.generated_at);
    return lines;
}

std::string SuppressionSentence(int threshold, bool applied) {
    if (!applied) return "Inte tillämpat: rapporten visar även små tal och får inte spridas vidare.";
    return "Tillämpat. Antal från 1 till " + std::to_string(threshold - 1) + " visas som \"<" +
           std::to_string(threshold) + "\"; antal som skulle avslöja dem visas som \"–\". Noll visas.";
}

// Excel's rules: at most 31 characters, none of []:*?/\, unique ignoring case (ASCII
// case is enough for our Swedish labels' first letters; åäö differ anyway).
std::string SheetName(std::string wanted, std::set<std::string>& used) {
    for (char& ch : wanted)
        if (std::string_view("[]:*?/\\").find(ch) != std::string_view::npos) ch = '-';
    // A cut name ends at a word where one ends in its second half, and never with a space,
    // comma or dash: "Tid utan arbete eller studier", not "Tid utan arbete eller studier, ".
    auto truncate = [](const std::string& text, size_t max_chars) {
        size_t chars = 0, pos = 0;
        for (; pos < text.size(); ++pos) {
            if ((static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) continue;  // UTF-8 continuation
            if (chars == max_chars) break;
            ++chars;
        }
        if (pos == text.size()) return text;
        std::string cut = text.substr(0, pos);
        const size_t space = cut.find_last_of(' ');
        if (text[pos] != ' ' && space != std::string::npos && space >= cut.size() / 2) cut.resize(space);
        while (cut.size() > 1 && std::string_view(" ,;-").find(cut.back()) != std::string_view::npos) cut.pop_back();
        return cut;
    };
    auto lower = [](std::string text) {
        for (char& ch : text)
            if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
        return text;
    };
    std::string name = truncate(wanted, 31);
    for (int suffix = 2; used.count(lower(name)); ++suffix) {
        const std::string tail = " (" + std::to_string(suffix) + ")";
        name = truncate(wanted, 31 - tail.size()) + tail;
    }
    used.insert(lower(name));
    return name;
}

void AppendCsvField(std::string& out, std::string_view field) {
    if (field.find_first_of(";\"\r\n") == std::string_view::npos) {
        out += field;
        return;
    }
    out += '"';
    for (char ch : field) {
        if (ch == '"') out += '"';
        out += ch;
    }
    out += '"';
}

}  // namespace foljsam::report

#include "report/render_tables.hpp"

#include <nlohmann/json.hpp>

#include "report/render.hpp"
#include "report/report_tables.hpp"

namespace foljsam::report {
namespace {

void AppendLine(std::string& out, const std::vector<std::string>& fields) {
    for (size_t idx = 0; idx < fields.size(); ++idx) {
        if (idx > 0) out += ';';
        AppendCsvField(out, fields[idx]);
    }
    out += "\r\n";
}

// A cell as CSV text: numbers without digit grouping so Excel reads them as numbers.
std::string CsvText(const ViewCell& cell) {
    if (cell.hidden || cell.percent || !cell.number) return cell.text;
    if (!cell.text.empty() && cell.text[0] == '+') return cell.text;  // a change keeps its sign
    // A decimal such as a rate ("1 234,5"), with the decimal comma Swedish Excel reads.
    if (cell.text.find(',') != std::string::npos) {
        std::string text = cell.text;
        for (size_t pos; (pos = text.find("\u00a0")) != std::string::npos;) text.erase(pos, 2);
        return text;
    }
    return std::to_string(static_cast<long long>(*cell.number));
}

}  // namespace

std::string RenderTablesCsv(const TablesDocument& doc, const std::vector<ViewSection>& sections) {
    std::string out = "\xEF\xBB\xBF";
    AppendLine(out, {doc.title});
    AppendLine(out,
               {doc.forbund_name, doc.period.Label(), doc.period.from.ToString() + " – " + doc.period.to.ToString()});
    if (doc.suppression_applied)
        AppendLine(out, {"Små tal är dolda: 1 till " + std::to_string(doc.threshold - 1) + " visas som <" +
                         std::to_string(doc.threshold) + "; – betyder dolt för att skydda ett annat tal."});
    out += "\r\n";
    for (const ViewSection& section : sections) {
        for (const ViewTable& table : section.tables) {
            AppendLine(out, {section.title + ": " + table.caption});
            std::vector<std::string> header = {table.row_header};
            header.insert(header.end(), table.columns.begin(), table.columns.end());
            AppendLine(out, header);
            for (const ViewRow& row : table.rows) {
                std::vector<std::string> fields = {row.header};
                for (const ViewCell& cell : row.cells) fields.push_back(CsvText(cell));
                AppendLine(out, fields);
            }
            if (!table.note.empty()) AppendLine(out, {table.note});
            out += "\r\n";
        }
    }
    return out;
}

std::string RenderFollowUpJson(const TablesDocument& doc, const FollowUp& followup) {
    using Json = nlohmann::ordered_json;
    Json names = Json::array();
    for (const auto& [id, name] : doc.insats_names) names.push_back(name);
    Json out;
    out["period"] = {{"from", doc.period.from.ToString()}, {"to", doc.period.to.ToString()}};
    out["scope"] = {{"insatser", names}, {"forbund", doc.forbund_name}};
    out["suppression"] = {{"threshold", doc.threshold}, {"applied", doc.suppression_applied}};
    out["tables"] = Json::array();
    for (const NamedReport& named : followup.reports) {
        const RenderInput input{named.report,  named.report.query.period, doc.insats_names, doc.forbund_name,
                                doc.threshold, doc.suppression_applied,   doc.generated_at};
        Json cells = Json::parse(RenderJson(input))["cells"];
        out["tables"].push_back(
            {{"id", named.id},
             {"title", named.title},
             {"period",
              {{"from", named.report.query.period.from.ToString()}, {"to", named.report.query.period.to.ToString()}}},
             {"cells", std::move(cells)}});
    }
    return out.dump(2) + "\n";
}

}  // namespace foljsam::report

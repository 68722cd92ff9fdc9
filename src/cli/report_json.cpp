#include "cli/report_json.hpp"

#include <map>
#include <nlohmann/json.hpp>

#include "report/dimension.hpp"
#include "report/measure.hpp"

namespace foljsam::cli {

std::string ReportJson(const services::ReportResult& result, std::string_view forbund_name) {
    // ordered_json keeps the keys in the contract's order (and `by` in the query's).
    using Json = nlohmann::ordered_json;
    std::map<std::string, std::string> insats_names;
    Json names = Json::array();
    for (const auto& insats : result.scope) {
        insats_names[std::to_string(insats.id)] = insats.name;
        names.push_back(insats.name);
    }
    Json doc;
    doc["period"] = {{"from", result.period.from.ToString()}, {"to", result.period.to.ToString()}};
    doc["scope"] = {{"insatser", names}, {"forbund", std::string(forbund_name)}};
    doc["suppression"] = {{"threshold", result.threshold}, {"applied", result.suppression_applied}};
    Json cells = Json::array();
    for (const auto& cell : result.report.cells) {
        Json by = Json::object();
        for (const auto& [dimension, value] : cell.by) {
            auto it = dimension == report::Dimension::kInsats ? insats_names.find(value) : insats_names.end();
            by[std::string(report::DimensionName(dimension))] = it != insats_names.end() ? it->second : value;
        }
        const bool hidden = result.suppression_applied && cell.suppressed;
        cells.push_back({{"measure", std::string(report::MeasureName(cell.measure))},
                         {"by", std::move(by)},
                         {"value", hidden ? Json(nullptr) : Json(cell.value)},
                         {"suppressed", hidden}});
    }
    doc["cells"] = std::move(cells);
    return doc.dump(2) + "\n";
}

}  // namespace foljsam::cli

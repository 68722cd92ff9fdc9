// JSON renderer: the cells as the contract of issue 3, item 7 describes (see render.hpp).

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "report/dimension.hpp"
#include "report/measure.hpp"
#include "report/render.hpp"

namespace foljsam::report {

std::string RenderJson(const RenderInput& input) {
    // ordered_json keeps the keys in the contract's order (and `by` in the query's).
    using Json = nlohmann::ordered_json;
    std::map<std::string, std::string> insats_names;
    Json names = Json::array();
    for (const auto& [id, name] : input.insats_names) {
        insats_names[std::to_string(id)] = name;
        names.push_back(name);
    }
    Json doc;
    doc["period"] = {{"from", input.period.from.ToString()}, {"to", input.period.to.ToString()}};
    doc["scope"] = {{"insatser", names}, {"forbund", input.forbund_name}};
    doc["suppression"] = {{"threshold", input.threshold}, {"applied", input.suppression_applied}};
    Json cells = Json::array();
    for (const auto& cell : input.report.cells) {
        Json by = Json::object();
        for (const auto& [dimension, value] : cell.by) {
            auto it = dimension == Dimension::kInsats ? insats_names.find(value) : insats_names.end();
            by[std::string(DimensionName(dimension))] = it != insats_names.end() ? it->second : value;
        }
        const bool hidden = IsHidden(input, cell);
        cells.push_back({{"measure", std::string(MeasureName(cell.measure))},
                         {"by", std::move(by)},
                         {"value", hidden ? Json(nullptr) : Json(cell.value)},
                         {"suppressed", hidden}});
    }
    doc["cells"] = std::move(cells);
    return doc.dump(2) + "\n";
}

}  // namespace foljsam::report

#include "web/report_view.hpp"

namespace foljsam::web {

nlohmann::json TableModel(const report::ViewTable& table) {
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& row : table.rows) {
        nlohmann::json cells = nlohmann::json::array();
        for (const auto& cell : row.cells) cells.push_back({{"text", cell.text}, {"hidden", cell.hidden}});
        rows.push_back({{"header", row.header}, {"total", row.total}, {"cells", cells}});
    }
    const std::string svg = report::ChartSvgOf(table);
    return {{"id", table.id},
            {"caption", table.caption},
            {"row_header", table.row_header},
            {"columns", table.columns},
            {"rows", rows},
            {"note", table.note},
            {"svg", svg},
            {"has_chart", !svg.empty()},
            {"wide", table.wide},
            {"line_chart", table.line_chart}};
}

nlohmann::json SectionsModel(const std::vector<report::ViewSection>& sections) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& section : sections) {
        nlohmann::json tables = nlohmann::json::array();
        for (const auto& table : section.tables) tables.push_back(TableModel(table));
        out.push_back({{"id", section.id}, {"title", section.title}, {"intro", section.intro}, {"tables", tables}});
    }
    return out;
}

}  // namespace foljsam::web

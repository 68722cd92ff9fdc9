#include "report/table_view.hpp"

namespace foljsam::report {

std::string ChartSvgOf(const ViewTable& table) {
    if (!table.chart || table.chart->categories.empty()) return "";
    return table.line_chart ? LineChartSvg(*table.chart) : BarChartSvg(*table.chart);
}

}  // namespace foljsam::report

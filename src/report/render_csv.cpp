// CSV renderer for Swedish Excel: UTF-8 with BOM, ';' separated, CRLF (see render.hpp).
// Excel opens such a file with a double click and shows åäö correctly only with the BOM;
// ';' is the list separator of the Swedish locale, where ',' is the decimal comma.

#include <string>
#include <string_view>

#include "report/dimension.hpp"
#include "report/measure.hpp"
#include "report/render.hpp"
#include "report/report_tables.hpp"

namespace foljsam::report {
std::string RenderCsv(const RenderInput& input) {
    const std::vector<Dimension>& dimensions = input.report.query.dimensions;
    std::string out = "\xEF\xBB\xBF";
    out += "Mått";
    for (Dimension dimension : dimensions) {
        out += ';';
        AppendCsvField(out, DimensionLabel(dimension));
    }
    out += ";Värde;Dolt\r\n";
    for (const Cell& cell : input.report.cells) {
        AppendCsvField(out, MeasureLabel(cell.measure));
        for (Dimension dimension : dimensions) {
            out += ';';
            std::string label = "Totalt";
            for (const auto& [by_dimension, value] : cell.by)
                if (by_dimension == dimension) label = RenderedValueLabel(input, dimension, value);
            AppendCsvField(out, label);
        }
        out += ';';
        AppendCsvField(out, RenderedValue(input, cell));
        out += IsHidden(input, cell) ? ";ja\r\n" : ";nej\r\n";
    }
    return out;
}

}  // namespace foljsam::report

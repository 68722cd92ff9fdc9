#include "report/render.hpp"

#include "report/suppression.hpp"

namespace foljsam::report {

std::string RenderedValueLabel(const RenderInput& input, Dimension dimension, std::string_view value) {
    if (dimension != Dimension::kInsats || value.empty()) return ValueLabel(dimension, value);
    for (const auto& [id, name] : input.insats_names)
        if (std::to_string(id) == value) return name;
    return std::string(value);
}

bool IsHidden(const RenderInput& input, const Cell& cell) { return input.suppression_applied && cell.suppressed; }

std::string RenderedValue(const RenderInput& input, const Cell& cell) {
    return IsHidden(input, cell) ? DisplayValue(cell, input.threshold) : std::to_string(cell.value);
}

}  // namespace foljsam::report

#include "cli/report_input.hpp"

#include <utility>

namespace foljsam::cli {

report::RenderInput RenderInputOf(const services::ReportResult& result, std::string forbund_name,
                                  std::string generated_at) {
    report::RenderInput input{.report = result.report,
                              .period = result.period,
                              .insats_names = {},
                              .forbund_name = std::move(forbund_name),
                              .threshold = result.threshold,
                              .suppression_applied = result.suppression_applied,
                              .generated_at = std::move(generated_at)};
    for (const auto& insats : result.scope) input.insats_names.emplace_back(insats.id, insats.name);
    return input;
}

}  // namespace foljsam::cli

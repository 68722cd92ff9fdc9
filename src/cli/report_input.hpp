#pragma once
// Glue between ReportService's result and the renderers of report/render.hpp, for
// `foljsam report`. The JSON contract itself (issue 3, item 7) and the CSV and XLSX
// renderers live in report/render.hpp. Pure function; thread-safe.

#include <string>

#include "report/render.hpp"
#include "services/report_service.hpp"

namespace foljsam::cli {

// The renderers' input for `result` of association `forbund_name`, made at
// `generated_at`. Borrows result.report: `result` must outlive the input.
report::RenderInput RenderInputOf(const services::ReportResult& result, std::string forbund_name,
                                  std::string generated_at);

}  // namespace foljsam::cli

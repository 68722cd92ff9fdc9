#pragma once
// The JSON contract of `foljsam report --format json` (issue 3, item 7; design.md,
// "Reports are cells"):
//   {"period": {"from", "to"},
//    "scope": {"insatser": [names], "forbund": name},
//    "suppression": {"threshold", "applied"},
//    "cells": [{"measure", "by": {dimension: value}, "value", "suppressed"}]}
// `by` uses the dimension names of domain.md and national codes as values ("" when the
// answer is missing); an insats is given by its name, a district by its code. A
// suppressed cell's value is null: the true value never leaves the process when
// suppression applies. Pure function; thread-safe.

#include <string>
#include <string_view>

#include "services/report_service.hpp"

namespace foljsam::cli {

// The document for `result` of association `forbund_name`, indented by two spaces,
// ending with a newline.
std::string ReportJson(const services::ReportResult& result, std::string_view forbund_name);

}  // namespace foljsam::cli

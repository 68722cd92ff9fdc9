#pragma once
// The choices of the report pages (follow-up and Explore): periods offered in the select,
// the default period, and reading the choices from a query string. Only parsing and
// option lists; what is counted is decided by services/ and report/. Thread-safe.

#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common/status.hpp"
#include "domain/date.hpp"
#include "domain/organisation.hpp"
#include "report/period.hpp"

namespace foljsam::web {

// The latest half-year that has ended on `today` (2026-12-03 -> 2026-H1).
report::Period DefaultFollowUpPeriod(const domain::Date& today);

// Select options {"value", "label", "selected"}: whole years and half-years from `today`'s
// year back five years, plus `selected` itself when it is none of them.
nlohmann::json PeriodOptions(const domain::Date& today, const report::Period& selected);

// Select options of the insatser {"value", "label", "selected"}, after "Alla insatser" ("").
nlohmann::json InsatsOptions(const std::vector<domain::Insats>& insatser, const std::string& selected);

// An insats id from a query parameter: nullopt for "" (all); kNotFound for anything not a
// positive integer.
Result<std::optional<long long>> ParseInsatsParam(const std::string& text);

// Now in server-local time as "2025-06-30 14:05", for "when the report was made".
std::string LocalTimestamp();

// Writes a file with `write(path)` into a private temporary file and returns its bytes;
// the file is removed in every case. For renderers that write files (XLSX).
Result<std::string> ReadBackTemporary(const std::function<Status(const std::filesystem::path&)>& write);

}  // namespace foljsam::web

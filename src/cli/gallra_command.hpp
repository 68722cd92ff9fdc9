#pragma once
// `foljsam gallra`: gallring as the machine's operator (services/retention_service.hpp).
// Kept apart from main.cpp, which alone includes CLI11.
//
//   foljsam gallra [--dry-run]
//     removes the identity of participations that ended more than each association's
//     retention period ago, keeping them as anonymous statistics; prints per association
//     and insats what was (with --dry-run: would be) removed, in Swedish.
//   foljsam gallra --set-months N
//     sets the retention period (gallringsfrist) of the association to N months, 1..600.

#include <optional>

#include "services/app.hpp"

namespace foljsam::cli {

struct GallraOptions {
    bool dry_run = false;
    std::optional<int> set_months;
};

// Gallring covers every association of the database; `forbund_id` is the association
// --set-months applies to (unused without it). Exit status: 0 on success, 2 for wrong
// options, 1 when gallring failed (nothing of the failing association was written).
int RunGallra(services::App& app, long long forbund_id, const GallraOptions& options);

}  // namespace foljsam::cli

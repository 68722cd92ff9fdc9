#pragma once
// Renderers of composed reports (the follow-up): its display tables as CSV and XLSX, its
// engine reports as JSON. Tables hold only what the viewer may see (table_view.hpp), so
// these outputs never carry a hidden value. Free functions; thread-safe.

#include <filesystem>
#include <string>
#include <vector>

#include "common/status.hpp"
#include "report/followup.hpp"
#include "report/table_view.hpp"

namespace foljsam::report {

struct TablesDocument {
    std::string title;  // e.g. "Uppföljning första halvåret 2025 – Alla insatser"
    std::string forbund_name;
    Period period;
    std::vector<std::pair<long long, std::string>> insats_names;  // the scope: id, name
    int threshold = 5;
    bool suppression_applied = true;
    std::string generated_at;
};

// CSV for Swedish Excel (UTF-8 with BOM, ';', CRLF): the title and period lines, then per
// table its caption, the header, its rows and an empty line. Counts are plain integers,
// shares "34 %", hidden cells their markers.
std::string RenderTablesCsv(const TablesDocument& doc, const std::vector<ViewSection>& sections);

// The follow-up's engine reports as JSON: {"period", "scope", "suppression", "tables":
// [{"id", "title", "period": {"from", "to"}, "cells": [...]}]} with cells exactly as
// RenderJson() writes them (a hidden cell has value null).
std::string RenderFollowUpJson(const TablesDocument& doc, const FollowUp& followup);

}  // namespace foljsam::report

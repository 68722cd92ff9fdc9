#pragma once
// Internal to the follow-up (followup.cpp, followup_sections.cpp): running one engine query
// as the viewer sees it, and the table shapes the follow-up repeats. Not a public contract
// beyond report/; thread-safe like the rest of the engine (no shared state).

#include <set>
#include <string>
#include <vector>

#include "common/status.hpp"
#include "report/cell_lookup.hpp"
#include "report/followup.hpp"

namespace foljsam::report::followup {

// The shared state of one BuildFollowUp call.
struct Context {
    const std::vector<Fact>& facts;
    const FollowUpOptions& options;
    FollowUp& out;
    // Keys (CellKey) of counts some table of the follow-up hides: every other table hides
    // them too, so no table reveals what another one hides.
    const std::set<std::string>* hidden_elsewhere = nullptr;
};

// What identifies a count across the follow-up's tables: measure, period and the
// (dimension, value) pairs in dimension order. Scope is the same for every table.
std::string CellKey(const Cell& cell, const Period& period);

// Computes `query` over the scope (suppressed when the options say so, hiding also the
// counts in ctx.hidden_elsewhere), keeps it in
// out.reports under `id` and returns a copy of it.
Result<Report> Run(Context& ctx, const std::string& id, const std::string& title, Query query);

// "Kvinnor" -> "kvinnor": the first letter lowered (labels start with an ASCII capital).
std::string LowerFirst(std::string text);

// Plural Swedish column header of a gender code: "Kvinnor", "Män", "Annat kön", "Uppgift saknas".
std::string GenderColumn(const std::string& code);

// The gender codes to show as columns: K and M always, X, U and "" (missing) when some
// count of `measures` by gender (a gender cell of a report broken down by gender) is not zero.
std::vector<std::string> GenderColumns(const CellLookup& lookup, const std::vector<Measure>& measures);

// The values of `dimension` in the report's order (its single-dimension cells of `measure`).
std::vector<std::string> ValuesInOrder(const Report& report, Measure measure, Dimension dimension);

// A table of `measure` broken down by `dimension`: a row per value (code-list values even
// at zero; open values and a missing answer only when counted) with the count and its
// share of the total, a total row, and a bar chart of the counts. The report must be the
// query {measure} x {dimension}. Rows whose value is in `skip` are left out. One
// dimension keeps secondary suppression light: its only sum is the total.
ViewTable DistributionTable(const Report& report, const CellLookup& lookup, const std::string& id,
                            const std::string& caption, Measure measure, Dimension dimension,
                            const std::vector<std::string>& skip = {});

// Turns one column of `table` into a bar chart series.
ChartSeries SeriesOfColumn(const ViewTable& table, size_t column, const std::string& name, bool with_total_row);

}  // namespace foljsam::report::followup

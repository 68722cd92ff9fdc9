#pragma once
// View models of the import wizard's pages (web/templates/import*.mustache), built from
// what ImportService reports, and reading the wizard's posted choices back into
// io::ImportSettings. Only presentation and form parsing: what a column or a value means
// is decided by io/ and services/. Plain functions; thread-safe.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "io/import_plan.hpp"
#include "services/import_service.hpp"
#include "store/import_repo.hpp"
#include "web/form.hpp"

namespace foljsam::web {

// --- mapping step -------------------------------------------------------------------------
// One select per source column that has a header ("kolumn_<index>", labelled with the
// column letter and header), offering the template columns and "Importeras inte",
// preselected with the plan's mapping. A header repeated (after NormalizeKey) is offered
// once, since one decision applies to every column with that header.
nlohmann::json MappingFields(const io::ImportPlan& plan);
// Stores the posted choices of MappingFields in settings.columns (NormalizeKey(header) ->
// ColumnId, or "" for "Importeras inte"). Unknown posted ids are ignored.
void ReadMapping(const io::ImportPlan& plan, const Form& form, io::ImportSettings& settings);

// --- unknown values step ----------------------------------------------------------------------
// The values to decide: those the user decided before (`decided`, still shown so a
// decision can be changed) whose column is still mapped, and the plan's unknown values,
// by first row.
std::vector<io::UnknownValue> ValuesToDecide(const io::ImportPlan& plan, const std::vector<io::UnknownValue>& decided);
// One select per value ("varde_<index>"): "Välj", its choices, and "Avvisa raderna med
// detta värde"; preselected with the decision in `settings`, if any.
nlohmann::json ValueFields(const std::vector<io::UnknownValue>& values, const io::ImportSettings& settings);
// Stores the posted decisions in settings.values and adds the decided values to `decided`.
// "Välj" leaves a value undecided (its rows stay rejected as unknown).
void ReadValues(const std::vector<io::UnknownValue>& values, const Form& form, io::ImportSettings& settings,
                std::vector<io::UnknownValue>& decided);

// --- preview and result -----------------------------------------------------------------------
// {"created", "updated", "unchanged", "rejected", "rows"}.
nlohmann::json Counts(const services::ImportReport& report);
// Every issue as a table row {"id", "row", "column", "value", "expected"}; "id" is the
// anchor the error summary links to.
nlohmann::json IssueRows(const std::vector<io::RowIssue>& issues);
// The error summary ({"errors": [{"href", "message"}]}) of a report: the first `shown`
// issues linking to their table rows, then one link to the whole table. Null when none.
nlohmann::json IssueSummary(const std::vector<io::RowIssue>& issues, size_t shown = 10);
// A file issue (no header row, a missing or repeated column) as a sentence.
std::string FileIssueText(const io::RowIssue& issue);
// Answers left empty and registered as "Okänd": [{"column", "rows"}].
nlohmann::json FilledUnknown(const io::ImportPlan& plan);

// --- start page -------------------------------------------------------------------------------
// Rows of the history table; undo is offered for imports not yet undone.
nlohmann::json HistoryRows(const std::vector<store::ImportBatch>& batches);

// "fel-<name>.xlsx" for the workbook of rejected rows: the uploaded file's name without
// its extension, in ASCII (å, ä, ö -> a, a, o; other characters -> '_'), at most 80
// characters; "fel-import.xlsx" when nothing is left.
std::string ErrorWorkbookName(const std::string& file_name);

// "2026-11-22T07:15:55Z" (UTC, as stored) as server-local "2026-11-22 08:15"; the text
// itself when it does not parse.
std::string LocalTimeText(const std::string& utc);

}  // namespace foljsam::web

#pragma once
// Importing an association's Excel or CSV file of participations (issue 4): read the
// file (io/), plan every row (io/import_plan), then in one transaction create missing
// insatser and organisations when asked, match each row to what an earlier import made
// (by Rad-id, else by person + insats + start date, else for anonymous rows by their
// visible attributes) and create, update or leave it, through the same save path and
// audit as a registration. Modes: all-or-nothing (any rejected row writes nothing) or
// valid rows only. A dry run does all of it and rolls back, which is also the preview.
// Every run that writes is recorded with what it created and replaced, so it can be
// undone as a whole; column and value mappings can be saved per association.
//
// Access: the web path needs kWriteParticipation on every insats a row names and never
// creates insatser; the operator path (CLI, the machine's owner) may do everything.
// Personnummer never leave this service: reports carry no personal identity.
// Thread-safe.

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.hpp"
#include "domain/actor.hpp"
#include "io/import_plan.hpp"
#include "io/sheet.hpp"
#include "services/app.hpp"
#include "store/import_repo.hpp"

namespace foljsam::services {

enum class ImportMode { kAllOrNothing, kValidRows };

struct ImportRequest {
    std::string file_name;
    std::string_view bytes;  // the file as uploaded
    io::ImportSettings settings;
    std::optional<long long> insats_id;  // rows that name no insats go here
    bool create_missing = false;         // operator only
    ImportMode mode = ImportMode::kAllOrNothing;
    bool dry_run = false;
    io::ReadLimits limits;
    // Called after each row with (rows done, rows in all); may be empty. Runs on the
    // calling thread, so it must be cheap.
    std::function<void(size_t, size_t)> progress;
    // Polled between rows; when it returns true the run stops and nothing is written
    // (Run then fails with kConflict "Importen avbröts").
    std::function<bool()> cancelled;
};

enum class RowAction { kCreate, kUpdate, kUnchanged, kRejected };

struct RowOutcome {
    int row = 0;
    RowAction action = RowAction::kRejected;
    std::optional<long long> participation_id;
    std::string insats;  // name
    std::string who;     // participant code, "anonym" or "med personnummer"; never the number
    std::vector<io::RowIssue> issues;
};

struct ImportReport {
    std::string sheet;
    io::ImportPlan plan;  // personnummer cleared
    std::vector<RowOutcome> rows;
    int created = 0, updated = 0, unchanged = 0, rejected = 0;
    std::vector<std::string> created_insatser;
    std::vector<std::string> created_organisations;
    bool written = false;  // false for dry runs and refused all-or-nothing runs
    std::optional<long long> batch_id;
    // Every row issue and file issue, in row order.
    std::vector<io::RowIssue> AllIssues() const;
};

struct UndoReport {
    int removed = 0;   // participations an import created
    int restored = 0;  // participations put back as they were
};

class ImportService {
   public:
    explicit ImportService(App& app) : app_(app) {}

    // Failure (nothing written): kInvalidInput for a file that cannot be read (the message
    // says why), kForbidden, store failures. Row problems are not failures: they are in
    // the report, and decide what is written according to the mode.
    Result<ImportReport> Run(const domain::Actor& actor, const ImportRequest& request);
    Result<ImportReport> RunAsOperator(long long forbund_id, const ImportRequest& request);

    // Reads the file and plans it (header row, column mapping, unknown values, each row's
    // own problems) without matching or writing anything: in a read transaction, so it
    // neither waits for nor holds the write lock. The report has `plan` and `sheet` only;
    // rows, counts and the structure that create_missing would add are not in it. For the
    // wizard's column and value steps. Failure as Run.
    Result<ImportReport> Plan(const domain::Actor& actor, const ImportRequest& request);

    // Imports of the association, newest first.
    Result<std::vector<store::ImportBatch>> History(const domain::Actor& actor);
    Result<std::vector<store::ImportBatch>> HistoryAsOperator(long long forbund_id);

    // Undoes a whole import: removes what it created and restores what it changed.
    // Failure: kConflict when any of its participations changed after the import (nothing
    // is undone then), kNotFound, kForbidden, or kConflict when already undone.
    Result<UndoReport> Undo(const domain::Actor& actor, long long batch_id);
    Result<UndoReport> UndoAsOperator(long long forbund_id, long long batch_id);

    Status SaveMapping(const domain::Actor& actor, const std::string& name, const io::ImportSettings& settings);
    Result<std::vector<std::pair<std::string, io::ImportSettings>>> Mappings(const domain::Actor& actor);

   private:
    App& app_;
};

// The rows the report rejected, as a workbook to fix and upload again (the file's own
// rows plus "Rad i filen" and "Fel"; see io/error_workbook.hpp). Reads request.bytes
// again. Failure: kInvalidInput when the file cannot be read, kUnavailable.
Status WriteRejectedRows(const ImportRequest& request, const ImportReport& report, const std::filesystem::path& out);

// Settings as JSON and back ({"columns": {...}, "values": [[column, key, code], ...]}),
// for saved mappings and `foljsam import --mapping FILE`. Failure: kInvalidInput.
std::string SettingsToJson(const io::ImportSettings& settings);
Result<io::ImportSettings> SettingsFromJson(const std::string& text);

}  // namespace foljsam::services

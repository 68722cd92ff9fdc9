// The import wizard (issue 4, item 4), for registrars (deltagaransvariga):
//
//   GET  /import                      upload form, template links, history with undo
//   POST /import                      upload (multipart) -> the mapping step
//   GET  /import/{token}/kolumner     source column -> template column
//   GET  /import/{token}/varden       unknown values -> a code, or reject their rows
//   GET  /import/{token}/granska      dry run: counts, every error, the mode, "Importera"
//   GET  /import/{token}/fel.xlsx     the rejected rows as a workbook to correct
//   POST /import/{token}/importera     starts the import on a thread of its own
//   GET  /import/{token}/status       progress (refreshes itself), then the result
//   POST /import/{token}/avbryt       cancels a running import (nothing is written)
//   POST /import/{batch}/angra        undoes an import
//
// Each step's POST stores the choices with the upload and redirects to the next GET, so
// the wizard works without JavaScript and reloads never post twice. The uploaded file
// stays in this server's memory only (web/import_uploads.hpp; several app servers need
// sticky sessions for the wizard); its token is the only thing that identifies it in a
// URL, and no personnummer or name ever goes in a URL or a log line. ImportService
// decides everything about the data and checks access again on every call.

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/organisation.hpp"
#include "domain/text.hpp"
#include "io/import_columns.hpp"
#include "security/crypto.hpp"
#include "security/policy.hpp"
#include "services/import_service.hpp"
#include "web/form_fields.hpp"
#include "web/import_uploads.hpp"
#include "web/import_view.hpp"
#include "web/report_choices.hpp"
#include "web/router.hpp"

namespace foljsam::web {
namespace {

using nlohmann::json;
using security::policy::Action;
using security::policy::Can;
using services::ImportReport;

constexpr const char* kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
// The upload's POST waits this long for the import before showing the status page, so a
// small file goes straight to its result instead of a page that refreshes itself.
constexpr std::chrono::milliseconds kWaitForImport{1500};
// A file with more rows than this is previewed by a job of its own, with progress, rather
// than while the browser waits (a dry run checks about a thousand rows a second).
constexpr size_t kPreviewRowsWhileWaiting = 2000;
// RandomToken(32): 43 characters of URL-safe base64.
const std::string kToken = "/import/([A-Za-z0-9_-]{43})";

const Status kGone = Status::NotFound(
    "Filen finns inte längre. En uppladdad fil sparas bara i 30 minuter efter att den senast användes, och bara för "
    "den som laddade upp den. Ladda upp den igen.");

std::string Part(const httplib::Request& req, const char* name) {
    return req.has_file(name) ? req.get_file_value(name).content : "";
}

// The base name of a file name as a browser sent it (some send a whole path), at most
// 200 bytes and without control characters.
std::string CleanFileName(const std::string& sent) {
    std::string name = sent.substr(sent.find_last_of("/\\") == std::string::npos ? 0 : sent.find_last_of("/\\") + 1);
    std::erase_if(name, [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
    if (name.size() > 200) name.resize(200);
    return name.empty() ? "fil" : name;
}

// A text for the templates, or null: kainjow's mustache takes an empty string as true.
json TextOrNull(const std::string& text) { return text.empty() ? json(nullptr) : json(text); }

std::optional<long long> ParseId(const std::string& text) {
    if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos)
        return std::nullopt;
    return std::stoll(text);
}

class ImportPages {
   public:
    explicit ImportPages(Router& router) : router_(router), service_(router.app()) {}

    void Register(const std::shared_ptr<ImportPages>& self);

   private:
    using UploadPtr = std::shared_ptr<Upload>;

    // --- access and state ---------------------------------------------------------------
    // The insatser the user registers in; kForbidden when none (the wizard is theirs only).
    Result<std::vector<domain::Insats>> Writable(const Ctx& ctx) {
        auto insatser = router_.admin().VisibleInsatser(ctx.auth.actor);
        if (!insatser.ok()) return insatser.status();
        std::vector<domain::Insats> out;
        for (const auto& insats : *insatser)
            if (Can(ctx.auth.actor, Action::kWriteParticipation, security::policy::ResourceOf(insats)))
                out.push_back(insats);
        if (out.empty())
            return Status::Forbidden(
                "Import av deltagare är för deltagaransvariga. Du registrerar inte deltagare i någon insats.");
        return out;
    }

    // The upload named in the URL, after the access check; renders the refusal and returns
    // nullptr when there is none for this user.
    UploadPtr UploadOf(Ctx& ctx) {
        auto writable = Writable(ctx);
        if (!writable.ok()) {
            router_.RenderError(ctx, writable.status());
            return nullptr;
        }
        auto upload = uploads_.Find(ctx.req.matches[1].str(), ctx.auth.actor.user.id);
        if (!upload) router_.RenderError(ctx, kGone);
        return upload;
    }

    static std::string Href(const Upload& upload, const std::string& step) {
        return "/import/" + upload.token + "/" + step;
    }

    // True once the import runs or has written: the wizard's steps then show the status.
    static bool Locked(Upload& upload) {
        std::lock_guard lock(upload.mutex);
        if (upload.job == JobState::kRunning) return true;
        return upload.job == JobState::kDone && upload.result && upload.result->ok() && (*upload.result)->written;
    }

    // A dry run of the upload's current choices; `version` gets the version of those
    // choices. Valid rows: the counts then say what "Bara felfria rader" would write; all
    // or nothing writes the same or nothing at all.
    static services::ImportRequest DryRunRequest(Upload& upload, int& version) {
        services::ImportRequest request;
        {
            std::lock_guard lock(upload.mutex);
            request.settings = upload.settings;
            request.insats_id = upload.insats_id;
            version = upload.settings_version;
        }
        request.file_name = upload.file_name;
        request.bytes = upload.bytes;
        request.dry_run = true;
        request.mode = services::ImportMode::kValidRows;
        return request;
    }

    // The dry run (or, with `plan_only`, the plan: ImportService::Plan, which is quick and
    // takes no write lock) of the upload's current choices, kept until they change.
    ImportOutcome Outcome(const Ctx& ctx, const UploadPtr& upload, bool plan_only) {
        {
            std::lock_guard lock(upload->mutex);
            const ImportOutcome& kept = plan_only ? upload->plan : upload->preview;
            if (kept && (plan_only ? upload->plan_version : upload->preview_version) == upload->settings_version)
                return kept;
        }
        int version = 0;
        services::ImportRequest request = DryRunRequest(*upload, version);
        auto outcome = std::make_shared<const Result<ImportReport>>(plan_only ? service_.Plan(ctx.auth.actor, request)
                                                                              : service_.Run(ctx.auth.actor, request));
        std::lock_guard lock(upload->mutex);
        if (upload->settings_version == version) {
            (plan_only ? upload->plan : upload->preview) = outcome;
            (plan_only ? upload->plan_version : upload->preview_version) = version;
        }
        return outcome;
    }
    ImportOutcome Preview(const Ctx& ctx, const UploadPtr& upload) { return Outcome(ctx, upload, false); }
    ImportOutcome PlanOf(const Ctx& ctx, const UploadPtr& upload) { return Outcome(ctx, upload, true); }

    // A plan or dry run that can be shown (the file was read and has its columns);
    // otherwise redirects to the mapping step, which explains why, and returns nullptr.
    ImportOutcome Usable(Ctx& ctx, const UploadPtr& upload, bool plan_only) {
        auto outcome = Outcome(ctx, upload, plan_only);
        if (outcome->ok() && (*outcome)->plan.file_issues.empty()) return outcome;
        const StatusCode code = outcome->status().code();
        if (!outcome->ok() && code != StatusCode::kInvalidInput && code != StatusCode::kNotFound)
            router_.RenderError(ctx, outcome->status());
        else
            Router::Redirect(ctx, Href(*upload, "kolumner"));
        return nullptr;
    }
    ImportOutcome UsablePreview(Ctx& ctx, const UploadPtr& upload) { return Usable(ctx, upload, false); }

    static json InsatsField(const FieldSet& fs, const std::vector<domain::Insats>& writable,
                            const std::string& selected) {
        Options options;
        for (const auto& insats : writable) options.emplace_back(std::to_string(insats.id), insats.name);
        json field = fs.Select("insats", "Insats för rader som inte anger insats (valfritt)", options, selected,
                               "Välj en insats om filen saknar kolumnen Insats eller har rader utan insats.");
        field["select"]["options"][0]["label"] = "Ingen";
        return field;
    }

    // --- pages ------------------------------------------------------------------------------
    struct StartForm {
        std::vector<FieldError> errors;
        std::string insats, mapping;
        std::string undo_error;
        int status = 200;
    };
    void StartPage(Ctx& ctx, const StartForm& form);
    void UploadFile(Ctx& ctx);
    void ColumnsPage(Ctx& ctx, const UploadPtr& upload);
    void SaveColumns(Ctx& ctx, const UploadPtr& upload);
    void ValuesPage(Ctx& ctx, const UploadPtr& upload);
    void SaveValues(Ctx& ctx, const UploadPtr& upload);
    void PreviewPage(Ctx& ctx, const UploadPtr& upload, const std::vector<FieldError>& errors = {}, int status = 200);
    // True when the preview of the current choices is at hand or quick to make; otherwise
    // starts (or follows) a preview job, answers with its progress and returns false.
    bool PreviewReady(Ctx& ctx, const UploadPtr& upload);
    void StartImport(Ctx& ctx, const UploadPtr& upload);
    void StatusPage(Ctx& ctx, const UploadPtr& upload);
    void ErrorWorkbook(Ctx& ctx, const UploadPtr& upload);
    void Undo(Ctx& ctx);
    json ResultModel(Ctx& ctx, const Upload& upload, const ImportReport& report);

    Router& router_;
    services::ImportService service_;
    UploadStore uploads_;
};

void ImportPages::StartPage(Ctx& ctx, const StartForm& form) {
    auto writable = Writable(ctx);
    if (!writable.ok()) return router_.RenderError(ctx, writable.status());
    auto history = service_.History(ctx.auth.actor);
    if (!history.ok()) return router_.RenderError(ctx, history.status());
    auto mappings = service_.Mappings(ctx.auth.actor);
    if (!mappings.ok()) return router_.RenderError(ctx, mappings.status());
    FieldSet fs(form.errors);
    Options mapping_options;
    for (const auto& [name, settings] : *mappings) mapping_options.emplace_back(name, name);
    json mapping_field = fs.Select("mapping", "Sparad mappning (valfritt)", mapping_options, form.mapping,
                                   "Kolumner och värden som du har valt och sparat vid en tidigare import.");
    mapping_field["select"]["options"][0]["label"] = "Ingen";
    std::string file_error;
    for (const auto& e : form.errors)
        if (e.field == "fil") file_error += (file_error.empty() ? "" : " ") + e.message;
    const json rows = HistoryRows(*history);
    json model = {{"title", "Importera deltagare"},
                  {"error_summary", fs.Summary()},
                  {"file_error", TextOrNull(file_error)},
                  {"insats_field", InsatsField(fs, *writable, form.insats)},
                  {"mapping_field", mapping_field},
                  {"has_mappings", !mappings->empty()},
                  {"history", rows},
                  {"has_history", !rows.empty()},
                  {"undo_error", TextOrNull(form.undo_error)}};
    // The notice after an undo (Post/Redirect/Get); counts only, so nothing else can be shown.
    const auto removed = ParseId(ctx.Query("borttagna")), restored = ParseId(ctx.Query("aterstallda"));
    if (ctx.Query("angrad") == "1" && removed && restored)
        model["undone"] = {{"removed", *removed}, {"restored", *restored}};
    router_.Render(ctx, "import", model, form.status);
}

void ImportPages::UploadFile(Ctx& ctx) {
    auto writable = Writable(ctx);
    if (!writable.ok()) return router_.RenderError(ctx, writable.status());
    StartForm form;
    form.insats = Part(ctx.req, "insats");
    form.mapping = Part(ctx.req, "mapping");
    std::optional<long long> insats_id;
    if (!form.insats.empty()) {
        insats_id = ParseId(form.insats);
        const bool allowed = insats_id && std::any_of(writable->begin(), writable->end(),
                                                      [&](const domain::Insats& i) { return i.id == *insats_id; });
        if (!allowed) form.errors.push_back({"insats", "Välj en av insatserna i listan."});
    }
    std::optional<io::ImportSettings> settings;
    if (!form.mapping.empty()) {
        auto mappings = service_.Mappings(ctx.auth.actor);
        if (!mappings.ok()) return router_.RenderError(ctx, mappings.status());
        for (const auto& [name, saved] : *mappings)
            if (name == form.mapping) settings = saved;
        if (!settings) form.errors.push_back({"mapping", "Välj en av de sparade mappningarna."});
    }
    if (!ctx.req.has_file("fil") || ctx.req.get_file_value("fil").filename.empty()) {
        form.errors.insert(form.errors.begin(), {"fil", "Välj en Excel- eller CSV-fil att importera."});
    }
    if (!form.errors.empty()) {
        form.status = 422;
        return StartPage(ctx, form);
    }
    const auto& file = ctx.req.get_file_value("fil");
    auto upload = uploads_.Add(ctx.auth.actor.user.id, CleanFileName(file.filename), file.content);
    if (!upload.ok()) {
        if (upload.status().code() != StatusCode::kInvalidInput) return router_.RenderError(ctx, upload.status());
        form.errors = upload.status().fields();
        form.status = 422;
        return StartPage(ctx, form);
    }
    {
        std::lock_guard lock((*upload)->mutex);
        if (settings) (*upload)->settings = *settings;
        (*upload)->insats_id = insats_id;
    }
    Router::Redirect(ctx, Href(**upload, "kolumner"));
}

void ImportPages::ColumnsPage(Ctx& ctx, const UploadPtr& upload) {
    auto writable = Writable(ctx);
    if (!writable.ok()) return router_.RenderError(ctx, writable.status());
    if (Locked(*upload)) return Router::Redirect(ctx, Href(*upload, "status"));
    auto outcome = PlanOf(ctx, upload);
    json model = {{"title", "Välj kolumner"}, {"file_name", upload->file_name}, {"action", Href(*upload, "kolumner")}};
    if (!outcome->ok()) {
        const StatusCode code = outcome->status().code();
        if (code != StatusCode::kInvalidInput && code != StatusCode::kNotFound)
            return router_.RenderError(ctx, outcome->status());
        model["title"] = "Filen kan inte läsas";
        model["read_error"] = outcome->status().message();
        return router_.Render(ctx, "import_columns", model, 422);
    }
    const ImportReport& report = **outcome;
    const io::ImportPlan& plan = report.plan;
    if (plan.header_row == 0) {
        model["title"] = "Filen har ingen rubrikrad";
        model["read_error"] =
            plan.file_issues.empty() ? "Filen har inga rader." : FileIssueText(plan.file_issues.front());
        return router_.Render(ctx, "import_columns", model, 422);
    }
    // File issues (a missing or repeated column) are fixed right here: the error summary
    // links to the insats choice or to the columns.
    std::vector<FieldError> errors;
    json summary = json::array();
    for (const auto& issue : plan.file_issues) {
        const bool about_insats = issue.row == 0 && issue.column == "Insats";
        std::string message = FileIssueText(issue);
        if (issue.row != 0) message = "Kolumnen " + issue.column + ": " + issue.expected;
        if (about_insats) errors.push_back({"insats", message});
        summary.push_back({{"href", about_insats ? "#f-insats" : "#kolumner"}, {"message", message}});
    }
    FieldSet fs(errors);
    std::string insats;
    {
        std::lock_guard lock(upload->mutex);
        if (upload->insats_id) insats = std::to_string(*upload->insats_id);
    }
    model["error_summary"] = summary.empty() ? json(nullptr) : json{{"errors", summary}};
    model["sheet"] = TextOrNull(report.sheet);
    model["header_row"] = plan.header_row;
    model["fields"] = MappingFields(plan);
    model["insats_field"] = InsatsField(fs, *writable, insats);
    model["has_form"] = true;
    router_.Render(ctx, "import_columns", model, summary.empty() ? 200 : 422);
}

void ImportPages::SaveColumns(Ctx& ctx, const UploadPtr& upload) {
    auto writable = Writable(ctx);
    if (!writable.ok()) return router_.RenderError(ctx, writable.status());
    if (Locked(*upload)) return Router::Redirect(ctx, Href(*upload, "status"));
    auto outcome = PlanOf(ctx, upload);
    if (!outcome->ok() || (*outcome)->plan.header_row == 0) return Router::Redirect(ctx, Href(*upload, "kolumner"));
    std::optional<long long> insats_id = ParseId(ctx.form.Get("insats"));
    if (insats_id &&
        std::none_of(writable->begin(), writable->end(), [&](const domain::Insats& i) { return i.id == *insats_id; }))
        insats_id.reset();
    {
        std::lock_guard lock(upload->mutex);
        ReadMapping((*outcome)->plan, ctx.form, upload->settings);
        upload->insats_id = insats_id;
        ++upload->settings_version;
        if (upload->preview_running) upload->preview_cancelled = true;  // it previews the old choices
    }
    Router::Redirect(ctx, Href(*upload, "varden"));
}

void ImportPages::ValuesPage(Ctx& ctx, const UploadPtr& upload) {
    if (Locked(*upload)) return Router::Redirect(ctx, Href(*upload, "status"));
    auto outcome = Usable(ctx, upload, true);
    if (!outcome) return;
    std::vector<io::UnknownValue> values;
    json fields;
    {
        std::lock_guard lock(upload->mutex);
        values = ValuesToDecide((*outcome)->plan, upload->decided);
        fields = ValueFields(values, upload->settings);
    }
    if (values.empty()) return Router::Redirect(ctx, Href(*upload, "granska"));
    router_.Render(ctx, "import_values",
                   {{"title", "Okända värden"},
                    {"file_name", upload->file_name},
                    {"action", Href(*upload, "varden")},
                    {"back_href", Href(*upload, "kolumner")},
                    {"fields", fields},
                    {"count", values.size()}});
}

void ImportPages::SaveValues(Ctx& ctx, const UploadPtr& upload) {
    if (Locked(*upload)) return Router::Redirect(ctx, Href(*upload, "status"));
    auto outcome = Usable(ctx, upload, true);
    if (!outcome) return;
    {
        std::lock_guard lock(upload->mutex);
        const auto values = ValuesToDecide((*outcome)->plan, upload->decided);
        ReadValues(values, ctx.form, upload->settings, upload->decided);
        ++upload->settings_version;
        if (upload->preview_running) upload->preview_cancelled = true;  // it previews the old choices
    }
    Router::Redirect(ctx, Href(*upload, "granska"));
}

bool ImportPages::PreviewReady(Ctx& ctx, const UploadPtr& upload) {
    {
        std::lock_guard lock(upload->mutex);
        if (upload->preview && upload->preview_version == upload->settings_version) return true;
    }
    auto plan = Usable(ctx, upload, true);
    if (!plan) return false;  // answered: back to the column step
    if ((*plan)->plan.rows.size() <= kPreviewRowsWhileWaiting) return true;

    int version = 0;
    services::ImportRequest request = DryRunRequest(*upload, version);
    Upload* job = upload.get();  // the store keeps the upload alive while its job runs
    request.progress = [job](size_t done, size_t total) {
        job->preview_total = total;
        job->preview_done = done;
    };
    request.cancelled = [job] { return job->preview_cancelled.load(); };
    const domain::Actor actor = ctx.auth.actor;
    services::ImportService service = service_;
    uploads_.StartPreview(upload, version, [service, actor, request]() mutable {
        return std::make_shared<const Result<ImportReport>>(service.Run(actor, request));
    });
    UploadStore::WaitPreview(*upload, kWaitForImport);
    {
        std::lock_guard lock(upload->mutex);
        if (upload->preview && upload->preview_version == upload->settings_version) return true;
    }
    // Still running (or a run of older choices is finishing): show how far it has come.
    const size_t total = upload->preview_total, done = upload->preview_done;
    const bool refresh = ctx.Query("uppdatera") == "ja";
    json model = {{"title", "Granskningen pågår"},
                  {"file_name", upload->file_name},
                  {"status_href", Href(*upload, "granska")},
                  {"running", true},
                  {"previewing", true},
                  {"total", total},
                  {"done", done},
                  {"counting", total > 0},
                  {"cancel_action", Href(*upload, "avbryt")},
                  {"auto_refresh", refresh}};
    if (refresh) model["refresh_seconds"] = 1;  // opt-in only (WCAG 2.2.1)
    router_.Render(ctx, "import_status", model);
    return false;
}

void ImportPages::PreviewPage(Ctx& ctx, const UploadPtr& upload, const std::vector<FieldError>& errors, int status) {
    if (Locked(*upload)) return Router::Redirect(ctx, Href(*upload, "status"));
    if (!PreviewReady(ctx, upload)) return;
    auto outcome = UsablePreview(ctx, upload);
    if (!outcome) return;
    const ImportReport& report = **outcome;
    const auto issues = report.AllIssues();
    bool has_values_step = false;
    {
        std::lock_guard lock(upload->mutex);
        has_values_step = !ValuesToDecide(report.plan, upload->decided).empty();
    }
    FieldSet fs(errors);
    const std::string mode = ctx.form.Has("mode") ? ctx.form.Get("mode") : "alla";
    json fields = {
        fs.Radios("mode", "Hur ska filen importeras?",
                  {{"alla", "Allt eller inget – ingenting sparas om någon rad har fel"},
                   {"felfria", "Bara felfria rader – rader med fel hoppas över"}},
                  mode),
        fs.Text("mapping_name", "Spara mappningen som (valfritt)", ctx.form.Get("mapping_name"),
                "Ge valen av kolumner och värden ett namn för att använda dem igen vid nästa import."),
    };
    router_.Render(ctx, "import_preview",
                   {{"title", "Granska importen"},
                    {"file_name", upload->file_name},
                    {"error_summary", fs.Summary()},
                    {"issue_summary", IssueSummary(issues)},
                    {"issues", IssueRows(issues)},
                    {"issue_count", issues.size()},
                    {"has_issues", !issues.empty()},
                    {"counts", Counts(report)},
                    {"filled_unknown", FilledUnknown(report.plan)},
                    {"has_filled_unknown", !report.plan.filled_unknown.empty()},
                    {"undecided", report.plan.unknown.size()},
                    {"download_href", Href(*upload, "fel.xlsx")},
                    {"columns_href", Href(*upload, "kolumner")},
                    {"values_href", TextOrNull(has_values_step ? Href(*upload, "varden") : "")},
                    {"action", Href(*upload, "importera")},
                    {"fields", fields}},
                   status);
}

void ImportPages::StartImport(Ctx& ctx, const UploadPtr& upload) {
    if (Locked(*upload)) return Router::Redirect(ctx, Href(*upload, "status"));
    bool previewed = false;
    {
        // The import starts from a finished preview of these very choices (a small file's
        // is made right here), and never while a preview job holds the database.
        std::lock_guard lock(upload->mutex);
        if (upload->preview_running) return Router::Redirect(ctx, Href(*upload, "granska"));
        previewed = upload->preview && upload->preview_version == upload->settings_version;
    }
    if (!previewed) {
        auto plan = PlanOf(ctx, upload);
        if (plan->ok() && (*plan)->plan.rows.size() > kPreviewRowsWhileWaiting)
            return Router::Redirect(ctx, Href(*upload, "granska"));
    }
    auto outcome = UsablePreview(ctx, upload);
    if (!outcome) return;
    std::vector<FieldError> errors;
    const std::string mode = ctx.form.Get("mode");
    if (mode != "alla" && mode != "felfria") errors.push_back({"mode", "Välj hur filen ska importeras."});
    const std::string mapping_name = domain::Trim(ctx.form.Get("mapping_name"));
    if (!errors.empty()) return PreviewPage(ctx, upload, errors, 422);

    services::ImportRequest request;
    {
        std::lock_guard lock(upload->mutex);
        request.settings = upload->settings;
        request.insats_id = upload->insats_id;
    }
    if (!mapping_name.empty()) {
        Status saved = service_.SaveMapping(ctx.auth.actor, mapping_name, request.settings);
        if (saved.code() == StatusCode::kInvalidInput) {
            std::vector<FieldError> fields = saved.fields();
            if (fields.empty()) fields.push_back({"mapping_name", saved.message()});
            return PreviewPage(ctx, upload, fields, 422);
        }
        if (!saved.ok()) return router_.RenderError(ctx, saved);
    }
    request.file_name = upload->file_name;
    request.bytes = upload->bytes;
    request.mode = mode == "felfria" ? services::ImportMode::kValidRows : services::ImportMode::kAllOrNothing;
    Upload* job = upload.get();  // the store keeps the upload alive while its job runs
    request.progress = [job](size_t done, size_t total) {
        job->rows_total = total;
        job->rows_done = done;
    };
    request.cancelled = [job] { return job->cancelled.load(); };
    const domain::Actor actor = ctx.auth.actor;
    services::ImportService service = service_;
    uploads_.Start(upload, [service, actor, request]() mutable {
        return std::make_shared<const Result<ImportReport>>(service.Run(actor, request));
    });
    UploadStore::WaitDone(*upload, kWaitForImport);
    Router::Redirect(ctx, Href(*upload, "status") + (mapping_name.empty() ? "" : "?mappning=sparad"));
}

json ImportPages::ResultModel(Ctx& ctx, const Upload& upload, const ImportReport& report) {
    const auto issues = report.AllIssues();
    json model = {{"counts", Counts(report)},
                  {"written", report.written},
                  {"issue_summary", IssueSummary(issues)},
                  {"issues", IssueRows(issues)},
                  {"issue_count", issues.size()},
                  {"has_issues", !issues.empty()},
                  {"download_href", Href(upload, "fel.xlsx")},
                  {"preview_href", Href(upload, "granska")}};
    if (report.batch_id) model["undo_action"] = "/import/" + std::to_string(*report.batch_id) + "/angra";
    // Links to the participant lists of the insatser the import wrote to.
    std::set<std::string> names;
    for (const auto& row : report.rows)
        if (row.action == services::RowAction::kCreate || row.action == services::RowAction::kUpdate)
            names.insert(row.insats);
    json lists = json::array();
    auto writable = Writable(ctx);
    if (report.written && writable.ok())
        for (const auto& insats : *writable)
            if (names.count(insats.name))
                lists.push_back({{"href", "/insatser/" + std::to_string(insats.id)}, {"name", insats.name}});
    model["lists"] = lists;
    model["has_lists"] = !lists.empty();
    return model;
}

void ImportPages::StatusPage(Ctx& ctx, const UploadPtr& upload) {
    JobState state;
    ImportOutcome result;
    {
        std::lock_guard lock(upload->mutex);
        state = upload->job;
        result = upload->result;
    }
    if (state == JobState::kNone) return Router::Redirect(ctx, Href(*upload, "granska"));
    json model = {{"file_name", upload->file_name}, {"status_href", Href(*upload, "status")}};
    if (state == JobState::kRunning) {
        const size_t total = upload->rows_total, done = upload->rows_done;
        const bool refresh = ctx.Query("uppdatera") == "ja";
        model["title"] = "Importen pågår";
        model["running"] = true;
        model["total"] = total;
        model["done"] = done;
        model["counting"] = total > 0;
        model["cancel_action"] = Href(*upload, "avbryt");
        model["auto_refresh"] = refresh;
        // WCAG 2.2.1: a page must not reload itself unless the user asked for it, so the
        // automatic refresh is opt-in (?uppdatera=ja) and can be turned off again.
        if (refresh) model["refresh_seconds"] = 1;
        return router_.Render(ctx, "import_status", model);
    }
    model["mapping_saved"] = ctx.Query("mappning") == "sparad";
    if (!result->ok()) {
        model["title"] = "Importen blev inte av";
        model["failed"] = result->status().message();
        model["preview_href"] = Href(*upload, "granska");
        return router_.Render(ctx, "import_status", model);
    }
    const ImportReport& report = **result;
    model.update(ResultModel(ctx, *upload, report));
    model["title"] = report.written ? "Importen är klar" : "Ingenting importerades";
    router_.Render(ctx, "import_status", model);
}

void ImportPages::ErrorWorkbook(Ctx& ctx, const UploadPtr& upload) {
    ImportOutcome outcome;
    {
        std::lock_guard lock(upload->mutex);
        if (upload->job == JobState::kDone && upload->result && upload->result->ok()) outcome = upload->result;
    }
    if (!outcome) outcome = Preview(ctx, upload);
    if (!outcome->ok()) return router_.RenderError(ctx, outcome->status());
    const ImportReport& report = **outcome;
    if (report.AllIssues().empty()) return router_.RenderError(ctx, Status::NotFound("Ingen rad har fel."));
    services::ImportRequest request;
    request.file_name = upload->file_name;
    request.bytes = upload->bytes;
    auto bytes = ReadBackTemporary(
        [&](const std::filesystem::path& path) { return services::WriteRejectedRows(request, report, path); });
    if (!bytes.ok()) return router_.RenderError(ctx, bytes.status());
    SendDownload(ctx, ErrorWorkbookName(upload->file_name), kXlsxType, *bytes);
}

void ImportPages::Undo(Ctx& ctx) {
    auto writable = Writable(ctx);
    if (!writable.ok()) return router_.RenderError(ctx, writable.status());
    auto undone = service_.Undo(ctx.auth.actor, ctx.IdParam());
    if (undone.ok())
        return Router::Redirect(ctx, "/import?angrad=1&borttagna=" + std::to_string(undone->removed) +
                                         "&aterstallda=" + std::to_string(undone->restored));
    const StatusCode code = undone.status().code();
    if (code != StatusCode::kConflict && code != StatusCode::kNotFound)
        return router_.RenderError(ctx, undone.status());
    StartForm form;
    form.undo_error = undone.status().message();
    form.status = HttpStatusFor(undone.status());
    StartPage(ctx, form);
}

void ImportPages::Register(const std::shared_ptr<ImportPages>& self) {
    Router& router = router_;
    router.Page("GET", "/import", [self](Ctx& ctx) {
        StartForm form;
        form.insats = ctx.Query("insats");
        self->StartPage(ctx, form);
    });
    // cpp-httplib keeps a multipart body's fields in req.files, and Router::Page reads the
    // CSRF token from url-encoded bodies only. So the upload is a public route that checks
    // the session, the token and a pending password change itself, as Router::Page does.
    router.PublicPage("POST", "/import", [self, &router](Ctx& ctx) {
        auto auth = router.auth().FromSession(CookieValue(ctx.req, kSessionCookie));
        if (!auth.ok()) {
            if (auth.status().code() != StatusCode::kNotFound) return router.RenderError(ctx, auth.status());
            ctx.res.set_header("Set-Cookie", SessionCookie("", router.options().secure_cookies));
            return Router::Redirect(ctx, "/logga-in");
        }
        ctx.auth = *auth;
        const std::string sent = Part(ctx.req, "csrf");
        if (sent.empty() || !security::ConstantTimeEquals(sent, ctx.auth.csrf_token))
            return router.RenderError(ctx, Status::Forbidden("Formuläret har gått ut eller kom från en annan sida. "
                                                             "Gå tillbaka, ladda om sidan och försök igen."));
        if (ctx.auth.actor.user.must_change_password) return Router::Redirect(ctx, "/konto/losenord");
        self->UploadFile(ctx);
    });
    auto with_upload = [self](void (ImportPages::*page)(Ctx&, const UploadPtr&)) {
        return [self, page](Ctx& ctx) {
            if (auto upload = self->UploadOf(ctx)) ((*self).*page)(ctx, upload);
        };
    };
    router.Page("GET", kToken + "/kolumner", with_upload(&ImportPages::ColumnsPage));
    router.Page("POST", kToken + "/kolumner", with_upload(&ImportPages::SaveColumns));
    router.Page("GET", kToken + "/varden", with_upload(&ImportPages::ValuesPage));
    router.Page("POST", kToken + "/varden", with_upload(&ImportPages::SaveValues));
    router.Page("GET", kToken + "/granska", [self](Ctx& ctx) {
        if (auto upload = self->UploadOf(ctx)) self->PreviewPage(ctx, upload);
    });
    router.Page("GET", kToken + "/fel\\.xlsx", with_upload(&ImportPages::ErrorWorkbook));
    router.Page("POST", kToken + "/importera", with_upload(&ImportPages::StartImport));
    router.Page("GET", kToken + "/status", with_upload(&ImportPages::StatusPage));
    router.Page("POST", kToken + "/avbryt", [self](Ctx& ctx) {
        auto upload = self->UploadOf(ctx);
        if (!upload) return;
        bool running = false, previewing = false;
        {
            std::lock_guard lock(upload->mutex);
            running = upload->job == JobState::kRunning;
            previewing = upload->preview_running;
        }
        if (previewing && !running) {
            upload->preview_cancelled = true;
            UploadStore::WaitPreview(*upload, kWaitForImport);
            return Router::Redirect(ctx, Href(*upload, "kolumner"));
        }
        if (running) {
            upload->cancelled = true;
            UploadStore::WaitDone(*upload, kWaitForImport);
        }
        Router::Redirect(ctx, Href(*upload, "status"));
    });
    router.Page("POST", R"(/import/(\d+)/angra)", [self](Ctx& ctx) { self->Undo(ctx); });
}

}  // namespace

void RegisterImportPages(Router& router) {
    auto pages = std::make_shared<ImportPages>(router);
    pages->Register(pages);
}

}  // namespace foljsam::web

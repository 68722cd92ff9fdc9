#include "cli/import_command.hpp"

#include <fstream>
#include <iostream>
#include <sstream>

#include "services/import_service.hpp"
#include "services/report_service.hpp"

namespace foljsam::cli {
namespace {

int Fail(const Status& st) {
    std::cerr << "fel: " << st.message() << "\n";
    for (const auto& f : st.fields()) std::cerr << "  " << f.field << ": " << f.message << "\n";
    return st.code() == StatusCode::kInvalidInput ? 2 : 1;
}

Result<std::string> ReadWhole(const std::string& path, size_t max_bytes) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status::NotFound("Filen finns inte eller går inte att läsa: " + path);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    std::string bytes = buffer.str();
    if (bytes.size() > max_bytes)
        return Status::InvalidInput("Filen är för stor (högst " + std::to_string(max_bytes >> 20) + " MB).");
    return bytes;
}

void PrintIssue(const io::RowIssue& issue) {
    std::cout << "  ";
    if (issue.row > 0) std::cout << "rad " << issue.row << ", ";
    if (!issue.column.empty()) std::cout << "kolumn " << issue.column << ", ";
    std::cout << "värde \"" << issue.value << "\": " << issue.expected << "\n";
}

int History(services::ImportService& imports, long long forbund_id) {
    auto list = imports.HistoryAsOperator(forbund_id);
    if (!list.ok()) return Fail(list.status());
    if (list->empty()) std::cout << "Inga importer.\n";
    for (const auto& b : *list) {
        std::cout << b.id << "  " << b.created_at << "  " << b.username << "  " << b.file_name << "  nya " << b.created
                  << ", ändrade " << b.updated << ", oförändrade " << b.unchanged << ", avvisade " << b.rejected
                  << (b.undone_at ? "  (ångrad " + *b.undone_at + ")" : "") << "\n";
    }
    return 0;
}

}  // namespace

int RunImport(services::App& app, long long forbund_id, const ImportOptions& o) {
    services::ImportService imports(app);
    if (o.history) return History(imports, forbund_id);
    if (o.undo) {
        auto undone = imports.UndoAsOperator(forbund_id, *o.undo);
        if (!undone.ok()) return Fail(undone.status());
        std::cout << "Import " << *o.undo << " är ångrad: " << undone->removed << " deltaganden borttagna, "
                  << undone->restored << " återställda.\n";
        return 0;
    }
    if (o.file.empty()) return Fail(Status::InvalidInput("Ange filen som ska importeras."));
    services::ImportRequest request;
    auto bytes = ReadWhole(o.file, request.limits.max_file_bytes);
    if (!bytes.ok()) return Fail(bytes.status());
    request.bytes = *bytes;
    request.file_name = std::filesystem::path(o.file).filename().string();
    request.create_missing = o.create_missing;
    request.dry_run = o.dry_run;
    request.mode = o.mode == "valid" ? services::ImportMode::kValidRows : services::ImportMode::kAllOrNothing;
    if (!o.mapping.empty()) {
        auto text = ReadWhole(o.mapping, 1 << 20);
        if (!text.ok()) return Fail(text.status());
        auto settings = services::SettingsFromJson(*text);
        if (!settings.ok()) return Fail(settings.status());
        request.settings = *settings;
    }
    if (!o.insats.empty()) {
        auto insatser = services::ReportService(app).InsatserOf(forbund_id);
        if (!insatser.ok()) return Fail(insatser.status());
        for (const auto& i : *insatser)
            if (i.name == o.insats) request.insats_id = i.id;
        if (!request.insats_id) return Fail(Status::InvalidInput("Insatsen finns inte: " + o.insats));
    }
    auto report = imports.RunAsOperator(forbund_id, request);
    if (!report.ok()) return Fail(report.status());
    const auto issues = report->AllIssues();
    std::cout << "Fil: " << request.file_name << (report->sheet.empty() ? "" : " (blad " + report->sheet + ")") << "\n";
    if (report->plan.header_row > 0) std::cout << "Rubrikrad: " << report->plan.header_row << "\n";
    for (const auto& name : report->created_insatser) std::cout << "Ny insats: " << name << "\n";
    for (const auto& name : report->created_organisations) std::cout << "Ny organisation: " << name << "\n";
    for (const auto& [column, rows] : report->plan.filled_unknown)
        std::cout << "Tomt i " << io::SpecOf(column).header << " på " << rows
                  << " startade rader: registreras som Okänd.\n";
    std::cout << "Rader: " << report->rows.size() << " – nya " << report->created << ", ändrade " << report->updated
              << ", oförändrade " << report->unchanged << ", avvisade " << report->rejected << "\n";
    if (!report->plan.unknown.empty()) {
        std::cout << "Okända värden (mappa dem med --mapping FIL):\n";
        for (const auto& u : report->plan.unknown)
            std::cout << "  " << u.header << ": \"" << u.value << "\" på " << u.rows << " rader (första: rad "
                      << u.first_row << ")\n";
    }
    if (!issues.empty()) {
        std::cout << "Fel:\n";
        for (const auto& issue : issues) PrintIssue(issue);
    }
    if (report->written) {
        std::cout << "Importen är sparad (import " << *report->batch_id << "; ångra med: foljsam import --undo "
                  << *report->batch_id << ").\n";
    } else if (o.dry_run) {
        std::cout << "Provkörning: inget är sparat.\n";
    } else {
        std::cout << "Inget är sparat: rätta felen och importera filen igen, eller välj --mode valid för att "
                     "importera de felfria raderna.\n";
    }
    return issues.empty() ? 0 : 2;
}

}  // namespace foljsam::cli

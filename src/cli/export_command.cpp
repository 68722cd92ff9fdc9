#include "cli/export_command.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <system_error>
#include <vector>

#include "services/export_service.hpp"

namespace foljsam::cli {
namespace {

namespace fs = std::filesystem;

int Fail(const Status& st) {
    std::cerr << "fel: " << st.message() << "\n";
    return st.code() == StatusCode::kInvalidInput ? 2 : 1;
}

// Writes `bytes` to `path`, readable by its owner only (an export holds personal data):
// the file is made and restricted before anything is written into it.
Status WriteFile(const fs::path& path, const std::string& bytes) {
    const Status failed = Status::Unavailable("Kunde inte skriva " + path.string() + ".");
    { std::ofstream create(path, std::ios::binary | std::ios::app); }
    std::error_code error;
    fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace, error);
    if (error) return failed;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << bytes;
    out.close();
    return out ? Status::Ok() : failed;
}

// Where each file of a CSV export goes: FILE, then FILE's stem + "-organisationer.csv"
// and "-insatser.csv" beside it.
std::vector<fs::path> CsvPaths(const fs::path& output) {
    const fs::path dir = output.parent_path();
    const std::string stem = output.stem().string();
    return {output, dir / (stem + "-organisationer.csv"), dir / (stem + "-insatser.csv")};
}

Status CheckOptions(const ExportOptions& o) {
    if (o.output.empty()) return Status::InvalidInput("Ange filen att skriva med -o FIL.");
    if (o.national_return && o.year == 0) return Status::InvalidInput("--national-return kräver --year ÅÅÅÅ.");
    if (!o.national_return && o.year != 0)
        return Status::InvalidInput("--year gäller bara återrapporteringen (--national-return).");
    if (o.national_return && o.with_identity)
        return Status::InvalidInput(
            "Återrapporteringen innehåller inga personuppgifter; --with-identity gäller "
            "bara exporten av deltagare.");
    return Status::Ok();
}

}  // namespace

int RunExport(services::App& app, long long forbund_id, const ExportOptions& o) {
    if (Status st = CheckOptions(o); !st.ok()) return Fail(st);
    const auto format = o.format == "csv" ? services::ExportFormat::kCsv : services::ExportFormat::kXlsx;
    services::ExportService exports(app);
    if (o.national_return) {
        auto file = exports.NationalReturnAsOperator(forbund_id, o.year, format);
        if (!file.ok()) return Fail(file.status());
        if (Status st = WriteFile(o.output, file->bytes); !st.ok()) return Fail(st);
        std::cout << "Återrapporteringen för " << o.year << " är skriven till " << o.output << ".\n";
        return 0;
    }
    auto exported = exports.ExportAssociationAsOperator(forbund_id, format, o.with_identity);
    if (!exported.ok()) return Fail(exported.status());
    const std::vector<fs::path> paths =
        format == services::ExportFormat::kCsv ? CsvPaths(o.output) : std::vector<fs::path>{o.output};
    for (size_t idx = 0; idx < exported->files.size() && idx < paths.size(); ++idx) {
        if (Status st = WriteFile(paths[idx], exported->files[idx].bytes); !st.ok()) return Fail(st);
        std::cout << "Skrev " << paths[idx].string() << "\n";
    }
    std::cout << "Exporterade " << exported->participations << " deltaganden i " << exported->insatser << " insatser, "
              << exported->identities << " med personnummer.\n";
    return 0;
}

}  // namespace foljsam::cli

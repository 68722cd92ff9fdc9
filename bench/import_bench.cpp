// Importing a large spreadsheet (issue 4): a 100,000-row xlsx written by LibreOffice,
// read, validated and written into a fresh demo association in one all-or-nothing
// transaction, with wall time and peak memory; and LibreOffice's own conversion of the
// same file to CSV for comparison. Each case runs in its own process so peak RSS is the
// case's own.
//
//   import_bench --prepare [--rows N] [--dir D]  writes D/import-N.csv, has LibreOffice
//                                                make D/import-N.xlsx, and times
//                                                LibreOffice converting it back to CSV
//   import_bench --case read   [--rows N] [--dir D]  io::ReadSpreadsheet only
//   import_bench --case import [--rows N] [--dir D]  ImportService::RunAsOperator
//   import_bench --case import-csv ...               the same from LibreOffice's CSV of the xlsx
// The demo association's insatser take the rows; participant codes are unique, dates
// spread over ten years, half of the rows ended.

#include <sys/resource.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <random>
#include <string>

#include "io/spreadsheet.hpp"
#include "security/crypto.hpp"
#include "services/app.hpp"
#include "services/demo_service.hpp"
#include "services/import_service.hpp"
#include "store/migrations.hpp"

namespace fs = std::filesystem;
using namespace foljsam;

namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) { return std::chrono::duration<double>(Clock::now() - since).count(); }

long PeakRssMb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024;
}

template <typename T>
T Must(Result<T> r, const char* what) {
    if (!r.ok()) {
        std::cerr << what << ": " << r.status().message() << " " << r.status().internal() << "\n";
        std::exit(1);
    }
    return std::move(r.value());
}

std::string Slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

void WriteCsv(const fs::path& path, int rows) {
    std::mt19937 rng(42);
    const char* insatser[] = {"Novum", "Aktivitetsplatsen", "FINSAM-team"};
    const char* districts[] = {"Järva", "Södermalm", "Skärholmen", "Farsta", "Bromma"};
    const char* education[] = {"Förgymnasial utbildning", "Gymnasial utbildning", "Grundskola", "Okänd"};
    const char* time_without[] = {"Kortare än 1 år", "1-2 år", "2 till 5 år", "5 år eller längre"};
    const char* support[] = {"Försörjningsstöd", "Sjukpenning 50 %", "A-kassa", "Aktivitetsersättning, Lön"};
    const char* reasons[] = {"Arbete", "Studier", "Avbrott", "Fortsatt stöd", "Flytt"};
    std::ofstream out(path, std::ios::binary);
    out << "Insats;Rad-id;Deltagarkod;Kön;Födelseår;Anmälande part;Anmälande enhet;Folkbokföringskommun;Stadsdel;"
           "Utbildning;Tid utan arbete;Försörjning;Målgrupp;Anmälningsdatum;Startdatum;Slutdatum;Avslutsorsak\n";
    for (int i = 1; i <= rows; ++i) {
        const domain::Date start = domain::Date{2016, 1, 1}.AddDays(static_cast<long>(rng() % 3600));
        const domain::Date referral = start.AddDays(-static_cast<long>(rng() % 40));
        const bool ended = rng() % 2 == 0;
        const domain::Date end = start.AddDays(30 + static_cast<long>(rng() % 300));
        out << insatser[rng() % 3] << ";R" << i << ";B-" << i << ";" << (rng() % 2 ? "Kvinna" : "Man") << ";"
            << 1960 + static_cast<int>(rng() % 40) << ";Stockholms stad;Jobbtorg Stockholm;Stockholm;"
            << districts[rng() % 5] << ";" << education[rng() % 4] << ";" << time_without[rng() % 4] << ";"
            << support[rng() % 4] << ";" << (rng() % 2 ? "Unga" : "Vuxna") << ";" << referral.ToString() << ";"
            << start.ToString() << ";" << (ended ? end.ToString() : "") << ";" << (ended ? reasons[rng() % 5] : "")
            << "\n";
    }
}

int Run(const std::string& command) {
    const int rc = std::system(command.c_str());
    if (rc != 0) std::cerr << "failed: " << command << "\n";
    return rc;
}

}  // namespace

int main(int argc, char** argv) {
    int rows = 100000;
    fs::path dir = "build/bench-data/import";
    std::string mode = "import";
    bool prepare = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--rows" && i + 1 < argc)
            rows = std::atoi(argv[++i]);
        else if (arg == "--dir" && i + 1 < argc)
            dir = argv[++i];
        else if (arg == "--case" && i + 1 < argc)
            mode = argv[++i];
        else if (arg == "--prepare")
            prepare = true;
    }
    fs::create_directories(dir);
    const std::string stem = "import-" + std::to_string(rows);
    const fs::path csv = dir / (stem + ".csv"), xlsx = dir / (stem + ".xlsx");
    const std::string profile = "-env:UserInstallation=file://" + (fs::absolute(dir) / "lo-profile").string();
    if (prepare) {
        WriteCsv(csv, rows);
        auto t = Clock::now();
        if (Run("soffice --headless " + profile + " --convert-to xlsx --infilter=\"CSV:59,34,76,1\" --outdir '" +
                dir.string() + "' '" + csv.string() + "' >/dev/null 2>&1"))
            return 1;
        std::cout << "LibreOffice CSV -> xlsx, " << rows << " rows: " << Seconds(t) << " s, "
                  << fs::file_size(xlsx) / 1024 << " KB\n";
        fs::create_directories(dir / "back");
        t = Clock::now();
        // Tokens: ';' separator, '"' quotes, UTF-8, as a user's "Save as CSV" would.
        if (Run("soffice --headless " + profile +
                " --convert-to 'csv:Text - txt - csv (StarCalc):59,34,76,1' --outdir '" + (dir / "back").string() +
                "' '" + xlsx.string() + "' >/dev/null 2>&1"))
            return 1;
        std::cout << "LibreOffice xlsx -> CSV (for comparison): " << Seconds(t) << " s\n";
        return 0;
    }
    // import-csv: LibreOffice's own CSV of the xlsx, not the CSV the xlsx was made from.
    const fs::path file = mode == "import-csv" ? dir / "back" / (stem + ".csv") : xlsx;
    if (!fs::exists(file)) {
        std::cerr << "missing " << file << ": run import_bench --prepare first\n";
        return 1;
    }
    const std::string bytes = Slurp(file);
    if (mode == "read") {
        auto t = Clock::now();
        auto workbook = Must(io::ReadSpreadsheet(bytes, file.filename().string(), {}), "read");
        size_t cells = 0;
        for (const auto& sheet : workbook.sheets)
            for (const auto& row : sheet.rows) cells += row.cells.size();
        std::cout << "read " << file.filename().string() << ": " << Seconds(t) << " s, " << cells << " cells, peak RSS "
                  << PeakRssMb() << " MB\n";
        return 0;
    }
    const fs::path data = dir / ("db-" + mode);
    fs::remove_all(data);
    services::AppOptions options;
    options.data_dir = data;
    options.hash_cost = security::HashCost::kMinimum;
    auto app = Must(services::App::Open(options), "open");
    Must(services::FillDemo(*app, services::DemoOptions{}), "demo");
    const long rss_before = PeakRssMb();
    services::ImportRequest request;
    request.file_name = file.filename().string();
    request.bytes = bytes;
    auto t = Clock::now();
    auto report = Must(services::ImportService(*app).RunAsOperator(1, request), "import");
    const double seconds = Seconds(t);
    std::cout << "import " << file.filename().string() << " (" << mode << "): " << seconds << " s, "
              << static_cast<long>(report.created / seconds) << " rows/s; created " << report.created << ", rejected "
              << report.rejected << (report.written ? "" : " (NOT WRITTEN)") << "; peak RSS " << PeakRssMb() << " MB ("
              << rss_before << " MB before the import)\n";
    if (!report.written) {
        for (const auto& issue : report.AllIssues()) {
            std::cerr << issue.row << " " << issue.column << " " << issue.value << ": " << issue.expected << "\n";
            break;
        }
        return 1;
    }
    fs::remove_all(data);
    return 0;
}

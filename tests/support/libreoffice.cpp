#include "support/libreoffice.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace foljsam::testing {
namespace {

namespace fs = std::filesystem;

std::string Slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

bool HasLibreOffice() { return std::system("command -v soffice >/dev/null 2>&1") == 0; }

std::string CsvToXlsxWithLibreOffice(const std::string& csv) {
    static std::atomic<int> counter{0};
    const fs::path dir =
        fs::temp_directory_path() / ("foljsam-lo-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::ofstream(dir / "in.csv", std::ios::binary) << csv;
    // Filter tokens: 59 ';' separator, 34 '"' quotes, 76 UTF-8, 1 first line.
    const std::string command = "soffice --headless -env:UserInstallation=file://" + (dir / "profile").string() +
                                " --convert-to xlsx --infilter=\"CSV:59,34,76,1\" --outdir '" + dir.string() + "' '" +
                                (dir / "in.csv").string() + "' >'" + (dir / "soffice.log").string() + "' 2>&1";
    const int rc = std::system(command.c_str());
    std::string xlsx = Slurp(dir / "in.xlsx");
    const std::string log = Slurp(dir / "soffice.log");
    fs::remove_all(dir);
    if (rc != 0 || xlsx.empty()) throw std::runtime_error("LibreOffice could not convert the CSV: " + log);
    return xlsx;
}

void XlsxSheetsToCsvWithLibreOffice(const fs::path& xlsx, const fs::path& out_dir) {
    static std::atomic<int> counter{0};
    const fs::path work =
        fs::temp_directory_path() / ("foljsam-lo-csv-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
    fs::remove_all(work);
    fs::create_directories(work);
    fs::create_directories(out_dir);
    // Tokens: 44 ',' separator, 34 '"' quotes, 76 UTF-8, 1 first line, 9th false: raw
    // numbers, not as shown; the 12th, -1: every sheet to its own file.
    const std::string command =
        "soffice --headless -env:UserInstallation=file://" + (work / "profile").string() +
        " --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1'"
        " --outdir '" +
        out_dir.string() + "' '" + xlsx.string() + "' >'" + (work / "soffice.log").string() + "' 2>&1";
    const int rc = std::system(command.c_str());
    const std::string log = Slurp(work / "soffice.log");
    fs::remove_all(work);
    if (rc != 0) throw std::runtime_error("LibreOffice could not convert " + xlsx.string() + " to CSV: " + log);
}

}  // namespace foljsam::testing

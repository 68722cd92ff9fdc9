#include "annual_report_data.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

#include "association_generator.hpp"
#include "domain/date.hpp"
#include "services/app.hpp"
#include "services/demo_service.hpp"
#include "store/database.hpp"
#include "store/integrity.hpp"

namespace foljsam::bench {

namespace fs = std::filesystem;

std::string Describe(const Status& status) {
    std::string out = std::string(status.CodeName()) + ": " + status.message();
    if (!status.internal().empty()) out += " (" + status.internal() + ")";
    for (const auto& field : status.fields()) out += " [" + field.field + ": " + field.message + "]";
    return out;
}

void Must(const Status& status, const char* what) {
    if (!status.ok()) throw std::runtime_error(std::string(what) + ": " + Describe(status));
}

int LastFullYear() { return domain::Today().year - 1; }

namespace {

double SecondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Runs this program with --prepare in a child process and waits for it.
void PrepareInChild(const BenchOptions& options, const std::string& what, const fs::path& dir) {
    const std::vector<std::string> args = {"annual_report_bench",
                                           "--prepare",
                                           what,
                                           "--data",
                                           dir.string(),
                                           "--participations",
                                           std::to_string(options.participations),
                                           "--years",
                                           std::to_string(options.years),
                                           "--writer",
                                           options.writer,
                                           "--db",
                                           options.db_url};
    std::vector<char*> argv;
    for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    std::fflush(nullptr);
    const pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        execv("/proc/self/exe", argv.data());
        std::perror("execv");
        _exit(127);
    }
    int wstatus = 0;
    if (waitpid(pid, &wstatus, 0) != pid || !WIFEXITED(wstatus) || WEXITSTATUS(wstatus) != 0)
        throw std::runtime_error("preparing the " + what + " data failed");
}

fs::path ExecutableDir() { return fs::read_symlink("/proc/self/exe").parent_path(); }

fs::path TemporaryDir() {
    std::string pattern = (fs::temp_directory_path() / "foljsam-annual-bench-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    return pattern;
}

}  // namespace

fs::path EnsureData(const BenchOptions& options, bool* temporary) {
    *temporary = false;
    // A demo, and anything in PostgreSQL (an empty database, filled first), is made afresh
    // each time, with its keys in a temporary directory.
    if (options.mode_case == "demo" || !options.db_url.empty()) {
        *temporary = options.data.empty();
        const fs::path dir = *temporary ? TemporaryDir() : options.data;
        if (!options.db_url.empty() || !fs::exists(dir / "foljsam.db")) PrepareInChild(options, options.mode_case, dir);
        return dir;
    }
    fs::path dir = options.data;
    if (dir.empty())
        dir = ExecutableDir().parent_path() / "bench-data" /
              ("association-" + std::to_string(options.participations) + "x" + std::to_string(options.years) + "-" +
               std::to_string(LastFullYear()));
    if (!fs::exists(dir / "foljsam.db")) {
        // Generated beside the final name and renamed when complete, so an interrupted run
        // never leaves a half-filled cache behind.
        fs::path partial = dir;
        partial += ".partial";
        fs::remove_all(partial);
        fs::create_directories(partial);
        PrepareInChild(options, "generated", partial);
        fs::rename(partial, dir);
    }
    return dir;
}

void PrepareData(const BenchOptions& options) {
    services::AppOptions app_options;
    app_options.data_dir = options.data;
    app_options.database_url = options.db_url;
    app_options.hash_cost = security::HashCost::kMinimum;
    auto app = Must(services::App::Open(app_options), "open");
    const auto start = std::chrono::steady_clock::now();
    if (options.prepare == "demo") {
        const auto summary = Must(services::FillDemo(*app, services::DemoOptions{}), "demo");
        std::fprintf(stderr, "demo: %lld participations in %.1f s\n", summary.participations, SecondsSince(start));
        return;
    }
    GeneratorOptions generator;
    generator.participations = options.participations;
    generator.years = options.years;
    generator.last_year = LastFullYear();
    generator.writer = options.writer;
    generator.progress = isatty(STDERR_FILENO) != 0;
    const auto summary = Must(GenerateAssociation(*app, generator), "generate");
    std::fprintf(stderr,
                 "generated: %lld participations, %lld persons, %lld insatser, %lld organisations; writing took "
                 "%.1f s (%.0f participations/s, writer %s)\n",
                 summary.participations, summary.persons, summary.insatser, summary.organisations, summary.seconds,
                 static_cast<double>(summary.participations) / summary.seconds, options.writer.c_str());
    const auto check_start = std::chrono::steady_clock::now();
    {
        auto uow = Must(app->db().Begin(store::Database::Mode::kRead), "begin");
        Must(store::CheckIntegrity(*uow), "integrity");
    }
    std::fprintf(stderr, "integrity check passed in %.1f s\n", SecondsSince(check_start));
    if (options.db_url.empty())
        std::fprintf(stderr, "database file %.0f MB\n",
                     static_cast<double>(fs::file_size(options.data / "foljsam.db")) / 1e6);
}

}  // namespace foljsam::bench

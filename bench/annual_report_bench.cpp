// Time and peak memory of the full annual report (issue 3), from the database to
// suppressed cells, for the demo association and for a generated one with 1,000,000
// participations over 20 years.
//
// The full annual report for the latest full year Y (today's year - 1), as the follow-up
// pages need it, for the whole association:
//   - year Y: one store::LoadFacts over Y, then every measure by each single dimension
//     (report::AllDimensions()) and by the pairs gender x insats, support_at_start x
//     support_after, occupation_at_start x occupation_after and insats x referrer_member
//     (a pair whose dimension this build lacks is skipped and said so), each suppressed
//     with the association's threshold;
//   - year Y-1: the same, for the change against last year;
//   - trend: one LoadFacts over Y-19 .. Y, then every measure's total per year, suppressed.
// Each phase is timed as load (SQL and building facts), compute (report::Compute) and
// suppress (report::Suppress). Peak memory is the resident set's high-water mark
// (VmHWM), reset before each phase through /proc/self/clear_refs when the kernel allows,
// so each phase shows its own peak; the "full report" row has the highest. CPU ms is the
// process's user + system time over the phase: on a shared machine it shows the work done
// when wall time is inflated by other processes.
// When the build has services::FollowUpService, two more rows time the follow-up report for
// Y: LoadFacts over its range plus report::BuildFollowUp (which suppresses as it builds),
// and FollowUpService::RunAsOperator end to end (which also writes its audit event).
//
// Each case runs in its own process, so one case's memory never shows in the other's:
//   annual_report_bench --case demo       fills a fresh demo (services::FillDemo) in a
//                                         temporary directory, in a child process
//   annual_report_bench --case generated  uses BUILD/bench-data/association-NxY-LAST/,
//                                         generating it first in a child process when
//                                         missing (bench/association_generator.hpp)
// Options: --participations N (1000000), --years Y (20), --data DIR (use or create the
// data there), --writer bulk|repo (how to generate: store::BulkLoader, or the ordinary
// repositories for comparison), --db postgresql://... (an empty PostgreSQL database instead
// of SQLite, filled afresh on every run). --prepare demo|generated --data DIR only creates
// the data (what the child process runs).

#include <malloc.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "annual_report_data.hpp"
#include "domain/date.hpp"
#include "report/dimension.hpp"
#include "report/engine.hpp"
#include "report/measure.hpp"
#include "report/suppression.hpp"
#include "services/admin_service.hpp"
#include "services/app.hpp"
#include "services/report_service.hpp"
#include "store/database.hpp"
#include "store/fact_repo.hpp"
#include "store/integrity.hpp"
#include "store/migrations.hpp"

// The follow-up report (services::FollowUpService) is timed too when this build has it.
#if __has_include("services/followup_service.hpp")
#include "report/followup.hpp"
#include "services/followup_service.hpp"
#define FOLJSAM_BENCH_FOLLOWUP 1
#endif

namespace {

using namespace foljsam;
using bench::BenchOptions;
using bench::LastFullYear;
using bench::Must;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr int kTrendYears = 20;

// ---- memory -------------------------------------------------------------------------------

// A field of /proc/self/status in megabytes ("VmHWM", "VmRSS"), or -1.
double StatusMegabytes(const char* field) {
    std::ifstream in("/proc/self/status");
    std::string line;
    const std::string prefix = std::string(field) + ":";
    while (std::getline(in, line))
        if (line.rfind(prefix, 0) == 0) return std::strtod(line.c_str() + prefix.size(), nullptr) / 1024.0;
    return -1;
}

// Resets VmHWM to the current RSS (Linux 4.0+). False when not permitted.
bool ResetPeak() {
    std::ofstream out("/proc/self/clear_refs");
    out << "5";
    out.flush();
    return static_cast<bool>(out);
}

// ---- the report -------------------------------------------------------------------------

struct Phase {
    std::string name;
    long long facts = 0;
    long long cells = 0;
    double load_ms = 0, compute_ms = 0, suppress_ms = 0;
    double peak_mb = 0;                   // negative: the process's peak (the kernel refused a reset)
    bool suppress_in_compute = false;     // the follow-up suppresses table by table while building
    std::optional<double> end_to_end_ms;  // a service call timed as a whole
    double cpu_ms = 0;                    // user + system CPU time of the process during the phase
    double total_ms() const { return end_to_end_ms ? *end_to_end_ms : load_ms + compute_ms + suppress_ms; }
};

double CpuMs() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    auto ms = [](const timeval& t) {
        return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_usec) / 1e3;
    };
    return ms(usage.ru_utime) + ms(usage.ru_stime);
}

// Peak memory and CPU time of one phase: made before it, Finish() after it.
class Meter {
   public:
    Meter() : reset_(ResetPeak()), cpu_start_(CpuMs()) {}
    void Finish(Phase& phase) const {
        phase.cpu_ms = CpuMs() - cpu_start_;
        phase.peak_mb = reset_ ? StatusMegabytes("VmHWM") : -StatusMegabytes("VmHWM");
        malloc_trim(0);  // hand freed facts back, so the next phase's peak is its own
    }

   private:
    bool reset_;
    double cpu_start_;
};

double MsSince(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

std::vector<std::vector<report::Dimension>> YearTables(std::vector<std::string>& skipped) {
    std::vector<std::vector<report::Dimension>> tables;
    for (report::Dimension dimension : report::AllDimensions()) tables.push_back({dimension});
    const std::pair<const char*, const char*> pairs[] = {{"gender", "insats"},
                                                         {"support_at_start", "support_after"},
                                                         {"occupation_at_start", "occupation_after"},
                                                         {"insats", "referrer_member"}};
    for (const auto& [first, second] : pairs) {
        auto a = report::ParseDimension(first);
        auto b = report::ParseDimension(second);
        if (a && b) {
            tables.push_back({*a, *b});
        } else {
            skipped.push_back(std::string(first) + " x " + second);
        }
    }
    return tables;
}

// Loads the facts over `load_period` once, then computes and suppresses one report per
// (dimensions, period) of `queries`.
Phase RunPhase(services::App& app, long long forbund_id, int threshold, const std::string& name,
               const report::Period& load_period,
               const std::vector<std::pair<std::vector<report::Dimension>, report::Period>>& queries) {
    Phase phase;
    phase.name = name;
    const Meter meter;
    {
        auto uow = Must(app.db().Begin(store::Database::Mode::kRead), "begin");
        auto start = Clock::now();
        const std::vector<report::Fact> facts =
            Must(store::LoadFacts(*uow, forbund_id, std::nullopt, load_period), "load facts");
        phase.load_ms = MsSince(start);
        phase.facts = static_cast<long long>(facts.size());
        std::vector<report::Report> reports;
        start = Clock::now();
        for (const auto& [dimensions, period] : queries)
            reports.push_back(
                Must(report::Compute(facts, report::Query{report::AllMeasures(), dimensions, period, std::nullopt}),
                     "compute"));
        phase.compute_ms = MsSince(start);
        start = Clock::now();
        for (report::Report& r : reports) {
            Must(report::Suppress(r, report::SuppressionOptions{threshold}), "suppress");
            phase.cells += static_cast<long long>(r.cells.size());
        }
        phase.suppress_ms = MsSince(start);
    }
    meter.Finish(phase);
    return phase;
}

#ifdef FOLJSAM_BENCH_FOLLOWUP
// The follow-up for year `year` as the service builds it: one LoadFacts over its range,
// then report::BuildFollowUp (compute and suppress together, so "compute" holds both).
Phase RunFollowUp(services::App& app, long long forbund_id, int threshold, int year) {
    Phase phase;
    phase.name = "follow-up " + std::to_string(year) + " (LoadFacts + BuildFollowUp)";
    const Meter meter;
    {
        auto uow = Must(app.db().Begin(store::Database::Mode::kRead), "begin");
        report::FollowUpOptions options;
        options.period = report::Period::Year(year);
        options.threshold = threshold;
        for (const auto& insats : Must(services::ReportService(app).InsatserOf(forbund_id), "insatser"))
            options.insatser.emplace_back(insats.id, insats.name);
        const report::Period range =
            Must(report::Period::Custom(report::FollowUpFactsFrom(options.period), options.period.to), "range");
        auto start = Clock::now();
        const std::vector<report::Fact> facts = Must(store::LoadFacts(*uow, forbund_id, std::nullopt, range), "load");
        phase.load_ms = MsSince(start);
        phase.facts = static_cast<long long>(facts.size());
        start = Clock::now();
        const report::FollowUp followup = Must(report::BuildFollowUp(facts, options), "follow-up");
        phase.compute_ms = MsSince(start);
        phase.suppress_in_compute = true;
        for (const auto& named : followup.reports) phase.cells += static_cast<long long>(named.report.cells.size());
    }
    meter.Finish(phase);
    return phase;
}

// FollowUpService::RunAsOperator end to end (scope, load, build, audit event, commit).
Phase RunFollowUpService(services::App& app, long long forbund_id, int year) {
    Phase phase;
    phase.name = "FollowUpService::RunAsOperator " + std::to_string(year);
    const Meter meter;
    {
        const auto start = Clock::now();
        services::FollowUpRequest request;
        request.period = report::Period::Year(year);
        const auto result = Must(services::FollowUpService(app).RunAsOperator(forbund_id, request), "follow-up");
        phase.end_to_end_ms = MsSince(start);
        for (const auto& named : result.followup.reports)
            phase.cells += static_cast<long long>(named.report.cells.size());
    }
    meter.Finish(phase);
    return phase;
}
#endif

int RunCase(const BenchOptions& options, const fs::path& data) {
    services::AppOptions app_options;
    app_options.data_dir = data;
    app_options.database_url = options.db_url;
    app_options.hash_cost = security::HashCost::kMinimum;
    app_options.pool_size = 2;
    auto app = Must(services::App::Open(app_options), "open");
    // Cached data may predate newer migrations.
    Must(store::Migrate(app->db()), "migrate");
    const domain::Forbund forbund = Must(services::AdminService(*app).TheForbund(), "association");
    long long participations = 0;
    {
        auto uow = Must(app->db().Begin(store::Database::Mode::kRead), "begin");
        participations = Must(store::CountRows(*uow), "count rows")["participation"];
    }
    const double baseline_mb = StatusMegabytes("VmRSS");
    const int year = LastFullYear();

    std::vector<std::string> skipped;
    const auto tables = YearTables(skipped);
    std::vector<Phase> phases;
    for (int y : {year, year - 1}) {
        std::vector<std::pair<std::vector<report::Dimension>, report::Period>> queries;
        for (const auto& dims : tables) queries.emplace_back(dims, report::Period::Year(y));
        phases.push_back(RunPhase(*app, forbund.id, forbund.suppression_threshold, "year " + std::to_string(y),
                                  report::Period::Year(y), queries));
    }
    std::vector<std::pair<std::vector<report::Dimension>, report::Period>> trend;
    for (int y = year - kTrendYears + 1; y <= year; ++y)
        trend.emplace_back(std::vector<report::Dimension>{}, report::Period::Year(y));
    const report::Period trend_period = Must(
        report::Period::Custom(domain::Date{year - kTrendYears + 1, 1, 1}, domain::Date{year, 12, 31}), "trend period");
    phases.push_back(RunPhase(*app, forbund.id, forbund.suppression_threshold,
                              "trend " + std::to_string(year - kTrendYears + 1) + "-" + std::to_string(year),
                              trend_period, trend));

    Phase all;
    all.name = "full report";
    for (const Phase& p : phases) {
        all.facts += p.facts;
        all.cells += p.cells;
        all.load_ms += p.load_ms;
        all.compute_ms += p.compute_ms;
        all.suppress_ms += p.suppress_ms;
        all.cpu_ms += p.cpu_ms;
        all.peak_mb = std::max(all.peak_mb, std::abs(p.peak_mb));
    }
    phases.push_back(all);
#ifdef FOLJSAM_BENCH_FOLLOWUP
    phases.push_back(RunFollowUp(*app, forbund.id, forbund.suppression_threshold, year));
    phases.push_back(RunFollowUpService(*app, forbund.id, year));
#endif

    std::printf("### %s: %lld participations in the database, year %d, threshold %d\n\n", options.mode_case.c_str(),
                participations, year, forbund.suppression_threshold);
    std::printf(
        "%zu tables per year (%zu single dimensions + %zu pairs) x %zu measures; RSS before the report %.0f MB\n",
        tables.size(), report::AllDimensions().size(), tables.size() - report::AllDimensions().size(),
        report::AllMeasures().size(), baseline_mb);
    for (const auto& s : skipped) std::printf("pair skipped (dimension missing in this build): %s\n", s.c_str());
    std::printf(
        "\n| case | phase | participations in DB | facts loaded | cells | load ms | compute ms | suppress ms "
        "| total ms | CPU ms | peak RSS MB |\n|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
    auto ms = [](double value) {
        char text[32];
        std::snprintf(text, sizeof text, "%.0f", value);
        return std::string(text);
    };
    for (const Phase& p : phases) {
        const bool whole = p.end_to_end_ms.has_value();
        std::printf("| %s | %s | %lld | %s | %lld | %s | %s | %s | %s | %s | %.0f%s |\n", options.mode_case.c_str(),
                    p.name.c_str(), participations, whole ? "–" : std::to_string(p.facts).c_str(), p.cells,
                    whole ? "–" : ms(p.load_ms).c_str(), whole ? "–" : ms(p.compute_ms).c_str(),
                    whole ? "–" : (p.suppress_in_compute ? "in compute" : ms(p.suppress_ms).c_str()),
                    ms(p.total_ms()).c_str(), ms(p.cpu_ms).c_str(), std::abs(p.peak_mb),
                    p.peak_mb < 0 ? " (process)" : "");
    }
    std::printf("\n");
    return 0;
}

int Run(const BenchOptions& options) {
    if (!options.prepare.empty()) {
        bench::PrepareData(options);
        return 0;
    }
    if (options.mode_case != "demo" && options.mode_case != "generated") {
        std::fprintf(stderr,
                     "usage: annual_report_bench --case demo|generated [--data DIR] [--participations N] "
                     "[--years Y] [--writer bulk|repo] [--db postgresql://...]\n");
        return 2;
    }
    bool temporary = false;
    const fs::path dir = bench::EnsureData(options, &temporary);
    const int rc = RunCase(options, dir);
    if (temporary) fs::remove_all(dir);
    return rc;
}

BenchOptions Parse(int argc, char** argv) {
    BenchOptions options;
    for (int idx = 1; idx < argc; ++idx) {
        const std::string arg = argv[idx];
        if (idx + 1 >= argc) throw std::runtime_error("missing value after " + arg);
        const std::string value = argv[++idx];
        if (arg == "--case") {
            options.mode_case = value;
        } else if (arg == "--prepare") {
            options.prepare = value;
        } else if (arg == "--data") {
            options.data = value;
        } else if (arg == "--participations") {
            options.participations = std::stoll(value);
        } else if (arg == "--years") {
            options.years = std::stoi(value);
        } else if (arg == "--db") {
            options.db_url = value;
        } else if (arg == "--writer") {
            options.writer = value;
        } else {
            throw std::runtime_error("unknown option " + arg);
        }
    }
    return options;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return Run(Parse(argc, argv));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "annual_report_bench: %s\n", e.what());
        return 1;
    }
}

#pragma once
// The data of the annual report benchmark (annual_report_bench.cpp): its options, and the
// demo or generated association it measures, prepared in a child process so that the
// measuring process's peak memory is the report's alone. Bench-internal; failures throw
// std::runtime_error with the failing step and its Status (the benchmark's main prints
// it). Not thread-safe.

#include <filesystem>
#include <stdexcept>
#include <string>
#include <utility>

#include "common/status.hpp"

namespace foljsam::bench {

struct BenchOptions {
    std::string mode_case;  // --case demo|generated
    std::string prepare;    // --prepare demo|generated (the child process)
    std::filesystem::path data;
    std::string db_url;  // --db: PostgreSQL instead of DIR/foljsam.db
    long long participations = 1'000'000;
    int years = 20;
    std::string writer = "bulk";  // bulk|repo, see GeneratorOptions
};

// Code, message, internal detail and field errors of a failure.
std::string Describe(const Status& status);

template <typename T>
T Must(Result<T> result, const char* what) {
    if (!result.ok()) throw std::runtime_error(std::string(what) + ": " + Describe(result.status()));
    return std::move(*result);
}
void Must(const Status& status, const char* what);

// The year the reports are for: today's year - 1.
int LastFullYear();

// In this process: fills options.data (or options.db_url, keys in options.data) with
// options.prepare: the demo (services::FillDemo) or the generated association, then checks
// its integrity. Prints what it did on stderr.
void PrepareData(const BenchOptions& options);

// The directory of the data of options.mode_case, prepared first in a child process when
// needed: a demo in a fresh temporary directory (or --data DIR when it has none yet); the
// generated association cached in BUILD/bench-data/association-NxY-LAST/ (or --data DIR),
// generated when missing; with --db, the PostgreSQL database filled afresh and its keys in
// a temporary directory. `*temporary` is set when the caller must remove the directory.
std::filesystem::path EnsureData(const BenchOptions& options, bool* temporary);

}  // namespace foljsam::bench

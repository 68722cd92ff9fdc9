#pragma once
// `foljsam import`: imports a participation file as the machine's operator, prints a
// summary and every row error (row, column, value, expected), and lists or undoes
// earlier imports. Kept apart from main.cpp, which alone includes CLI11.

#include <optional>
#include <string>

#include "services/app.hpp"

namespace foljsam::cli {

struct ImportOptions {
    std::string file;
    std::string insats;  // name: rows that name no insats go here
    bool create_missing = false;
    bool dry_run = false;
    std::string mode = "all";  // all | valid
    std::string mapping;       // JSON file of io::ImportSettings
    bool history = false;
    std::optional<long long> undo;
};

// Exit status: 0 when everything was imported (or would be, for a dry run), 2 when any
// row or the file was rejected, 1 when the import could not run.
int RunImport(services::App& app, long long forbund_id, const ImportOptions& options);

}  // namespace foljsam::cli

#pragma once
// `foljsam keys rotate`: moves every identity to a new key generation while Följsam keeps
// running (services/key_rotation.hpp), then says which key files to back up and which
// the database no longer needs. Kept apart from main.cpp, which alone includes CLI11.
//
//   foljsam keys rotate [--batch-size N] [--organisation ID]
//
// Exit status: 0 when every rotation completed, 1 when one could not finish (the output
// says so; running the command again continues it) or failed, 2 for wrong options.

#include <optional>

#include "services/app.hpp"

namespace foljsam::cli {

struct KeysRotateOptions {
    int batch_size = 500;
    std::optional<long long> organisation_id;
};

int RunKeysRotate(services::App& app, const KeysRotateOptions& options);

}  // namespace foljsam::cli

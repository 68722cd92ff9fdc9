#pragma once
// Messages the spreadsheet readers share, so a limit reads the same whichever reader hit it.
// Plain functions; thread-safe.

#include <cstddef>
#include <string>

#include "common/status.hpp"
#include "io/sheet.hpp"

namespace foljsam::io {

// A byte count for users: "50 MB", "64 kB" or "100 byte" (whole units, rounded down).
std::string DescribeBytes(size_t bytes);

// kInvalidInput "Filen är tom."
Status EmptyFile();
// kInvalidInput naming limits.max_file_bytes.
Status FileTooLarge(const ReadLimits& limits);

}  // namespace foljsam::io

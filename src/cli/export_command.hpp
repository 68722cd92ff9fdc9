#pragma once
// `foljsam export`: the association export or the national return, as the machine's
// operator, written to files. Kept apart from main.cpp, which alone includes CLI11.
//
//   foljsam export -o FILE [--format xlsx|csv] [--with-identity]
//     every participation with the structure (services/export_service.hpp). XLSX: FILE is
//     one workbook. CSV: FILE holds the participations, and beside it FILE's stem with
//     "-organisationer.csv" and "-insatser.csv" hold the structure (export.csv,
//     export-organisationer.csv, export-insatser.csv). Personnummer and names only with
//     --with-identity. The files are made readable by their owner only.
//   foljsam export --national-return --year YYYY -o FILE [--format xlsx|csv]
//     the national return "Uppföljning Finsam" for the year.

#include <string>

#include "services/app.hpp"

namespace foljsam::cli {

struct ExportOptions {
    std::string output;
    std::string format = "xlsx";  // xlsx | csv
    bool with_identity = false;
    bool national_return = false;
    int year = 0;  // 0: not given
};

// Exit status: 0 when every file was written, 2 for wrong options, 1 when the export
// could not be made or written.
int RunExport(services::App& app, long long forbund_id, const ExportOptions& options);

}  // namespace foljsam::cli

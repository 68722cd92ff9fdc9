#include "io/spreadsheet.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>

#include "io/csv_reader.hpp"
#include "io/read_errors.hpp"
#include "io/xlsx_reader.hpp"

namespace foljsam::io {

namespace {

constexpr std::string_view kZipMagic("PK\x03\x04", 4);
constexpr std::string_view kOle2Magic("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);

bool HasExtension(std::string_view file_name, std::string_view extension) {
    if (file_name.size() < extension.size()) return false;
    const std::string_view tail = file_name.substr(file_name.size() - extension.size());
    return std::equal(tail.begin(), tail.end(), extension.begin(),
                      [](char left, char right) { return std::tolower(static_cast<unsigned char>(left)) == right; });
}

}  // namespace

Result<Workbook> ReadSpreadsheet(std::string_view bytes, std::string_view file_name, const ReadLimits& limits) {
    if (bytes.empty()) return EmptyFile();
    if (bytes.size() > limits.max_file_bytes) return FileTooLarge(limits);
    if (bytes.starts_with(kZipMagic)) return ReadXlsx(bytes, limits);
    if (bytes.starts_with(kOle2Magic)) {
        return Status::InvalidInput(
            "Filen är en äldre Excel-fil (.xls) eller en lösenordsskyddad arbetsbok. Spara den som \"Excel-arbetsbok "
            "(.xlsx)\" utan lösenord och försök igen.");
    }
    if (HasExtension(file_name, ".xlsx") || HasExtension(file_name, ".xlsm")) {
        return Status::Corrupt(
            "Filen heter .xlsx men är ingen xlsx-arbetsbok. Den kan vara skadad; spara den på nytt.");
    }
    return ReadCsv(bytes, limits);
}

Result<Workbook> ReadSpreadsheetFile(const std::filesystem::path& path, const ReadLimits& limits) {
    std::error_code error;
    const auto size = std::filesystem::file_size(path, error);
    if (error) {
        if (error == std::errc::no_such_file_or_directory) return Status::NotFound("Filen finns inte.");
        return Status::Unavailable("Filen kunde inte läsas.");
    }
    if (size > limits.max_file_bytes) return FileTooLarge(limits);
    std::ifstream in(path, std::ios::binary);
    std::string bytes(static_cast<size_t>(size), '\0');
    if (!in || !in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()))) {
        return Status::Unavailable("Filen kunde inte läsas.");
    }
    return ReadSpreadsheet(bytes, path.filename().string(), limits);
}

}  // namespace foljsam::io

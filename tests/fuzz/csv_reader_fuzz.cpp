// libFuzzer target: ReadCsv on arbitrary bytes must return a status or a workbook that keeps
// the reader's promises (fuzz_check.hpp), within small limits so each run stays fast.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/fuzz_check.hpp"
#include "io/csv_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    foljsam::io::ReadLimits limits;
    limits.max_file_bytes = 1 << 20;
    limits.max_rows = 500;
    limits.max_columns = 20;
    limits.max_cell_bytes = 256;
    limits.max_cells = 2000;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const auto workbook = foljsam::io::ReadCsv(bytes, limits);
    if (!workbook.ok()) {
        FUZZ_CHECK(!workbook.status().message().empty());
        return 0;
    }
    FUZZ_CHECK(workbook->sheets.size() == 1);
    foljsam::fuzz::CheckWorkbook(*workbook, limits);
    return 0;
}

// libFuzzer target: ReadXlsx must return a status or a workbook that keeps the reader's
// promises (fuzz_check.hpp), within small limits so each run stays fast.
//
// Random mutations of a deflated zip rarely get past its checksums, so most inputs are
// taken as text and zipped here: "=== <entry name>" lines start the parts; text before the
// first such line is the sheet xl/worksheets/sheet1.xml. A minimal workbook.xml and its
// relationships are added unless the input has its own. Inputs starting with "PK" are fed
// as they are, to fuzz the zip layer (seeded with real xlsx files).

#include <zip.h>

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "fuzz/fuzz_check.hpp"
#include "io/xlsx_reader.hpp"

namespace {

constexpr std::string_view kMarker = "=== ";

const char* kWorkbook = R"(<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)"
                        R"(<sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>)";
const char* kRels = R"(<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/>)"
                    R"(<Relationship Id="rId2" Type="x/sharedStrings" Target="sharedStrings.xml"/>)"
                    R"(<Relationship Id="rId3" Type="x/styles" Target="styles.xml"/></Relationships>)";

std::map<std::string, std::string> SplitParts(std::string_view text) {
    std::map<std::string, std::string> parts;
    std::string name = "xl/worksheets/sheet1.xml";
    std::string body;
    bool named = false;  // the implicit sheet part exists only if it has text
    for (size_t pos = 0; pos <= text.size();) {
        size_t line_end = text.find('\n', pos);
        if (line_end == std::string_view::npos) line_end = text.size();
        const std::string_view line = text.substr(pos, line_end - pos);
        if (line.starts_with(kMarker)) {
            if (named || !body.empty()) parts[name] += body;
            name = std::string(line.substr(kMarker.size()));
            body.clear();
            named = true;
        } else {
            body.append(line);
            if (line_end < text.size()) body += '\n';
        }
        pos = line_end + 1;
    }
    if (named || !body.empty()) parts[name] += body;
    parts.try_emplace("xl/workbook.xml", kWorkbook);
    parts.try_emplace("xl/_rels/workbook.xml.rels", kRels);
    return parts;
}

// The parts as a zip with stored (uncompressed) entries; "" if libzip refuses a name.
std::string Zip(const std::map<std::string, std::string>& parts) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
    zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
    zip_error_fini(&error);
    FUZZ_CHECK(archive != nullptr);
    zip_source_keep(buffer);
    for (const auto& [name, data] : parts) {
        zip_source_t* source = zip_source_buffer(archive, data.data(), data.size(), 0);
        const zip_int64_t index = zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
        if (index < 0) {
            zip_source_free(source);
            continue;
        }
        zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), ZIP_CM_STORE, 0);
    }
    std::string bytes;
    if (zip_close(archive) != 0) {
        zip_discard(archive);
        zip_source_free(buffer);
        return bytes;
    }
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_source_stat(buffer, &stat) == 0 && zip_source_open(buffer) == 0) {
        bytes.resize(stat.size);
        if (zip_source_read(buffer, bytes.data(), bytes.size()) != static_cast<zip_int64_t>(bytes.size()))
            bytes.clear();
        zip_source_close(buffer);
    }
    zip_source_free(buffer);
    return bytes;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    foljsam::io::ReadLimits limits;
    limits.max_file_bytes = 1 << 20;
    limits.max_uncompressed_bytes = 4 << 20;
    limits.max_rows = 500;
    limits.max_columns = 20;
    limits.max_cell_bytes = 256;
    limits.max_xml_depth = 32;
    limits.max_sheets = 8;
    limits.max_cells = 2000;
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const std::string bytes = input.starts_with("PK") ? std::string(input) : Zip(SplitParts(input));
    const auto workbook = foljsam::io::ReadXlsx(bytes, limits);
    if (!workbook.ok()) {
        FUZZ_CHECK(!workbook.status().message().empty());
        return 0;
    }
    FUZZ_CHECK(!workbook->sheets.empty() && workbook->sheets.size() <= limits.max_sheets);
    foljsam::fuzz::CheckWorkbook(*workbook, limits);
    return 0;
}

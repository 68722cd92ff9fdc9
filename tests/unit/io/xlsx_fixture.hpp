#pragma once
// Builders for the xlsx reader tests: zip archives made in memory with libzip (for
// hand-written and hostile parts) and workbooks written by libxlsxwriter to a temporary
// file. Header-only because only *_test.cpp files are globbed into the test binary.

#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace foljsam::io::testing {

struct ZipEntry {
    std::string name;
    std::string data;
    bool stored = false;   // true: no compression
    std::string password;  // not empty: AES-256 encrypted
};

// A zip holding `entries` in order, built in memory.
inline std::string BuildZip(const std::vector<ZipEntry>& entries) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
    zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
    if (archive == nullptr) throw std::runtime_error("zip_open_from_source failed");
    zip_source_keep(buffer);
    for (const ZipEntry& entry : entries) {
        zip_source_t* source = zip_source_buffer(archive, entry.data.data(), entry.data.size(), 0);
        const zip_int64_t index = zip_file_add(archive, entry.name.c_str(), source, ZIP_FL_ENC_UTF_8);
        if (index < 0) throw std::runtime_error("zip_file_add failed");
        zip_set_file_compression(archive, static_cast<zip_uint64_t>(index),
                                 entry.stored ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 9);
        if (!entry.password.empty() && zip_file_set_encryption(archive, static_cast<zip_uint64_t>(index),
                                                               ZIP_EM_AES_256, entry.password.c_str()) != 0) {
            throw std::runtime_error("zip_file_set_encryption failed");
        }
    }
    if (zip_close(archive) != 0) throw std::runtime_error("zip_close failed");
    std::string bytes;
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_source_stat(buffer, &stat) != 0 || zip_source_open(buffer) != 0) throw std::runtime_error("zip source");
    bytes.resize(stat.size);
    if (zip_source_read(buffer, bytes.data(), bytes.size()) != static_cast<zip_int64_t>(bytes.size())) {
        throw std::runtime_error("zip_source_read failed");
    }
    zip_source_close(buffer);
    zip_source_free(buffer);
    zip_error_fini(&error);
    return bytes;
}

// Whether the zip in `bytes` has an entry `name`.
inline bool HasZipEntry(const std::string& bytes, const std::string& name) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
    zip_error_fini(&error);
    if (archive == nullptr) {
        zip_source_free(source);
        return false;
    }
    const bool found = zip_name_locate(archive, name.c_str(), 0) >= 0;
    zip_discard(archive);
    return found;
}

inline const char* kContentTypes =
    R"(<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>)";

// The parts of a minimal workbook with one sheet "Blad1" at xl/worksheets/sheet1.xml.
struct XlsxParts {
    std::string workbook =
        R"(<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"
 xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>)";
    std::string rels =
        R"(<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>)";
    std::string shared_strings;  // omitted when empty
    std::string styles;          // omitted when empty
    std::vector<std::pair<std::string, std::string>> sheets = {{"xl/worksheets/sheet1.xml", ""}};

    std::string Build() const {
        std::vector<ZipEntry> entries = {{"[Content_Types].xml", kContentTypes},
                                         {"xl/workbook.xml", workbook},
                                         {"xl/_rels/workbook.xml.rels", rels}};
        if (!shared_strings.empty()) entries.push_back({"xl/sharedStrings.xml", shared_strings});
        if (!styles.empty()) entries.push_back({"xl/styles.xml", styles});
        for (const auto& [name, data] : sheets) entries.push_back({name, data});
        return BuildZip(entries);
    }
};

// A worksheet part around `sheet_data` (the <row> elements).
inline std::string SheetXml(const std::string& sheet_data) {
    return R"(<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)" +
           sheet_data + "</sheetData></worksheet>";
}

// A one-sheet xlsx whose only part of interest is the sheet with `sheet_data`.
inline std::string XlsxWithSheetData(const std::string& sheet_data) {
    XlsxParts parts;
    parts.sheets[0].second = SheetXml(sheet_data);
    return parts.Build();
}

inline std::string ReadFileBytes(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Writes a workbook with libxlsxwriter (`fill` adds sheets and cells) and returns its bytes.
inline std::string WriteWithXlsxWriter(const std::function<void(lxw_workbook*)>& fill, bool constant_memory = false) {
    static std::atomic<int> counter{0};
    const std::filesystem::path path =
        std::filesystem::temp_directory_path() /
        ("foljsam-io-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".xlsx");
    lxw_workbook_options options = {};
    options.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE;
    lxw_workbook* workbook = workbook_new_opt(path.c_str(), &options);
    if (workbook == nullptr) throw std::runtime_error("workbook_new_opt failed");
    fill(workbook);
    if (workbook_close(workbook) != LXW_NO_ERROR) throw std::runtime_error("workbook_close failed");
    std::string bytes = ReadFileBytes(path);
    std::filesystem::remove(path);
    return bytes;
}

}  // namespace foljsam::io::testing

// The import template's CSV variant and the workbook writer's failures (io/template_writer).
// The workbook's content is read back by LibreOffice in
// tests/integration/import_template_test.cpp.

#include "io/template_writer.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "io/import_columns.hpp"

namespace foljsam::io {
namespace {

constexpr char kBom[] = "\xEF\xBB\xBF";

TEST(TemplateCsv, StartsWithAByteOrderMark) { EXPECT_EQ(TemplateCsv().rfind(kBom, 0), 0u); }

TEST(TemplateCsv, IsOneHeaderRowEndedByCrLf) {
    const std::string csv = TemplateCsv();
    ASSERT_GE(csv.size(), 2u);
    EXPECT_EQ(csv.substr(csv.size() - 2), "\r\n");
    EXPECT_EQ(csv.find('\n'), csv.size() - 1) << "one line only";
    EXPECT_EQ(csv.find('\r'), csv.size() - 2);
}

TEST(TemplateCsv, HoldsEveryHeaderInTemplateOrderSeparatedBySemicolons) {
    const std::string csv = TemplateCsv();
    const std::string line = csv.substr(3, csv.size() - 3 - 2);
    std::vector<std::string> fields;
    size_t start = 0;
    for (size_t end; (end = line.find(';', start)) != std::string::npos; start = end + 1)
        fields.push_back(line.substr(start, end - start));
    fields.push_back(line.substr(start));
    const auto& columns = TemplateColumns();
    ASSERT_EQ(fields.size(), columns.size()) << line;
    for (size_t idx = 0; idx < columns.size(); ++idx) EXPECT_EQ(fields[idx], columns[idx].header) << "column " << idx;
}

TEST(TemplateCsv, QuotesNoHeaderThatNeedsNoQuotes) {
    // No template header holds ';', '"' or a line break, so none is quoted.
    EXPECT_EQ(TemplateCsv().find('"'), std::string::npos) << TemplateCsv();
}

TEST(WriteTemplateXlsx, UnwritablePlaceIsUnavailableAndLeavesNoFile) {
    const std::filesystem::path out = "/nonexistent-foljsam-dir/mall.xlsx";
    const Status status = WriteTemplateXlsx(out, {});
    EXPECT_EQ(status.code(), StatusCode::kUnavailable) << status.message() << " " << status.internal();
    EXPECT_FALSE(status.message().empty());
    EXPECT_FALSE(std::filesystem::exists(out));
}

TEST(WriteTemplateXlsx, WritesAZipFileWithOrWithoutNames) {
    const std::filesystem::path dir =
        std::filesystem::temp_directory_path() / ("foljsam-template-unit-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    for (const TemplateOptions& options :
         {TemplateOptions{}, TemplateOptions{{"FINSAM-team", "Novum"}, {"Stockholms stad", "Region Stockholm"}}}) {
        const auto out = dir / "mall.xlsx";
        const Status status = WriteTemplateXlsx(out, options);
        ASSERT_TRUE(status.ok()) << status.message() << " " << status.internal();
        ASSERT_TRUE(std::filesystem::exists(out));
        EXPECT_GT(std::filesystem::file_size(out), 1000u) << options.insats_names.size() << " insatser";
    }
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace foljsam::io

// Hostile and broken files through the whole import (issue 4, item 7): each is refused
// by ImportService with a clear message, also with --create-missing and in valid-rows
// mode, and nothing at all is written: every table has the same row count afterwards,
// the audit log and the import history included. The readers' own tests
// (tests/unit/io/*hostile*) show each guard; this shows no guard's refusal leaks a write.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "services/import_service.hpp"
#include "store/database.hpp"
#include "store/integrity.hpp"
#include "support/test_app.hpp"
#include "unit/io/xlsx_fixture.hpp"

namespace foljsam::testing {
namespace {

using io::testing::SheetXml;
using io::testing::XlsxParts;
using io::testing::XlsxWithSheetData;
using ::testing::HasSubstr;

struct HostileFile {
    std::string name;       // for the failure message
    std::string file_name;  // as uploaded
    std::string bytes;
    std::string message;  // part of the refusal
};

std::string Spaces(size_t count) { return std::string(count, ' '); }

std::vector<HostileFile> HostileFiles() {
    std::vector<HostileFile> out;
    out.push_back({"empty", "tom.xlsx", "", "Filen är tom"});
    out.push_back({"not a spreadsheet", "bild.xlsx", std::string("\x89PNG\r\n\x1a\n", 8) + std::string(2000, 'x'),
                   "ingen xlsx-arbetsbok"});
    out.push_back(
        {"zip bomb", "bomb.xlsx",
         XlsxWithSheetData(R"(<row r="1"><c r="A1" t="inlineStr"><is><t>Insats</t></is></c></row>)" + Spaces(8u << 20)),
         "zip-bomb"});
    XlsxParts laughs;
    laughs.shared_strings = R"(<?xml version="1.0"?>
<!DOCTYPE sst [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
]>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol2;</t></si></sst>)";
    laughs.sheets[0].second = SheetXml(R"(<row r="1"><c r="A1" t="s"><v>0</v></c></row>)");
    out.push_back({"entity expansion", "skratt.xlsx", laughs.Build(), "DTD"});
    std::string deep;
    for (int i = 0; i < 5000; ++i) deep += "<x>";
    out.push_back({"deep nesting", "djup.xlsx", XlsxWithSheetData("<row r=\"1\">" + deep + "</row>"), "djup"});
    XlsxParts bad_utf8;
    bad_utf8.shared_strings =
        "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>Insats\xff\xfe</t></si></sst>";
    bad_utf8.sheets[0].second = SheetXml(R"(<row r="1"><c r="A1" t="s"><v>0</v></c></row>)");
    out.push_back({"invalid UTF-8 in xlsx", "utf8.xlsx", bad_utf8.Build(), ""});
    std::string truncated = XlsxWithSheetData(R"(<row r="1"><c r="A1"><v>1</v></c></row>)");
    out.push_back({"truncated", "halv.xlsx", truncated.substr(0, truncated.size() / 2), "skadad"});
    out.push_back(
        {"old xls", "gammal.xls", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(600, '\0'), ""});
    return out;
}

class ImportHostile : public ::testing::Test {
   protected:
    void SetUp() override {
        const long long stad = app_.CreateMember("Stockholms stad", "KOMMUN");
        app_.CreateInsats("Novum", stad, RegistrationMode::kWithoutIdentity);
    }
    std::map<std::string, long long> Counts() {
        auto uow = app_.app().db().Begin(store::Database::Mode::kRead);
        EXPECT_TRUE(uow.ok());
        auto counts = store::CountRows(**uow);
        EXPECT_TRUE(counts.ok());
        return counts.ok() ? *counts : std::map<std::string, long long>{};
    }
    TestApp app_;
};

TEST_F(ImportHostile, EveryHostileFileIsRefusedWithAMessageAndWritesNothing) {
    const auto before = Counts();
    ASSERT_FALSE(before.empty());
    for (const auto& file : HostileFiles()) {
        for (const bool create_missing : {false, true}) {
            services::ImportRequest request;
            request.file_name = file.file_name;
            request.bytes = file.bytes;
            request.create_missing = create_missing;
            request.mode = services::ImportMode::kValidRows;
            auto report = services::ImportService(app_.app()).RunAsOperator(app_.forbund_id(), request);
            const std::string label = file.name + (create_missing ? " (create missing)" : "");
            if (report.ok()) {
                // Read, but nothing usable: refused by the plan, never written.
                EXPECT_FALSE(report->written) << label;
                EXPECT_FALSE(report->plan.file_issues.empty()) << label;
            } else {
                EXPECT_TRUE(report.status().code() == StatusCode::kInvalidInput ||
                            report.status().code() == StatusCode::kCorrupt)
                    << label << ": " << report.status().message();
                EXPECT_FALSE(report.status().message().empty()) << label;
                if (!file.message.empty()) {
                    EXPECT_THAT(report.status().message(), HasSubstr(file.message)) << label;
                }
            }
            EXPECT_EQ(Counts(), before) << label << " wrote something";
        }
    }
}

}  // namespace
}  // namespace foljsam::testing

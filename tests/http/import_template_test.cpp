// The import template downloads of the running server (issue 4, item 1): GET
// /import/mall.xlsx and /import/mall.csv for registrars and administrators, with the
// insatser the user may import into in the workbook's drop-down; refused for everyone else.

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "http/http_fixture.hpp"
#include "io/template_writer.hpp"

namespace foljsam::http_test {
namespace {

class ImportTemplatePages : public HttpTest {};

constexpr const char* kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// The shared strings of a downloaded workbook (every text in it), read with `unzip -p`.
std::string SharedStrings(const std::string& xlsx) {
    const std::filesystem::path path =
        std::filesystem::temp_directory_path() / ("foljsam-http-template-" + std::to_string(::getpid()) + ".xlsx");
    std::ofstream(path, std::ios::binary) << xlsx;
    const std::string command = "unzip -p '" + path.string() + "' xl/sharedStrings.xml 2>/dev/null";
    std::string out;
    if (FILE* pipe = popen(command.c_str(), "r")) {
        char buffer[8192];
        for (size_t got; (got = fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, got);
        EXPECT_EQ(pclose(pipe), 0) << command << " (is unzip installed?)";
    }
    std::filesystem::remove(path);
    return out;
}

TEST_F(ImportTemplatePages, RegistrarDownloadsTheWorkbook) {
    Response r = Get("/import/mall.xlsx", As("registrator.stad"));
    ASSERT_EQ(r.status, 200) << r;
    EXPECT_EQ(r.Header("Content-Type"), kXlsxType);
    EXPECT_EQ(r.Header("Content-Disposition"), "attachment; filename=\"importmall-deltagare.xlsx\"");
    EXPECT_EQ(r.Header("Cache-Control"), "no-store");
    EXPECT_EQ(r.body.rfind("PK\x03\x04", 0), 0u) << "a zip file";
}

TEST_F(ImportTemplatePages, RegistrarDownloadsTheCsv) {
    Response r = Get("/import/mall.csv", As("registrator.stad"));
    ASSERT_EQ(r.status, 200) << r;
    EXPECT_EQ(r.Header("Content-Type"), "text/csv; charset=utf-8");
    EXPECT_EQ(r.Header("Content-Disposition"), "attachment; filename=\"importmall-deltagare.csv\"");
    EXPECT_EQ(r.body, io::TemplateCsv());
}

TEST_F(ImportTemplatePages, WorkbookOffersOnlyTheInsatserTheRegistrarRegistersIn) {
    Response r = Get("/import/mall.xlsx", As("registrator.stad"));
    ASSERT_EQ(r.status, 200) << r;
    const std::string strings = SharedStrings(r.body);
    for (const char* name : {kFinsamTeam, kAktivitetsplatsen, kNovum, kIpsBeroende, "Region Stockholm"})
        EXPECT_TRUE(Contains(strings, name)) << name;
    EXPECT_FALSE(Contains(strings, kIpsPsykos)) << "registrator.stad does not register there";
    EXPECT_FALSE(Contains(strings, "Jobbtorg Stockholm")) << "a unit, not a member";
}

TEST_F(ImportTemplatePages, AdministratorGetsEveryInsats) {
    Response r = Get("/import/mall.xlsx", As("kansli"));
    ASSERT_EQ(r.status, 200) << r;
    const std::string strings = SharedStrings(r.body);
    for (const char* name : {kFinsamTeam, kAktivitetsplatsen, kIpsPsykos, kNovum, kIpsBeroende})
        EXPECT_TRUE(Contains(strings, name)) << name;
    EXPECT_EQ(Get("/import/mall.csv", As("kansli")).status, 200);
}

TEST_F(ImportTemplatePages, LoggedOutIsSentToLogIn) {
    for (const char* path : {"/import/mall.xlsx", "/import/mall.csv"}) {
        Response r = Get(path);
        EXPECT_EQ(r.status, 303) << path << ": " << r;
        EXPECT_EQ(r.Header("Location"), "/logga-in") << path;
        EXPECT_TRUE(r.Header("Content-Disposition").empty()) << path;
    }
}

TEST_F(ImportTemplatePages, UsersWhoNeitherRegisterNorAdministerAreRefused) {
    for (const char* user : {"analytiker", "styrelse", "projektledare"}) {
        for (const char* path : {"/import/mall.xlsx", "/import/mall.csv"}) {
            Response r = Get(path, As(user));
            EXPECT_EQ(r.status, 403) << user << " " << path << ": " << r;
            EXPECT_TRUE(r.Header("Content-Disposition").empty()) << user << " " << path;
        }
    }
}

}  // namespace
}  // namespace foljsam::http_test

// The export pages of the running server (issue 4, item 6): GET /export lists what the
// user may take; /export/forbund.xlsx and .csv for registrars (identities only where the
// user may see them); /export/uppfoljning-finsam.xlsx and .csv for the administrator and
// analysts; everyone else is refused.

#include <string>

#include "domain/date.hpp"
#include "http/http_fixture.hpp"
#include "services/demo_service.hpp"

namespace foljsam::http_test {
namespace {

class ExportPages : public HttpTest {};

constexpr const char* kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const std::string kLastYear = std::to_string(domain::Today().year - 1);

Secrets DemoSecrets() {
    Secrets secrets;
    for (const auto& pnr : services::DemoPersonnummer()) secrets.AddPersonnummer(pnr);
    for (const auto& name : services::DemoNames()) secrets.AddName(name);
    return secrets;
}

TEST_F(ExportPages, RegistrarDownloadsTheWorkbook) {
    Response r = Get("/export/forbund.xlsx", As("registrator.stad"));
    ASSERT_EQ(r.status, 200) << r;
    EXPECT_EQ(r.Header("Content-Type"), kXlsxType);
    const std::string disposition = r.Header("Content-Disposition");
    EXPECT_EQ(disposition.rfind("attachment; filename=\"foljsam-export-", 0), 0u) << disposition;
    EXPECT_NE(disposition.find(".xlsx\""), std::string::npos) << disposition;
    EXPECT_EQ(r.Header("Cache-Control"), "no-store");
    EXPECT_EQ(r.body.rfind("PK\x03\x04", 0), 0u) << "a zip file";
}

TEST_F(ExportPages, RegistrarDownloadsTheParticipationsAsCsv) {
    Response r = Get("/export/forbund.csv", As("registrator.stad"));
    ASSERT_EQ(r.status, 200) << r;
    EXPECT_EQ(r.Header("Content-Type"), "text/csv; charset=utf-8");
    EXPECT_NE(r.Header("Content-Disposition").find("-deltagare.csv\""), std::string::npos);
    EXPECT_EQ(r.body.rfind("\xEF\xBB\xBFInsats;Rad-id;Deltagarkod;Personnummer;Namn;Anonym;", 0), 0u);
    // Assigned to the identity insats but not employed by its controller: no identity.
    EXPECT_NE(r.body.find(kIpsBeroende), std::string::npos);
    EXPECT_EQ(DemoSecrets().FindIn(r.body), "");
}

TEST_F(ExportPages, ControllerRegistrarGetsIdentitiesAndEveryDownloadIsAudited) {
    const long long before = CountAudit("export.forbund");
    Response r = Get("/export/forbund.csv", As("registrator.region"));
    ASSERT_EQ(r.status, 200) << r;
    EXPECT_NE(DemoSecrets().FindIn(r.body), "");
    EXPECT_EQ(r.body.find(kFinsamTeam), std::string::npos);  // not theirs
    EXPECT_EQ(CountAudit("export.forbund"), before + 1);
}

TEST_F(ExportPages, NationalReturnForAnalystsAndTheAdministrator) {
    for (const char* user : {"analytiker", "kansli"}) {
        Response xlsx = Get("/export/uppfoljning-finsam.xlsx?year=" + kLastYear, As(user));
        ASSERT_EQ(xlsx.status, 200) << user << xlsx;
        EXPECT_EQ(xlsx.Header("Content-Type"), kXlsxType);
        EXPECT_EQ(xlsx.Header("Content-Disposition"),
                  "attachment; filename=\"uppfoljning-finsam-" + kLastYear + ".xlsx\"");
        Response csv = Get("/export/uppfoljning-finsam.csv?year=" + kLastYear, As(user));
        ASSERT_EQ(csv.status, 200) << user << csv;
        EXPECT_EQ(csv.Header("Content-Type"), "text/csv; charset=utf-8");
        EXPECT_NE(csv.body.find(kFinsamTeam), std::string::npos);
        EXPECT_EQ(DemoSecrets().FindIn(csv.body), "");
    }
}

TEST_F(ExportPages, WrongRolesAreRefused) {
    for (const char* user : {"analytiker", "kansli", "styrelse", "projektledare"}) {
        for (const char* path : {"/export/forbund.xlsx", "/export/forbund.csv"}) {
            Response r = Get(path, As(user));
            EXPECT_EQ(r.status, 403) << user << " " << path;
            EXPECT_EQ(r.Header("Content-Disposition"), "") << user << " " << path;
        }
    }
    for (const char* user : {"registrator.stad", "styrelse", "projektledare"}) {
        Response r = Get("/export/uppfoljning-finsam.csv?year=" + kLastYear, As(user));
        EXPECT_EQ(r.status, 403) << user;
    }
    EXPECT_EQ(Get("/export/forbund.csv").status, 303);  // not logged in: to the log-in page
}

TEST_F(ExportPages, ABadYearIsRefused) {
    Response r = Get("/export/uppfoljning-finsam.csv?year=20x5", As("analytiker"));
    EXPECT_EQ(r.status, 422) << r;
}

TEST_F(ExportPages, ThePageOffersWhatTheUserMayTake) {
    Response registrar = Get("/export", As("registrator.stad"));
    ASSERT_EQ(registrar.status, 200) << registrar;
    EXPECT_TRUE(Contains(registrar.body, "href=\"/export/forbund.xlsx\""));
    EXPECT_FALSE(Contains(registrar.body, "uppfoljning-finsam"));
    EXPECT_TRUE(Contains(registrar.body, "href=\"/export\" aria-current=\"page\""));
    Response analyst = Get("/export", As("analytiker"));
    ASSERT_EQ(analyst.status, 200) << analyst;
    EXPECT_FALSE(Contains(analyst.body, "/export/forbund.xlsx"));
    EXPECT_TRUE(Contains(analyst.body, "action=\"/export/uppfoljning-finsam.xlsx\""));
    EXPECT_TRUE(Contains(analyst.body, "formaction=\"/export/uppfoljning-finsam.csv\""));
    EXPECT_TRUE(Contains(analyst.body, "for=\"f-year\""));
    EXPECT_EQ(analyst.body.find("style="), std::string::npos);
    EXPECT_EQ(analyst.body.find("<script"), std::string::npos);
    Response reader = Get("/export", As("styrelse"));
    ASSERT_EQ(reader.status, 200) << reader;
    EXPECT_TRUE(Contains(reader.body, "Du har ingen export att ta ut"));
    EXPECT_FALSE(Contains(reader.body, "href=\"/export\""));  // no menu entry for nothing
}

}  // namespace
}  // namespace foljsam::http_test

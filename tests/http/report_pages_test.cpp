// The report pages of the running server (issue 3): the follow-up and Explore, their
// choices in the URL, their downloads, suppression by role, and that the page and its JSON
// download show the same numbers.

#include <regex>
#include <string>

#include "domain/date.hpp"
#include "http/http_fixture.hpp"

namespace foljsam::http_test {
namespace {

class ReportPages : public HttpTest {};

const std::string kYear = std::to_string(domain::Today().year - 1);

// The cells of table row `header` in the HTML table with id `table_id`, as text with
// no-break spaces removed.
std::vector<std::string> RowCells(const std::string& html, const std::string& table_id, const std::string& header) {
    const size_t table = html.find("id=\"" + table_id + "\"");
    if (table == std::string::npos) return {};
    const size_t end = html.find("</table>", table);
    const size_t row = html.find("<th scope=\"row\">" + header + "</th>", table);
    if (row == std::string::npos || row > end) return {};
    const size_t row_end = html.find("</tr>", row);
    std::vector<std::string> cells;
    const std::regex cell_re("<td[^>]*>([^<]*)</td>");
    const std::string row_html = html.substr(row, row_end - row);
    for (std::sregex_iterator it(row_html.begin(), row_html.end(), cell_re), last; it != last; ++it) {
        std::string text = (*it)[1].str();
        for (size_t pos; (pos = text.find("\xC2\xA0")) != std::string::npos;) text.erase(pos, 2);
        cells.push_back(text);
    }
    return cells;
}

TEST_F(ReportPages, FollowUpShowsEverySectionWithChartsAndTables) {
    Response page = Get("/uppfoljning?period=" + kYear, As("analytiker"));
    ASSERT_EQ(page.status, 200) << page;
    for (const char* id :
         {"oversikt", "per-insats", "profil-age_group", "profil-education", "profil-referrer_member", "profil-district",
          "avslut-exit_reason", "avslut-arbete-studier", "overgang-forsorjning", "overgang-sysselsattning",
          "jamstalldhet-kon-per-insats", "jamstalldhet-anmalningar", "utveckling-antal", "utveckling-andelar"}) {
        EXPECT_NE(page.body.find(std::string("id=\"") + id + "\""), std::string::npos) << id;
    }
    EXPECT_NE(page.body.find("<svg"), std::string::npos);
    EXPECT_NE(page.body.find("role=\"img\""), std::string::npos);
    // The Content-Security-Policy forbids inline styles: the charts use attributes only.
    EXPECT_EQ(page.body.find("style="), std::string::npos);
    EXPECT_EQ(page.body.find("<style"), std::string::npos);
    EXPECT_NE(page.body.find("Små tal är dolda"), std::string::npos);
}

TEST_F(ReportPages, RegistrarSeesOwnInsatsWithoutSuppression) {
    const long long finsam = InsatsId(kFinsamTeam);
    Response page = Get("/uppfoljning?period=" + kYear + "&insats=" + std::to_string(finsam), As("registrator.stad"));
    ASSERT_EQ(page.status, 200) << page;
    EXPECT_NE(page.body.find("utan döljning"), std::string::npos);
    EXPECT_NE(page.body.find(kFinsamTeam), std::string::npos);
}

TEST_F(ReportPages, PageAndJsonDownloadShowTheSameNumbers) {
    for (const char* user : {"analytiker", "registrator.stad", "styrelse"}) {
        const std::string query = "?period=" + kYear;
        Response page = Get("/uppfoljning" + query, As(user));
        ASSERT_EQ(page.status, 200) << user << page;
        Response download = Get("/uppfoljning.json" + query, As(user));
        ASSERT_EQ(download.status, 200) << user << download;
        EXPECT_NE(download.Header("Content-Disposition").find("attachment"), std::string::npos);
        json doc = download.Json();
        ASSERT_FALSE(doc.is_discarded());
        const json* overview = nullptr;
        for (const auto& table : doc["tables"])
            if (table["id"] == "oversikt") overview = &table;
        ASSERT_NE(overview, nullptr) << user;
        for (const auto& [measure, label] : std::vector<std::pair<std::string, std::string>>{
                 {"started", "Påbörjade"}, {"ended", "Avslutade"}, {"participated", "Deltagit under perioden"}}) {
            std::string expected;
            for (const auto& cell : (*overview)["cells"]) {
                if (cell["measure"] != measure || !cell["by"].empty()) continue;
                expected = cell["suppressed"].get<bool>() ? "<5" : std::to_string(cell["value"].get<long long>());
            }
            const auto cells = RowCells(page.body, "oversikt", label + ", totalt");
            ASSERT_FALSE(cells.empty()) << user << " " << label;
            if (expected != "<5") {
                EXPECT_EQ(cells[0], expected) << user << " " << label;
            }
        }
        for (const auto& table : doc["tables"]) {
            for (const auto& cell : table["cells"]) {
                if (cell["suppressed"].get<bool>()) {
                    EXPECT_TRUE(cell["value"].is_null());
                }
            }
        }
    }
}

TEST_F(ReportPages, FollowUpShowsTheGoalsAndTheGenderTargets) {
    // The demo's goals (services/demo_goals.cpp) are set for last year and this year.
    const std::string aktivitetsplatsen = std::to_string(InsatsId(kAktivitetsplatsen));
    Response one = Get("/uppfoljning?period=" + kYear + "&insats=" + aktivitetsplatsen, As("analytiker"));
    ASSERT_EQ(one.status, 200) << one;
    EXPECT_NE(one.body.find("id=\"mal-" + aktivitetsplatsen + "-rubrik\""), std::string::npos);
    EXPECT_NE(one.body.find("Andelen män bland deltagarna ökar till 30 %"), std::string::npos);
    EXPECT_NE(one.body.find("href=\"#mal\""), std::string::npos);
    const auto target = RowCells(one.body, "jamstalldhet-kon-per-insats", kAktivitetsplatsen);
    ASSERT_FALSE(target.empty());
    EXPECT_EQ(target.back(), "män minst 30 %");
    // All insatser: one goal section per insats that has goals, and the survey goal listed
    // as not measurable from registered data.
    Response all = Get("/uppfoljning?period=" + kYear, As("analytiker"));
    ASSERT_EQ(all.status, 200) << all;
    EXPECT_NE(all.body.find("Mål som inte kan mätas ur registrerade uppgifter"), std::string::npos);
    EXPECT_NE(all.body.find("90 % anser att de fått rätt stöd"), std::string::npos);
}

TEST_F(ReportPages, CsvDownloadIsForSwedishExcel) {
    Response csv = Get("/uppfoljning.csv?period=" + kYear, As("analytiker"));
    ASSERT_EQ(csv.status, 200) << csv;
    EXPECT_EQ(csv.body.rfind("\xEF\xBB\xBF", 0), 0u);
    EXPECT_NE(csv.body.find(";"), std::string::npos);
    EXPECT_NE(csv.body.find("\r\n"), std::string::npos);
    EXPECT_EQ(csv.Header("Content-Type").rfind("text/csv", 0), 0u);
}

TEST_F(ReportPages, XlsxDownloadIsAWorkbook) {
    Response xlsx = Get("/uppfoljning.xlsx?period=" + kYear, As("analytiker"));
    ASSERT_EQ(xlsx.status, 200) << xlsx;
    EXPECT_EQ(xlsx.body.rfind("PK", 0), 0u);
    EXPECT_NE(xlsx.Header("Content-Disposition").find("attachment"), std::string::npos);
    EXPECT_NE(xlsx.Header("Content-Disposition").find(".xlsx"), std::string::npos);
    EXPECT_EQ(xlsx.Header("Content-Type").rfind("application/vnd.openxmlformats-officedocument.spreadsheetml", 0), 0u);
    EXPECT_EQ(Get("/uppfoljning.xlsx?period=2025-H3", As("analytiker")).status, 422);
}

TEST_F(ReportPages, UnreadablePeriodIsAFieldError) {
    Response page = Get("/uppfoljning?period=2025-H3", As("analytiker"));
    EXPECT_EQ(page.status, 422) << page;
    EXPECT_NE(page.body.find("href=\"#f-period\""), std::string::npos);
    EXPECT_NE(page.body.find("id=\"f-period\""), std::string::npos);
    EXPECT_EQ(Get("/uppfoljning?insats=abc", As("analytiker")).status, 404);
}

TEST_F(ReportPages, ExploreKeepsTheWholeChoiceInTheUrl) {
    const std::string query = "?measure=started&dim1=gender&dim2=insats&period=" + kYear + "&age_group=25-29";
    Response page = Get("/utforska" + query, As("analytiker"));
    ASSERT_EQ(page.status, 200) << page;
    EXPECT_NE(page.body.find("id=\"utforska\""), std::string::npos);
    EXPECT_NE(page.body.find("<option value=\"gender\" selected>"), std::string::npos);
    EXPECT_NE(page.body.find("<option value=\"insats\" selected>"), std::string::npos);
    EXPECT_NE(page.body.find("<option value=\"25-29\" selected>"), std::string::npos);
    EXPECT_NE(page.body.find("Kvinna"), std::string::npos);
    // The downloads carry the same choice.
    EXPECT_NE(page.body.find("/utforska.csv?"), std::string::npos);
    Response csv = Get("/utforska.csv" + query, As("analytiker"));
    ASSERT_EQ(csv.status, 200) << csv;
    EXPECT_NE(csv.body.find("Kön;Insats;Värde;Dolt"), std::string::npos);
    Response xlsx = Get("/utforska.xlsx" + query, As("analytiker"));
    ASSERT_EQ(xlsx.status, 200) << xlsx;
    EXPECT_EQ(xlsx.body.rfind("PK", 0), 0u);
}

TEST_F(ReportPages, ExploreFiltersChangeTheCount) {
    auto total_of = [](const std::string& html) {
        auto cells = RowCells(html, "utforska", "Totalt");
        return cells.empty() ? std::string("?") : cells[0];
    };
    const std::string base = "/utforska?measure=started&dim1=insats&period=" + kYear;
    Response all = Get(base, As("registrator.stad"));
    Response women = Get(base + "&gender=K", As("registrator.stad"));
    Response men = Get(base + "&gender=M", As("registrator.stad"));
    ASSERT_EQ(all.status, 200) << all;
    ASSERT_EQ(women.status, 200);
    ASSERT_EQ(men.status, 200);
    const long long n_all = std::stoll(total_of(all.body));
    const long long n_women = std::stoll(total_of(women.body));
    const long long n_men = std::stoll(total_of(men.body));
    EXPECT_GT(n_women, 0);
    EXPECT_GT(n_men, 0);
    EXPECT_LE(n_women + n_men, n_all);
}

TEST_F(ReportPages, ExploreRefusesUnknownChoicesWithFieldErrors) {
    Response page = Get("/utforska?measure=nope&dim1=gender&dim2=gender", As("analytiker"));
    EXPECT_EQ(page.status, 422) << page;
    EXPECT_NE(page.body.find("href=\"#f-measure\""), std::string::npos);
    EXPECT_NE(page.body.find("href=\"#f-dim2\""), std::string::npos);
    page = Get("/utforska?from=2025-02-30&to=2025-03-01", As("analytiker"));
    EXPECT_EQ(page.status, 422) << page;
    EXPECT_NE(page.body.find("href=\"#f-from\""), std::string::npos);
}

TEST_F(ReportPages, EveryFollowUpIsAudited) {
    auto count = [] {
        auto uow = Read();
        store::AuditFilter filter;
        filter.action = "report.followup";
        return store::AuditRepo(*uow).Count(filter);
    };
    const auto before = count();
    ASSERT_TRUE(before.ok());
    ASSERT_EQ(Get("/uppfoljning?period=" + kYear, As("styrelse")).status, 200);
    const auto after = count();
    ASSERT_TRUE(after.ok());
    EXPECT_EQ(*after, *before + 1);
}

}  // namespace
}  // namespace foljsam::http_test

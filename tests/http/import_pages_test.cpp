// The import wizard of the running server (issue 4, item 4): a registrar uploads a CSV,
// maps its columns and an unknown value, previews, imports and undoes; the upload is
// reachable only by its owner and only with the session's CSRF token; errors are listed
// with row and column and can be downloaded as a workbook; all-or-nothing writes nothing
// when a row is wrong; a running import can be cancelled; no URL carries anything but the
// upload's random token.

#include <unistd.h>

#include <chrono>
#include <regex>
#include <string>
#include <thread>

#include "http/http_fixture.hpp"

namespace foljsam::http_test {
namespace {

constexpr const char* kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const std::string kHeader =
    "Insats;Deltagarkod;Kön;Födelseår;Anmälande part;Folkbokföringskommun;Stadsdel;Utbildning;Tid utan arbete;"
    "Försörjning;Målgrupp;Anmälningsdatum;Startdatum\n";

// A started row of Novum (an insats without identity) for participant `code`.
std::string Row(const std::string& code, const std::string& gender = "Kvinna",
                const std::string& start = "2025-02-03") {
    return "Novum;" + code + ";" + gender +
           ";1995;Stockholms stad;Stockholm;Järva;Gymnasial utbildning;1-2 år;Försörjningsstöd;Unga;2025-01-10;" +
           start + "\n";
}

class ImportPages : public HttpTest {
   protected:
    // POST /import as the browser's form does (multipart/form-data).
    static Response Upload(const Session& s, const std::string& body, const std::string& file_name = "deltagare.csv",
                           const Fields& extra = {}, bool with_csrf = true) {
        httplib::MultipartFormDataItems items = {{"fil", body, file_name, "text/csv"}};
        if (with_csrf) items.push_back({"csrf", s.csrf, "", ""});
        for (const auto& [name, value] : extra) items.push_back({name, value, "", ""});
        return From(Client().Post("/import", HeadersFor(&s, true, false), items), "POST /import");
    }

    // The upload's base path "/import/<token>" from the upload's redirect.
    static std::string BaseOf(const Response& uploaded) {
        static const std::regex re("^(/import/[A-Za-z0-9_-]{43})/kolumner$");
        std::smatch m;
        const std::string location = uploaded.Header("Location");
        if (uploaded.status != 303 || !std::regex_match(location, m, re))
            throw std::runtime_error("upload did not redirect to the mapping step: HTTP " +
                                     std::to_string(uploaded.status) + " " + location + " " +
                                     uploaded.body.substr(0, 400));
        return m[1].str();
    }

    // Uploads and accepts the automatic mapping; returns the base path.
    static std::string UploadAndMap(const Session& s, const std::string& body) {
        const std::string base = BaseOf(Upload(s, body));
        Response columns = Get(base + "/kolumner", s);
        EXPECT_EQ(columns.status, 200) << columns;
        Response mapped = PostForm(base + "/kolumner", s, {});
        EXPECT_EQ(mapped.status, 303) << mapped;
        EXPECT_EQ(mapped.Header("Location"), base + "/varden");
        return base;
    }

    // Follows the preview page until the preview is ready (a large file's runs as a job);
    // returns the page of the finished preview.
    static Response WaitForPreview(const Session& s, const std::string& base) {
        // Minutes, not seconds: under the sanitizers a large preview takes long.
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(5);
        while (std::chrono::steady_clock::now() < deadline) {
            Response page = Get(base + "/granska", s);
            if (!Contains(page.body, "Granskningen pågår")) return page;
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        throw std::runtime_error("the preview did not finish in 5 minutes");
    }

    // Starts the import and waits for its result page.
    static Response ImportAndWait(const Session& s, const std::string& base, const std::string& mode = "alla") {
        Response started = PostForm(base + "/importera", s, {{"mode", mode}});
        EXPECT_EQ(started.status, 303) << started;
        for (int attempt = 0; attempt < 200; ++attempt) {
            Response status = Get(base + "/status", s);
            if (!Contains(status.body, "Importen pågår")) return status;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        throw std::runtime_error("the import did not finish in 10 s");
    }

    // The value of a row of the counts list (<dt>label</dt><dd>value</dd>).
    static std::string Count(const std::string& html, const std::string& label) {
        const std::regex re("<dt>" + label + "</dt><dd>([^<]*)</dd>");
        std::smatch m;
        return std::regex_search(html, m, re) ? m[1].str() : "(no " + label + ")";
    }

    static std::string Unique(const std::string& prefix) {
        static int counter = 0;
        return prefix + "-" + std::to_string(::getpid() % 10000) + "-" + std::to_string(++counter);
    }
};

TEST_F(ImportPages, RegistrarWalksTheWizardAndUndoes) {
    const Session& s = As("registrator.stad");
    const long long novum = InsatsId(kNovum);
    const long long before = CountParticipations(novum);
    const std::string first = Unique("HTTP-IMP"), second = Unique("HTTP-IMP");

    Response start = Get("/import", s);
    ASSERT_EQ(start.status, 200) << start;
    EXPECT_TRUE(Contains(start.body, "enctype=\"multipart/form-data\""));
    EXPECT_TRUE(Contains(start.body, "href=\"/import/mall.xlsx\""));
    EXPECT_TRUE(Contains(start.body, "href=\"/import/mall.csv\""));

    const std::string base = BaseOf(Upload(s, kHeader + Row(first, "Dam") + Row(second, "Man")));
    Response columns = Get(base + "/kolumner", s);
    ASSERT_EQ(columns.status, 200) << columns;
    // One select per source column, preselected with the automatic mapping.
    EXPECT_TRUE(Contains(columns.body, "name=\"kolumn_0\"")) << columns;
    EXPECT_TRUE(Contains(columns.body, "name=\"kolumn_12\""));
    EXPECT_TRUE(Contains(columns.body, "<option value=\"kon\" selected>Kön</option>"));
    EXPECT_TRUE(Contains(columns.body, "Importeras inte"));
    Response mapped = PostForm(base + "/kolumner", s, {{"kolumn_2", "kon"}});
    ASSERT_EQ(mapped.status, 303) << mapped;

    // "Dam" is no gender the code list knows: the user maps it.
    Response values = Get(base + "/varden", s);
    ASSERT_EQ(values.status, 200) << values;
    EXPECT_TRUE(Contains(values.body, "Kön: ”Dam”")) << values;
    EXPECT_TRUE(Contains(values.body, "Avvisa raderna med detta värde"));
    Response decided = PostForm(base + "/varden", s, {{"varde_0", "K"}});
    ASSERT_EQ(decided.status, 303) << decided;
    EXPECT_EQ(decided.Header("Location"), base + "/granska");

    Response preview = Get(base + "/granska", s);
    ASSERT_EQ(preview.status, 200) << preview;
    EXPECT_EQ(Count(preview.body, "Nya deltaganden"), "2") << preview;
    EXPECT_EQ(Count(preview.body, "Avvisade rader"), "0");
    EXPECT_TRUE(ErrorSummary(preview.body).empty()) << ErrorSummary(preview.body);
    EXPECT_EQ(CountParticipations(novum), before) << "a preview writes nothing";

    Response result = ImportAndWait(s, base);
    EXPECT_TRUE(Contains(result.body, "Importen är klar")) << result;
    EXPECT_EQ(Count(result.body, "Nya deltaganden"), "2");
    EXPECT_TRUE(Contains(result.body, "href=\"/insatser/" + std::to_string(novum) + "\"")) << "link to the list";
    EXPECT_EQ(CountParticipations(novum), before + 2);
    Response list = PostForm("/insatser/" + std::to_string(novum) + "/sok", s, {{"search", first}});
    EXPECT_TRUE(Contains(list.body, first)) << list;

    // The wizard's steps now lead to the result, so the file cannot be imported twice by a reload.
    EXPECT_EQ(Get(base + "/granska", s).Header("Location"), base + "/status");
    EXPECT_EQ(PostForm(base + "/importera", s, {{"mode", "alla"}}).Header("Location"), base + "/status");

    std::smatch undo;
    const std::regex undo_re("action=\"(/import/\\d+/angra)\"");
    ASSERT_TRUE(std::regex_search(result.body, undo, undo_re)) << "an undo button on the result";
    const std::string undo_path = undo[1].str();
    Response undone = PostForm(undo_path, s, {});
    ASSERT_EQ(undone.status, 303) << undone;
    EXPECT_EQ(undone.Header("Location"), "/import?angrad=1&borttagna=2&aterstallda=0");
    EXPECT_EQ(CountParticipations(novum), before);
    Response history = Get(undone.Header("Location"), s);
    EXPECT_TRUE(Contains(history.body, "Importen är ångrad")) << history;
    EXPECT_TRUE(Contains(history.body, "Ångrad ")) << "the history shows it undone";

    Response again = PostForm(undo_path, s, {});
    EXPECT_EQ(again.status, 409) << again;
    EXPECT_TRUE(Contains(again.body, "redan ångrad")) << again;
}

TEST_F(ImportPages, PostsWithoutTheCsrfTokenAreRefused) {
    const Session& s = As("registrator.stad");
    Response upload = Upload(s, kHeader + Row(Unique("HTTP-CSRF")), "deltagare.csv", {}, false);
    EXPECT_EQ(upload.status, 403) << upload;
    Response wrong = Upload(s, kHeader + Row(Unique("HTTP-CSRF")), "deltagare.csv", {{"csrf", "fel"}}, false);
    EXPECT_EQ(wrong.status, 403) << wrong;

    const std::string base = BaseOf(Upload(s, kHeader + Row(Unique("HTTP-CSRF"))));
    for (const char* step : {"/kolumner", "/varden", "/importera", "/avbryt"}) {
        Response r = PostForm(base + step, s, {{"mode", "alla"}}, false);
        EXPECT_EQ(r.status, 403) << step << ": " << r;
    }
    EXPECT_EQ(PostForm("/import/1/angra", s, {}, false).status, 403);
}

TEST_F(ImportPages, OnlyTheUploaderCanUseTheToken) {
    const std::string base = BaseOf(Upload(As("registrator.stad"), kHeader + Row(Unique("HTTP-OWN"))));
    // Another registrar: as if the upload did not exist.
    for (const char* step : {"/kolumner", "/varden", "/granska", "/status", "/fel.xlsx"}) {
        Response r = Get(base + step, As("registrator.region"));
        EXPECT_EQ(r.status, 404) << step << ": " << r;
    }
    const Session& other = As("registrator.region");
    EXPECT_EQ(PostForm(base + "/importera", other, {{"mode", "alla"}}).status, 404);
    // Users who register nowhere are refused the wizard altogether.
    for (const char* user : {"kansli", "analytiker", "projektledare"}) {
        EXPECT_EQ(Get("/import", As(user)).status, 403) << user;
        EXPECT_EQ(Get(base + "/kolumner", As(user)).status, 403) << user;
    }
    EXPECT_EQ(Get(base + "/kolumner").Header("Location"), "/logga-in");
    // A made-up token is unknown too.
    EXPECT_EQ(Get("/import/" + std::string(43, 'A') + "/kolumner", As("registrator.stad")).status, 404);
}

TEST_F(ImportPages, ErrorsAreListedAndDownloadableAndAllOrNothingWritesNothing) {
    const Session& s = As("registrator.stad");
    const long long novum = InsatsId(kNovum);
    const long long before = CountParticipations(novum);
    // Row 3: a start date that does not exist.
    const std::string base =
        UploadAndMap(s, kHeader + Row(Unique("HTTP-ERR")) + Row(Unique("HTTP-ERR"), "Man", "2025-02-30"));
    Response preview = Get(base + "/granska", s);
    ASSERT_EQ(preview.status, 200) << preview;
    EXPECT_EQ(Count(preview.body, "Nya deltaganden"), "1");
    EXPECT_EQ(Count(preview.body, "Avvisade rader"), "1");
    const std::string summary = ErrorSummary(preview.body);
    EXPECT_TRUE(Contains(summary, "href=\"#fel-1\"")) << summary;
    EXPECT_TRUE(Contains(summary, "Rad 3, Startdatum")) << summary;
    EXPECT_TRUE(Contains(preview.body, "<tr id=\"fel-1\"><td>3</td><td>Startdatum</td><td>2025-02-30</td>")) << preview;

    Response workbook = Get(base + "/fel.xlsx", s);
    ASSERT_EQ(workbook.status, 200) << workbook;
    EXPECT_EQ(workbook.Header("Content-Type"), kXlsxType);
    EXPECT_EQ(workbook.Header("Content-Disposition"), "attachment; filename=\"fel-deltagare.xlsx\"");
    EXPECT_EQ(workbook.body.rfind("PK\x03\x04", 0), 0u) << "a zip file";

    Response refused = ImportAndWait(s, base, "alla");
    EXPECT_TRUE(Contains(refused.body, "Ingenting importerades")) << refused;
    EXPECT_EQ(CountParticipations(novum), before);

    // Not written, so the wizard is open again: now only the valid row.
    Response valid = ImportAndWait(s, base, "felfria");
    EXPECT_TRUE(Contains(valid.body, "Importen är klar")) << valid;
    EXPECT_EQ(Count(valid.body, "Nya deltaganden"), "1");
    EXPECT_EQ(Count(valid.body, "Avvisade rader"), "1");
    EXPECT_EQ(CountParticipations(novum), before + 1);
    EXPECT_EQ(Get(base + "/fel.xlsx", s).status, 200) << "the result's rejected rows";
}

TEST_F(ImportPages, UploadMistakesAreShownInTheErrorSummary) {
    const Session& s = As("registrator.stad");
    httplib::MultipartFormDataItems items = {{"csrf", s.csrf, "", ""}};
    Response none = From(Client().Post("/import", HeadersFor(&s, true, false), items), "POST /import");
    EXPECT_EQ(none.status, 422) << none;
    EXPECT_TRUE(Contains(ErrorSummary(none.body), "href=\"#f-fil\"")) << none;

    Response empty = Upload(s, "");
    EXPECT_EQ(empty.status, 422) << empty;
    EXPECT_TRUE(Contains(ErrorSummary(empty.body), "tom")) << empty;

    Response foreign = Upload(s, kHeader, "deltagare.csv", {{"insats", std::to_string(InsatsId(kIpsPsykos))}});
    EXPECT_EQ(foreign.status, 422) << "registrator.stad does not register in IPS i psykosvården";
    EXPECT_TRUE(Contains(ErrorSummary(foreign.body), "href=\"#f-insats\""));

    // Read, but no header row: the reason and a way back.
    const std::string base = BaseOf(Upload(s, "hej;hopp\n1;2\n"));
    Response columns = Get(base + "/kolumner", s);
    EXPECT_EQ(columns.status, 422) << columns;
    EXPECT_TRUE(Contains(columns.body, "Filen har ingen rubrikrad"));
    EXPECT_TRUE(Contains(columns.body, "href=\"/import\""));
    // The later steps send the user back to the explanation.
    EXPECT_EQ(Get(base + "/granska", s).Header("Location"), base + "/kolumner");
}

TEST_F(ImportPages, AMissingInsatsColumnCanBeFixedOnTheMappingPage) {
    const Session& s = As("registrator.stad");
    const std::string code = Unique("HTTP-INS");
    const std::string body = "Deltagarkod;Kön;Födelseår;Anmälande part;Anmälningsdatum;Startdatum\n" + code +
                             ";Kvinna;1995;Stockholms stad;2025-01-10;2025-02-03\n";
    const std::string base = BaseOf(Upload(s, body));
    Response columns = Get(base + "/kolumner", s);
    EXPECT_EQ(columns.status, 422) << columns;
    EXPECT_TRUE(Contains(ErrorSummary(columns.body), "href=\"#f-insats\"")) << columns;
    Response mapped = PostForm(base + "/kolumner", s, {{"insats", std::to_string(InsatsId(kNovum))}});
    EXPECT_EQ(mapped.status, 303);
    Response preview = Get(base + "/granska", s);
    ASSERT_EQ(preview.status, 200) << preview;
    EXPECT_EQ(Count(preview.body, "Nya deltaganden"), "1") << preview;
}

TEST_F(ImportPages, TheMappingCanBeSavedAndChosenForTheNextFile) {
    const Session& s = As("registrator.stad");
    const std::string name = Unique("Mappning");
    const std::string base = UploadAndMap(s, kHeader + Row(Unique("HTTP-MAP"), "Dam"));
    ASSERT_EQ(PostForm(base + "/varden", s, {{"varde_0", "K"}}).status, 303);
    Response started = PostForm(base + "/importera", s, {{"mode", "alla"}, {"mapping_name", name}});
    ASSERT_EQ(started.status, 303) << started;
    Response start = Get("/import", s);
    EXPECT_TRUE(Contains(start.body, "<option value=\"" + name + "\">" + name + "</option>")) << start;

    // With the saved mapping "Dam" needs no decision any more.
    const std::string next =
        BaseOf(Upload(s, kHeader + Row(Unique("HTTP-MAP"), "Dam"), "deltagare.csv", {{"mapping", name}}));
    ASSERT_EQ(PostForm(next + "/kolumner", s, {}).status, 303);
    Response values = Get(next + "/varden", s);
    EXPECT_EQ(values.status, 303) << values;
    EXPECT_EQ(values.Header("Location"), next + "/granska");
}

TEST_F(ImportPages, ARunningImportShowsProgressAndCanBeCancelled) {
    const Session& s = As("registrator.stad");
    const long long novum = InsatsId(kNovum);
    const long long before = CountParticipations(novum);
    std::string body = kHeader;
    const std::string prefix = Unique("HTTP-BIG");
    for (int idx = 0; idx < 4000; ++idx) body += Row(prefix + "-" + std::to_string(idx));
    const std::string base = UploadAndMap(s, body);
    Response preview = WaitForPreview(s, base);
    ASSERT_TRUE(Contains(preview.body, "Granska importen")) << preview;
    Response started = PostForm(base + "/importera", s, {{"mode", "alla"}});
    ASSERT_EQ(started.status, 303) << started;
    Response running = Get(base + "/status", s);
    if (!Contains(running.body, "Importen pågår"))
        GTEST_SKIP() << "the import finished before it could be seen running";
    // WCAG 2.2.1: the page reloads itself only when the user asks for it.
    EXPECT_FALSE(Contains(running.body, "http-equiv=\"refresh\"")) << running;
    EXPECT_TRUE(Contains(running.body, "<progress id=\"framsteg\"")) << running;
    Response automatic = Get(base + "/status?uppdatera=ja", s);
    if (Contains(automatic.body, "Importen pågår")) {
        EXPECT_TRUE(Contains(automatic.body, "<meta http-equiv=\"refresh\" content=\"1\">")) << automatic;
    }

    Response cancelled = PostForm(base + "/avbryt", s, {});
    EXPECT_EQ(cancelled.status, 303) << cancelled;
    Response result;
    for (int attempt = 0; attempt < 200; ++attempt) {
        result = Get(base + "/status", s);
        if (!Contains(result.body, "Importen pågår")) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    EXPECT_TRUE(Contains(result.body, "Importen avbröts")) << result;
    EXPECT_EQ(CountParticipations(novum), before) << "a cancelled import writes nothing";
}

// A file too large to preview while the browser waits is previewed by a job: the page
// shows its progress, the import cannot start before the preview is done, and cancelling
// the preview goes back to the column step and writes nothing.
TEST_F(ImportPages, ALargeFileIsPreviewedWithProgressAndTheImportWaitsForIt) {
    const Session& s = As("registrator.stad");
    const long long novum = InsatsId(kNovum);
    const long long before = CountParticipations(novum);
    std::string body = kHeader;
    const std::string prefix = Unique("HTTP-PREVIEW");
    for (int idx = 0; idx < 9000; ++idx) body += Row(prefix + "-" + std::to_string(idx));
    const std::string base = UploadAndMap(s, body);

    Response running = Get(base + "/granska", s);
    ASSERT_EQ(running.status, 200) << running;
    if (!Contains(running.body, "Granskningen pågår"))
        GTEST_SKIP() << "the preview of 9000 rows finished within the first request";
    EXPECT_TRUE(Contains(running.body, "<progress id=\"framsteg\"")) << running;
    EXPECT_FALSE(Contains(running.body, "http-equiv=\"refresh\"")) << "no reload unless asked for";
    // The import waits for the preview.
    Response early = PostForm(base + "/importera", s, {{"mode", "alla"}});
    EXPECT_EQ(early.status, 303) << early;
    EXPECT_EQ(early.Header("Location"), base + "/granska");

    // Cancel: back to the columns; nothing written.
    Response cancelled = PostForm(base + "/avbryt", s, {});
    EXPECT_EQ(cancelled.status, 303) << cancelled;
    EXPECT_EQ(cancelled.Header("Location"), base + "/kolumner");
    EXPECT_EQ(CountParticipations(novum), before);

    // Again, to the end: the preview counts every row, and the import then runs.
    Response preview = WaitForPreview(s, base);
    ASSERT_TRUE(Contains(preview.body, "Granska importen")) << preview;
    EXPECT_TRUE(Contains(preview.body, "9000")) << "the counts of the preview";
    EXPECT_EQ(CountParticipations(novum), before) << "a preview writes nothing";
    Response started = PostForm(base + "/importera", s, {{"mode", "alla"}});
    ASSERT_EQ(started.status, 303) << started;
    EXPECT_EQ(started.Header("Location"), base + "/status");
    // Minutes, not seconds: under the sanitizers (make sanitize) 9,000 rows take long.
    Response done;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(5);
    do {
        done = Get(base + "/status", s);
        if (!Contains(done.body, "Importen pågår")) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    } while (std::chrono::steady_clock::now() < deadline);
    EXPECT_TRUE(Contains(done.body, "Importen är klar")) << done;
    EXPECT_EQ(CountParticipations(novum), before + 9000);
}

}  // namespace
}  // namespace foljsam::http_test

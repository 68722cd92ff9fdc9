// Request body limits per route (web/request_limits): the import wizard takes a
// spreadsheet of several megabytes; every other route refuses a body over 2 MB, and the
// wizard one over its file limit, with a page that says why (and the connection stays in
// step, so the client reads the answer); chunked bodies are held to the same limits.

#include <string>

#include "http/http_fixture.hpp"

namespace foljsam::http_test {
namespace {

const std::string kHeader =
    "Insats;Deltagarkod;Kön;Födelseår;Anmälande part;Folkbokföringskommun;Stadsdel;Utbildning;Tid utan arbete;"
    "Försörjning;Målgrupp;Anmälningsdatum;Startdatum\n";

// A CSV of valid rows of Novum, a little over `bytes` long.
std::string CsvOfAtLeast(size_t bytes) {
    std::string out = kHeader;
    for (int i = 0; out.size() < bytes; ++i)
        out += "Novum;STOR-" + std::to_string(i) +
               ";Kvinna;1995;Stockholms stad;Stockholm;Järva;Gymnasial utbildning;1-2 år;Försörjningsstöd;Unga;"
               "2025-01-10;2025-02-03\n";
    return out;
}

class RequestLimits : public HttpTest {
   protected:
    static Response Upload(const Session* s, const std::string& body) {
        httplib::MultipartFormDataItems items = {{"fil", body, "stor.csv", "text/csv"}};
        if (s) items.push_back({"csrf", s->csrf, "", ""});
        return From(Client().Post("/import", HeadersFor(s, true, false), items), "POST /import");
    }
};

TEST_F(RequestLimits, AnUploadOverTwoMegabytesReachesTheWizard) {
    const Session& stad = As("registrator.stad");
    const std::string csv = CsvOfAtLeast(size_t{3} << 20);
    Response uploaded = Upload(&stad, csv);
    ASSERT_EQ(uploaded.status, 303) << uploaded.body.substr(0, 400);
    const std::string location = uploaded.Header("Location");
    EXPECT_EQ(location.rfind("/import/", 0), 0u) << location;
    Response columns = Get(location, stad);
    EXPECT_EQ(columns.status, 200) << columns;
}

TEST_F(RequestLimits, AnAnonymousLargeUploadIsSentToTheLogIn) {
    Response refused = Upload(nullptr, CsvOfAtLeast(size_t{3} << 20));
    EXPECT_EQ(refused.status, 303);
    EXPECT_EQ(refused.Header("Location"), "/logga-in");
}

TEST_F(RequestLimits, OtherRoutesStillRefuseALargeBodyWithAPageThatSaysSo) {
    const Session& stad = As("registrator.stad");
    Response page = PostForm("/konto/losenord", stad, {{"current", std::string(size_t{3} << 20, 'x')}});
    EXPECT_EQ(page.status, 413);
    EXPECT_TRUE(Contains(page.body, "Begäran är för stor")) << page.body.substr(0, 400);
    EXPECT_FALSE(Contains(page.body, "Filen är för stor"));
}

TEST_F(RequestLimits, AnUploadOverTheFileLimitIsRefusedWithItsSize) {
    const Session& stad = As("registrator.stad");
    httplib::Headers headers = HeadersFor(&stad, true, false);
    const size_t too_big = (size_t{50} << 20) + (size_t{1} << 20);
    auto sent = Client().Post(
        "/import", headers, too_big,
        [](size_t, size_t length, httplib::DataSink& sink) {
            static const std::string chunk(64 * 1024, 'a');
            return sink.write(chunk.data(), std::min(length, chunk.size()));
        },
        "multipart/form-data; boundary=xyz");
    ASSERT_TRUE(sent) << "the server read the body before it answered";
    EXPECT_EQ(sent->status, 413);
    EXPECT_TRUE(Contains(sent->body, "högst 50 MB")) << sent->body.substr(0, 400);
}

// Chunked bodies (no Content-Length) are held to the same limits, by what was read.
TEST_F(RequestLimits, AChunkedBodyIsHeldToTheSameLimit) {
    const Session& stad = As("registrator.stad");
    auto chunked = [&](const std::string& body) {
        return Client().Post(
            "/konto/losenord", HeadersFor(&stad, true, false),
            [body](size_t offset, httplib::DataSink& sink) {
                const size_t step = 64 * 1024;
                if (offset < body.size()) sink.write(body.data() + offset, std::min(step, body.size() - offset));
                if (offset + step >= body.size()) sink.done();
                return true;
            },
            "application/x-www-form-urlencoded");
    };
    auto small = chunked("csrf=" + stad.csrf + "&current=x");
    ASSERT_TRUE(small);
    EXPECT_NE(small->status, 413);
    EXPECT_NE(small->status, 411);
    auto large = chunked("current=" + std::string(size_t{3} << 20, 'x'));
    ASSERT_TRUE(large) << "the server read the body before it answered";
    EXPECT_EQ(large->status, 413);
}

}  // namespace
}  // namespace foljsam::http_test

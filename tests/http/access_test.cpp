// Log-in, CSRF and security headers of the running server.

#include <regex>
#include <string>
#include <vector>

#include "http/http_fixture.hpp"

namespace foljsam::http_test {
namespace {

class LoginRequired : public HttpTest {};

const std::vector<std::string> kPageGets = {
    "/start",
    "/insatser/1",
    "/insatser/1/ny",
    "/insatser/1/ny?anonym=1",
    "/deltagare/1",
    "/deltagare/1/andra",
    "/deltagare/1/beslut",
    "/deltagare/1/start",
    "/deltagare/1/avslut",
    "/admin/organisationer",
    "/admin/organisationer/1",
    "/admin/insatser",
    "/admin/insatser/ny",
    "/admin/insatser/1",
    "/admin/anvandare",
    "/admin/befolkning",
    "/konto/losenord",
    "/konto",
    "/konto/tvafaktor",
    "/uppfoljning",
    "/uppfoljning.csv",
    "/uppfoljning.json",
    "/utforska",
    "/utforska.csv",
    "/utforska.xlsx",
};

const std::vector<std::string> kPagePosts = {
    "/insatser/1/sok",
    "/insatser/1/ny",
    "/deltagare/1/andra",
    "/deltagare/1/beslut",
    "/deltagare/1/start",
    "/deltagare/1/avslut",
    "/admin/organisationer",
    "/admin/organisationer/1",
    "/admin/insatser/ny",
    "/admin/insatser/1",
    "/admin/anvandare",
    "/konto/losenord",
    "/logga-ut",
    "/admin/befolkning",
    "/konto/logga-ut-overallt",
    "/konto/tvafaktor/starta",
    "/konto/tvafaktor/bekrafta",
    "/konto/tvafaktor/reservkoder",
    "/konto/tvafaktor/stang-av",
};

struct ApiRoute {
    std::string method, path;
};
const std::vector<ApiRoute> kApiRoutes = {
    {"GET", "/api/v1/insatser"},
    {"GET", "/api/v1/insatser/1"},
    {"POST", "/api/v1/insatser"},
    {"PUT", "/api/v1/insatser/1"},
    {"GET", "/api/v1/organisationer"},
    {"POST", "/api/v1/organisationer"},
    {"GET", "/api/v1/kodlistor"},
    {"GET", "/api/v1/insatser/1/deltaganden"},
    {"POST", "/api/v1/insatser/1/deltaganden"},
    {"POST", "/api/v1/insatser/1/deltaganden/sok"},
    {"GET", "/api/v1/deltaganden/1"},
    {"PUT", "/api/v1/deltaganden/1"},
    {"POST", "/api/v1/deltaganden/1/beslut"},
    {"POST", "/api/v1/deltaganden/1/start"},
    {"POST", "/api/v1/deltaganden/1/avslut"},
    {"GET", "/api/v1/deltaganden/1/historik"},
};

TEST_F(LoginRequired, EveryPageWithoutASessionRedirectsToTheLogInPage) {
    for (const auto& path : kPageGets) {
        Response r = Get(path);
        EXPECT_EQ(r.status, 303) << "GET " << path << ": " << r;
        EXPECT_EQ(r.Header("Location"), "/logga-in") << "GET " << path;
    }
    for (const auto& path : kPagePosts) {
        Response r = PostForm(path, nullptr, {{"csrf", "x"}, {"search", "x"}});
        EXPECT_EQ(r.status, 303) << "POST " << path << ": " << r;
        EXPECT_EQ(r.Header("Location"), "/logga-in") << "POST " << path;
    }
}

TEST_F(LoginRequired, AnUnknownOrExpiredSessionCookieRedirectsAndIsCleared) {
    Session stale;
    stale.cookie = "foljsam_session=not-a-session-token";
    Response r = Get("/start", &stale);
    EXPECT_EQ(r.status, 303) << r;
    EXPECT_EQ(r.Header("Location"), "/logga-in");
    const std::string cleared = r.Header("Set-Cookie");
    EXPECT_TRUE(Contains(cleared, "foljsam_session=;")) << cleared;
    EXPECT_TRUE(Contains(cleared, "Max-Age=0")) << cleared;
}

TEST_F(LoginRequired, EveryApiRouteWithoutAuthenticationAnswers401WithAnErrorObject) {
    Session garbage_bearer;
    garbage_bearer.bearer = "not-a-token";
    Session garbage_cookie;
    garbage_cookie.cookie = "foljsam_session=not-a-session";
    const std::vector<const Session*> callers = {nullptr, &garbage_bearer, &garbage_cookie};
    for (const Session* who : callers) {
        for (const auto& route : kApiRoutes) {
            Response r = Api(route.method, route.path, who, route.method == "GET" ? "" : "{}");
            const std::string label = route.method + " " + route.path +
                                      (who == nullptr        ? " (no auth)"
                                       : who->bearer.empty() ? " (bad cookie)"
                                                             : " (bad token)");
            EXPECT_EQ(r.status, 401) << label << ": " << r;
            EXPECT_TRUE(r.IsJson()) << label << ": " << r.Header("Content-Type");
            const json body = r.Json();
            EXPECT_TRUE(IsErrorJson(body)) << label << ": " << r.body;
            if (IsErrorJson(body)) {
                EXPECT_EQ(body["error"]["code"], "unauthenticated") << label;
            }
            EXPECT_EQ(r.Header("WWW-Authenticate"), "Bearer") << label;
        }
    }
}

TEST_F(LoginRequired, StaticFilesAndTheLogInPageArePublic) {
    Response css = Get("/static/app.css");
    EXPECT_EQ(css.status, 200) << css;
    EXPECT_TRUE(Contains(css.Header("Content-Type"), "text/css")) << css.Header("Content-Type");
    Response login = Get("/logga-in");
    EXPECT_EQ(login.status, 200) << login;
    EXPECT_TRUE(Contains(login.body, "name=\"login_csrf\""));
    EXPECT_FALSE(CookieFrom(login, "foljsam_login").empty());
    Response root = Get("/");
    EXPECT_EQ(root.status, 303);
    EXPECT_EQ(root.Header("Location"), "/logga-in");
}

TEST_F(LoginRequired, AWrongPasswordAndAnUnknownUserGetTheSameAnswer) {
    auto attempt = [&](const std::string& username, const std::string& password) {
        Response form = Get("/logga-in");
        return From(Client().Post("/logga-in", {{"Cookie", CookieFrom(form, "foljsam_login")}},
                                  Encode({{"username", username},
                                          {"password", password},
                                          {"login_csrf", HiddenInput(form.body, "login_csrf")}}),
                                  kForm),
                    "POST /logga-in");
    };
    Response wrong_password = attempt("kansli", "fel-lösenord-123");
    Response unknown_user = attempt("finns.inte", "fel-lösenord-123");
    for (const Response* r : {&wrong_password, &unknown_user}) {
        EXPECT_EQ(r->status, 422) << *r;
        EXPECT_TRUE(CookieFrom(*r, "foljsam_session").empty()) << "no session on a failed log-in";
        EXPECT_FALSE(ErrorSummary(r->body).empty()) << r->body;
        EXPECT_TRUE(Contains(r->body, "action=\"/logga-in\"")) << "the form is shown again";
        EXPECT_FALSE(Contains(r->body, "fel-lösenord-123")) << "the password is never echoed";
    }
    EXPECT_EQ(ErrorSummary(wrong_password.body), ErrorSummary(unknown_user.body));
    EXPECT_EQ(FieldError(wrong_password.body, "username"), FieldError(unknown_user.body, "username"));
    EXPECT_FALSE(FieldError(wrong_password.body, "username").empty());
}

TEST_F(LoginRequired, ALoggedInUserReachesPagesAndTheApi) {
    const Session& kansli = As("kansli");
    EXPECT_EQ(Get("/start", kansli).status, 200);
    EXPECT_EQ(Get("/admin/insatser", kansli).status, 200);
    EXPECT_EQ(ApiGet("/api/v1/insatser", kansli).status, 200);
    const Session token = Bearer("kansli");
    Response r = ApiGet("/api/v1/insatser", token);
    EXPECT_EQ(r.status, 200) << r;
    EXPECT_EQ(r.Json()["items"].size(), 5u) << r;
}

TEST_F(LoginRequired, LoggingOutEndsTheSession) {
    const Session s = LogIn("styrelse", kDemoPassword);
    ASSERT_EQ(Get("/start", s).status, 200);
    Response out = PostForm("/logga-ut", s, {});
    EXPECT_EQ(out.status, 303) << out;
    EXPECT_EQ(out.Header("Location"), "/logga-in?utloggad=1");
    EXPECT_EQ(Get("/start", s).status, 303);
    EXPECT_EQ(ApiGet("/api/v1/insatser", s).status, 401);
}

TEST_F(LoginRequired, AOneTimePasswordOpensNothingButThePasswordPage) {
    // The administrator creates a user and sees the one-time password once.
    const Session& kansli = As("kansli");
    Response created = PostForm("/admin/anvandare", kansli,
                                {{"username", "ny.registrator"},
                                 {"display_name", "Ny registrator"},
                                 {"organisation_id", std::to_string(OrganisationId("Jobbtorg Stockholm"))},
                                 {"role", "DELTAGARANSVARIG"},
                                 {"insats_ids", std::to_string(InsatsId(kFinsamTeam))}});
    ASSERT_EQ(created.status, 201) << ErrorSummary(created.body);
    const std::regex re("<code>([^<]+)</code>");
    std::smatch m;
    ASSERT_TRUE(std::regex_search(created.body, m, re)) << "the one-time password is shown";
    const std::string one_time = m[1].str();

    Response form = Get("/logga-in");
    Response posted = From(Client().Post("/logga-in", {{"Cookie", CookieFrom(form, "foljsam_login")}},
                                         Encode({{"username", "ny.registrator"},
                                                 {"password", one_time},
                                                 {"login_csrf", HiddenInput(form.body, "login_csrf")}}),
                                         kForm),
                           "POST /logga-in");
    ASSERT_EQ(posted.status, 303) << posted;
    EXPECT_EQ(posted.Header("Location"), "/konto/losenord");
    Session s;
    s.cookie = CookieFrom(posted, "foljsam_session");
    for (const std::string path : {"/start", "/insatser/1", "/deltagare/1"}) {
        Response r = Get(path, s);
        EXPECT_EQ(r.status, 303) << path;
        EXPECT_EQ(r.Header("Location"), "/konto/losenord") << path;
    }
    // Bug: Router::Api does not check must_change_password, so the one-time password (which
    // the administrator has seen) gives full API access as the new user.
    Response api = ApiGet("/api/v1/insatser/" + std::to_string(InsatsId(kFinsamTeam)) + "/deltaganden", s);
    EXPECT_EQ(api.status, 403) << "the API refuses until the password is changed: " << api;
}

// --- CSRF --------------------------------------------------------------------------------

class Csrf : public HttpTest {
   protected:
    static Fields Referral(const std::string& code) {
        return {{"participant_code", code},
                {"birth_year", "1985"},
                {"gender", "K"},
                {"referral_date", testing::DaysAgo(10).ToString()},
                {"referrer", "ANNAN"}};
    }
    static json ReferralJson(const std::string& code) {
        return {{"participant_code", code},
                {"birth_year", 1985},
                {"gender", "M"},
                {"referral_date", testing::DaysAgo(10).ToString()},
                {"referrer", "ANNAN"}};
    }
};

TEST_F(Csrf, AFormPostWithoutOrWithAWrongTokenIsRefusedAndSavesNothing) {
    const Session& stad = As("registrator.stad");
    const long long finsam = InsatsId(kFinsamTeam);
    const std::string path = "/insatser/" + std::to_string(finsam) + "/ny";
    const long long before = CountParticipations(finsam);

    Response missing = PostForm(path, stad, Referral("CSRF-1"), /*with_csrf=*/false);
    EXPECT_EQ(missing.status, 403) << missing;
    Fields wrong = Referral("CSRF-2");
    wrong.emplace_back("csrf", stad.csrf + "x");
    Response wrong_token = PostForm(path, stad, wrong, false);
    EXPECT_EQ(wrong_token.status, 403) << wrong_token;
    Fields empty = Referral("CSRF-3");
    empty.emplace_back("csrf", "");
    EXPECT_EQ(PostForm(path, stad, empty, false).status, 403);
    // Another user's token does not fit this session.
    Fields other = Referral("CSRF-4");
    other.emplace_back("csrf", As("registrator.region").csrf);
    EXPECT_EQ(PostForm(path, stad, other, false).status, 403);
    // The token in the query string instead of the body does not count either.
    EXPECT_EQ(PostForm(path + "?csrf=" + stad.csrf, stad, Referral("CSRF-5"), false).status, 403);
    EXPECT_EQ(CountParticipations(finsam), before);

    // Control: the same form with the right token is saved.
    Response ok = PostForm(path, stad, Referral("CSRF-OK"));
    EXPECT_EQ(ok.status, 303) << ok;
    EXPECT_EQ(CountParticipations(finsam), before + 1);
}

TEST_F(Csrf, AStageFormWithoutTheTokenChangesNothing) {
    const Session& stad = As("registrator.stad");
    const long long finsam = InsatsId(kFinsamTeam);
    const long long id = ParticipationIds(finsam, "ANMALD", 1).at(0);
    const auto before = StoredParticipation(id);
    Response r = PostForm("/deltagare/" + std::to_string(id) + "/beslut", stad,
                          {{"version", std::to_string(before.version)},
                           {"decision", "BEVILJAD"},
                           {"decision_date", testing::DaysAgo(0).ToString()}},
                          false);
    EXPECT_EQ(r.status, 403) << r;
    EXPECT_EQ(StoredParticipation(id).version, before.version);
    EXPECT_EQ(StoredParticipation(id).decision, before.decision);
}

TEST_F(Csrf, LoggingOutNeedsTheToken) {
    const Session s = LogIn("analytiker", kDemoPassword);
    EXPECT_EQ(PostForm("/logga-ut", s, {}, false).status, 403);
    EXPECT_EQ(Get("/start", s).status, 200) << "the session is still alive";
}

TEST_F(Csrf, AnApiWriteWithTheSessionCookieNeedsTheHeaderToken) {
    const Session& stad = As("registrator.stad");
    const long long finsam = InsatsId(kFinsamTeam);
    const std::string path = "/api/v1/insatser/" + std::to_string(finsam) + "/deltaganden";
    const long long before = CountParticipations(finsam);

    Response missing = Api("POST", path, &stad, ReferralJson("CSRF-API-1").dump(), /*csrf_header=*/false);
    EXPECT_EQ(missing.status, 403) << missing;
    EXPECT_TRUE(IsErrorJson(missing.Json())) << missing;
    EXPECT_EQ(missing.Json()["error"]["code"], "forbidden") << missing;

    Session wrong = stad;
    wrong.csrf = "wrong";
    Response wrong_token = Api("POST", path, &wrong, ReferralJson("CSRF-API-2").dump());
    EXPECT_EQ(wrong_token.status, 403) << wrong_token;
    // The csrf form field is not accepted in place of the header on the API.
    Response as_field = Api(
        "POST", path, &stad,
        [&] {
            json j = ReferralJson("CSRF-API-3");
            j["csrf"] = stad.csrf;
            return j.dump();
        }(),
        false);
    EXPECT_EQ(as_field.status, 403) << as_field;
    const long long id = ParticipationIds(finsam, "ANMALD", 1).at(0);
    Response put = Api("PUT", "/api/v1/deltaganden/" + std::to_string(id), &stad, "{}", false);
    EXPECT_EQ(put.status, 403) << put;
    EXPECT_EQ(CountParticipations(finsam), before);

    // Reads need no token; writes with the header token and bearer writes are accepted.
    EXPECT_EQ(Api("GET", path, &stad, "", false).status, 200);
    Response with_header = Api("POST", path, stad, ReferralJson("CSRF-API-OK"));
    EXPECT_EQ(with_header.status, 201) << with_header;
    const Session bearer = Bearer("registrator.stad");
    Response with_bearer = Api("POST", path, bearer, ReferralJson("CSRF-API-BEARER"));
    EXPECT_EQ(with_bearer.status, 201) << with_bearer;
    EXPECT_EQ(CountParticipations(finsam), before + 2);
}

TEST_F(Csrf, TheLogInPostWithoutTheLogInCookieTokenIsRefused) {
    Response form = Get("/logga-in");
    const std::string token = HiddenInput(form.body, "login_csrf");
    const std::string body = Encode({{"username", "kansli"}, {"password", kDemoPassword}, {"login_csrf", token}});

    Response no_cookie = From(Client().Post("/logga-in", body, kForm), "POST /logga-in");
    EXPECT_EQ(no_cookie.status, 403) << no_cookie;
    EXPECT_TRUE(CookieFrom(no_cookie, "foljsam_session").empty());

    Response other_cookie =
        From(Client().Post("/logga-in", {{"Cookie", "foljsam_login=someone-elses"}}, body, kForm), "POST /logga-in");
    EXPECT_EQ(other_cookie.status, 403) << other_cookie;
    EXPECT_TRUE(CookieFrom(other_cookie, "foljsam_session").empty());

    const std::string no_field = Encode({{"username", "kansli"}, {"password", kDemoPassword}});
    Response missing_field = From(
        Client().Post("/logga-in", {{"Cookie", CookieFrom(form, "foljsam_login")}}, no_field, kForm), "POST /logga-in");
    EXPECT_EQ(missing_field.status, 403) << missing_field;
    EXPECT_TRUE(CookieFrom(missing_field, "foljsam_session").empty());
}

// --- headers and error pages -----------------------------------------------------------------

class SecurityHeaders : public HttpTest {
   protected:
    static void ExpectHardened(const Response& r, const std::string& label) {
        const std::string csp = r.Header("Content-Security-Policy");
        EXPECT_FALSE(csp.empty()) << label;
        EXPECT_FALSE(Contains(csp, "unsafe-inline")) << label << ": " << csp;
        EXPECT_FALSE(Contains(csp, "unsafe-eval")) << label << ": " << csp;
        EXPECT_TRUE(Contains(csp, "frame-ancestors 'none'")) << label << ": " << csp;
        EXPECT_TRUE(Contains(csp, "default-src 'self'")) << label << ": " << csp;
        EXPECT_EQ(r.Header("X-Content-Type-Options"), "nosniff") << label;
        EXPECT_EQ(r.Header("Referrer-Policy"), "no-referrer") << label;
    }
};

TEST_F(SecurityHeaders, EveryKindOfResponseCarriesThem) {
    const Session& stad = As("registrator.stad");
    const std::string finsam = std::to_string(InsatsId(kFinsamTeam));
    ExpectHardened(Get("/logga-in"), "log-in page");
    ExpectHardened(Get("/start"), "redirect");
    ExpectHardened(Get("/start", stad), "page");
    ExpectHardened(Get("/insatser/" + finsam, stad), "insats page");
    ExpectHardened(Get("/static/app.css"), "static file");
    ExpectHardened(Get("/finns/inte"), "404 page");
    ExpectHardened(Get("/static/finns-inte.css"), "missing static file");
    ExpectHardened(ApiGet("/api/v1/insatser", stad), "API");
    ExpectHardened(Api("GET", "/api/v1/insatser", nullptr), "API 401");
    ExpectHardened(Api("POST", "/api/v1/insatser/" + finsam + "/deltaganden", &stad, "{not json"), "API 422");
    ExpectHardened(PostForm("/insatser/" + finsam + "/ny", stad, {}, false), "403 page");
    // Personal pages are never cached.
    EXPECT_EQ(Get("/start", stad).Header("Cache-Control"), "no-store");
    EXPECT_EQ(ApiGet("/api/v1/insatser", stad).Header("Cache-Control"), "no-store");
}

TEST_F(SecurityHeaders, TheSessionCookieIsHttpOnlyAndSameSiteStrict) {
    Response form = Get("/logga-in");
    const std::string login_cookie = form.Header("Set-Cookie");
    EXPECT_TRUE(Contains(login_cookie, "HttpOnly")) << login_cookie;
    EXPECT_TRUE(Contains(login_cookie, "SameSite=Strict")) << login_cookie;
    Response posted = From(Client().Post("/logga-in", {{"Cookie", CookieFrom(form, "foljsam_login")}},
                                         Encode({{"username", "kansli"},
                                                 {"password", kDemoPassword},
                                                 {"login_csrf", HiddenInput(form.body, "login_csrf")}}),
                                         kForm),
                           "POST /logga-in");
    ASSERT_EQ(posted.status, 303) << posted;
    EXPECT_EQ(posted.Header("Location"), "/start");
    std::string session_header;
    for (const auto& h : posted.Headers("Set-Cookie"))
        if (h.rfind("foljsam_session=", 0) == 0) session_header = h;
    ASSERT_FALSE(session_header.empty());
    EXPECT_TRUE(Contains(session_header, "HttpOnly")) << session_header;
    EXPECT_TRUE(Contains(session_header, "SameSite=Strict")) << session_header;
    EXPECT_TRUE(Contains(session_header, "Path=/")) << session_header;
    EXPECT_GT(CookieFrom(posted, "foljsam_session").size(), std::string("foljsam_session=").size() + 20)
        << "a long random token";
}

TEST_F(SecurityHeaders, ATooLargeBodyIsRefusedWith413) {
    const Session& stad = As("registrator.stad");
    const std::string insats = std::to_string(InsatsId(kFinsamTeam));
    const long long before = CountParticipations(InsatsId(kFinsamTeam));
    const std::string big = "{\"participant_code\":\"" + std::string(3 * 1024 * 1024, 'x') + "\"}";
    Response api = Api("POST", "/api/v1/insatser/" + insats + "/deltaganden", &stad, big);
    EXPECT_EQ(api.status, 413) << api.Header("Content-Type");
    EXPECT_TRUE(IsErrorJson(api.Json())) << "an error object: " << api.body;
    Response page =
        PostForm("/insatser/" + insats + "/ny", stad, {{"participant_code", std::string(3 * 1024 * 1024, 'x')}});
    EXPECT_EQ(page.status, 413);
    EXPECT_EQ(CountParticipations(InsatsId(kFinsamTeam)), before);
}

TEST_F(SecurityHeaders, AnUnknownUrlGivesA404PageWithoutInternals) {
    const Session& kansli = As("kansli");
    for (const std::string path : {"/finns/inte", "/deltagare/abc", "/insatser/1/finns-inte", "/admin/../etc/passwd",
                                   "/deltagare/99999999999999999999999"}) {
        Response r = Get(path, kansli);
        EXPECT_EQ(r.status, 404) << path << ": " << r;
        EXPECT_TRUE(Contains(r.Header("Content-Type"), "text/html")) << path;
        EXPECT_TRUE(Contains(r.body, "Sidan finns inte")) << path << ": " << r.body.substr(0, 400);
        for (const std::string internal : {"std::", "exception", "what()", "sqlite", "SQL", "terminate", ".cpp"})
            EXPECT_FALSE(Contains(r.body, internal)) << path << " shows " << internal;
    }
    Response api = ApiGet("/api/v1/finns-inte", kansli);
    EXPECT_EQ(api.status, 404) << api;
    EXPECT_TRUE(api.IsJson()) << api.Header("Content-Type");
    // Bug: the error handler in src/web/server.cpp writes this body by hand and drops the
    // outer closing brace, so API clients get unparsable JSON for an unknown route (and
    // for 400/413).
    EXPECT_TRUE(IsErrorJson(api.Json())) << "not a valid error object: " << api.body;
    if (IsErrorJson(api.Json())) {
        EXPECT_EQ(api.Json()["error"]["code"], "not_found");
    }
}

TEST_F(SecurityHeaders, APersonnummerNeverAppearsInARedirectLocation) {
    const Session& region = As("registrator.region");
    const long long insats = InsatsId(kIpsBeroende);
    const std::string pnr = testing::kPnrWoman1985;
    Secrets secret;
    secret.AddPersonnummer(pnr);
    secret.AddName("Rita Redirectsson");
    Response r = PostForm("/insatser/" + std::to_string(insats) + "/ny", region,
                          {{"personnummer", pnr},
                           {"name", "Rita Redirectsson"},
                           {"consent_date", testing::DaysAgo(3).ToString()},
                           {"consent_form", "Skriftligt v1"},
                           {"referral_date", testing::DaysAgo(3).ToString()},
                           {"referrer", "ANNAN"}});
    ASSERT_EQ(r.status, 303) << r;
    EXPECT_EQ(secret.FindIn(r.Header("Location")), "") << r.Header("Location");
    EXPECT_EQ(secret.FindIn(r.body), "");
    // The participant page shows the identity to its registrar (positive control) ...
    Response page = Get(r.Header("Location"), region);
    EXPECT_EQ(page.status, 200);
    EXPECT_NE(secret.FindIn(page.body), "");
    // ... and searching for it is a POST that answers in place, not a redirect.
    Response search = PostForm("/insatser/" + std::to_string(insats) + "/sok", region, {{"search", pnr}});
    EXPECT_EQ(search.status, 200) << search;
    EXPECT_TRUE(search.Header("Location").empty());
    EXPECT_TRUE(Contains(search.body, "Rita Redirectsson"));
    // A search term in the query string of the list page is ignored, not echoed.
    Response query = Get("/insatser/" + std::to_string(insats) + "?search=" + pnr, region);
    EXPECT_EQ(query.status, 200);
    EXPECT_FALSE(Contains(query.body, "value=\"" + pnr + "\""));
    // The API answers with a Location that holds only the id.
    json body = {{"personnummer", testing::kPnrMan1971},
                 {"consent_date", testing::DaysAgo(2).ToString()},
                 {"referral_date", testing::DaysAgo(2).ToString()}};
    Response api = Api("POST", "/api/v1/insatser/" + std::to_string(insats) + "/deltaganden", region, body);
    ASSERT_EQ(api.status, 201) << api;
    secret.AddPersonnummer(testing::kPnrMan1971);
    EXPECT_EQ(secret.FindIn(api.Header("Location")), "") << api.Header("Location");
    EXPECT_TRUE(Contains(api.Header("Location"), "/api/v1/deltaganden/"));
}

}  // namespace
}  // namespace foljsam::http_test

// The account pages and two-factor log-in through the running server (issue 5, items 2
// and 3): enrolment with a QR code and a first code, the log-in's code step with its own
// cookie, the requirement that sends registrars to enrolment, and log-out everywhere.

#include <ctime>
#include <regex>
#include <string>

#include "http/http_fixture.hpp"
#include "security/totp.hpp"
#include "services/two_factor_service.hpp"
#include "store/two_factor_repo.hpp"

namespace foljsam::http_test {
namespace {

class AccountPages : public HttpTest {
   protected:
    // The secret shown on the enrolment page, as bytes.
    static std::string SecretOn(const std::string& html) {
        std::smatch m;
        if (!std::regex_search(html, m, std::regex("id=\"hemlig-nyckel\">([A-Z2-7 ]+)<"))) return "";
        auto secret = security::Base32Decode(m[1].str());
        return secret ? *secret : "";
    }

    // Enrols `s` through the pages; returns the secret.
    static std::string EnrolThroughThePages(const Session& s) {
        Response started = PostForm("/konto/tvafaktor/starta", s, {});
        EXPECT_EQ(started.status, 303) << started;
        Response page = Get("/konto/tvafaktor", s);
        const std::string secret = SecretOn(page.body);
        EXPECT_FALSE(secret.empty()) << page;
        Response done =
            PostForm("/konto/tvafaktor/bekrafta", s, {{"code", security::TotpCode(secret, std::time(nullptr) - 30)}});
        EXPECT_EQ(done.status, 200) << done;
        return secret;
    }

    // Posts the log-in form; returns the response (cookies in its headers).
    static Response PostLogIn(const std::string& username, const std::string& password) {
        Response form = Get("/logga-in");
        return From(Client().Post("/logga-in", {{"Cookie", CookieFrom(form, "foljsam_login")}},
                                  Encode({{"username", username},
                                          {"password", password},
                                          {"login_csrf", HiddenInput(form.body, "login_csrf")}}),
                                  kForm),
                    "POST /logga-in");
    }

    static void Require(bool required) {
        auto uow = app().db().Begin();
        ASSERT_TRUE(uow.ok());
        ASSERT_TRUE(store::TwoFactorRepo(**uow).SetRequired(forbund_id(), required).ok());
        ASSERT_TRUE((*uow)->Commit().ok());
    }
};

TEST_F(AccountPages, TheAccountPageShowsTheUserAndLinksToTheirSettings) {
    Response page = Get("/konto", As("analytiker"));
    ASSERT_EQ(page.status, 200) << page;
    EXPECT_TRUE(Contains(page.body, "<h1>Mitt konto</h1>"));
    EXPECT_TRUE(Contains(page.body, "analytiker"));
    EXPECT_TRUE(Contains(page.body, "href=\"/konto/tvafaktor\""));
    EXPECT_TRUE(Contains(page.body, "action=\"/konto/logga-ut-overallt\""));
}

TEST_F(AccountPages, EnrolmentShowsAQrCodeAndAWrongFirstCodeIsAFieldError) {
    const Session& s = As("registrator.stad");
    ASSERT_EQ(PostForm("/konto/tvafaktor/starta", s, {}).status, 303);
    Response page = Get("/konto/tvafaktor", s);
    ASSERT_EQ(page.status, 200) << page;
    EXPECT_TRUE(Contains(page.body, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr-code\"")) << page;
    EXPECT_TRUE(Contains(page.body, "<title id=\"qr-title\">"));
    EXPECT_EQ(page.Header("Cache-Control"), "no-store");
    EXPECT_EQ(SecretOn(page.body).size(), 20u);

    Response wrong = PostForm("/konto/tvafaktor/bekrafta", s, {{"code", "000000"}});
    EXPECT_EQ(wrong.status, 422);
    EXPECT_TRUE(Contains(wrong.body, "href=\"#f-code\"")) << "the error summary links to the field";
    EXPECT_TRUE(Contains(wrong.body, "aria-invalid=\"true\""));

    Response done = PostForm("/konto/tvafaktor/bekrafta", s,
                             {{"code", security::TotpCode(SecretOn(page.body), std::time(nullptr))}});
    ASSERT_EQ(done.status, 200) << done;
    EXPECT_EQ(done.Header("Cache-Control"), "no-store");
    std::regex code_re("<code>[a-z2-7]{5}-[a-z2-7]{5}</code>");
    EXPECT_EQ(std::distance(std::sregex_iterator(done.body.begin(), done.body.end(), code_re), std::sregex_iterator()),
              10)
        << done;
}

TEST_F(AccountPages, LogInWithTwoFactorsGoesThroughTheCodePage) {
    const std::string secret = EnrolThroughThePages(As("registrator.region"));
    Response posted = PostLogIn("registrator.region", kDemoPassword);
    ASSERT_EQ(posted.status, 303) << posted;
    EXPECT_EQ(posted.Header("Location"), "/logga-in/kod");
    EXPECT_EQ(CookieFrom(posted, "foljsam_session"), "") << "no session before the code";
    const std::string pending = CookieFrom(posted, "foljsam_pending");
    ASSERT_FALSE(pending.empty());
    for (const auto& header : posted.Headers("Set-Cookie"))
        if (header.rfind("foljsam_pending=", 0) == 0) {
            EXPECT_TRUE(Contains(header, "Path=/logga-in")) << header;
            EXPECT_TRUE(Contains(header, "HttpOnly")) << header;
        }
    // The pending cookie opens no page.
    Session half;
    half.cookie = "foljsam_session=" + pending.substr(pending.find('=') + 1);
    EXPECT_EQ(Get("/start", half).status, 303);

    Response form = Get("/logga-in/kod", nullptr, {{"Cookie", pending}});
    ASSERT_EQ(form.status, 200) << form;
    EXPECT_TRUE(Contains(form.body, "autocomplete=\"one-time-code\""));
    const std::string cookies = pending + "; " + CookieFrom(form, "foljsam_login");
    const std::string token = HiddenInput(form.body, "login_csrf");
    Response wrong = From(Client().Post("/logga-in/kod", {{"Cookie", cookies}},
                                        Encode({{"code", "000000"}, {"login_csrf", token}}), kForm),
                          "POST /logga-in/kod");
    EXPECT_EQ(wrong.status, 422) << wrong;
    Response form2 = Get("/logga-in/kod", nullptr, {{"Cookie", pending}});
    Response right =
        From(Client().Post("/logga-in/kod", {{"Cookie", pending + "; " + CookieFrom(form2, "foljsam_login")}},
                           Encode({{"code", security::TotpCode(secret, std::time(nullptr))},
                                   {"login_csrf", HiddenInput(form2.body, "login_csrf")}}),
                           kForm),
             "POST /logga-in/kod");
    ASSERT_EQ(right.status, 303) << right;
    EXPECT_EQ(right.Header("Location"), "/start");
    Session full;
    full.cookie = CookieFrom(right, "foljsam_session");
    ASSERT_FALSE(full.cookie.empty());
    EXPECT_EQ(Get("/start", full).status, 200);
}

TEST_F(AccountPages, ARequiredSecondFactorSendsAnAdministratorToEnrolmentFirst) {
    Require(true);
    struct Reset {
        ~Reset() { Require(false); }  // the suite's other tests log in with the password alone
    } reset;
    Session s;
    s.cookie = CookieFrom(PostLogIn("kansli", kDemoPassword), "foljsam_session");
    ASSERT_FALSE(s.cookie.empty());
    Response start = Get("/start", s);
    EXPECT_EQ(start.status, 303);
    EXPECT_EQ(start.Header("Location"), "/konto/tvafaktor");
    EXPECT_EQ(Get("/insatser/1", s).Header("Location"), "/konto/tvafaktor");
    Response enrol = Get("/konto/tvafaktor", s);
    EXPECT_EQ(enrol.status, 200);
    EXPECT_TRUE(Contains(enrol.body, "Förbundet kräver därför tvåfaktorsinloggning")) << enrol;
    s.csrf = HiddenInput(enrol.body, "csrf");
    EXPECT_EQ(PostForm("/insatser/1/sok", s, {{"search", "x"}}).Header("Location"), "/konto/tvafaktor");
    Response api = Api("GET", "/api/v1/insatser", &s);
    EXPECT_EQ(api.status, 403) << api;
    EXPECT_EQ(Get("/start", LogIn("styrelse", kDemoPassword)).status, 200)
        << "a reader sees no personal data: not required";
}

TEST_F(AccountPages, LogOutEverywhereEndsEverySessionOfTheUser) {
    Session a = LogIn("kansli", kDemoPassword);
    Session b = LogIn("kansli", kDemoPassword);
    Response out = PostForm("/konto/logga-ut-overallt", a, {});
    ASSERT_EQ(out.status, 303) << out;
    EXPECT_EQ(Get("/start", a).status, 303);
    EXPECT_EQ(Get("/start", b).status, 303) << "the other browser's session ended too";
}

}  // namespace
}  // namespace foljsam::http_test

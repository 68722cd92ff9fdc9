#pragma once
// HTTP test support: a real web::Server on a free port of 127.0.0.1 serving a fresh demo
// database (services::FillDemo, seed 3), and a small browser-like client on top of
// cpp-httplib (cookies and CSRF tokens handled by hand, redirects never followed).
//
// Header-only on purpose: tests/support/*.cpp is compiled into every test binary, and
// only http_tests links cpp-httplib. One server per test suite (SetUpTestSuite /
// TearDownTestSuite of HttpTest). Failures while setting up throw std::runtime_error,
// which GoogleTest reports. Requests run sequentially from the test thread.

#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "services/admin_service.hpp"
#include "services/app.hpp"
#include "services/auth_service.hpp"
#include "services/demo_service.hpp"
#include "store/audit_repo.hpp"
#include "store/database.hpp"
#include "store/organisation_repo.hpp"
#include "store/participation_repo.hpp"
#include "support/test_app.hpp"
#include "web/form.hpp"
#include "web/server.hpp"

namespace foljsam::http_test {

using nlohmann::json;

inline constexpr const char* kDemoPassword = "Följsam-demo-2026";
inline constexpr const char* kForm = "application/x-www-form-urlencoded";
inline constexpr const char* kJson = "application/json";

// Demo insatser (services/demo_service.cpp).
inline constexpr const char* kFinsamTeam = "FINSAM-team";
inline constexpr const char* kAktivitetsplatsen = "Aktivitetsplatsen";
inline constexpr const char* kIpsPsykos = "IPS i psykosvården";
inline constexpr const char* kNovum = "Novum";
inline constexpr const char* kIpsBeroende = "IPS för personer med beroende";

// One HTTP response, copied out of httplib::Result so a failed connection is a failure.
struct Response {
    int status = 0;
    std::string body;
    httplib::Headers headers;

    std::string Header(const std::string& name) const {
        auto it = headers.find(name);
        return it == headers.end() ? "" : it->second;
    }
    std::vector<std::string> Headers(const std::string& name) const {
        std::vector<std::string> out;
        auto [first, last] = headers.equal_range(name);
        for (auto it = first; it != last; ++it) out.push_back(it->second);
        return out;
    }
    // Parsed body; a discarded value when it is not JSON.
    json Json() const { return json::parse(body, nullptr, false); }
    bool IsJson() const { return Header("Content-Type").rfind("application/json", 0) == 0; }
};

inline std::ostream& operator<<(std::ostream& os, const Response& r) {
    return os << "HTTP " << r.status << " " << r.body.substr(0, 600);
}

// Who is making the request: nobody, a browser session, or an API token.
struct Session {
    std::string username;
    std::string cookie;  // "foljsam_session=..."
    std::string csrf;    // the session's CSRF token (hidden input "csrf")
    std::string bearer;  // API token, used instead of the cookie when set
};

// "name=value" of the first Set-Cookie header for `name`, or "".
inline std::string CookieFrom(const Response& r, const std::string& name) {
    for (const auto& header : r.Headers("Set-Cookie")) {
        if (header.rfind(name + "=", 0) != 0) continue;
        return header.substr(0, header.find(';'));
    }
    return "";
}

// Value of the first hidden input named `name` in an HTML page, or "".
inline std::string HiddenInput(const std::string& html, const std::string& name) {
    const std::regex re("name=\"" + name + "\" value=\"([^\"]*)\"");
    std::smatch m;
    return std::regex_search(html, m, re) ? m[1].str() : "";
}

// "a=1&b=x" with every name and value percent-encoded.
inline std::string Encode(const std::vector<std::pair<std::string, std::string>>& fields) {
    std::string out;
    for (const auto& [name, value] : fields) {
        if (!out.empty()) out += '&';
        out += web::UrlEncode(name) + "=" + web::UrlEncode(value);
    }
    return out;
}
using Fields = std::vector<std::pair<std::string, std::string>>;

// Every way a personnummer can be written (12 digits, with dash, 10 digits, 10 with dash)
// and the names: the identities a response must not contain.
class Secrets {
   public:
    // `personnummer` in any of the accepted forms (10 or 12 digits, with or without '-').
    void AddPersonnummer(const std::string& personnummer) {
        std::string digits;
        for (char c : personnummer)
            if (c >= '0' && c <= '9') digits += c;
        if (digits.size() == 12) {
            twelve_.insert(digits);
            ten_.insert(digits.substr(2));
        } else if (digits.size() == 10) {
            ten_.insert(digits);
        }
    }
    void AddName(const std::string& name) {
        if (!name.empty()) names_.insert(name);
    }
    size_t personnummer_count() const { return twelve_.size(); }
    size_t name_count() const { return names_.size(); }

    // The first identity found in `text`, or "" when there is none. Digit groups
    // separated by '-' or '+' are joined first, so "19851231-1234", "198512311234",
    // "851231-1234" and "8512311234" are all found.
    std::string FindIn(const std::string& text) const {
        size_t idx = 0;
        while (idx < text.size()) {
            if (!IsDigit(text[idx])) {
                ++idx;
                continue;
            }
            const size_t start = idx;
            std::string digits;
            while (idx < text.size() && (IsDigit(text[idx]) || ((text[idx] == '-' || text[idx] == '+') &&
                                                                idx + 1 < text.size() && IsDigit(text[idx + 1])))) {
                if (IsDigit(text[idx])) digits += text[idx];
                ++idx;
            }
            if (digits.size() == 12 && twelve_.count(digits)) return text.substr(start, idx - start);
            if (digits.size() == 10 && ten_.count(digits)) return text.substr(start, idx - start);
            // A run may also contain the number at its end or start (e.g. a longer id).
            if (digits.size() > 12) {
                for (size_t off = 0; off + 10 <= digits.size(); ++off) {
                    if (off + 12 <= digits.size() && twelve_.count(digits.substr(off, 12)))
                        return digits.substr(off, 12);
                }
            }
        }
        for (const auto& name : names_)
            if (text.find(name) != std::string::npos) return name;
        return "";
    }

   private:
    static bool IsDigit(char c) { return c >= '0' && c <= '9'; }
    std::set<std::string> twelve_, ten_, names_;
};

// The demo database behind a running server.
class HttpTest : public ::testing::Test {
   public:
    static void SetUpTestSuite() {
        auto& s = state();
        if (s.server) return;
        s.dir = std::make_unique<testing::TempDir>();
        services::AppOptions options;
        options.data_dir = s.dir->path();
        options.hash_cost = security::HashCost::kMinimum;
        auto app = services::App::Open(options);
        if (!app.ok()) throw std::runtime_error("App::Open: " + testing::Describe(app.status()));
        s.app = *app;
        services::DemoOptions demo;
        demo.seed = 3;
        auto filled = services::FillDemo(*s.app, demo);
        if (!filled.ok()) throw std::runtime_error("FillDemo: " + testing::Describe(filled.status()));
        s.server = std::make_unique<web::Server>(*s.app);
        web::ServeOptions serve;
        serve.host = "127.0.0.1";
        serve.port = 0;
        serve.web_dir = std::filesystem::path(FOLJSAM_SOURCE_DIR) / "web";
        serve.threads = 4;
        auto port = s.server->Bind(serve);
        if (!port.ok()) throw std::runtime_error("Server::Bind: " + testing::Describe(port.status()));
        s.port = *port;
        s.thread = std::thread([server = s.server.get()] { server->Run(); });
        // listen_after_bind may not have started accepting yet; the socket is bound, so
        // connections queue in the backlog, but wait for a first answer to be sure.
        for (int attempt = 0; attempt < 200; ++attempt) {
            httplib::Client probe("127.0.0.1", s.port);
            if (auto r = probe.Get("/logga-in")) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        auto forbund = services::AdminService(*s.app).TheForbund();
        if (!forbund.ok()) throw std::runtime_error("TheForbund: " + testing::Describe(forbund.status()));
        s.forbund_id = forbund->id;
    }

    static void TearDownTestSuite() {
        auto& s = state();
        if (!s.server) return;
        s.server->Stop();
        if (s.thread.joinable()) s.thread.join();
        s.sessions.clear();
        s.server.reset();
        s.app.reset();
        s.dir.reset();
    }

   protected:
    static services::App& app() { return *state().app; }
    static int port() { return state().port; }
    static long long forbund_id() { return state().forbund_id; }
    static const web::Server& server() { return *state().server; }

    // --- requests ----------------------------------------------------------------------
    static httplib::Client Client() {
        httplib::Client cli("127.0.0.1", state().port);
        cli.set_follow_location(false);
        cli.set_connection_timeout(5, 0);
        cli.set_read_timeout(20, 0);
        return cli;
    }

    static httplib::Headers HeadersFor(const Session* s, bool write, bool csrf_header) {
        httplib::Headers h;
        if (!s) return h;
        if (!s->bearer.empty()) {
            h.emplace("Authorization", "Bearer " + s->bearer);
        } else if (!s->cookie.empty()) {
            h.emplace("Cookie", s->cookie);
            if (write && csrf_header) h.emplace("X-CSRF-Token", s->csrf);
        }
        return h;
    }

    static Response From(const httplib::Result& r, const std::string& what) {
        if (!r) throw std::runtime_error(what + ": no response (" + httplib::to_string(r.error()) + ")");
        return Response{r->status, r->body, r->headers};
    }

    static Response Get(const std::string& path, const Session* s = nullptr, httplib::Headers extra = {}) {
        auto h = HeadersFor(s, false, false);
        h.insert(extra.begin(), extra.end());
        return From(Client().Get(path, h), "GET " + path);
    }
    static Response Get(const std::string& path, const Session& s) { return Get(path, &s); }

    // A browser form post. `with_csrf` adds the session's token as the "csrf" field.
    static Response PostForm(const std::string& path, const Session* s, Fields fields, bool with_csrf = true) {
        if (s && with_csrf) fields.emplace_back("csrf", s->csrf);
        return From(Client().Post(path, HeadersFor(s, true, false), Encode(fields), kForm), "POST " + path);
    }
    static Response PostForm(const std::string& path, const Session& s, Fields fields, bool with_csrf = true) {
        return PostForm(path, &s, std::move(fields), with_csrf);
    }

    // A JSON API call. With a cookie session the X-CSRF-Token header is sent unless
    // `csrf_header` is false.
    static Response Api(const std::string& method, const std::string& path, const Session* s,
                        const std::string& body = "", bool csrf_header = true) {
        auto cli = Client();
        const bool write = method != "GET";
        auto h = HeadersFor(s, write, csrf_header);
        const std::string what = method + " " + path;
        if (method == "GET") return From(cli.Get(path, h), what);
        if (method == "POST") return From(cli.Post(path, h, body, kJson), what);
        if (method == "PUT") return From(cli.Put(path, h, body, kJson), what);
        if (method == "DELETE") return From(cli.Delete(path, h, body, kJson), what);
        throw std::logic_error("method " + method);
    }
    static Response Api(const std::string& method, const std::string& path, const Session& s, const json& body) {
        return Api(method, path, &s, body.dump());
    }
    static Response ApiGet(const std::string& path, const Session& s) { return Api("GET", path, &s); }

    // --- log-in ------------------------------------------------------------------------
    // Logs in through the form (GET the form, POST it with the double-submit token) and
    // reads the session's CSRF token from /start. Cached per user for the suite.
    static const Session& As(const std::string& username) {
        auto& sessions = state().sessions;
        auto it = sessions.find(username);
        if (it != sessions.end()) return it->second;
        return sessions.emplace(username, LogIn(username, kDemoPassword)).first->second;
    }

    static Session LogIn(const std::string& username, const std::string& password) {
        Response form = Get("/logga-in");
        const std::string login_cookie = CookieFrom(form, "foljsam_login");
        const std::string token = HiddenInput(form.body, "login_csrf");
        if (form.status != 200 || login_cookie.empty() || token.empty())
            throw std::runtime_error("log-in form without token: " + form.body.substr(0, 300));
        auto posted =
            From(Client().Post("/logga-in", {{"Cookie", login_cookie}},
                               Encode({{"username", username}, {"password", password}, {"login_csrf", token}}), kForm),
                 "POST /logga-in");
        Session s;
        s.username = username;
        s.cookie = CookieFrom(posted, "foljsam_session");
        if (posted.status != 303 || s.cookie.empty())
            throw std::runtime_error("log-in as " + username + " failed: HTTP " + std::to_string(posted.status));
        Response start = Get("/start", &s);
        s.csrf = HiddenInput(start.body, "csrf");
        if (start.status != 200 || s.csrf.empty()) throw std::runtime_error("no CSRF token on /start for " + username);
        return s;
    }

    // A session using "Authorization: Bearer" with a fresh API token.
    static Session Bearer(const std::string& username) {
        auto token = services::AuthService(app()).CreateApiToken(username, "http-test", 1);
        if (!token.ok()) throw std::runtime_error("CreateApiToken: " + testing::Describe(token.status()));
        Session s;
        s.username = username;
        s.bearer = *token;
        return s;
    }

    // --- the database directly -----------------------------------------------------------
    static std::unique_ptr<store::UnitOfWork> Read() {
        auto uow = app().db().Begin(store::Database::Mode::kRead);
        if (!uow.ok()) throw std::runtime_error("Begin: " + testing::Describe(uow.status()));
        return std::move(*uow);
    }

    static std::vector<domain::Insats> Insatser() {
        auto uow = Read();
        auto list = store::OrganisationRepo(*uow).ListInsatser(forbund_id());
        if (!list.ok()) throw std::runtime_error("ListInsatser: " + testing::Describe(list.status()));
        return *list;
    }

    static long long InsatsId(const std::string& name) {
        for (const auto& i : Insatser())
            if (i.name == name) return i.id;
        throw std::runtime_error("no insats " + name);
    }

    static long long OrganisationId(const std::string& name) {
        auto uow = Read();
        auto list = store::OrganisationRepo(*uow).ListOrganisations(forbund_id());
        if (!list.ok()) throw std::runtime_error("ListOrganisations: " + testing::Describe(list.status()));
        for (const auto& o : *list)
            if (o.name == name) return o.id;
        throw std::runtime_error("no organisation " + name);
    }

    static long long CountParticipations(long long insats_id) {
        auto uow = Read();
        auto n = store::OrganisationRepo(*uow).CountParticipations(insats_id);
        if (!n.ok()) throw std::runtime_error("CountParticipations: " + testing::Describe(n.status()));
        return *n;
    }

    static domain::Participation StoredParticipation(long long id) {
        auto uow = Read();
        auto p = store::ParticipationRepo(*uow).Get(id);
        if (!p.ok()) throw std::runtime_error("ParticipationRepo::Get: " + testing::Describe(p.status()));
        return *p;
    }

    static long long CountAudit(const std::string& action, std::optional<long long> entity_id = std::nullopt) {
        auto uow = Read();
        store::AuditFilter filter;
        filter.action = action;
        filter.entity_id = entity_id;
        if (entity_id) filter.entity = "participation";
        auto n = store::AuditRepo(*uow).Count(filter);
        if (!n.ok()) throw std::runtime_error("AuditRepo::Count: " + testing::Describe(n.status()));
        return *n;
    }

    // Ids of participations of an insats (any status), newest registrations last.
    static std::vector<long long> ParticipationIds(long long insats_id, const std::string& status = "", int limit = 0) {
        auto uow = Read();
        store::ParticipationFilter filter;
        filter.insats_id = insats_id;
        filter.status = status;
        filter.limit = limit;
        auto rows = store::ParticipationRepo(*uow).List(filter);
        if (!rows.ok()) throw std::runtime_error("ParticipationRepo::List: " + testing::Describe(rows.status()));
        std::vector<long long> ids;
        for (const auto& r : *rows) ids.push_back(r.participation.id);
        return ids;
    }

   private:
    struct State {
        std::unique_ptr<testing::TempDir> dir;
        std::shared_ptr<services::App> app;
        std::unique_ptr<web::Server> server;
        std::thread thread;
        int port = 0;
        long long forbund_id = 0;
        std::map<std::string, Session> sessions;
    };
    static State& state() {
        static State s;
        return s;
    }
};

// --- HTML helpers ----------------------------------------------------------------------

inline bool Contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The error summary block (class="error-summary" ... </div>) or "" when absent.
inline std::string ErrorSummary(const std::string& html) {
    const size_t start = html.find("class=\"error-summary\"");
    if (start == std::string::npos) return "";
    const size_t end = html.find("</div>", start);
    return html.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

// The message beside a field (<p ... id="f-<field>-error">...</p>) or "" when absent.
inline std::string FieldError(const std::string& html, const std::string& field) {
    const std::regex re("id=\"f-" + field + "-error\"><span class=\"visually-hidden\">Fel: </span>([^<]*)</p>");
    std::smatch m;
    return std::regex_search(html, m, re) ? m[1].str() : "";
}

// True when a JSON error body has `code` and names `field` in error.fields.
inline bool JsonNamesField(const json& body, const std::string& field) {
    if (!body.is_object() || !body.contains("error") || !body["error"].contains("fields")) return false;
    for (const auto& f : body["error"]["fields"])
        if (f.value("field", "") == field && !f.value("message", "").empty()) return true;
    return false;
}

inline bool IsErrorJson(const json& body) {
    return body.is_object() && body.contains("error") && body["error"].is_object() && body["error"].contains("code") &&
           body["error"]["code"].is_string() && body["error"].contains("message") &&
           body["error"]["message"].is_string() && body["error"].contains("fields") &&
           body["error"]["fields"].is_array();
}

}  // namespace foljsam::http_test

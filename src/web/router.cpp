#include "web/router.hpp"

#include <spdlog/spdlog.h>

#include "security/crypto.hpp"
#include "security/policy.hpp"
#include "services/export_service.hpp"

namespace foljsam::web {

long long Ctx::IdParam(size_t idx) const {
    if (req.matches.size() <= idx) return 0;
    try {
        return std::stoll(req.matches[idx].str());
    } catch (...) {
        return 0;
    }
}

std::string Ctx::Query(const std::string& name) const {
    return req.has_param(name.c_str()) ? req.get_param_value(name.c_str()) : "";
}

int HttpStatusFor(const Status& status) {
    switch (status.code()) {
        case StatusCode::kOk:
            return 200;
        case StatusCode::kInvalidInput:
            return 422;
        case StatusCode::kNotFound:
            return 404;
        case StatusCode::kConflict:
            return 409;
        case StatusCode::kForbidden:
            return 403;
        case StatusCode::kUnavailable:
            return 503;
        case StatusCode::kCorrupt:
        case StatusCode::kInternal:
            return 500;
    }
    return 500;
}

void SendDownload(Ctx& ctx, const std::string& filename, const std::string& content_type, const std::string& body) {
    ctx.res.status = 200;
    ctx.res.set_header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
    ctx.res.set_header("Cache-Control", "no-store");
    ctx.res.set_content(body, content_type);
}

std::string CookieValue(const httplib::Request& req, const std::string& name) {
    const std::string header = req.get_header_value("Cookie");
    size_t pos = 0;
    while (pos < header.size()) {
        size_t end = header.find(';', pos);
        if (end == std::string::npos) end = header.size();
        std::string part = header.substr(pos, end - pos);
        const size_t first = part.find_first_not_of(' ');
        if (first != std::string::npos) part = part.substr(first);
        if (part.rfind(name + "=", 0) == 0) return part.substr(name.size() + 1);
        pos = end + 1;
    }
    return "";
}

std::string SessionCookie(const std::string& token, bool secure) {
    std::string cookie = std::string(kSessionCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict";
    if (secure) cookie += "; Secure";
    if (token.empty()) cookie += "; Max-Age=0";
    return cookie;
}

std::string PendingLoginCookie(const std::string& token, bool secure) {
    std::string cookie = std::string(kPendingLoginCookie) + "=" + token + "; Path=/logga-in; HttpOnly; SameSite=Strict";
    if (secure) cookie += "; Secure";
    cookie += token.empty() ? "; Max-Age=0" : "; Max-Age=300";
    return cookie;
}

Router::Router(httplib::Server& server, services::App& app, const Views& views, ServerOptions options)
    : server_(server), app_(app), views_(views), options_(options), auth_(app), admin_(app), participations_(app) {}

void Router::Register(const std::string& method, const std::string& pattern, httplib::Server::Handler inner) {
    // The body is read by now (within the server's largest limit); this route's own limit
    // decides. An empty 413 gets its page from the server's error handler.
    auto handler = [this, inner = std::move(inner)](const httplib::Request& req, httplib::Response& res) {
        if (!options_.limits.Allows(req)) {
            res.status = 413;
            return;
        }
        inner(req, res);
    };
    if (method == "GET")
        server_.Get(pattern, std::move(handler));
    else if (method == "POST")
        server_.Post(pattern, std::move(handler));
    else if (method == "PUT")
        server_.Put(pattern, std::move(handler));
    else if (method == "DELETE")
        server_.Delete(pattern, std::move(handler));
    else
        throw std::logic_error("unsupported method " + method);
}

namespace {
Form FormOf(const httplib::Request& req) {
    if (req.method == "GET") {
        Form form;
        for (const auto& [key, value] : req.params) form.Add(key, value);
        return form;
    }
    const std::string type = req.get_header_value("Content-Type");
    if (type.rfind("application/x-www-form-urlencoded", 0) == 0) return Form::Parse(req.body);
    return Form();
}
}  // namespace

void Router::PublicPage(const std::string& method, const std::string& pattern, Handler handler) {
    routes_.push_back({method, pattern, RouteInfo::Kind::kPublic});
    Register(method, pattern, [this, handler](const httplib::Request& req, httplib::Response& res) {
        Ctx ctx{req, res, {}, FormOf(req), nullptr};
        handler(ctx);
    });
}

void Router::Page(const std::string& method, const std::string& pattern, Handler handler) {
    routes_.push_back({method, pattern, RouteInfo::Kind::kPage});
    Register(method, pattern, [this, handler](const httplib::Request& req, httplib::Response& res) {
        Ctx ctx{req, res, {}, FormOf(req), nullptr};
        auto auth = auth_.FromSession(CookieValue(req, kSessionCookie));
        if (!auth.ok()) {
            if (auth.status().code() != StatusCode::kNotFound) return RenderError(ctx, auth.status());
            res.set_header("Set-Cookie", SessionCookie("", options_.secure_cookies));
            return Redirect(ctx, "/logga-in");
        }
        ctx.auth = *auth;
        if (req.method != "GET") {
            const std::string sent = ctx.form.Get("csrf");
            if (sent.empty() || !security::ConstantTimeEquals(sent, ctx.auth.csrf_token)) {
                spdlog::warn("CSRF token missing or wrong on {} {}", req.method, req.path);
                return RenderError(ctx, Status::Forbidden("Formuläret har gått ut eller kom från en annan sida. "
                                                          "Gå tillbaka, ladda om sidan och försök igen."));
            }
        }
        if (ctx.auth.actor.user.must_change_password && req.path != "/konto/losenord" && req.path != "/logga-ut")
            return Redirect(ctx, "/konto/losenord");
        // Two factors required and not yet set up: nothing else opens until they are.
        if (ctx.auth.must_enrol_second_factor && req.path.rfind("/konto/tvafaktor", 0) != 0 &&
            req.path != "/logga-ut" && req.path != "/konto/losenord")
            return Redirect(ctx, "/konto/tvafaktor");
        handler(ctx);
    });
}

void Router::Api(const std::string& method, const std::string& pattern, Handler handler) {
    routes_.push_back({method, pattern, RouteInfo::Kind::kApi});
    Register(method, pattern, [this, handler](const httplib::Request& req, httplib::Response& res) {
        Ctx ctx{req, res, {}, FormOf(req), nullptr};
        const std::string authorization = req.get_header_value("Authorization");
        Result<services::Authenticated> auth = Status::NotFound("Inloggning krävs.");
        bool by_cookie = false;
        if (authorization.rfind("Bearer ", 0) == 0) {
            auth = auth_.FromApiToken(authorization.substr(7));
        } else {
            auth = auth_.FromSession(CookieValue(req, kSessionCookie));
            by_cookie = true;
        }
        if (!auth.ok()) {
            if (auth.status().code() != StatusCode::kNotFound) return JsonError(ctx, auth.status());
            res.set_header("WWW-Authenticate", "Bearer");
            Json(ctx,
                 {{"error",
                   {{"code", "unauthenticated"},
                    {"message", "Inloggning krävs."},
                    {"fields", nlohmann::json::array()}}}},
                 401);
            return;
        }
        ctx.auth = *auth;
        // A one-time password was seen by an administrator: nothing opens until it is changed.
        if (ctx.auth.actor.user.must_change_password)
            return JsonError(ctx, Status::Forbidden("Byt lösenord först (sidan /konto/losenord)."));
        if (ctx.auth.must_enrol_second_factor)
            return JsonError(ctx, Status::Forbidden("Aktivera tvåfaktorsinloggning först (sidan /konto/tvafaktor)."));
        if (by_cookie && req.method != "GET") {
            const std::string sent = req.get_header_value("X-CSRF-Token");
            if (sent.empty() || !security::ConstantTimeEquals(sent, ctx.auth.csrf_token))
                return JsonError(ctx, Status::Forbidden("CSRF-token saknas eller är fel (X-CSRF-Token)."));
        }
        if (req.method == "POST" || req.method == "PUT") {
            if (req.body.empty()) {
                ctx.body = nlohmann::json::object();
            } else {
                ctx.body = nlohmann::json::parse(req.body, nullptr, false);
                if (ctx.body.is_discarded() || !ctx.body.is_object())
                    return JsonError(ctx, Status::InvalidInput("Kroppen ska vara ett JSON-objekt."));
            }
        }
        try {
            handler(ctx);
        } catch (const nlohmann::json::exception&) {
            // A value of the wrong JSON type (e.g. "page": "2"): the client's mistake.
            JsonError(ctx, Status::InvalidInput("Ett fält i JSON-kroppen har fel typ. Se docs/api/openapi.yaml."));
        }
    });
}

void Router::Render(Ctx& ctx, const std::string& name, nlohmann::json model, int status) const {
    const auto& actor = ctx.auth.actor;
    if (actor.user.id != 0) {
        model["user"] = {{"name", actor.user.display_name}, {"username", actor.user.username}};
        model["csrf"] = ctx.auth.csrf_token;
        nlohmann::json nav = nlohmann::json::array();
        nav.push_back({{"href", "/start"}, {"label", "Start"}});
        if (actor.user.forbund_id) {
            nav.push_back({{"href", "/uppfoljning"}, {"label", "Uppföljning"}});
            nav.push_back({{"href", "/utforska"}, {"label", "Utforska"}});
            const auto offer = services::ExportService::OfferFor(actor);
            if (offer.association || offer.national_return) nav.push_back({{"href", "/export"}, {"label", "Export"}});
        }
        const security::policy::Resource forbund{actor.user.forbund_id.value_or(-1)};
        if (security::policy::Can(actor, security::policy::Action::kAdminInsatser, forbund)) {
            nav.push_back({{"href", "/admin/organisationer"}, {"label", "Organisationer"}});
            nav.push_back({{"href", "/admin/insatser"}, {"label", "Insatser"}});
            nav.push_back({{"href", "/admin/anvandare"}, {"label", "Användare"}});
        }
        nav.push_back({{"href", "/konto"}, {"label", "Mitt konto"}});
        for (auto& item : nav) item["current"] = ctx.req.path.rfind(item["href"].get<std::string>(), 0) == 0;
        model["nav"] = nav;
    }
    ctx.res.status = status;
    ctx.res.set_content(views_.Page(name, model), "text/html; charset=utf-8");
}

void Router::RenderError(Ctx& ctx, const Status& status) const {
    if (status.code() == StatusCode::kInternal || status.code() == StatusCode::kCorrupt)
        spdlog::error("{} {}: {}", ctx.req.method, ctx.req.path, status.internal());
    std::string title = "Något gick fel";
    if (status.code() == StatusCode::kNotFound) title = "Sidan finns inte";
    if (status.code() == StatusCode::kForbidden) title = "Du har inte behörighet";
    if (status.code() == StatusCode::kConflict) title = "Uppgifterna har ändrats";
    Render(ctx, "error", {{"title", title}, {"message", status.message()}}, HttpStatusFor(status));
}

void Router::Redirect(Ctx& ctx, const std::string& location) {
    ctx.res.status = 303;
    ctx.res.set_header("Location", location);
}

void Router::Json(Ctx& ctx, const nlohmann::json& body, int status) {
    ctx.res.status = status;
    ctx.res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                        "application/json; charset=utf-8");
}

void Router::JsonError(Ctx& ctx, const Status& status) {
    if (status.code() == StatusCode::kInternal || status.code() == StatusCode::kCorrupt)
        spdlog::error("{} {}: {}", ctx.req.method, ctx.req.path, status.internal());
    nlohmann::json fields = nlohmann::json::array();
    for (const auto& f : status.fields()) fields.push_back({{"field", f.field}, {"message", f.message}});
    Json(ctx, {{"error", {{"code", status.CodeName()}, {"message", status.message()}, {"fields", fields}}}},
         HttpStatusFor(status));
}

}  // namespace foljsam::web

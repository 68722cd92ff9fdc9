#pragma once
// Web-layer plumbing shared by all route files: the request context, authentication and
// CSRF wrappers around cpp-httplib handlers, and response helpers. Page handlers and API
// handlers never see an unauthenticated request unless registered as public.
// Router is set up once before the server starts; handlers run on worker threads.

#include <httplib.h>

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common/status.hpp"
#include "services/admin_service.hpp"
#include "services/app.hpp"
#include "services/auth_service.hpp"
#include "services/participation_service.hpp"
#include "web/form.hpp"
#include "web/request_limits.hpp"
#include "web/route_info.hpp"
#include "web/view.hpp"

namespace foljsam::web {

struct ServerOptions {
    bool secure_cookies = false;  // set under TLS
    RequestLimits limits;         // every handler refuses a body over its route's limit (413)
};

struct Ctx {
    const httplib::Request& req;
    httplib::Response& res;
    services::Authenticated auth;  // empty actor for public routes
    Form form;                     // POST body (urlencoded) or, for GET, the query string
    nlohmann::json body;           // API: parsed JSON body (null when absent)

    long long IdParam(size_t idx = 1) const;
    // Query parameter, "" when absent.
    std::string Query(const std::string& name) const;
};

class Router {
   public:
    Router(httplib::Server& server, services::App& app, const Views& views, ServerOptions options);

    using Handler = std::function<void(Ctx&)>;
    // HTML pages: login required; POST checks the session's CSRF token ("csrf" field).
    void Page(const std::string& method, const std::string& pattern, Handler handler);
    // Pages anyone may open (login).
    void PublicPage(const std::string& method, const std::string& pattern, Handler handler);
    // JSON API: bearer token or session cookie (+ X-CSRF-Token header for writes).
    void Api(const std::string& method, const std::string& pattern, Handler handler);

    // Renders a page inside the layout with the common model (user, nav, csrf) added.
    void Render(Ctx& ctx, const std::string& name, nlohmann::json model, int status = 200) const;
    // Error page for a failed Status (403, 404, 409, 500 ...).
    void RenderError(Ctx& ctx, const Status& status) const;
    static void Redirect(Ctx& ctx, const std::string& location);
    // JSON responses.
    static void Json(Ctx& ctx, const nlohmann::json& body, int status = 200);
    static void JsonError(Ctx& ctx, const Status& status);

    services::App& app() { return app_; }
    services::AuthService& auth() { return auth_; }
    services::AdminService& admin() { return admin_; }
    services::ParticipationService& participations() { return participations_; }
    const ServerOptions& options() const { return options_; }
    // Every route registered so far, in registration order.
    const std::vector<RouteInfo>& routes() const { return routes_; }

   private:
    void Register(const std::string& method, const std::string& pattern, httplib::Server::Handler handler);
    httplib::Server& server_;
    services::App& app_;
    const Views& views_;
    ServerOptions options_;
    services::AuthService auth_;
    services::AdminService admin_;
    services::ParticipationService participations_;
    std::vector<RouteInfo> routes_;
};

int HttpStatusFor(const Status& status);
// Sends `body` as a file to save (Content-Disposition: attachment; `filename` is ASCII).
void SendDownload(Ctx& ctx, const std::string& filename, const std::string& content_type, const std::string& body);
// Session cookie helpers.
std::string CookieValue(const httplib::Request& req, const std::string& name);
std::string SessionCookie(const std::string& token, bool secure);
// The pending-log-in cookie (kPendingLoginCookie), for 5 minutes; an empty token clears it.
std::string PendingLoginCookie(const std::string& token, bool secure);

inline constexpr const char* kSessionCookie = "foljsam_session";
// The pending session of a log-in whose code is still due (path /logga-in only).
inline constexpr const char* kPendingLoginCookie = "foljsam_pending";

// Route registration, one function per area (pages_*.cpp, api.cpp).
void RegisterAuthPages(Router& router);
void RegisterAccountPages(Router& router);
void RegisterParticipationPages(Router& router);
void RegisterAdminPages(Router& router);
void RegisterApi(Router& router);
void RegisterGoalPages(Router& router);
void RegisterReportPages(Router& router);
void RegisterExplorePages(Router& router);
void RegisterPopulationPages(Router& router);
void RegisterImportTemplatePages(Router& router);
void RegisterExportPages(Router& router);
void RegisterImportPages(Router& router);

}  // namespace foljsam::web

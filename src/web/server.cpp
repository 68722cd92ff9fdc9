#include "web/server.hpp"

#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>
#include <nlohmann/json.hpp>

#include "io/sheet.hpp"
#include "web/request_limits.hpp"
#include "web/router.hpp"
#include "web/view.hpp"

namespace foljsam::web {

struct Server::Impl {
    services::App& app;
    httplib::Server http;
    std::unique_ptr<Views> views;
    std::unique_ptr<Router> router;
    explicit Impl(services::App& a) : app(a) {}
};

Server::Server(services::App& app) : impl_(std::make_unique<Impl>(app)) {}
Server::~Server() = default;

const std::vector<RouteInfo>& Server::routes() const {
    static const std::vector<RouteInfo> none;
    return impl_->router ? impl_->router->routes() : none;
}

std::filesystem::path DefaultWebDir() {
    if (std::filesystem::exists("web/templates/layout.mustache")) return "web";
#ifdef FOLJSAM_SOURCE_DIR
    return std::filesystem::path(FOLJSAM_SOURCE_DIR) / "web";
#else
    return "web";
#endif
}

namespace {

void SetSecurityHeaders(const httplib::Request& req, httplib::Response& res, bool tls) {
    res.set_header("Content-Security-Policy",
                   "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                   "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'");
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Referrer-Policy", "no-referrer");
    res.set_header("X-Frame-Options", "DENY");
    if (tls) res.set_header("Strict-Transport-Security", "max-age=31536000");
    if (req.path.rfind("/static/", 0) != 0) res.set_header("Cache-Control", "no-store");
}

}  // namespace

Result<int> Server::Bind(const ServeOptions& options) {
    auto views = Views::Load(options.web_dir / "templates");
    if (!views.ok()) return views.status();
    impl_->views = std::make_unique<Views>(std::move(*views));
    auto& http = impl_->http;
    const int threads = options.threads;
    http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    // Keep-alive holds a worker per connection (shared/stack.md 5.1.3): keep it short.
    http.set_keep_alive_max_count(100).set_keep_alive_timeout(2);
    // Without TCP_NODELAY every response on a reused connection waited ~40 ms for the
    // client's delayed ACK (Nagle): measured 44 ms p50 keep-alive vs 2.4 ms (bench/).
    http.set_tcp_nodelay(true);
    http.set_read_timeout(10, 0);
    http.set_write_timeout(10, 0);
    if (!http.set_mount_point("/static", (options.web_dir / "static").string(),
                              {{"Cache-Control", "public, max-age=3600"}}))
        return Status::Unavailable("Katalogen för statiska filer saknas: " + (options.web_dir / "static").string());

    // Forms and API calls are small; the import wizard takes a spreadsheet (with room for
    // the multipart envelope around it).
    ServerOptions router_options{options.secure_cookies, {}};
    router_options.limits.routes["POST /import"] = io::ReadLimits().max_file_bytes + (size_t{64} << 10);
    InstallRequestLimits(http, router_options.limits);
    impl_->router = std::make_unique<Router>(http, impl_->app, *impl_->views, router_options);
    Router& router = *impl_->router;
    RegisterAuthPages(router);
    RegisterAccountPages(router);
    RegisterParticipationPages(router);
    RegisterAdminPages(router);
    RegisterApi(router);
    RegisterGoalPages(router);
    RegisterReportPages(router);
    RegisterExplorePages(router);
    RegisterPopulationPages(router);
    RegisterImportTemplatePages(router);
    RegisterExportPages(router);
    RegisterImportPages(router);

    const bool tls = options.secure_cookies;
    http.set_post_routing_handler(
        [tls](const httplib::Request& req, httplib::Response& res) { SetSecurityHeaders(req, res, tls); });
    Views* views_ptr = impl_->views.get();
    http.set_error_handler([views_ptr, tls](const httplib::Request& req, httplib::Response& res) {
        SetSecurityHeaders(req, res, tls);
        if (!res.body.empty()) return;
        if (req.path.rfind("/api/", 0) == 0) {
            std::string code = "internal", message = "Ett internt fel inträffade.";
            if (res.status == 404) code = "not_found", message = "Resursen finns inte.";
            if (res.status == 413) code = "invalid_input", message = "Begäran är för stor.";
            if (res.status == 400) code = "invalid_input", message = "Begäran är felaktig.";
            nlohmann::json body = {
                {"error", {{"code", code}, {"message", message}, {"fields", nlohmann::json::array()}}}};
            res.set_content(body.dump(), "application/json; charset=utf-8");
            return;
        }
        std::string title = res.status == 404 ? "Sidan finns inte" : "Något gick fel";
        std::string message = res.status == 404 ? "Kontrollera adressen eller gå till startsidan."
                                                : "Försök igen. Kvarstår felet, kontakta förvaltningen.";
        if (res.status == 413 && req.path == "/import") {
            title = "Filen är för stor";
            message = "En fil som ska importeras får vara högst " +
                      std::to_string(io::ReadLimits().max_file_bytes >> 20) +
                      " MB. Dela upp filen i flera och importera dem en i taget.";
        } else if (res.status == 413) {
            title = "Begäran är för stor";
            message = "Formuläret innehöll mer data än sidan tar emot. Gå tillbaka och försök igen.";
        }
        res.set_content(views_ptr->Page("error", {{"title", title}, {"message", message}}), "text/html; charset=utf-8");
    });
    http.set_exception_handler([views_ptr](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
        try {
            std::rethrow_exception(ep);
        } catch (const std::exception& e) {
            spdlog::error("unhandled exception on {} {}: {}", req.method, req.path, e.what());
        } catch (...) {
            spdlog::error("unhandled non-standard exception on {} {}", req.method, req.path);
        }
        res.status = 500;
        if (req.path.rfind("/api/", 0) == 0) {
            nlohmann::json body = {{"error",
                                    {{"code", "internal"},
                                     {"message", "Ett internt fel inträffade."},
                                     {"fields", nlohmann::json::array()}}}};
            res.set_content(body.dump(), "application/json; charset=utf-8");
            return;
        }
        res.set_content(views_ptr->Page("error", {{"title", "Något gick fel"},
                                                  {"message", "Ett internt fel inträffade. Försök igen."}}),
                        "text/html; charset=utf-8");
    });
    http.set_logger([](const httplib::Request& req, const httplib::Response& res) {
        // Path only: query strings and bodies are never logged.
        spdlog::info("{} {} {}", req.method, req.path, res.status);
    });

    int port = options.port;
    if (port == 0) {
        port = http.bind_to_any_port(options.host);
        if (port < 0) return Status::Unavailable("Kunde inte öppna en port.");
    } else if (!http.bind_to_port(options.host, port)) {
        return Status::Unavailable("Porten " + std::to_string(port) + " är upptagen eller otillgänglig.");
    }
    return port;
}

void Server::Run() { impl_->http.listen_after_bind(); }

void Server::Stop() { impl_->http.stop(); }

}  // namespace foljsam::web

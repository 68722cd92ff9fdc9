#pragma once
// The HTTP server: pages, JSON API and static files over cpp-httplib.
//
// Security from day one: security headers on every response (CSP without inline script or
// style, nosniff, no-referrer, frame-ancestors 'none'), a request size limit, no stack
// traces or SQL errors to users (one top-level exception handler logs and shows a fixed
// page), request logs with method, path and status only (paths carry ids, never
// personal data). Start/Stop may be called from different threads.

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "common/status.hpp"
#include "services/app.hpp"
#include "web/route_info.hpp"

namespace foljsam::web {

struct ServeOptions {
    std::string host = "127.0.0.1";
    int port = 8080;                // 0: any free port
    std::filesystem::path web_dir;  // holds templates/ and static/
    bool secure_cookies = false;
    int threads = 32;
};

class Server {
   public:
    explicit Server(services::App& app);
    ~Server();
    // Loads templates and binds the port. Returns the bound port. Failure: kUnavailable.
    Result<int> Bind(const ServeOptions& options);
    // Serves until Stop(). Precondition: Bind() succeeded.
    void Run();
    void Stop();
    // The routes Bind() registered (empty before it): method, pattern, kind.
    const std::vector<RouteInfo>& routes() const;

   private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// The web directory next to the sources or the working directory ("web").
std::filesystem::path DefaultWebDir();

}  // namespace foljsam::web

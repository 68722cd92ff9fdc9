#pragma once
// How big a request body may be, per route.
//
// cpp-httplib has one payload limit for the whole server; a body over it is read and
// thrown away, and the request gets 413. Följsam needs two sizes: forms and API calls are
// small, while a spreadsheet uploaded to the import wizard may be tens of megabytes. So
// the server's limit is the largest route's (InstallRequestLimits), and the router
// refuses, once the body is read, a request whose Content-Length is over its own route's
// limit (Allows). Reading before refusing keeps the connection in step, so a browser
// sees the 413 page instead of a connection reset. (Refusing from the headers alone, in
// a pre-routing handler, left the body unread and the client often got a reset instead of
// the answer.) A chunked body, without Content-Length, is judged by what was read.

#include <httplib.h>

#include <cstddef>
#include <map>
#include <string>

namespace foljsam::web {

struct RequestLimits {
    size_t default_bytes = size_t{2} << 20;
    // "METHOD path" (exact path) -> the largest body that route takes.
    std::map<std::string, size_t> routes;

    size_t Largest() const;
    size_t For(const std::string& method, const std::string& path) const;
    // Whether `req`'s body is within its route's limit (true when it has no body).
    bool Allows(const httplib::Request& req) const;
};

// Sets the server's payload limit to limits.Largest().
void InstallRequestLimits(httplib::Server& server, const RequestLimits& limits);

}  // namespace foljsam::web

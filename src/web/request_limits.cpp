#include "web/request_limits.hpp"

#include <algorithm>
#include <charconv>

namespace foljsam::web {

size_t RequestLimits::Largest() const {
    size_t largest = default_bytes;
    for (const auto& [route, bytes] : routes) largest = std::max(largest, bytes);
    return largest;
}

size_t RequestLimits::For(const std::string& method, const std::string& path) const {
    auto it = routes.find(method + " " + path);
    return it == routes.end() ? default_bytes : it->second;
}

bool RequestLimits::Allows(const httplib::Request& req) const {
    if (!req.has_header("Content-Length")) return req.body.size() <= For(req.method, req.path);
    const std::string value = req.get_header_value("Content-Length");
    size_t length = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), length);
    if (ec != std::errc() || end != value.data() + value.size()) return false;
    return length <= For(req.method, req.path);
}

void InstallRequestLimits(httplib::Server& server, const RequestLimits& limits) {
    server.set_payload_max_length(limits.Largest());
}

}  // namespace foljsam::web

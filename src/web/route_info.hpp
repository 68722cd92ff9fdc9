#pragma once
// One registered route: method, the cpp-httplib pattern, and how it authenticates (Router::
// Page, Api or PublicPage). Router records them; tests/http/access_matrix_test.cpp checks
// that its table names every one.

#include <string>

namespace foljsam::web {

struct RouteInfo {
    enum class Kind { kPage, kApi, kPublic };
    std::string method;
    std::string pattern;
    Kind kind = Kind::kPage;
};

}  // namespace foljsam::web

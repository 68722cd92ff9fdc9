#pragma once
// Small text helpers shared by parsing in services and web. Plain functions; thread-safe.

#include <string>

namespace foljsam::domain {

// `s` without leading and trailing spaces, tabs and line breaks.
inline std::string Trim(const std::string& s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return "";
    return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

}  // namespace foljsam::domain

#pragma once
// The list of common passwords new passwords are checked against (domain/password_policy):
// the Swedish list of data/security, embedded at build time, and files of one password per
// line (Debian's john-data list, /usr/share/john/password.lst, by default).

#include <filesystem>
#include <string>
#include <vector>

#include "domain/password_policy.hpp"

namespace foljsam::services {

// The text of data/security/common-passwords-sv.txt. Immutable; thread-safe.
const std::string& EmbeddedSwedishCommonPasswords();

// The embedded list plus every file of `files` that can be read; the paths of those that
// cannot are added to `missing` (the caller warns: fewer passwords are refused).
domain::CommonPasswords LoadCommonPasswords(const std::vector<std::filesystem::path>& files,
                                            std::vector<std::string>* missing);

}  // namespace foljsam::services

#pragma once
// What makes a password acceptable (issue 5, item 3; ASVS 2.1): at least 12 and at most 256
// characters, and not a common password. "Common" means found in a list of common
// passwords, compared case-insensitively, also after taking away the digits and symbols
// around the letters ("Sommar2024!" is "sommar") and when it is one listed word repeated
// ("qwertyqwerty"). A password of digits and symbols only is common too.
// The list is data (services load it from files); this is the rule. Thread-safe once built.

#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>

namespace foljsam::domain {

class CommonPasswords {
   public:
    CommonPasswords() = default;
    // One password per line; lines starting with "#!comment:" or "#" and blank lines are
    // skipped; ASCII letters are lower-cased.
    void AddLines(std::istream& lines);
    void Add(std::string_view password);
    size_t size() const { return words_.size(); }

    bool IsCommon(std::string_view password) const;

   private:
    std::unordered_set<std::string> words_;
};

// The Swedish message for the field when `password` is not acceptable; nullopt when it is.
std::optional<std::string> PasswordProblem(std::string_view password, const CommonPasswords& common);

}  // namespace foljsam::domain

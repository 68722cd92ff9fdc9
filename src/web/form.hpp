#pragma once
// Decoded form fields (application/x-www-form-urlencoded) and query strings.
// Plain value type.

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace foljsam::web {

class Form {
   public:
    // Decodes "a=1&b=x+y&c=%C3%A5". Malformed escapes are kept literally.
    static Form Parse(const std::string& encoded);
    void Add(const std::string& name, const std::string& value) { values_.emplace(name, value); }
    // First value of `name`, or "" when absent.
    std::string Get(const std::string& name) const;
    std::vector<std::string> All(const std::string& name) const;
    bool Has(const std::string& name) const { return values_.count(name) > 0; }

   private:
    std::multimap<std::string, std::string> values_;
};

std::string UrlEncode(const std::string& text);

}  // namespace foljsam::web

#include "web/form.hpp"

namespace foljsam::web {
namespace {

int HexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string Decode(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (size_t idx = 0; idx < text.size(); ++idx) {
        const char c = text[idx];
        if (c == '+') {
            out += ' ';
        } else if (c == '%' && idx + 2 < text.size() && HexValue(text[idx + 1]) >= 0 && HexValue(text[idx + 2]) >= 0) {
            out += static_cast<char>(HexValue(text[idx + 1]) * 16 + HexValue(text[idx + 2]));
            idx += 2;
        } else {
            out += c;
        }
    }
    return out;
}

}  // namespace

Form Form::Parse(const std::string& encoded) {
    Form form;
    size_t start = 0;
    while (start <= encoded.size()) {
        size_t end = encoded.find('&', start);
        if (end == std::string::npos) end = encoded.size();
        const std::string pair = encoded.substr(start, end - start);
        if (!pair.empty()) {
            const size_t eq = pair.find('=');
            if (eq == std::string::npos) {
                form.Add(Decode(pair), "");
            } else {
                form.Add(Decode(pair.substr(0, eq)), Decode(pair.substr(eq + 1)));
            }
        }
        start = end + 1;
    }
    return form;
}

std::string Form::Get(const std::string& name) const {
    auto it = values_.find(name);
    return it == values_.end() ? "" : it->second;
}

std::vector<std::string> Form::All(const std::string& name) const {
    std::vector<std::string> out;
    auto [first, last] = values_.equal_range(name);
    for (auto it = first; it != last; ++it) out.push_back(it->second);
    return out;
}

std::string UrlEncode(const std::string& text) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

}  // namespace foljsam::web

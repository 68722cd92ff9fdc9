#pragma once
// Escaping text for HTML and SVG markup, in element content and in quoted attributes.
// Plain function; thread-safe.

#include <string>
#include <string_view>

namespace foljsam::report {

// `text` with &, <, >, " and ' as character references, and control characters other
// than tab, line feed and carriage return (which XML forbids) as spaces. UTF-8 passes through.
inline std::string EscapeMarkup(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char ch : text) {
        switch (ch) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            case '\t':
            case '\n':
            case '\r':
                out += ch;
                break;
            default:
                out += static_cast<unsigned char>(ch) < 0x20 ? ' ' : ch;
        }
    }
    return out;
}

}  // namespace foljsam::report

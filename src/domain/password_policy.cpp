#include "domain/password_policy.hpp"

namespace foljsam::domain {
namespace {

// Lower-cases ASCII and the Swedish letters Å, Ä, Ö (UTF-8); other bytes stay.
std::string Lower(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c >= 'A' && c <= 'Z') {
            out += static_cast<char>(c - 'A' + 'a');
        } else if (c == 0xC3 && i + 1 < text.size()) {
            const unsigned char next = static_cast<unsigned char>(text[i + 1]);
            out += static_cast<char>(c);
            out += static_cast<char>((next == 0x85 || next == 0x84 || next == 0x96) ? next + 0x20 : next);
            ++i;
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

bool IsAsciiDigitOrSymbol(unsigned char c) { return c < 0x80 && !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')); }

// `text` without the ASCII digits, symbols and spaces around and inside it.
std::string LettersOnly(const std::string& text) {
    std::string out;
    for (unsigned char c : text)
        if (!IsAsciiDigitOrSymbol(c)) out += static_cast<char>(c);
    return out;
}

size_t CharCount(std::string_view text) {
    size_t n = 0;
    for (unsigned char c : text)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

}  // namespace

void CommonPasswords::AddLines(std::istream& lines) {
    std::string line;
    while (std::getline(lines, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line[0] == '#') continue;
        Add(line);
    }
}

void CommonPasswords::Add(std::string_view password) {
    if (!password.empty()) words_.insert(Lower(password));
}

bool CommonPasswords::IsCommon(std::string_view password) const {
    const std::string lower = Lower(password);
    if (words_.count(lower)) return true;
    const std::string letters = LettersOnly(lower);
    if (letters.empty()) return true;  // digits and symbols only
    if (words_.count(letters)) return true;
    // One word repeated: "qwertyqwerty", "sommarsommar".
    for (size_t len = 1; len <= letters.size() / 2; ++len) {
        if (letters.size() % len != 0) continue;
        bool repeated = true;
        for (size_t i = len; i < letters.size() && repeated; ++i) repeated = letters[i] == letters[i % len];
        if (repeated && (len < 3 || words_.count(letters.substr(0, len)))) return true;
    }
    return false;
}

std::optional<std::string> PasswordProblem(std::string_view password, const CommonPasswords& common) {
    if (CharCount(password) < 12) return "Lösenordet ska ha minst 12 tecken.";
    if (password.size() > 256) return "Lösenordet får ha högst 256 tecken.";
    if (common.IsCommon(password))
        return "Lösenordet är för vanligt och lätt att gissa. Välj ett annat, till exempel några ord som inte hör "
               "ihop.";
    return std::nullopt;
}

}  // namespace foljsam::domain

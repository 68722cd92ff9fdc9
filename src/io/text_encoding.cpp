#include "io/text_encoding.hpp"

#include <array>
#include <cstdint>

namespace foljsam::io {

bool Utf8Validator::Feed(std::string_view chunk) {
    for (const char ch : chunk) {
        if (!valid_) return false;
        const auto byte = static_cast<unsigned char>(ch);
        if (pending_ > 0) {
            if (byte < lower_ || byte > upper_) {
                valid_ = false;
                return false;
            }
            lower_ = 0x80;
            upper_ = 0xBF;
            --pending_;
            continue;
        }
        if (byte < 0x80) continue;
        if (byte >= 0xC2 && byte <= 0xDF) {
            pending_ = 1;
        } else if (byte >= 0xE0 && byte <= 0xEF) {
            pending_ = 2;
            if (byte == 0xE0) lower_ = 0xA0;  // no overlong three-byte forms
            if (byte == 0xED) upper_ = 0x9F;  // no UTF-16 surrogates
        } else if (byte >= 0xF0 && byte <= 0xF4) {
            pending_ = 3;
            if (byte == 0xF0) lower_ = 0x90;  // no overlong four-byte forms
            if (byte == 0xF4) upper_ = 0x8F;  // nothing above U+10FFFF
        } else {
            valid_ = false;  // 0x80..0xC1 as a first byte, or 0xF5..0xFF
        }
    }
    return valid_;
}

bool IsValidUtf8(std::string_view text) {
    Utf8Validator validator;
    return validator.Feed(text) && validator.Finish();
}

namespace {

// Unicode code points of Windows-1252 bytes 0x80..0x9F; 0 marks the undefined ones.
constexpr std::array<uint16_t, 32> kHighControls = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

void AppendUtf8(uint32_t code_point, std::string& out) {
    if (code_point < 0x80) {
        out += static_cast<char>(code_point);
    } else if (code_point < 0x800) {
        out += static_cast<char>(0xC0 | (code_point >> 6));
        out += static_cast<char>(0x80 | (code_point & 0x3F));
    } else {
        out += static_cast<char>(0xE0 | (code_point >> 12));
        out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code_point & 0x3F));
    }
}

}  // namespace

std::optional<std::string> DecodeWindows1252(std::string_view bytes, size_t* bad_offset) {
    std::string out;
    out.reserve(bytes.size() + bytes.size() / 8);
    for (size_t offset = 0; offset < bytes.size(); ++offset) {
        const auto byte = static_cast<unsigned char>(bytes[offset]);
        uint32_t code_point = byte;  // 0x00..0x7F and 0xA0..0xFF equal Latin-1
        if (byte >= 0x80 && byte <= 0x9F) {
            code_point = kHighControls[byte - 0x80];
            if (code_point == 0) {
                if (bad_offset) *bad_offset = offset;
                return std::nullopt;
            }
        }
        AppendUtf8(code_point, out);
    }
    return out;
}

}  // namespace foljsam::io

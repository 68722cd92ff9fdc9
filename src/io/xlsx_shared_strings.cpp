#include "io/xlsx_shared_strings.hpp"

#include <cstdint>
#include <utility>

namespace foljsam::io::xlsx {

namespace {

int HexValue(char ch) {
    if (ch >= '0' && ch <= '9') return ch - '0';
    if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
    if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
    return -1;
}

// The code point of "_xHHHH_" at `pos`, or -1.
int32_t EscapeAt(const std::string& text, size_t pos) {
    if (pos + 7 > text.size() || text.compare(pos, 2, "_x") != 0 || text[pos + 6] != '_') return -1;
    int32_t code_point = 0;
    for (size_t digit = 2; digit < 6; ++digit) {
        const int value = HexValue(text[pos + digit]);
        if (value < 0) return -1;
        code_point = code_point * 16 + value;
    }
    if (code_point == 0 || (code_point >= 0xD800 && code_point <= 0xDFFF)) return -1;
    return code_point;
}

void AppendUtf8(int32_t code_point, std::string& out) {
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

void DecodeOoxmlEscapes(std::string& text) {
    if (text.find("_x") == std::string::npos) return;
    std::string decoded;
    decoded.reserve(text.size());
    for (size_t pos = 0; pos < text.size();) {
        const int32_t code_point = EscapeAt(text, pos);
        if (code_point < 0) {
            decoded += text[pos++];
            continue;
        }
        AppendUtf8(code_point, decoded);
        pos += 7;
    }
    text = std::move(decoded);
}

void RichText::Start(std::string_view name) {
    const bool parent_is_item = path_.empty();
    const bool parent_is_run = path_.size() == 1 && path_.back() == "r";
    if (name == "t") {
        path_.push_back("t");
        capturing_ = parent_is_item || parent_is_run;
    } else if (name == "r" && parent_is_item) {
        path_.push_back("r");
    } else {
        path_.push_back("other");  // <rPh>, <rPr> and anything unknown: never captured
    }
}

void RichText::End() {
    if (!path_.empty()) path_.pop_back();
    capturing_ = false;  // a <t> has no children that matter, so its end ends the capture
}

Status TextTooLong(const ReadLimits& limits) {
    return Status::InvalidInput("Filen innehåller en cell med mer än " + std::to_string(limits.max_cell_bytes) +
                                " byte text, vilket är gränsen.");
}

Status SharedStringsHandler::Start(std::string_view name, const xml::Attributes&) {
    if (depth_in_item_ > 0) {
        ++depth_in_item_;
        rich_text_.Start(name);
    } else if (name == "si") {
        depth_in_item_ = 1;
        current_.clear();
    }
    return Status::Ok();
}

Status SharedStringsHandler::End(std::string_view) {
    if (depth_in_item_ == 0) return Status::Ok();
    if (--depth_in_item_ > 0) {
        rich_text_.End();
        return Status::Ok();
    }
    if (strings_.size() >= limits_.max_cells) {
        return Status::InvalidInput("Filen innehåller fler än " + std::to_string(limits_.max_cells) +
                                    " texter, vilket är gränsen.");
    }
    DecodeOoxmlEscapes(current_);
    strings_.push_back(std::move(current_));
    current_.clear();
    return Status::Ok();
}

Status SharedStringsHandler::Text(std::string_view text) {
    if (!rich_text_.capturing()) return Status::Ok();
    if (current_.size() + text.size() > limits_.max_cell_bytes) return TextTooLong(limits_);
    current_.append(text);
    return Status::Ok();
}

}  // namespace foljsam::io::xlsx

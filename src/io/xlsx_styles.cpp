#include "io/xlsx_styles.hpp"

#include <charconv>

namespace foljsam::io::xlsx {

namespace {

long ParseId(std::string_view text) {
    long id = -1;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (error != std::errc() || end != text.data() + text.size()) return -1;
    return id;
}

}  // namespace

bool IsBuiltinDateFormat(long id) { return (id >= 14 && id <= 22) || (id >= 45 && id <= 47); }

bool IsDateFormatCode(std::string_view code) {
    for (size_t pos = 0; pos < code.size(); ++pos) {
        switch (code[pos]) {
            case '"': {  // quoted literal text
                const size_t close = code.find('"', pos + 1);
                if (close == std::string_view::npos) return false;
                pos = close;
                break;
            }
            case '[': {  // [Red], [$-41D], [h]: colours, locales and elapsed-time markers
                const size_t close = code.find(']', pos + 1);
                if (close == std::string_view::npos) return false;
                pos = close;
                break;
            }
            case '\\':  // the next character is literal
            case '_':   // the next character's width as space
            case '*':   // the next character repeated to fill
                ++pos;
                break;
            case 'y':
            case 'Y':
            case 'm':
            case 'M':
            case 'd':
            case 'D':
            case 'h':
            case 'H':
            case 's':
            case 'S':
                return true;
            default:
                break;
        }
    }
    return false;
}

Status StylesHandler::Start(std::string_view name, const xml::Attributes& attributes) {
    if (name == "numFmts") {
        in_num_fmts_ = true;
    } else if (name == "cellXfs") {
        in_cell_xfs_ = true;
    } else if (name == "numFmt" && in_num_fmts_) {
        const long id = ParseId(attributes.Get("numFmtId").value_or(""));
        if (id >= 0) custom_formats_[id] = IsDateFormatCode(attributes.Get("formatCode").value_or(""));
    } else if (name == "xf" && in_cell_xfs_) {
        const long id = ParseId(attributes.Get("numFmtId").value_or("0"));
        const auto custom = custom_formats_.find(id);
        date_styles_.push_back(custom != custom_formats_.end() ? custom->second : IsBuiltinDateFormat(id));
    }
    return Status::Ok();
}

Status StylesHandler::End(std::string_view name) {
    if (name == "numFmts") in_num_fmts_ = false;
    if (name == "cellXfs") in_cell_xfs_ = false;
    return Status::Ok();
}

}  // namespace foljsam::io::xlsx

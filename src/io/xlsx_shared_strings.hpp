#pragma once
// The shared-string table of an xlsx (xl/sharedStrings.xml), which cells with t="s" index,
// and the text rules it shares with inline strings (shared/stack.md 5.5): an <si> is one <t>
// or rich-text runs <r><t> that are concatenated; phonetic runs <rPh> are skipped; Excel's
// "_xHHHH_" escapes (e.g. "_x000D_" for a carriage return) are decoded. Single-use,
// single-threaded handler.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.hpp"
#include "io/sheet.hpp"
#include "io/xml_stream.hpp"

namespace foljsam::io::xlsx {

// Replaces each "_xHHHH_" (four hex digits) by that character, as Excel does on reading;
// "_x005F_" is how a literal underscore before such a pattern is written. Patterns naming
// NUL or a surrogate are left as they are.
void DecodeOoxmlEscapes(std::string& text);

// Collects the text of the <t> elements of one string item: direct children of the item, or
// of its <r> runs. Used for <si> here and for a cell's <is>.
class RichText {
   public:
    // Call for every start and end tag inside the item, with the item itself at depth 0.
    void Start(std::string_view name);
    void End();
    bool capturing() const { return capturing_; }

   private:
    std::vector<std::string_view> path_;  // static names only: "r", "t", "rPh" or "other"
    bool capturing_ = false;
};

// Fails (kInvalidInput) when one string exceeds ReadLimits::max_cell_bytes or the table
// holds more than ReadLimits::max_cells strings.
class SharedStringsHandler : public xml::Handler {
   public:
    explicit SharedStringsHandler(const ReadLimits& limits) : limits_(limits) {}
    Status Start(std::string_view name, const xml::Attributes& attributes) override;
    Status End(std::string_view name) override;
    Status Text(std::string_view text) override;

    std::vector<std::string> TakeStrings() { return std::move(strings_); }

   private:
    const ReadLimits& limits_;
    std::vector<std::string> strings_;
    std::string current_;
    RichText rich_text_;
    size_t depth_in_item_ = 0;  // 0 outside an <si>, 1 on the <si> itself
};

// The message for text longer than ReadLimits::max_cell_bytes.
Status TextTooLong(const ReadLimits& limits);

}  // namespace foljsam::io::xlsx

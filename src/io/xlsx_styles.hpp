#pragma once
// Which cell styles of an xlsx show dates (shared/stack.md 5.5). A date is stored as a
// serial day number; only its style's number format says it is a date. xl/styles.xml lists
// custom formats (<numFmts><numFmt numFmtId formatCode>) and then the cell styles
// (<cellXfs><xf numFmtId>), which a cell's s="N" indexes. Date-or-time formats are the
// built-in ids 14-22 and 45-47, or a custom code with a y, m, d, h or s outside quoted
// text, escapes and [..] sections. Single-use, single-threaded handler.

#include <cstddef>
#include <map>
#include <string_view>
#include <vector>

#include "common/status.hpp"
#include "io/xml_stream.hpp"

namespace foljsam::io::xlsx {

// True for built-in number format ids that show a date or a time.
bool IsBuiltinDateFormat(long id);
// True when a custom number format code shows a date or a time ("yyyy-mm-dd", "d/m/yy h:mm",
// "[$-41D]mmmm yyyy"; not "#,##0 \"dagar\"" or "[Red]0.00").
bool IsDateFormatCode(std::string_view code);

class StylesHandler : public xml::Handler {
   public:
    Status Start(std::string_view name, const xml::Attributes& attributes) override;
    Status End(std::string_view name) override;
    Status Text(std::string_view) override { return Status::Ok(); }

    // Whether cell style `index` (a cell's s attribute) is a date; false for unknown indexes.
    bool IsDateStyle(size_t index) const { return index < date_styles_.size() && date_styles_[index]; }

   private:
    std::map<long, bool> custom_formats_;  // numFmtId -> shows a date
    std::vector<bool> date_styles_;        // per <xf> in <cellXfs>
    bool in_num_fmts_ = false;
    bool in_cell_xfs_ = false;
};

}  // namespace foljsam::io::xlsx

// The small rules behind the xlsx reader: date formats and relationship targets.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "io/xlsx_styles.hpp"
#include "io/xlsx_workbook.hpp"

namespace foljsam::io::xlsx {
namespace {

TEST(XlsxParts, DateFormatCodesAreRecognised) {
    struct Case {
        std::string code;
        bool date;
    };
    const std::vector<Case> cases = {
        {"yyyy-mm-dd", true},
        {"d/m/yy h:mm", true},
        {"[$-41D]mmmm yyyy", true},
        {"[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy", true},
        {"hh:mm:ss", true},
        {"[h]:mm", true},
        {"General", false},
        {"0.00", false},
        {"#,##0 \"kr\"", false},
        {"#,##0 \"dagar\"", false},        // letters in quotes are literal text
        {"[Red]0.00;[Blue]-0.00", false},  // colours are no date parts
        {"0\\d", false},                   // an escaped letter is literal
        {"0.00E+00", false},
        {"_(* #,##0_);_(* (#,##0);_(* \"-\"_)", false},
        {"@", false},
        {"\"unterminated", false},
    };
    for (const Case& c : cases) EXPECT_EQ(IsDateFormatCode(c.code), c.date) << c.code;
}

TEST(XlsxParts, BuiltinDateFormatsAre14To22And45To47) {
    for (long id = 0; id < 60; ++id) {
        EXPECT_EQ(IsBuiltinDateFormat(id), (id >= 14 && id <= 22) || (id >= 45 && id <= 47)) << id;
    }
}

TEST(XlsxParts, RelationshipTargetsResolveWithinThePackage) {
    EXPECT_EQ(ResolveTarget("xl/", "worksheets/sheet1.xml"), "xl/worksheets/sheet1.xml");
    EXPECT_EQ(ResolveTarget("xl/", "/xl/worksheets/sheet1.xml"), "xl/worksheets/sheet1.xml");
    EXPECT_EQ(ResolveTarget("xl/", "./a/../b.xml"), "xl/b.xml");
    EXPECT_EQ(ResolveTarget("xl/", "../c.xml"), "c.xml");
    EXPECT_EQ(ResolveTarget("xl/", "../../c.xml"), "");  // leaves the package
}

}  // namespace
}  // namespace foljsam::io::xlsx

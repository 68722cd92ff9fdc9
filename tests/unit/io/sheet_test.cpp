#include "io/sheet.hpp"

#include <gtest/gtest.h>

namespace foljsam::io {
namespace {

TEST(SheetColumnName, CountsLikeTheSpreadsheetHeaders) {
    EXPECT_EQ(ColumnName(0), "");
    EXPECT_EQ(ColumnName(1), "A");
    EXPECT_EQ(ColumnName(26), "Z");
    EXPECT_EQ(ColumnName(27), "AA");
    EXPECT_EQ(ColumnName(52), "AZ");
    EXPECT_EQ(ColumnName(53), "BA");
    EXPECT_EQ(ColumnName(702), "ZZ");
    EXPECT_EQ(ColumnName(703), "AAA");
    EXPECT_EQ(ColumnName(16384), "XFD");  // Excel's last column
}

}  // namespace
}  // namespace foljsam::io

// What the XLSX renderers share (report/report_tables.hpp): worksheet names under Excel's
// rules, and the sentence on small-number protection.

#include "report/report_tables.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace foljsam::report {
namespace {

size_t Chars(const std::string& text) {
    size_t chars = 0;
    for (char ch : text) chars += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
    return chars;
}

TEST(SheetName, ReplacesTheCharactersExcelForbids) {
    std::set<std::string> used;
    EXPECT_EQ(SheetName("Kön [K/M]: *?\\", used), "Kön -K-M-- ---");
}

TEST(SheetName, CutsToThirtyOneCharactersNotBytesAtAWordsEnd) {
    std::set<std::string> used;
    EXPECT_EQ(SheetName("Åldersgrupp bland påbörjade under året 2025", used), "Åldersgrupp bland påbörjade");
    EXPECT_EQ(SheetName("Tid utan arbete eller studier, påbörjade 2025", used), "Tid utan arbete eller studier");
    const std::string word = "Försörjningsstödsmottagarandelsberäkning";  // one word of 40 letters
    const std::string name = SheetName(word, used);
    EXPECT_EQ(Chars(name), 31u) << name;
    EXPECT_EQ(word.rfind(name, 0), 0u) << name;
}

TEST(SheetName, MakesNamesUniqueIgnoringCase) {
    std::set<std::string> used;
    const std::string long_name = "Andel kvinnor bland påbörjade och avslutade per år";
    EXPECT_EQ(SheetName(long_name, used), "Andel kvinnor bland påbörjade");
    EXPECT_EQ(SheetName(long_name, used), "Andel kvinnor bland (2)");
    EXPECT_EQ(SheetName(long_name, used), "Andel kvinnor bland (3)");
    EXPECT_EQ(SheetName("Totalt", used), "Totalt");
    EXPECT_EQ(SheetName("TOTALT", used), "TOTALT (2)");
    for (const std::string& name : used) EXPECT_LE(Chars(name), 31u) << name;
}

TEST(SuppressionSentence, SaysWhatTheMarkersMean) {
    const std::string applied = SuppressionSentence(5, true);
    EXPECT_NE(applied.find("1 till 4"), std::string::npos) << applied;
    EXPECT_NE(applied.find("\"<5\""), std::string::npos) << applied;
    EXPECT_NE(applied.find("\"–\""), std::string::npos) << applied;
    EXPECT_NE(SuppressionSentence(5, false).find("Inte tillämpat"), std::string::npos);
}

}  // namespace
}  // namespace foljsam::report

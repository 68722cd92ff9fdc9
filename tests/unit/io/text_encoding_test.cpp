#include "io/text_encoding.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace foljsam::io {
namespace {

TEST(TextEncoding, Utf8ValidationFollowsTheStandard) {
    struct Case {
        std::string bytes;
        bool valid;
    };
    const std::vector<Case> cases = {
        {"", true},
        {"Åsa Öberg, Malmö €", true},
        {"\xF0\x9F\x98\x80", true},   // U+1F600
        {"\xF4\x8F\xBF\xBF", true},   // U+10FFFF
        {"\xC3", false},              // truncated
        {"\xC3\x28", false},          // bad continuation
        {"\xC0\xAF", false},          // overlong "/"
        {"\xE0\x80\xAF", false},      // overlong, three bytes
        {"\xED\xA0\x80", false},      // surrogate U+D800
        {"\xF4\x90\x80\x80", false},  // above U+10FFFF
        {"\xFF", false},
        {"\x80", false},  // lone continuation
    };
    for (const Case& c : cases) {
        EXPECT_EQ(IsValidUtf8(c.bytes), c.valid) << "bytes of length " << c.bytes.size() << ": " << c.bytes;
    }
}

TEST(TextEncoding, Utf8SequencesMaySpanChunks) {
    const std::string text = "Gr\xC3\xB6n \xE2\x82\xAC \xF0\x9F\x98\x80";
    for (size_t split = 0; split <= text.size(); ++split) {
        Utf8Validator validator;
        EXPECT_TRUE(validator.Feed(text.substr(0, split))) << split;
        EXPECT_TRUE(validator.Feed(text.substr(split))) << split;
        EXPECT_TRUE(validator.Finish()) << split;
    }
    Utf8Validator unfinished;
    EXPECT_TRUE(unfinished.Feed("ok \xE2\x82"));
    EXPECT_FALSE(unfinished.Finish());
}

TEST(TextEncoding, Windows1252MapsTheSwedishLettersAndTheEuroSign) {
    const auto decoded = DecodeWindows1252("\xC5\xC4\xD6\xE5\xE4\xF6 \x80 \x96 \x93x\x94");
    ASSERT_TRUE(decoded.has_value());
    EXPECT_EQ(*decoded, "ÅÄÖåäö € – “x”");
}

TEST(TextEncoding, Windows1252UndefinedBytesFail) {
    for (const char byte : {'\x81', '\x8D', '\x8F', '\x90', '\x9D'}) {
        size_t offset = 0;
        EXPECT_FALSE(DecodeWindows1252(std::string("ab") + byte, &offset).has_value()) << static_cast<int>(byte);
        EXPECT_EQ(offset, 2u);
    }
}

}  // namespace
}  // namespace foljsam::io

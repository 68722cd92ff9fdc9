#pragma once
// Text encodings met in uploaded spreadsheets: strict UTF-8 validation, whole or streamed
// chunk by chunk (the xlsx reader checks each XML part while inflating it), and decoding
// Windows-1252, the encoding of CSV files saved by Swedish Excel as "CSV (semikolonavgränsad)".
// Plain functions and a small value type; a validator is not thread-safe to share.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace foljsam::io {

// Validates UTF-8 incrementally: a sequence may be split across chunks. Strict as in the
// Unicode standard (table 3-7): no overlong forms, no surrogates, nothing above U+10FFFF.
class Utf8Validator {
   public:
    // False as soon as the bytes fed so far cannot be the start of valid UTF-8.
    bool Feed(std::string_view chunk);
    // True when everything fed was valid and no sequence was left unfinished.
    bool Finish() const { return valid_ && pending_ == 0; }

   private:
    bool valid_ = true;
    int pending_ = 0;  // continuation bytes still expected
    unsigned char lower_ = 0x80;
    unsigned char upper_ = 0xBF;  // allowed range of the next continuation byte
};

bool IsValidUtf8(std::string_view text);

// Decodes Windows-1252 into UTF-8 (0x80 is U+20AC, 0xE5 is U+00E5 "å", and so on). The five
// bytes the code page leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) make it fail: the
// file is then in some other encoding, and guessing would corrupt names. On failure
// returns nullopt and sets `*bad_offset` (if given) to the offset of the first such byte.
std::optional<std::string> DecodeWindows1252(std::string_view bytes, size_t* bad_offset = nullptr);

}  // namespace foljsam::io

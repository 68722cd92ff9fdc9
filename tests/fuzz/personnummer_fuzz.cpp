// libFuzzer target: Personnummer::Parse with a fixed "today". On success the canonical form
// is 12 digits, parses again to itself and has a real birth date; on failure the message
// never echoes the digits of the input.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "domain/personnummer.hpp"
#include "fuzz/fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using foljsam::domain::Personnummer;
    const foljsam::domain::Date today{2025, 6, 15};
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const auto parsed = Personnummer::Parse(input, today);
    if (!parsed.ok()) {
        std::string digits;
        for (const char ch : input) {
            if (ch >= '0' && ch <= '9') digits += ch;
        }
        FUZZ_CHECK(digits.size() < 6 || parsed.status().message().find(digits) == std::string::npos);
        return 0;
    }
    const std::string& canonical = parsed->canonical();
    FUZZ_CHECK(canonical.size() == 12);
    for (const char ch : canonical) FUZZ_CHECK(ch >= '0' && ch <= '9');
    FUZZ_CHECK(parsed->birth_date().IsValid());
    const auto again = Personnummer::Parse(canonical, today);
    FUZZ_CHECK(again.ok());
    FUZZ_CHECK(again->canonical() == canonical);
    FUZZ_CHECK(again->is_samordningsnummer() == parsed->is_samordningsnummer());
    FUZZ_CHECK(again->legal_gender() == parsed->legal_gender());
    return 0;
}

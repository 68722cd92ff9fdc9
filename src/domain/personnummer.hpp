#pragma once
// Swedish personnummer and samordningsnummer: parsing, validation, derived attributes.
//
// Accepted input: 10 digits (YYMMDDNNNC) or 12 digits (YYYYMMDDNNNC), optionally with a
// separator '-' or '+' before the last four digits. For 10-digit input the century is
// chosen so the person is at most 99 years old on `today` with '-', and 100 or older
// with '+'. The check digit is the Luhn digit over the 10-digit form. A samordningsnummer
// has day + 60 (61..91). The date part must be a real calendar date.
// Values never appear in error messages: callers may show messages to users and logs.

#include <optional>
#include <string>
#include <string_view>

#include "common/status.hpp"
#include "domain/date.hpp"

namespace foljsam::domain {

enum class LegalGender { kWoman, kMan };

class Personnummer {
   public:
    // Parses and validates. Failure: kInvalidInput with a Swedish message naming what is
    // wrong (length, characters, date, check digit) but never echoing the number.
    static Result<Personnummer> Parse(std::string_view input, const Date& today);

    // Canonical 12 digits "YYYYMMDDNNNC" (no separator). This is the form hashed and stored.
    const std::string& canonical() const { return canonical_; }
    bool is_samordningsnummer() const { return samordning_; }
    int birth_year() const;
    // Real birth date (day - 60 for samordningsnummer).
    Date birth_date() const;
    // From the second-to-last digit: odd is a man, even is a woman.
    LegalGender legal_gender() const;

   private:
    std::string canonical_;
    bool samordning_ = false;
};

// Luhn check digit (0-9) for the first nine digits of `nine_digits`. Precondition: 9 digits.
int LuhnCheckDigit(std::string_view nine_digits);

}  // namespace foljsam::domain

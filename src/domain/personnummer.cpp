#include "domain/personnummer.hpp"

#include <cassert>

namespace foljsam::domain {
namespace {

// Messages are shown to users and may reach logs, so none of them may echo the input.
constexpr const char* kBadCharacters =
    "Personnumret får bara innehålla siffror och ett bindestreck eller plustecken före de fyra sista siffrorna.";
constexpr const char* kBadSeparator = "Bindestrecket eller plustecknet ska stå före de fyra sista siffrorna.";
constexpr const char* kBadLength = "Personnumret ska ha 10 eller 12 siffror.";
constexpr const char* kBadDate = "Personnumret har ett datum som inte finns.";
constexpr const char* kBadCheckDigit = "Kontrollsiffran stämmer inte.";

Status Invalid(const char* message) { return Status::InvalidInput(message, {{"personnummer", message}}); }

int TwoDigits(std::string_view digits, size_t pos) { return (digits[pos] - '0') * 10 + (digits[pos + 1] - '0'); }

// Century for a 10-digit number: the latest year ending in `yy` whose (month, day) is not
// after `today`, one century earlier again for '+' (the person has turned 100).
int FullYearFor(int yy, int month, int day, char separator, const Date& today) {
    int year = today.year - ((today.year - yy) % 100 + 100) % 100;
    if (year == today.year && (month > today.month || (month == today.month && day > today.day))) year -= 100;
    if (separator == '+') year -= 100;
    return year;
}

}  // namespace

int LuhnCheckDigit(std::string_view nine_digits) {
    assert(nine_digits.size() == 9);  // precondition in the header
    int sum = 0;
    for (size_t idx = 0; idx < 9; ++idx) {
        int value = nine_digits[idx] - '0';
        if (idx % 2 == 0) {
            value *= 2;
            if (value > 9) value -= 9;
        }
        sum += value;
    }
    return (10 - sum % 10) % 10;
}

Result<Personnummer> Personnummer::Parse(std::string_view input, const Date& today) {
    std::string digits;
    char separator = '\0';
    size_t separator_pos = std::string_view::npos;
    for (size_t idx = 0; idx < input.size(); ++idx) {
        char c = input[idx];
        if (c >= '0' && c <= '9') {
            digits.push_back(c);
            continue;
        }
        if ((c != '-' && c != '+') || separator != '\0') return Invalid(kBadCharacters);
        separator = c;
        separator_pos = idx;
    }
    if (digits.size() != 10 && digits.size() != 12) return Invalid(kBadLength);
    if (separator != '\0' && separator_pos != input.size() - 5) return Invalid(kBadSeparator);

    size_t date_pos = digits.size() - 10;  // start of YYMMDD
    int month = TwoDigits(digits, date_pos + 2);
    int coded_day = TwoDigits(digits, date_pos + 4);
    bool samordning = coded_day >= 61 && coded_day <= 91;
    int day = samordning ? coded_day - 60 : coded_day;

    int year = digits.size() == 12 ? std::stoi(digits.substr(0, 4))
                                   : FullYearFor(TwoDigits(digits, 0), month, day, separator, today);
    if (!Date{year, month, day}.IsValid()) return Invalid(kBadDate);

    std::string_view ten(digits.data() + date_pos, 10);
    if (LuhnCheckDigit(ten.substr(0, 9)) != ten[9] - '0') return Invalid(kBadCheckDigit);

    Personnummer result;
    result.canonical_ = std::to_string(year / 100) + std::string(ten);
    result.samordning_ = samordning;
    return result;
}

int Personnummer::birth_year() const { return std::stoi(canonical_.substr(0, 4)); }

Date Personnummer::birth_date() const {
    int day = std::stoi(canonical_.substr(6, 2));
    return Date{birth_year(), std::stoi(canonical_.substr(4, 2)), samordning_ ? day - 60 : day};
}

LegalGender Personnummer::legal_gender() const {
    return (canonical_[10] - '0') % 2 == 1 ? LegalGender::kMan : LegalGender::kWoman;
}

}  // namespace foljsam::domain

#include "report/period.hpp"

#include <array>
#include <cassert>
#include <cstdio>

namespace foljsam::report {
namespace {

using domain::Date;

Date LastDayOfMonth(int year, int month) { return Date{year, month, 1}.AddMonths(1).AddDays(-1); }

bool IsLastDayOfMonth(const Date& date) { return date.AddDays(1).day == 1; }

// Parses exactly `width` ASCII digits; -1 when any is not a digit.
int Digits(std::string_view text, size_t pos, size_t width) {
    if (pos + width > text.size()) return -1;
    int value = 0;
    for (size_t idx = pos; idx < pos + width; ++idx) {
        const char c = text[idx];
        if (c < '0' || c > '9') return -1;
        value = value * 10 + (c - '0');
    }
    return value;
}

Status BadPeriod() {
    return Status::InvalidInput(
        "Ogiltig period. Ange ett år (2025), ett halvår (2025-H1), ett kvartal (2025-Q3), en månad (2025-04) "
        "eller ett intervall (2025-01-01..2025-06-30).",
        {{"period", "Ogiltig period."}});
}

bool YearInRange(int year) { return year >= 1800 && year <= 2200; }

// The calendar shape of a period: how many months it spans when it starts on the first
// of a month and ends on the last day of a month inside one year; 0 otherwise.
int CalendarMonths(const Date& from, const Date& to) {
    if (from.day != 1 || !IsLastDayOfMonth(to) || from.year != to.year || from.month > to.month) return 0;
    return to.month - from.month + 1;
}

constexpr std::array<const char*, 12> kMonthNames = {"januari",   "februari", "mars",     "april",
                                                     "maj",       "juni",     "juli",     "augusti",
                                                     "september", "oktober",  "november", "december"};
constexpr std::array<const char*, 4> kOrdinals = {"första", "andra", "tredje", "fjärde"};

}  // namespace

Period Period::Year(int year) { return Period{Date{year, 1, 1}, Date{year, 12, 31}}; }

Period Period::Half(int year, int half) {
    assert(half == 1 || half == 2);  // precondition, see header
    return half == 1 ? Period{Date{year, 1, 1}, Date{year, 6, 30}} : Period{Date{year, 7, 1}, Date{year, 12, 31}};
}

Period Period::Quarter(int year, int quarter) {
    assert(quarter >= 1 && quarter <= 4);  // precondition, see header
    const int first_month = (quarter - 1) * 3 + 1;
    return Period{Date{year, first_month, 1}, LastDayOfMonth(year, first_month + 2)};
}

Period Period::Month(int year, int month) {
    assert(month >= 1 && month <= 12);  // precondition, see header
    return Period{Date{year, month, 1}, LastDayOfMonth(year, month)};
}

Result<Period> Period::Custom(const Date& from, const Date& to) {
    if (!from.IsValid() || !to.IsValid()) return BadPeriod();
    if (to < from) {
        return Status::InvalidInput("Periodens slutdatum ligger före startdatumet.",
                                    {{"period", "Slutdatum före startdatum."}});
    }
    return Period{from, to};
}

Result<Period> Period::Parse(std::string_view text) {
    if (const size_t dots = text.find(".."); dots != std::string_view::npos) {
        const auto from = domain::ParseIsoDate(text.substr(0, dots));
        const auto to = domain::ParseIsoDate(text.substr(dots + 2));
        if (!from || !to) return BadPeriod();
        return Custom(*from, *to);
    }
    const int year = Digits(text, 0, 4);
    if (year < 0 || !YearInRange(year)) return BadPeriod();
    if (text.size() == 4) return Year(year);
    if (text.size() != 7 || text[4] != '-') return BadPeriod();
    const char kind = text[5];
    if (kind == 'H' || kind == 'h') {
        const int half = Digits(text, 6, 1);
        if (half < 1 || half > 2) return BadPeriod();
        return Half(year, half);
    }
    if (kind == 'Q' || kind == 'q') {
        const int quarter = Digits(text, 6, 1);
        if (quarter < 1 || quarter > 4) return BadPeriod();
        return Quarter(year, quarter);
    }
    const int month = Digits(text, 5, 2);
    if (month < 1 || month > 12) return BadPeriod();
    return Month(year, month);
}

Period Period::SamePeriodLastYear() const {
    const Date new_to = IsLastDayOfMonth(to) ? LastDayOfMonth(to.year - 1, to.month) : to.AddMonths(-12);
    return Period{from.AddMonths(-12), new_to};
}

std::string Period::Key() const {
    char buffer[32];
    switch (CalendarMonths(from, to)) {
        case 12:
            return std::to_string(from.year);
        case 6:
            if (from.month == 1 || from.month == 7) {
                std::snprintf(buffer, sizeof buffer, "%04d-H%d", from.year, from.month == 1 ? 1 : 2);
                return buffer;
            }
            break;
        case 3:
            if ((from.month - 1) % 3 == 0) {
                std::snprintf(buffer, sizeof buffer, "%04d-Q%d", from.year, (from.month - 1) / 3 + 1);
                return buffer;
            }
            break;
        case 1:
            std::snprintf(buffer, sizeof buffer, "%04d-%02d", from.year, from.month);
            return buffer;
        default:
            break;
    }
    return from.ToString() + ".." + to.ToString();
}

std::string Period::Label() const {
    const std::string key = Key();
    const std::string year = std::to_string(from.year);
    if (key.size() == 4) return key;
    if (key.size() == 7 && key[5] == 'H') return std::string(kOrdinals[key[6] - '1']) + " halvåret " + year;
    if (key.size() == 7 && key[5] == 'Q') return std::string(kOrdinals[key[6] - '1']) + " kvartalet " + year;
    if (key.size() == 7) return std::string(kMonthNames[from.month - 1]) + " " + year;
    return from.ToString() + " – " + to.ToString();
}

}  // namespace foljsam::report

#include "domain/date.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace foljsam::domain {
namespace {

std::chrono::year_month_day ToYmd(const Date& date) {
    return std::chrono::year_month_day{std::chrono::year{date.year},
                                       std::chrono::month{static_cast<unsigned>(date.month)},
                                       std::chrono::day{static_cast<unsigned>(date.day)}};
}

// Reads exactly `width` ASCII digits starting at `pos`; -1 when any of them is not a digit.
int ReadDigits(std::string_view text, size_t pos, size_t width) {
    int value = 0;
    for (size_t idx = pos; idx < pos + width; ++idx) {
        char c = text[idx];
        if (c < '0' || c > '9') return -1;
        value = value * 10 + (c - '0');
    }
    return value;
}

}  // namespace

bool Date::IsValid() const {
    if (year < 1800 || year > 2200) return false;
    if (month < 1 || month > 12 || day < 1 || day > 31) return false;
    return ToYmd(*this).ok();
}

std::string Date::ToString() const {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
    return buffer;
}

long Date::DaysSinceEpoch() const { return std::chrono::sys_days{ToYmd(*this)}.time_since_epoch().count(); }

Date Date::FromDaysSinceEpoch(long days) {
    std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{days}}};
    return Date{static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
                static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

Date Date::AddMonths(int months) const {
    long month_index = static_cast<long>(year) * 12 + (month - 1) + months;
    // Floor division so that negative month counts step back across year boundaries.
    long new_year = month_index >= 0 ? month_index / 12 : -((-month_index + 11) / 12);
    int new_month = static_cast<int>(month_index - new_year * 12) + 1;
    std::chrono::year_month_day_last last{
        std::chrono::year{static_cast<int>(new_year)},
        std::chrono::month_day_last{std::chrono::month{static_cast<unsigned>(new_month)}}};
    int last_day = static_cast<int>(static_cast<unsigned>(last.day()));
    return Date{static_cast<int>(new_year), new_month, day < last_day ? day : last_day};
}

std::optional<Date> ParseIsoDate(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    Date date{ReadDigits(text, 0, 4), ReadDigits(text, 5, 2), ReadDigits(text, 8, 2)};
    if (!date.IsValid()) return std::nullopt;
    return date;
}

Date Today() {
    std::time_t now = std::time(nullptr);
    std::tm local{};
    if (localtime_r(&now, &local) == nullptr) {
        // localtime_r only fails for times out of range; fall back to UTC as documented.
        gmtime_r(&now, &local);
    }
    return Date{local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
}

int AgeInYear(int birth_year, const Date& on) { return on.year - birth_year; }

}  // namespace foljsam::domain

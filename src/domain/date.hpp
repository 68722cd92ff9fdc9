#pragma once
// Calendar dates without time zone, as used for referral, start and end dates.
// Plain value type; thread-safe to read.

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace foljsam::domain {

struct Date {
    int year = 0;
    int month = 0;
    int day = 0;

    auto operator<=>(const Date&) const = default;

    // True for a real Gregorian date in years 1800..2200.
    bool IsValid() const;
    // "YYYY-MM-DD".
    std::string ToString() const;
    // Days since 1970-01-01 (may be negative). Precondition: IsValid().
    long DaysSinceEpoch() const;
    static Date FromDaysSinceEpoch(long days);
    // Adds whole months, clamping the day to the end of the target month.
    Date AddMonths(int months) const;
    Date AddDays(long days) const { return FromDaysSinceEpoch(DaysSinceEpoch() + days); }
};

// Parses strict ISO "YYYY-MM-DD" (the form HTML date inputs send). Returns nullopt for
// anything else, including impossible dates such as 2023-02-29.
std::optional<Date> ParseIsoDate(std::string_view text);

// Today's date in Swedish local time (Europe/Stockholm via the process TZ; UTC fallback).
Date Today();

// Whole years between birth year and the year of `on` (age reached during that year).
int AgeInYear(int birth_year, const Date& on);

}  // namespace foljsam::domain

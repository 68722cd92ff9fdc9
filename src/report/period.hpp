#pragma once
// Report periods: a closed date range [from, to], built from a calendar year, half-year,
// quarter, month or a custom range. The canonical text key ("2025", "2025-H1", "2025-Q3",
// "2025-04", "2025-01-01..2025-06-30") is what URLs and the CLI carry; Parse reads it and
// Key() writes it. Plain value type; thread-safe to read.

#include <string>
#include <string_view>

#include "common/status.hpp"
#include "domain/date.hpp"

namespace foljsam::report {

struct Period {
    domain::Date from;
    domain::Date to;

    bool operator==(const Period&) const = default;

    // Calendar periods. Preconditions: year in 1800..2200, half 1..2, quarter 1..4,
    // month 1..12 (Parse validates user input before calling these).
    static Period Year(int year);
    static Period Half(int year, int half);
    static Period Quarter(int year, int quarter);
    static Period Month(int year, int month);
    // kInvalidInput when a date is invalid or from > to.
    static Result<Period> Custom(const domain::Date& from, const domain::Date& to);
    // Reads a key (see above). kInvalidInput with a Swedish message for anything else.
    static Result<Period> Parse(std::string_view text);

    // True when `date` lies in [from, to].
    bool Contains(const domain::Date& date) const { return from <= date && date <= to; }
    // The same period one year earlier. A `to` on the last day of its month stays on the
    // last day (so February 2024 maps to 2023-02-01..2023-02-28).
    Period SamePeriodLastYear() const;
    // Canonical key, e.g. "2025-H1"; a range that is no calendar period gives "from..to".
    std::string Key() const;
    // Swedish label: "2025", "första halvåret 2025", "andra kvartalet 2025", "april 2025",
    // "2025-01-01 – 2025-02-15".
    std::string Label() const;
};

}  // namespace foljsam::report

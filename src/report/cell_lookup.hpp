#pragma once
// Reading a computed report cell by cell for composed reports: find a cell by measure and
// values, and turn counts, shares and changes into display cells (table_view.hpp) as the
// viewer may see them. A hidden cell gives its marker, never its value; a share is shown
// only when its part and base are both visible and the base may be shown (Share()); a
// change only when both counts are visible. Borrows the report, which must outlive it.
// Immutable after construction; thread-safe to read.

#include <string>
#include <unordered_map>
#include <vector>

#include "report/cell.hpp"
#include "report/table_view.hpp"

namespace foljsam::report {

class CellLookup {
   public:
    CellLookup(const Report& report, int threshold, bool suppress);

    // The cell of `measure` broken down by `values`, matched to the query's dimensions in
    // order (empty: the total; one value in a two-dimensional report: the first dimension's
    // cell), or nullptr when the report has no such cell — which means zero: the engine
    // lists every value seen among counted facts and every code-list value.
    const Cell* Find(Measure measure, const std::vector<std::string>& values) const;
    // The single-dimension cell of `dimension` (e.g. a second dimension's marginal).
    const Cell* FindIn(Measure measure, Dimension dimension, const std::string& value) const;
    // The count as shown: the number ("1 234"), the marker when hidden, "0" when absent.
    ViewCell Count(Measure measure, const std::vector<std::string>& values) const;
    ViewCell CountIn(Measure measure, Dimension dimension, const std::string& value) const;
    ViewCell CountOf(const Cell* cell) const;
    // The count's true value when it may be shown, else nullopt (hidden).
    std::optional<long long> Visible(Measure measure, const std::vector<std::string>& values) const;
    // part / base in whole percent ("34 %"), or "–" when either is hidden, the base is zero,
    // or the base is below the threshold under suppression.
    ViewCell ShareOf(const Cell* part, const Cell* base) const;
    // this - other ("+3", "−2", "0"), or "–" unless both are visible.
    static ViewCell Change(std::optional<long long> now, std::optional<long long> before);

    int threshold() const { return threshold_; }
    bool suppress() const { return suppress_; }

   private:
    static std::string Key(Measure measure, const std::vector<std::pair<Dimension, std::string>>& by);
    std::vector<Dimension> dimensions_;
    std::unordered_map<std::string, const Cell*> cells_;
    int threshold_;
    bool suppress_;
};

// A count as Swedish text: digits in groups of three separated by a no-break space ("12 345").
std::string FormatCount(long long value);
// A visible count as a display cell.
ViewCell CountCell(long long value);
// "–": nothing to show (hidden part, no base).
ViewCell DashCell();

}  // namespace foljsam::report

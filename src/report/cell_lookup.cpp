#include "report/cell_lookup.hpp"

#include <cmath>

#include "report/suppression.hpp"

namespace foljsam::report {

CellLookup::CellLookup(const Report& report, int threshold, bool suppress)
    : dimensions_(report.query.dimensions), threshold_(threshold), suppress_(suppress) {
    for (const Cell& cell : report.cells) cells_.emplace(Key(cell.measure, cell.by), &cell);
}

std::string CellLookup::Key(Measure measure, const std::vector<std::pair<Dimension, std::string>>& by) {
    // Unit separators cannot occur in codes, names or ids.
    std::string key = std::to_string(static_cast<int>(measure));
    for (const auto& [dimension, value] : by) key += "\x1f" + std::to_string(static_cast<int>(dimension)) + "=" + value;
    return key;
}

const Cell* CellLookup::Find(Measure measure, const std::vector<std::string>& values) const {
    if (values.size() > dimensions_.size()) return nullptr;
    std::vector<std::pair<Dimension, std::string>> by;
    for (size_t idx = 0; idx < values.size(); ++idx) by.emplace_back(dimensions_[idx], values[idx]);
    auto it = cells_.find(Key(measure, by));
    return it == cells_.end() ? nullptr : it->second;
}

const Cell* CellLookup::FindIn(Measure measure, Dimension dimension, const std::string& value) const {
    auto it = cells_.find(Key(measure, {{dimension, value}}));
    return it == cells_.end() ? nullptr : it->second;
}

ViewCell CellLookup::Count(Measure measure, const std::vector<std::string>& values) const {
    return CountOf(Find(measure, values));
}

ViewCell CellLookup::CountIn(Measure measure, Dimension dimension, const std::string& value) const {
    return CountOf(FindIn(measure, dimension, value));
}

ViewCell CellLookup::CountOf(const Cell* cell) const {
    if (cell == nullptr) return CountCell(0);
    if (suppress_ && cell->suppressed) return ViewCell{DisplayValue(*cell, threshold_), std::nullopt, false, true};
    return CountCell(cell->value);
}

std::optional<long long> CellLookup::Visible(Measure measure, const std::vector<std::string>& values) const {
    const Cell* cell = Find(measure, values);
    if (cell == nullptr) return 0;
    if (suppress_ && cell->suppressed) return std::nullopt;
    return cell->value;
}

ViewCell CellLookup::ShareOf(const Cell* part, const Cell* base) const {
    const bool part_hidden = part != nullptr && suppress_ && part->suppressed;
    const bool base_hidden = base != nullptr && suppress_ && base->suppressed;
    if (part_hidden || base_hidden || base == nullptr) return DashCell();
    const auto share = Share(part == nullptr ? 0 : part->value, base->value, threshold_, suppress_);
    if (!share) return DashCell();
    const double percent = *share * 100.0;
    return ViewCell{std::to_string(static_cast<long long>(std::lround(percent))) + " %", percent, true, false};
}

ViewCell CellLookup::Change(std::optional<long long> now, std::optional<long long> before) {
    if (!now || !before) return DashCell();
    const long long diff = *now - *before;
    std::string text = diff > 0 ? "+" + FormatCount(diff) : diff < 0 ? "\u2212" + FormatCount(-diff) : "0";
    return ViewCell{text, static_cast<double>(diff), false, false};
}

std::string FormatCount(long long value) {
    const bool negative = value < 0;
    std::string digits = std::to_string(negative ? -value : value);
    std::string out;
    for (size_t idx = 0; idx < digits.size(); ++idx) {
        if (idx > 0 && (digits.size() - idx) % 3 == 0) out += "\u00a0";  // no-break space
        out += digits[idx];
    }
    return negative ? "-" + out : out;
}

ViewCell CountCell(long long value) { return ViewCell{FormatCount(value), static_cast<double>(value), false, false}; }

ViewCell DashCell() { return ViewCell{"–", std::nullopt, false, false}; }

}  // namespace foljsam::report

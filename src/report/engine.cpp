#include "report/engine.hpp"

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace foljsam::report {
namespace {

// One dimension's values over the included facts, interned to small integer ids in
// display order. Single-valued: ids[pos] is the value of included fact `pos`.
// Multi-valued: the values of fact `pos` are ids[offsets[pos] .. offsets[pos + 1]).
struct Axis {
    Dimension dimension = Dimension::kInsats;
    std::vector<std::string> values;
    std::vector<int> ids;
    std::vector<uint32_t> offsets;

    size_t size() const { return values.size(); }
    std::pair<const int*, const int*> ValuesAt(size_t pos) const {
        if (offsets.empty()) return {&ids[pos], &ids[pos] + 1};
        return {ids.data() + offsets[pos], ids.data() + offsets[pos + 1]};
    }
};

// Interns values in first-seen order after the domain, then renumbers them to display
// order: domain first, other values sorted (insats ids numerically), "" last.
class Interner {
   public:
    explicit Interner(Dimension dimension) : dimension_(dimension) {
        for (const std::string& value : ValueDomain(dimension)) Intern(value);
        domain_size_ = static_cast<int>(values_.size());
    }

    int Intern(std::string_view value) {
        auto [it, inserted] = by_text_.try_emplace(value, static_cast<int>(values_.size()));
        if (inserted) values_.emplace_back(value);
        return it->second;
    }

    int InternInsats(long long insats_id) {
        auto [it, inserted] = by_insats_.try_emplace(insats_id, static_cast<int>(values_.size()));
        if (inserted) values_.push_back(std::to_string(insats_id));
        return it->second;
    }

    // Moves the values into `axis` in display order and renumbers its ids.
    void Finish(Axis& axis) {
        std::vector<int> order(values_.size());
        std::iota(order.begin(), order.end(), 0);
        auto extra_less = [this](int lhs, int rhs) {
            const std::string& a = values_[lhs];
            const std::string& b = values_[rhs];
            if (a.empty() != b.empty()) return b.empty();  // "" sorts last
            if (dimension_ == Dimension::kInsats && a.size() != b.size()) return a.size() < b.size();
            return a < b;
        };
        std::sort(order.begin() + domain_size_, order.end(), extra_less);
        std::vector<int> new_id(values_.size());
        for (size_t idx = 0; idx < order.size(); ++idx) new_id[order[idx]] = static_cast<int>(idx);
        for (int& id : axis.ids) id = new_id[id];
        axis.values.clear();
        for (int old_id : order) axis.values.push_back(std::move(values_[old_id]));
    }

   private:
    Dimension dimension_;
    int domain_size_ = 0;
    // Keys view the caller's strings: ValueDomain()'s static values, literals, or the
    // facts' fields, all of which outlive the interner (never values_, which moves).
    std::unordered_map<std::string_view, int> by_text_;
    std::unordered_map<long long, int> by_insats_;
    std::vector<std::string> values_;
};

Axis BuildAxis(Dimension dimension, const std::vector<const Fact*>& included) {
    Axis axis;
    axis.dimension = dimension;
    Interner interner(dimension);
    const bool multi = IsMultiValued(dimension);
    axis.ids.reserve(included.size());
    if (multi) axis.offsets.reserve(included.size() + 1);
    for (const Fact* fact : included) {
        if (dimension == Dimension::kInsats) {
            axis.ids.push_back(interner.InternInsats(fact->insats_id));
        } else if (const std::string* field = FieldOf(dimension, *fact)) {
            axis.ids.push_back(interner.Intern(*field));
        } else {
            axis.offsets.push_back(static_cast<uint32_t>(axis.ids.size()));
            const size_t begin = axis.ids.size();
            for (const std::string& value : *ListOf(dimension, *fact)) {
                const int id = interner.Intern(value);
                if (std::find(axis.ids.begin() + begin, axis.ids.end(), id) == axis.ids.end()) axis.ids.push_back(id);
            }
            if (axis.ids.size() == begin) axis.ids.push_back(interner.Intern(""));
        }
    }
    if (multi) axis.offsets.push_back(static_cast<uint32_t>(axis.ids.size()));
    interner.Finish(axis);
    return axis;
}

Status ValidateQuery(const Query& query) {
    if (query.measures.empty()) return Status::InvalidInput("Välj minst ett mått.", {{"measure", "Välj ett mått."}});
    for (size_t idx = 0; idx < query.measures.size(); ++idx) {
        if (std::count(query.measures.begin(), query.measures.end(), query.measures[idx]) > 1)
            return Status::InvalidInput("Samma mått är valt två gånger.", {{"measure", "Välj olika mått."}});
    }
    if (query.dimensions.size() > 2) {
        return Status::InvalidInput("Välj högst två indelningar.", {{"dimension", "Välj högst två indelningar."}});
    }
    if (query.dimensions.size() == 2 && query.dimensions[0] == query.dimensions[1]) {
        return Status::InvalidInput("Välj två olika indelningar.", {{"dimension", "Välj två olika indelningar."}});
    }
    const Period& period = query.period;
    if (!period.from.IsValid() || !period.to.IsValid() || period.to < period.from) {
        return Status::InvalidInput("Ogiltig period.", {{"period", "Ogiltig period."}});
    }
    return Status::Ok();
}

// True when the fact passes every filter of the query.
bool PassesFilters(const Fact& fact, const Query& query) {
    for (const auto& [dimension, allowed] : query.filters) {
        if (allowed.empty()) continue;
        const std::vector<std::string> values = ValuesOf(dimension, fact);
        if (std::none_of(values.begin(), values.end(), [&](const std::string& v) { return allowed.count(v) > 0; }))
            return false;
    }
    return true;
}

uint8_t MeasureBit(Measure measure) { return static_cast<uint8_t>(1u << static_cast<unsigned>(measure)); }

// Counts one measure into a flat array of cells: [0] total, then the first axis's values,
// the second axis's values, and the grid row-major.
class Counter {
   public:
    explicit Counter(const std::vector<Axis>& axes) : axes_(axes) {
        size_t size = 1;
        for (const Axis& axis : axes) size += axis.size();
        if (axes.size() == 2) {
            grid_base_ = size;
            size += axes[0].size() * axes[1].size();
        }
        counts_.assign(size, 0);
    }

    // Counts `measure` over the included facts; masks[pos] has bit (1 << measure) set
    // when included fact `pos` counts towards that measure.
    std::vector<long long> Count(Measure measure, const std::vector<const Fact*>& included,
                                 const std::vector<uint8_t>& masks) {
        std::fill(counts_.begin(), counts_.end(), 0);
        person_cells_.clear();
        const bool persons = CountsPersons(measure);
        const uint8_t bit = MeasureBit(measure);
        for (size_t pos = 0; pos < included.size(); ++pos) {
            if ((masks[pos] & bit) == 0) continue;
            const Fact& fact = *included[pos];
            if (persons && fact.person_key && !fact.anonymous) {
                key_ = *fact.person_key;
                Visit(pos, [this](size_t cell) { person_cells_.emplace_back(key_, static_cast<uint32_t>(cell)); });
            } else {
                Visit(pos, [this](size_t cell) { ++counts_[cell]; });
            }
        }
        if (persons) AddDistinctPersons();
        return counts_;
    }

   private:
    template <typename F>
    void Visit(size_t pos, F&& add) {
        add(0);
        size_t base = 1;
        for (const Axis& axis : axes_) {
            auto [begin, end] = axis.ValuesAt(pos);
            for (const int* id = begin; id != end; ++id) add(base + *id);
            base += axis.size();
        }
        if (axes_.size() != 2) return;
        auto [row_begin, row_end] = axes_[0].ValuesAt(pos);
        auto [col_begin, col_end] = axes_[1].ValuesAt(pos);
        const size_t columns = axes_[1].size();
        for (const int* row = row_begin; row != row_end; ++row)
            for (const int* col = col_begin; col != col_end; ++col) add(grid_base_ + *row * columns + *col);
    }

    void AddDistinctPersons() {
        std::sort(person_cells_.begin(), person_cells_.end());
        const auto last = std::unique(person_cells_.begin(), person_cells_.end());
        for (auto it = person_cells_.begin(); it != last; ++it) ++counts_[it->second];
    }

    const std::vector<Axis>& axes_;
    size_t grid_base_ = 0;
    std::vector<long long> counts_;
    long long key_ = 0;
    std::vector<std::pair<long long, uint32_t>> person_cells_;
};

void EmitCells(Measure measure, const std::vector<Axis>& axes, const std::vector<long long>& counts,
               std::vector<Cell>& cells) {
    cells.push_back(Cell{measure, {}, counts[0]});
    size_t base = 1;
    for (const Axis& axis : axes) {
        for (size_t value_idx = 0; value_idx < axis.size(); ++value_idx)
            cells.push_back(Cell{measure, {{axis.dimension, axis.values[value_idx]}}, counts[base + value_idx]});
        base += axis.size();
    }
    if (axes.size() != 2) return;
    for (size_t row_idx = 0; row_idx < axes[0].size(); ++row_idx) {
        for (size_t column_idx = 0; column_idx < axes[1].size(); ++column_idx) {
            cells.push_back(
                Cell{measure,
                     {{axes[0].dimension, axes[0].values[row_idx]}, {axes[1].dimension, axes[1].values[column_idx]}},
                     counts[base++]});
        }
    }
}

}  // namespace

Result<Report> Compute(const std::vector<Fact>& facts, const Query& query) {
    FOLJSAM_RETURN_IF_ERROR(ValidateQuery(query));
    // One pass over all facts decides which count towards which measure; later passes
    // (per dimension, per measure) visit only those, typically a small share of a
    // many-year history.
    static_assert(static_cast<int>(Measure::kAnonymousStarted) < 8, "one bit per measure in a uint8_t");
    const bool scoped = query.insatser && !query.insatser->empty();
    std::vector<const Fact*> included;
    std::vector<uint8_t> masks;
    for (const Fact& fact : facts) {
        if (IsExcluded(fact)) continue;
        if (scoped && query.insatser->count(fact.insats_id) == 0) continue;
        uint8_t mask = 0;
        for (Measure measure : query.measures)
            if (Counts(measure, fact, query.period)) mask |= MeasureBit(measure);
        if (mask == 0) continue;
        if (!query.filters.empty() && !PassesFilters(fact, query)) continue;
        included.push_back(&fact);
        masks.push_back(mask);
    }

    Report report;
    report.query = query;
    std::vector<Axis> axes;
    for (Dimension dimension : query.dimensions) {
        axes.push_back(BuildAxis(dimension, included));
        if (IsMultiValued(dimension)) report.multi_valued_totals_may_exceed = true;
    }
    Counter counter(axes);
    for (Measure measure : query.measures)
        EmitCells(measure, axes, counter.Count(measure, included, masks), report.cells);
    return report;
}

}  // namespace foljsam::report

#include "domain/goal.hpp"

#include <algorithm>

#include "domain/limits.hpp"
#include "domain/text.hpp"

namespace foljsam::domain {
namespace {

constexpr long long kMaxCountTenths = 10'000'000;  // 1 000 000 x 10
constexpr long long kMaxShareTenths = 1000;        // 100 %
constexpr long long kMaxParsedTenths = 100'000'000;

struct KindInfo {
    GoalKind kind;
    std::string_view code, label;
};
constexpr KindInfo kKinds[] = {
    {GoalKind::kCount, "COUNT", "Antal"},
    {GoalKind::kShare, "SHARE", "Andel"},
    {GoalKind::kNotMeasurable, "NOT_MEASURABLE", "Kan inte mätas ur registrerade uppgifter"},
};

struct ComparisonInfo {
    GoalComparison comparison;
    std::string_view code, label;
};
constexpr ComparisonInfo kComparisons[] = {
    {GoalComparison::kAtLeast, "AT_LEAST", "Minst"},
    {GoalComparison::kAtMost, "AT_MOST", "Högst"},
    {GoalComparison::kWithin, "WITHIN", "Inom ± marginal"},
};

struct StatusInfo {
    GoalStatus status;
    std::string_view code, label;
};
constexpr StatusInfo kStatuses[] = {
    {GoalStatus::kMet, "MET", "Uppnått"},
    {GoalStatus::kNotMet, "NOT_MET", "Ej uppnått"},
    {GoalStatus::kOnTrack, "ON_TRACK", "I fas"},
    {GoalStatus::kBehind, "BEHIND", "Efter plan"},
    {GoalStatus::kNotMeasurable, "NOT_MEASURABLE", "Kan inte mätas ur registrerade uppgifter"},
    {GoalStatus::kTooFew, "TOO_FEW", "För få för att bedöma"},
};

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

// ceil(a * b / c) for a, b >= 0 and c > 0.
long long CeilMulDiv(long long a, long long b, long long c) { return (a * b + c - 1) / c; }

bool Hidden(long long count, const Disclosure& d) { return d.suppress && count >= 1 && count < d.threshold; }

// The status of a COUNT goal for an outcome `value` (see EvaluateGoal).
GoalStatus CountStatus(const Goal& goal, long long value, const YearProgress& progress) {
    const long long target = goal.target_tenths / 10;
    const long long tolerance = goal.tolerance_tenths / 10;
    const bool ended = progress.phase == YearPhase::kEnded;
    switch (goal.comparison) {
        case GoalComparison::kAtLeast: {
            if (value >= target) return GoalStatus::kMet;
            if (ended) return GoalStatus::kNotMet;
            const long long expected = CeilMulDiv(target, progress.elapsed_days, progress.days_in_year);
            return value >= expected ? GoalStatus::kOnTrack : GoalStatus::kBehind;
        }
        case GoalComparison::kAtMost:
            if (value > target) return GoalStatus::kNotMet;
            return ended ? GoalStatus::kMet : GoalStatus::kOnTrack;
        case GoalComparison::kWithin: {
            const long long low = std::max(0LL, target - tolerance);
            if (value > target + tolerance) return GoalStatus::kNotMet;
            if (ended) return value >= low ? GoalStatus::kMet : GoalStatus::kNotMet;
            const long long expected = CeilMulDiv(low, progress.elapsed_days, progress.days_in_year);
            return value >= expected ? GoalStatus::kOnTrack : GoalStatus::kBehind;
        }
    }
    return GoalStatus::kTooFew;
}

GoalEvaluation EvaluateCount(const Goal& goal, const GoalOutcome& outcome, const YearProgress& progress,
                             const Disclosure& disclosure) {
    GoalEvaluation e;
    e.remaining_months = progress.remaining_months;
    e.outcome_hidden = Hidden(outcome.part, disclosure);
    e.status = CountStatus(goal, outcome.part, progress);
    if (e.outcome_hidden) {
        // Show a status only when it tells nothing about which hidden value it is.
        for (long long value = 1; value < disclosure.threshold; ++value)
            if (CountStatus(goal, value, progress) != e.status) e.status = GoalStatus::kTooFew;
    }
    const bool paced = goal.comparison == GoalComparison::kAtLeast || goal.comparison == GoalComparison::kWithin;
    if (!paced || progress.phase == YearPhase::kEnded) return e;
    const long long target = goal.target_tenths / 10;
    const long long goal_value =
        goal.comparison == GoalComparison::kAtLeast ? target : std::max(0LL, target - goal.tolerance_tenths / 10);
    e.expected_by_now = CeilMulDiv(goal_value, progress.elapsed_days, progress.days_in_year);
    if (e.outcome_hidden || outcome.part >= goal_value || e.status == GoalStatus::kNotMet) return e;
    e.still_needed = goal_value - outcome.part;
    e.needed_per_month = CeilMulDiv(*e.still_needed, 1, progress.remaining_months);
    return e;
}

GoalEvaluation EvaluateShare(const Goal& goal, const GoalOutcome& outcome, const YearProgress& progress,
                             const Disclosure& disclosure) {
    GoalEvaluation e;
    e.remaining_months = progress.remaining_months;
    const long long part = outcome.part, base = outcome.base;
    if (disclosure.suppress &&
        (base < disclosure.threshold || Hidden(part, disclosure) || Hidden(base - part, disclosure))) {
        e.outcome_hidden = base > 0;
        e.status = GoalStatus::kTooFew;
        return e;
    }
    if (base <= 0) {
        e.status = GoalStatus::kTooFew;
        return e;
    }
    e.share_tenths = (part * 2000 + base) / (2 * base);
    // share (in tenths of a percent) = part * 1000 / base, compared without division.
    const long long scaled = part * 1000;
    bool satisfied = false;
    switch (goal.comparison) {
        case GoalComparison::kAtLeast:
            satisfied = scaled >= goal.target_tenths * base;
            break;
        case GoalComparison::kAtMost:
            satisfied = scaled <= goal.target_tenths * base;
            break;
        case GoalComparison::kWithin:
            satisfied = scaled >= (goal.target_tenths - goal.tolerance_tenths) * base &&
                        scaled <= (goal.target_tenths + goal.tolerance_tenths) * base;
            break;
    }
    if (progress.phase == YearPhase::kEnded)
        e.status = satisfied ? GoalStatus::kMet : GoalStatus::kNotMet;
    else
        e.status = satisfied ? GoalStatus::kOnTrack : GoalStatus::kBehind;
    return e;
}

}  // namespace

std::string_view GoalKindCode(GoalKind kind) {
    for (const auto& k : kKinds)
        if (k.kind == kind) return k.code;
    return "";
}

std::optional<GoalKind> ParseGoalKind(std::string_view code) {
    for (const auto& k : kKinds)
        if (k.code == code) return k.kind;
    return std::nullopt;
}

std::string_view GoalKindLabel(GoalKind kind) {
    for (const auto& k : kKinds)
        if (k.kind == kind) return k.label;
    return "";
}

std::string_view GoalComparisonCode(GoalComparison comparison) {
    for (const auto& c : kComparisons)
        if (c.comparison == comparison) return c.code;
    return "";
}

std::optional<GoalComparison> ParseGoalComparison(std::string_view code) {
    for (const auto& c : kComparisons)
        if (c.code == code) return c.comparison;
    return std::nullopt;
}

std::string_view GoalComparisonLabel(GoalComparison comparison) {
    for (const auto& c : kComparisons)
        if (c.comparison == comparison) return c.label;
    return "";
}

std::string_view GoalStatusCode(GoalStatus status) {
    for (const auto& s : kStatuses)
        if (s.status == status) return s.code;
    return "";
}

std::string_view GoalStatusLabel(GoalStatus status) {
    for (const auto& s : kStatuses)
        if (s.status == status) return s.label;
    return "";
}

std::optional<long long> ParseTenths(std::string_view text) {
    std::string trimmed;  // without spaces, so "1 000" reads as 1000
    for (char c : Trim(std::string(text)))
        if (c != ' ') trimmed += c;
    if (trimmed.empty()) return std::nullopt;
    long long whole = 0;
    size_t idx = 0;
    for (; idx < trimmed.size() && trimmed[idx] >= '0' && trimmed[idx] <= '9'; ++idx) {
        whole = whole * 10 + (trimmed[idx] - '0');
        if (whole * 10 > kMaxParsedTenths) return std::nullopt;
    }
    if (idx == 0) return std::nullopt;  // no leading digit: "", "-5", ",5"
    long long tenths = whole * 10;
    if (idx == trimmed.size()) return tenths;
    if (trimmed[idx] != ',' && trimmed[idx] != '.') return std::nullopt;
    ++idx;
    if (idx == trimmed.size()) return tenths;  // "30," is 30
    if (idx + 1 != trimmed.size() || trimmed[idx] < '0' || trimmed[idx] > '9') return std::nullopt;
    tenths += trimmed[idx] - '0';
    if (tenths > kMaxParsedTenths) return std::nullopt;
    return tenths;
}

std::string FormatTenths(long long tenths) {
    const bool negative = tenths < 0;
    const long long magnitude = negative ? -tenths : tenths;
    std::string out = (negative ? "-" : "") + std::to_string(magnitude / 10);
    if (magnitude % 10 != 0) out += "," + std::to_string(magnitude % 10);
    return out;
}

Goal NormalizeGoal(Goal goal) {
    goal.description = Trim(goal.description);
    if (goal.kind == GoalKind::kNotMeasurable) {
        goal.measure.clear();
        goal.filter_dimension.clear();
        goal.filter_values.clear();
        goal.comparison = GoalComparison::kAtLeast;
        goal.target_tenths = 0;
        goal.tolerance_tenths = 0;
        return goal;
    }
    if (goal.comparison != GoalComparison::kWithin) goal.tolerance_tenths = 0;
    goal.filter_dimension = Trim(goal.filter_dimension);
    if (goal.filter_dimension.empty()) {
        goal.filter_values.clear();
        return goal;
    }
    std::vector<std::string> values;
    for (const auto& value : goal.filter_values) {
        std::string trimmed = Trim(value);
        if (!trimmed.empty()) values.push_back(std::move(trimmed));
    }
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    goal.filter_values = std::move(values);
    return goal;
}

Status ValidateGoal(const Goal& goal, const GoalVocabulary& vocabulary) {
    ValidationErrors e;
    if (goal.year < 2000 || goal.year > 2100) e.Add("year", "Ange ett år mellan 2000 och 2100.");
    if (goal.description.size() > kMaxShortTextLength) e.Add("description", "Beskrivningen får ha högst 200 tecken.");
    if (goal.kind == GoalKind::kNotMeasurable) {
        if (goal.description.empty()) e.Add("description", "Beskriv målet, till exempel hur det ska följas upp.");
        return e.ToStatus();
    }
    const auto& measures = vocabulary.measures;
    if (std::find(measures.begin(), measures.end(), goal.measure) == measures.end())
        e.Add("measure", "Välj vad som ska räknas.");
    const auto dimension = vocabulary.dimensions.find(goal.filter_dimension);
    if (goal.filter_dimension.empty()) {
        if (goal.kind == GoalKind::kShare)
            e.Add("filter_dimension", "Välj vad andelen gäller, till exempel kön eller avslutsorsak.");
    } else if (dimension == vocabulary.dimensions.end()) {
        e.Add("filter_dimension", "Välj en uppdelning i listan.");
    } else if (goal.filter_values.empty()) {
        e.Add("filter_values", "Välj minst ett värde.");
    } else {
        const auto& domain = dimension->second;
        for (const auto& value : goal.filter_values) {
            const bool known = domain.empty() ? value.find(';') == std::string::npos
                                              : std::find(domain.begin(), domain.end(), value) != domain.end();
            if (!known) {
                e.Add("filter_values", "Välj värden i listan (semikolon får inte ingå i ett värde).");
                break;
            }
        }
    }
    const bool share = goal.kind == GoalKind::kShare;
    const long long max = share ? kMaxShareTenths : kMaxCountTenths;
    const auto in_range = [&](long long tenths) { return tenths >= 0 && tenths <= max && (share || tenths % 10 == 0); };
    if (!in_range(goal.target_tenths))
        e.Add("target", share ? "Ange målet i procent, 0–100." : "Ange målet som ett heltal, 0–1 000 000.");
    if (!in_range(goal.tolerance_tenths))
        e.Add("tolerance",
              share ? "Ange marginalen i procentenheter, 0–100." : "Ange marginalen som ett heltal, 0–1 000 000.");
    return e.ToStatus();
}

std::string TargetText(const Goal& goal) {
    if (goal.kind == GoalKind::kNotMeasurable) return "";
    const bool share = goal.kind == GoalKind::kShare;
    const std::string value = FormatTenths(goal.target_tenths) + (share ? " %" : "");
    switch (goal.comparison) {
        case GoalComparison::kAtLeast:
            return "minst " + value;
        case GoalComparison::kAtMost:
            return "högst " + value;
        case GoalComparison::kWithin:
            return value + " ± " + FormatTenths(goal.tolerance_tenths) + (share ? " procentenheter" : "");
    }
    return value;
}

YearProgress ProgressOf(int year, const Date& today) {
    YearProgress p;
    p.days_in_year = IsLeapYear(year) ? 366 : 365;
    if (today.year < year) {
        p.phase = YearPhase::kFuture;
        p.elapsed_days = 0;
        p.remaining_months = 12;
    } else if (today.year > year) {
        p.phase = YearPhase::kEnded;
        p.elapsed_days = p.days_in_year;
        p.remaining_months = 0;
    } else {
        p.phase = YearPhase::kCurrent;
        p.elapsed_days = static_cast<int>(today.DaysSinceEpoch() - Date{year, 1, 1}.DaysSinceEpoch());
        p.remaining_months = 13 - today.month;
    }
    return p;
}

GoalEvaluation EvaluateGoal(const Goal& goal, const GoalOutcome& outcome, const Date& today,
                            const Disclosure& disclosure) {
    if (goal.kind == GoalKind::kNotMeasurable) return GoalEvaluation{};
    const YearProgress progress = ProgressOf(goal.year, today);
    if (progress.phase == YearPhase::kFuture) {
        // Nothing can have been counted; the pace figures still say what a year needs.
        GoalEvaluation e =
            goal.kind == GoalKind::kCount ? EvaluateCount(goal, GoalOutcome{}, progress, disclosure) : GoalEvaluation{};
        e.status = GoalStatus::kOnTrack;
        e.remaining_months = progress.remaining_months;
        return e;
    }
    if (goal.kind == GoalKind::kCount) return EvaluateCount(goal, outcome, progress, disclosure);
    return EvaluateShare(goal, outcome, progress, disclosure);
}

}  // namespace foljsam::domain

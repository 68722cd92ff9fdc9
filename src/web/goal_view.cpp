#include "web/goal_view.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

namespace foljsam::web {
namespace {

using nlohmann::json;

// "ON_TRACK" -> "on-track", for the CSS modifier goal-status--on-track.
std::string StatusClass(const std::string& code) {
    std::string out;
    for (char c : code) out += c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string Months(int months) { return std::to_string(months) + (months == 1 ? " månad" : " månader"); }

// The pace column: what is still needed, or why nothing is shown; nullopt when the goal has
// no pace (shares, ceilings, an ended year).
std::optional<std::string> PaceText(const services::GoalFollowUp& f) {
    const auto& e = f.evaluation;
    if (!e.expected_by_now) return std::nullopt;
    if (e.status == domain::GoalStatus::kMet) return "Målet är nått";
    if (e.status == domain::GoalStatus::kNotMet) return "Kan inte längre nås";
    if (e.outcome_hidden) return "Visas inte (för få)";
    if (e.needed_per_month && e.still_needed)
        return std::to_string(*e.needed_per_month) + " per månad (" + std::to_string(*e.still_needed) + " till på " +
               Months(e.remaining_months) + ")";
    return std::nullopt;
}

std::string CountedText(const std::vector<services::GoalFollowUp>& followups) {
    const bool measurable = std::any_of(followups.begin(), followups.end(), [](const services::GoalFollowUp& f) {
        return f.goal.kind != domain::GoalKind::kNotMeasurable;
    });
    if (!measurable) return "";
    for (const auto& f : followups) {
        if (!f.counted) continue;
        if (f.counted->to == domain::Date{f.goal.year, 12, 31})
            return "Utfallet gäller hela " + std::to_string(f.goal.year) + ".";
        return "Utfallet gäller " + f.counted->from.ToString() + " – " + f.counted->to.ToString() +
               ": hittills i år. Förväntat hittills är målet fördelat jämnt över året.";
    }
    return "Året har inte börjat; inget är räknat ännu.";
}

}  // namespace

json GoalFollowUpJson(const services::GoalFollowUp& f) {
    const domain::Goal& g = f.goal;
    const auto& e = f.evaluation;
    const auto number_or_null = [](const std::optional<long long>& v) { return v ? json(*v) : json(nullptr); };
    const bool measurable = g.kind != domain::GoalKind::kNotMeasurable;
    json out = {{"id", g.id},
                {"insats_id", g.insats_id},
                {"year", g.year},
                {"kind", domain::GoalKindCode(g.kind)},
                {"description", g.description},
                {"criteria_text", f.criteria_text},
                {"target_text", f.target_text},
                {"status", f.status_code},
                {"status_label", f.status_label},
                {"suppression", f.suppression_applied}};
    out["measure"] = measurable ? json(g.measure) : json(nullptr);
    out["filter"] = g.filter_dimension.empty() ? json(nullptr)
                                               : json{{"dimension", g.filter_dimension}, {"values", g.filter_values}};
    out["comparison"] = measurable ? json(domain::GoalComparisonCode(g.comparison)) : json(nullptr);
    out["target"] = measurable ? json(static_cast<double>(g.target_tenths) / 10.0) : json(nullptr);
    out["tolerance"] = g.comparison == domain::GoalComparison::kWithin && measurable
                           ? json(static_cast<double>(g.tolerance_tenths) / 10.0)
                           : json(nullptr);
    out["outcome"] = {
        {"text", f.outcome_text},
        {"numerator", number_or_null(f.numerator)},
        {"denominator", number_or_null(f.denominator)},
        {"share_percent",
         f.denominator && e.share_tenths ? json(static_cast<double>(*e.share_tenths) / 10.0) : json(nullptr)}};
    out["counted"] =
        f.counted ? json{{"from", f.counted->from.ToString()}, {"to", f.counted->to.ToString()}} : json(nullptr);
    out["expected_by_now"] = number_or_null(e.expected_by_now);
    out["still_needed"] = number_or_null(e.still_needed);
    out["needed_per_month"] = number_or_null(e.needed_per_month);
    out["remaining_months"] = e.remaining_months;
    return out;
}

std::string GoalTitle(const domain::Goal& goal) {
    if (!goal.description.empty()) return goal.description;
    return services::GoalService::CriteriaText(goal) + ": " + domain::TargetText(goal);
}

json GoalSectionModel(const std::vector<services::GoalFollowUp>& followups, const std::string& id_prefix) {
    json rows = json::array();
    json unmeasurable = json::array();
    bool hidden_any = false;
    int threshold = 5;
    for (const auto& f : followups) {
        if (f.goal.kind == domain::GoalKind::kNotMeasurable) {
            unmeasurable.push_back({{"goal_description", f.goal.description}});
            continue;
        }
        const auto& e = f.evaluation;
        hidden_any =
            hidden_any || (f.suppression_applied && (e.outcome_hidden || e.status == domain::GoalStatus::kTooFew));
        threshold = f.threshold;
        const auto pace = PaceText(f);
        rows.push_back({{"goal_has_description", !f.goal.description.empty()},
                        {"goal_description", f.goal.description},
                        {"goal_criteria", f.criteria_text},
                        {"goal_target", f.target_text},
                        {"goal_outcome", f.outcome_text},
                        {"goal_has_expected", e.expected_by_now.has_value()},
                        {"goal_expected", e.expected_by_now ? std::to_string(*e.expected_by_now) : ""},
                        {"goal_status_code", f.status_code},
                        {"goal_status_class", StatusClass(f.status_code)},
                        {"goal_status_label", f.status_label},
                        {"goal_has_pace", pace.has_value()},
                        {"goal_pace", pace.value_or("")}});
    }
    const std::string note = hidden_any ? "Antal från 1 till " + std::to_string(threshold - 1) + " visas som <" +
                                              std::to_string(threshold) +
                                              ", och andelar av så små tal visas inte, för att skydda deltagarna."
                                        : "";
    const std::string counted = CountedText(followups);
    // Absent texts are null (false in mustache): kainjow treats "" as true.
    const auto text_or_null = [](const std::string& text) { return text.empty() ? json(nullptr) : json(text); };
    return {{"goal_section_id", id_prefix},
            {"goal_heading", "Mål (förväntat resultat)"},
            {"goal_none", followups.empty()},
            {"goal_counted_text", text_or_null(counted)},
            {"goal_has_rows", !rows.empty()},
            {"goal_rows", rows},
            {"goal_suppression_note", text_or_null(note)},
            {"goal_has_unmeasurable", !unmeasurable.empty()},
            {"goal_unmeasurable", unmeasurable}};
}

}  // namespace foljsam::web

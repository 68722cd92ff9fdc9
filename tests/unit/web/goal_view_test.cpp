// The goals section (web/goal_view.hpp and partials/goal_section.mustache): its model keys
// cannot collide with an including page's, and the rendered section shows status as text,
// hides nothing the service did not already hide, and lists unmeasurable goals apart.

#include "web/goal_view.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "domain/goal.hpp"
#include "services/goal_service.hpp"
#include "web/view.hpp"

namespace foljsam::web {
namespace {

using nlohmann::json;

services::GoalFollowUp Count(long long target, long long outcome, domain::GoalStatus status) {
    services::GoalFollowUp f;
    f.goal.id = 1;
    f.goal.insats_id = 7;
    f.goal.year = 2026;
    f.goal.kind = domain::GoalKind::kCount;
    f.goal.measure = "started";
    f.goal.target_tenths = target * 10;
    f.goal.description = "140 deltagare påbörjar";
    f.criteria_text = "Påbörjade";
    f.target_text = domain::TargetText(f.goal);
    f.outcome_text = std::to_string(outcome);
    f.numerator = outcome;
    f.evaluation.status = status;
    f.evaluation.expected_by_now = 128;
    f.evaluation.still_needed = target - outcome;
    f.evaluation.needed_per_month = target - outcome;
    f.evaluation.remaining_months = 1;
    f.status_code = domain::GoalStatusCode(status);
    f.status_label = domain::GoalStatusLabel(status);
    f.counted = report::Period{{2026, 1, 1}, {2026, 12, 3}};
    f.suppression_applied = false;
    return f;
}

services::GoalFollowUp HiddenShare() {
    services::GoalFollowUp f = Count(0, 0, domain::GoalStatus::kTooFew);
    f.goal.kind = domain::GoalKind::kShare;
    f.goal.description = "";
    f.criteria_text = "Andel av påbörjade med Kön: Man";
    f.target_text = "minst 30 %";
    f.outcome_text = "För få för att redovisa";
    f.numerator.reset();
    f.evaluation = {};
    f.evaluation.status = domain::GoalStatus::kTooFew;
    f.evaluation.outcome_hidden = true;
    f.status_code = "TOO_FEW";
    f.status_label = domain::GoalStatusLabel(domain::GoalStatus::kTooFew);
    f.suppression_applied = true;
    return f;
}

services::GoalFollowUp Survey() {
    services::GoalFollowUp f;
    f.goal.year = 2026;
    f.goal.kind = domain::GoalKind::kNotMeasurable;
    f.goal.description = "90 % anser att de fått rätt stöd";
    f.evaluation.status = domain::GoalStatus::kNotMeasurable;
    f.status_code = "NOT_MEASURABLE";
    f.status_label = domain::GoalStatusLabel(domain::GoalStatus::kNotMeasurable);
    return f;
}

// Every key of every object in `j` starts with "goal_".
void ExpectPrefixedKeys(const json& j, const std::string& where) {
    if (j.is_array()) {
        for (const auto& item : j) ExpectPrefixedKeys(item, where + "[]");
        return;
    }
    if (!j.is_object()) return;
    for (const auto& [key, value] : j.items()) {
        EXPECT_EQ(key.rfind("goal_", 0), 0u) << where << "." << key;
        ExpectPrefixedKeys(value, where + "." + key);
    }
}

std::string Render(const std::vector<services::GoalFollowUp>& followups) {
    auto views = Views::Load(std::filesystem::path(FOLJSAM_SOURCE_DIR) / "web" / "templates");
    EXPECT_TRUE(views.ok());
    if (!views.ok()) return "";
    // As an including page does; "title" and "field" are there to be shadowed if keys collided.
    json model = {{"title", "Sidan"},
                  {"insats_id", 7},
                  {"insats_name", "Insats"},
                  {"year", 2026},
                  {"year_field", nullptr},
                  {"can_admin", false},
                  {"goals", GoalSectionModel(followups, "mal-7")}};
    return views->Render("goals", model);
}

bool Has(const std::string& html, const std::string& part) { return html.find(part) != std::string::npos; }

TEST(GoalSection, EveryModelKeyIsPrefixed) {
    ExpectPrefixedKeys(GoalSectionModel({Count(140, 120, domain::GoalStatus::kBehind), HiddenShare(), Survey()}),
                       "model");
    ExpectPrefixedKeys(GoalSectionModel({}), "empty model");
}

TEST(GoalSection, TableShowsTargetOutcomeStatusTextAndPace) {
    const std::string html = Render({Count(140, 120, domain::GoalStatus::kBehind)});
    EXPECT_TRUE(Has(html, "id=\"mal-7-rubrik\"")) << html;
    EXPECT_TRUE(Has(html, "<th scope=\"col\">Utfall hittills</th>"));
    EXPECT_TRUE(Has(html, "140 deltagare påbörjar"));
    EXPECT_TRUE(Has(html, "minst 140"));
    EXPECT_TRUE(Has(html, "<td>120</td>"));
    EXPECT_TRUE(Has(html, "<td>128</td>"));  // expected by now
    EXPECT_TRUE(Has(html, "goal-status--behind\">Efter plan</strong>")) << html;
    EXPECT_TRUE(Has(html, "20 per månad (20 till på 1 månad)")) << html;
    EXPECT_TRUE(Has(html, "Utfallet gäller 2026-01-01 – 2026-12-03")) << html;
    EXPECT_FALSE(Has(html, "Mål som inte kan mätas"));
    EXPECT_FALSE(Has(html, "Inga mål är angivna"));
    EXPECT_FALSE(Has(html, "visas som &lt;"));  // nothing hidden, no note
}

TEST(GoalSection, HiddenOutcomesShowTheirReasonAndTheNote) {
    const std::string html = Render({HiddenShare()});
    EXPECT_TRUE(Has(html, "För få för att redovisa")) << html;
    EXPECT_TRUE(Has(html, "goal-status--too-few\">För få för att bedöma</strong>")) << html;
    EXPECT_TRUE(Has(html, "Andel av påbörjade med Kön: Man"));
    EXPECT_TRUE(Has(html, "visas som &lt;5")) << html;
    EXPECT_TRUE(Has(html, "<span class=\"visually-hidden\">Beräknas inte</span>"));
}

TEST(GoalSection, PaceIsShownOnlyForGoalsWithAPace) {
    services::GoalFollowUp met = Count(140, 150, domain::GoalStatus::kMet);
    met.evaluation.still_needed.reset();
    met.evaluation.needed_per_month.reset();
    services::GoalFollowUp ended = Count(140, 120, domain::GoalStatus::kNotMet);
    ended.evaluation = {};
    ended.evaluation.status = domain::GoalStatus::kNotMet;
    const json model = GoalSectionModel({met, ended, HiddenShare()});
    ASSERT_EQ(model["goal_rows"].size(), 3u);
    EXPECT_EQ(model["goal_rows"][0]["goal_pace"], "Målet är nått");
    EXPECT_EQ(model["goal_rows"][1]["goal_has_pace"], false);  // the year has ended
    EXPECT_EQ(model["goal_rows"][2]["goal_has_pace"], false);  // shares have no pace
}

TEST(GoalSection, UnmeasurableGoalsAreListedApart) {
    const std::string html = Render({Survey()});
    EXPECT_TRUE(Has(html, "<h3 id=\"mal-7-ej-matbara\">Mål som inte kan mätas ur registrerade uppgifter</h3>")) << html;
    EXPECT_TRUE(Has(html, "<li>90 % anser att de fått rätt stöd</li>"));
    EXPECT_FALSE(Has(html, "<table"));
}

TEST(GoalSection, NoGoalsSaysSo) {
    const std::string html = Render({});
    EXPECT_TRUE(Has(html, "Inga mål är angivna för året.")) << html;
    EXPECT_FALSE(Has(html, "<table"));
}

TEST(GoalSection, GoalTitleFallsBackToWhatIsCountedAndTheTarget) {
    domain::Goal g;
    g.kind = domain::GoalKind::kCount;
    g.measure = "started";
    g.target_tenths = 1400;
    EXPECT_EQ(GoalTitle(g), "Påbörjade: minst 140");
    g.kind = domain::GoalKind::kShare;
    g.filter_dimension = "gender";
    g.filter_values = {"M"};
    g.target_tenths = 300;
    EXPECT_EQ(GoalTitle(g), "Andel av påbörjade med Kön: Man: minst 30 %");
    g.description = "Fler män";
    EXPECT_EQ(GoalTitle(g), "Fler män");
}

}  // namespace
}  // namespace foljsam::web

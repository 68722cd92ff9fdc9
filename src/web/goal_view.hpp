#pragma once
// The goals section of a follow-up page (issue 3, item 4): the view model of
// web/templates/partials/goal_section.mustache, built from GoalService::Evaluate.
//
// A page includes the section as {{#goals}}{{> goal_section}}{{/goals}} with
// model["goals"] = GoalSectionModel(...). Every key of the model starts with "goal_", so it
// neither shadows nor is shadowed by the including page's keys or partial names (kainjow
// looks partials up among the data). The section is self-contained: its own heading (h2,
// then h3), a table of the measurable goals (goal, target, outcome so far, expected by now,
// status as text, pace needed) and a list of the goals that cannot be measured from
// registered data. Only text already made safe for the viewer by GoalService is shown.
// Pure function; thread-safe.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "services/goal_service.hpp"

namespace foljsam::web {

// `followups` in their order (GoalService::Evaluate's). `id_prefix` makes the section's
// element ids unique when a page shows several sections (e.g. one per insats): the heading
// gets id "<id_prefix>-rubrik". Keys: goal_section_id, goal_heading, goal_none (no goals),
// goal_counted_text, goal_has_rows, goal_rows [{goal_has_description, goal_description,
// goal_criteria, goal_target, goal_outcome, goal_has_expected, goal_expected,
// goal_status_code, goal_status_class, goal_status_label, goal_has_pace, goal_pace}], goal_suppression_note,
// goal_has_unmeasurable, goal_unmeasurable [{goal_description}].
nlohmann::json GoalSectionModel(const std::vector<services::GoalFollowUp>& followups,
                                const std::string& id_prefix = "mal");

// One followed-up goal for the JSON API (GET /api/v1/insatser/{id}/mal, docs/api/openapi.yaml,
// schema GoalFollowUp): the goal, its texts, the outcome (counts only when the service
// shows them to this viewer, else null), status and pace.
nlohmann::json GoalFollowUpJson(const services::GoalFollowUp& followup);

// The goal in words for lists: its description, or else what it counts and its target,
// e.g. "Påbörjade: minst 140", "Andel av påbörjade med Kön: Man: minst 30 %".
std::string GoalTitle(const domain::Goal& goal);

}  // namespace foljsam::web

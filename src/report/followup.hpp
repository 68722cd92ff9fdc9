#pragma once
// The follow-up report (Insatsuppföljning, issue 3 item 3): the tables an association
// shows its board each half-year and year, built from participation facts by the report
// engine. Every table is one engine query, suppressed on its own when `suppress` (the
// viewer has no personal-data access), then turned into display tables (table_view.hpp).
//
// Sections: overview (started, ended, participated, active at end, referred, by gender,
// against the same period last year; per insats when several), who started (profile by
// each intake answer), exits (reasons, work or studies by gender, occupation
// and support after, before -> after transitions), equality and reach (gender per insats
// against its target, referrals per member and insats, participants per district, per
// 10 000 inhabitants where the association gave the area's population), and
// trends (each calendar year up to the period's end). Changes against last year are shown
// only when both counts are visible; shares only when their base may be shown and their
// part is visible.
//
// Pure function of its input; thread-safe.

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "common/status.hpp"
#include "report/cell.hpp"
#include "report/fact.hpp"
#include "report/period.hpp"
#include "report/table_view.hpp"

namespace foljsam::report {

struct FollowUpOptions {
    Period period;
    // The insatser counted, in the association's order: id and name. Never empty.
    std::vector<std::pair<long long, std::string>> insatser;
    int threshold = 5;
    bool suppress = true;
    // Trends start at this year (clamped to at most ten years before the period's year)
    // or, when 0, at the first year any fact was referred or started in.
    int trend_first_year = 0;
    // Per insats id, its gender target as text (e.g. "minst 30 % män"), from its goals.
    std::map<long long, std::string> gender_targets;
    // Inhabitants per area code (a district code or a kommunkod, as the district and
    // kommun dimensions' values), as the association entered them; may be empty. When a
    // row of "participants per district (or municipality)" has one, that table also shows
    // the population and participants per 10 000 inhabitants.
    std::map<std::string, long long> area_population;
};

// A table's engine result, kept for the JSON export: the cells as suppressed for the viewer.
struct NamedReport {
    std::string id;  // the ViewTable id it feeds
    std::string title;
    Report report;
};

struct FollowUp {
    Period period;
    Period last_year;
    std::vector<ViewSection> sections;
    std::vector<NamedReport> reports;
    bool multi_valued_note = false;  // some table counts multi-valued answers
};

// The first day facts must cover for BuildFollowUp: the start of the earliest trend year
// (ten years before the period's year) or of last year's period, whichever is earlier.
domain::Date FollowUpFactsFrom(const Period& period);

// Builds the follow-up over `facts`, which must hold every fact that can count over
// [FollowUpFactsFrom(period), period.to] (store::LoadFacts over that range). Facts of
// other insatser are ignored. kInvalidInput when the period is invalid, the scope empty
// or the threshold below 3.
Result<FollowUp> BuildFollowUp(const std::vector<Fact>& facts, const FollowUpOptions& options);

}  // namespace foljsam::report

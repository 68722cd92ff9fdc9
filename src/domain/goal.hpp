#pragma once
// Goals (förväntat resultat): what the association's annual plan expects of an insats in a
// year, and how the outcome so far measures up (issue 3, item 4).
//
// A goal is a COUNT ("140 started"), a SHARE ("share of men among started >= 30 %") or a
// goal that cannot be measured from registered data (NOT_MEASURABLE, e.g. a survey goal
// "90 % anser att de fått rätt stöd"), which is only listed. Measures and dimensions are
// named by the report vocabulary's stable names (domain.md, "Measures"); this layer does
// not know the report engine, so the caller passes the vocabulary in (GoalVocabulary).
//
// Targets and tolerances are kept in tenths (target_tenths): a count of 140 is 1400, a
// share of 30 % is 300 and 33,3 % is 333. Integers keep every comparison exact, also at
// the edges of "50 % ± 10", and store the same in SQLite and PostgreSQL (PostgreSQL's REAL
// is a 4-byte float). Count targets and tolerances are whole numbers.
//
// Plain value types and pure functions; thread-safe.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.hpp"
#include "domain/date.hpp"

namespace foljsam::domain {

enum class GoalKind { kCount, kShare, kNotMeasurable };
enum class GoalComparison { kAtLeast, kAtMost, kWithin };
enum class GoalStatus { kMet, kNotMet, kOnTrack, kBehind, kNotMeasurable, kTooFew };

struct Goal {
    long long id = 0;
    long long insats_id = 0;
    int year = 0;
    GoalKind kind = GoalKind::kCount;
    // A measure name of the report vocabulary, e.g. "started"; empty for NOT_MEASURABLE.
    std::string measure;
    // Optional filter: the measure restricted to participations with a value in
    // `filter_values` in this dimension (e.g. "gender", {"M"}). For SHARE the filtered
    // measure is the numerator and the unfiltered measure the denominator, so SHARE needs
    // a filter; for COUNT it is optional. Empty dimension: no filter.
    std::string filter_dimension;
    std::vector<std::string> filter_values;  // sorted, distinct; never contain ';'
    GoalComparison comparison = GoalComparison::kAtLeast;
    long long target_tenths = 0;     // count x 10, or percent x 10 (0..1000)
    long long tolerance_tenths = 0;  // WITHIN only: ± this (percentage points x 10 for shares)
    // Free text shown to users, e.g. "90 % anser att de fått rätt stöd". Required for
    // NOT_MEASURABLE; otherwise optional (TargetText describes the goal then).
    std::string description;
};

// Stable codes ("COUNT", "SHARE", "NOT_MEASURABLE"; "AT_LEAST", "AT_MOST", "WITHIN";
// "MET", "NOT_MET", "ON_TRACK", "BEHIND", "NOT_MEASURABLE", "TOO_FEW") as stored and
// posted, their parsers (nullopt for anything else) and Swedish labels.
std::string_view GoalKindCode(GoalKind kind);
std::optional<GoalKind> ParseGoalKind(std::string_view code);
std::string_view GoalKindLabel(GoalKind kind);  // "Antal", "Andel", "Kan inte mätas ur registrerade uppgifter"
std::string_view GoalComparisonCode(GoalComparison comparison);
std::optional<GoalComparison> ParseGoalComparison(std::string_view code);
std::string_view GoalComparisonLabel(GoalComparison comparison);  // "Minst", "Högst", "Inom ± marginal"
std::string_view GoalStatusCode(GoalStatus status);
// "Uppnått", "Ej uppnått", "I fas", "Efter plan", "Kan inte mätas ur registrerade uppgifter",
// "För få för att bedöma".
std::string_view GoalStatusLabel(GoalStatus status);

// Reads a non-negative decimal with at most one decimal ("30", "30,5", "30.5", " 140 ",
// "1 000") into tenths. nullopt for anything else: empty, negative, two decimals, letters, or more
// than 10 000 000 (a count nobody plans).
std::optional<long long> ParseTenths(std::string_view text);
// Swedish decimal text of tenths: 300 -> "30", 305 -> "30,5".
std::string FormatTenths(long long tenths);

// What a goal may name: the measure names, and per dimension name its value domain (an
// empty list means an open dimension: any value without ';').
struct GoalVocabulary {
    std::vector<std::string> measures;
    std::map<std::string, std::vector<std::string>> dimensions;
};

// The goal with what does not apply cleared: NOT_MEASURABLE keeps only insats, year and
// description; tolerance is 0 unless WITHIN; filter values are trimmed, sorted and made
// distinct, and cleared without a dimension; the description is trimmed.
Goal NormalizeGoal(Goal goal);

// Field errors (kInvalidInput) for a normalized goal; ok when valid. Fields: "year"
// (2000..2100), "measure" (one of the vocabulary's), "filter_dimension" (one of the
// vocabulary's; required for SHARE), "filter_values" (at least one when a dimension is
// chosen, each in its domain), "target" (a count: whole, 0..1 000 000; a share: 0..100),
// "tolerance" (like the target), "description" (required for NOT_MEASURABLE; at most 200
// characters).
Status ValidateGoal(const Goal& goal, const GoalVocabulary& vocabulary);

// The target in words: "minst 140", "högst 10", "140 ± 10", "minst 30 %",
// "50 % ± 10 procentenheter"; "" for NOT_MEASURABLE.
std::string TargetText(const Goal& goal);

// ---- Evaluation -------------------------------------------------------------------------

// The outcome so far: for COUNT `part` is the (filtered) measure; for SHARE `part` is the
// filtered measure and `base` the measure's total.
struct GoalOutcome {
    long long part = 0;
    long long base = 0;
};

// Small-number suppression as the viewer gets it (domain.md): when `suppress`, counts
// from 1 to threshold - 1 are hidden.
struct Disclosure {
    bool suppress = false;
    int threshold = 5;
};

enum class YearPhase { kFuture, kCurrent, kEnded };

// Where `today` lies in `year`. elapsed_days counts the completed days before today
// (0 on 1 January, 364 on 31 December of a common year): today is not over, so a goal
// is not expected to have moved on it. remaining_months counts the current month too
// (12 in January, 1 in December). A future year has 0 elapsed days and 12 remaining
// months; an ended one all its days and none.
struct YearProgress {
    YearPhase phase = YearPhase::kCurrent;
    int elapsed_days = 0;
    int days_in_year = 365;
    int remaining_months = 0;
};
YearProgress ProgressOf(int year, const Date& today);

struct GoalEvaluation {
    GoalStatus status = GoalStatus::kNotMeasurable;
    // True when part of the outcome is a small number the viewer may not see: the caller
    // shows no outcome figure (a count shows as "<threshold"), and nothing below reveals it.
    bool outcome_hidden = false;
    // SHARE, when shown: part / base in tenths of a percent, rounded half up.
    std::optional<long long> share_tenths;
    // COUNT with AT_LEAST or WITHIN, before the year has ended: target (for WITHIN the
    // lower bound) x elapsed_days / days_in_year, rounded up (so an outcome reaches it
    // exactly when it is on track).
    std::optional<long long> expected_by_now;
    // The same goals while not yet reached and the outcome is shown: how many more are
    // needed by the end of the year, and that spread over the remaining months (rounded up).
    std::optional<long long> still_needed;
    std::optional<long long> needed_per_month;
    int remaining_months = 0;
};

// Evaluates `goal` against the outcome counted from 1 January of goal.year up to `today`
// (the whole year once it has ended). Rules:
//  - NOT_MEASURABLE: kNotMeasurable.
//  - A future year: kOnTrack; nothing can have been counted yet.
//  - COUNT AT_LEAST: reached (outcome >= target) is kMet at once, also early in the year;
//    an ended year not reached is kNotMet; during the year kOnTrack when the outcome is at
//    least expected_by_now, else kBehind. Target 0 is kMet from 1 January.
//  - COUNT AT_MOST: exceeded is kNotMet at once (counts never go back); otherwise kMet once
//    the year has ended and kOnTrack before.
//  - COUNT WITHIN (target ± tolerance): above the upper bound is kNotMet at once; an ended
//    year is kMet inside the bounds, else kNotMet; during the year AT_LEAST's pace rule on
//    the lower bound. Both bounds are inclusive.
//  - SHARE: no base (0) is kTooFew. The share is compared exactly (both bounds of WITHIN
//    inclusive): an ended year is kMet / kNotMet, during the year kOnTrack / kBehind by
//    the share so far.
//  - Suppression (disclosure.suppress): a SHARE is kTooFew, with nothing shown, when the
//    base is below the threshold or the part or the rest of the base (base - part) is a
//    hidden count: its share would reveal it. A hidden COUNT keeps its status only when
//    every hidden value (1 .. threshold - 1) gives the same status, else kTooFew, and its
//    still-needed figures are left out (they would reveal it).
GoalEvaluation EvaluateGoal(const Goal& goal, const GoalOutcome& outcome, const Date& today,
                            const Disclosure& disclosure);

}  // namespace foljsam::domain

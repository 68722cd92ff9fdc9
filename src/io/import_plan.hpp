#pragma once
// The import pipeline's pure part: a sheet in, a plan out. Finds the header row, maps the
// file's columns to template columns (by header or synonym, or as the user chose), reads
// every row into a participation with its person, and lists every problem: per row (row
// number as the spreadsheet shows it, the column's header, the value, what was expected)
// and per unknown value (listed once, with how many rows use it, for the user to map to
// a code or reject). Lookups against the association (insatser, members, units) use the
// context the service loaded; nothing here touches the database or keys.
//
// Personnummer are kept in clear only in memory, in PlannedRow::personnummer, and never
// copied into an issue: issues show "(visas inte)" instead of the value.
// Pure functions of their arguments; thread-safe.

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/date.hpp"
#include "domain/organisation.hpp"
#include "domain/participation.hpp"
#include "io/import_columns.hpp"
#include "io/sheet.hpp"

namespace foljsam::io {

// The user's choices, saved per association as a named mapping.
struct ImportSettings {
    // Source header (normalised with NormalizeKey) -> template column id, or "" to ignore
    // the column. Headers not named here are matched automatically.
    std::map<std::string, std::string> columns;
    // (template column id, normalised value) -> code, or "" to reject rows with it.
    // For Insats the code is the insats id, for Anmälande part the organisation id
    // (or EGENANMALAN / ANNAN), for Folkbokföringskommun the kommunkod, for Stadsdel the
    // district code (or HEMLOS / OKAND).
    std::map<std::pair<std::string, std::string>, std::string> values;
};

struct ImportContext {
    long long forbund_id = 0;
    std::vector<domain::Insats> insatser;
    std::vector<domain::Organisation> organisations;
    std::optional<long long> default_insats_id;  // for rows that name no insats
    bool create_missing = false;                 // unknown insatser, members and units are planned for creation
    domain::Date today;
};

struct RowIssue {
    int row = 0;           // spreadsheet row number; 0 for a problem with the whole file
    std::string column;    // the header as written in the file (or the template header)
    std::string value;     // as the user sees it; "(visas inte)" for personnummer
    std::string expected;  // Swedish: what would have been accepted
};

struct UnknownValue {
    Column column;
    std::string header;  // as written in the file
    std::string value;   // first spelling seen
    std::string key;     // NormalizeKey(value): what a decision is stored under
    int rows = 0;        // how many rows use it
    int first_row = 0;
    std::vector<std::pair<std::string, std::string>> choices;  // (code, label) it may be mapped to
};

// An organisation the import will create (create_missing): a member, or a unit under a
// member (existing or also created).
struct NewOrganisation {
    std::string name;
    std::string member_type;  // FK, AF, REGION, KOMMUN
    std::string parent_name;  // empty for a member
};

struct PlannedRow {
    int row = 0;
    std::string rad_id;
    std::optional<long long> insats_id;  // empty: the insats `new_insats` is created
    std::string new_insats;
    // The referrer organisation when it is created by this import (by name); the
    // participation's referrer_org_id is then filled in by the service.
    std::string new_referrer_member;
    std::string new_referrer_unit;
    domain::Participation participation;  // insats_id, answers, dates; person not resolved
    std::string participant_code;
    std::string personnummer;  // canonical 12 digits, in memory only
    std::string name;
    bool explicit_gender = false;
    std::vector<RowIssue> issues;
    bool ok() const { return issues.empty(); }
};

struct ImportPlan {
    int header_row = 0;                          // 0 when none was found
    std::vector<std::string> headers;            // of the header row, by source column
    std::vector<std::optional<Column>> mapping;  // by source column
    std::vector<RowIssue> file_issues;           // row 0: missing columns, no header row, ...
    std::vector<UnknownValue> unknown;           // values without a match or a decision
    std::vector<PlannedRow> rows;
    std::vector<std::string> new_insatser;
    std::vector<NewOrganisation> new_organisations;
    // Answers the file left empty on started rows, registered as "Okänd": (column, rows).
    std::vector<std::pair<Column, int>> filled_unknown;

    size_t RejectedRows() const;
    bool HasErrors() const { return !file_issues.empty() || RejectedRows() > 0; }
};

// The row (within the first 30) with most cells naming template columns; needs at least
// two. 0 when there is none.
int FindHeaderRow(const Sheet& sheet);

// Reads the sheet into a plan. Rows before and including the header row are skipped.
ImportPlan PlanImport(const Sheet& sheet, const ImportContext& context, const ImportSettings& settings);

// Member type read from a member's name: a municipality or "... stad"/"... kommun" ->
// KOMMUN, "Region ..." -> REGION, Försäkringskassan -> FK, Arbetsförmedlingen -> AF;
// empty when the name says nothing.
std::string MemberTypeFromName(std::string_view name);

}  // namespace foljsam::io

#pragma once
// The sheet "Deltagare" of an association export (issue 4, item 6): one row per
// participation, with exactly the import template's columns and headers
// (TemplateColumns()), in its order, so that importing the export gives the same
// participations back. Every value is written as the importer reads it back:
// - coded answers as their Swedish labels (io::MatchCode finds the code by its label);
//   a value with an extent as "Sjukpenning 50 %"; several values joined with "; ";
// - Anmälande part: the referring member's name, or Egenanmälan / Annan; Anmälande
//   enhet: the unit's name when a unit referred;
// - Folkbokföringskommun: the municipality's name; Stadsdel: the district's name, or
//   Hemlös / Okänd;
// - Anonym Ja/Nej; Födelseår a number; dates (also Samtycke, the consent date) as dates.
// Nothing here touches the database or keys: the caller passes names and, only when the
// reader may see them, the identity. Pure functions; thread-safe.

#include <string>
#include <string_view>
#include <vector>

#include "domain/participation.hpp"
#include "io/export_workbook.hpp"

namespace foljsam::io {

inline constexpr std::string_view kParticipationSheet = "Deltagare";

// One participation as the sheet shows it.
struct ParticipationRecord {
    domain::Participation participation;  // every answer (co-referrers are not exported)
    std::string insats_name;
    std::string rad_id;            // the row's stable id (Rad-id)
    std::string participant_code;  // "" when the person has none
    std::string personnummer;      // "ÅÅÅÅMMDD-NNNN", or "" when not to be shown
    std::string name;              // "" when not to be shown
    std::string referrer_member;   // the referring member's name (referrer ORG)
    std::string referrer_unit;     // the referring unit's name, "" when the member itself referred
};

// The headers of TemplateColumns(), in order.
std::vector<std::string> ParticipationHeaders();

// The cells of one row, one per template column.
std::vector<ExportCell> ParticipationRow(const ParticipationRecord& record);

// The Swedish label the sheet writes for `code` in code list `list_id` (the code itself
// when it has no label there).
std::string CodeText(std::string_view list_id, std::string_view code);
// "Förvärvsarbete 50 %" for a code with an extent, else CodeText().
std::string CodeWithExtent(std::string_view list_id, std::string_view code, const std::optional<int>& extent);
// Support values as "Sjukpenning 50 %; Lön".
std::string SupportText(const std::vector<domain::SupportValue>& values);

}  // namespace foljsam::io

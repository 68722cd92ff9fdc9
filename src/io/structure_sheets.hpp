#pragma once
// The association's structure in an export (issue 4, item 6): the sheets "Organisationer"
// (members and units) and "Insatser" (their settings), written by the export and read
// back by the import, so an association can be rebuilt from its export. Headers live here
// only, shared by writer and reader.
//
// Organisationer: Namn, Medlemstyp, Överordnad, Kommunkod, Aktiv. Members have no
//   Överordnad; a unit names its parent organisation. Rows come parents first.
// Insatser: Namn, Beskrivning, Startdatum, Slutdatum, Inriktning, Uppföljningsmetod,
//   Egenanmälan, Personuppgiftsansvarig (a member's name), Registreringssätt, Aktiv.
// Coded values are written as their Swedish labels and read by code or label; yes/no as
// Ja/Nej; dates as date cells (ÅÅÅÅ-MM-DD in CSV).
//
// Reading matches headers as the importer does (case, spaces and punctuation ignored)
// and reports every problem with sheet, row and column. Nothing here touches the
// database. Pure functions; thread-safe.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/date.hpp"
#include "domain/organisation.hpp"
#include "io/export_workbook.hpp"
#include "io/sheet.hpp"

namespace foljsam::io {

inline constexpr std::string_view kOrganisationSheet = "Organisationer";
inline constexpr std::string_view kInsatsSheet = "Insatser";

// The headers, in order.
const std::vector<std::string>& OrganisationHeaders();
const std::vector<std::string>& InsatsHeaders();

// --- writing ---------------------------------------------------------------------------

// Every organisation of `organisations` (one association), members first and every unit
// after its parent, in the given order otherwise.
ExportTable OrganisationTable(const std::vector<domain::Organisation>& organisations);
// `insatser` in the given order; controllers are named from `organisations`.
ExportTable InsatsTable(const std::vector<domain::Insats>& insatser,
                        const std::vector<domain::Organisation>& organisations);

// --- reading ---------------------------------------------------------------------------

struct OrganisationRow {
    int row = 0;  // spreadsheet row number
    std::string name;
    std::string member_type;  // FK, AF, REGION, KOMMUN; "" for a unit that leaves it out
    std::string parent_name;  // "" for a member
    std::string kommunkod;
    bool active = true;
};

struct InsatsRow {
    int row = 0;
    std::string name;
    std::string description;
    std::optional<domain::Date> start_date, end_date;
    std::string orientation = "INDIVID";
    std::string follow_up_method = "INDIVIDUELL";
    bool self_referral_allowed = false;
    std::string controller_name;
    std::string registration_mode = "UTAN_ID";
    bool active = true;
};

struct SheetIssue {
    std::string sheet;
    int row = 0;           // 0 for the sheet as a whole
    std::string column;    // the header as the template writes it
    std::string value;     // as the user sees it
    std::string expected;  // Swedish: what would have been accepted
};

struct StructureRows {
    bool has_organisations = false;  // the workbook has the sheet
    bool has_insatser = false;
    std::vector<OrganisationRow> organisations;
    std::vector<InsatsRow> insatser;
    std::vector<SheetIssue> issues;  // rows with issues are left out of the lists above
};

// Reads the sheets named kOrganisationSheet and kInsatsSheet (names compared as headers
// are), if present; the header row is the first row. A sheet without a Namn column is one
// issue; wholly empty rows are skipped.
StructureRows ReadStructureSheets(const Workbook& workbook);

// "Organisationer, rad 4, kolumn Överordnad: <expected>" for messages.
std::string Describe(const SheetIssue& issue);

}  // namespace foljsam::io

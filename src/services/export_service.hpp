#pragma once
// Exports (issue 4, item 6).
//
// The association export: every participation as a row of the import template (sheet
// "Deltagare", io/participation_sheet.hpp), plus the sheets "Organisationer" and
// "Insatser" (io/structure_sheets.hpp), so that importing the file into an empty
// association (services/structure_import.hpp, then the import) rebuilds it. XLSX is one
// workbook with the three sheets; CSV is three files (UTF-8 with BOM, ';', CRLF): the
// participations, the organisations and the insatser, in that order.
// Participant-level rows are pseudonymous personal data, so the export is for
// registrars (deltagaransvarig), covering the insatser whose participants they may see
// (policy kViewParticipations), and for the machine's operator (CLI), covering every
// insats. Personnummer and name are filled in only for insatser registered with
// identity, and only where the policy grants kViewIdentity (the operator: when asked
// for); everywhere else they are empty. A participation's Rad-id is the Rad-id of the
// import that made it, else "P" and its id, so importing an export again updates rows
// instead of duplicating them. Insatser come in order of creation (rows by insats, then
// by participation), so an association rebuilt from the export numbers them alike.
//
// The national return ("Uppföljning Finsam", domain.md): per insats its orientation,
// target groups, planned participants, budget and outcome, and participants in
// individual insatser by gender in a year (measure participated), computed by the report
// engine with the association's small-number suppression always applied, as for roles
// without personal-data access (the return goes to the national level). Gender Annat (X)
// and Uppgift saknas (U) are counted together before suppression. Följsam has no budget
// data yet, nor counts of participants in structural insatser: those columns are empty,
// and the sheet "Om" says so. XLSX has the sheets "Återrapportering" and "Om"; CSV is the
// first sheet alone. For the association's administrator and analysts, and the operator.
//
// Every export leaves one audit event ("export.forbund" or "export.national_return",
// entity "export") with what was exported: counts, insatser, whether identities were
// included; never the data. Nothing is handed out unless the event is committed.
// Thread-safe.

#include <string>
#include <vector>

#include "common/status.hpp"
#include "domain/actor.hpp"
#include "services/app.hpp"

namespace foljsam::services {

enum class ExportFormat { kXlsx, kCsv };

inline constexpr const char* kXlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
inline constexpr const char* kCsvContentType = "text/csv; charset=utf-8";

struct ExportFile {
    std::string file_name;  // suggested name, ASCII, e.g. "foljsam-export-2026-03-01.xlsx"
    std::string content_type;
    std::string bytes;
};

struct AssociationExport {
    std::vector<ExportFile> files;  // see the file comment for what each format holds
    int participations = 0;
    int insatser = 0;
    int identities = 0;  // rows with a personnummer
};

// What an actor may export, for offering the downloads (the export page, the menu).
struct ExportOffer {
    bool association = false;      // a registrar in the association
    bool national_return = false;  // its administrator or an analyst
};

class ExportService {
   public:
    explicit ExportService(App& app) : app_(app) {}

    static ExportOffer OfferFor(const domain::Actor& actor);

    // The export of the insatser whose participants the actor may see. Failure: kForbidden
    // when there is none; kUnavailable when the file cannot be made; store and key
    // failures (kCorrupt for an identity that cannot be opened).
    Result<AssociationExport> ExportAssociation(const domain::Actor& actor, ExportFormat format);
    // CLI: every insats of the association; identities only when `with_identity`.
    // Failure: kNotFound for an unknown association; otherwise as above.
    Result<AssociationExport> ExportAssociationAsOperator(long long forbund_id, ExportFormat format,
                                                          bool with_identity);

    // The national return for calendar year `year` (2000..2100). Failure: kForbidden
    // unless the actor is the association's administrator or an analyst; kInvalidInput
    // for another year; kUnavailable; store failures.
    Result<ExportFile> NationalReturn(const domain::Actor& actor, int year, ExportFormat format);
    Result<ExportFile> NationalReturnAsOperator(long long forbund_id, int year, ExportFormat format);

   private:
    App& app_;
};

}  // namespace foljsam::services

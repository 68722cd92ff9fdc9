#pragma once
// Rebuilding an association's structure from an export (issue 4, item 6): the sheets
// "Organisationer" and "Insatser" (io/structure_sheets.hpp) of a workbook become the
// organisations and insatser that do not exist yet, with their settings, so that the
// participations of the same workbook can then be imported into an empty association.
// Called by the import's create-missing path inside its own unit of work.
//
// What exists is left as it is (nothing is updated): an organisation exists when one
// with the same name (ignoring case, spaces and punctuation) has the same parent, an
// insats when one has the same name. Members are created before units and every unit
// after its parent, parents found by name; an insats's controller
// (Personuppgiftsansvarig) is found among the members by name, and when the cell is
// empty it is the association's first municipality member, else its first member (as
// the import does for insatser it creates). Each creation is audited like an
// administrator's ("organisation.create", "insats.create", with source "import").
//
// Access: the machine's operator (actor null), or an actor with kAdminOrganisations and
// kAdminInsatser in the association.

#include <string>
#include <vector>

#include "common/status.hpp"
#include "domain/actor.hpp"
#include "io/sheet.hpp"
#include "store/database.hpp"

namespace foljsam::services {

struct StructureCreated {
    std::vector<long long> organisation_ids, insats_ids;        // in order of creation
    std::vector<std::string> organisation_names, insats_names;  // same order as the ids
};

// Creates what the workbook's structure sheets name and the association lacks; a
// workbook without them creates nothing. Nothing is written unless every row is good.
// Failure: kInvalidInput listing every problem, with one FieldError per problem whose
// field is "<sheet>!<cell>" (e.g. "Organisationer!C4", "Insatser!A0" for the sheet as a
// whole) and whose message says row, column and what was expected (the status message
// names the first); kForbidden; kNotFound for an unknown association; store failures.
// Writes only through `uow`, which the caller commits or rolls back.
Result<StructureCreated> ImportStructure(store::UnitOfWork& uow, const domain::Actor* actor, long long forbund_id,
                                         const io::Workbook& workbook);

}  // namespace foljsam::services

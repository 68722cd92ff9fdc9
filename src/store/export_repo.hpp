#pragma once
// Reading for exports (issue 4, item 6): every participation of an insats with all its
// answers, its person's participant code and its stable row id, in a few statements per
// insats rather than a few per participation. Identities stay sealed: PersonRepo's
// IdentitiesInInsats gives them to the service, which opens them only when allowed.
// Every function runs inside the caller's UnitOfWork; SQL errors become Status values.

#include <string>
#include <vector>

#include "common/status.hpp"
#include "domain/participation.hpp"
#include "store/database.hpp"

namespace foljsam::store {

struct ExportedParticipation {
    domain::Participation participation;  // every answer except the co-referrers
    std::string participant_code;         // of its person; "" when none
    std::string source_row_id;            // Rad-id of the import that made it; "" when none
};

class ExportRepo {
   public:
    explicit ExportRepo(UnitOfWork& uow) : uow_(uow) {}

    // Every participation of the insats, oldest id first.
    Result<std::vector<ExportedParticipation>> ListForInsats(long long insats_id);

   private:
    UnitOfWork& uow_;
};

}  // namespace foljsam::store

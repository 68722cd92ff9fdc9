#pragma once
// Associations (förbund), organisations (members and units) and insatser.
// Every function runs inside the caller's UnitOfWork; SQL errors become Status values.

#include <vector>

#include "common/status.hpp"
#include "domain/organisation.hpp"
#include "store/database.hpp"

namespace foljsam::store {

class OrganisationRepo {
   public:
    explicit OrganisationRepo(UnitOfWork& uow) : uow_(uow) {}

    Result<long long> InsertForbund(const domain::Forbund& f);
    Result<domain::Forbund> GetForbund(long long id);
    Result<std::vector<domain::Forbund>> ListForbund();

    Result<long long> InsertOrganisation(const domain::Organisation& o);
    Status UpdateOrganisation(const domain::Organisation& o);
    Result<domain::Organisation> GetOrganisation(long long id);
    // Every organisation of the association, members first, then by name.
    Result<std::vector<domain::Organisation>> ListOrganisations(long long forbund_id);

    Result<long long> InsertInsats(const domain::Insats& i);
    Status UpdateInsats(const domain::Insats& i);
    Result<domain::Insats> GetInsats(long long id);
    Result<std::vector<domain::Insats>> ListInsatser(long long forbund_id);
    Result<long long> CountParticipations(long long insats_id);

   private:
    UnitOfWork& uow_;
};

}  // namespace foljsam::store

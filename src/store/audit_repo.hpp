#pragma once
// Audit events: append and read. Runs inside the caller's UnitOfWork, so an event is
// written in the same transaction as the change it records (both or neither).

#include <optional>
#include <string>
#include <vector>

#include "common/status.hpp"
#include "domain/audit_event.hpp"
#include "store/database.hpp"

namespace foljsam::store {

struct AuditFilter {
    std::optional<std::string> entity;
    std::optional<long long> entity_id;
    std::optional<std::string> action;
    std::optional<long long> user_id;
    int limit = 200;
};

class AuditRepo {
   public:
    explicit AuditRepo(UnitOfWork& uow) : uow_(uow) {}
    // Appends `e` (id and at are set here). Returns the new id.
    Result<long long> Append(const domain::AuditEvent& e);
    // Newest first, with the username of the acting user filled in.
    Result<std::vector<domain::AuditEvent>> List(const AuditFilter& filter);
    Result<long long> Count(const AuditFilter& filter);

   private:
    UnitOfWork& uow_;
};

// The code lists as seeded in the database: (list_id, code, label) in list and sort order.
struct StoredCodeValue {
    std::string list_id, code, label;
};
Result<std::vector<StoredCodeValue>> ListStoredCodeValues(UnitOfWork& uow);

}  // namespace foljsam::store

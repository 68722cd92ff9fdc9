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

// The newest link of the audit chain, kept in a row of its own.
struct AuditChainHead {
    long long last_seq = 0;  // 0 before the first chained event
    std::string last_link;
};

class AuditRepo {
   public:
    explicit AuditRepo(UnitOfWork& uow) : uow_(uow) {}
    // Appends `e` as the next link of the chain (id, at, seq and links are set here, the
    // link by the database's audit linker) and moves the chain head; on PostgreSQL the
    // head row stays locked until the transaction ends, so appends are serialised. The
    // first append also chains events from before the chain existed. Returns the new id.
    // Failure: kInternal when the database has no audit linker; store failures.
    Result<long long> Append(const domain::AuditEvent& e);
    // Chained events with seq > after_seq, by seq, at most `limit`, with seq and links.
    Result<std::vector<domain::AuditEvent>> ChainPage(long long after_seq, int limit);
    // Events outside the chain (no seq), oldest first, at most `limit`.
    Result<std::vector<domain::AuditEvent>> Unchained(int limit);
    Result<AuditChainHead> ChainHead();
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

#pragma once
// Writing audit events from services, in the same unit of work as the change.

#include <optional>
#include <string>

#include "common/status.hpp"
#include "domain/actor.hpp"
#include "store/database.hpp"

namespace foljsam::services {

struct AuditInput {
    std::string action;
    std::string entity;
    std::optional<long long> entity_id;
    std::optional<long long> insats_id;
    bool personal_data = false;
    std::string detail = "{}";  // JSON object; never a personnummer or a name
};

// Appends one event for `actor` (may be null for system events and failed log-ins).
Status Audit(store::UnitOfWork& uow, const domain::Actor* actor, std::optional<long long> forbund_id,
             const AuditInput& input);

}  // namespace foljsam::services

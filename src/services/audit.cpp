#include "services/audit.hpp"

#include "store/audit_repo.hpp"

namespace foljsam::services {

Status Audit(store::UnitOfWork& uow, const domain::Actor* actor, std::optional<long long> forbund_id,
             const AuditInput& input) {
    domain::AuditEvent e;
    e.forbund_id = forbund_id;
    if (actor) e.user_id = actor->user.id;
    e.action = input.action;
    e.entity = input.entity;
    e.entity_id = input.entity_id;
    e.insats_id = input.insats_id;
    e.personal_data = input.personal_data;
    e.detail = input.detail;
    auto id = store::AuditRepo(uow).Append(e);
    return id.status();
}

}  // namespace foljsam::services

#pragma once
// One audit event. `detail` is a JSON object as text and never holds a personnummer or a
// name; changed answers are recorded as codes (old -> new). Plain value type.

#include <optional>
#include <string>

namespace foljsam::domain {

struct AuditEvent {
    long long id = 0;
    std::string at;  // UTC, "YYYY-MM-DDTHH:MM:SSZ"
    std::optional<long long> forbund_id;
    std::optional<long long> user_id;
    std::string action;  // e.g. "participation.view", "participation.update", "login.ok"
    std::string entity;  // e.g. "participation", "insats", "user"
    std::optional<long long> entity_id;
    std::optional<long long> insats_id;
    bool personal_data = false;  // the event read or wrote personal data
    std::string detail = "{}";
    std::string username;  // filled by reads for display; not stored
    // The hash chain (security/audit_chain.hpp), set by the store on append: the event's
    // place in the chain (0 for an event from before the chain) and its links.
    long long seq = 0;
    std::string prev_link, link;
};

}  // namespace foljsam::domain

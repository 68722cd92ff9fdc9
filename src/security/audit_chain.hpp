#pragma once
// The audit log's hash chain (issue 5, item 4).
//
// Every audit event carries a link: HMAC-SHA-256, under the installation's audit key, of
// its sequence number (1, 2, 3, ... with no gaps), the previous event's link and every
// stored field of the event. Changing any field of any event, removing an event or
// putting one in between breaks the chain at that event, and without the key nobody can
// compute new links to hide it. The key lives with the other keys, not in the database
// (security/keyring.hpp). What the chain cannot show on its own is the removal of the
// newest events together with the chain head; `foljsam audit verify` prints the head so
// it can be noted outside the database (docs/security.md).
// AuditChainKey is an immutable value; thread-safe.

#include <array>
#include <string>
#include <string_view>

#include "domain/audit_event.hpp"

namespace foljsam::security {

// The bytes a link covers: a version tag, then seq, prev_link and each stored field of
// `e` (at, forbund_id, user_id, action, entity, entity_id, insats_id, personal_data,
// detail), each length-prefixed, with absent values told apart from every present value.
std::string AuditChainMessage(long long seq, std::string_view prev_link, const domain::AuditEvent& e);

class AuditChainKey {
   public:
    // Lower-case hex HMAC-SHA-256 (64 digits) of AuditChainMessage(seq, prev_link, e).
    std::string Link(long long seq, std::string_view prev_link, const domain::AuditEvent& e) const;

   private:
    friend class Keyring;
    std::array<unsigned char, 32> key_{};
};

}  // namespace foljsam::security

#pragma once
// Checking the audit log's hash chain (issue 5, item 4; `foljsam audit verify`).
//
// Reads every chained event in order and recomputes its link under the audit key: the
// first event whose link, place or back-link does not match is where the chain breaks
// (an event changed, removed or put in between there), and the chain head must match the
// newest event (else the newest events are missing). An event outside the chain is
// reported too. Reads in one read transaction, in pages, so memory stays small.

#include <string>

#include "common/status.hpp"
#include "services/app.hpp"

namespace foljsam::services {

struct AuditVerification {
    long long events = 0;  // chained events checked
    bool intact = true;
    long long broken_event_id = 0;  // the event where the chain breaks; 0 when intact or at its end
    std::string problem;            // Swedish, for the operator; empty when intact
    long long head_seq = 0;         // the chain head, to note outside the database
    std::string head_link;
    long long unchained = 0;  // events from before the chain, not yet chained (none once written to)
};

// For the machine's operator. Failure: kUnavailable when the audit key cannot be read;
// store failures. A broken chain is not a failure: see `intact`.
Result<AuditVerification> VerifyAuditChain(App& app);

}  // namespace foljsam::services

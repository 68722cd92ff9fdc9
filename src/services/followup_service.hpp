#pragma once
// The follow-up report (Insatsuppföljning): report::BuildFollowUp over the facts of the
// insatser the viewer may see, suppressed according to the viewer's access (the rule of
// report_scope.hpp). One unit of work: the gender targets (goals) and the association's
// population per area (population_service.hpp), one LoadFacts over the period, last year's
// period and the trend years, then one audit event "report.followup" with the period and scope,
// never a value or personal data. Thread-safe.

#include <optional>
#include <string>
#include <vector>

#include "common/status.hpp"
#include "domain/actor.hpp"
#include "domain/organisation.hpp"
#include "report/followup.hpp"
#include "report/period.hpp"
#include "services/app.hpp"

namespace foljsam::services {

struct FollowUpRequest {
    report::Period period;
    std::optional<long long> insats_id;  // nullopt: every insats the viewer may see
    bool no_suppress = false;            // refused unless the viewer has personal-data access
};

struct FollowUpResult {
    report::FollowUp followup;
    std::string forbund_name;
    std::vector<domain::Insats> scope;  // the insatser counted, in the association's order
    int threshold = 5;
    bool suppression_applied = true;
};

class FollowUpService {
   public:
    explicit FollowUpService(App& app) : app_(app) {}

    // Failure: kForbidden / kNotFound as ReportService::Run (report_scope.hpp); kNotFound
    // also when the viewer's association has no insats to follow up; kInvalidInput for an
    // invalid period; kUnavailable/kInternal from the store.
    Result<FollowUpResult> Run(const domain::Actor& actor, const FollowUpRequest& request);
    // CLI and benchmarks: the operator on the machine, for association `forbund_id`.
    Result<FollowUpResult> RunAsOperator(long long forbund_id, const FollowUpRequest& request);

   private:
    App& app_;
};

}  // namespace foljsam::services

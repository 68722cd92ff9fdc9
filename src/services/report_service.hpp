#pragma once
// Running reports: the report engine (report/) over the facts of the store, within the
// insatser the viewer may see, suppressed according to the viewer's access.
//
// Scope: the insatser the actor may view (policy kViewInsats), or the requested subset of
// them. Suppression (domain.md, "Small-number suppression") applies unless the actor has
// personal-data access (policy kViewParticipations) to every insats in scope; only such an
// actor may ask for an unsuppressed report. Every run leaves one audit event "report.run"
// (entity "report") with the query and the scope, never personal data. Thread-safe.

#include <string>
#include <vector>

#include "common/status.hpp"
#include "domain/actor.hpp"
#include "domain/organisation.hpp"
#include "report/cell.hpp"
#include "report/period.hpp"
#include "report/render.hpp"
#include "services/app.hpp"

namespace foljsam::services {

struct ReportRequest {
    // Measures, up to two dimensions, the period, and the insatser (nullopt or empty: all
    // the viewer may see).
    report::Query query;
    bool no_suppress = false;  // show true small counts; refused unless allowed (see above)
};

struct ReportResult {
    // The cells. When suppression_applied, cells flagged suppressed still hold their true
    // value: renderers must show report::DisplayValue(), never the value.
    report::Report report;
    report::Period period;
    std::vector<domain::Insats> scope;  // the insatser counted, in the association's order
    int threshold = 5;                  // the association's suppression threshold
    bool suppression_applied = true;
    std::string forbund_name;  // the association's name, for the renderers
};

// The renderers' input (report/render.hpp) for `result`, made at `generated_at` (e.g.
// "2025-06-30 14:05"). Borrows result.report: `result` must outlive the input.
report::RenderInput RenderInputOf(const ReportResult& result, std::string generated_at);

class ReportService {
   public:
    explicit ReportService(App& app) : app_(app) {}

    // Runs the report for `actor`. Failure: kForbidden when the actor may see no insats
    // (or none exists and the actor has no association role), when a requested insats is
    // not visible to the actor, or when no_suppress is asked for without personal-data
    // access to every insats in scope; kNotFound when a requested insats does not belong
    // to the actor's association; kInvalidInput for a bad query (no measure, a measure or
    // dimension twice, more than two dimensions, an invalid period); kUnavailable/kInternal.
    Result<ReportResult> Run(const domain::Actor& actor, const ReportRequest& request);

    // CLI only (the operator on the machine): the whole association `forbund_id` or the
    // requested insatser of it; suppressed unless request.no_suppress. Failure: kNotFound
    // for an unknown association or an insats outside it; kInvalidInput as above.
    Result<ReportResult> RunAsOperator(long long forbund_id, const ReportRequest& request);

    // CLI only: every insats of the association, for resolving names given by the operator.
    Result<std::vector<domain::Insats>> InsatserOf(long long forbund_id);

   private:
    App& app_;
};

}  // namespace foljsam::services

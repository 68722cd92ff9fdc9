#pragma once
// Gallring (issue 5, item 5): removes the identity of participations that ended more than
// the association's retention period ago, keeping them as anonymous statistics so every
// report of past years stays the same. The rule (what is due, and why a person goes only
// when all its participations are due) is domain/retention.hpp; the SQL is
// store/retention_repo.hpp.
//
// CLI only: run by the machine's operator (`foljsam gallra`), so no actor and no policy
// check; every association of the database is handled with its own retention period.
// A real run is one transaction per association, all-or-nothing, with one audit event
// "gallring" (entity "forbund") holding the counts per insats, never a personnummer, a
// name or a participant code. A dry run reads only and writes nothing, not even an audit
// event. Running again on the same day changes nothing. Thread-safe.

#include <string>
#include <vector>

#include "common/status.hpp"
#include "domain/date.hpp"
#include "services/app.hpp"

namespace foljsam::services {

struct InsatsGallring {
    long long insats_id = 0;
    std::string insats_name;
    long long removed = 0;  // participations whose identity is (or would be) removed
    long long held = 0;     // due, but the person has a participation that is not
};

struct ForbundGallring {
    long long forbund_id = 0;
    std::string forbund_name;
    int retention_months = 36;
    domain::Date first_end_not_due;  // participations that ended before this day are due
    long long persons = 0;           // persons whose identity is (or would be) removed
    long long removed = 0;
    long long held = 0;
    std::vector<InsatsGallring> insatser;  // only insatser with something removed or held, by name
};

struct GallringResult {
    bool dry_run = true;
    domain::Date today;
    std::vector<ForbundGallring> forbund;  // every association, by name
};

class RetentionService {
   public:
    explicit RetentionService(App& app) : app_(app) {}

    // Runs gallring as of `today` (domain::Today() from the CLI; tests pass other days),
    // or with `dry_run` only reports what it would do. Failure: kUnavailable/kInternal
    // from the database; kConflict when participations changed during the run (nothing
    // of that association is written then; associations before it are done).
    Result<GallringResult> Run(const domain::Date& today, bool dry_run);

    // Sets the retention period of association `forbund_id`, with an audit event
    // "gallringsfrist.update". Failure: kInvalidInput outside 1..600 months, kNotFound.
    Status SetRetentionMonths(long long forbund_id, int months);

   private:
    Result<ForbundGallring> RunForbund(long long forbund_id, const domain::Date& today, bool dry_run);
    App& app_;
};

}  // namespace foljsam::services

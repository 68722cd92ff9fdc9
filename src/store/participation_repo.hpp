#pragma once
// Participations and their multi-valued answers (support, target groups, co-referrers).
// Every function runs inside the caller's UnitOfWork; SQL errors become Status values.

#include <optional>
#include <string>
#include <vector>

#include "common/status.hpp"
#include "domain/participation.hpp"
#include "store/database.hpp"

namespace foljsam::store {

struct ParticipationFilter {
    long long insats_id = 0;
    std::string status;                  // ANMALD/BESLUT/PAGAENDE/AVSLUTAD or empty for all
    std::optional<int> year;             // active (referred, started or ongoing) during this year
    std::optional<long long> person_id;  // only this person
    int limit = 50;                      // 0 = no limit
    int offset = 0;
};

// A participation as listed: the main record (answers of multi-valued questions not loaded)
// plus the participant code of its person, if any.
struct ParticipationRow {
    domain::Participation participation;
    std::string participant_code;
};

class ParticipationRepo {
   public:
    explicit ParticipationRepo(UnitOfWork& uow) : uow_(uow) {}

    // Inserts `p` (id and version ignored) with all its answers; returns the new id.
    Result<long long> Insert(const domain::Participation& p);
    // Replaces the stored record and answers when its version equals p.version, bumping
    // the version. Failure: kConflict when someone changed it meanwhile, kNotFound.
    Status Update(const domain::Participation& p);
    // The full participation with every answer. Failure: kNotFound.
    Result<domain::Participation> Get(long long id);
    Result<std::vector<ParticipationRow>> List(const ParticipationFilter& filter);
    Result<long long> Count(const ParticipationFilter& filter);
    // Attention counts for one insats on `today`: referrals older than 30 days without a
    // decision; accepted more than 30 days ago but not started; ongoing for more than 24
    // months (usually an exit that was never registered).
    struct Attention {
        long long waiting_for_decision = 0;
        long long accepted_not_started = 0;
        long long long_running = 0;
    };
    Result<Attention> AttentionFor(long long insats_id, const domain::Date& today);
    // Number of participations (in any insats) that refer to the person.
    Result<long long> CountForPerson(long long person_id);
    // Removes the link to a person and marks the participation anonymous.
    Status MakeAnonymous(long long participation_id);

   private:
    // Replaces the multi-valued answers (kept in tables of their own); `fresh`: a new
    // participation, which has none yet. Throws SOCI errors (callers run it inside Guard).
    void WriteAnswers(long long id, const domain::Participation& p, bool fresh);
    UnitOfWork& uow_;
};

}  // namespace foljsam::store

#pragma once
// Registering and reading participations: referral, decision, start with intake answers,
// exit with exit answers, edits with history, anonymous participations, the participant
// list with search.
//
// Access (security/policy): participant-level data needs kViewParticipations /
// kWriteParticipation on the insats; identities (personnummer, name) need kViewIdentity.
// Identities are sealed under the controller's key; the store sees only sealed text and
// keyed hashes. Every read of a participant page or list and every write leaves an audit
// event in the same transaction. Thread-safe.

#include <optional>
#include <string>
#include <vector>

#include "common/status.hpp"
#include "domain/actor.hpp"
#include "domain/organisation.hpp"
#include "domain/participation.hpp"
#include "domain/participation_diff.hpp"
#include "services/app.hpp"

namespace foljsam::services {

// Who the participant is, as entered. Which fields apply depends on the insats's mode:
// without identity: participant_code + birth_year; with identity: personnummer (+ name);
// anonymous: none of them (birth_year may be given, only to derive the age group).
struct PersonInput {
    std::string participant_code;
    std::string personnummer;  // never logged, never echoed in messages
    std::string name;
    std::optional<int> birth_year;
};

struct ParticipationInput {
    domain::Participation participation;  // anonymous, gender, dates, answers, consent, version
    PersonInput person;
};

struct IdentityView {
    std::string personnummer;  // "YYYYMMDD-NNNN"
    std::string name;
};

struct ParticipationView {
    domain::Participation participation;
    domain::Insats insats;
    std::string participant_code;
    std::optional<IdentityView> identity;  // only for actors allowed to see it
    bool can_view_identity = false;
};

struct ListQuery {
    std::string status;
    std::optional<int> year;
    int page = 1;
    int page_size = 25;
    std::string search;  // participant code; personnummer or name for identity registrars
};

struct ListRow {
    domain::Participation participation;
    std::string participant_code;
    std::optional<IdentityView> identity;
};

struct ParticipationPage {
    std::vector<ListRow> rows;
    long long total = 0;
    int page = 1;
    int page_count = 1;
    bool can_view_identity = false;
};

struct HistoryEntry {
    std::string at;
    std::string username;
    std::string action;  // participation.create / participation.update / ...
    std::vector<domain::FieldChange> changes;
};

struct InsatsAttention {
    domain::Insats insats;
    bool exact = false;  // false: counts are suppressed below the threshold ("<5")
    int threshold = 5;
    long long waiting_for_decision = 0;
    long long accepted_not_started = 0;
    long long long_running = 0;
    long long ongoing = 0;
};

class ParticipationService {
   public:
    explicit ParticipationService(App& app) : app_(app) {}

    // Registers a new participation at any stage (referral only, or already started, ...).
    // Failure: kForbidden, kNotFound (insats), kInvalidInput with field errors, kConflict.
    Result<long long> Register(const domain::Actor& actor, long long insats_id, const ParticipationInput& input);
    // Replaces every editable field; input.participation.version must be the current one.
    Status Update(const domain::Actor& actor, long long participation_id, const ParticipationInput& input);
    // Stage operations: change only their own fields of the current version. RecordStart
    // replaces the intake answers but keeps the recorded referrer when `intake` names none.
    Status RecordDecision(const domain::Actor& actor, long long id, int version, const std::string& decision,
                          const std::optional<domain::Date>& date);
    Status RecordStart(const domain::Actor& actor, long long id, int version, const std::optional<domain::Date>& start,
                       const domain::IntakeAnswers& intake);
    Status RecordExit(const domain::Actor& actor, long long id, int version, const std::optional<domain::Date>& end,
                      const domain::ExitAnswers& exit);

    Result<ParticipationView> Get(const domain::Actor& actor, long long participation_id);
    Result<ParticipationPage> List(const domain::Actor& actor, long long insats_id, const ListQuery& query);
    Result<std::vector<HistoryEntry>> History(const domain::Actor& actor, long long participation_id);
    // What needs attention in each insats the actor can see.
    Result<std::vector<InsatsAttention>> Attention(const domain::Actor& actor);

   private:
    App& app_;
};

}  // namespace foljsam::services

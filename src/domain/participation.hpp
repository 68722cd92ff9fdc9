#pragma once
// A participation (deltagande) in an insats and the rules of its lifecycle:
// ANMALD (referred) -> BESLUT (decided) -> PAGAENDE (started) -> AVSLUTAD (ended).
//
// The status is derived from the dates, never stored separately. Validate() checks every
// rule of domain.md that needs no database: date order, required answers per stage,
// codes in their code lists, lengths, anonymity. Plain value types; not thread-safe to
// mutate concurrently.

#include <optional>
#include <string>
#include <vector>

#include "common/status.hpp"
#include "domain/date.hpp"
#include "domain/limits.hpp"

namespace foljsam::domain {

enum class ParticipationStatus { kAnmald, kBeslut, kPagaende, kAvslutad };
// "ANMALD", "BESLUT", "PAGAENDE", "AVSLUTAD".
const char* StatusCode(ParticipationStatus status);

// A multi-valued answer with an optional extent in percent (1..100).
struct SupportValue {
    std::string code;
    std::optional<int> extent;
    bool operator==(const SupportValue&) const = default;
};

struct IntakeAnswers {
    std::string referrer;  // "ORG", "EGENANMALAN", "ANNAN" or empty
    std::optional<long long> referrer_org_id;
    std::vector<long long> co_referrer_org_ids;
    std::string residence_kommun;    // 4-digit kommunkod
    std::string residence_district;  // district code (Stockholm/Göteborg)
    std::string residence_special;   // HEMLOS / OKAND
    std::string education;
    std::string time_without_work;
    std::vector<SupportValue> support_at_start;
    std::string occupation_start;
    std::optional<int> occupation_start_extent;
    std::string time_in_support;
    std::string sgi_noll;
    std::vector<std::string> target_groups;
    std::string birth_region;
    bool operator==(const IntakeAnswers&) const = default;
};

struct ExitAnswers {
    std::string exit_reason;
    std::string occupation_after;
    std::optional<int> occupation_after_extent;
    std::vector<SupportValue> support_after;
    bool operator==(const ExitAnswers&) const = default;
};

struct Participation {
    long long id = 0;
    long long insats_id = 0;
    std::optional<long long> person_id;  // empty for anonymous participations
    bool anonymous = false;
    std::string gender;  // K, M, X, U
    std::optional<int> birth_year;
    std::optional<Date> referral_date;
    std::string decision;  // BEVILJAD, AVSLAG, VANTELISTA or empty
    std::optional<Date> decision_date;
    std::optional<Date> start_date;
    std::optional<Date> end_date;
    IntakeAnswers intake;
    ExitAnswers exit;
    std::optional<Date> consent_date;
    std::string consent_form;
    int version = 0;  // optimistic concurrency: bumped on every change

    ParticipationStatus status() const;
    // Age group at start (or at referral before start), "" when birth year is unknown.
    std::string age_group() const;
};

// Age group label for the age reached in the year of `on`: 16-19, 20-24, 25-29, 30-39,
// 40-49, 50-59, 60-64, 65+ ("<16" below 16).
std::string AgeGroup(int birth_year, const Date& on);

struct ValidationContext {
    Date today;
    bool identity_mode = false;  // the insats registers with identity
    bool self_referral_allowed = true;
};

// Checks every rule. Ok, or kInvalidInput with one FieldError per broken rule; field ids
// are the member names above (e.g. "start_date", "exit_reason", "support_at_start").
Status Validate(const Participation& p, const ValidationContext& ctx);

}  // namespace foljsam::domain

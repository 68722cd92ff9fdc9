#pragma once
// Fact: one participation as the report engine sees it, flattened to the answers that
// measures and dimensions read. The caller (services/) builds facts from the store; the
// engine never looks anything up. Insats names, unit names and labels are resolved by the
// caller or the renderer, so a fact holds only ids and national codes.
//
// Plain value type; not thread-safe to mutate concurrently, safe to read from many threads.

#include <optional>
#include <string>
#include <vector>

#include "domain/date.hpp"

namespace foljsam::report {

struct Fact {
    long long insats_id = 0;
    // Distinct-person key for persons_participated: the participant-code person within an
    // insats, or the identity person within the controller. The caller makes keys unique
    // across the whole fact list (two keys are equal only for the same person). Empty for
    // anonymous participations, which count as one person each.
    std::optional<long long> person_key;
    bool anonymous = false;
    std::string gender;     // K, M, X, U
    std::string age_group;  // as domain::AgeGroup gives at start: "16-19" .. "65+", "<16", or ""
    std::optional<domain::Date> referral_date;
    std::optional<domain::Date> start_date;
    std::optional<domain::Date> end_date;
    std::string exit_reason;  // national code; FELREG excludes the fact from every measure
    std::string education;
    std::string time_without_work;
    std::string occupation_start;  // occupation at start (sysselsättning vid start)
    std::string occupation_after;
    std::string birth_region;
    std::string referrer_member;                // KOMMUN, REGION, FK, AF, EGENANMALAN, ANNAN or ""
    std::string referrer_unit;                  // unit name or ""
    std::string district;                       // district code or ""
    std::string kommun;                         // kommunkod or ""
    std::vector<std::string> support_at_start;  // multi-valued codes
    std::vector<std::string> target_groups;     // multi-valued codes
    std::vector<std::string> support_after;     // multi-valued codes, at exit
};

}  // namespace foljsam::report

#pragma once
// Population per area (issue 3 item 3, "participants per district against the district's
// population where provided"): the association's administrator enters how many live in
// each of its municipalities and, for Stockholm (0180) and Göteborg (1480), in each
// district; the follow-up shows participants per 10 000 inhabitants beside them.
//
// The areas an association may give figures for are its municipalities (store::
// PopulationRepo::ListKommuner) and every district of those that are divided into
// districts (domain/reference_places.hpp), current ones and those merged away, so older
// registrations can be compared too.
//
// Access: reading needs kViewInsats on the association (its administrator, analysts and
// readers) or kAdminInsatser; writing needs kAdminInsatser (the förbundsadministratör).
// Each call is one transaction; Set leaves the audit event "population.update" (entity
// "forbund") with the figures, which are public statistics, not personal data. Thread-safe.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/status.hpp"
#include "domain/actor.hpp"
#include "services/app.hpp"

namespace foljsam::services {

// One area an association may give a population for.
struct PopulationArea {
    std::string code;                     // district code ("JARVA") or kommunkod ("0180")
    std::string name;                     // Swedish name: "Järva", "Stockholm"
    std::string kommun_code;              // the municipality it lies in (its own code for a municipality)
    std::string kommun_name;              // e.g. "Stockholm"
    bool district = false;                // a district, not a whole municipality
    bool historical = false;              // a district merged away (kept for older registrations)
    std::optional<long long> population;  // the stored figure, if any
};

class PopulationService {
   public:
    static constexpr long long kMinPopulation = 1;
    static constexpr long long kMaxPopulation = 10'000'000;

    explicit PopulationService(App& app) : app_(app) {}

    // The form field (and field-error) id of an area: "pop_" + code, e.g. "pop_JARVA".
    static std::string FieldId(const std::string& code) { return "pop_" + code; }

    // The areas the actor's association may give figures for, each with its stored figure:
    // per municipality (by kommunkod) the municipality, then its current districts, then
    // its historical ones. Failure: kForbidden without read access (or without an
    // association); kUnavailable/kInternal from the store.
    Result<std::vector<PopulationArea>> Get(const domain::Actor& actor);

    // Replaces every figure of the actor's association with `population` (area code ->
    // inhabitants; an area left out has no figure afterwards). Failure: kForbidden without
    // kAdminInsatser; kInvalidInput with a field error "pop_<code>" per area that is not
    // one of the association's (see Get) or whose figure is outside kMinPopulation..
    // kMaxPopulation, and nothing is written; kUnavailable/kInternal from the store.
    Status Set(const domain::Actor& actor, const std::map<std::string, long long>& population);

   private:
    App& app_;
};

}  // namespace foljsam::services

#pragma once
// Dimensions of the report vocabulary (domain.md): what cells are broken down by. Names
// are the stable ids used in JSON, URLs and the CLI. A value is a national code (gender
// "K", referrer_member "FK"), an insats id as decimal text, a unit name, a district code
// or a kommunkod; the empty string means the answer is missing and is shown as
// "Uppgift saknas". Free functions over immutable data; thread-safe.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "report/fact.hpp"

namespace foljsam::report {

enum class Dimension {
    kInsats,
    kGender,
    kAgeGroup,
    kEducation,
    kTimeWithoutWork,
    kSupportAtStart,
    kReferrerMember,
    kReferrerUnit,
    kDistrict,
    kKommun,
    kTargetGroup,
    kBirthRegion,
    kExitReason,
    kOccupationAfter,
    kOccupationAtStart,
    kSupportAfter,
};

// Every dimension in the order above.
const std::vector<Dimension>& AllDimensions();
// "insats", "gender", "age_group", "education", "time_without_work", "support_at_start",
// "referrer_member", "referrer_unit", "district", "kommun", "target_group",
// "birth_region", "exit_reason", "occupation_after", "occupation_at_start", "support_after".
// The last two are not in domain.md's list; the follow-up needs them for the profile at
// start and the before -> after transitions (issue 3, item 3).
std::string_view DimensionName(Dimension dimension);
// Swedish label, e.g. "Kön".
std::string_view DimensionLabel(Dimension dimension);
// The dimension with this name, or nullopt.
std::optional<Dimension> ParseDimension(std::string_view name);

// True for support_at_start, target_group and support_after: a participation may have several values,
// is counted once under each, and the values' counts may sum to more than the total.
bool IsMultiValued(Dimension dimension);

// The fact's values in this dimension: exactly one for a single-valued dimension (""
// when missing); for a multi-valued one each distinct value once, in the fact's order,
// or {""} when it has none. insats gives std::to_string(insats_id).
std::vector<std::string> ValuesOf(Dimension dimension, const Fact& fact);

// The full ordered value domain of a coded dimension, so that tables list zero rows:
// the code list's order for gender, education, time_without_work, support_at_start,
// target_group, birth_region, exit_reason, occupation_after, occupation_at_start and
// support_after; age groups 16-19 .. 65+
// then "<16"; referrer_member KOMMUN, REGION, FK, AF, EGENANMALAN, ANNAN. Empty for the
// open dimensions (insats, referrer_unit, district, kommun). The reference lives as long
// as the program.
const std::vector<std::string>& ValueDomain(Dimension dimension);

// Swedish label of a value: "Uppgift saknas" for "", the code list label for coded
// dimensions, the municipality or district name for kommun and district, otherwise the
// value itself (insats names are resolved by the caller).
std::string ValueLabel(Dimension dimension, std::string_view value);

// Engine fast path, no allocation: the fact's field for a single-valued dimension other
// than insats; nullptr for insats and for multi-valued dimensions.
const std::string* FieldOf(Dimension dimension, const Fact& fact);
// The fact's list for a multi-valued dimension (may hold duplicates); nullptr otherwise.
const std::vector<std::string>* ListOf(Dimension dimension, const Fact& fact);

}  // namespace foljsam::report

#pragma once
// Measures of the report vocabulary (domain.md, "Measures"): what is counted over a
// period [from, to]. Names are the stable ids used in JSON, URLs and the CLI; labels are
// Swedish. Participations with exit reason FELREG are never counted by any measure.
// Free functions over immutable data; thread-safe.

#include <optional>
#include <string_view>
#include <vector>

#include "report/fact.hpp"
#include "report/period.hpp"

namespace foljsam::report {

enum class Measure {
    kReferred,
    kStarted,
    kEnded,
    kParticipated,
    kActiveAtEnd,
    kEndedToWorkOrStudies,
    kPersonsParticipated,
    kAnonymousStarted,
};

// Every measure in the order above.
const std::vector<Measure>& AllMeasures();
// "referred", "started", "ended", "participated", "active_at_end",
// "ended_to_work_or_studies", "persons_participated", "anonymous_started".
std::string_view MeasureName(Measure measure);
// Swedish label, e.g. "Påbörjade".
std::string_view MeasureLabel(Measure measure);
// The measure with this name, or nullopt.
std::optional<Measure> ParseMeasure(std::string_view name);

// True when the fact is a wrong registration (exit reason FELREG), never counted.
bool IsExcluded(const Fact& fact);

// True when `fact` counts towards `measure` over `period`:
//   referred       referral date in period
//   started        start date in period
//   ended          end date in period
//   participated   started on or before `to` and not ended before `from`
//   active_at_end  started on or before `to` and not ended on or before `to`
//   ended_to_work_or_studies  ended in period with exit reason ARBETE or STUDIER
//   persons_participated      participated (the engine then counts distinct persons)
//   anonymous_started         started in period and anonymous
// Always false for FELREG.
bool Counts(Measure measure, const Fact& fact, const Period& period);

// True when the measure counts distinct persons rather than participations.
bool CountsPersons(Measure measure);

// The measure's total over all facts: the number of counted participations, or for
// persons_participated the number of distinct person keys among them plus one for each
// counted participation without a key (anonymous).
long long Total(Measure measure, const std::vector<Fact>& facts, const Period& period);

}  // namespace foljsam::report

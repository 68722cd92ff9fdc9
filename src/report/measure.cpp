#include "report/measure.hpp"

#include <unordered_set>

namespace foljsam::report {
namespace {

struct MeasureInfo {
    Measure measure;
    std::string_view name;
    std::string_view label;
};

constexpr MeasureInfo kMeasures[] = {
    {Measure::kReferred, "referred", "Anmälda"},
    {Measure::kStarted, "started", "Påbörjade"},
    {Measure::kEnded, "ended", "Avslutade"},
    {Measure::kParticipated, "participated", "Deltagit under perioden"},
    {Measure::kActiveAtEnd, "active_at_end", "Pågående vid periodens slut"},
    {Measure::kEndedToWorkOrStudies, "ended_to_work_or_studies", "Avslutade till arbete eller studier"},
    {Measure::kPersonsParticipated, "persons_participated", "Unika personer som deltagit"},
    {Measure::kAnonymousStarted, "anonymous_started", "Påbörjade anonymt"},
};

const MeasureInfo& InfoOf(Measure measure) { return kMeasures[static_cast<int>(measure)]; }

bool InPeriod(const std::optional<domain::Date>& date, const Period& period) { return date && period.Contains(*date); }

bool Participated(const Fact& fact, const Period& period) {
    return fact.start_date && *fact.start_date <= period.to && !(fact.end_date && *fact.end_date < period.from);
}

}  // namespace

const std::vector<Measure>& AllMeasures() {
    static const std::vector<Measure> kAll = [] {
        std::vector<Measure> all;
        for (const MeasureInfo& info : kMeasures) all.push_back(info.measure);
        return all;
    }();
    return kAll;
}

std::string_view MeasureName(Measure measure) { return InfoOf(measure).name; }

std::string_view MeasureLabel(Measure measure) { return InfoOf(measure).label; }

std::optional<Measure> ParseMeasure(std::string_view name) {
    for (const MeasureInfo& info : kMeasures)
        if (info.name == name) return info.measure;
    return std::nullopt;
}

bool IsExcluded(const Fact& fact) { return fact.exit_reason == "FELREG"; }

bool Counts(Measure measure, const Fact& fact, const Period& period) {
    if (IsExcluded(fact)) return false;
    switch (measure) {
        case Measure::kReferred:
            return InPeriod(fact.referral_date, period);
        case Measure::kStarted:
            return InPeriod(fact.start_date, period);
        case Measure::kEnded:
            return InPeriod(fact.end_date, period);
        case Measure::kParticipated:
        case Measure::kPersonsParticipated:
            return Participated(fact, period);
        case Measure::kActiveAtEnd:
            return fact.start_date && *fact.start_date <= period.to && !(fact.end_date && *fact.end_date <= period.to);
        case Measure::kEndedToWorkOrStudies:
            return InPeriod(fact.end_date, period) && (fact.exit_reason == "ARBETE" || fact.exit_reason == "STUDIER");
        case Measure::kAnonymousStarted:
            return fact.anonymous && InPeriod(fact.start_date, period);
    }
    return false;  // unreachable: every enumerator is handled above
}

bool CountsPersons(Measure measure) { return measure == Measure::kPersonsParticipated; }

long long Total(Measure measure, const std::vector<Fact>& facts, const Period& period) {
    long long count = 0;
    std::unordered_set<long long> persons;
    for (const Fact& fact : facts) {
        if (!Counts(measure, fact, period)) continue;
        if (CountsPersons(measure) && fact.person_key && !fact.anonymous) {
            persons.insert(*fact.person_key);
        } else {
            ++count;
        }
    }
    return count + static_cast<long long>(persons.size());
}

}  // namespace foljsam::report

// Time to compute the full annual report with the pure report engine (no database).
//
// Generates 1,000,000 participations of an imagined association over 20 years
// (2006-2025; 60 insatser, 400,000 persons, every intake and exit answer filled from the
// national code lists; older participations ended, 1 % left open), then times:
//   - FullAnnualReport: every measure by each single dimension (14 queries) plus
//     gender x insats, for 2025, as the follow-up pages need;
//   - FullAnnualReportSuppressed: the same followed by Suppress() on each report;
//   - OneQuery/<dimension>: every measure by one dimension.
// Peak resident memory of the process is reported as a counter (includes the facts).
//
// Usage: report_engine_bench [--benchmark_filter=...]

#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <random>
#include <string>
#include <vector>

#include "report/engine.hpp"
#include "report/suppression.hpp"

namespace {

using namespace foljsam::report;
using foljsam::domain::Date;

constexpr size_t kFacts = 1'000'000;

const std::string& Pick(std::mt19937& rng, const std::vector<std::string>& values) {
    return values[std::uniform_int_distribution<size_t>(0, values.size() - 1)(rng)];
}

std::vector<Fact> Generate() {
    std::mt19937 rng(2025);
    std::bernoulli_distribution half(0.5), tenth(0.1), hundredth(0.01);
    const std::vector<std::string> genders = {"K", "K", "M", "M", "X", "U"};
    const std::vector<std::string> units = {"Jobbtorg Järva",      "Jobbtorg Söderort",   "Psykosmottagning Nordväst",
                                            "Vårdcentral Rinkeby", "Enheten för hemlösa", ""};
    const std::vector<std::string> districts = {"JARVA", "SODERORT", "VASTERORT", "INNERSTADEN", ""};
    const std::vector<std::string> kommuner = {"0180", "0114", "0126", "0127", ""};
    std::vector<Fact> facts;
    facts.reserve(kFacts);
    for (size_t idx = 0; idx < kFacts; ++idx) {
        Fact fact;
        fact.insats_id = std::uniform_int_distribution<long long>(1, 60)(rng);
        fact.anonymous = tenth(rng);
        if (!fact.anonymous) fact.person_key = std::uniform_int_distribution<long long>(1, 400'000)(rng);
        fact.gender = Pick(rng, genders);
        fact.age_group = Pick(rng, ValueDomain(Dimension::kAgeGroup));
        fact.referral_date = Date{2006, 1, 1}.AddDays(std::uniform_int_distribution<long>(0, 20 * 365)(rng));
        if (!tenth(rng)) fact.start_date = fact.referral_date->AddDays(std::uniform_int_distribution<long>(0, 60)(rng));
        // Older participations have ended (a few stay open by mistake, as in real
        // registers); about half of those started in the last year and a half are open.
        const bool recent = fact.start_date && *fact.start_date >= Date{2024, 7, 1};
        if (fact.start_date && (recent ? half(rng) : !hundredth(rng))) {
            fact.end_date = fact.start_date->AddDays(std::uniform_int_distribution<long>(0, 720)(rng));
            fact.exit_reason = Pick(rng, ValueDomain(Dimension::kExitReason));
            fact.occupation_after = Pick(rng, ValueDomain(Dimension::kOccupationAfter));
        }
        fact.education = Pick(rng, ValueDomain(Dimension::kEducation));
        fact.time_without_work = Pick(rng, ValueDomain(Dimension::kTimeWithoutWork));
        fact.birth_region = Pick(rng, ValueDomain(Dimension::kBirthRegion));
        fact.referrer_member = Pick(rng, ValueDomain(Dimension::kReferrerMember));
        fact.referrer_unit = Pick(rng, units);
        fact.kommun = Pick(rng, kommuner);
        if (fact.kommun == "0180") fact.district = Pick(rng, districts);
        fact.support_at_start.push_back(Pick(rng, ValueDomain(Dimension::kSupportAtStart)));
        if (tenth(rng)) fact.support_at_start.push_back(Pick(rng, ValueDomain(Dimension::kSupportAtStart)));
        fact.target_groups.push_back(Pick(rng, ValueDomain(Dimension::kTargetGroup)));
        facts.push_back(std::move(fact));
    }
    return facts;
}

const std::vector<Fact>& Facts() {
    static const std::vector<Fact> kGenerated = Generate();
    return kGenerated;
}

std::vector<Query> AnnualQueries() {
    std::vector<Query> queries;
    for (Dimension dimension : AllDimensions())
        queries.push_back(Query{AllMeasures(), {dimension}, Period::Year(2025), std::nullopt});
    queries.push_back(Query{AllMeasures(), {Dimension::kGender, Dimension::kInsats}, Period::Year(2025), std::nullopt});
    return queries;
}

double PeakRssMegabytes() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;  // Linux reports kilobytes
}

void RunAnnualReport(benchmark::State& state, bool suppress) {
    const std::vector<Fact>& facts = Facts();
    const std::vector<Query> queries = AnnualQueries();
    size_t cells = 0;
    for (auto _ : state) {
        cells = 0;
        for (const Query& query : queries) {
            auto report = Compute(facts, query);
            if (!report.ok()) state.SkipWithError(report.status().message().c_str());
            if (suppress && !Suppress(*report, SuppressionOptions{}).ok()) state.SkipWithError("suppress failed");
            cells += report->cells.size();
            benchmark::DoNotOptimize(report->cells.data());
        }
    }
    state.counters["facts"] = static_cast<double>(facts.size());
    state.counters["cells"] = static_cast<double>(cells);
    state.counters["peak_rss_MB"] = PeakRssMegabytes();
}

void BM_FullAnnualReport(benchmark::State& state) { RunAnnualReport(state, false); }
void BM_FullAnnualReportSuppressed(benchmark::State& state) { RunAnnualReport(state, true); }

void BM_OneQuery(benchmark::State& state) {
    const Dimension dimension = AllDimensions()[static_cast<size_t>(state.range(0))];
    state.SetLabel(std::string(DimensionName(dimension)));
    const Query query{AllMeasures(), {dimension}, Period::Year(2025), std::nullopt};
    for (auto _ : state) {
        auto report = Compute(Facts(), query);
        benchmark::DoNotOptimize(report->cells.data());
    }
}

BENCHMARK(BM_FullAnnualReport)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_FullAnnualReportSuppressed)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_OneQuery)->DenseRange(0, 13)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace

BENCHMARK_MAIN();

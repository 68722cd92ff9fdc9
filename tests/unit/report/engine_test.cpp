#include "report/engine.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <unordered_set>
#include <vector>

namespace foljsam::report {
namespace {

using domain::Date;
using By = std::vector<std::pair<Dimension, std::string>>;

const Period k2025 = Period::Year(2025);

Fact Started(long long insats, std::string gender, Date start) {
    Fact fact;
    fact.insats_id = insats;
    fact.gender = std::move(gender);
    fact.start_date = start;
    return fact;
}

// The hand-made association of the tests below.
std::vector<Fact> SmallAssociation() {
    Fact f1 = Started(1, "K", {2025, 2, 1});
    f1.education = "GYMN";
    f1.support_at_start = {"FORSORJNINGSSTOD", "SJUKPENNING", "FORSORJNINGSSTOD"};
    f1.target_groups = {"UNGA_16_29"};
    Fact f2 = Started(1, "M", {2025, 3, 1});
    f2.end_date = Date{2025, 5, 1};
    f2.exit_reason = "ARBETE";
    f2.education = "FORGYMN";
    f2.support_at_start = {"FORSORJNINGSSTOD"};
    Fact f3 = Started(2, "K", {2024, 5, 1});
    f3.education = "GYMN";
    Fact f4 = Started(2, "X", {2025, 6, 1});
    Fact f5 = Started(3, "K", {2025, 7, 1});
    f5.end_date = Date{2025, 7, 2};
    f5.exit_reason = "FELREG";
    return {f1, f2, f3, f4, f5};
}

const Cell* Find(const Report& report, Measure measure, const By& by) {
    for (const Cell& cell : report.cells)
        if (cell.measure == measure && cell.by == by) return &cell;
    return nullptr;
}

long long ValueOf(const Report& report, Measure measure, const By& by) {
    const Cell* cell = Find(report, measure, by);
    EXPECT_NE(cell, nullptr) << MeasureName(measure) << " cell missing";
    return cell ? cell->value : -1;
}

TEST(ReportEngine, SingleDimensionTableListsZeroRows) {
    auto report =
        Compute(SmallAssociation(),
                Query{{Measure::kStarted, Measure::kParticipated}, {Dimension::kGender}, k2025, std::nullopt});
    ASSERT_TRUE(report.ok()) << report.status().message();
    EXPECT_FALSE(report->multi_valued_totals_may_exceed);
    // Per measure: the total and K, M, X, U.
    ASSERT_EQ(report->cells.size(), 2u * 5u);
    EXPECT_TRUE(report->cells[0].by.empty());
    EXPECT_EQ(report->cells[0].value, 3);
    const std::vector<std::string> order = {"K", "M", "X", "U"};
    for (size_t idx = 0; idx < order.size(); ++idx) EXPECT_EQ(report->cells[1 + idx].by.at(0).second, order[idx]);
    EXPECT_EQ(ValueOf(*report, Measure::kStarted, {{Dimension::kGender, "K"}}), 1);
    EXPECT_EQ(ValueOf(*report, Measure::kStarted, {{Dimension::kGender, "M"}}), 1);
    EXPECT_EQ(ValueOf(*report, Measure::kStarted, {{Dimension::kGender, "X"}}), 1);
    EXPECT_EQ(ValueOf(*report, Measure::kStarted, {{Dimension::kGender, "U"}}), 0);
    EXPECT_EQ(ValueOf(*report, Measure::kParticipated, {}), 4);
    EXPECT_EQ(ValueOf(*report, Measure::kParticipated, {{Dimension::kGender, "K"}}), 2);
}

TEST(ReportEngine, CodedDimensionsListTheirWholeDomainAndMissingLast) {
    auto report = Compute(SmallAssociation(), Query{{Measure::kStarted}, {Dimension::kEducation}, k2025, {}});
    ASSERT_TRUE(report.ok());
    std::vector<std::string> values;
    for (const Cell& cell : report->cells)
        if (!cell.by.empty()) values.push_back(cell.by[0].second);
    const std::vector<std::string> expected = {"FORGYMN", "GYMN", "EFTERGYMN_KORT", "EFTERGYMN_LANG", "OKAND", ""};
    EXPECT_EQ(values, expected);
    EXPECT_EQ(ValueOf(*report, Measure::kStarted, {{Dimension::kEducation, "GYMN"}}), 1);
    EXPECT_EQ(ValueOf(*report, Measure::kStarted, {{Dimension::kEducation, "EFTERGYMN_LANG"}}), 0);
    EXPECT_EQ(ValueOf(*report, Measure::kStarted, {{Dimension::kEducation, ""}}), 1);
    EXPECT_EQ(ValueLabel(Dimension::kEducation, ""), "Uppgift saknas");
}

TEST(ReportEngine, OpenDimensionsSortSeenValues) {
    std::vector<Fact> facts;
    for (long long insats : {10, 9, 100, 9}) facts.push_back(Started(insats, "K", {2025, 1, 5}));
    facts[0].referrer_unit = "Jobbtorg";
    facts[1].referrer_unit = "Enheten för hemlösa";
    auto report = Compute(facts, Query{{Measure::kStarted}, {Dimension::kInsats, Dimension::kReferrerUnit}, k2025, {}});
    ASSERT_TRUE(report.ok());
    std::vector<std::string> insatser, units;
    for (const Cell& cell : report->cells) {
        if (cell.by.size() != 1) continue;
        (cell.by[0].first == Dimension::kInsats ? insatser : units).push_back(cell.by[0].second);
    }
    EXPECT_EQ(insatser, (std::vector<std::string>{"9", "10", "100"}));
    EXPECT_EQ(units, (std::vector<std::string>{"Enheten för hemlösa", "Jobbtorg", ""}));
    EXPECT_EQ(ValueOf(*report, Measure::kStarted, {{Dimension::kInsats, "9"}, {Dimension::kReferrerUnit, ""}}), 1);
    EXPECT_EQ(ValueOf(*report, Measure::kStarted, {{Dimension::kInsats, "9"}}), 2);
}

TEST(ReportEngine, PairTableHasGridAndMarginals) {
    auto report = Compute(SmallAssociation(),
                          Query{{Measure::kParticipated}, {Dimension::kGender, Dimension::kInsats}, k2025, {}});
    ASSERT_TRUE(report.ok());
    // 1 total + 4 genders + 2 insatser (FELREG's insats 3 never appears) + 4 x 2 grid.
    EXPECT_EQ(report->cells.size(), 1u + 4u + 2u + 8u);
    EXPECT_EQ(ValueOf(*report, Measure::kParticipated, {{Dimension::kGender, "K"}, {Dimension::kInsats, "1"}}), 1);
    EXPECT_EQ(ValueOf(*report, Measure::kParticipated, {{Dimension::kGender, "K"}, {Dimension::kInsats, "2"}}), 1);
    EXPECT_EQ(ValueOf(*report, Measure::kParticipated, {{Dimension::kGender, "X"}, {Dimension::kInsats, "2"}}), 1);
    EXPECT_EQ(ValueOf(*report, Measure::kParticipated, {{Dimension::kGender, "U"}, {Dimension::kInsats, "1"}}), 0);
    EXPECT_EQ(ValueOf(*report, Measure::kParticipated, {{Dimension::kInsats, "1"}}), 2);
    EXPECT_EQ(Find(*report, Measure::kParticipated, {{Dimension::kInsats, "3"}}), nullptr);
}

TEST(ReportEngine, MultiValuedAnswersCountUnderEachValue) {
    auto report = Compute(SmallAssociation(), Query{{Measure::kStarted}, {Dimension::kSupportAtStart}, k2025, {}});
    ASSERT_TRUE(report.ok());
    EXPECT_TRUE(report->multi_valued_totals_may_exceed);
    EXPECT_EQ(ValueOf(*report, Measure::kStarted, {}), 3);
    // f1 lists FORSORJNINGSSTOD twice and still counts once there.
    EXPECT_EQ(ValueOf(*report, Measure::kStarted, {{Dimension::kSupportAtStart, "FORSORJNINGSSTOD"}}), 2);
    EXPECT_EQ(ValueOf(*report, Measure::kStarted, {{Dimension::kSupportAtStart, "SJUKPENNING"}}), 1);
    EXPECT_EQ(ValueOf(*report, Measure::kStarted, {{Dimension::kSupportAtStart, "LON"}}), 0);
    EXPECT_EQ(ValueOf(*report, Measure::kStarted, {{Dimension::kSupportAtStart, ""}}), 1);
    // 13 support codes + "" + total.
    EXPECT_EQ(report->cells.size(), 15u);

    auto targets = Compute(SmallAssociation(),
                           Query{{Measure::kStarted}, {Dimension::kGender, Dimension::kTargetGroup}, k2025, {}});
    ASSERT_TRUE(targets.ok());
    EXPECT_TRUE(targets->multi_valued_totals_may_exceed);
    EXPECT_EQ(
        ValueOf(*targets, Measure::kStarted, {{Dimension::kGender, "K"}, {Dimension::kTargetGroup, "UNGA_16_29"}}), 1);
    EXPECT_EQ(ValueOf(*targets, Measure::kStarted, {{Dimension::kGender, "M"}, {Dimension::kTargetGroup, ""}}), 1);
}

TEST(ReportEngine, ScopeLimitsToChosenInsatser) {
    const std::vector<Fact> facts = SmallAssociation();
    auto only_two = Compute(facts, Query{{Measure::kParticipated}, {}, k2025, std::set<long long>{2}});
    ASSERT_TRUE(only_two.ok());
    EXPECT_EQ(only_two->cells.at(0).value, 2);
    auto empty_means_all = Compute(facts, Query{{Measure::kParticipated}, {}, k2025, std::set<long long>{}});
    ASSERT_TRUE(empty_means_all.ok());
    EXPECT_EQ(empty_means_all->cells.at(0).value, 4);
}

TEST(ReportEngine, PersonsAreDistinctWithinEachValue) {
    Fact first = Started(1, "K", {2025, 2, 1});
    first.person_key = 7;
    first.education = "GYMN";
    Fact second = Started(2, "K", {2025, 4, 1});
    second.person_key = 7;
    second.education = "FORGYMN";
    auto report =
        Compute({first, second},
                Query{{Measure::kPersonsParticipated}, {Dimension::kEducation, Dimension::kGender}, k2025, {}});
    ASSERT_TRUE(report.ok());
    EXPECT_EQ(ValueOf(*report, Measure::kPersonsParticipated, {}), 1);
    EXPECT_EQ(ValueOf(*report, Measure::kPersonsParticipated, {{Dimension::kEducation, "GYMN"}}), 1);
    EXPECT_EQ(ValueOf(*report, Measure::kPersonsParticipated, {{Dimension::kEducation, "FORGYMN"}}), 1);
    EXPECT_EQ(ValueOf(*report, Measure::kPersonsParticipated, {{Dimension::kGender, "K"}}), 1);
    EXPECT_EQ(
        ValueOf(*report, Measure::kPersonsParticipated, {{Dimension::kEducation, "GYMN"}, {Dimension::kGender, "K"}}),
        1);
}

TEST(ReportEngine, InvalidQueriesAreRefused) {
    const std::vector<Fact> facts = SmallAssociation();
    const std::vector<Query> queries = {
        Query{{Measure::kStarted}, {Dimension::kGender, Dimension::kInsats, Dimension::kEducation}, k2025, {}},
        Query{{Measure::kStarted}, {Dimension::kGender, Dimension::kGender}, k2025, {}},
        Query{{}, {Dimension::kGender}, k2025, {}},
        Query{{Measure::kStarted, Measure::kStarted}, {}, k2025, {}},
        Query{{Measure::kStarted}, {}, Period{{2025, 6, 1}, {2025, 1, 1}}, {}},
        Query{{Measure::kStarted}, {}, Period{}, {}},
    };
    for (size_t idx = 0; idx < queries.size(); ++idx) {
        auto report = Compute(facts, queries[idx]);
        ASSERT_FALSE(report.ok()) << "query " << idx;
        EXPECT_EQ(report.status().code(), StatusCode::kInvalidInput) << "query " << idx;
    }
}

TEST(ReportDimension, NamesAreStableAndValuesOfFollowTheFact) {
    const std::vector<std::string> names = {
        "insats",           "gender",          "age_group",     "education",        "time_without_work",
        "support_at_start", "referrer_member", "referrer_unit", "district",         "kommun",
        "target_group",     "birth_region",    "exit_reason",   "occupation_after", "occupation_at_start",
        "support_after"};
    ASSERT_EQ(AllDimensions().size(), names.size());
    for (size_t idx = 0; idx < names.size(); ++idx) {
        EXPECT_EQ(DimensionName(AllDimensions()[idx]), names[idx]);
        EXPECT_EQ(ParseDimension(names[idx]), AllDimensions()[idx]);
    }
    Fact fact = Started(42, "M", {2025, 1, 1});
    fact.target_groups = {"UNGA_16_29", "MIGRATION_FLYKT", "UNGA_16_29"};
    EXPECT_EQ(ValuesOf(Dimension::kInsats, fact), (std::vector<std::string>{"42"}));
    EXPECT_EQ(ValuesOf(Dimension::kGender, fact), (std::vector<std::string>{"M"}));
    EXPECT_EQ(ValuesOf(Dimension::kTargetGroup, fact), (std::vector<std::string>{"UNGA_16_29", "MIGRATION_FLYKT"}));
    EXPECT_EQ(ValuesOf(Dimension::kSupportAtStart, fact), (std::vector<std::string>{""}));
    EXPECT_EQ(ValuesOf(Dimension::kKommun, fact), (std::vector<std::string>{""}));
    EXPECT_EQ(ValueDomain(Dimension::kAgeGroup).back(), "<16");
    EXPECT_EQ(ValueDomain(Dimension::kReferrerMember),
              (std::vector<std::string>{"KOMMUN", "REGION", "FK", "AF", "EGENANMALAN", "ANNAN"}));
    EXPECT_TRUE(ValueDomain(Dimension::kDistrict).empty());
    EXPECT_EQ(ValueLabel(Dimension::kGender, "K"), "Kvinna");
    EXPECT_EQ(ValueLabel(Dimension::kKommun, "0180"), "Stockholm");
    EXPECT_EQ(ValueLabel(Dimension::kReferrerMember, "EGENANMALAN"), "Egenanmälan");
}

// --- property test over generated data ----------------------------------------------

std::string Pick(std::mt19937& rng, const std::vector<std::string>& values) {
    return values[std::uniform_int_distribution<size_t>(0, values.size() - 1)(rng)];
}

// A coded value, sometimes missing, sometimes a local value outside the code list.
std::string PickCoded(std::mt19937& rng, Dimension dimension) {
    std::vector<std::string> values = ValueDomain(dimension);
    values.push_back("");
    values.push_back("LOKALT");
    return Pick(rng, values);
}

Date RandomDate(std::mt19937& rng) {
    return Date{2020, 1, 1}.AddDays(std::uniform_int_distribution<long>(0, 6 * 365)(rng));
}

std::vector<Fact> GenerateFacts(std::mt19937& rng, size_t count) {
    std::vector<Fact> facts;
    std::bernoulli_distribution coin(0.5), rare(0.1);
    for (size_t idx = 0; idx < count; ++idx) {
        Fact fact;
        fact.insats_id = std::uniform_int_distribution<long long>(1, 6)(rng);
        fact.anonymous = rare(rng);
        if (!fact.anonymous && !rare(rng)) fact.person_key = std::uniform_int_distribution<long long>(1, 800)(rng);
        fact.gender = Pick(rng, {"K", "M", "X", "U", ""});
        fact.age_group = PickCoded(rng, Dimension::kAgeGroup);
        fact.referral_date = RandomDate(rng);
        if (!rare(rng)) fact.start_date = fact.referral_date->AddDays(std::uniform_int_distribution<long>(0, 90)(rng));
        if (fact.start_date && coin(rng)) {
            fact.end_date = fact.start_date->AddDays(std::uniform_int_distribution<long>(0, 700)(rng));
            fact.exit_reason = PickCoded(rng, Dimension::kExitReason);
            fact.occupation_after = PickCoded(rng, Dimension::kOccupationAfter);
            const int supports_after = std::uniform_int_distribution<int>(0, 2)(rng);
            for (int support = 0; support < supports_after; ++support)
                fact.support_after.push_back(PickCoded(rng, Dimension::kSupportAfter));
        }
        fact.occupation_start = PickCoded(rng, Dimension::kOccupationAtStart);
        fact.education = PickCoded(rng, Dimension::kEducation);
        fact.time_without_work = PickCoded(rng, Dimension::kTimeWithoutWork);
        fact.birth_region = PickCoded(rng, Dimension::kBirthRegion);
        fact.referrer_member = PickCoded(rng, Dimension::kReferrerMember);
        fact.referrer_unit = Pick(rng, {"", "Jobbtorg Järva", "Psykosmottagning", "Vårdcentral Rinkeby"});
        fact.kommun = Pick(rng, {"0180", "0114", ""});
        fact.district = fact.kommun == "0180" ? Pick(rng, {"JARVA", "SODERORT", ""}) : "";
        const int supports = std::uniform_int_distribution<int>(0, 3)(rng);
        for (int support = 0; support < supports; ++support)
            fact.support_at_start.push_back(PickCoded(rng, Dimension::kSupportAtStart));
        if (coin(rng)) fact.target_groups.push_back(PickCoded(rng, Dimension::kTargetGroup));
        facts.push_back(std::move(fact));
    }
    return facts;
}

// Reference count by brute force, independent of the engine's indexing.
long long BruteForce(const std::vector<Fact>& facts, const Query& query, const Cell& cell) {
    long long anonymous = 0;
    std::unordered_set<long long> persons;
    for (const Fact& fact : facts) {
        if (query.insatser && !query.insatser->empty() && !query.insatser->count(fact.insats_id)) continue;
        if (!Counts(cell.measure, fact, query.period)) continue;
        bool match = true;
        for (const auto& [dimension, allowed] : query.filters) {
            const std::vector<std::string> values = ValuesOf(dimension, fact);
            match = match && (allowed.empty() || std::any_of(values.begin(), values.end(), [&](const std::string& v) {
                                  return allowed.count(v) > 0;
                              }));
        }
        for (const auto& [dimension, value] : cell.by) {
            const std::vector<std::string> values = ValuesOf(dimension, fact);
            match = match && std::find(values.begin(), values.end(), value) != values.end();
        }
        if (!match) continue;
        if (CountsPersons(cell.measure) && fact.person_key && !fact.anonymous) {
            persons.insert(*fact.person_key);
        } else {
            ++anonymous;
        }
    }
    return anonymous + static_cast<long long>(persons.size());
}

std::string Describe(const Query& query, const Cell& cell) {
    std::ostringstream out;
    out << query.period.Key() << " " << MeasureName(cell.measure);
    for (const auto& [dimension, value] : cell.by) out << " " << DimensionName(dimension) << "=" << value;
    return out.str();
}

std::vector<Period> PropertyPeriods() {
    return {Period::Year(2022),
            Period::Half(2023, 2),
            Period::Quarter(2021, 1),
            Period::Month(2024, 2),
            Period{{2020, 12, 15}, {2025, 1, 10}},
            Period{{2022, 6, 6}, {2022, 6, 6}}};
}

TEST(ReportEngine, SingleValuedDimensionsSumToTheTotal) {
    std::mt19937 rng(20250101);
    const std::vector<Fact> facts = GenerateFacts(rng, 3000);
    for (const Period& period : PropertyPeriods()) {
        for (Dimension dimension : AllDimensions()) {
            const Query query{AllMeasures(), {dimension}, period, std::nullopt};
            auto report = Compute(facts, query);
            ASSERT_TRUE(report.ok());
            std::map<Measure, long long> totals, sums;
            for (const Cell& cell : report->cells) {
                ASSERT_EQ(cell.value, BruteForce(facts, query, cell)) << Describe(query, cell);
                (cell.by.empty() ? totals : sums)[cell.measure] += cell.value;
            }
            for (Measure measure : AllMeasures()) {
                const std::string where = period.Key() + " " + std::string(DimensionName(dimension)) + " " +
                                          std::string(MeasureName(measure));
                EXPECT_EQ(totals[measure], Total(measure, facts, period)) << where;
                if (IsMultiValued(dimension) || CountsPersons(measure)) {
                    EXPECT_GE(sums[measure], totals[measure]) << where;
                } else {
                    EXPECT_EQ(sums[measure], totals[measure]) << where;
                }
            }
        }
    }
}

TEST(ReportEngine, PairTablesSumToTheirMarginals) {
    std::mt19937 rng(77);
    const std::vector<Fact> facts = GenerateFacts(rng, 3000);
    const std::vector<std::pair<Dimension, Dimension>> pairs = {
        {Dimension::kGender, Dimension::kInsats},
        {Dimension::kInsats, Dimension::kReferrerMember},
        {Dimension::kAgeGroup, Dimension::kEducation},
        {Dimension::kDistrict, Dimension::kKommun},
        {Dimension::kExitReason, Dimension::kGender},
        {Dimension::kGender, Dimension::kSupportAtStart},
        {Dimension::kTargetGroup, Dimension::kBirthRegion},
        {Dimension::kSupportAtStart, Dimension::kSupportAfter},
        {Dimension::kOccupationAtStart, Dimension::kOccupationAfter},
    };
    for (const Period& period : PropertyPeriods()) {
        for (const auto& [rows, columns] : pairs) {
            const Query query{AllMeasures(), {rows, columns}, period, std::set<long long>{1, 2, 3, 5}};
            auto report = Compute(facts, query);
            ASSERT_TRUE(report.ok());
            // measure -> value -> (marginal, sum of the grid cells in that row or column)
            std::map<Measure, std::map<std::string, std::pair<long long, long long>>> by_row, by_column;
            for (const Cell& cell : report->cells) {
                if (cell.by.size() == 1) {
                    auto& slot = cell.by[0].first == rows ? by_row : by_column;
                    slot[cell.measure][cell.by[0].second].first = cell.value;
                } else if (cell.by.size() == 2) {
                    ASSERT_EQ(cell.value, BruteForce(facts, query, cell)) << Describe(query, cell);
                    by_row[cell.measure][cell.by[0].second].second += cell.value;
                    by_column[cell.measure][cell.by[1].second].second += cell.value;
                }
            }
            for (Measure measure : AllMeasures()) {
                const bool exact = !CountsPersons(measure);
                for (const auto& [value, sums] : by_row[measure]) {
                    const std::string where = Describe(query, Cell{measure, {{rows, value}}});
                    if (exact && !IsMultiValued(columns)) {
                        EXPECT_EQ(sums.first, sums.second) << where;
                    }
                    EXPECT_LE(sums.first, sums.second) << where;
                }
                for (const auto& [value, sums] : by_column[measure]) {
                    const std::string where = Describe(query, Cell{measure, {{columns, value}}});
                    if (exact && !IsMultiValued(rows)) {
                        EXPECT_EQ(sums.first, sums.second) << where;
                    }
                    EXPECT_LE(sums.first, sums.second) << where;
                }
            }
        }
    }
}

TEST(ReportEngine, FiltersKeepOnlyMatchingParticipations) {
    std::mt19937 rng(4242);
    const std::vector<Fact> facts = GenerateFacts(rng, 3000);
    const std::vector<std::vector<std::pair<Dimension, std::set<std::string>>>> filter_sets = {
        {{Dimension::kGender, {"K"}}},
        {{Dimension::kGender, {"M", "X"}}, {Dimension::kInsats, {"2", "4"}}},
        {{Dimension::kSupportAtStart, {"SJUKPENNING", ""}}},
        {{Dimension::kExitReason, {"ARBETE", "STUDIER"}}, {Dimension::kAgeGroup, {"20-24"}}},
        {{Dimension::kGender, {}}},
    };
    for (const auto& filters : filter_sets) {
        for (Dimension dimension : {Dimension::kGender, Dimension::kSupportAfter, Dimension::kOccupationAtStart}) {
            Query query{AllMeasures(), {dimension}, Period::Year(2023), std::nullopt};
            query.filters = filters;
            auto report = Compute(facts, query);
            ASSERT_TRUE(report.ok());
            long long counted = 0;
            for (const Cell& cell : report->cells) {
                ASSERT_EQ(cell.value, BruteForce(facts, query, cell)) << Describe(query, cell);
                counted += cell.value;
            }
            EXPECT_GT(counted, 0) << "filters match something in " << Describe(query, report->cells[0]);
        }
    }
    // A filter on gender K leaves every other gender at zero.
    Query query{{Measure::kStarted}, {Dimension::kGender}, Period::Year(2023), std::nullopt};
    query.filters = {{Dimension::kGender, {"K"}}};
    auto report = Compute(facts, query);
    ASSERT_TRUE(report.ok());
    for (const Cell& cell : report->cells) {
        if (cell.by.size() != 1) continue;
        if (cell.by[0].second == "K") {
            EXPECT_GT(cell.value, 0);
        } else {
            EXPECT_EQ(cell.value, 0) << cell.by[0].second;
        }
    }
}

}  // namespace
}  // namespace foljsam::report

// The follow-up's participants per district against the population the association gave
// (FollowUpOptions::area_population): the rate column, "–" for a hidden count and for an
// area without a figure, and the note saying where the figures come from.

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "report/followup.hpp"

namespace foljsam::report {
namespace {

using domain::Date;

const char* kRate = "Deltagare per 10 000 invånare";
const char* kNbsp = "\u00a0";

// `count` participants living in `district` of Stockholm, started in 2025.
void AddResidents(std::vector<Fact>& facts, const std::string& district, int count) {
    for (int idx = 0; idx < count; ++idx) {
        Fact fact;
        fact.insats_id = 1;
        fact.gender = idx % 2 == 0 ? "K" : "M";
        fact.referral_date = Date{2025, 1, 2};
        fact.start_date = Date{2025, 1, 10 + idx % 10};
        fact.kommun = "0180";
        fact.district = district;
        facts.push_back(fact);
    }
}

// Järva 12, Farsta 3 (below the threshold), Bromma 7.
std::vector<Fact> Residents() {
    std::vector<Fact> facts;
    AddResidents(facts, "JARVA", 12);
    AddResidents(facts, "FARSTA", 3);
    AddResidents(facts, "BROMMA", 7);
    return facts;
}

// Figures for Järva and Farsta; none for Bromma.
FollowUpOptions Options(bool suppress,
                        std::map<std::string, long long> population = {{"JARVA", 88'000}, {"FARSTA", 60'000}}) {
    FollowUpOptions options;
    options.period = Period::Year(2025);
    options.insatser = {{1, "FINSAM-team"}};
    options.suppress = suppress;
    options.area_population = std::move(population);
    return options;
}

const ViewTable& DistrictTable(const FollowUp& followup) {
    for (const auto& section : followup.sections)
        for (const auto& table : section.tables)
            if (table.id == "jamstalldhet-district") return table;
    throw std::runtime_error("no table jamstalldhet-district");
}

const ViewRow& Row(const ViewTable& table, const std::string& header) {
    for (const auto& row : table.rows)
        if (row.header == header) return row;
    throw std::runtime_error("no row " + header + " in " + table.id);
}

FollowUp Build(const FollowUpOptions& options) {
    auto followup = BuildFollowUp(Residents(), options);
    if (!followup.ok()) throw std::runtime_error("BuildFollowUp: " + followup.status().message());
    return *followup;
}

TEST(FollowUpPopulation, RateIsPerTenThousandWithOneDecimalAndADecimalComma) {
    const FollowUp followup = Build(Options(/*suppress=*/false));
    const ViewTable& table = DistrictTable(followup);
    ASSERT_EQ(table.columns, (std::vector<std::string>{"Deltagit", "Andel av alla", "Invånare", kRate}));
    const ViewRow& jarva = Row(table, "Järva");
    ASSERT_EQ(jarva.cells.size(), 4u);
    EXPECT_EQ(jarva.cells[2].text, std::string("88") + kNbsp + "000");
    EXPECT_EQ(jarva.cells[3].text, "1,4");  // 12 * 10 000 / 88 000 = 1,36
    ASSERT_TRUE(jarva.cells[3].number.has_value());
    EXPECT_DOUBLE_EQ(*jarva.cells[3].number, 1.4);
    EXPECT_FALSE(jarva.cells[3].percent);
    EXPECT_EQ(Row(table, "Farsta").cells[3].text, "0,5");  // 3 * 10 000 / 60 000
    EXPECT_EQ(table.note, "Invånare enligt förbundets uppgifter (Administration → Befolkning).");
}

TEST(FollowUpPopulation, AnAreaWithoutAFigureGetsDashesInBothColumns) {
    const FollowUp followup = Build(Options(/*suppress=*/false));
    const ViewTable& table = DistrictTable(followup);
    const ViewRow& bromma = Row(table, "Bromma");
    ASSERT_EQ(bromma.cells.size(), 4u);
    EXPECT_EQ(bromma.cells[0].text, "7");
    EXPECT_EQ(bromma.cells[2].text, "–");
    EXPECT_EQ(bromma.cells[3].text, "–");
    EXPECT_FALSE(bromma.cells[3].number.has_value());
    const ViewRow& total = Row(table, "Totalt");
    ASSERT_EQ(total.cells.size(), 4u);
    EXPECT_EQ(total.cells[2].text, "–");
    EXPECT_EQ(total.cells[3].text, "–");
}

TEST(FollowUpPopulation, AHiddenCountGetsNoRateButItsPopulationShows) {
    const FollowUp followup = Build(Options(/*suppress=*/true));
    const ViewTable& table = DistrictTable(followup);
    const ViewRow& farsta = Row(table, "Farsta");
    ASSERT_EQ(farsta.cells.size(), 4u);
    EXPECT_TRUE(farsta.cells[0].hidden);
    EXPECT_EQ(farsta.cells[0].text, "<5");
    EXPECT_EQ(farsta.cells[2].text, std::string("60") + kNbsp + "000");
    EXPECT_EQ(farsta.cells[3].text, "–");
    EXPECT_FALSE(farsta.cells[3].number.has_value());
    // Whatever else is hidden (secondary suppression), no rate gives a hidden count away.
    for (const ViewRow& row : table.rows) {
        ASSERT_EQ(row.cells.size(), 4u) << row.header;
        if (row.cells[0].hidden) {
            EXPECT_EQ(row.cells[3].text, "–") << row.header;
        }
    }
}

TEST(FollowUpPopulation, WithoutFiguresForAnyRowTheTableKeepsItsColumnsAndNote) {
    for (const auto& population : std::vector<std::map<std::string, long long>>{{}, {{"SODERMALM", 135'000}}}) {
        const FollowUp followup = Build(Options(/*suppress=*/false, population));
        const ViewTable& table = DistrictTable(followup);
        EXPECT_EQ(table.columns, (std::vector<std::string>{"Deltagit", "Andel av alla"}))
            << population.size() << " figures";
        for (const ViewRow& row : table.rows) EXPECT_EQ(row.cells.size(), 2u) << row.header;
        EXPECT_EQ(table.note,
                  "Följsam har ännu inga befolkningstal per område, så andelen jämförs inte med befolkningen.");
    }
}

TEST(FollowUpPopulation, AMunicipalityRowFindsItsFigureByKommunkod) {
    std::vector<Fact> facts = Residents();
    for (Fact& fact : facts) fact.district.clear();  // no districts: the table is per municipality
    FollowUpOptions options = Options(/*suppress=*/false, {{"0180", 990'000}});
    auto followup = BuildFollowUp(facts, options);
    ASSERT_TRUE(followup.ok()) << followup.status().message();
    const ViewTable* table = nullptr;
    for (const auto& section : followup->sections)
        for (const auto& candidate : section.tables)
            if (candidate.id == "jamstalldhet-kommun") table = &candidate;
    ASSERT_NE(table, nullptr);
    const ViewRow& stockholm = Row(*table, "Stockholm");
    ASSERT_EQ(stockholm.cells.size(), 4u);
    EXPECT_EQ(stockholm.cells[3].text, "0,2");  // 22 * 10 000 / 990 000 = 0,22
}

}  // namespace
}  // namespace foljsam::report

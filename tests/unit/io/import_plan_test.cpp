// The pure import pipeline: header row, column mapping, unknown values listed once and
// mapped by decisions, row issues with row/column/value/expected, and no personnummer in
// any issue.

#include "io/import_plan.hpp"

#include <gtest/gtest.h>

namespace foljsam::io {
namespace {

Row MakeRow(int number, const std::vector<std::string>& texts) {
    Row row{number, {}};
    for (const auto& t : texts) row.cells.push_back(t.empty() ? Cell{} : Cell{Cell::Kind::kText, t, 0});
    return row;
}

ImportContext Context() {
    ImportContext c;
    c.forbund_id = 1;
    c.today = {2026, 6, 1};
    domain::Insats novum;
    novum.id = 7;
    novum.name = "Novum";
    novum.self_referral_allowed = true;
    c.insatser = {novum};
    domain::Organisation stad;
    stad.id = 3;
    stad.name = "Stockholms stad";
    stad.member_type = "KOMMUN";
    domain::Organisation unit;
    unit.id = 4;
    unit.parent_id = 3;
    unit.name = "Jobbtorg Stockholm";
    unit.member_type = "KOMMUN";
    c.organisations = {stad, unit};
    return c;
}

const std::vector<std::string> kHeaders = {"Insats", "Kod",    "Kön",        "Födelseår", "Anmäld av",
                                           "Enhet",  "Kommun", "Utbildning", "Start",     "Pnr"};

std::vector<std::string> Valid(const std::string& code, const std::string& education = "Gymnasial") {
    return {"Novum",     code,      "K",          "1990", "Stockholms stad", "Jobbtorg Stockholm",
            "Stockholm", education, "2025-03-01", ""};
}

Sheet MakeSheet(const std::vector<std::vector<std::string>>& rows) {
    Sheet sheet{"Blad1", {}};
    sheet.rows.push_back(MakeRow(1, {"Deltagare 2025, Novum"}));  // a title above the header
    sheet.rows.push_back(MakeRow(3, kHeaders));
    int n = 4;
    for (const auto& r : rows) sheet.rows.push_back(MakeRow(n++, r));
    return sheet;
}

TEST(ImportPlan, FindsTheHeaderRowBelowATitleAndMapsSynonyms) {
    auto plan = PlanImport(MakeSheet({Valid("A")}), Context(), {});
    EXPECT_EQ(plan.header_row, 3);
    ASSERT_EQ(plan.mapping.size(), kHeaders.size());
    EXPECT_EQ(plan.mapping[1], Column::kDeltagarkod);
    EXPECT_EQ(plan.mapping[4], Column::kAnmalandePart);
    EXPECT_EQ(plan.mapping[8], Column::kStartdatum);
    ASSERT_EQ(plan.rows.size(), 1u);
    const auto& row = plan.rows.front();
    EXPECT_TRUE(row.ok()) << (row.issues.empty() ? "" : row.issues.front().column + ": " + row.issues.front().expected);
    EXPECT_EQ(row.row, 4);
    EXPECT_EQ(row.insats_id, 7);
    EXPECT_EQ(row.participation.intake.referrer_org_id, 4);  // the unit under the member
    EXPECT_EQ(row.participation.intake.residence_kommun, "0180");
    EXPECT_EQ(row.participation.intake.education, "GYMN");
    // Answers the file does not have are "Okänd" on started rows, and counted.
    EXPECT_EQ(row.participation.intake.occupation_start, "OKAND");
    EXPECT_FALSE(plan.filled_unknown.empty());
}

TEST(ImportPlan, NoHeaderRowIsAFileIssue) {
    Sheet sheet{"Blad1", {MakeRow(1, {"a", "b"}), MakeRow(2, {"1", "2"})}};
    auto plan = PlanImport(sheet, Context(), {});
    EXPECT_EQ(plan.header_row, 0);
    ASSERT_EQ(plan.file_issues.size(), 1u);
    EXPECT_TRUE(plan.HasErrors());
}

TEST(ImportPlan, AnUnknownValueIsListedOnceWithItsRowCountAndADecisionMapsIt) {
    auto sheet = MakeSheet({Valid("A", "Högskola"), Valid("B", " högskola "), Valid("C")});
    auto plan = PlanImport(sheet, Context(), {});
    ASSERT_EQ(plan.unknown.size(), 1u);
    EXPECT_EQ(plan.unknown[0].column, Column::kUtbildning);
    EXPECT_EQ(plan.unknown[0].rows, 2);
    EXPECT_EQ(plan.unknown[0].first_row, 4);
    EXPECT_FALSE(plan.unknown[0].choices.empty());
    EXPECT_EQ(plan.RejectedRows(), 2u);
    EXPECT_EQ(plan.rows[0].issues.front().column, "Utbildning");
    EXPECT_EQ(plan.rows[0].issues.front().value, "Högskola");

    ImportSettings settings;
    settings.values[{"utbildning", plan.unknown[0].key}] = "EFTERGYMN_LANG";
    auto mapped = PlanImport(sheet, Context(), settings);
    EXPECT_TRUE(mapped.unknown.empty());
    EXPECT_EQ(mapped.RejectedRows(), 0u);
    EXPECT_EQ(mapped.rows[1].participation.intake.education, "EFTERGYMN_LANG");

    settings.values[{"utbildning", plan.unknown[0].key}] = "";  // reject
    auto rejected = PlanImport(sheet, Context(), settings);
    EXPECT_EQ(rejected.RejectedRows(), 2u);
}

TEST(ImportPlan, TheUserCanRemapAndIgnoreColumns) {
    ImportSettings settings;
    settings.columns[NormalizeKey("Kod")] = "";  // ignore: the rows become anonymous
    auto plan = PlanImport(MakeSheet({Valid("A")}), Context(), settings);
    EXPECT_EQ(plan.mapping[1], std::nullopt);
    EXPECT_TRUE(plan.rows[0].participation.anonymous);
}

TEST(ImportPlan, PersonnummerAreNeverEchoedInIssues) {
    auto bad = Valid("");
    bad[9] = "198801042387";  // official test number with a wrong check digit
    auto anonymous_with_pnr = Valid("");
    anonymous_with_pnr[9] = "198801042386";
    auto plan = PlanImport(MakeSheet({bad}), Context(), {});
    ASSERT_EQ(plan.RejectedRows(), 1u);
    for (const auto& issue : plan.rows[0].issues) EXPECT_EQ(issue.value.find("1988"), std::string::npos);
    auto good = Valid("");
    good[9] = "19880104-2386";
    good[2] = "";  // gender and birth year from the number
    good[3] = "";
    auto derived = PlanImport(MakeSheet({good}), Context(), {});
    ASSERT_TRUE(derived.rows[0].ok());
    EXPECT_EQ(derived.rows[0].participation.gender, "K");
    EXPECT_EQ(derived.rows[0].participation.birth_year, 1988);
    EXPECT_EQ(derived.rows[0].personnummer, "198801042386");
}

TEST(ImportPlan, DuplicatesInTheFileAreReportedOnTheLaterRow) {
    auto plan = PlanImport(MakeSheet({Valid("A"), Valid("A")}), Context(), {});
    EXPECT_TRUE(plan.rows[0].ok());
    ASSERT_FALSE(plan.rows[1].ok());
    EXPECT_EQ(plan.rows[1].issues.front().column, "Start");
    EXPECT_NE(plan.rows[1].issues.front().expected.find("rad 4"), std::string::npos);
}

TEST(ImportPlan, CreateMissingPlansInsatserAndMembersByTheirNames) {
    ImportContext context = Context();
    context.create_missing = true;
    auto row = Valid("A");
    row[0] = "Ny insats";
    row[4] = "Region Uppsala";
    row[5] = "";
    auto plan = PlanImport(MakeSheet({row}), context, {});
    EXPECT_TRUE(plan.rows[0].ok());
    EXPECT_EQ(plan.new_insatser, std::vector<std::string>{"Ny insats"});
    ASSERT_EQ(plan.new_organisations.size(), 1u);
    EXPECT_EQ(plan.new_organisations[0].member_type, "REGION");
    EXPECT_EQ(MemberTypeFromName("Botkyrka kommun"), "KOMMUN");
    EXPECT_EQ(MemberTypeFromName("Göteborgs Stad"), "KOMMUN");
    EXPECT_EQ(MemberTypeFromName("Södertälje"), "KOMMUN");
    EXPECT_EQ(MemberTypeFromName("Försäkringskassan Syd"), "FK");
    EXPECT_EQ(MemberTypeFromName("Arbetsförmedlingen"), "AF");
    EXPECT_EQ(MemberTypeFromName("Föreningen Bryggan"), "");
}

}  // namespace
}  // namespace foljsam::io

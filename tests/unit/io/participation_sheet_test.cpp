// The export's sheet "Deltagare": the template's columns, and every value written so that
// the importer reads it back to the same code: label by label through io::MatchCode, and
// whole rows through a real XLSX and CSV file and the import plan.

#include "io/participation_sheet.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "domain/code_lists.hpp"
#include "io/export_workbook.hpp"
#include "io/import_columns.hpp"
#include "io/import_plan.hpp"
#include "io/import_values.hpp"
#include "io/spreadsheet.hpp"

namespace foljsam::io {
namespace {

TEST(ParticipationSheet, HeadersAreTheTemplatesInOrder) {
    const auto headers = ParticipationHeaders();
    ASSERT_EQ(headers.size(), TemplateColumns().size());
    for (size_t idx = 0; idx < headers.size(); ++idx) EXPECT_EQ(headers[idx], TemplateColumns()[idx].header);
}

TEST(ParticipationSheet, EveryLabelOfEveryCodedColumnMatchesBackToItsCode) {
    for (const ColumnSpec& spec : TemplateColumns()) {
        if (spec.code_list.empty()) continue;
        const domain::CodeList* list = domain::FindCodeList(spec.code_list);
        ASSERT_NE(list, nullptr) << spec.header;
        for (const auto& value : list->values) {
            const std::string text = CodeText(spec.code_list, value.code);
            EXPECT_EQ(MatchCode(spec.code_list, text).value_or("(ingen)"), value.code)
                << spec.header << ": \"" << text << "\"";
        }
    }
}

TEST(ParticipationSheet, ValuesWithExtentsSplitBackIntoCodeAndExtent) {
    for (const char* list_id : {"support", "occupation", "occupation_after"}) {
        for (const auto& value : domain::FindCodeList(list_id)->values) {
            for (std::optional<int> extent :
                 {std::optional<int>(), std::optional<int>(1), std::optional<int>(50), std::optional<int>(100)}) {
                const std::string text = CodeWithExtent(list_id, value.code, extent);
                const SplitExtent split = SplitTrailingExtent(text);
                EXPECT_EQ(split.extent, extent) << text;
                EXPECT_EQ(MatchCode(list_id, split.rest).value_or("(ingen)"), value.code) << text;
            }
        }
    }
}

TEST(ParticipationSheet, SeveralSupportValuesSplitBackInOrder) {
    std::vector<domain::SupportValue> values;
    int extent = 10;
    for (const auto& value : domain::FindCodeList("support")->values)
        values.push_back({std::string(value.code), extent++});
    std::vector<domain::SupportValue> read;
    for (const std::string& part : SplitValues(SupportText(values))) {
        const SplitExtent split = SplitTrailingExtent(part);
        read.push_back({MatchCode("support", split.rest).value_or("(ingen)"), split.extent});
    }
    EXPECT_EQ(read, values) << SupportText(values);
}

// --- whole rows through files and the import plan ------------------------------------------

constexpr long long kInsatsId = 7, kIdentityInsatsId = 8, kStadId = 3, kJarvaId = 4, kRegionId = 5;

ImportContext Context() {
    ImportContext c;
    c.forbund_id = 1;
    c.today = {2026, 6, 1};
    domain::Insats novum;
    novum.id = kInsatsId;
    novum.name = "Novum";
    novum.self_referral_allowed = true;
    domain::Insats ips = novum;
    ips.id = kIdentityInsatsId;
    ips.name = "IPS med identitet";
    ips.registration_mode = "MED_ID";
    c.insatser = {novum, ips};
    domain::Organisation stad{kStadId, 1, std::nullopt, "Stockholms stad", "KOMMUN", "0180", true};
    domain::Organisation jarva{kJarvaId, 1, kStadId, "Järva stadsdelsförvaltning", "KOMMUN", "0180", true};
    domain::Organisation region{kRegionId, 1, std::nullopt, "Region Stockholm", "REGION", "", true};
    c.organisations = {stad, jarva, region};
    return c;
}

// Every answer given, referred by a unit, living in a district.
ParticipationRecord Full() {
    ParticipationRecord r;
    domain::Participation& p = r.participation;
    p.insats_id = kInsatsId;
    p.gender = "K";
    p.birth_year = 1985;
    p.referral_date = domain::Date{2025, 1, 10};
    p.decision = "BEVILJAD";
    p.decision_date = domain::Date{2025, 1, 20};
    p.start_date = domain::Date{2025, 2, 1};
    p.end_date = domain::Date{2025, 9, 30};
    p.intake.referrer = "ORG";
    p.intake.referrer_org_id = kJarvaId;
    p.intake.residence_kommun = "0180";
    p.intake.residence_district = "JARVA";
    p.intake.education = "EFTERGYMN_KORT";
    p.intake.time_without_work = "2_5";
    p.intake.support_at_start = {{"SJUKPENNING", 50}, {"AKTIVITETSSTOD", std::nullopt}, {"A_KASSA", 25}};
    p.intake.occupation_start = "ARBETE";
    p.intake.occupation_start_extent = 25;
    p.intake.time_in_support = "GE5";
    p.intake.sgi_noll = "JA";
    p.intake.target_groups = {"MIGRATION_FLYKT", "FUNKTIONSNEDSATTNING"};
    p.intake.birth_region = "UTANFOR_EUROPA";
    p.exit.exit_reason = "FORTSATT_STOD";
    p.exit.occupation_after = "ARBETE_SUBV";
    p.exit.occupation_after_extent = 50;
    p.exit.support_after = {{"LON", std::nullopt}, {"AKTIVITETSSTOD", 75}};
    p.consent_date = domain::Date{2025, 1, 12};
    r.insats_name = "Novum";
    r.rad_id = "P17";
    r.participant_code = "NV-2025-0001";
    r.referrer_member = "Stockholms stad";
    r.referrer_unit = "Järva stadsdelsförvaltning";
    return r;
}

// Anonymous, self-referred, homeless, only referred and decided.
ParticipationRecord AnonymousReferral() {
    ParticipationRecord r;
    domain::Participation& p = r.participation;
    p.insats_id = kInsatsId;
    p.anonymous = true;
    p.gender = "X";
    p.referral_date = domain::Date{2026, 3, 2};
    p.decision = "VANTELISTA";
    p.decision_date = domain::Date{2026, 3, 9};
    p.intake.referrer = "EGENANMALAN";
    p.intake.residence_special = "HEMLOS";
    r.insats_name = "Novum";
    r.rad_id = "rad-2";
    return r;
}

// With identity, referred by a member itself, residence unknown, ongoing.
ParticipationRecord WithIdentity() {
    ParticipationRecord r;
    domain::Participation& p = r.participation;
    p.insats_id = kIdentityInsatsId;
    p.gender = "M";
    p.birth_year = 1970;
    p.start_date = domain::Date{2024, 11, 4};
    p.intake.referrer = "ORG";
    p.intake.referrer_org_id = kRegionId;
    p.intake.residence_special = "OKAND";
    p.intake.education = "OKAND";
    p.intake.time_without_work = "OKAND";
    p.intake.support_at_start = {{"OKAND", std::nullopt}};
    p.intake.occupation_start = "OKAND";
    p.consent_date = domain::Date{2024, 11, 1};
    r.insats_name = "IPS med identitet";
    r.rad_id = "P99";
    r.personnummer = "19700123-9297";
    r.name = "Bo Test-Lind";
    r.referrer_member = "Region Stockholm";
    return r;
}

// A referral from another member living in a municipality without districts.
ParticipationRecord OtherKommun() {
    ParticipationRecord r = Full();
    r.participation.intake.referrer = "ANNAN";
    r.participation.intake.referrer_org_id.reset();
    r.participation.intake.residence_kommun = "1280";
    r.participation.intake.residence_district.clear();
    r.participation.exit = {};
    r.participation.end_date.reset();
    r.referrer_member.clear();
    r.referrer_unit.clear();
    r.rad_id = "P18";
    r.participant_code = "NV-2025-0002";
    return r;
}

std::string Shown(const std::optional<domain::Date>& date) { return date ? date->ToString() : "-"; }

void ExpectSame(const ParticipationRecord& want, const PlannedRow& got) {
    SCOPED_TRACE("rad-id " + want.rad_id);
    for (const auto& issue : got.issues)
        ADD_FAILURE() << issue.column << " \"" << issue.value << "\": " << issue.expected;
    const domain::Participation& p = want.participation;
    const domain::Participation& q = got.participation;
    EXPECT_EQ(got.rad_id, want.rad_id);
    EXPECT_EQ(got.insats_id.value_or(0), p.insats_id);
    EXPECT_EQ(got.participant_code, want.participant_code);
    EXPECT_EQ(got.name, want.name);
    std::string canonical;
    for (char ch : want.personnummer)
        if (ch != '-') canonical += ch;
    EXPECT_EQ(got.personnummer, canonical);
    EXPECT_EQ(q.anonymous, p.anonymous);
    EXPECT_EQ(q.gender, p.gender);
    EXPECT_EQ(q.birth_year, p.birth_year);
    EXPECT_EQ(Shown(q.referral_date), Shown(p.referral_date));
    EXPECT_EQ(q.decision, p.decision);
    EXPECT_EQ(Shown(q.decision_date), Shown(p.decision_date));
    EXPECT_EQ(Shown(q.start_date), Shown(p.start_date));
    EXPECT_EQ(Shown(q.end_date), Shown(p.end_date));
    EXPECT_EQ(Shown(q.consent_date), Shown(p.consent_date));
    EXPECT_TRUE(q.intake == p.intake) << "intake differs";
    EXPECT_EQ(q.intake.referrer, p.intake.referrer);
    EXPECT_EQ(q.intake.referrer_org_id.value_or(0), p.intake.referrer_org_id.value_or(0));
    EXPECT_EQ(q.intake.residence_kommun + "/" + q.intake.residence_district + "/" + q.intake.residence_special,
              p.intake.residence_kommun + "/" + p.intake.residence_district + "/" + p.intake.residence_special);
    EXPECT_EQ(q.intake.support_at_start, p.intake.support_at_start);
    EXPECT_EQ(q.intake.target_groups, p.intake.target_groups);
    EXPECT_TRUE(q.exit == p.exit) << "exit differs";
}

ExportTable Table(const std::vector<ParticipationRecord>& records) {
    ExportTable table;
    table.sheet = std::string(kParticipationSheet);
    table.headers = ParticipationHeaders();
    for (const auto& record : records) table.rows.push_back(ParticipationRow(record));
    return table;
}

void ExpectPlansBack(const std::string& bytes, const std::string& file_name,
                     const std::vector<ParticipationRecord>& records) {
    auto workbook = ReadSpreadsheet(bytes, file_name);
    ASSERT_TRUE(workbook.ok()) << workbook.status().message();
    ASSERT_FALSE(workbook->sheets.empty());
    const ImportPlan plan = PlanImport(workbook->sheets.front(), Context(), {});
    for (const auto& issue : plan.file_issues) ADD_FAILURE() << issue.column << ": " << issue.expected;
    EXPECT_TRUE(plan.unknown.empty());
    EXPECT_TRUE(plan.filled_unknown.empty());
    ASSERT_EQ(plan.rows.size(), records.size());
    for (size_t idx = 0; idx < records.size(); ++idx) ExpectSame(records[idx], plan.rows[idx]);
}

const std::vector<ParticipationRecord> kRecords = {Full(), AnonymousReferral(), WithIdentity(), OtherKommun()};

TEST(ParticipationSheet, XlsxRowsPlanBackToTheSameParticipations) {
    auto bytes = ExportXlsxBytes("test", {Table(kRecords)});
    ASSERT_TRUE(bytes.ok()) << bytes.status().message();
    ExpectPlansBack(*bytes, "export.xlsx", kRecords);
}

TEST(ParticipationSheet, CsvRowsPlanBackToTheSameParticipations) {
    ExpectPlansBack(ExportCsv(Table(kRecords)), "export.csv", kRecords);
}

TEST(ParticipationSheet, AnonymousRowsNeverShowCodeIdentityOrConsent) {
    ParticipationRecord r = WithIdentity();
    r.participation.anonymous = true;
    const auto row = ParticipationRow(r);
    for (Column column : {Column::kDeltagarkod, Column::kPersonnummer, Column::kNamn, Column::kSamtycke})
        EXPECT_EQ(row[static_cast<size_t>(column)].kind, ExportCell::Kind::kEmpty) << SpecOf(column).header;
    EXPECT_EQ(row[static_cast<size_t>(Column::kAnonym)].text, "Ja");
}

TEST(ParticipationSheet, DatesAreDateCellsAndTheYearANumber) {
    const auto row = ParticipationRow(Full());
    EXPECT_EQ(row[static_cast<size_t>(Column::kStartdatum)].kind, ExportCell::Kind::kDate);
    EXPECT_EQ(row[static_cast<size_t>(Column::kStartdatum)].Shown(), "2025-02-01");
    EXPECT_EQ(row[static_cast<size_t>(Column::kSamtycke)].kind, ExportCell::Kind::kDate);
    EXPECT_EQ(row[static_cast<size_t>(Column::kFodelsear)].kind, ExportCell::Kind::kNumber);
    EXPECT_EQ(row[static_cast<size_t>(Column::kForsorjningStart)].text,
              "Sjukpenning 50 %; Aktivitetsstöd (inkl. utvecklingsersättning); Arbetslöshetsersättning (a-kassa) 25 %");
    EXPECT_EQ(row[static_cast<size_t>(Column::kStadsdel)].text, "Järva");
    EXPECT_EQ(row[static_cast<size_t>(Column::kFolkbokforingskommun)].text, "Stockholm");
}

}  // namespace
}  // namespace foljsam::io

// The import (issue 4) on spreadsheets written by LibreOffice: every kind of defect is
// reported with its row and column and nothing is written in all-or-nothing mode;
// re-importing changes nothing, a corrected file updates only its corrected rows, undo
// restores the state before the import, and personnummer imported into an insats without
// identity never reach the database file.

#include "services/import_service.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "report/dimension.hpp"
#include "report/measure.hpp"
#include "report/period.hpp"
#include "report/render.hpp"
#include "services/report_service.hpp"
#include "store/database.hpp"
#include "store/integrity.hpp"
#include "support/libreoffice.hpp"
#include "support/test_app.hpp"

namespace foljsam::testing {
namespace {

using services::ImportMode;
using services::ImportReport;
using services::ImportRequest;

const char* kHeader =
    "Insats;Rad-id;Deltagarkod;Personnummer;Anonym;Kön;Födelseår;Anmälande part;Folkbokföringskommun;Stadsdel;"
    "Utbildning;Tid utan arbete;Försörjning;Målgrupp;Anmälningsdatum;Startdatum;Slutdatum;Avslutsorsak\n";

// A valid started row of insats Novum with participant code `code` and row id `id`.
std::string ValidRow(const std::string& id, const std::string& code, const std::string& start = "2025-02-03") {
    return "Novum;" + id + ";" + code +
           ";;;Kvinna;1990;Stockholms stad;Stockholm;Järva;Gymnasial utbildning;1-2 år;Försörjningsstöd;Unga;"
           "2025-01-10;" +
           start + ";;\n";
}

class ImportFromLibreOffice : public ::testing::Test {
   protected:
    void SetUp() override {
        if (!HasLibreOffice()) GTEST_SKIP() << "soffice (LibreOffice) is not installed";
        const long long stad = app_.CreateMember("Stockholms stad", "KOMMUN");
        app_.CreateMember("Försäkringskassan", "FK");
        const long long region = app_.CreateMember("Region Stockholm", "REGION");
        novum_ = app_.CreateInsats("Novum", stad, RegistrationMode::kWithoutIdentity);
        ips_ = app_.CreateInsats("IPS", region, RegistrationMode::kWithIdentity);
    }

    Result<ImportReport> Import(const std::string& csv_body, ImportMode mode = ImportMode::kAllOrNothing,
                                bool create_missing = false) {
        xlsx_ = CsvToXlsxWithLibreOffice(std::string(kHeader) + csv_body);
        ImportRequest request;
        request.file_name = "deltagare.xlsx";
        request.bytes = xlsx_;
        request.mode = mode;
        request.create_missing = create_missing;
        return services::ImportService(app_.app()).RunAsOperator(app_.forbund_id(), request);
    }

    std::map<std::string, long long> Counts() {
        auto uow = app_.app().db().Begin(store::Database::Mode::kRead);
        EXPECT_TRUE(uow.ok());
        auto counts = store::CountRows(**uow);
        EXPECT_TRUE(counts.ok());
        auto out = *counts;
        out.erase("audit_event");  // imports and undo are audited, which is the point
        out.erase("import_batch");
        out.erase("import_item");
        return out;
    }

    // The JSON cells of a report over every measure by gender and by age group, 2025.
    std::string ReportJson() {
        services::ReportRequest request;
        request.query.period = *report::Period::Parse("2025");
        request.query.measures = report::AllMeasures();
        request.query.dimensions = {report::Dimension::kGender};
        request.no_suppress = true;
        auto result = services::ReportService(app_.app()).RunAsOperator(app_.forbund_id(), request);
        EXPECT_TRUE(result.ok()) << Describe(result.status());
        return report::RenderJson(services::RenderInputOf(*result, "test"));
    }

    TestApp app_;
    long long novum_ = 0;
    long long ips_ = 0;
    std::string xlsx_;
};

std::set<std::pair<int, std::string>> IssueCells(const ImportReport& report) {
    std::set<std::pair<int, std::string>> out;
    for (const auto& issue : report.AllIssues()) out.insert({issue.row, issue.column});
    return out;
}

TEST_F(ImportFromLibreOffice, EveryDefectIsReportedWithRowAndColumnAndNothingIsWritten) {
    const auto before = Counts();
    // Row numbers as the spreadsheet shows them: the header is row 1.
    const std::string body =
        ValidRow("R1", "OK-1") +                                                                            // 2: valid
        "Novum;R2;;198801042387;;;;Stockholms stad;Stockholm;;GYMN;LT1;A-kassa;;2025-01-10;2025-02-01;;\n"  // 3
        "Novum;R3;C-3;;;K;1990;Stockholms stad;Stockholm;;GYMN;LT1;A-kassa;;2025-01-10;2025-03-01;2025-02-01;Arbete\n"
        "Novum;R4;C-4;;;K;1990;Stockholms stad;Stockholm;;Högskolan i Borås;LT1;A-kassa;;2025-01-10;2025-03-01;;\n"
        "Insats som saknas;R5;C-5;;;K;1990;Stockholms stad;Stockholm;;GYMN;LT1;A-kassa;;2025-01-10;2025-03-01;;\n"
        "Novum;R6;;198801042386;Ja;K;1988;Stockholms stad;Stockholm;;GYMN;LT1;A-kassa;;;2025-03-01;;\n"  // 7
        "Novum;R7;C-7;;;K;1990;Stockholms stad;Stockholm;;GYMN;LT1;A-kassa;;;;2025-05-01;Arbete\n"       // 8
        "Novum;R8;C-8;;;K;1990;Stockholms stad;Stockholm;;GYMN;LT1;A-kassa;;2025-01-10;2025-02-30;;\n"   // 9
        "Novum;R9;C-9;;;K;1890;Stockholms stad;Stockholm;;GYMN;LT1;A-kassa;;2025-01-10;2025-03-01;;\n"   // 10
        "Novum;R1;C-10;;;K;1990;Stockholms stad;Stockholm;;GYMN;LT1;A-kassa;;2025-01-10;2025-03-01;;\n"  // 11
        "Novum;R11;C-11;;;K;1990;Stockholms stad;Stockholm;;GYMN;LT1;A-kassa;;2025-01-10;i mars;;\n"     // 12
        "Novum;R12;C-12;;;K;1990;Stockholms stad;Stockholm;Atlantis;GYMN;LT1;A-kassa;;2025-01-10;2025-03-01;;\n"
        "Novum;R13;C-13;;;Q;1990;Stockholms stad;Stockholm;;GYMN;LT1;A-kassa;;2025-01-10;2025-03-01;;\n";  // 14
    auto report = Import(body);
    ASSERT_TRUE(report.ok()) << Describe(report.status());
    const auto cells = IssueCells(*report);
    const std::vector<std::pair<int, std::string>> expected = {
        {3, "Personnummer"},  // invalid check digit
        {4, "Slutdatum"},     // end before start
        {5, "Utbildning"},    // unknown code
        {6, "Insats"},        // unknown insats without --create-missing
        {7, "Personnummer"},  // anonymous with personnummer
        {8, "Startdatum"},    // missing start date
        {9, "Startdatum"},    // impossible date
        {10, "Födelseår"},    // unlikely birth year
        {11, "Rad-id"},       // duplicate Rad-id
        {12, "Startdatum"},   // text in a date column
        {13, "Stadsdel"},     // unknown district
        {14, "Kön"},          // unknown gender
    };
    for (const auto& cell : expected)
        EXPECT_TRUE(cells.count(cell)) << "no issue at row " << cell.first << ", column " << cell.second;
    for (const auto& issue : report->AllIssues()) {
        EXPECT_FALSE(issue.expected.empty());
        EXPECT_EQ(issue.value.find("198801042"), std::string::npos) << "a personnummer is echoed in an issue";
    }
    EXPECT_EQ(report->rejected, 12);
    EXPECT_FALSE(report->written);
    EXPECT_EQ(Counts(), before) << "all-or-nothing wrote something";
}

TEST_F(ImportFromLibreOffice, ValidRowsModeWritesOnlyTheValidRows) {
    const std::string body =
        ValidRow("R1", "OK-1") + ValidRow("R2", "OK-2") +
        "Novum;R3;C-3;;;Q;1990;Stockholms stad;Stockholm;;GYMN;LT1;A-kassa;;2025-01-10;2025-03-01;;\n";
    auto report = Import(body, ImportMode::kValidRows);
    ASSERT_TRUE(report.ok()) << Describe(report.status());
    EXPECT_TRUE(report->written);
    EXPECT_EQ(report->created, 2);
    EXPECT_EQ(report->rejected, 1);
    EXPECT_EQ(app_.CountParticipations(novum_), 2);
}

TEST_F(ImportFromLibreOffice, ReimportChangesNothingACorrectionUpdatesOnlyItsRowAndUndoRestores) {
    const std::string empty_report = ReportJson();
    const auto empty_counts = Counts();
    std::string body = ValidRow("R1", "A-1") + ValidRow("R2", "A-2") + ValidRow("R3", "A-3") +
                       // Without Rad-id: matched by participant code + insats + start date.
                       ValidRow("", "A-4") +
                       // Anonymous without Rad-id: matched by its visible attributes.
                       "Novum;;;;Ja;Man;1980;Stockholms stad;Stockholm;;GYMN;LT1;A-kassa;;2025-01-10;2025-04-01;;\n";
    auto first = Import(body);
    ASSERT_TRUE(first.ok()) << Describe(first.status());
    ASSERT_TRUE(first->written) << (first->AllIssues().empty() ? "" : first->AllIssues().front().expected);
    EXPECT_EQ(first->created, 5);
    const std::string after_first = ReportJson();
    const auto counts_first = Counts();

    auto again = Import(body);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->created, 0);
    EXPECT_EQ(again->updated, 0);
    EXPECT_EQ(again->unchanged, 5);
    EXPECT_EQ(ReportJson(), after_first);
    EXPECT_EQ(Counts(), counts_first);

    // Correct one row: it ends, to work.
    std::string corrected = body;
    const std::string row2 = ValidRow("R2", "A-2");
    corrected.replace(corrected.find(row2), row2.size(),
                      "Novum;R2;A-2;;;Kvinna;1990;Stockholms stad;Stockholm;Järva;Gymnasial utbildning;1-2 år;"
                      "Försörjningsstöd;Unga;2025-01-10;2025-02-03;2025-06-30;Arbete\n");
    auto fix = Import(corrected);
    ASSERT_TRUE(fix.ok());
    EXPECT_EQ(fix->updated, 1);
    EXPECT_EQ(fix->unchanged, 4);
    EXPECT_EQ(fix->created, 0);
    for (const auto& row : fix->rows)
        EXPECT_EQ(row.action == services::RowAction::kUpdate, row.row == 3) << "row " << row.row;
    EXPECT_NE(ReportJson(), after_first);

    services::ImportService imports(app_.app());
    // The older import cannot be undone while the newer one's change stands on it.
    EXPECT_EQ(imports.UndoAsOperator(app_.forbund_id(), *first->batch_id).status().code(), StatusCode::kConflict);
    auto undo_fix = imports.UndoAsOperator(app_.forbund_id(), *fix->batch_id);
    ASSERT_TRUE(undo_fix.ok()) << Describe(undo_fix.status());
    EXPECT_EQ(undo_fix->restored, 1);
    EXPECT_EQ(ReportJson(), after_first);
    auto undo_first = imports.UndoAsOperator(app_.forbund_id(), *first->batch_id);
    ASSERT_TRUE(undo_first.ok()) << Describe(undo_first.status());
    EXPECT_EQ(undo_first->removed, 5);
    EXPECT_EQ(ReportJson(), empty_report);
    EXPECT_EQ(Counts(), empty_counts);
    EXPECT_EQ(imports.UndoAsOperator(app_.forbund_id(), *first->batch_id).status().code(), StatusCode::kConflict);
}

TEST_F(ImportFromLibreOffice, ACancelledImportWritesNothingAndProgressCountsEveryRow) {
    const auto before = Counts();
    xlsx_ = CsvToXlsxWithLibreOffice(std::string(kHeader) + ValidRow("R1", "A-1") + ValidRow("R2", "A-2") +
                                     ValidRow("R3", "A-3"));
    ImportRequest request;
    request.file_name = "deltagare.xlsx";
    request.bytes = xlsx_;
    std::vector<std::pair<size_t, size_t>> seen;
    request.progress = [&](size_t done, size_t total) { seen.emplace_back(done, total); };
    request.cancelled = [&] { return seen.size() == 2; };
    auto cancelled = services::ImportService(app_.app()).RunAsOperator(app_.forbund_id(), request);
    ASSERT_FALSE(cancelled.ok());
    EXPECT_EQ(cancelled.status().code(), StatusCode::kConflict);
    EXPECT_EQ(seen, (std::vector<std::pair<size_t, size_t>>{{1, 3}, {2, 3}}));
    EXPECT_EQ(Counts(), before);

    request.cancelled = nullptr;
    seen.clear();
    auto done = services::ImportService(app_.app()).RunAsOperator(app_.forbund_id(), request);
    ASSERT_TRUE(done.ok()) << Describe(done.status());
    EXPECT_EQ(done->created, 3);
    EXPECT_EQ(seen.back(), (std::pair<size_t, size_t>{3, 3}));
}

TEST_F(ImportFromLibreOffice, PersonnummerInAnInsatsWithoutIdentityNeverReachTheDatabase) {
    if (OnPostgres()) GTEST_SKIP() << "reads the SQLite file";
    const std::string body =
        "Novum;R1;;198801042386;;;;Stockholms stad;Stockholm;;GYMN;LT1;A-kassa;;2025-01-10;2025-02-01;;\n"
        "Novum;R2;;197001239297;;;;Stockholms stad;Stockholm;;GYMN;LT1;A-kassa;;2025-01-10;2025-02-01;;\n";
    auto report = Import(body);
    ASSERT_TRUE(report.ok()) << Describe(report.status());
    ASSERT_TRUE(report->written);
    EXPECT_EQ(report->created, 2);
    // Derived from the number: birth year, legal gender and a pseudonymous code.
    auto page = app_.participations().List(app_.CreateRegistrar("reg", 1, {novum_}), novum_, {});
    ASSERT_TRUE(page.ok()) << Describe(page.status());
    std::set<std::string> genders;
    for (const auto& row : page->rows) {
        EXPECT_EQ(row.participant_code.rfind("P-", 0), 0u) << row.participant_code;
        genders.insert(row.participation.gender);
        ASSERT_TRUE(row.participation.birth_year);
    }
    EXPECT_EQ(genders, (std::set<std::string>{"K", "M"}));
    std::string bytes;
    for (const char* name : {"foljsam.db", "foljsam.db-wal", "foljsam.db-journal"})
        bytes += ReadFileBytes(app_.data_dir() / name);
    ASSERT_FALSE(bytes.empty());
    for (const char* needle : {"198801042386", "8801042386", "880104-2386", "197001239297", "7001239297"})
        EXPECT_EQ(bytes.find(needle), std::string::npos) << "found a personnummer in the database file";
}

TEST_F(ImportFromLibreOffice, IdentityIsSealedInAnInsatsWithIdentity) {
    if (OnPostgres()) GTEST_SKIP() << "reads the SQLite file";
    const std::string body =
        "IPS;R1;;198801042386;;;;Region Stockholm;Stockholm;;GYMN;LT1;A-kassa;;2025-01-10;2025-02-01;;\n";
    xlsx_ = CsvToXlsxWithLibreOffice(std::string(kHeader).replace(std::string(kHeader).find("\n"), 1, ";Samtycke\n") +
                                     body.substr(0, body.size() - 1) + ";Ja\n");
    ImportRequest request;
    request.file_name = "ips.xlsx";
    request.bytes = xlsx_;
    auto report = services::ImportService(app_.app()).RunAsOperator(app_.forbund_id(), request);
    ASSERT_TRUE(report.ok()) << Describe(report.status());
    ASSERT_TRUE(report->written) << (report->AllIssues().empty() ? "" : report->AllIssues().front().expected);
    EXPECT_EQ(app_.CountParticipations(ips_), 1);
    std::string bytes =
        ReadFileBytes(app_.data_dir() / "foljsam.db") + ReadFileBytes(app_.data_dir() / "foljsam.db-wal");
    EXPECT_EQ(bytes.find("198801042386"), std::string::npos);
}

// In an insats with identity, a row without Rad-id is found again by the person (its
// personnummer's lookup hash) + insats + start date; undo removes the person it created.
TEST_F(ImportFromLibreOffice, AnIdentityRowWithoutRadIdIsFoundByPersonAndUndoRemovesThePerson) {
    const auto empty_counts = Counts();
    std::string header = kHeader;
    header.replace(header.find("\n"), 1, ";Samtycke\n");
    const std::string body =
        "IPS;;;198801042386;;;;Region Stockholm;Stockholm;;GYMN;LT1;A-kassa;;2025-01-10;2025-02-01;;;Ja\n"
        "IPS;;;19900118-2394;;;;Region Stockholm;Stockholm;;GYMN;LT1;A-kassa;;2025-01-12;2025-02-03;;;Ja\n";
    services::ImportService imports(app_.app());
    auto run = [&] {
        xlsx_ = CsvToXlsxWithLibreOffice(header + body);
        ImportRequest request;
        request.file_name = "ips.xlsx";
        request.bytes = xlsx_;
        return imports.RunAsOperator(app_.forbund_id(), request);
    };
    auto first = run();
    ASSERT_TRUE(first.ok()) << Describe(first.status());
    ASSERT_TRUE(first->written) << (first->AllIssues().empty() ? "" : first->AllIssues().front().expected);
    EXPECT_EQ(first->created, 2);
    const auto counts_first = Counts();
    EXPECT_EQ(counts_first.at("person"), empty_counts.at("person") + 2);

    auto again = run();
    ASSERT_TRUE(again.ok()) << Describe(again.status());
    EXPECT_EQ(again->created, 0);
    EXPECT_EQ(again->unchanged, 2);
    EXPECT_EQ(Counts(), counts_first);

    if (again->batch_id) {
        ASSERT_TRUE(imports.UndoAsOperator(app_.forbund_id(), *again->batch_id).ok());
    }
    auto undone = imports.UndoAsOperator(app_.forbund_id(), *first->batch_id);
    ASSERT_TRUE(undone.ok()) << Describe(undone.status());
    EXPECT_EQ(undone->removed, 2);
    EXPECT_EQ(Counts(), empty_counts);
}

// The wizard's column and value steps plan the file without writing: Plan runs in a
// read transaction, so it works while another writer holds the database, and leaves no
// trace (no batch, no participation, no audit event).
TEST_F(ImportFromLibreOffice, PlanListsUnknownValuesWithoutWritingOrWaitingForWriters) {
    const domain::Actor registrar = app_.CreateRegistrar("planerare", 1, {novum_});
    std::map<std::string, long long> before;
    {
        auto uow = app_.app().db().Begin(store::Database::Mode::kRead);
        ASSERT_TRUE(uow.ok());
        before = *store::CountRows(**uow);
    }
    xlsx_ = CsvToXlsxWithLibreOffice(std::string(kHeader) + ValidRow("R1", "A-1") +
                                     "Novum;R2;A-2;;;Kvinna;1990;Stockholms stad;Stockholm;Järva;Gymnasial utbildning;"
                                     "1-2 år;Försörjningsstöd;Okänd målgrupp;2025-01-10;2025-02-03;;\n");
    ImportRequest request;
    request.file_name = "deltagare.xlsx";
    request.bytes = xlsx_;
    auto writer = app_.app().db().Begin();  // holds the write lock throughout
    ASSERT_TRUE(writer.ok());
    auto plan = services::ImportService(app_.app()).Plan(registrar, request);
    ASSERT_TRUE(plan.ok()) << Describe(plan.status());
    ASSERT_EQ(plan->plan.rows.size(), 2u);
    ASSERT_EQ(plan->plan.unknown.size(), 1u);
    EXPECT_EQ(plan->plan.unknown[0].value, "Okänd målgrupp");
    EXPECT_EQ(plan->plan.unknown[0].rows, 1);
    EXPECT_FALSE(plan->written);
    EXPECT_TRUE(plan->rows.empty());
    writer->reset();
    auto uow = app_.app().db().Begin(store::Database::Mode::kRead);
    ASSERT_TRUE(uow.ok());
    EXPECT_EQ(*store::CountRows(**uow), before);
}

TEST_F(ImportFromLibreOffice, CreateMissingMakesInsatserAndMembersFromTheirNames) {
    const std::string body =
        "Ny insats;R1;N-1;;;K;1990;Botkyrka kommun;Botkyrka;;GYMN;LT1;A-kassa;;2025-01-10;2025-02-01;;\n"
        "Ny insats;R2;N-2;;;M;1991;Region Sörmland;Botkyrka;;GYMN;LT1;A-kassa;;2025-01-10;2025-02-01;;\n"
        "Ny insats;R3;N-3;;;M;1991;Föreningen Bryggan;Botkyrka;;GYMN;LT1;A-kassa;;2025-01-10;2025-02-01;;\n";
    auto refused = Import(body);
    ASSERT_TRUE(refused.ok());
    EXPECT_FALSE(refused->written);
    EXPECT_TRUE(IssueCells(*refused).count({2, "Insats"}));

    auto report = Import(body, ImportMode::kValidRows, /*create_missing=*/true);
    ASSERT_TRUE(report.ok()) << Describe(report.status());
    EXPECT_EQ(report->created_insatser, std::vector<std::string>{"Ny insats"});
    EXPECT_EQ(report->created_organisations, (std::vector<std::string>{"Botkyrka kommun", "Region Sörmland"}));
    EXPECT_EQ(report->created, 2);
    EXPECT_TRUE(IssueCells(*report).count({4, "Anmälande part"})) << "a member whose type the name does not tell";
}

}  // namespace
}  // namespace foljsam::testing

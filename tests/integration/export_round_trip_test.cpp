// Acceptance point of issue 4: an association exported as XLSX (operator, with
// identities) and imported into an empty association — structure first
// (services::ImportStructure), then the participations (ImportService, create missing) —
// gives the same report cells, for every measure and many dimensions, on both engines.
// The JSON cells name insatser, units and districts by name or code, never by id, so the
// two databases compare as they are. Importing the export again changes nothing. The CSV
// variant imports the same way, read directly and after LibreOffice saved it as XLSX.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "io/spreadsheet.hpp"
#include "report/dimension.hpp"
#include "report/measure.hpp"
#include "report/period.hpp"
#include "report/render.hpp"
#include "services/demo_service.hpp"
#include "services/export_service.hpp"
#include "services/import_service.hpp"
#include "services/report_service.hpp"
#include "services/structure_import.hpp"
#include "store/database.hpp"
#include "store/organisation_repo.hpp"
#include "support/libreoffice.hpp"
#include "support/test_app.hpp"

namespace foljsam {
namespace {

namespace ft = foljsam::testing;
using report::Dimension;

// The JSON cells of every measure by `dimensions` over `period`, unsuppressed.
std::string ReportJson(services::App& app, long long forbund_id, const report::Period& period,
                       const std::vector<Dimension>& dimensions) {
    services::ReportRequest request;
    request.query.measures = report::AllMeasures();
    request.query.dimensions = dimensions;
    request.query.period = period;
    request.no_suppress = true;
    auto result = services::ReportService(app).RunAsOperator(forbund_id, request);
    if (!result.ok()) return "report failed: " + ft::Describe(result.status());
    return report::RenderJson(services::RenderInputOf(*result, "x"));
}

// The first cell that differs, for a readable failure.
std::string FirstDifference(const std::string& want, const std::string& got) {
    const auto a = nlohmann::json::parse(want, nullptr, false);
    const auto b = nlohmann::json::parse(got, nullptr, false);
    if (a.is_discarded() || b.is_discarded()) return got.substr(0, 300);
    if (a["scope"] != b["scope"]) return "scope: " + a["scope"].dump() + " vs " + b["scope"].dump();
    const auto& ca = a["cells"];
    const auto& cb = b["cells"];
    for (size_t idx = 0; idx < std::min(ca.size(), cb.size()); ++idx)
        if (ca[idx] != cb[idx]) return "cell " + std::to_string(idx) + ": " + ca[idx].dump() + " vs " + cb[idx].dump();
    return "cell count " + std::to_string(ca.size()) + " vs " + std::to_string(cb.size());
}

std::vector<std::vector<Dimension>> Breakdowns() {
    std::vector<std::vector<Dimension>> out = {{}};
    for (Dimension dimension : report::AllDimensions()) out.push_back({dimension});
    for (Dimension second : {Dimension::kGender, Dimension::kReferrerMember, Dimension::kExitReason,
                             Dimension::kSupportAtStart, Dimension::kDistrict, Dimension::kReferrerUnit})
        out.push_back({Dimension::kInsats, second});
    out.push_back({Dimension::kGender, Dimension::kAgeGroup});
    return out;
}

std::string Issues(const services::ImportReport& report) {
    std::ostringstream out;
    int shown = 0;
    for (const auto& issue : report.AllIssues()) {
        if (++shown > 20) break;
        out << "\n  rad " << issue.row << ", " << issue.column << " \"" << issue.value << "\": " << issue.expected;
    }
    return out.str();
}

class ExportRoundTrip : public ::testing::Test {
   protected:
    static void SetUpTestSuite() {
        source_ = new ft::TestApp();
        auto filled = services::FillDemo(source_->app(), {11, domain::Today()});
        if (!filled.ok()) throw std::runtime_error("FillDemo: " + ft::Describe(filled.status()));
        participations_ = filled->participations;
    }
    static void TearDownTestSuite() {
        delete source_;
        source_ = nullptr;
    }

    // An export file into `target` in one import: with create-missing, the import itself
    // rebuilds the structure from the workbook's Organisationer and Insatser sheets.
    static services::ImportReport ImportInto(ft::TestApp& target, const std::string& bytes) {
        services::ImportRequest request;
        request.file_name = "export.xlsx";
        request.bytes = bytes;
        request.create_missing = true;
        auto report = services::ImportService(target.app()).RunAsOperator(target.forbund_id(), request);
        EXPECT_TRUE(report.ok()) << ft::Describe(report.status());
        return report.ok() ? *report : services::ImportReport{};
    }

    // Structure from the CSV files of organisations and insatser, then the participations
    // from `participations` (a CSV, or an XLSX made of it).
    static services::ImportReport ImportCsvInto(ft::TestApp& target, const services::AssociationExport& csv,
                                                const std::string& participations, const std::string& file_name) {
        io::Workbook structure;
        const char* sheets[] = {"Organisationer", "Insatser"};
        for (size_t idx = 0; idx < 2; ++idx) {
            auto read = io::ReadSpreadsheet(csv.files[idx + 1].bytes, csv.files[idx + 1].file_name);
            EXPECT_TRUE(read.ok()) << ft::Describe(read.status());
            if (!read.ok()) return {};
            read->sheets.front().name = sheets[idx];  // a CSV file has no sheet name
            structure.sheets.push_back(read->sheets.front());
        }
        {
            auto uow = target.app().db().Begin();
            EXPECT_TRUE(uow.ok());
            auto created = services::ImportStructure(**uow, nullptr, target.forbund_id(), structure);
            EXPECT_TRUE(created.ok()) << ft::Describe(created.status());
            EXPECT_TRUE((*uow)->Commit().ok());
        }
        services::ImportRequest request;
        request.file_name = file_name;
        request.bytes = participations;
        request.create_missing = true;
        auto report = services::ImportService(target.app()).RunAsOperator(target.forbund_id(), request);
        EXPECT_TRUE(report.ok()) << ft::Describe(report.status());
        return report.ok() ? *report : services::ImportReport{};
    }

    // Every measure by each dimension alone over the whole history: the same in both.
    static void ExpectSameReports(ft::TestApp& target) {
        const domain::Date today = domain::Today();
        auto all = report::Period::Custom({today.year - 10, 1, 1}, today);
        ASSERT_TRUE(all.ok());
        for (const auto& dimensions : Breakdowns()) {
            if (dimensions.size() > 1) continue;
            const std::string want = ReportJson(source_->app(), source_->forbund_id(), *all, dimensions);
            const std::string got = ReportJson(target.app(), target.forbund_id(), *all, dimensions);
            const std::string label = dimensions.empty() ? "totals" : std::string(report::DimensionName(dimensions[0]));
            EXPECT_TRUE(want == got) << label << ": " << FirstDifference(want, got);
        }
    }

    static inline ft::TestApp* source_ = nullptr;
    static inline long long participations_ = 0;
};

TEST_F(ExportRoundTrip, ImportedExportGivesTheSameReportCells) {
    auto exported = services::ExportService(source_->app())
                        .ExportAssociationAsOperator(source_->forbund_id(), services::ExportFormat::kXlsx, true);
    ASSERT_TRUE(exported.ok()) << ft::Describe(exported.status());
    ASSERT_EQ(exported->files.size(), 1u);
    EXPECT_EQ(exported->participations, participations_);
    EXPECT_GT(exported->identities, 0);

    ft::TestApp target;
    const services::ImportReport report = ImportInto(target, exported->files[0].bytes);
    EXPECT_EQ(report.rejected, 0) << Issues(report);
    EXPECT_EQ(report.created, participations_);
    EXPECT_TRUE(report.written);

    const domain::Date today = domain::Today();
    std::vector<report::Period> periods;
    for (int year = today.year - 9; year <= today.year; ++year) periods.push_back(report::Period::Year(year));
    periods.push_back(report::Period::Half(today.year - 1, 2));
    auto all = report::Period::Custom({today.year - 10, 1, 1}, today);
    ASSERT_TRUE(all.ok());
    periods.push_back(*all);
    int compared = 0;
    for (const auto& period : periods) {
        for (const auto& dimensions : Breakdowns()) {
            const std::string want = ReportJson(source_->app(), source_->forbund_id(), period, dimensions);
            const std::string got = ReportJson(target.app(), target.forbund_id(), period, dimensions);
            std::string label = period.Key();
            for (Dimension dimension : dimensions) label += " " + std::string(report::DimensionName(dimension));
            EXPECT_TRUE(want == got) << label << ": " << FirstDifference(want, got);
            ++compared;
        }
    }
    EXPECT_GT(compared, 100);

    // The same file again: every row is found by its Rad-id and left as it is.
    const services::ImportReport again = ImportInto(target, exported->files[0].bytes);
    EXPECT_EQ(again.created, 0);
    EXPECT_EQ(again.rejected, 0) << Issues(again);
    EXPECT_EQ(again.unchanged, participations_);
}

// The structure that the import rebuilt from the export belongs to its batch: undo
// removes the insatser and organisations again, leaving the association empty.
TEST_F(ExportRoundTrip, UndoRemovesTheStructureTheImportRebuilt) {
    auto exported = services::ExportService(source_->app())
                        .ExportAssociationAsOperator(source_->forbund_id(), services::ExportFormat::kXlsx, true);
    ASSERT_TRUE(exported.ok()) << ft::Describe(exported.status());
    ft::TestApp target;
    auto counts = [&target] {
        auto uow = target.app().db().Begin();
        EXPECT_TRUE(uow.ok());
        store::OrganisationRepo orgs(**uow);
        auto insatser = orgs.ListInsatser(target.forbund_id());
        auto organisations = orgs.ListOrganisations(target.forbund_id());
        EXPECT_TRUE(insatser.ok() && organisations.ok());
        return std::pair<size_t, size_t>(insatser.ok() ? insatser->size() : 0,
                                         organisations.ok() ? organisations->size() : 0);
    };
    const auto before = counts();
    const services::ImportReport report = ImportInto(target, exported->files[0].bytes);
    ASSERT_TRUE(report.written && report.batch_id);
    EXPECT_EQ(report.rejected, 0) << Issues(report);
    EXPECT_FALSE(report.created_insatser.empty());
    EXPECT_FALSE(report.created_organisations.empty());
    const auto after = counts();
    EXPECT_EQ(after.first, before.first + report.created_insatser.size());
    EXPECT_EQ(after.second, before.second + report.created_organisations.size());

    auto undone = services::ImportService(target.app()).UndoAsOperator(target.forbund_id(), *report.batch_id);
    ASSERT_TRUE(undone.ok()) << ft::Describe(undone.status());
    EXPECT_EQ(undone->removed, participations_);
    EXPECT_EQ(counts(), before);
}

TEST_F(ExportRoundTrip, TheImportedAssociationExportsTheSameRows) {
    services::ExportService source_exports(source_->app());
    auto first = source_exports.ExportAssociationAsOperator(source_->forbund_id(), services::ExportFormat::kCsv, true);
    ASSERT_TRUE(first.ok()) << ft::Describe(first.status());
    auto xlsx = source_exports.ExportAssociationAsOperator(source_->forbund_id(), services::ExportFormat::kXlsx, true);
    ASSERT_TRUE(xlsx.ok());

    ft::TestApp target;
    const services::ImportReport report = ImportInto(target, xlsx->files[0].bytes);
    ASSERT_EQ(report.rejected, 0) << Issues(report);
    auto second = services::ExportService(target.app())
                      .ExportAssociationAsOperator(target.forbund_id(), services::ExportFormat::kCsv, true);
    ASSERT_TRUE(second.ok()) << ft::Describe(second.status());
    ASSERT_EQ(first->files.size(), 3u);
    ASSERT_EQ(second->files.size(), 3u);
    // Participations, organisations and insatser: the same CSV text, row for row (Rad-id
    // "P<source id>" travels with each row).
    for (size_t idx = 0; idx < 3; ++idx) EXPECT_EQ(first->files[idx].bytes, second->files[idx].bytes) << idx;
}

TEST_F(ExportRoundTrip, CsvFilesImportTheSame) {
    auto csv = services::ExportService(source_->app())
                   .ExportAssociationAsOperator(source_->forbund_id(), services::ExportFormat::kCsv, true);
    ASSERT_TRUE(csv.ok()) << ft::Describe(csv.status());
    ASSERT_EQ(csv->files.size(), 3u);
    ft::TestApp target;
    const services::ImportReport report = ImportCsvInto(target, *csv, csv->files[0].bytes, csv->files[0].file_name);
    EXPECT_EQ(report.rejected, 0) << Issues(report);
    EXPECT_EQ(report.created, participations_);
    ExpectSameReports(target);
}

TEST_F(ExportRoundTrip, CsvSavedAsXlsxByLibreOfficeImportsTheSame) {
    if (!ft::HasLibreOffice()) GTEST_SKIP() << "soffice is not installed";
    auto csv = services::ExportService(source_->app())
                   .ExportAssociationAsOperator(source_->forbund_id(), services::ExportFormat::kCsv, true);
    ASSERT_TRUE(csv.ok()) << ft::Describe(csv.status());
    const std::string xlsx = ft::CsvToXlsxWithLibreOffice(csv->files[0].bytes);
    ft::TestApp target;
    const services::ImportReport report = ImportCsvInto(target, *csv, xlsx, "deltagare.xlsx");
    EXPECT_EQ(report.rejected, 0) << Issues(report);
    EXPECT_EQ(report.created, participations_);
    ExpectSameReports(target);
}

}  // namespace
}  // namespace foljsam

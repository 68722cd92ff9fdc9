// Use case: exporting the association (issue 4, item 6). Who gets participant rows, where
// identities appear, that every export is audited without its data, and the national
// return's numbers against the report engine's cells.

#include "services/export_service.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "io/import_values.hpp"
#include "io/participation_sheet.hpp"
#include "io/spreadsheet.hpp"
#include "report/dimension.hpp"
#include "report/measure.hpp"
#include "report/suppression.hpp"
#include "services/report_service.hpp"
#include "store/audit_repo.hpp"
#include "support/test_app.hpp"

namespace foljsam {
namespace {

namespace ft = foljsam::testing;
using domain::Actor;
using domain::Role;
using services::ExportFormat;
using services::ExportService;

// Every way the test identities could appear in a file.
const std::vector<std::string> kSecrets = {"198801042386",       "19880104-2386", "8801042386", "880104-2386",
                                           "197001239297",       "19700123-9297", "7001239297", "700123-9297",
                                           "Åsa Öberg-Testsson", "Bo Lind"};

std::string FoundSecret(const std::string& bytes) {
    for (const auto& secret : kSecrets)
        if (bytes.find(secret) != std::string::npos) return secret;
    return "";
}

// The sheet "Deltagare" of an export file as rows of cell texts (header row first).
std::vector<std::vector<std::string>> Rows(const std::string& bytes, const std::string& name) {
    auto workbook = io::ReadSpreadsheet(bytes, name);
    EXPECT_TRUE(workbook.ok()) << ft::Describe(workbook.status());
    std::vector<std::vector<std::string>> out;
    if (!workbook.ok()) return out;
    for (const auto& row : workbook->sheets.front().rows) {
        std::vector<std::string> cells;
        for (const auto& cell : row.cells) cells.push_back(io::CellText(cell));
        cells.resize(io::ParticipationHeaders().size());
        out.push_back(cells);
    }
    return out;
}

constexpr size_t kInsatsCol = 0, kRadIdCol = 1, kCodeCol = 2, kPnrCol = 3, kNameCol = 4;

class ExportAccess : public ::testing::Test {
   protected:
    void SetUp() override {
        region_ = t_.CreateMember("Region X", "REGION");
        clinic_ = t_.CreateUnit(region_, "Psykosmottagning X");
        kommun_ = t_.CreateMember("Stockholms stad", "KOMMUN");
        ips_ = t_.CreateInsats("IPS Region X", region_, ft::RegistrationMode::kWithIdentity);
        novum_ = t_.CreateInsats("Novum", kommun_, ft::RegistrationMode::kWithoutIdentity);
        controller_registrar_ = t_.CreateRegistrar("reg.region", clinic_, {ips_, novum_});
        other_registrar_ = t_.CreateRegistrar("reg.kommun", kommun_, {ips_});
        analyst_ = t_.CreateUser("analytiker", Role::kAnalytiker, std::nullopt);
        reader_ = t_.CreateUser("lasare", Role::kLasare, std::nullopt);
        leader_ = t_.CreateUser("projektledare", Role::kInsatsAnsvarig, std::nullopt, {ips_, novum_});
        Register(ips_, ft::WithIdentity(ft::StartedParticipation(), ft::kPnrWoman1988, "Åsa Öberg-Testsson"));
        Register(ips_, ft::WithIdentity(ft::EndedParticipation(), ft::kPnrMan1970, "Bo Lind"));
        Register(ips_, ft::Anonymous(ft::StartedParticipation()));
        Register(novum_, ft::WithCode(ft::StartedParticipation(), "NV-1", 1990));
        Register(novum_, ft::WithCode(ft::EndedParticipation(), "NV-2", 1985));
    }

    void Register(long long insats, const services::ParticipationInput& input) {
        auto id = t_.participations().Register(controller_registrar_, insats, input);
        if (!id.ok()) throw std::runtime_error("Register: " + ft::Describe(id.status()));
    }

    ft::TestApp t_;
    long long region_ = 0, clinic_ = 0, kommun_ = 0, ips_ = 0, novum_ = 0;
    Actor controller_registrar_, other_registrar_, analyst_, reader_, leader_;
};

TEST_F(ExportAccess, ControllerRegistrarGetsIdentitiesOfItsIdentityInsats) {
    auto exported = ExportService(t_.app()).ExportAssociation(controller_registrar_, ExportFormat::kXlsx);
    ASSERT_TRUE(exported.ok()) << ft::Describe(exported.status());
    EXPECT_EQ(exported->participations, 5);
    EXPECT_EQ(exported->insatser, 2);
    EXPECT_EQ(exported->identities, 2);
    ASSERT_EQ(exported->files.size(), 1u);
    EXPECT_EQ(exported->files[0].content_type, services::kXlsxContentType);
    const auto rows = Rows(exported->files[0].bytes, "x.xlsx");
    ASSERT_EQ(rows.size(), 6u);
    EXPECT_EQ(rows[0], io::ParticipationHeaders());
    std::map<std::string, std::string> names;
    for (size_t idx = 1; idx < rows.size(); ++idx) {
        if (!rows[idx][kPnrCol].empty()) names[rows[idx][kPnrCol]] = rows[idx][kNameCol];
        EXPECT_EQ(rows[idx][kRadIdCol].substr(0, 1), "P");
    }
    EXPECT_EQ(names, (std::map<std::string, std::string>{{"19880104-2386", "Åsa Öberg-Testsson"},
                                                         {"19700123-9297", "Bo Lind"}}));
}

TEST_F(ExportAccess, RegistrarOutsideTheControllerGetsNoPersonnummer) {
    for (ExportFormat format : {ExportFormat::kXlsx, ExportFormat::kCsv}) {
        auto exported = ExportService(t_.app()).ExportAssociation(other_registrar_, format);
        ASSERT_TRUE(exported.ok()) << ft::Describe(exported.status());
        EXPECT_EQ(exported->participations, 3);  // IPS only: Novum is not theirs
        EXPECT_EQ(exported->identities, 0);
        for (const auto& file : exported->files) EXPECT_EQ(FoundSecret(file.bytes), "") << file.file_name;
        const auto rows = Rows(exported->files[0].bytes, exported->files[0].file_name);
        ASSERT_EQ(rows.size(), 4u);
        for (size_t idx = 1; idx < rows.size(); ++idx) {
            EXPECT_EQ(rows[idx][kInsatsCol], "IPS Region X");
            EXPECT_EQ(rows[idx][kPnrCol], "");
            EXPECT_EQ(rows[idx][kNameCol], "");
        }
    }
}

TEST_F(ExportAccess, OperatorGetsIdentitiesOnlyWhenAskedFor) {
    ExportService exports(t_.app());
    auto plain = exports.ExportAssociationAsOperator(t_.forbund_id(), ExportFormat::kCsv, false);
    ASSERT_TRUE(plain.ok()) << ft::Describe(plain.status());
    EXPECT_EQ(plain->participations, 5);
    EXPECT_EQ(plain->identities, 0);
    for (const auto& file : plain->files) EXPECT_EQ(FoundSecret(file.bytes), "") << file.file_name;
    auto with = exports.ExportAssociationAsOperator(t_.forbund_id(), ExportFormat::kCsv, true);
    ASSERT_TRUE(with.ok());
    EXPECT_EQ(with->identities, 2);
    EXPECT_NE(with->files[0].bytes.find("19880104-2386"), std::string::npos);
    EXPECT_NE(with->files[0].bytes.find("NV-2"), std::string::npos);
}

TEST_F(ExportAccess, CsvIsThreeFilesForSwedishExcel) {
    auto exported = ExportService(t_.app()).ExportAssociation(controller_registrar_, ExportFormat::kCsv);
    ASSERT_TRUE(exported.ok()) << ft::Describe(exported.status());
    ASSERT_EQ(exported->files.size(), 3u);
    const char* suffixes[] = {"-deltagare.csv", "-organisationer.csv", "-insatser.csv"};
    const char* headers[] = {"Insats;Rad-id;Deltagarkod;Personnummer;",
                             "Namn;Medlemstyp;Överordnad;Kommunkod;Aktiv\r\n",
                             "Namn;Beskrivning;Startdatum;Slutdatum;Inriktning;"};
    for (size_t idx = 0; idx < 3; ++idx) {
        const auto& file = exported->files[idx];
        EXPECT_TRUE(file.file_name.ends_with(suffixes[idx])) << file.file_name;
        EXPECT_EQ(file.content_type, services::kCsvContentType);
        EXPECT_EQ(file.bytes.rfind("\xEF\xBB\xBF", 0), 0u);
        EXPECT_EQ(file.bytes.find(headers[idx]), 3u) << file.bytes.substr(0, 80);
    }
    EXPECT_NE(exported->files[1].bytes.find("Psykosmottagning X;Region;Region X;;Ja"), std::string::npos);
    EXPECT_NE(exported->files[2].bytes.find("Region X;Med identitet"), std::string::npos);
}

TEST_F(ExportAccess, EveryExportIsAuditedWithoutItsData) {
    const long long before = t_.CountAudit("export.forbund");
    ASSERT_TRUE(ExportService(t_.app()).ExportAssociation(controller_registrar_, ExportFormat::kXlsx).ok());
    ASSERT_TRUE(ExportService(t_.app()).ExportAssociation(other_registrar_, ExportFormat::kCsv).ok());
    ASSERT_TRUE(ExportService(t_.app()).ExportAssociationAsOperator(t_.forbund_id(), ExportFormat::kCsv, true).ok());
    EXPECT_EQ(t_.CountAudit("export.forbund"), before + 3);
    int seen = 0;
    for (const auto& event : t_.AllAuditEvents()) {
        if (event.action != "export.forbund") continue;
        ++seen;
        EXPECT_TRUE(event.personal_data);
        EXPECT_EQ(FoundSecret(event.detail), "") << event.detail;
        EXPECT_NE(event.detail.find("\"identities\""), std::string::npos) << event.detail;
        EXPECT_NE(event.detail.find("\"with_identity\""), std::string::npos) << event.detail;
    }
    EXPECT_EQ(seen, 3);
}

TEST_F(ExportAccess, RolesWithoutParticipantAccessAreRefused) {
    ExportService exports(t_.app());
    for (const Actor* actor : std::vector<const Actor*>{&t_.admin(), &analyst_, &reader_, &leader_}) {
        auto exported = exports.ExportAssociation(*actor, ExportFormat::kXlsx);
        ASSERT_FALSE(exported.ok()) << actor->user.username;
        EXPECT_EQ(exported.status().code(), StatusCode::kForbidden) << actor->user.username;
    }
    EXPECT_EQ(t_.CountAudit("export.forbund"), 0);
    for (const Actor* actor : {&controller_registrar_, &reader_, &leader_}) {
        auto file = exports.NationalReturn(*actor, domain::Today().year, ExportFormat::kCsv);
        ASSERT_FALSE(file.ok()) << actor->user.username;
        EXPECT_EQ(file.status().code(), StatusCode::kForbidden) << actor->user.username;
    }
    for (const Actor* actor : std::vector<const Actor*>{&t_.admin(), &analyst_})
        EXPECT_TRUE(exports.NationalReturn(*actor, domain::Today().year, ExportFormat::kXlsx).ok())
            << actor->user.username;
    EXPECT_EQ(exports.NationalReturn(analyst_, 1999, ExportFormat::kCsv).status().code(), StatusCode::kInvalidInput);
}

TEST_F(ExportAccess, OfferFollowsTheRoles) {
    EXPECT_TRUE(ExportService::OfferFor(controller_registrar_).association);
    EXPECT_FALSE(ExportService::OfferFor(controller_registrar_).national_return);
    EXPECT_TRUE(ExportService::OfferFor(analyst_).national_return);
    EXPECT_TRUE(ExportService::OfferFor(t_.admin()).national_return);
    EXPECT_FALSE(ExportService::OfferFor(t_.admin()).association);
    EXPECT_FALSE(ExportService::OfferFor(reader_).association || ExportService::OfferFor(reader_).national_return);
    EXPECT_FALSE(ExportService::OfferFor(leader_).association || ExportService::OfferFor(leader_).national_return);
}

// --- the national return ----------------------------------------------------------------

// CSV fields of a line (the return's fields hold no ';' or quotes).
std::vector<std::string> Fields(const std::string& line) {
    std::vector<std::string> out(1);
    for (char ch : line) {
        if (ch == ';')
            out.emplace_back();
        else
            out.back() += ch;
    }
    return out;
}

// The CSV lines after the header, keyed by the first field.
std::map<std::string, std::vector<std::string>> ReturnLines(const std::string& csv) {
    std::map<std::string, std::vector<std::string>> out;
    size_t start = csv.find("\r\n") + 2;
    while (start < csv.size()) {
        const size_t end = csv.find("\r\n", start);
        const auto fields = Fields(csv.substr(start, end - start));
        out[fields[0]] = fields;
        start = end + 2;
    }
    return out;
}

constexpr size_t kWomen = 7, kMen = 8, kOther = 9, kTotal = 10;

class NationalReturn : public ::testing::Test {
   protected:
    void SetUp() override {
        kommun_ = t_.CreateMember("Stockholms stad", "KOMMUN");
        analyst_ = t_.CreateUser("analytiker", Role::kAnalytiker, std::nullopt);
    }

    long long Insats(const std::string& name) {
        const long long id = t_.CreateInsats(name, kommun_, ft::RegistrationMode::kWithoutIdentity);
        registrars_[id] = t_.CreateRegistrar("reg" + std::to_string(id), kommun_, {id});
        return id;
    }

    // `count` started participations of `gender` in the insats.
    void Add(long long insats, const std::string& gender, int count) {
        for (int idx = 0; idx < count; ++idx) {
            domain::Participation p = ft::StartedParticipation(40);
            p.gender = gender;
            const std::string code = gender + std::to_string(insats) + "-" + std::to_string(++serial_);
            auto id = t_.participations().Register(registrars_[insats], insats, ft::WithCode(p, code, 1980));
            if (!id.ok()) throw std::runtime_error("Register: " + ft::Describe(id.status()));
        }
    }

    ft::TestApp t_;
    long long kommun_ = 0;
    int serial_ = 0;
    Actor analyst_;
    std::map<long long, Actor> registrars_;
    const int year_ = ft::DaysAgo(40).year;
};

TEST_F(NationalReturn, NumbersAreTheReportCellsWithTheSameSuppression) {
    const long long a = Insats("Alfa"), b = Insats("Beta"), c = Insats("Gamma");
    Add(a, "K", 9);
    Add(a, "M", 2);
    Add(b, "K", 3);
    Add(b, "M", 12);
    Add(b, "U", 1);
    Add(c, "K", 6);
    Add(c, "M", 7);

    auto file = ExportService(t_.app()).NationalReturn(analyst_, year_, ExportFormat::kCsv);
    ASSERT_TRUE(file.ok()) << ft::Describe(file.status());
    EXPECT_EQ(file->file_name, "uppfoljning-finsam-" + std::to_string(year_) + ".csv");
    const auto lines = ReturnLines(file->bytes);

    services::ReportRequest request;
    request.query.measures = {report::Measure::kParticipated};
    request.query.dimensions = {report::Dimension::kInsats, report::Dimension::kGender};
    request.query.period = report::Period::Year(year_);
    auto result = services::ReportService(t_.app()).Run(analyst_, request);
    ASSERT_TRUE(result.ok()) << ft::Describe(result.status());
    ASSERT_TRUE(result->suppression_applied);
    std::map<std::string, std::string> names = {
        {std::to_string(a), "Alfa"}, {std::to_string(b), "Beta"}, {std::to_string(c), "Gamma"}};
    const std::map<std::string, size_t> columns = {{"K", kWomen}, {"M", kMen}, {"U", kOther}};
    int hidden = 0, compared = 0;
    for (const report::Cell& cell : result->report.cells) {
        std::string insats = "Samtliga insatser", gender;
        for (const auto& [dimension, value] : cell.by) {
            if (dimension == report::Dimension::kInsats) insats = names.at(value);
            if (dimension == report::Dimension::kGender) gender = value;
        }
        if (gender == "X") continue;  // counted with U in the return; none here
        const size_t column = gender.empty() ? kTotal : columns.at(gender);
        ASSERT_TRUE(lines.count(insats)) << insats;
        const std::string shown =
            cell.suppressed ? report::DisplayValue(cell, result->threshold) : std::to_string(cell.value);
        EXPECT_EQ(lines.at(insats).at(column), shown) << insats << " " << gender;
        hidden += cell.suppressed ? 1 : 0;
        ++compared;
    }
    EXPECT_EQ(compared, 16);
    EXPECT_GT(hidden, 0);
    EXPECT_EQ(lines.at("Alfa").at(kMen), "<5");
    EXPECT_EQ(lines.at("Alfa").at(1), "Individinriktad");
    EXPECT_EQ(lines.at("Alfa").at(2), "Vuxna 30–64 år");
}

TEST_F(NationalReturn, OtherAndUnknownGenderAreCountedTogether) {
    const long long a = Insats("Alfa");
    Add(a, "K", 5);
    Add(a, "M", 5);
    Add(a, "X", 3);
    Add(a, "U", 3);
    auto file = ExportService(t_.app()).NationalReturn(analyst_, year_, ExportFormat::kCsv);
    ASSERT_TRUE(file.ok()) << ft::Describe(file.status());
    const auto lines = ReturnLines(file->bytes);
    EXPECT_EQ(lines.at("Alfa").at(kWomen), "5");
    EXPECT_EQ(lines.at("Alfa").at(kMen), "5");
    EXPECT_EQ(lines.at("Alfa").at(kOther), "6");
    EXPECT_EQ(lines.at("Alfa").at(kTotal), "16");
    EXPECT_EQ(lines.at("Alfa").at(4), "");  // budget: not in Följsam
}

TEST_F(NationalReturn, IsAuditedAndHasAnAboutSheet) {
    Add(Insats("Alfa"), "K", 2);
    auto file = ExportService(t_.app()).NationalReturn(t_.admin(), year_, ExportFormat::kXlsx);
    ASSERT_TRUE(file.ok()) << ft::Describe(file.status());
    auto workbook = io::ReadSpreadsheet(file->bytes, file->file_name);
    ASSERT_TRUE(workbook.ok());
    ASSERT_EQ(workbook->sheets.size(), 2u);
    EXPECT_EQ(workbook->sheets[1].name, "Om");
    bool budget_explained = false;
    for (const auto& row : workbook->sheets[1].rows)
        if (!row.cells.empty() && row.cells[0].text == "Budget och utfall") budget_explained = true;
    EXPECT_TRUE(budget_explained);
    EXPECT_EQ(t_.CountAudit("export.national_return"), 1);
    for (const auto& event : t_.AllAuditEvents())
        if (event.action == "export.national_return") {
            EXPECT_FALSE(event.personal_data);
            EXPECT_NE(event.detail.find("\"year\":" + std::to_string(year_)), std::string::npos) << event.detail;
        }
}

TEST_F(NationalReturn, OperatorGetsTheSameFile) {
    const long long a = Insats("Alfa");
    Add(a, "K", 7);
    Add(a, "M", 1);
    ExportService exports(t_.app());
    auto analyst_file = exports.NationalReturn(analyst_, year_, ExportFormat::kCsv);
    auto operator_file = exports.NationalReturnAsOperator(t_.forbund_id(), year_, ExportFormat::kCsv);
    ASSERT_TRUE(analyst_file.ok());
    ASSERT_TRUE(operator_file.ok());
    EXPECT_EQ(analyst_file->bytes, operator_file->bytes);
    EXPECT_NE(operator_file->bytes.find(";<5;"), std::string::npos);
}

}  // namespace
}  // namespace foljsam

// Use case: rebuilding the structure from an export's sheets "Organisationer" and
// "Insatser" (services::ImportStructure): what exists is kept, the rest is created in the
// right order with its settings and audited, and a bad row writes nothing.

#include "services/structure_import.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "io/sheet.hpp"
#include "store/database.hpp"
#include "store/organisation_repo.hpp"
#include "support/test_app.hpp"

namespace foljsam {
namespace {

namespace ft = foljsam::testing;

io::Row TextRow(int number, const std::vector<std::string>& texts) {
    io::Row row{number, {}};
    for (const auto& text : texts)
        row.cells.push_back(text.empty() ? io::Cell{} : io::Cell{io::Cell::Kind::kText, text, 0});
    return row;
}

io::Sheet Organisations(const std::vector<std::vector<std::string>>& rows) {
    io::Sheet sheet{"Organisationer", {TextRow(1, {"Namn", "Medlemstyp", "Överordnad", "Kommunkod", "Aktiv"})}};
    int number = 2;
    for (const auto& row : rows) sheet.rows.push_back(TextRow(number++, row));
    return sheet;
}

io::Sheet Insatser(const std::vector<std::vector<std::string>>& rows) {
    io::Sheet sheet{"Insatser",
                    {TextRow(1, {"Namn", "Beskrivning", "Startdatum", "Slutdatum", "Inriktning", "Uppföljningsmetod",
                                 "Egenanmälan", "Personuppgiftsansvarig", "Registreringssätt", "Aktiv"})}};
    int number = 2;
    for (const auto& row : rows) sheet.rows.push_back(TextRow(number++, row));
    return sheet;
}

class StructureImport : public ::testing::Test {
   protected:
    Result<services::StructureCreated> Import(const io::Workbook& workbook, const domain::Actor* actor = nullptr) {
        auto uow = t_.app().db().Begin();
        if (!uow.ok()) return uow.status();
        auto created = services::ImportStructure(**uow, actor, t_.forbund_id(), workbook);
        if (created.ok()) {
            Status committed = (*uow)->Commit();
            if (!committed.ok()) return committed;
        }
        return created;
    }

    std::vector<domain::Organisation> Orgs() {
        auto uow = t_.app().db().Begin(store::Database::Mode::kRead);
        return *store::OrganisationRepo(**uow).ListOrganisations(t_.forbund_id());
    }
    std::vector<domain::Insats> AllInsatser() {
        auto uow = t_.app().db().Begin(store::Database::Mode::kRead);
        return *store::OrganisationRepo(**uow).ListInsatser(t_.forbund_id());
    }
    const domain::Organisation* Org(const std::vector<domain::Organisation>& orgs, const std::string& name) {
        for (const auto& o : orgs)
            if (o.name == name) return &o;
        return nullptr;
    }

    ft::TestApp t_;
};

TEST_F(StructureImport, CreatesWhatIsMissingParentsFirstWithSettings) {
    const long long existing = t_.CreateMember("Stockholms stad", "KOMMUN");
    t_.CreateInsats("Finns redan", existing, ft::RegistrationMode::kWithoutIdentity);
    io::Workbook workbook;
    workbook.sheets.push_back(Insatser({{"IPS", "Arbete med stöd", "2024-01-01", "2026-12-31", "Individinriktad",
                                         "Individuell registrering", "Nej", "Region Stockholm", "Med identitet", "Ja"},
                                        {"Forum", "", "", "", "Strukturövergripande", "", "", "", "", "Nej"},
                                        {"finns redan", "", "", "", "", "", "", "Region Stockholm", "", ""}}));
    workbook.sheets.push_back(Organisations({{"Mottagning", "", "Psykiatrin", "", "Ja"},  // before its parent
                                             {"Psykiatrin", "", "Region Stockholm", "", "Nej"},
                                             {"Region Stockholm", "Region", "", "", ""},
                                             {"Stockholms stad", "Kommun", "", "0180", "Ja"},
                                             {"Jobbtorg", "Kommun", "Stockholms stad", "0180", "Ja"}}));
    const long long audit_before = t_.CountAudit("organisation.create") + t_.CountAudit("insats.create");
    auto created = Import(workbook);
    ASSERT_TRUE(created.ok()) << ft::Describe(created.status());
    EXPECT_EQ(created->organisation_names,
              (std::vector<std::string>{"Region Stockholm", "Jobbtorg", "Psykiatrin", "Mottagning"}));
    EXPECT_EQ(created->insats_names, (std::vector<std::string>{"IPS", "Forum"}));
    EXPECT_EQ(created->organisation_ids.size(), 4u);
    EXPECT_EQ(created->insats_ids.size(), 2u);
    EXPECT_EQ(t_.CountAudit("organisation.create") + t_.CountAudit("insats.create"), audit_before + 6);

    const auto orgs = Orgs();
    ASSERT_EQ(orgs.size(), 5u);
    const auto* region = Org(orgs, "Region Stockholm");
    const auto* psykiatrin = Org(orgs, "Psykiatrin");
    const auto* mottagning = Org(orgs, "Mottagning");
    const auto* jobbtorg = Org(orgs, "Jobbtorg");
    ASSERT_TRUE(region && psykiatrin && mottagning && jobbtorg);
    EXPECT_EQ(region->member_type, "REGION");
    EXPECT_FALSE(region->parent_id.has_value());
    EXPECT_EQ(psykiatrin->parent_id, region->id);
    EXPECT_FALSE(psykiatrin->active);
    EXPECT_EQ(mottagning->parent_id, psykiatrin->id);
    EXPECT_EQ(mottagning->member_type, "REGION");
    EXPECT_EQ(jobbtorg->parent_id, existing);
    EXPECT_EQ(jobbtorg->kommunkod, "0180");

    const auto insatser = AllInsatser();
    ASSERT_EQ(insatser.size(), 3u);
    for (const auto& insats : insatser) {
        if (insats.name == "IPS") {
            EXPECT_EQ(insats.controller_org_id, region->id);
            EXPECT_EQ(insats.registration_mode, "MED_ID");
            EXPECT_EQ(insats.description, "Arbete med stöd");
            EXPECT_EQ(insats.start_date, (domain::Date{2024, 1, 1}));
            EXPECT_EQ(insats.end_date, (domain::Date{2026, 12, 31}));
            EXPECT_FALSE(insats.self_referral_allowed);
        } else if (insats.name == "Forum") {
            EXPECT_EQ(insats.orientation, "STRUKTUR");
            EXPECT_EQ(insats.follow_up_method, "VOLYM");
            EXPECT_EQ(insats.controller_org_id, existing);  // empty: the first municipality member
            EXPECT_FALSE(insats.active);
        } else {
            EXPECT_EQ(insats.name, "Finns redan");
            EXPECT_EQ(insats.controller_org_id, existing);  // left as it was
        }
    }

    // Again: everything exists now.
    auto again = Import(workbook);
    ASSERT_TRUE(again.ok()) << ft::Describe(again.status());
    EXPECT_TRUE(again->organisation_ids.empty());
    EXPECT_TRUE(again->insats_ids.empty());
}

TEST_F(StructureImport, ABadRowWritesNothingAndNamesSheetRowAndColumn) {
    io::Workbook workbook;
    workbook.sheets.push_back(Organisations({{"Region Stockholm", "Region", "", "", ""},
                                             {"Enhet", "", "Finns inte", "", ""},
                                             {"Kommunen", "Kommun", "", "12", ""}}));
    workbook.sheets.push_back(Insatser({{"IPS", "", "", "", "", "", "", "Okänd medlem", "", ""}}));
    auto created = Import(workbook);
    ASSERT_FALSE(created.ok());
    EXPECT_EQ(created.status().code(), StatusCode::kInvalidInput);
    std::vector<std::string> fields;
    for (const auto& f : created.status().fields()) fields.push_back(f.field);
    EXPECT_EQ(fields, (std::vector<std::string>{"Organisationer!D4", "Organisationer!C3", "Insatser!H2"}));
    EXPECT_NE(created.status().message().find("Organisationer, rad 4, kolumn Kommunkod"), std::string::npos)
        << created.status().message();
    EXPECT_TRUE(Orgs().empty());
    EXPECT_TRUE(AllInsatser().empty());
}

TEST_F(StructureImport, AWorkbookWithoutStructureSheetsCreatesNothing) {
    io::Workbook workbook;
    workbook.sheets.push_back({"Deltagare", {TextRow(1, {"Insats", "Deltagarkod"})}});
    auto created = Import(workbook);
    ASSERT_TRUE(created.ok());
    EXPECT_TRUE(created->organisation_ids.empty());
}

TEST_F(StructureImport, OnlyAnAdministratorMayImportStructure) {
    io::Workbook workbook;
    workbook.sheets.push_back(Organisations({{"Region Stockholm", "Region", "", "", ""}}));
    const auto analyst = t_.CreateUser("analytiker", domain::Role::kAnalytiker, std::nullopt);
    auto refused = Import(workbook, &analyst);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.status().code(), StatusCode::kForbidden);
    auto allowed = Import(workbook, &t_.admin());
    ASSERT_TRUE(allowed.ok()) << ft::Describe(allowed.status());
    EXPECT_EQ(allowed->organisation_names, (std::vector<std::string>{"Region Stockholm"}));
}

}  // namespace
}  // namespace foljsam

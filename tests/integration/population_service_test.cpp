// Use case: population per area (issue 3 item 3). The administrator enters how many live
// in the association's municipality and its districts; the follow-up then shows
// participants per 10 000 inhabitants. Validation names the area's field, only the
// administrator may write, every write is audited and all-or-nothing.
//
// The association has one member, Stockholms stad (kommunkod 0180), so its areas are
// Stockholm and Stockholm's districts. Six participations live in Stockholm (no district).

#include "services/population_service.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/date.hpp"
#include "domain/organisation.hpp"
#include "report/period.hpp"
#include "services/followup_service.hpp"
#include "store/database.hpp"
#include "store/fault_injection.hpp"
#include "store/integrity.hpp"
#include "store/population_repo.hpp"
#include "support/test_app.hpp"

namespace {

namespace ft = foljsam::testing;
using foljsam::Status;
using foljsam::StatusCode;
using foljsam::domain::Actor;
using foljsam::domain::Role;
using foljsam::services::PopulationArea;
using foljsam::services::PopulationService;

using Figures = std::map<std::string, long long>;

class PopulationServiceTest : public ::testing::Test {
   protected:
    void SetUp() override {
        foljsam::domain::Organisation stad;
        stad.name = "Stockholms stad";
        stad.member_type = "KOMMUN";
        stad.kommunkod = "0180";
        auto id = t_.admin_service().SaveOrganisation(t_.admin(), stad);
        if (!id.ok()) throw std::runtime_error("SaveOrganisation: " + ft::Describe(id.status()));
        stad_ = *id;
        insats_ = t_.CreateInsats("Insats A", stad_, ft::RegistrationMode::kWithoutIdentity);
        registrar_ = t_.CreateRegistrar("reg.a", stad_, {insats_});
        analyst_ = t_.CreateUser("analytiker", Role::kAnalytiker, std::nullopt);
        reader_ = t_.CreateUser("styrelse", Role::kLasare, std::nullopt);
    }

    PopulationService service() { return PopulationService(t_.app()); }

    // The stored figures, read past the service.
    Figures Stored() {
        auto uow = t_.app().db().Begin(foljsam::store::Database::Mode::kRead);
        if (!uow.ok()) throw std::runtime_error("Begin: " + ft::Describe(uow.status()));
        auto list = foljsam::store::PopulationRepo(**uow).List(t_.forbund_id());
        if (!list.ok()) throw std::runtime_error("List: " + ft::Describe(list.status()));
        return *list;
    }

    static const PopulationArea* AreaOf(const std::vector<PopulationArea>& areas, const std::string& code) {
        for (const auto& area : areas)
            if (area.code == code) return &area;
        return nullptr;
    }

    ft::TestApp t_;
    long long stad_ = 0, insats_ = 0;
    Actor registrar_, analyst_, reader_;
};

TEST_F(PopulationServiceTest, TheAreasAreTheMunicipalityAndItsDistricts) {
    auto areas = service().Get(t_.admin());
    ASSERT_TRUE(areas.ok()) << ft::Describe(areas.status());
    ASSERT_FALSE(areas->empty());
    EXPECT_EQ(areas->front().code, "0180");
    EXPECT_EQ(areas->front().name, "Stockholm");
    EXPECT_FALSE(areas->front().district);
    const PopulationArea* jarva = AreaOf(*areas, "JARVA");
    ASSERT_NE(jarva, nullptr);
    EXPECT_EQ(jarva->name, "Järva");
    EXPECT_TRUE(jarva->district);
    EXPECT_FALSE(jarva->historical);
    const PopulationArea* rinkeby = AreaOf(*areas, "RINKEBY_KISTA");
    ASSERT_NE(rinkeby, nullptr);
    EXPECT_TRUE(rinkeby->historical);
    EXPECT_EQ(AreaOf(*areas, "HISINGEN"), nullptr) << "Göteborg's districts are not this association's";
    for (const auto& area : *areas) EXPECT_FALSE(area.population.has_value()) << area.code;
}

TEST_F(PopulationServiceTest, AdministratorSetsFiguresAndEveryAssociationRoleReadsThem) {
    ASSERT_TRUE(service().Set(t_.admin(), {{"0180", 990'000}, {"JARVA", 88'000}}).ok());
    EXPECT_EQ(Stored(), (Figures{{"0180", 990'000}, {"JARVA", 88'000}}));
    for (const Actor* reader : std::vector<const Actor*>{&t_.admin(), &analyst_, &reader_}) {
        auto areas = service().Get(*reader);
        ASSERT_TRUE(areas.ok()) << reader->user.username << ": " << ft::Describe(areas.status());
        EXPECT_EQ(AreaOf(*areas, "JARVA")->population, 88'000) << reader->user.username;
        EXPECT_EQ(AreaOf(*areas, "FARSTA")->population, std::nullopt) << reader->user.username;
    }
    // A new set replaces the old one: an area left out has no figure afterwards.
    ASSERT_TRUE(service().Set(t_.admin(), {{"FARSTA", 60'000}}).ok());
    EXPECT_EQ(Stored(), (Figures{{"FARSTA", 60'000}}));
    ASSERT_TRUE(service().Set(t_.admin(), {}).ok());
    EXPECT_TRUE(Stored().empty());
}

TEST_F(PopulationServiceTest, InvalidFiguresAreRefusedPerAreaAndNothingIsStored) {
    ASSERT_TRUE(service().Set(t_.admin(), {{"JARVA", 88'000}}).ok());
    const Figures bad = {{"JARVA", 0},      {"FARSTA", 10'000'001}, {"BROMMA", -5},
                         {"1480", 600'000}, {"HISINGEN", 1'000},    {"NOWHERE", 7}};
    Status st = service().Set(t_.admin(), bad);
    ASSERT_EQ(st.code(), StatusCode::kInvalidInput) << ft::Describe(st);
    for (const auto& [code, value] : bad) EXPECT_TRUE(ft::NamesField(st, "pop_" + code)) << code << " " << value;
    EXPECT_EQ(st.fields().size(), bad.size()) << ft::Describe(st);
    EXPECT_EQ(Stored(), (Figures{{"JARVA", 88'000}}));
    // The limits themselves are allowed.
    EXPECT_TRUE(service().Set(t_.admin(), {{"JARVA", 1}, {"FARSTA", 10'000'000}}).ok());
}

TEST_F(PopulationServiceTest, OnlyTheAdministratorMaySetFigures) {
    for (const Actor* actor : {&analyst_, &reader_, &registrar_}) {
        Status st = service().Set(*actor, {{"JARVA", 88'000}});
        EXPECT_EQ(st.code(), StatusCode::kForbidden) << actor->user.username << ": " << ft::Describe(st);
    }
    EXPECT_TRUE(Stored().empty());
    EXPECT_EQ(t_.CountAudit("population.update"), 0);
}

TEST_F(PopulationServiceTest, SettingFiguresLeavesOneAuditEventWithTheFigures) {
    ASSERT_TRUE(service().Set(t_.admin(), {{"JARVA", 88'000}}).ok());
    EXPECT_EQ(t_.CountAudit("population.update"), 1);
    for (const auto& event : t_.AllAuditEvents()) {
        if (event.action != "population.update") continue;
        EXPECT_EQ(event.entity, "forbund");
        EXPECT_EQ(event.entity_id, t_.forbund_id());
        EXPECT_EQ(event.forbund_id, t_.forbund_id());
        EXPECT_FALSE(event.personal_data);
        EXPECT_NE(event.detail.find("\"JARVA\":88000"), std::string::npos) << event.detail;
    }
}

TEST_F(PopulationServiceTest, TheFollowUpShowsParticipantsPerTenThousandInhabitants) {
    for (int idx = 0; idx < 6; ++idx) {
        auto id = t_.participations().Register(
            registrar_, insats_, ft::WithCode(ft::StartedParticipation(30 + idx), "P" + std::to_string(idx), 1980));
        ASSERT_TRUE(id.ok()) << ft::Describe(id.status());
    }
    ASSERT_TRUE(service().Set(t_.admin(), {{"0180", 1'000}}).ok());
    auto period = foljsam::report::Period::Custom(ft::DaysAgo(200), ft::DaysAgo(0));
    ASSERT_TRUE(period.ok());
    auto result =
        foljsam::services::FollowUpService(t_.app()).Run(analyst_, foljsam::services::FollowUpRequest{*period, {}});
    ASSERT_TRUE(result.ok()) << ft::Describe(result.status());
    const foljsam::report::ViewTable* table = nullptr;
    for (const auto& section : result->followup.sections)
        for (const auto& candidate : section.tables)
            if (candidate.id == "jamstalldhet-kommun") table = &candidate;
    ASSERT_NE(table, nullptr);
    ASSERT_EQ(table->columns.size(), 4u);
    EXPECT_EQ(table->columns[2], "Invånare");
    EXPECT_EQ(table->columns[3], "Deltagare per 10 000 invånare");
    ASSERT_FALSE(table->rows.empty());
    EXPECT_EQ(table->rows[0].header, "Stockholm");
    EXPECT_EQ(table->rows[0].cells[0].text, "6");
    EXPECT_EQ(table->rows[0].cells[2].text, "1\u00a0000");
    EXPECT_EQ(table->rows[0].cells[3].text, "60,0");
}

// ---- failure points --------------------------------------------------------------------------

class PopulationFailurePoints : public PopulationServiceTest {
   protected:
    void TearDown() override { foljsam::store::testing::FailAtStatement(0); }

    std::pair<std::map<std::string, long long>, Figures> Snapshot() {
        std::map<std::string, long long> rows;
        {
            auto uow = t_.app().db().Begin(foljsam::store::Database::Mode::kRead);
            EXPECT_TRUE(uow.ok());
            auto counts = foljsam::store::CountRows(**uow);
            EXPECT_TRUE(counts.ok()) << ft::Describe(counts.status());
            EXPECT_TRUE(foljsam::store::CheckIntegrity(**uow).ok());
            if (counts.ok()) rows = *counts;
        }
        return {rows, Stored()};
    }
};

TEST_F(PopulationFailurePoints, SettingFiguresIsAllOrNothing) {
    ASSERT_TRUE(service().Set(t_.admin(), {{"JARVA", 88'000}}).ok());
    const Figures wanted = {{"0180", 990'000}, {"FARSTA", 60'000}, {"SODERMALM", 135'000}};
    int step = 1;
    for (; step < 100; ++step) {
        const auto before = Snapshot();
        foljsam::store::testing::FailAtStatement(step);
        Status st = service().Set(t_.admin(), wanted);
        foljsam::store::testing::FailAtStatement(0);
        if (st.ok()) break;
        EXPECT_EQ(Snapshot(), before) << "database changed after a fault at statement " << step;
    }
    EXPECT_GE(step, 5) << "delete, three inserts and the audit event should each have failed once";
    EXPECT_EQ(Stored(), wanted);
}

}  // namespace

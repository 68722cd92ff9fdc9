// Use case: the follow-up report (issue 3, item 3) over participations registered through
// the services: numbers agree with the report engine's cells, scope and suppression follow
// the viewer's role, and every run is audited without personal data. Runs on SQLite and
// on PostgreSQL like every integration test.

#include "services/followup_service.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "domain/date.hpp"
#include "report/render_tables.hpp"
#include "services/report_service.hpp"
#include "support/test_app.hpp"

namespace {

namespace ft = foljsam::testing;
namespace report = foljsam::report;
using foljsam::StatusCode;
using foljsam::domain::Actor;
using foljsam::domain::Date;
using foljsam::domain::Participation;
using foljsam::domain::Role;
using foljsam::services::FollowUpRequest;
using foljsam::services::FollowUpService;

const int kY = foljsam::domain::Today().year - 1;

Participation Started(const Date& start, const std::string& gender) {
    Participation p = ft::StartedParticipation();
    p.gender = gender;
    p.referral_date = start.AddDays(-20);
    p.decision_date = start.AddDays(-10);
    p.start_date = start;
    return p;
}

const report::ViewTable* TableOf(const report::FollowUp& followup, const std::string& id) {
    for (const auto& section : followup.sections)
        for (const auto& table : section.tables)
            if (table.id == id) return &table;
    ADD_FAILURE() << "no table " << id;
    return nullptr;
}

const report::ViewRow* RowOf(const report::ViewTable* table, const std::string& header) {
    if (table == nullptr) return nullptr;
    for (const auto& row : table->rows)
        if (row.header == header) return &row;
    ADD_FAILURE() << "no row " << header << " in " << table->id;
    return nullptr;
}

class FollowUpServiceTest : public ::testing::Test {
   protected:
    void SetUp() override {
        kommun_ = t_.CreateMember("Kommun Y", "KOMMUN");
        region_ = t_.CreateMember("Region X", "REGION");
        insats_a_ = t_.CreateInsats("Insats A", kommun_, ft::RegistrationMode::kWithoutIdentity);
        insats_b_ = t_.CreateInsats("Insats B", region_, ft::RegistrationMode::kWithoutIdentity);
        registrar_a_ = t_.CreateRegistrar("reg.a", kommun_, {insats_a_});
        analyst_ = t_.CreateUser("analytiker", Role::kAnalytiker, std::nullopt);
        // Insats A: 7 women and 2 men start in Y, 1 woman in Y-1; one man ends to work in Y.
        for (int idx = 0; idx < 7; ++idx)
            Register(insats_a_, ft::WithCode(Started({kY, 2, 1 + idx}, "K"), "K" + std::to_string(idx), 1990));
        Participation ended = Started({kY, 3, 1}, "M");
        ended.end_date = Date{kY, 9, 1};
        ended.exit.exit_reason = "ARBETE";
        ended.exit.occupation_after = "ARBETE_OSUBV";
        Register(insats_a_, ft::WithCode(ended, "M0", 1980));
        Register(insats_a_, ft::WithCode(Started({kY, 4, 1}, "M"), "M1", 1981));
        Register(insats_a_, ft::WithCode(Started({kY - 1, 4, 1}, "K"), "OLD", 1970));
    }

    void Register(long long insats, const foljsam::services::ParticipationInput& input) {
        auto id = t_.participations().Register(registrar_a_, insats, input);
        if (!id.ok()) throw std::runtime_error("registration failed: " + ft::Describe(id.status()));
    }

    FollowUpService service() { return FollowUpService(t_.app()); }

    ft::TestApp t_;
    long long kommun_ = 0, region_ = 0, insats_a_ = 0, insats_b_ = 0;
    Actor registrar_a_, analyst_;
};

TEST_F(FollowUpServiceTest, RegistrarSeesExactNumbersOfOwnInsats) {
    auto result = service().Run(registrar_a_, FollowUpRequest{report::Period::Year(kY), std::nullopt});
    ASSERT_TRUE(result.ok()) << ft::Describe(result.status());
    EXPECT_FALSE(result->suppression_applied);
    ASSERT_EQ(result->scope.size(), 1u);
    const auto* overview = TableOf(result->followup, "oversikt");
    const auto* started = RowOf(overview, "Påbörjade, totalt");
    ASSERT_NE(started, nullptr);
    EXPECT_EQ(started->cells[0].text, "9");
    EXPECT_EQ(started->cells[1].text, "1");
    EXPECT_EQ(started->cells[2].text, "+8");
    const auto* men = RowOf(overview, "Påbörjade, män");
    ASSERT_NE(men, nullptr);
    EXPECT_EQ(men->cells[0].text, "2");
    const auto* work = RowOf(TableOf(result->followup, "avslut-arbete-studier"), "Män");
    ASSERT_NE(work, nullptr);
    EXPECT_EQ(work->cells[2].text, "100 %");
}

TEST_F(FollowUpServiceTest, AgreesWithTheReportServiceCells) {
    auto result = service().Run(analyst_, FollowUpRequest{report::Period::Year(kY), insats_a_});
    ASSERT_TRUE(result.ok()) << ft::Describe(result.status());
    foljsam::services::ReportRequest request;
    request.query = {{report::Measure::kStarted, report::Measure::kParticipated},
                     {report::Dimension::kGender},
                     report::Period::Year(kY),
                     std::set<long long>{insats_a_}};
    auto cells = foljsam::services::ReportService(t_.app()).Run(analyst_, request);
    ASSERT_TRUE(cells.ok());
    // The follow-up keeps each table's engine report; its overview equals the report
    // service's cells for the same query (both suppressed the same way).
    const report::Report* overview = nullptr;
    for (const auto& named : result->followup.reports)
        if (named.id == "oversikt") overview = &named.report;
    ASSERT_NE(overview, nullptr);
    for (const auto& cell : cells->report.cells) {
        bool found = false;
        for (const auto& other : overview->cells) {
            if (other.measure != cell.measure || other.by != cell.by) continue;
            found = true;
            EXPECT_EQ(other.value, cell.value);
        }
        EXPECT_TRUE(found);
    }
}

TEST_F(FollowUpServiceTest, AnalystGetsSuppressedNumbersAndJsonHasNoHiddenValue) {
    auto result = service().Run(analyst_, FollowUpRequest{report::Period::Year(kY), std::nullopt});
    ASSERT_TRUE(result.ok()) << ft::Describe(result.status());
    EXPECT_TRUE(result->suppression_applied);
    EXPECT_EQ(result->scope.size(), 2u);
    const auto* men = RowOf(TableOf(result->followup, "oversikt"), "Påbörjade, män");
    ASSERT_NE(men, nullptr);
    EXPECT_EQ(men->cells[0].text, "<5");
    report::TablesDocument doc;
    doc.period = result->followup.period;
    doc.threshold = result->threshold;
    doc.suppression_applied = true;
    const auto json = nlohmann::json::parse(report::RenderFollowUpJson(doc, result->followup));
    for (const auto& table : json["tables"]) {
        for (const auto& cell : table["cells"]) {
            if (cell["suppressed"].get<bool>()) {
                EXPECT_TRUE(cell["value"].is_null());
            } else {
                const long long value = cell["value"].get<long long>();
                EXPECT_FALSE(value >= 1 && value <= 4) << table["id"] << " " << cell.dump();
            }
        }
    }
    auto unsuppressed = service().Run(analyst_, FollowUpRequest{report::Period::Year(kY), std::nullopt, true});
    ASSERT_FALSE(unsuppressed.ok());
    EXPECT_EQ(unsuppressed.status().code(), StatusCode::kForbidden);
}

TEST_F(FollowUpServiceTest, RefusesOtherInsatsAndAuditsEachRun) {
    auto other = service().Run(registrar_a_, FollowUpRequest{report::Period::Year(kY), insats_b_});
    ASSERT_FALSE(other.ok());
    EXPECT_EQ(other.status().code(), StatusCode::kForbidden);
    const long long before = t_.CountAudit("report.followup");
    ASSERT_TRUE(service().Run(registrar_a_, FollowUpRequest{report::Period::Half(kY, 1), std::nullopt}).ok());
    EXPECT_EQ(t_.CountAudit("report.followup"), before + 1);
    for (const auto& event : t_.AllAuditEvents()) {
        if (event.action != "report.followup") continue;
        EXPECT_FALSE(event.personal_data);
        EXPECT_EQ(event.detail.find("K0"), std::string::npos);  // no participant code
    }
}

}  // namespace

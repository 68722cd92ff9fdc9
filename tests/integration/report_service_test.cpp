// Use case: run a report (issue 3). Participations registered through the services, read
// back through the fact store and counted by the engine; scope and suppression by role.
// All dates lie in last year (Y) and the year before, so none is in the future.
//
// Insats A (Kommun Y, without identity), period = year Y:
//   a1  A1  K  start Y-03-01, ongoing; referred by a unit of Region X; two supports
//   a2  A2  K  start Y-02-01, ended Y-06-30 ARBETE
//   a3  A3  M  start Y-1-11-01, ended Y-01-01 (first day) STUDIER
//   a4  A4  M  start Y-1-05-01, ended Y-1-12-31 (the day before the period)
//   a5  anon K start Y-12-31 (last day), ongoing
//   a6  A6  K  start Y-04-01, ended Y-05-01 FELREG (never counted)
//   a7  A2  K  start Y-09-01, ongoing (the same person as a2)
//   a8  A8  M  referred Y-11-01 only
//   a9  A9  M  start Y-1-06-01, ongoing
// Insats B (Region X, without identity): b1 B1 K start Y-05-01; b2 B2 M start Y-06-01.

#include "services/report_service.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/date.hpp"
#include "domain/organisation.hpp"
#include "report/cell.hpp"
#include "report/dimension.hpp"
#include "report/engine.hpp"
#include "report/measure.hpp"
#include "report/period.hpp"
#include "store/database.hpp"
#include "store/fact_repo.hpp"
#include "store/organisation_repo.hpp"
#include "support/test_app.hpp"

namespace {

namespace ft = foljsam::testing;
namespace report = foljsam::report;
using foljsam::StatusCode;
using foljsam::domain::Actor;
using foljsam::domain::Date;
using foljsam::domain::Participation;
using foljsam::domain::Role;
using foljsam::report::Dimension;
using foljsam::report::Measure;
using foljsam::services::ReportRequest;
using foljsam::services::ReportResult;

const int kY = foljsam::domain::Today().year - 1;

Participation Started(const Date& start, const std::string& gender) {
    Participation p = ft::StartedParticipation();
    p.gender = gender;
    p.referral_date = start.AddDays(-20);
    p.decision_date = start.AddDays(-10);
    p.start_date = start;
    return p;
}

Participation Ended(const Date& start, const Date& end, const std::string& gender, const std::string& reason) {
    Participation p = Started(start, gender);
    p.end_date = end;
    p.exit.exit_reason = reason;
    p.exit.occupation_after = "ARBETE_OSUBV";
    return p;
}

// The value of the cell of `measure` by `by` (empty: the total); fails the test when absent.
const report::Cell* FindCell(const ReportResult& result, Measure measure,
                             const std::vector<std::pair<Dimension, std::string>>& by) {
    for (const auto& cell : result.report.cells)
        if (cell.measure == measure && cell.by == by) return &cell;
    ADD_FAILURE() << "no cell " << report::MeasureName(measure) << " with " << by.size() << " dimension values";
    return nullptr;
}

long long Value(const ReportResult& result, Measure measure,
                const std::vector<std::pair<Dimension, std::string>>& by = {}) {
    const report::Cell* cell = FindCell(result, measure, by);
    return cell ? cell->value : -1;
}

class ReportServiceTest : public ::testing::Test {
   protected:
    void SetUp() override {
        kommun_ = t_.CreateMember("Kommun Y", "KOMMUN");
        region_ = t_.CreateMember("Region X", "REGION");
        clinic_ = t_.CreateUnit(region_, "Psykosmottagning X");
        insats_a_ = t_.CreateInsats("Insats A", kommun_, ft::RegistrationMode::kWithoutIdentity);
        insats_b_ = t_.CreateInsats("Insats B", region_, ft::RegistrationMode::kWithoutIdentity);
        registrar_a_ = t_.CreateRegistrar("reg.a", kommun_, {insats_a_});
        registrar_b_ = t_.CreateRegistrar("reg.b", region_, {insats_b_});
        analyst_ = t_.CreateUser("analytiker", Role::kAnalytiker, std::nullopt);

        Participation a1 = Started({kY, 3, 1}, "K");
        a1.intake.referrer = "ORG";
        a1.intake.referrer_org_id = clinic_;
        a1.intake.residence_district = "JARVA";
        a1.intake.support_at_start = {{"FORSORJNINGSSTOD", 50}, {"SJUKPENNING", 50}};
        a1.intake.target_groups = {"VUXNA_30_64", "FUNKTIONSNEDSATTNING"};
        Participation a2 = Ended({kY, 2, 1}, {kY, 6, 30}, "K", "ARBETE");
        a2.intake.referrer = "ORG";
        a2.intake.referrer_org_id = kommun_;
        Participation a3 = Ended({kY - 1, 11, 1}, {kY, 1, 1}, "M", "STUDIER");
        a3.intake.residence_kommun = "";
        a3.intake.residence_special = "HEMLOS";
        Participation a8 = ft::ReferredParticipation();
        a8.gender = "M";
        a8.referral_date = Date{kY, 11, 1};

        Register(registrar_a_, insats_a_, ft::WithCode(a1, "A1", 1990));
        Register(registrar_a_, insats_a_, ft::WithCode(a2, "A2", 1985));
        Register(registrar_a_, insats_a_, ft::WithCode(a3, "A3", 2001));
        Register(registrar_a_, insats_a_,
                 ft::WithCode(Ended({kY - 1, 5, 1}, {kY - 1, 12, 31}, "M", "ARBETE"), "A4", 1970));
        Register(registrar_a_, insats_a_, ft::Anonymous(Started({kY, 12, 31}, "K")));
        Register(registrar_a_, insats_a_, ft::WithCode(Ended({kY, 4, 1}, {kY, 5, 1}, "K", "FELREG"), "A6", 1980));
        Register(registrar_a_, insats_a_, ft::WithCode(Started({kY, 9, 1}, "K"), "A2", 1985));
        Register(registrar_a_, insats_a_, ft::WithCode(a8, "A8", 1999));
        Register(registrar_a_, insats_a_, ft::WithCode(Started({kY - 1, 6, 1}, "M"), "A9", 1960));
        Register(registrar_b_, insats_b_, ft::WithCode(Started({kY, 5, 1}, "K"), "B1", 1995));
        Register(registrar_b_, insats_b_, ft::WithCode(Started({kY, 6, 1}, "M"), "B2", 1975));
    }

    void Register(const Actor& actor, long long insats, const foljsam::services::ParticipationInput& input) {
        auto id = t_.participations().Register(actor, insats, input);
        if (!id.ok()) throw std::runtime_error("registration failed: " + ft::Describe(id.status()));
    }

    static ReportRequest Request(std::vector<Dimension> dimensions = {},
                                 std::optional<std::set<long long>> insatser = std::nullopt) {
        ReportRequest request;
        request.query.measures = report::AllMeasures();
        request.query.dimensions = std::move(dimensions);
        request.query.period = report::Period::Year(kY);
        request.query.insatser = std::move(insatser);
        return request;
    }

    foljsam::services::ReportService service() { return foljsam::services::ReportService(t_.app()); }

    ft::TestApp t_;
    long long kommun_ = 0, region_ = 0, clinic_ = 0, insats_a_ = 0, insats_b_ = 0;
    Actor registrar_a_, registrar_b_, analyst_;
};

TEST_F(ReportServiceTest, RegistrarGetsExactCountsOfOwnInsatsByGender) {
    auto result = service().Run(registrar_a_, Request({Dimension::kGender}));
    ASSERT_TRUE(result.ok()) << ft::Describe(result.status());
    EXPECT_FALSE(result->suppression_applied);
    ASSERT_EQ(result->scope.size(), 1u);
    EXPECT_EQ(result->scope[0].id, insats_a_);
    EXPECT_EQ(result->threshold, 5);
    EXPECT_EQ(result->period, report::Period::Year(kY));
    const auto K = std::vector<std::pair<Dimension, std::string>>{{Dimension::kGender, "K"}};
    const auto M = std::vector<std::pair<Dimension, std::string>>{{Dimension::kGender, "M"}};

    EXPECT_EQ(Value(*result, Measure::kReferred), 5);  // a1, a2, a5, a7, a8
    EXPECT_EQ(Value(*result, Measure::kReferred, K), 4);
    EXPECT_EQ(Value(*result, Measure::kReferred, M), 1);
    EXPECT_EQ(Value(*result, Measure::kStarted), 4);  // a1, a2, a5 (last day), a7
    EXPECT_EQ(Value(*result, Measure::kStarted, K), 4);
    EXPECT_EQ(Value(*result, Measure::kStarted, M), 0);
    EXPECT_EQ(Value(*result, Measure::kEnded), 2);  // a2, a3 (first day); not a4, not FELREG a6
    EXPECT_EQ(Value(*result, Measure::kEnded, K), 1);
    EXPECT_EQ(Value(*result, Measure::kEnded, M), 1);
    EXPECT_EQ(Value(*result, Measure::kParticipated), 6);  // a1, a2, a3, a5, a7, a9
    EXPECT_EQ(Value(*result, Measure::kParticipated, K), 4);
    EXPECT_EQ(Value(*result, Measure::kParticipated, M), 2);
    EXPECT_EQ(Value(*result, Measure::kActiveAtEnd), 4);  // a1, a5, a7, a9
    EXPECT_EQ(Value(*result, Measure::kEndedToWorkOrStudies), 2);
    EXPECT_EQ(Value(*result, Measure::kPersonsParticipated), 5);  // A1, A2 (twice), anonymous, A3, A9
    EXPECT_EQ(Value(*result, Measure::kPersonsParticipated, K), 3);
    EXPECT_EQ(Value(*result, Measure::kAnonymousStarted), 1);
    for (const auto& cell : result->report.cells) EXPECT_FALSE(cell.suppressed);
}

TEST_F(ReportServiceTest, FactsCarryReferrerResidenceAndMultiValuedAnswers) {
    ReportRequest request = Request({Dimension::kReferrerMember, Dimension::kReferrerUnit});
    request.query.measures = {Measure::kStarted};
    auto result = service().Run(registrar_a_, request);
    ASSERT_TRUE(result.ok()) << ft::Describe(result.status());
    EXPECT_EQ(Value(*result, Measure::kStarted, {{Dimension::kReferrerMember, "REGION"}}), 1);  // a1 via the clinic
    EXPECT_EQ(Value(*result, Measure::kStarted, {{Dimension::kReferrerMember, "KOMMUN"}}), 1);  // a2
    EXPECT_EQ(Value(*result, Measure::kStarted, {{Dimension::kReferrerMember, "ANNAN"}}), 2);   // a5, a7
    EXPECT_EQ(Value(*result, Measure::kStarted, {{Dimension::kReferrerUnit, "Psykosmottagning X"}}), 1);
    EXPECT_EQ(Value(*result, Measure::kStarted, {{Dimension::kReferrerUnit, ""}}), 3);

    request = Request({Dimension::kSupportAtStart, Dimension::kDistrict});
    request.query.measures = {Measure::kParticipated};
    result = service().Run(registrar_a_, request);
    ASSERT_TRUE(result.ok()) << ft::Describe(result.status());
    EXPECT_TRUE(result->report.multi_valued_totals_may_exceed);
    EXPECT_EQ(Value(*result, Measure::kParticipated, {{Dimension::kSupportAtStart, "FORSORJNINGSSTOD"}}), 6);
    EXPECT_EQ(Value(*result, Measure::kParticipated, {{Dimension::kSupportAtStart, "SJUKPENNING"}}), 1);
    EXPECT_EQ(Value(*result, Measure::kParticipated, {{Dimension::kDistrict, "JARVA"}}), 1);
    EXPECT_EQ(Value(*result, Measure::kParticipated, {{Dimension::kDistrict, "HEMLOS"}}), 1);  // a3
    EXPECT_EQ(Value(*result, Measure::kParticipated, {{Dimension::kDistrict, ""}}), 4);

    request = Request({Dimension::kTargetGroup, Dimension::kKommun});
    request.query.measures = {Measure::kParticipated};
    result = service().Run(registrar_a_, request);
    ASSERT_TRUE(result.ok()) << ft::Describe(result.status());
    EXPECT_EQ(Value(*result, Measure::kParticipated, {{Dimension::kTargetGroup, "FUNKTIONSNEDSATTNING"}}), 1);
    EXPECT_EQ(Value(*result, Measure::kParticipated, {{Dimension::kTargetGroup, "VUXNA_30_64"}}), 6);
    EXPECT_EQ(Value(*result, Measure::kParticipated, {{Dimension::kKommun, "0180"}}), 5);
    EXPECT_EQ(Value(*result, Measure::kParticipated, {{Dimension::kKommun, ""}}), 1);
}

TEST_F(ReportServiceTest, AnalystGetsWholeAssociationWithSmallCountsSuppressed) {
    auto result = service().Run(analyst_, Request({Dimension::kGender}));
    ASSERT_TRUE(result.ok()) << ft::Describe(result.status());
    EXPECT_TRUE(result->suppression_applied);
    ASSERT_EQ(result->scope.size(), 2u);
    // True values are kept in the result (renderers hide them); both insatser counted.
    EXPECT_EQ(Value(*result, Measure::kStarted), 6);  // A: 4, B: 2
    EXPECT_EQ(Value(*result, Measure::kParticipated), 8);
    int hidden = 0;
    for (const auto& cell : result->report.cells) {
        if (cell.value >= 1 && cell.value < result->threshold) {
            EXPECT_TRUE(cell.suppressed) << report::MeasureName(cell.measure) << " = " << cell.value;
        }
        if (cell.value == 0) {
            EXPECT_FALSE(cell.suppressed) << report::MeasureName(cell.measure);
        }
        hidden += cell.suppressed ? 1 : 0;
    }
    EXPECT_GT(hidden, 0);
}

TEST_F(ReportServiceTest, NoSuppressIsOnlyForPersonalDataAccess) {
    ReportRequest request = Request({Dimension::kGender});
    request.no_suppress = true;
    EXPECT_EQ(service().Run(analyst_, request).status().code(), StatusCode::kForbidden);
    EXPECT_EQ(t_.CountAudit("report.run"), 0);

    auto result = service().Run(registrar_a_, request);
    ASSERT_TRUE(result.ok()) << ft::Describe(result.status());
    EXPECT_FALSE(result->suppression_applied);

    // A registrar of both insatser has personal-data access to the whole scope.
    Actor both = t_.CreateRegistrar("reg.ab", kommun_, {insats_a_, insats_b_});
    result = service().Run(both, request);
    ASSERT_TRUE(result.ok()) << ft::Describe(result.status());
    EXPECT_FALSE(result->suppression_applied);
    EXPECT_EQ(Value(*result, Measure::kStarted, {{Dimension::kGender, "M"}}), 1);  // b2
}

TEST_F(ReportServiceTest, InsatsOutsideTheActorsViewIsRefused) {
    EXPECT_EQ(service().Run(registrar_a_, Request({}, std::set<long long>{insats_b_})).status().code(),
              StatusCode::kForbidden);
    EXPECT_EQ(service().Run(registrar_a_, Request({}, std::set<long long>{insats_a_, insats_b_})).status().code(),
              StatusCode::kForbidden);
    EXPECT_EQ(service().Run(registrar_a_, Request({}, std::set<long long>{987654321})).status().code(),
              StatusCode::kNotFound);

    // An insats of another association is reported as missing, not as forbidden.
    auto uow = t_.app().db().Begin();
    ASSERT_TRUE(uow.ok());
    foljsam::store::OrganisationRepo orgs(**uow);
    foljsam::domain::Forbund other;
    other.name = "Annat förbund";
    auto other_id = orgs.InsertForbund(other);
    ASSERT_TRUE(other_id.ok()) << ft::Describe(other_id.status());
    foljsam::domain::Organisation member;
    member.forbund_id = *other_id;
    member.name = "Annan kommun";
    member.member_type = "KOMMUN";
    auto member_id = orgs.InsertOrganisation(member);
    ASSERT_TRUE(member_id.ok()) << ft::Describe(member_id.status());
    foljsam::domain::Insats insats;
    insats.forbund_id = *other_id;
    insats.name = "Annan insats";
    insats.controller_org_id = *member_id;
    auto other_insats = orgs.InsertInsats(insats);
    ASSERT_TRUE(other_insats.ok()) << ft::Describe(other_insats.status());
    ASSERT_TRUE((*uow)->Commit().ok());
    EXPECT_EQ(service().Run(analyst_, Request({}, std::set<long long>{*other_insats})).status().code(),
              StatusCode::kNotFound);

    Actor nobody = registrar_a_;  // the same user once the role assignment has ended
    nobody.roles.clear();
    EXPECT_EQ(service().Run(nobody, Request()).status().code(), StatusCode::kForbidden);
}

TEST_F(ReportServiceTest, RunLeavesOneAuditEventWithoutPersonalData) {
    ReportRequest request = Request({Dimension::kGender}, std::set<long long>{insats_a_});
    request.query.measures = {Measure::kStarted, Measure::kEnded};
    ASSERT_TRUE(service().Run(analyst_, request).ok());
    EXPECT_EQ(t_.CountAudit("report.run"), 1);
    foljsam::domain::AuditEvent event;
    for (const auto& e : t_.AllAuditEvents())
        if (e.action == "report.run") event = e;
    EXPECT_EQ(event.entity, "report");
    EXPECT_EQ(event.user_id, analyst_.user.id);
    EXPECT_FALSE(event.personal_data);
    auto detail = nlohmann::json::parse(event.detail);
    EXPECT_EQ(detail["measures"], nlohmann::json({"started", "ended"}));
    EXPECT_EQ(detail["dimensions"], nlohmann::json({"gender"}));
    EXPECT_EQ(detail["period"]["from"], std::to_string(kY) + "-01-01");
    EXPECT_EQ(detail["insatser"], nlohmann::json({insats_a_}));
    EXPECT_EQ(detail["suppression"], true);
    EXPECT_EQ(event.detail.find("A1"), std::string::npos) << event.detail;
}

TEST_F(ReportServiceTest, OperatorCountsEveryInsatsByInsatsAndGender) {
    ReportRequest request = Request({Dimension::kInsats, Dimension::kGender});
    request.query.measures = {Measure::kStarted};
    request.no_suppress = true;
    auto result = service().RunAsOperator(t_.forbund_id(), request);
    ASSERT_TRUE(result.ok()) << ft::Describe(result.status());
    EXPECT_FALSE(result->suppression_applied);
    const std::string a = std::to_string(insats_a_), b = std::to_string(insats_b_);
    EXPECT_EQ(Value(*result, Measure::kStarted, {{Dimension::kInsats, a}, {Dimension::kGender, "K"}}), 4);
    EXPECT_EQ(Value(*result, Measure::kStarted, {{Dimension::kInsats, b}, {Dimension::kGender, "K"}}), 1);
    EXPECT_EQ(Value(*result, Measure::kStarted, {{Dimension::kInsats, b}, {Dimension::kGender, "M"}}), 1);

    request.no_suppress = false;
    result = service().RunAsOperator(t_.forbund_id(), request);
    ASSERT_TRUE(result.ok()) << ft::Describe(result.status());
    EXPECT_TRUE(result->suppression_applied);
    EXPECT_EQ(t_.CountAudit("report.run"), 2);
}

// The store's period filter must never drop a participation that some measure counts:
// the facts of a period give the same cells as every fact of the association.
TEST_F(ReportServiceTest, PeriodFilterKeepsEveryParticipationThatCounts) {
    const std::vector<report::Period> periods = {
        report::Period::Year(kY),
        report::Period::Year(kY - 1),
        report::Period::Half(kY, 1),
        report::Period::Half(kY, 2),
        report::Period::Month(kY, 1),
        report::Period::Month(kY, 12),
        report::Period::Month(kY - 1, 12),
        *report::Period::Custom({kY, 1, 1}, {kY, 1, 1}),
        *report::Period::Custom({kY, 12, 31}, {kY, 12, 31}),
        *report::Period::Custom({kY, 6, 30}, {kY, 7, 1}),
    };
    auto uow = t_.app().db().Begin(foljsam::store::Database::Mode::kRead);
    ASSERT_TRUE(uow.ok());
    auto all = foljsam::store::LoadFacts(**uow, t_.forbund_id(), std::nullopt,
                                         *report::Period::Custom({1900, 1, 1}, {2199, 12, 31}));
    ASSERT_TRUE(all.ok()) << ft::Describe(all.status());
    EXPECT_EQ(all->size(), 10u);  // every participation but FELREG
    for (const auto& period : periods) {
        auto some = foljsam::store::LoadFacts(**uow, t_.forbund_id(), std::nullopt, period);
        ASSERT_TRUE(some.ok()) << ft::Describe(some.status());
        report::Query query;
        query.measures = report::AllMeasures();
        query.dimensions = {Dimension::kGender, Dimension::kSupportAtStart};
        query.period = period;
        auto expected = report::Compute(*all, query);
        auto actual = report::Compute(*some, query);
        ASSERT_TRUE(expected.ok() && actual.ok());
        ASSERT_EQ(expected->cells.size(), actual->cells.size()) << period.Key();
        for (size_t idx = 0; idx < expected->cells.size(); ++idx)
            EXPECT_EQ(expected->cells[idx].value, actual->cells[idx].value)
                << period.Key() << " " << report::MeasureName(expected->cells[idx].measure);
    }
    auto only_b =
        foljsam::store::LoadFacts(**uow, t_.forbund_id(), std::set<long long>{insats_b_}, report::Period::Year(kY));
    ASSERT_TRUE(only_b.ok());
    EXPECT_EQ(only_b->size(), 2u);
    auto none = foljsam::store::LoadFacts(**uow, t_.forbund_id(), std::set<long long>{}, report::Period::Year(kY));
    ASSERT_TRUE(none.ok());
    EXPECT_TRUE(none->empty());
}

}  // namespace

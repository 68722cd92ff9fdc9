// Use case: goals (förväntat resultat, issue 3 item 4). The administrator defines goals
// per insats and year; everyone who may see the insats follows them up, with outcomes
// counted by the report engine and suppressed as in reports.
//
// Insats A (Kommun Y, without identity), all dates in last year Y (an ended year):
//   a1 K start Y-03-01, ongoing
//   a2 K start Y-02-01, ended Y-06-30 ARBETE
//   a3 M start Y-04-01, ended Y-09-01 AVBROTT
//   a4 M start Y-05-01, ongoing
//   a5 K start Y-06-01, ended Y-10-01 STUDIER
//   a6 K start Y-07-01, ended Y-08-01 FELREG (never counted)
// So in Y: started 5 (K 3, M 2), ended 3 (ARBETE or STUDIER 2). Insats B has nothing.

#include "services/goal_service.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/date.hpp"
#include "domain/goal.hpp"
#include "report/cell.hpp"
#include "report/dimension.hpp"
#include "report/measure.hpp"
#include "report/period.hpp"
#include "services/report_service.hpp"
#include "store/database.hpp"
#include "store/fault_injection.hpp"
#include "store/goal_repo.hpp"
#include "store/integrity.hpp"
#include "support/test_app.hpp"

namespace {

namespace ft = foljsam::testing;
using foljsam::Status;
using foljsam::StatusCode;
using foljsam::domain::Actor;
using foljsam::domain::Date;
using foljsam::domain::Goal;
using foljsam::domain::GoalComparison;
using foljsam::domain::GoalKind;
using foljsam::domain::Participation;
using foljsam::domain::Role;
using foljsam::report::Dimension;
using foljsam::report::Measure;
using foljsam::services::GoalFollowUp;
using foljsam::services::GoalService;

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

Goal CountGoal(long long insats, const std::string& measure, long long target, int year = kY) {
    Goal g;
    g.insats_id = insats;
    g.year = year;
    g.kind = GoalKind::kCount;
    g.measure = measure;
    g.target_tenths = target * 10;
    return g;
}

Goal ShareGoal(long long insats, const std::string& measure, const std::string& dimension,
               std::vector<std::string> values, long long target_percent, int year = kY) {
    Goal g = CountGoal(insats, measure, 0, year);
    g.kind = GoalKind::kShare;
    g.filter_dimension = dimension;
    g.filter_values = std::move(values);
    g.target_tenths = target_percent * 10;
    return g;
}

class GoalServiceTest : public ::testing::Test {
   protected:
    void SetUp() override {
        kommun_ = t_.CreateMember("Kommun Y", "KOMMUN");
        insats_a_ = t_.CreateInsats("Insats A", kommun_, ft::RegistrationMode::kWithoutIdentity);
        insats_b_ = t_.CreateInsats("Insats B", kommun_, ft::RegistrationMode::kWithoutIdentity);
        registrar_ = t_.CreateRegistrar("reg.a", kommun_, {insats_a_});
        analyst_ = t_.CreateUser("analytiker", Role::kAnalytiker, std::nullopt);
        reader_ = t_.CreateUser("styrelse", Role::kLasare, std::nullopt);
        leader_b_ = t_.CreateUser("ledare.b", Role::kInsatsAnsvarig, std::nullopt, {insats_b_});

        Register(ft::WithCode(Started({kY, 3, 1}, "K"), "A1", 1990));
        Register(ft::WithCode(Ended({kY, 2, 1}, {kY, 6, 30}, "K", "ARBETE"), "A2", 1985));
        Register(ft::WithCode(Ended({kY, 4, 1}, {kY, 9, 1}, "M", "AVBROTT"), "A3", 1970));
        Register(ft::WithCode(Started({kY, 5, 1}, "M"), "A4", 1980));
        Register(ft::WithCode(Ended({kY, 6, 1}, {kY, 10, 1}, "K", "STUDIER"), "A5", 1995));
        Register(ft::WithCode(Ended({kY, 7, 1}, {kY, 8, 1}, "K", "FELREG"), "A6", 1975));
    }

    void Register(const foljsam::services::ParticipationInput& input) {
        auto id = t_.participations().Register(registrar_, insats_a_, input);
        if (!id.ok()) throw std::runtime_error("registration failed: " + ft::Describe(id.status()));
    }

    long long Create(const Goal& goal) {
        auto id = goals().Create(t_.admin(), goal);
        if (!id.ok()) throw std::runtime_error("Create: " + ft::Describe(id.status()));
        return *id;
    }

    std::vector<GoalFollowUp> Evaluate(const Actor& actor, long long insats, int year = kY) {
        auto result = goals().Evaluate(actor, insats, year, foljsam::domain::Today());
        if (!result.ok()) throw std::runtime_error("Evaluate: " + ft::Describe(result.status()));
        return *result;
    }

    long long GoalRows() {
        auto uow = t_.app().db().Begin(foljsam::store::Database::Mode::kRead);
        auto counts = foljsam::store::CountRows(**uow);
        return counts.ok() ? counts->at("goal") : -1;
    }

    GoalService goals() { return GoalService(t_.app()); }

    ft::TestApp t_;
    long long kommun_ = 0, insats_a_ = 0, insats_b_ = 0;
    Actor registrar_, analyst_, reader_, leader_b_;
};

// ---- writing ---------------------------------------------------------------------------------

TEST_F(GoalServiceTest, AdministratorCreatesChangesAndRemovesAGoal) {
    Goal goal = ShareGoal(insats_a_, "ended", "exit_reason", {"STUDIER", "ARBETE", "ARBETE"}, 60);
    goal.description = "  60 % går till arbete eller studier ";
    const long long id = Create(goal);
    EXPECT_EQ(t_.CountAudit("goal.create"), 1);

    auto stored = goals().Get(t_.admin(), id);
    ASSERT_TRUE(stored.ok()) << ft::Describe(stored.status());
    EXPECT_EQ(stored->insats_id, insats_a_);
    EXPECT_EQ(stored->year, kY);
    EXPECT_EQ(stored->kind, GoalKind::kShare);
    EXPECT_EQ(stored->measure, "ended");
    EXPECT_EQ(stored->filter_dimension, "exit_reason");
    EXPECT_EQ(stored->filter_values, (std::vector<std::string>{"ARBETE", "STUDIER"}));  // normalized
    EXPECT_EQ(stored->target_tenths, 600);
    EXPECT_EQ(stored->description, "60 % går till arbete eller studier");

    Goal changed = *stored;
    changed.comparison = GoalComparison::kWithin;
    changed.target_tenths = 505;
    changed.tolerance_tenths = 100;
    changed.insats_id = insats_b_;  // ignored: a goal stays with its insats
    ASSERT_TRUE(goals().Update(t_.admin(), changed).ok());
    stored = goals().Get(t_.admin(), id);
    ASSERT_TRUE(stored.ok());
    EXPECT_EQ(stored->insats_id, insats_a_);
    EXPECT_EQ(stored->comparison, GoalComparison::kWithin);
    EXPECT_EQ(stored->target_tenths, 505);
    EXPECT_EQ(stored->tolerance_tenths, 100);
    EXPECT_EQ(t_.CountAudit("goal.update"), 1);

    auto listed = goals().List(reader_, insats_a_, kY);
    ASSERT_TRUE(listed.ok()) << ft::Describe(listed.status());
    ASSERT_EQ(listed->size(), 1u);
    EXPECT_EQ(listed->front().id, id);
    EXPECT_TRUE(goals().List(reader_, insats_a_, kY + 1)->empty());

    ASSERT_TRUE(goals().Delete(t_.admin(), id).ok());
    EXPECT_EQ(goals().Get(t_.admin(), id).status().code(), StatusCode::kNotFound);
    EXPECT_EQ(goals().Delete(t_.admin(), id).code(), StatusCode::kNotFound);
    EXPECT_EQ(t_.CountAudit("goal.delete"), 1);
    EXPECT_EQ(GoalRows(), 0);
}

TEST_F(GoalServiceTest, WritesAreAuditedWithThePlanNotWithPersonalData) {
    const long long id = Create(ShareGoal(insats_a_, "started", "gender", {"M"}, 30));
    foljsam::domain::AuditEvent event;
    for (const auto& e : t_.AllAuditEvents())
        if (e.action == "goal.create") event = e;
    EXPECT_EQ(event.entity, "goal");
    EXPECT_EQ(event.entity_id, id);
    EXPECT_EQ(event.insats_id, insats_a_);
    EXPECT_EQ(event.user_id, t_.admin().user.id);
    EXPECT_FALSE(event.personal_data);
    auto detail = nlohmann::json::parse(event.detail);
    EXPECT_EQ(detail["measure"], "started");
    EXPECT_EQ(detail["filter_values"], nlohmann::json({"M"}));
    EXPECT_EQ(detail["target_tenths"], 300);
}

TEST_F(GoalServiceTest, InvalidGoalsAreRefusedFieldByFieldAndNothingIsStored) {
    struct Case {
        const char* what;
        Goal goal;
        const char* field;
    };
    Goal survey_without_text = CountGoal(insats_a_, "", 0);
    survey_without_text.kind = GoalKind::kNotMeasurable;
    const std::vector<Case> cases = {
        {"unknown measure", CountGoal(insats_a_, "smiles", 10), "measure"},
        {"share without filter", ShareGoal(insats_a_, "started", "", {}, 30), "filter_dimension"},
        {"insats as filter", ShareGoal(insats_a_, "started", "insats", {"1"}, 30), "filter_dimension"},
        {"unknown gender", ShareGoal(insats_a_, "started", "gender", {"Q"}, 30), "filter_values"},
        {"FELREG is never counted", ShareGoal(insats_a_, "ended", "exit_reason", {"FELREG"}, 30), "filter_values"},
        {"share above 100 %", ShareGoal(insats_a_, "started", "gender", {"M"}, 101), "target"},
        {"year 1999", CountGoal(insats_a_, "started", 10, 1999), "year"},
        {"survey without text", survey_without_text, "description"},
    };
    for (const Case& c : cases) {
        auto created = goals().Create(t_.admin(), c.goal);
        EXPECT_TRUE(ft::NamesField(created.status(), c.field)) << c.what << ": " << ft::Describe(created.status());
    }
    EXPECT_EQ(GoalRows(), 0);
    EXPECT_EQ(t_.CountAudit("goal.create"), 0);

    const long long id = Create(CountGoal(insats_a_, "started", 10));
    Goal bad = CountGoal(insats_a_, "started", 10);
    bad.id = id;
    bad.target_tenths = 15;  // counts are whole
    EXPECT_TRUE(ft::NamesField(goals().Update(t_.admin(), bad), "target"));
    EXPECT_EQ(goals().Get(t_.admin(), id)->target_tenths, 100);
}

TEST_F(GoalServiceTest, OnlyTheAdministratorMayWriteGoals) {
    const long long id = Create(CountGoal(insats_a_, "started", 10));
    const Actor leader_a = t_.CreateUser("ledare.a", Role::kInsatsAnsvarig, std::nullopt, {insats_a_});
    for (const Actor* actor : std::vector<const Actor*>{&registrar_, &analyst_, &reader_, &leader_a, &leader_b_}) {
        EXPECT_EQ(goals().Create(*actor, CountGoal(insats_a_, "started", 10)).status().code(), StatusCode::kForbidden)
            << actor->user.username;
        Goal change = CountGoal(insats_a_, "started", 99);
        change.id = id;
        EXPECT_EQ(goals().Update(*actor, change).code(), StatusCode::kForbidden) << actor->user.username;
        EXPECT_EQ(goals().Delete(*actor, id).code(), StatusCode::kForbidden) << actor->user.username;
    }
    EXPECT_EQ(GoalRows(), 1);
    EXPECT_EQ(goals().Get(t_.admin(), id)->target_tenths, 100);
}

TEST_F(GoalServiceTest, ReadingNeedsTheInsatsAndUnknownIdsAreMissing) {
    const long long id = Create(CountGoal(insats_a_, "started", 10));
    EXPECT_EQ(goals().List(leader_b_, insats_a_, kY).status().code(), StatusCode::kForbidden);
    EXPECT_EQ(goals().Get(leader_b_, id).status().code(), StatusCode::kForbidden);
    EXPECT_EQ(goals().Evaluate(leader_b_, insats_a_, kY, foljsam::domain::Today()).status().code(),
              StatusCode::kForbidden);
    EXPECT_TRUE(goals().List(leader_b_, insats_b_, kY).ok());
    EXPECT_EQ(goals().List(reader_, 987654321, kY).status().code(), StatusCode::kNotFound);
    EXPECT_EQ(goals().Evaluate(reader_, 987654321, kY, foljsam::domain::Today()).status().code(),
              StatusCode::kNotFound);
    EXPECT_EQ(goals().Create(t_.admin(), CountGoal(987654321, "started", 10)).status().code(), StatusCode::kNotFound);
    EXPECT_EQ(goals().Get(reader_, 987654321).status().code(), StatusCode::kNotFound);
    EXPECT_EQ(goals().Evaluate(reader_, insats_a_, 1999, foljsam::domain::Today()).status().code(),
              StatusCode::kInvalidInput);
}

// ---- follow-up -------------------------------------------------------------------------------

// The outcome of every goal is the report engine's cell for the same period and scope: the
// measure's total, and for a filter the sum of the cells of the chosen values.
TEST_F(GoalServiceTest, OutcomesEqualTheReportEnginesCells) {
    Create(CountGoal(insats_a_, "started", 5));
    Goal started_women = ShareGoal(insats_a_, "started", "gender", {"K"}, 0);
    started_women.kind = GoalKind::kCount;
    started_women.target_tenths = 40;
    Create(started_women);
    Create(ShareGoal(insats_a_, "started", "gender", {"M"}, 30));
    Create(ShareGoal(insats_a_, "ended", "exit_reason", {"ARBETE", "STUDIER"}, 60));

    foljsam::services::ReportRequest request;
    request.query.measures = {Measure::kStarted, Measure::kEnded};
    request.query.dimensions = {Dimension::kGender, Dimension::kExitReason};
    request.query.period = foljsam::report::Period::Year(kY);
    request.query.insatser = std::set<long long>{insats_a_};
    auto report = foljsam::services::ReportService(t_.app()).Run(registrar_, request);
    ASSERT_TRUE(report.ok()) << ft::Describe(report.status());
    auto cell = [&](Measure measure, std::vector<std::pair<Dimension, std::string>> by) {
        for (const auto& c : report->report.cells)
            if (c.measure == measure && c.by == by) return c.value;
        ADD_FAILURE() << "no cell";
        return -1LL;
    };

    const auto followups = Evaluate(registrar_, insats_a_);
    ASSERT_EQ(followups.size(), 4u);
    for (const auto& f : followups) EXPECT_EQ(f.counted, foljsam::report::Period::Year(kY));

    EXPECT_EQ(followups[0].numerator, cell(Measure::kStarted, {}));
    EXPECT_EQ(followups[0].numerator, 5);
    EXPECT_EQ(followups[0].outcome_text, "5");
    EXPECT_EQ(followups[0].status_code, "MET");

    EXPECT_EQ(followups[1].numerator, cell(Measure::kStarted, {{Dimension::kGender, "K"}}));
    EXPECT_EQ(followups[1].numerator, 3);
    EXPECT_EQ(followups[1].status_code, "NOT_MET");  // 3 of at least 4, and the year is over
    EXPECT_EQ(followups[1].criteria_text, "Påbörjade, Kön: Kvinna");

    EXPECT_EQ(followups[2].numerator, cell(Measure::kStarted, {{Dimension::kGender, "M"}}));
    EXPECT_EQ(followups[2].denominator, cell(Measure::kStarted, {}));
    EXPECT_EQ(followups[2].outcome_text, "40 % (2 av 5)");
    EXPECT_EQ(followups[2].status_code, "MET");
    EXPECT_EQ(followups[2].status_label, "Uppnått");
    EXPECT_EQ(followups[2].target_text, "minst 30 %");

    EXPECT_EQ(followups[3].numerator, cell(Measure::kEnded, {{Dimension::kExitReason, "ARBETE"}}) +
                                          cell(Measure::kEnded, {{Dimension::kExitReason, "STUDIER"}}));
    EXPECT_EQ(followups[3].denominator, cell(Measure::kEnded, {}));
    EXPECT_EQ(followups[3].outcome_text, "66,7 % (2 av 3)");
    EXPECT_EQ(followups[3].status_code, "MET");
    for (const auto& f : followups) EXPECT_FALSE(f.suppression_applied);
}

TEST_F(GoalServiceTest, SmallOutcomesAreHiddenFromTheAnalyst) {
    Create(CountGoal(insats_a_, "started", 5));
    Goal started_men = ShareGoal(insats_a_, "started", "gender", {"M"}, 0);
    started_men.kind = GoalKind::kCount;
    started_men.target_tenths = 100;
    Create(started_men);
    Create(ShareGoal(insats_a_, "started", "gender", {"M"}, 30));
    Create(ShareGoal(insats_a_, "ended", "exit_reason", {"ARBETE", "STUDIER"}, 60));

    for (const Actor* viewer : std::vector<const Actor*>{&analyst_, &reader_}) {
        const auto followups = Evaluate(*viewer, insats_a_);
        ASSERT_EQ(followups.size(), 4u);
        for (const auto& f : followups) EXPECT_TRUE(f.suppression_applied);
        EXPECT_EQ(followups[0].outcome_text, "5");  // at the threshold: shown
        EXPECT_EQ(followups[0].numerator, 5);
        EXPECT_EQ(followups[1].outcome_text, "<5");  // 2 men
        EXPECT_FALSE(followups[1].numerator.has_value());
        EXPECT_EQ(followups[1].status_code, "NOT_MET");  // 1..4 are all below 10
        EXPECT_EQ(followups[2].status_code, "TOO_FEW");  // 2 of 5: the part is small
        EXPECT_EQ(followups[2].outcome_text, "För få för att redovisa");
        EXPECT_FALSE(followups[2].numerator.has_value());
        EXPECT_FALSE(followups[2].denominator.has_value());
        EXPECT_FALSE(followups[2].evaluation.share_tenths.has_value());
        EXPECT_EQ(followups[3].status_code, "TOO_FEW");  // base 3
        EXPECT_FALSE(followups[3].denominator.has_value());
    }
    // The registrar of the insats sees them all.
    const auto exact = Evaluate(registrar_, insats_a_);
    EXPECT_EQ(exact[1].outcome_text, "2");
    EXPECT_EQ(exact[2].outcome_text, "40 % (2 av 5)");
}

TEST_F(GoalServiceTest, FollowUpIsAuditedAsAReportReadWithoutValues) {
    Create(CountGoal(insats_a_, "started", 5));
    Evaluate(analyst_, insats_a_);
    EXPECT_EQ(t_.CountAudit("goal.followup"), 1);
    foljsam::domain::AuditEvent event;
    for (const auto& e : t_.AllAuditEvents())
        if (e.action == "goal.followup") event = e;
    EXPECT_EQ(event.entity, "report");
    EXPECT_EQ(event.insats_id, insats_a_);
    EXPECT_EQ(event.user_id, analyst_.user.id);
    EXPECT_FALSE(event.personal_data);
    auto detail = nlohmann::json::parse(event.detail);
    EXPECT_EQ(detail["year"], kY);
    EXPECT_EQ(detail["suppression"], true);
    EXPECT_EQ(detail["goals"], 1);
    EXPECT_EQ(detail["period"]["from"], std::to_string(kY) + "-01-01");
    EXPECT_EQ(detail["period"]["to"], std::to_string(kY) + "-12-31");
    EXPECT_EQ(event.detail.find("A1"), std::string::npos);

    EXPECT_EQ(goals().Evaluate(leader_b_, insats_a_, kY, foljsam::domain::Today()).status().code(),
              StatusCode::kForbidden);
    EXPECT_EQ(t_.CountAudit("goal.followup"), 1);  // a refused read leaves nothing
}

TEST_F(GoalServiceTest, ThisYearCountsUpToTodayAndAFutureYearNothing) {
    const Date today = foljsam::domain::Today();
    Create(CountGoal(insats_a_, "started", 120, kY + 1));
    Create(CountGoal(insats_a_, "started", 120, kY + 2));

    auto current = goals().Evaluate(registrar_, insats_a_, kY + 1, today);
    ASSERT_TRUE(current.ok()) << ft::Describe(current.status());
    ASSERT_EQ(current->size(), 1u);
    const GoalFollowUp& now = current->front();
    ASSERT_TRUE(now.counted.has_value());
    EXPECT_EQ(now.counted->from, (Date{kY + 1, 1, 1}));
    EXPECT_EQ(now.counted->to, today);
    EXPECT_EQ(now.numerator, 0);  // nothing registered this year
    EXPECT_TRUE(now.evaluation.expected_by_now.has_value());
    EXPECT_EQ(now.evaluation.remaining_months, 13 - today.month);

    auto future = goals().Evaluate(registrar_, insats_a_, kY + 2, today);
    ASSERT_TRUE(future.ok()) << ft::Describe(future.status());
    EXPECT_FALSE(future->front().counted.has_value());
    EXPECT_EQ(future->front().status_code, "ON_TRACK");
    EXPECT_EQ(future->front().outcome_text, "Året har inte börjat");
    EXPECT_FALSE(future->front().numerator.has_value());
}

TEST_F(GoalServiceTest, GoalsThatCannotBeMeasuredAreListedAsSuch) {
    Goal survey;
    survey.insats_id = insats_a_;
    survey.year = kY;
    survey.kind = GoalKind::kNotMeasurable;
    survey.measure = "started";  // cleared: a survey goal counts nothing
    survey.target_tenths = 900;
    survey.description = "90 % anser att de fått rätt stöd";
    Create(survey);
    const auto followups = Evaluate(analyst_, insats_a_);
    ASSERT_EQ(followups.size(), 1u);
    EXPECT_EQ(followups[0].status_code, "NOT_MEASURABLE");
    EXPECT_EQ(followups[0].goal.measure, "");
    EXPECT_EQ(followups[0].outcome_text, "");
    EXPECT_FALSE(followups[0].counted.has_value());
    EXPECT_FALSE(followups[0].numerator.has_value());
}

TEST_F(GoalServiceTest, RepositoryListsAnAssociationsGoalsByInsatsName) {
    Create(CountGoal(insats_b_, "started", 1));
    Create(CountGoal(insats_a_, "started", 2));
    Create(CountGoal(insats_a_, "ended", 3));
    Create(CountGoal(insats_a_, "ended", 4, kY + 1));
    auto uow = t_.app().db().Begin(foljsam::store::Database::Mode::kRead);
    ASSERT_TRUE(uow.ok());
    auto all = foljsam::store::GoalRepo(**uow).ListByForbund(t_.forbund_id(), kY);
    ASSERT_TRUE(all.ok()) << ft::Describe(all.status());
    std::vector<long long> targets;
    for (const auto& g : *all) targets.push_back(g.target_tenths / 10);
    EXPECT_EQ(targets, (std::vector<long long>{2, 3, 1}));  // Insats A before Insats B, then creation order
}

// ---- failure points --------------------------------------------------------------------------

class GoalFailurePoints : public GoalServiceTest {
   protected:
    void TearDown() override { foljsam::store::testing::FailAtStatement(0); }

    std::map<std::string, long long> Snapshot() {
        auto uow = t_.app().db().Begin(foljsam::store::Database::Mode::kRead);
        EXPECT_TRUE(uow.ok());
        auto counts = foljsam::store::CountRows(**uow);
        EXPECT_TRUE(counts.ok()) << ft::Describe(counts.status());
        EXPECT_TRUE(foljsam::store::CheckIntegrity(**uow).ok());
        return counts.ok() ? *counts : std::map<std::string, long long>{};
    }

    // Runs `use_case` failing at statement 1, 2, ... until it succeeds; each failed run must
    // leave every table as it was. Returns how many failure points were tried.
    int Loop(const std::string& name, const std::function<Status()>& use_case) {
        for (int step = 1; step < 100; ++step) {
            const auto before = Snapshot();
            foljsam::store::testing::FailAtStatement(step);
            Status st = use_case();
            foljsam::store::testing::FailAtStatement(0);
            if (st.ok()) return step - 1;
            EXPECT_EQ(Snapshot(), before) << name << ": database changed after a fault at statement " << step;
        }
        ADD_FAILURE() << name << " never succeeded";
        return 0;
    }
};

TEST_F(GoalFailurePoints, CreateUpdateAndDeleteAreAllOrNothing) {
    EXPECT_GE(Loop("create", [&] { return goals().Create(t_.admin(), CountGoal(insats_a_, "started", 10)).status(); }),
              3);
    auto listed = goals().List(t_.admin(), insats_a_, kY);
    ASSERT_TRUE(listed.ok());
    ASSERT_EQ(listed->size(), 1u);
    Goal changed = listed->front();
    changed.target_tenths = 200;
    EXPECT_GE(Loop("update", [&] { return goals().Update(t_.admin(), changed); }), 3);
    EXPECT_EQ(goals().Get(t_.admin(), changed.id)->target_tenths, 200);
    EXPECT_GE(Loop("delete", [&] { return goals().Delete(t_.admin(), changed.id); }), 3);
    EXPECT_EQ(GoalRows(), 0);
}

}  // namespace

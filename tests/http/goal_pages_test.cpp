// Goal pages over HTTP (issue 3, item 4): the administrator creates, changes and removes
// goals through the forms (with CSRF); everyone else is refused the admin pages; invalid
// input gets the error summary; the follow-up page shows the demo goals.

#include <string>
#include <vector>

#include "domain/date.hpp"
#include "domain/goal.hpp"
#include "http/http_fixture.hpp"
#include "store/goal_repo.hpp"

namespace foljsam::http_test {
namespace {

class GoalPages : public HttpTest {
   protected:
    static std::vector<domain::Goal> StoredGoals(long long insats_id, int year) {
        auto uow = Read();
        auto list = store::GoalRepo(*uow).ListByInsats(insats_id, year);
        if (!list.ok()) throw std::runtime_error("ListByInsats: " + testing::Describe(list.status()));
        return *list;
    }

    static std::string NewPath(long long insats_id) {
        return "/admin/insatser/" + std::to_string(insats_id) + "/mal/ny";
    }

    // A valid form for "share of men among started >= 30 %" in `year`.
    static Fields ShareForm(int year) {
        return {{"year", std::to_string(year)},
                {"kind", "SHARE"},
                {"description", "Andelen män ökar till 30 %"},
                {"measure", "started"},
                {"filter_dimension", "gender"},
                {"filter_values", "M"},
                {"comparison", "AT_LEAST"},
                {"target", "30"},
                {"tolerance", ""},
                {"steg", "spara"}};
    }
};

TEST_F(GoalPages, AdministratorCreatesAGoalThroughTheForm) {
    const Session& kansli = As("kansli");
    const long long insats = InsatsId(kAktivitetsplatsen);
    const int year = 2031;
    Response form = Get(NewPath(insats) + "?ar=" + std::to_string(year), kansli);
    ASSERT_EQ(form.status, 200) << form;
    EXPECT_TRUE(Contains(form.body, "name=\"csrf\"")) << form;
    EXPECT_TRUE(Contains(form.body, "id=\"f-kind\""));
    EXPECT_TRUE(Contains(form.body, "value=\"" + std::to_string(year) + "\""));

    const long long audited = CountAudit("goal.create");
    Response posted = PostForm(NewPath(insats), kansli, ShareForm(year));
    ASSERT_EQ(posted.status, 303) << posted;
    EXPECT_EQ(posted.Header("Location"),
              "/admin/insatser/" + std::to_string(insats) + "/mal?ar=" + std::to_string(year) + "&sparat=1");
    const auto goals = StoredGoals(insats, year);
    ASSERT_EQ(goals.size(), 1u);
    EXPECT_EQ(goals[0].kind, domain::GoalKind::kShare);
    EXPECT_EQ(goals[0].filter_values, std::vector<std::string>{"M"});
    EXPECT_EQ(goals[0].target_tenths, 300);
    EXPECT_EQ(CountAudit("goal.create"), audited + 1);

    Response list = Get(posted.Header("Location"), kansli);
    ASSERT_EQ(list.status, 200) << list;
    EXPECT_TRUE(Contains(list.body, "Målet är sparat."));
    EXPECT_TRUE(Contains(list.body, "Andelen män ökar till 30 %"));
    EXPECT_TRUE(Contains(list.body, "minst 30 %"));
}

TEST_F(GoalPages, AFormWithoutTheCsrfTokenIsRefused) {
    const Session& kansli = As("kansli");
    const long long insats = InsatsId(kAktivitetsplatsen);
    Response r = PostForm(NewPath(insats), kansli, ShareForm(2032), /*with_csrf=*/false);
    EXPECT_EQ(r.status, 403) << r;
    EXPECT_TRUE(StoredGoals(insats, 2032).empty());
}

TEST_F(GoalPages, EveryoneButTheAdministratorIsRefusedTheAdminPages) {
    const long long insats = InsatsId(kFinsamTeam);
    const std::string list = "/admin/insatser/" + std::to_string(insats) + "/mal";
    for (const char* user : {"analytiker", "styrelse", "projektledare", "registrator.stad", "drift"}) {
        const Session& s = As(user);
        EXPECT_EQ(Get(list, s).status, 403) << user;
        EXPECT_EQ(Get(NewPath(insats), s).status, 403) << user;
        EXPECT_EQ(PostForm(NewPath(insats), s, ShareForm(2033)).status, 403) << user;
    }
    EXPECT_TRUE(StoredGoals(insats, 2033).empty());
    EXPECT_EQ(Get(list).status, 303);  // not logged in: to the log-in page
}

TEST_F(GoalPages, InvalidInputShowsTheErrorSummaryAndKeepsWhatWasTyped) {
    const Session& kansli = As("kansli");
    const long long insats = InsatsId(kFinsamTeam);
    Fields fields = ShareForm(2034);
    for (auto& [name, value] : fields) {
        if (name == "filter_dimension") value = "";
        if (name == "target") value = "trettio";
    }
    Response r = PostForm(NewPath(insats), kansli, fields);
    EXPECT_EQ(r.status, 422) << r;
    const std::string summary = ErrorSummary(r.body);
    ASSERT_FALSE(summary.empty()) << r;
    EXPECT_TRUE(Contains(summary, "href=\"#f-target\"")) << summary;
    EXPECT_FALSE(FieldError(r.body, "target").empty());
    EXPECT_TRUE(Contains(r.body, "value=\"trettio\""));  // the typed text is kept

    // Parsed fine, refused by the rules: a share needs a dimension.
    fields = ShareForm(2034);
    for (auto& [name, value] : fields)
        if (name == "filter_dimension") value = "";
    r = PostForm(NewPath(insats), kansli, fields);
    EXPECT_EQ(r.status, 422) << r;
    EXPECT_TRUE(Contains(ErrorSummary(r.body), "href=\"#f-filter_dimension\"")) << ErrorSummary(r.body);
    EXPECT_FALSE(FieldError(r.body, "filter_dimension").empty());
    EXPECT_TRUE(StoredGoals(insats, 2034).empty());
}

TEST_F(GoalPages, ShowingTheValuesOfADimensionSavesNothing) {
    const Session& kansli = As("kansli");
    const long long insats = InsatsId(kFinsamTeam);
    Fields fields = ShareForm(2035);
    for (auto& [name, value] : fields) {
        if (name == "filter_dimension") value = "exit_reason";
        if (name == "steg") value = "uppdatera";
    }
    Response r = PostForm(NewPath(insats), kansli, fields);
    EXPECT_EQ(r.status, 200) << r;
    EXPECT_TRUE(Contains(r.body, "value=\"FORTSATT_STOD\"")) << r;
    EXPECT_FALSE(Contains(r.body, "value=\"M\" checked"));  // gender values dropped
    EXPECT_TRUE(Contains(r.body, "Andelen män ökar till 30 %"));
    EXPECT_TRUE(StoredGoals(insats, 2035).empty());
}

TEST_F(GoalPages, AdministratorChangesAndRemovesAGoal) {
    const Session& kansli = As("kansli");
    const long long insats = InsatsId(kNovum);
    ASSERT_EQ(PostForm(NewPath(insats), kansli, ShareForm(2036)).status, 303);
    const long long id = StoredGoals(insats, 2036).at(0).id;
    const std::string path = "/admin/mal/" + std::to_string(id);

    Response edit = Get(path, kansli);
    ASSERT_EQ(edit.status, 200) << edit;
    EXPECT_TRUE(Contains(edit.body, "value=\"30\""));
    Fields fields = ShareForm(2036);
    for (auto& [name, value] : fields) {
        if (name == "comparison") value = "WITHIN";
        if (name == "target") value = "33,3";
        if (name == "tolerance") value = "5";
    }
    Response saved = PostForm(path, kansli, fields);
    ASSERT_EQ(saved.status, 303) << saved;
    auto goal = StoredGoals(insats, 2036).at(0);
    EXPECT_EQ(goal.comparison, domain::GoalComparison::kWithin);
    EXPECT_EQ(goal.target_tenths, 333);
    EXPECT_EQ(goal.tolerance_tenths, 50);

    Response confirm = Get(path + "/ta-bort", kansli);
    ASSERT_EQ(confirm.status, 200) << confirm;
    EXPECT_TRUE(Contains(confirm.body, "Ta bort målet"));
    EXPECT_EQ(PostForm(path + "/ta-bort", As("analytiker"), {}).status, 403);
    EXPECT_EQ(PostForm(path + "/ta-bort", kansli, {}, /*with_csrf=*/false).status, 403);
    EXPECT_EQ(StoredGoals(insats, 2036).size(), 1u);
    Response removed = PostForm(path + "/ta-bort", kansli, {});
    ASSERT_EQ(removed.status, 303) << removed;
    EXPECT_TRUE(StoredGoals(insats, 2036).empty());
    EXPECT_EQ(Get(path, kansli).status, 404);
}

TEST_F(GoalPages, FollowUpPageShowsTheDemoGoalsToEveryoneWhoSeesTheInsats) {
    const int year = domain::Today().year;
    const std::string path = "/insatser/" + std::to_string(InsatsId(kFinsamTeam)) + "/mal?ar=" + std::to_string(year);
    for (const char* user : {"analytiker", "styrelse", "kansli", "projektledare", "registrator.stad"}) {
        Response r = Get(path, As(user));
        ASSERT_EQ(r.status, 200) << user << ": " << r;
        EXPECT_TRUE(Contains(r.body, "Mål (förväntat resultat)")) << user;
        EXPECT_TRUE(Contains(r.body, "100 deltagare påbörjar insatsen")) << user;
        EXPECT_TRUE(Contains(r.body, "Mål som inte kan mätas ur registrerade uppgifter")) << user;
        EXPECT_TRUE(Contains(r.body, "90 % anser att de fått rätt stöd")) << user;
        EXPECT_TRUE(Contains(r.body, "class=\"goal-status goal-status--")) << user;
    }
    // Not assigned to FINSAM-team: refused.
    EXPECT_EQ(Get(path, As("registrator.region")).status, 403);
    EXPECT_EQ(Get("/insatser/" + std::to_string(InsatsId(kFinsamTeam)) + "/mal?ar=tjugo", As("analytiker")).status,
              422);
}

TEST_F(GoalPages, TheApiGivesTheFollowUpWithoutHiddenCounts) {
    const int year = domain::Today().year - 1;
    const std::string path =
        "/api/v1/insatser/" + std::to_string(InsatsId(kIpsPsykos)) + "/mal?ar=" + std::to_string(year);
    const Session analyst = Bearer("analytiker");
    Response r = Api("GET", path, &analyst);
    ASSERT_EQ(r.status, 200) << r;
    const json body = r.Json();
    EXPECT_EQ(body["year"], year);
    ASSERT_EQ(body["items"].size(), 2u) << body.dump();
    for (const auto& goal : body["items"]) {
        EXPECT_TRUE(goal["suppression"].get<bool>());
        EXPECT_FALSE(goal["status"].get<std::string>().empty());
        EXPECT_EQ(goal["counted"]["to"], std::to_string(year) + "-12-31");
        for (const char* count : {"numerator", "denominator"}) {
            const json& value = goal["outcome"][count];
            if (value.is_null()) continue;
            EXPECT_TRUE(value.get<long long>() == 0 || value.get<long long>() >= 5) << goal.dump();
        }
    }
    const json& share = body["items"][0];  // women 50 % ± 10 among started
    EXPECT_EQ(share["kind"], "SHARE");
    EXPECT_EQ(share["filter"]["dimension"], "gender");
    EXPECT_EQ(share["target"], 50.0);
    EXPECT_EQ(share["tolerance"], 10.0);

    EXPECT_EQ(Api("GET", path, &As("registrator.stad")).status, 403);  // not assigned to IPS i psykosvården
    EXPECT_EQ(Api("GET", "/api/v1/insatser/987654321/mal", &analyst).status, 404);
    Response bad = Api("GET", "/api/v1/insatser/1/mal?ar=1999", &analyst);
    EXPECT_EQ(bad.status, 422);
    EXPECT_TRUE(IsErrorJson(bad.Json())) << bad;
}

}  // namespace
}  // namespace foljsam::http_test

// A registrar's journey through the API and the forms, optimistic locking, and the audit
// trail each request leaves.

#include <string>
#include <vector>

#include "http/http_fixture.hpp"

namespace foljsam::http_test {
namespace {

json IntakeAnswers() {
    return {{"start_date", testing::DaysAgo(40).ToString()},
            {"referrer", "ANNAN"},
            {"residence_kommun", "0180"},
            {"residence_district", "JARVA"},
            {"education", "GYMN"},
            {"time_without_work", "2_5"},
            {"support_at_start", json::array({{{"code", "FORSORJNINGSSTOD"}, {"extent", 100}},
                                              {{"code", "SJUKPENNING"}, {"extent", nullptr}}})},
            {"occupation_start", "ARBETSSOKANDE"},
            {"target_groups", json::array({"VUXNA_30_64"})}};
}

class RegistrationJourney : public HttpTest {
   protected:
    static std::string Base(long long id) { return "/api/v1/deltaganden/" + std::to_string(id); }
};

TEST_F(RegistrationJourney, ARegistrarFollowsAParticipantFromReferralToExitThroughTheApi) {
    const Session& stad = As("registrator.stad");
    const long long insats = InsatsId(kFinsamTeam);
    const long long before = CountParticipations(insats);

    // Referral.
    Response created = Api("POST", "/api/v1/insatser/" + std::to_string(insats) + "/deltaganden", stad,
                           json{{"participant_code", "RESA-API-1"},
                                {"birth_year", 1979},
                                {"gender", "K"},
                                {"referral_date", testing::DaysAgo(60).ToString()},
                                {"referrer", "ANNAN"}});
    ASSERT_EQ(created.status, 201) << created;
    json p = created.Json();
    const long long id = p["id"];
    EXPECT_EQ(created.Header("Location"), Base(id));
    EXPECT_EQ(p["status"], "ANMALD");
    EXPECT_EQ(p["participant_code"], "RESA-API-1");
    EXPECT_EQ(p["insats_id"], insats);
    EXPECT_EQ(CountParticipations(insats), before + 1);
    int version = p["version"];

    // Decision.
    Response decided =
        Api("POST", Base(id) + "/beslut", stad,
            json{{"version", version}, {"decision", "BEVILJAD"}, {"decision_date", testing::DaysAgo(50).ToString()}});
    ASSERT_EQ(decided.status, 200) << decided;
    p = decided.Json();
    EXPECT_EQ(p["status"], "BESLUT");
    EXPECT_EQ(p["decision"], "BEVILJAD");
    EXPECT_EQ(p["version"], version + 1);
    version = p["version"];

    // Start with the intake answers.
    json start = IntakeAnswers();
    start["version"] = version;
    Response started = Api("POST", Base(id) + "/start", stad, start);
    ASSERT_EQ(started.status, 200) << started;
    p = started.Json();
    EXPECT_EQ(p["status"], "PAGAENDE");
    EXPECT_EQ(p["start_date"], testing::DaysAgo(40).ToString());
    EXPECT_EQ(p["education"], "GYMN");
    EXPECT_EQ(p["residence_district"], "JARVA");
    EXPECT_EQ(p["support_at_start"].size(), 2u) << p["support_at_start"].dump();
    EXPECT_EQ(p["support_at_start"][0]["extent"], 100);
    EXPECT_EQ(p["target_groups"], json::array({"VUXNA_30_64"}));
    EXPECT_EQ(p["decision"], "BEVILJAD") << "the decision is kept";
    EXPECT_EQ(p["version"], version + 1);
    version = p["version"];

    // Exit.
    Response ended = Api("POST", Base(id) + "/avslut", stad,
                         json{{"version", version},
                              {"end_date", testing::DaysAgo(5).ToString()},
                              {"exit_reason", "ARBETE"},
                              {"occupation_after", "ARBETE_OSUBV"},
                              {"occupation_after_extent", 75},
                              {"support_after", json::array({{{"code", "LON"}}})}});
    ASSERT_EQ(ended.status, 200) << ended;
    p = ended.Json();
    EXPECT_EQ(p["status"], "AVSLUTAD");
    EXPECT_EQ(p["exit_reason"], "ARBETE");
    EXPECT_EQ(p["occupation_after_extent"], 75);
    EXPECT_EQ(p["education"], "GYMN") << "the intake answers are kept";
    EXPECT_EQ(p["version"], version + 1);
    version = p["version"];

    // Edit: the full record as read, with one change, and its version.
    Response read = ApiGet(Base(id), stad);
    ASSERT_EQ(read.status, 200);
    json edit = read.Json();
    EXPECT_EQ(edit["version"], version);
    edit["gender"] = "X";
    edit["education"] = "EFTERGYMN_KORT";
    Response edited = Api("PUT", Base(id), stad, edit);
    ASSERT_EQ(edited.status, 200) << edited;
    p = edited.Json();
    EXPECT_EQ(p["gender"], "X");
    EXPECT_EQ(p["education"], "EFTERGYMN_KORT");
    EXPECT_EQ(p["exit_reason"], "ARBETE") << "everything else unchanged";
    EXPECT_EQ(p["participant_code"], "RESA-API-1");
    EXPECT_EQ(p["version"], version + 1);
    version = p["version"];

    // History: the registration and four changes, newest first, by this registrar.
    Response history = ApiGet(Base(id) + "/historik", stad);
    ASSERT_EQ(history.status, 200) << history;
    const json items = history.Json()["items"];
    ASSERT_EQ(items.size(), 5u) << items.dump(1);
    EXPECT_EQ(items[0]["action"], "participation.update");
    EXPECT_EQ(items[4]["action"], "participation.create");
    for (const auto& item : items) EXPECT_EQ(item["user"], "registrator.stad");
    auto changed = [](const json& item, const std::string& field) -> json {
        for (const auto& c : item["changes"])
            if (c["field"] == field) return c;
        return nullptr;
    };
    const json gender = changed(items[0], "gender");
    ASSERT_FALSE(gender.is_null()) << items[0].dump();
    EXPECT_EQ(gender["before"], "K");
    EXPECT_EQ(gender["after"], "X");
    EXPECT_FALSE(changed(items[1], "exit_reason").is_null()) << items[1].dump();
    EXPECT_FALSE(changed(items[2], "start_date").is_null()) << items[2].dump();
    EXPECT_FALSE(changed(items[3], "decision").is_null()) << items[3].dump();

    // A stale version is a conflict and changes nothing.
    edit["gender"] = "M";
    edit["version"] = version - 1;
    Response stale = Api("PUT", Base(id), stad, edit);
    EXPECT_EQ(stale.status, 409) << stale;
    EXPECT_TRUE(IsErrorJson(stale.Json())) << stale;
    if (IsErrorJson(stale.Json())) {
        EXPECT_EQ(stale.Json()["error"]["code"], "conflict");
    }
    Response stale_stage =
        Api("POST", Base(id) + "/beslut", stad,
            json{{"version", version - 2}, {"decision", "AVSLAG"}, {"decision_date", testing::DaysAgo(50).ToString()}});
    EXPECT_EQ(stale_stage.status, 409) << stale_stage;
    const auto stored = StoredParticipation(id);
    EXPECT_EQ(stored.version, version);
    EXPECT_EQ(stored.gender, "X");
    EXPECT_EQ(stored.decision, "BEVILJAD");
    EXPECT_EQ(ApiGet(Base(id) + "/historik", stad).Json()["items"].size(), 5u);
}

TEST_F(RegistrationJourney, AStaleFormIsAConflictPage) {
    const Session& stad = As("registrator.stad");
    const long long id = ParticipationIds(InsatsId(kFinsamTeam), "ANMALD", 1).at(0);
    const int version = StoredParticipation(id).version;
    Response r = PostForm("/deltagare/" + std::to_string(id) + "/beslut", stad,
                          {{"version", std::to_string(version + 7)},
                           {"decision", "BEVILJAD"},
                           {"decision_date", testing::DaysAgo(0).ToString()}});
    EXPECT_EQ(r.status, 409) << r;
    EXPECT_TRUE(Contains(r.body, "Uppgifterna har ändrats")) << r.body.substr(0, 500);
    EXPECT_EQ(StoredParticipation(id).version, version);
}

TEST_F(RegistrationJourney, ARegistrarFollowsAParticipantThroughTheForms) {
    const Session& stad = As("registrator.stad");
    const long long insats = InsatsId(kFinsamTeam);
    const long long jobbtorg = OrganisationId("Jobbtorg Stockholm");

    Response created = PostForm("/insatser/" + std::to_string(insats) + "/ny", stad,
                                {{"participant_code", "RESA-FORM-1"},
                                 {"birth_year", "1988"},
                                 {"gender", "K"},
                                 {"referral_date", testing::DaysAgo(60).ToString()},
                                 {"referrer", "ORG:" + std::to_string(jobbtorg)}});
    ASSERT_EQ(created.status, 303) << created;
    const std::string location = created.Header("Location");
    ASSERT_EQ(location.rfind("/deltagare/", 0), 0u) << location;
    const std::string page = location.substr(0, location.find('?'));
    const long long id = std::stoll(page.substr(std::string("/deltagare/").size()));
    EXPECT_EQ(StoredParticipation(id).intake.referrer_org_id, jobbtorg);

    auto version_of = [&](const std::string& form_path) {
        Response form = Get(form_path, stad);
        EXPECT_EQ(form.status, 200) << form_path;
        return HiddenInput(form.body, "version");
    };

    Response decided = PostForm(page + "/beslut", stad,
                                {{"version", version_of(page + "/beslut")},
                                 {"decision", "BEVILJAD"},
                                 {"decision_date", testing::DaysAgo(50).ToString()}});
    ASSERT_EQ(decided.status, 303) << decided;
    EXPECT_EQ(decided.Header("Location"), page + "?sparat=1");

    // The start form shows only the start fields (no referrer): the referral's answers
    // must survive it (regression: the start used to wipe the referrer and then fail with
    // "Välj anmälande part" on a field the start form does not have).
    Response started = PostForm(page + "/start", stad,
                                {{"version", version_of(page + "/start")},
                                 {"start_date", testing::DaysAgo(40).ToString()},
                                 {"residence_kommun", "0180"},
                                 {"education", "GYMN"},
                                 {"time_without_work", "2_5"},
                                 {"support_at_start", "FORSORJNINGSSTOD"},
                                 {"support_at_start_extent_FORSORJNINGSSTOD", "100"},
                                 {"occupation_start", "ARBETSSOKANDE"}});
    EXPECT_EQ(started.status, 303) << "errors: " << ErrorSummary(started.body);
    const auto after_start = StoredParticipation(id);
    EXPECT_TRUE(after_start.start_date.has_value());
    EXPECT_EQ(after_start.intake.referrer, "ORG");
    EXPECT_EQ(after_start.intake.referrer_org_id, jobbtorg);
    if (started.status != 303) {
        // Every error the page shows must link to a field that is on the page.
        if (Contains(ErrorSummary(started.body), "#f-referrer")) {
            EXPECT_TRUE(Contains(started.body, "id=\"f-referrer\""))
                << "the summary links to #f-referrer, which the start form does not have";
        }
        return;  // the remaining stages need the start
    }

    Response ended = PostForm(page + "/avslut", stad,
                              {{"version", version_of(page + "/avslut")},
                               {"end_date", testing::DaysAgo(5).ToString()},
                               {"exit_reason", "STUDIER"}});
    ASSERT_EQ(ended.status, 303) << ErrorSummary(ended.body);
    EXPECT_EQ(StoredParticipation(id).exit.exit_reason, "STUDIER");

    Response view = Get(page, stad);
    EXPECT_EQ(view.status, 200);
    EXPECT_TRUE(Contains(view.body, "Avslutad")) << "status shown";
    EXPECT_TRUE(Contains(view.body, "RESA-FORM-1"));
}

TEST_F(RegistrationJourney, TheStartStageOfTheApiKeepsTheReferrer) {
    // Regression: RecordStart used to replace the whole IntakeAnswers, so a start that did
    // not repeat the referral's answers (referrer, referrer_org_id, co_referrer_org_ids)
    // wiped them and was refused because the referrer is required once started.
    const Session& stad = As("registrator.stad");
    const long long insats = InsatsId(kFinsamTeam);
    const long long jobbtorg = OrganisationId("Jobbtorg Stockholm");
    Response created = Api("POST", "/api/v1/insatser/" + std::to_string(insats) + "/deltaganden", stad,
                           json{{"participant_code", "RESA-API-2"},
                                {"birth_year", 1979},
                                {"gender", "M"},
                                {"referral_date", testing::DaysAgo(60).ToString()},
                                {"referrer", "ORG"},
                                {"referrer_org_id", jobbtorg}});
    ASSERT_EQ(created.status, 201) << created;
    const long long id = created.Json()["id"];
    json start = IntakeAnswers();
    start.erase("referrer");
    start["version"] = created.Json()["version"];
    Response started = Api("POST", "/api/v1/deltaganden/" + std::to_string(id) + "/start", stad, start);
    EXPECT_EQ(started.status, 200) << started;
    EXPECT_EQ(StoredParticipation(id).intake.referrer_org_id, jobbtorg);
}

// --- audit -----------------------------------------------------------------------------------

class AuditCount : public HttpTest {};

TEST_F(AuditCount, EachParticipantPageViewIsOneViewEvent) {
    const Session& stad = As("registrator.stad");
    const long long id = ParticipationIds(InsatsId(kNovum), "", 1).at(0);
    const std::string page = "/deltagare/" + std::to_string(id);
    const long long views = CountAudit("participation.view", id);
    const long long updates = CountAudit("participation.update", id);
    for (int n = 1; n <= 3; ++n) {
        ASSERT_EQ(Get(page, stad).status, 200);
        EXPECT_EQ(CountAudit("participation.view", id), views + n) << "after " << n << " views";
    }
    EXPECT_EQ(ApiGet("/api/v1/deltaganden/" + std::to_string(id), stad).status, 200);
    EXPECT_EQ(CountAudit("participation.view", id), views + 4) << "the API read is a view too";
    EXPECT_EQ(ApiGet("/api/v1/deltaganden/" + std::to_string(id) + "/historik", stad).status, 200);
    EXPECT_EQ(CountAudit("participation.update", id), updates) << "reading changes nothing";
    // Views never show up as history.
    const auto items = ApiGet("/api/v1/deltaganden/" + std::to_string(id) + "/historik", stad)
                           .Json()["items"];  // keep the JSON alive for the loop
    for (const auto& item : items) EXPECT_NE(item["action"], "participation.view");
    // A refused view (not a registrar) leaves no view event.
    EXPECT_EQ(Get(page, As("kansli")).status, 403);
    EXPECT_EQ(CountAudit("participation.view", id), views + 4);
}

// A decided (BESLUT) participation: the demo need not hold an undecided one in Novum on every date.
TEST_F(AuditCount, EachChangeIsOneUpdateEvent) {
    const Session& stad = As("registrator.stad");
    const long long id = ParticipationIds(InsatsId(kNovum), "BESLUT", 1).at(0);
    const std::string page = "/deltagare/" + std::to_string(id);
    const long long updates = CountAudit("participation.update", id);
    int version = StoredParticipation(id).version;

    Response form = PostForm(page + "/beslut", stad,
                             {{"version", std::to_string(version)},
                              {"decision", "VANTELISTA"},
                              {"decision_date", testing::DaysAgo(0).ToString()}});
    ASSERT_EQ(form.status, 303) << ErrorSummary(form.body);
    EXPECT_EQ(CountAudit("participation.update", id), updates + 1);
    ++version;

    Response api =
        Api("POST", "/api/v1/deltaganden/" + std::to_string(id) + "/beslut", stad,
            json{{"version", version}, {"decision", "BEVILJAD"}, {"decision_date", testing::DaysAgo(0).ToString()}});
    ASSERT_EQ(api.status, 200) << api;
    EXPECT_EQ(CountAudit("participation.update", id), updates + 2);
    ++version;

    // Refused changes leave nothing: a stale version, invalid input, a missing CSRF token.
    EXPECT_EQ(
        Api("POST", "/api/v1/deltaganden/" + std::to_string(id) + "/beslut", stad,
            json{{"version", version - 1}, {"decision", "AVSLAG"}, {"decision_date", testing::DaysAgo(0).ToString()}})
            .status,
        409);
    EXPECT_EQ(PostForm(page + "/beslut", stad,
                       {{"version", std::to_string(version)},
                        {"decision", "KANSKE"},
                        {"decision_date", testing::DaysAgo(0).ToString()}})
                  .status,
              422);
    EXPECT_EQ(PostForm(page + "/beslut", stad,
                       {{"version", std::to_string(version)},
                        {"decision", "AVSLAG"},
                        {"decision_date", testing::DaysAgo(0).ToString()}},
                       false)
                  .status,
              403);
    EXPECT_EQ(CountAudit("participation.update", id), updates + 2);
    EXPECT_EQ(StoredParticipation(id).version, version);
}

TEST_F(AuditCount, EachRegistrationIsOneCreateEvent) {
    const Session& stad = As("registrator.stad");
    const long long insats = InsatsId(kNovum);
    const long long creates = CountAudit("participation.create");
    Response r = Api("POST", "/api/v1/insatser/" + std::to_string(insats) + "/deltaganden", stad,
                     json{{"participant_code", "AUDIT-1"},
                          {"birth_year", 2003},
                          {"gender", "M"},
                          {"referral_date", testing::DaysAgo(2).ToString()}});
    ASSERT_EQ(r.status, 201) << r;
    EXPECT_EQ(CountAudit("participation.create"), creates + 1);
    EXPECT_EQ(CountAudit("participation.create", r.Json()["id"].get<long long>()), 1);
}

}  // namespace
}  // namespace foljsam::http_test

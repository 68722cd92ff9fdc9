// Nothing crosses associations: the ids of another förbund's insatser, participations and
// organisations are "not found" through every page and API call, and nothing changes.

#include <string>
#include <vector>

#include "http/http_fixture.hpp"
#include "security/keyring.hpp"
#include "services/participation_service.hpp"
#include "store/two_factor_repo.hpp"

namespace foljsam::http_test {
namespace {

constexpr const char* kOtherInsatsName = "Annat förbunds insats";
constexpr const char* kOtherName = "Olle Annansson";

class AnotherAssociation : public HttpTest {
   public:
    static void SetUpTestSuite() {
        HttpTest::SetUpTestSuite();
        auto uow = app().db().Begin();
        if (!uow.ok()) throw std::runtime_error("Begin: " + testing::Describe(uow.status()));
        store::OrganisationRepo orgs(**uow);
        domain::Forbund f;
        f.name = "Samordningsförbundet Annanstans";
        f.org_number = "222222-2222";
        auto forbund = orgs.InsertForbund(f);
        if (!forbund.ok()) throw std::runtime_error("InsertForbund: " + testing::Describe(forbund.status()));
        domain::Organisation o;
        o.forbund_id = *forbund;
        o.name = "Annans kommun";
        o.member_type = "KOMMUN";
        auto org = orgs.InsertOrganisation(o);
        if (!org.ok()) throw std::runtime_error("InsertOrganisation: " + testing::Describe(org.status()));
        domain::Insats i;
        i.forbund_id = *forbund;
        i.name = kOtherInsatsName;
        i.description = "Hemlig beskrivning";
        i.controller_org_id = *org;
        i.registration_mode = "MED_ID";
        auto insats = orgs.InsertInsats(i);
        if (!insats.ok()) throw std::runtime_error("InsertInsats: " + testing::Describe(insats.status()));
        // Its registrar logs in with the password alone, as the demo's do.
        if (auto st = store::TwoFactorRepo(**uow).SetRequired(*forbund, false); !st.ok())
            throw std::runtime_error("SetRequired: " + testing::Describe(st));
        if (auto st = (*uow)->Commit(); !st.ok()) throw std::runtime_error("Commit: " + testing::Describe(st));
        if (auto keys = app().keys().ForController(*org, 1); !keys.ok())
            throw std::runtime_error("ForController: " + testing::Describe(keys.status()));
        ids() = {*forbund, *org, *insats, 0};

        // Its own registrar registers a participant there, through the service.
        services::NewUser user;
        user.username = "annan.registrator";
        user.display_name = "Annan registrator";
        user.organisation_id = *org;
        user.password = testing::kTestPassword;
        user.role = domain::Role::kDeltagarAnsvarig;
        user.insats_ids = {*insats};
        auto created = services::AdminService(app()).CreateUserUnchecked(*forbund, user);
        if (!created.ok()) throw std::runtime_error("CreateUserUnchecked: " + testing::Describe(created.status()));
        auto login = services::AuthService(app()).Login(user.username, testing::kTestPassword);
        if (!login.ok()) throw std::runtime_error("Login: " + testing::Describe(login.status()));
        auto p = services::ParticipationService(app()).Register(
            login->actor, *insats,
            testing::WithIdentity(testing::ReferredParticipation(), testing::kPnrMan1970, kOtherName));
        if (!p.ok()) throw std::runtime_error("Register: " + testing::Describe(p.status()));
        ids().participation = *p;
    }

   protected:
    struct Ids {
        long long forbund = 0, organisation = 0, insats = 0, participation = 0;
    };
    static Ids& ids() {
        static Ids i;
        return i;
    }

    static void ExpectNotFoundPage(const Response& r, const std::string& label) {
        EXPECT_EQ(r.status, 404) << label << ": " << r;
        EXPECT_FALSE(Contains(r.body, kOtherInsatsName)) << label;
        EXPECT_FALSE(Contains(r.body, kOtherName)) << label;
        EXPECT_FALSE(Contains(r.body, "Annans kommun")) << label;
    }
    static void ExpectNotFoundJson(const Response& r, const std::string& label) {
        EXPECT_EQ(r.status, 404) << label << ": " << r;
        EXPECT_TRUE(IsErrorJson(r.Json())) << label << ": " << r.body;
        if (IsErrorJson(r.Json())) {
            EXPECT_EQ(r.Json()["error"]["code"], "not_found") << label;
        }
        EXPECT_FALSE(Contains(r.body, kOtherInsatsName)) << label;
        EXPECT_FALSE(Contains(r.body, kOtherName)) << label;
    }
    static json CompleteStage() {
        return {{"version", 1},
                {"decision", "BEVILJAD"},
                {"decision_date", testing::DaysAgo(3).ToString()},
                {"start_date", testing::DaysAgo(2).ToString()},
                {"referrer", "ANNAN"},
                {"residence_kommun", "0180"},
                {"education", "GYMN"},
                {"time_without_work", "1_2"},
                {"support_at_start", json::array({{{"code", "LON"}}})},
                {"occupation_start", "ARBETSSOKANDE"},
                {"end_date", testing::DaysAgo(1).ToString()},
                {"exit_reason", "ARBETE"},
                {"participant_code", "X-1"},
                {"birth_year", 1980},
                {"gender", "K"},
                {"referral_date", testing::DaysAgo(5).ToString()},
                {"search", "Olle"}};
    }
    static Fields CompleteStageForm() {
        Fields fields;
        const json stage = CompleteStage();
        for (const auto& [key, value] : stage.items()) {
            if (value.is_string())
                fields.emplace_back(key, value.get<std::string>());
            else if (value.is_number_integer())
                fields.emplace_back(key, std::to_string(value.get<long long>()));
        }
        fields.emplace_back("support_at_start", "LON");
        return fields;
    }
    static const std::vector<std::string>& Users() {
        static const std::vector<std::string> users = {"kansli", "registrator.stad", "registrator.region",
                                                       "projektledare", "analytiker"};
        return users;
    }
};

TEST_F(AnotherAssociation, ItsIdsAreNotFoundOnEveryPage) {
    const std::string insats = "/insatser/" + std::to_string(ids().insats);
    const std::string participant = "/deltagare/" + std::to_string(ids().participation);
    const auto before = StoredParticipation(ids().participation);
    for (const auto& username : Users()) {
        const Session& who = As(username);
        for (const std::string& path :
             {insats, insats + "/ny", participant, participant + "/andra", participant + "/beslut",
              participant + "/start", participant + "/avslut", "/admin/insatser/" + std::to_string(ids().insats)}) {
            Response r = Get(path, who);
            if (path.rfind("/admin/", 0) == 0 && username != "kansli") {
                EXPECT_TRUE(r.status == 403 || r.status == 404) << username << " GET " << path << ": " << r;
                continue;
            }
            ExpectNotFoundPage(r, username + " GET " + path);
        }
        for (const std::string& path : {insats + "/sok", insats + "/ny", participant + "/andra",
                                        participant + "/beslut", participant + "/start", participant + "/avslut"})
            ExpectNotFoundPage(PostForm(path, who, CompleteStageForm()), username + " POST " + path);
    }
    // The administrator cannot open or change its organisation or insats either.
    const Session& kansli = As("kansli");
    ExpectNotFoundPage(Get("/admin/organisationer/" + std::to_string(ids().organisation), kansli),
                       "GET /admin/organisationer/<other>");
    ExpectNotFoundPage(PostForm("/admin/organisationer/" + std::to_string(ids().organisation), kansli,
                                {{"name", "Kapad"}, {"member_type", "KOMMUN"}, {"active", "1"}}),
                       "POST /admin/organisationer/<other>");
    const long long own_controller = OrganisationId("Region Stockholm");
    Response insats_post = PostForm("/admin/insatser/" + std::to_string(ids().insats), kansli,
                                    {{"name", "Kapad insats"},
                                     {"orientation", "INDIVID"},
                                     {"follow_up_method", "INDIVIDUELL"},
                                     {"registration_mode", "MED_ID"},
                                     {"controller_org_id", std::to_string(own_controller)},
                                     {"active", "1"}});
    ExpectNotFoundPage(insats_post, "POST /admin/insatser/<other>");
    // Nothing changed.
    const auto after = StoredParticipation(ids().participation);
    EXPECT_EQ(after.version, before.version);
    EXPECT_EQ(after.decision, before.decision);
    auto uow = Read();
    store::OrganisationRepo orgs(*uow);
    EXPECT_EQ(orgs.GetInsats(ids().insats)->name, kOtherInsatsName);
    EXPECT_EQ(orgs.GetInsats(ids().insats)->controller_org_id, ids().organisation);
    EXPECT_EQ(orgs.GetOrganisation(ids().organisation)->name, "Annans kommun");
    EXPECT_EQ(*orgs.CountParticipations(ids().insats), 1);
}

TEST_F(AnotherAssociation, ItsIdsAreNotFoundThroughTheApi) {
    const std::string insats = "/api/v1/insatser/" + std::to_string(ids().insats);
    const std::string participant = "/api/v1/deltaganden/" + std::to_string(ids().participation);
    const auto before = StoredParticipation(ids().participation);
    for (const auto& username : Users()) {
        const Session& who = As(username);
        for (const std::string& path : {insats, insats + "/deltaganden", participant, participant + "/historik"})
            ExpectNotFoundJson(ApiGet(path, who), username + " GET " + path);
        for (const std::string& path : {insats + "/deltaganden", insats + "/deltaganden/sok", participant + "/beslut",
                                        participant + "/start", participant + "/avslut"})
            ExpectNotFoundJson(Api("POST", path, who, CompleteStage()), username + " POST " + path);
        ExpectNotFoundJson(Api("PUT", participant, who, CompleteStage()), username + " PUT " + participant);
        // Its insats is not listed.
        Response list = ApiGet("/api/v1/insatser", who);
        ASSERT_EQ(list.status, 200);
        const auto items = list.Json()["items"];  // keep the JSON alive for the loop
        for (const auto& item : items) EXPECT_NE(item["id"], ids().insats) << username;
        EXPECT_FALSE(Contains(ApiGet("/api/v1/organisationer", who).body, "Annans kommun")) << username;
    }
    // The administrator cannot take over its insats.
    const Session& kansli = As("kansli");
    Response put = Api("PUT", insats, kansli,
                       json{{"name", "Kapad insats"},
                            {"controller_org_id", OrganisationId("Region Stockholm")},
                            {"registration_mode", "MED_ID"}});
    ExpectNotFoundJson(put, "PUT " + insats);
    const auto after = StoredParticipation(ids().participation);
    EXPECT_EQ(after.version, before.version);
    auto uow = Read();
    EXPECT_EQ(store::OrganisationRepo(*uow).GetInsats(ids().insats)->name, kOtherInsatsName);
    EXPECT_EQ(*store::OrganisationRepo(*uow).CountParticipations(ids().insats), 1);
}

TEST_F(AnotherAssociation, ItsOwnRegistrarSeesOnlyItsOwnAssociation) {
    const Session other = LogIn("annan.registrator", testing::kTestPassword);
    // Positive control: the participation exists and is visible to its own registrar.
    Response own = Get("/deltagare/" + std::to_string(ids().participation), other);
    EXPECT_EQ(own.status, 200) << own;
    EXPECT_TRUE(Contains(own.body, kOtherName));
    // Ours are not found for them.
    const long long ours = ParticipationIds(InsatsId(kIpsBeroende), "", 1).at(0);
    ExpectNotFoundPage(Get("/deltagare/" + std::to_string(ours), other), "GET our participant");
    ExpectNotFoundPage(Get("/insatser/" + std::to_string(InsatsId(kIpsBeroende)), other), "GET our insats");
    ExpectNotFoundJson(ApiGet("/api/v1/deltaganden/" + std::to_string(ours), other), "API our participant");
    Response list = ApiGet("/api/v1/insatser", other);
    ASSERT_EQ(list.status, 200);
    ASSERT_EQ(list.Json()["items"].size(), 1u) << list.body;
    EXPECT_EQ(list.Json()["items"][0]["id"], ids().insats);
}

}  // namespace
}  // namespace foljsam::http_test

// Acceptance: "A user who is not a registrar of the controller (an association
// administrator, a registrar of another organisation) cannot see or search identities
// through any page or API call: a test tries each."
//
// The identities are those actually stored in "IPS för personer med beroende" (controller
// Region Stockholm), read through the API by registrator.region, the one user allowed to
// see them, plus every identity the demo may use. Then every route is requested as each
// other user and no response may contain any of them, in any of the ways a personnummer
// is written.

#include <algorithm>
#include <string>
#include <vector>

#include "http/http_fixture.hpp"

namespace foljsam::http_test {
namespace {

struct Stored {
    std::string personnummer;  // as the API shows it, "YYYYMMDD-NNNN"
    std::string name;
    long long participation_id = 0;
};

class IdentityIsolation : public HttpTest {
   public:
    static void SetUpTestSuite() {
        HttpTest::SetUpTestSuite();
        stored().clear();
        secrets() = Secrets();
        participations().clear();
        const Session& region = As("registrator.region");
        const long long insats = InsatsId(kIpsBeroende);
        for (int page = 1, pages = 1; page <= pages; ++page) {
            Response r = ApiGet("/api/v1/insatser/" + std::to_string(insats) +
                                    "/deltaganden?page_size=200&page=" + std::to_string(page),
                                region);
            if (r.status != 200) throw std::runtime_error("listing as registrator.region: " + r.body);
            const json body = r.Json();
            pages = body["page_count"];
            for (const auto& item : body["items"]) {
                participations().push_back(item["id"]);
                if (!item.contains("personnummer")) continue;
                stored().push_back({item["personnummer"], item.value("name", ""), item["id"]});
            }
        }
        for (const auto& s : stored()) {
            secrets().AddPersonnummer(s.personnummer);
            secrets().AddName(s.name);
        }
        for (const auto& pnr : services::DemoPersonnummer()) secrets().AddPersonnummer(pnr);
        for (const auto& name : services::DemoNames()) secrets().AddName(name);
    }

   protected:
    static std::vector<Stored>& stored() {
        static std::vector<Stored> s;
        return s;
    }
    static Secrets& secrets() {
        static Secrets s;
        return s;
    }
    static std::vector<long long>& participations() {
        static std::vector<long long> ids;
        return ids;
    }

    // A few participations of the insats: some with an identity, one of each status.
    static std::vector<long long> Sample() {
        std::vector<long long> ids;
        for (size_t idx = 0; idx < stored().size() && ids.size() < 4; idx += stored().size() / 4 + 1)
            ids.push_back(stored()[idx].participation_id);
        const long long insats = InsatsId(kIpsBeroende);
        for (const std::string status : {"ANMALD", "BESLUT", "PAGAENDE", "AVSLUTAD"}) {
            auto of_status = ParticipationIds(insats, status, 1);
            if (!of_status.empty()) ids.push_back(of_status.front());
        }
        return ids;
    }

    static void ExpectNoIdentity(const Response& r, const std::string& label) {
        const std::string found = secrets().FindIn(r.body);
        EXPECT_EQ(found, "") << label << " (HTTP " << r.status << ") shows an identity";
        for (const auto& [name, value] : r.headers) {
            const std::string in_header = secrets().FindIn(value);
            EXPECT_EQ(in_header, "") << label << ": header " << name;
        }
    }
};

TEST_F(IdentityIsolation, TheControllersRegistrarSeesTheIdentities) {
    // Positive control: the secrets exist and the check can find them.
    ASSERT_GE(stored().size(), 20u) << "the demo registers identities in " << kIpsBeroende;
    EXPECT_GE(secrets().personnummer_count(), stored().size() / 2);
    const Session& region = As("registrator.region");
    const long long insats = InsatsId(kIpsBeroende);
    const Stored& someone = stored().front();

    Response list = Get("/insatser/" + std::to_string(insats), region);
    EXPECT_EQ(list.status, 200);
    EXPECT_NE(secrets().FindIn(list.body), "") << "the list shows names and personnummer to the registrar";

    Response page = Get("/deltagare/" + std::to_string(someone.participation_id), region);
    EXPECT_EQ(page.status, 200);
    EXPECT_TRUE(Contains(page.body, someone.personnummer));

    Response by_pnr =
        PostForm("/insatser/" + std::to_string(insats) + "/sok", region, {{"search", someone.personnummer}});
    EXPECT_EQ(by_pnr.status, 200);
    EXPECT_TRUE(Contains(by_pnr.body, someone.personnummer));
    std::string twelve = someone.personnummer;
    twelve.erase(std::remove(twelve.begin(), twelve.end(), '-'), twelve.end());
    Response api_search = Api("POST", "/api/v1/insatser/" + std::to_string(insats) + "/deltaganden/sok", region,
                              json{{"search", twelve}});
    ASSERT_EQ(api_search.status, 200) << api_search;
    ASSERT_GE(api_search.Json()["items"].size(), 1u);
    const auto items = api_search.Json()["items"];  // keep the JSON alive for the loop
    for (const auto& item : items) EXPECT_EQ(item["personnummer"], someone.personnummer);
    if (!someone.name.empty()) {
        Response by_name = Api("POST", "/api/v1/insatser/" + std::to_string(insats) + "/deltaganden/sok", region,
                               json{{"search", someone.name}});
        ASSERT_EQ(by_name.status, 200);
        EXPECT_GE(by_name.Json()["items"].size(), 1u);
    }
    // The 10-digit and dashed forms are caught too.
    Secrets check = secrets();
    EXPECT_NE(check.FindIn("x" + twelve.substr(2) + "x"), "");
    EXPECT_NE(check.FindIn("<td>" + twelve.substr(2, 6) + "-" + twelve.substr(8) + "</td>"), "");
}

class IdentityIsolationPerUser : public IdentityIsolation, public ::testing::WithParamInterface<std::string> {};

TEST_P(IdentityIsolationPerUser, NoPageShowsAnIdentity) {
    const Session& who = As(GetParam());
    const long long insats = InsatsId(kIpsBeroende);
    const std::string base = "/insatser/" + std::to_string(insats);
    const bool registrar = GetParam() == "registrator.stad";

    ExpectNoIdentity(Get("/start", who), "GET /start");
    for (const auto& i : Insatser()) {
        const std::string path = "/insatser/" + std::to_string(i.id);
        ExpectNoIdentity(Get(path, who), "GET " + path);
        ExpectNoIdentity(Get(path + "?status=PAGAENDE&sida=2", who), "GET " + path + " page 2");
    }
    ExpectNoIdentity(Get(base + "/ny", who), "GET " + base + "/ny");
    const std::vector<std::string> other_pages = {"/admin/insatser",
                                                  "/admin/anvandare",
                                                  "/admin/organisationer",
                                                  "/admin/insatser/" + std::to_string(insats),
                                                  "/konto/losenord",
                                                  "/uppfoljning",
                                                  "/uppfoljning.json",
                                                  "/uppfoljning.csv",
                                                  "/uppfoljning?insats=" + std::to_string(insats),
                                                  "/utforska?dim1=referrer_unit&dim2=age_group",
                                                  "/utforska.csv?dim1=kommun&dim2=gender"};
    for (const auto& path : other_pages) ExpectNoIdentity(Get(path, who), "GET " + path);

    for (long long id : Sample()) {
        const std::string page = "/deltagare/" + std::to_string(id);
        Response view = Get(page, who);
        ExpectNoIdentity(view, "GET " + page);
        // Registrars of the insats see the participant without identity; others see nothing.
        EXPECT_EQ(view.status, registrar ? 200 : 403) << page;
        for (const std::string stage : {"/andra", "/beslut", "/start", "/avslut"}) {
            Response form = Get(page + stage, who);
            ExpectNoIdentity(form, "GET " + page + stage);
            EXPECT_FALSE(Contains(form.body, "name=\"personnummer\"")) << page + stage;
        }
        // A refused edit re-renders the form: still no identity.
        Response refused = PostForm(page + "/andra", who,
                                    {{"version", std::to_string(StoredParticipation(id).version)}, {"gender", "Q"}});
        ExpectNoIdentity(refused, "POST " + page + "/andra");
        EXPECT_NE(refused.status, 303) << "nothing is saved";
    }
}

TEST_P(IdentityIsolationPerUser, NoApiCallShowsAnIdentity) {
    const Session& cookie = As(GetParam());
    const Session bearer = Bearer(GetParam());
    const long long insats = InsatsId(kIpsBeroende);
    const std::string base = "/api/v1/insatser/" + std::to_string(insats);
    for (const Session* who : {&cookie, &bearer}) {
        const std::string how = who->bearer.empty() ? " (cookie)" : " (token)";
        ExpectNoIdentity(ApiGet("/api/v1/insatser", *who), "GET /api/v1/insatser" + how);
        ExpectNoIdentity(ApiGet("/api/v1/organisationer", *who), "GET /api/v1/organisationer" + how);
        for (const auto& i : Insatser()) {
            const std::string path = "/api/v1/insatser/" + std::to_string(i.id);
            ExpectNoIdentity(ApiGet(path, *who), "GET " + path + how);
            ExpectNoIdentity(ApiGet(path + "/deltaganden?page_size=200", *who), "GET " + path + "/deltaganden" + how);
        }
        for (long long id : Sample()) {
            const std::string path = "/api/v1/deltaganden/" + std::to_string(id);
            Response r = ApiGet(path, *who);
            ExpectNoIdentity(r, "GET " + path + how);
            if (r.status == 200) {
                EXPECT_FALSE(r.Json().contains("personnummer")) << path;
                EXPECT_FALSE(r.Json().contains("name")) << path;
            }
            ExpectNoIdentity(ApiGet(path + "/historik", *who), "GET " + path + "/historik" + how);
        }
        Response list = ApiGet(base + "/deltaganden?page_size=200", *who);
        if (list.status == 200) {
            const auto items = list.Json()["items"];  // keep the JSON alive for the loop
            for (const auto& item : items) EXPECT_FALSE(item.contains("personnummer")) << item["id"];
        }
    }
}

TEST_P(IdentityIsolationPerUser, SearchingByIdentityIsRefused) {
    const Session& cookie = As(GetParam());
    const Session bearer = Bearer(GetParam());
    const long long insats = InsatsId(kIpsBeroende);
    ASSERT_FALSE(stored().empty());
    const Stored& someone = stored()[stored().size() / 2];
    std::string twelve = someone.personnummer;
    twelve.erase(std::remove(twelve.begin(), twelve.end(), '-'), twelve.end());
    std::vector<std::string> terms = {someone.personnummer, twelve, twelve.substr(2)};
    if (!someone.name.empty()) {
        terms.push_back(someone.name);
        terms.push_back(someone.name.substr(0, someone.name.find(' ')));  // first name only
    }
    const long long searches_before = CountAudit("participation.search");
    for (const auto& term : terms) {
        // The page search: refused for the registrar outside the controller; the others do
        // not get a participant list at all.
        Response page = PostForm("/insatser/" + std::to_string(insats) + "/sok", cookie, {{"search", term}});
        ExpectNoIdentity(page, "POST /sok '" + term + "'");
        EXPECT_FALSE(Contains(page.body, "href=\"/deltagare/")) << "no result rows for '" << term << "'";
        if (GetParam() == "registrator.stad") {
            EXPECT_EQ(page.status, 403) << "page search '" << term << "'";
        } else {
            EXPECT_TRUE(page.status == 403 || page.status == 200) << page;
        }
        for (const Session* who : {&cookie, &bearer}) {
            Response api = Api("POST", "/api/v1/insatser/" + std::to_string(insats) + "/deltaganden/sok", *who,
                               json{{"search", term}});
            EXPECT_EQ(api.status, 403) << "API search '" << term << "': " << api;
            ExpectNoIdentity(api, "API search '" + term + "'");
        }
    }
    EXPECT_EQ(CountAudit("participation.search"), searches_before) << "no search was carried out";
}

TEST_P(IdentityIsolationPerUser, RegisteringAnIdentityIsRefusedSoItCannotProbeForOne) {
    // Registering an existing personnummer would otherwise reveal whether it is known.
    const Session& who = As(GetParam());
    const long long insats = InsatsId(kIpsBeroende);
    const long long before = CountParticipations(insats);
    const std::string pnr = stored().front().personnummer;
    Response form = PostForm("/insatser/" + std::to_string(insats) + "/ny", who,
                             {{"personnummer", pnr},
                              {"consent_date", testing::DaysAgo(1).ToString()},
                              {"referral_date", testing::DaysAgo(1).ToString()}});
    EXPECT_EQ(form.status, 403) << form;
    ExpectNoIdentity(form, "POST /ny");
    Response api = Api("POST", "/api/v1/insatser/" + std::to_string(insats) + "/deltaganden", who,
                       json{{"personnummer", pnr},
                            {"consent_date", testing::DaysAgo(1).ToString()},
                            {"referral_date", testing::DaysAgo(1).ToString()}});
    EXPECT_EQ(api.status, 403) << api;
    ExpectNoIdentity(api, "API create");
    EXPECT_EQ(CountParticipations(insats), before);
}

INSTANTIATE_TEST_SUITE_P(NotRegistrarsOfTheController, IdentityIsolationPerUser,
                         ::testing::Values("kansli", "analytiker", "projektledare", "styrelse", "registrator.stad"),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                             std::string name = info.param;
                             for (char& c : name)
                                 if (c == '.') c = '_';
                             return name;
                         });

}  // namespace
}  // namespace foljsam::http_test

// Invalid input through the HTML forms and the JSON API: refused with a message naming
// the field, and nothing saved.

#include <string>
#include <vector>

#include "http/http_fixture.hpp"

namespace foljsam::http_test {
namespace {

class Validation : public HttpTest {
   protected:
    // HTML: 422, an error summary linking to the field and the message beside it.
    static void ExpectFormRefused(const Response& r, const std::string& field, const std::string& label) {
        EXPECT_EQ(r.status, 422) << label << ": " << r;
        const std::string summary = ErrorSummary(r.body);
        EXPECT_FALSE(summary.empty()) << label << ": no error summary";
        EXPECT_TRUE(Contains(summary, "href=\"#f-" + field + "\"")) << label << ": summary " << summary;
        const std::string message = FieldError(r.body, field);
        EXPECT_FALSE(message.empty()) << label << ": no message beside f-" << field;
        EXPECT_TRUE(Contains(summary, message)) << label << ": the summary repeats the field's message";
        // The link target exists on the page.
        EXPECT_TRUE(Contains(r.body, "id=\"f-" + field + "\"")) << label << ": no element with id f-" << field;
    }
    // API: 422 invalid_input naming the field.
    static void ExpectApiRefused(const Response& r, const std::string& field, const std::string& label) {
        EXPECT_EQ(r.status, 422) << label << ": " << r;
        const json body = r.Json();
        ASSERT_TRUE(IsErrorJson(body)) << label << ": " << r.body;
        EXPECT_EQ(body["error"]["code"], "invalid_input") << label;
        EXPECT_TRUE(JsonNamesField(body, field)) << label << ": fields " << body["error"]["fields"].dump();
    }

    // A started participation of FINSAM-team registered through the API.
    static json CreateStarted(const std::string& code) {
        const Session& stad = As("registrator.stad");
        json body = {{"participant_code", code},
                     {"birth_year", 1980},
                     {"gender", "K"},
                     {"referral_date", testing::DaysAgo(60).ToString()},
                     {"decision", "BEVILJAD"},
                     {"decision_date", testing::DaysAgo(50).ToString()},
                     {"start_date", testing::DaysAgo(40).ToString()},
                     {"referrer", "ANNAN"},
                     {"residence_kommun", "0180"},
                     {"education", "GYMN"},
                     {"time_without_work", "1_2"},
                     {"support_at_start", json::array({{{"code", "FORSORJNINGSSTOD"}, {"extent", 100}}})},
                     {"occupation_start", "ARBETSSOKANDE"}};
        Response r =
            Api("POST", "/api/v1/insatser/" + std::to_string(InsatsId(kFinsamTeam)) + "/deltaganden", stad, body);
        if (r.status != 201) throw std::runtime_error("CreateStarted: " + r.body);
        return r.Json();
    }
};

TEST_F(Validation, AnInvalidPersonnummerIsRefusedByTheFormAndTheApi) {
    const Session& region = As("registrator.region");
    const long long insats = InsatsId(kIpsBeroende);
    const long long before = CountParticipations(insats);
    for (const std::string pnr : {testing::kPnrBadCheckDigit, "19881304-2386", "12345", "abcdefghijkl"}) {
        Response form = PostForm("/insatser/" + std::to_string(insats) + "/ny", region,
                                 {{"personnummer", pnr},
                                  {"consent_date", testing::DaysAgo(2).ToString()},
                                  {"referral_date", testing::DaysAgo(2).ToString()}});
        ExpectFormRefused(form, "personnummer", "form, personnummer " + pnr);
        Response api = Api("POST", "/api/v1/insatser/" + std::to_string(insats) + "/deltaganden", region,
                           json{{"personnummer", pnr},
                                {"consent_date", testing::DaysAgo(2).ToString()},
                                {"referral_date", testing::DaysAgo(2).ToString()}});
        ExpectApiRefused(api, "personnummer", "API, personnummer " + pnr);
    }
    EXPECT_EQ(CountParticipations(insats), before);
}

TEST_F(Validation, AnEndBeforeTheStartIsRefused) {
    const Session& stad = As("registrator.stad");
    const json p = CreateStarted("VAL-END-1");
    const long long id = p["id"];
    const int version = p["version"];
    Response form = PostForm("/deltagare/" + std::to_string(id) + "/avslut", stad,
                             {{"version", std::to_string(version)},
                              {"end_date", testing::DaysAgo(45).ToString()},
                              {"exit_reason", "ARBETE"}});
    ExpectFormRefused(form, "end_date", "form");
    Response api =
        Api("POST", "/api/v1/deltaganden/" + std::to_string(id) + "/avslut", stad,
            json{{"version", version}, {"end_date", testing::DaysAgo(45).ToString()}, {"exit_reason", "ARBETE"}});
    ExpectApiRefused(api, "end_date", "API");
    const auto stored = StoredParticipation(id);
    EXPECT_EQ(stored.version, version);
    EXPECT_FALSE(stored.end_date.has_value());
}

TEST_F(Validation, AnExitWithoutReasonIsRefused) {
    const Session& stad = As("registrator.stad");
    const json p = CreateStarted("VAL-EXIT-1");
    const long long id = p["id"];
    const int version = p["version"];
    Response form = PostForm("/deltagare/" + std::to_string(id) + "/avslut", stad,
                             {{"version", std::to_string(version)}, {"end_date", testing::DaysAgo(5).ToString()}});
    ExpectFormRefused(form, "exit_reason", "form");
    Response api = Api("POST", "/api/v1/deltaganden/" + std::to_string(id) + "/avslut", stad,
                       json{{"version", version}, {"end_date", testing::DaysAgo(5).ToString()}});
    ExpectApiRefused(api, "exit_reason", "API");
    EXPECT_EQ(StoredParticipation(id).version, version);
    EXPECT_FALSE(StoredParticipation(id).end_date.has_value());
}

TEST_F(Validation, AnUnknownCodeIsRefused) {
    const Session& stad = As("registrator.stad");
    const long long insats = InsatsId(kFinsamTeam);
    const std::string path = "/insatser/" + std::to_string(insats) + "/ny";
    const long long before = CountParticipations(insats);
    Response form = PostForm(path, stad,
                             {{"participant_code", "VAL-CODE-1"},
                              {"birth_year", "1990"},
                              {"gender", "Q"},
                              {"referral_date", testing::DaysAgo(3).ToString()}});
    ExpectFormRefused(form, "gender", "form, gender Q");
    Response api = Api("POST", "/api/v1/insatser/" + std::to_string(insats) + "/deltaganden", stad,
                       json{{"participant_code", "VAL-CODE-1"},
                            {"birth_year", 1990},
                            {"gender", "Q"},
                            {"referral_date", testing::DaysAgo(3).ToString()}});
    ExpectApiRefused(api, "gender", "API, gender Q");
    EXPECT_EQ(CountParticipations(insats), before);

    // An unknown decision on the decision stage.
    const long long id = ParticipationIds(insats, "ANMALD", 1).at(0);
    const int version = StoredParticipation(id).version;
    Response decision = PostForm("/deltagare/" + std::to_string(id) + "/beslut", stad,
                                 {{"version", std::to_string(version)},
                                  {"decision", "KANSKE"},
                                  {"decision_date", testing::DaysAgo(0).ToString()}});
    ExpectFormRefused(decision, "decision", "form, decision KANSKE");
    Response api_decision =
        Api("POST", "/api/v1/deltaganden/" + std::to_string(id) + "/beslut", stad,
            json{{"version", version}, {"decision", "KANSKE"}, {"decision_date", testing::DaysAgo(0).ToString()}});
    ExpectApiRefused(api_decision, "decision", "API, decision KANSKE");
    EXPECT_EQ(StoredParticipation(id).version, version);
}

TEST_F(Validation, AParticipantCodeOf41CharactersIsRefused) {
    const Session& stad = As("registrator.stad");
    const long long insats = InsatsId(kFinsamTeam);
    const long long before = CountParticipations(insats);
    const std::string code(41, 'K');
    Response form = PostForm("/insatser/" + std::to_string(insats) + "/ny", stad,
                             {{"participant_code", code},
                              {"birth_year", "1990"},
                              {"gender", "M"},
                              {"referral_date", testing::DaysAgo(3).ToString()}});
    ExpectFormRefused(form, "participant_code", "form");
    Response api = Api("POST", "/api/v1/insatser/" + std::to_string(insats) + "/deltaganden", stad,
                       json{{"participant_code", code},
                            {"birth_year", 1990},
                            {"gender", "M"},
                            {"referral_date", testing::DaysAgo(3).ToString()}});
    ExpectApiRefused(api, "participant_code", "API");
    EXPECT_EQ(CountParticipations(insats), before);
    // 40 characters are fine (control).
    Response ok = Api("POST", "/api/v1/insatser/" + std::to_string(insats) + "/deltaganden", stad,
                      json{{"participant_code", std::string(40, 'K')},
                           {"birth_year", 1990},
                           {"gender", "M"},
                           {"referral_date", testing::DaysAgo(3).ToString()}});
    EXPECT_EQ(ok.status, 201) << ok;
}

TEST_F(Validation, MalformedDatesAndNumbersAreFieldErrors) {
    const Session& stad = As("registrator.stad");
    const long long insats = InsatsId(kFinsamTeam);
    const long long before = CountParticipations(insats);
    struct Case {
        std::string field, value;
    };
    for (const Case& c : std::vector<Case>{{"referral_date", "2024-02-30"},
                                           {"referral_date", "igår"},
                                           {"birth_year", "nittonhundra"},
                                           {"birth_year", "1985.5"}}) {
        Fields fields = {{"participant_code", "VAL-PARSE"},
                         {"birth_year", "1990"},
                         {"gender", "M"},
                         {"referral_date", testing::DaysAgo(3).ToString()}};
        for (auto& [name, value] : fields)
            if (name == c.field) value = c.value;
        ExpectFormRefused(PostForm("/insatser/" + std::to_string(insats) + "/ny", stad, fields), c.field,
                          "form, " + c.field + "=" + c.value);
        json body = json::object();
        for (const auto& [name, value] : fields) body[name] = value;
        ExpectApiRefused(Api("POST", "/api/v1/insatser/" + std::to_string(insats) + "/deltaganden", stad, body),
                         c.field, "API, " + c.field + "=" + c.value);
    }
    // A JSON float where an integer belongs.
    ExpectApiRefused(Api("POST", "/api/v1/insatser/" + std::to_string(insats) + "/deltaganden", stad,
                         json{{"participant_code", "VAL-PARSE"},
                              {"birth_year", 1985.5},
                              {"gender", "M"},
                              {"referral_date", testing::DaysAgo(3).ToString()}}),
                     "birth_year", "API, birth_year 1985.5");
    EXPECT_EQ(CountParticipations(insats), before);
}

TEST_F(Validation, MalformedJsonIsAnErrorObjectNotACrash) {
    const Session& stad = As("registrator.stad");
    const long long insats = InsatsId(kFinsamTeam);
    const std::string path = "/api/v1/insatser/" + std::to_string(insats) + "/deltaganden";
    const long long before = CountParticipations(insats);
    for (const std::string body : {"{not json", "[1,2,3]", "\"text\"", "42", "{\"a\":", "null"}) {
        Response r = Api("POST", path, &stad, body);
        EXPECT_TRUE(r.status == 400 || r.status == 422) << body << ": " << r;
        EXPECT_TRUE(IsErrorJson(r.Json())) << body << ": " << r.body;
        if (IsErrorJson(r.Json())) {
            EXPECT_EQ(r.Json()["error"]["code"], "invalid_input") << body;
        }
    }
    EXPECT_EQ(CountParticipations(insats), before);
}

TEST_F(Validation, ValuesOfTheWrongJsonTypeAreRefusedAsInvalidInput) {
    // Regression: handlers read body fields with nlohmann::json::value(key, default), which
    // throws type_error when the key holds another type; that used to escape as a 500 HTML
    // page on a JSON API route.
    const Session& stad = As("registrator.stad");
    const Session& kansli = As("kansli");
    const std::string insats = std::to_string(InsatsId(kFinsamTeam));
    struct Case {
        const Session* who;
        std::string method, path;
        json body;
    };
    const std::vector<Case> cases = {
        {&stad, "POST", "/api/v1/insatser/" + insats + "/deltaganden/sok", json{{"search", 5}}},
        {&stad, "POST", "/api/v1/insatser/" + insats + "/deltaganden/sok", json{{"page", "2"}}},
        {&stad, "POST", "/api/v1/insatser/" + insats + "/deltaganden/sok", json{{"status", json::array()}}},
        {&kansli, "POST", "/api/v1/insatser", json{{"name", 5}}},
        {&kansli, "POST", "/api/v1/insatser", json{{"name", "Typfel"}, {"self_referral_allowed", "ja"}}},
        {&kansli, "POST", "/api/v1/organisationer", json{{"name", json::object()}}},
    };
    for (const auto& c : cases) {
        Response r = Api(c.method, c.path, c.who, c.body.dump());
        const std::string label = c.method + " " + c.path + " " + c.body.dump();
        EXPECT_EQ(r.status, 422) << label << ": " << r;
        EXPECT_TRUE(r.IsJson()) << label << ": Content-Type " << r.Header("Content-Type");
        EXPECT_TRUE(IsErrorJson(r.Json())) << label;
    }
}

TEST_F(Validation, AnUnknownParticipationOrInsatsIs404Json) {
    const Session& stad = As("registrator.stad");
    // A complete stage body, so only the unknown id can be wrong.
    const json version = {{"version", 1},
                          {"decision", "BEVILJAD"},
                          {"decision_date", testing::DaysAgo(3).ToString()},
                          {"start_date", testing::DaysAgo(2).ToString()},
                          {"end_date", testing::DaysAgo(1).ToString()},
                          {"exit_reason", "ARBETE"}};
    struct Route {
        std::string method, path;
    };
    for (const Route& route : std::vector<Route>{{"GET", "/api/v1/deltaganden/987654"},
                                                 {"GET", "/api/v1/deltaganden/987654/historik"},
                                                 {"PUT", "/api/v1/deltaganden/987654"},
                                                 {"POST", "/api/v1/deltaganden/987654/beslut"},
                                                 {"POST", "/api/v1/deltaganden/987654/start"},
                                                 {"POST", "/api/v1/deltaganden/987654/avslut"},
                                                 {"GET", "/api/v1/insatser/987654"},
                                                 {"GET", "/api/v1/insatser/987654/deltaganden"},
                                                 {"POST", "/api/v1/insatser/987654/deltaganden"},
                                                 {"POST", "/api/v1/insatser/987654/deltaganden/sok"}}) {
        Response r = Api(route.method, route.path, &stad, route.method == "GET" ? "" : version.dump());
        EXPECT_EQ(r.status, 404) << route.method << " " << route.path << ": " << r;
        EXPECT_TRUE(IsErrorJson(r.Json())) << route.path << ": " << r.body;
        if (IsErrorJson(r.Json())) {
            EXPECT_EQ(r.Json()["error"]["code"], "not_found") << route.path;
        }
    }
    for (const std::string path : {"/deltagare/987654", "/deltagare/987654/andra", "/insatser/987654"}) {
        Response r = Get(path, stad);
        EXPECT_EQ(r.status, 404) << path << ": " << r;
        EXPECT_TRUE(Contains(r.body, "Sidan finns inte")) << path;
    }
}

TEST_F(Validation, AFormErrorKeepsTheEnteredValues) {
    const Session& stad = As("registrator.stad");
    const long long insats = InsatsId(kFinsamTeam);
    Response r = PostForm("/insatser/" + std::to_string(insats) + "/ny", stad,
                          {{"participant_code", "KEEP-ME-1"},
                           {"birth_year", "1990"},
                           {"gender", "M"},
                           {"referral_date", testing::DaysAgo(-30).ToString()}});
    ExpectFormRefused(r, "referral_date", "a referral date in the future");
    EXPECT_TRUE(Contains(r.body, "value=\"KEEP-ME-1\"")) << "the code is kept";
    EXPECT_TRUE(Contains(r.body, "value=\"1990\"")) << "the birth year is kept";
}

}  // namespace
}  // namespace foljsam::http_test

// The population page over HTTP (issue 3 item 3): the administrator sees the demo's
// figures and saves the form (with CSRF) to a success notice; invalid text gets the error
// summary; everyone else is refused; the follow-up shows participants per 10 000
// inhabitants for the demo.

#include <map>
#include <string>
#include <vector>

#include "domain/date.hpp"
#include "http/http_fixture.hpp"
#include "store/population_repo.hpp"

namespace foljsam::http_test {
namespace {

class PopulationPages : public HttpTest {
   protected:
    static std::map<std::string, long long> Stored() {
        auto uow = Read();
        auto list = store::PopulationRepo(*uow).List(forbund_id());
        if (!list.ok()) throw std::runtime_error("List: " + testing::Describe(list.status()));
        return *list;
    }

    // The form as the stored figures fill it.
    static Fields StoredForm() {
        Fields fields;
        for (const auto& [code, value] : Stored()) fields.emplace_back("pop_" + code, std::to_string(value));
        return fields;
    }

    // `fields` with field `name` set to `value` (replaced, or added).
    static Fields With(Fields fields, const std::string& name, const std::string& value) {
        for (auto& [field, text] : fields)
            if (field == name) {
                text = value;
                return fields;
            }
        fields.emplace_back(name, value);
        return fields;
    }
};

TEST_F(PopulationPages, AdministratorSeesAFieldPerAreaWithTheDemoFigures) {
    Response page = Get("/admin/befolkning", As("kansli"));
    ASSERT_EQ(page.status, 200) << page;
    EXPECT_TRUE(Contains(page.body, "name=\"csrf\"")) << page;
    EXPECT_TRUE(Contains(page.body, "id=\"f-pop_0180\""));
    EXPECT_TRUE(Contains(page.body, "id=\"f-pop_JARVA\""));
    EXPECT_TRUE(Contains(page.body, "<label class=\"label\" for=\"f-pop_JARVA\">Järva</label>"));
    EXPECT_TRUE(Contains(page.body, "Antal invånare"));
    EXPECT_TRUE(Contains(page.body, "value=\"" + std::to_string(Stored().at("JARVA")) + "\""));
    EXPECT_TRUE(Contains(Get("/admin/insatser", As("kansli")).body, "href=\"/admin/befolkning\""));
}

TEST_F(PopulationPages, AdministratorSavesTheFormAndSeesTheNotice) {
    const Session& kansli = As("kansli");
    const Fields form = With(StoredForm(), "pop_0180", "990 000");  // digit groups as Swedes write them
    const long long audited = CountAudit("population.update");
    Response posted = PostForm("/admin/befolkning", kansli, form);
    ASSERT_EQ(posted.status, 303) << posted;
    EXPECT_EQ(posted.Header("Location"), "/admin/befolkning?sparat=1");
    EXPECT_EQ(Stored().at("0180"), 990'000);
    EXPECT_EQ(CountAudit("population.update"), audited + 1);
    Response page = Get(posted.Header("Location"), kansli);
    ASSERT_EQ(page.status, 200) << page;
    EXPECT_TRUE(Contains(page.body, "Befolkningstalen är sparade.")) << page;
    EXPECT_TRUE(Contains(page.body, "value=\"990000\""));
}

TEST_F(PopulationPages, TextThatIsNoNumberGetsTheErrorSummaryAndNothingIsSaved) {
    const auto before = Stored();
    Fields form = With(With(StoredForm(), "pop_FARSTA", "många"), "pop_SODERMALM", "0");
    Response page = PostForm("/admin/befolkning", As("kansli"), form);
    ASSERT_EQ(page.status, 422) << page;
    EXPECT_TRUE(Contains(page.body, "class=\"error-summary\"")) << page;
    EXPECT_TRUE(Contains(page.body, "href=\"#f-pop_FARSTA\""));
    EXPECT_TRUE(Contains(page.body, "value=\"många\"")) << "what was typed is kept";
    EXPECT_EQ(Stored(), before);

    // A number outside 1..10 000 000 is refused by the service, with the same field id.
    form = With(StoredForm(), "pop_SODERMALM", "0");
    page = PostForm("/admin/befolkning", As("kansli"), form);
    ASSERT_EQ(page.status, 422) << page;
    EXPECT_TRUE(Contains(page.body, "href=\"#f-pop_SODERMALM\"")) << page;
    EXPECT_TRUE(Contains(page.body, "mellan 1 och 10 000 000"));
    EXPECT_EQ(Stored(), before);
}

TEST_F(PopulationPages, AFormWithoutTheCsrfTokenIsRefused) {
    const auto before = Stored();
    Response r = PostForm("/admin/befolkning", As("kansli"), {{"pop_JARVA", "1"}}, /*with_csrf=*/false);
    EXPECT_EQ(r.status, 403) << r;
    EXPECT_EQ(Stored(), before);
}

TEST_F(PopulationPages, OnlyTheAdministratorMayOpenOrPostThePage) {
    const auto before = Stored();
    for (const std::string user : {"analytiker", "styrelse", "projektledare", "registrator.stad", "drift"}) {
        EXPECT_EQ(Get("/admin/befolkning", As(user)).status, 403) << user;
        Response r = PostForm("/admin/befolkning", As(user), {{"pop_JARVA", "1"}});
        EXPECT_EQ(r.status, 403) << user << ": " << r;
    }
    EXPECT_EQ(Stored(), before);
}

TEST_F(PopulationPages, TheFollowUpShowsParticipantsPerTenThousandInhabitants) {
    const std::string year = std::to_string(domain::Today().year - 1);
    Response page = Get("/uppfoljning?period=" + year, As("analytiker"));
    ASSERT_EQ(page.status, 200) << page;
    EXPECT_TRUE(Contains(page.body, "Deltagare per 10 000 invånare")) << page;
    EXPECT_TRUE(Contains(page.body, "Invånare enligt förbundets uppgifter (Administration → Befolkning)."));
}

}  // namespace
}  // namespace foljsam::http_test

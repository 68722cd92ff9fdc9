// The access matrix (issue 5): every registered route and API endpoint, called as every
// demo role, for the role's own insats, another insats of the same association and an
// insats of another association, against ONE table of expected outcomes derived from
// security/policy.hpp and design.md ("Who uses it"). A route registered without a row here
// fails TheTableNamesEveryRouteAndNothingElse. No response to a role without personal-data
// access may contain a personnummer or a name.

#include <array>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "http/http_fixture.hpp"
#include "security/keyring.hpp"
#include "services/import_service.hpp"
#include "services/participation_service.hpp"
#include "store/goal_repo.hpp"
#include "store/two_factor_repo.hpp"

namespace foljsam::http_test {
namespace {

// --- roles and scopes ------------------------------------------------------------------

// The demo users, in the order of Row::expect.
const std::array<const char*, 7> kRoles = {"registrator.stad", "registrator.region", "kansli", "projektledare",
                                           "analytiker",       "styrelse",           "drift"};
// Rows with a placeholder are called once per scope; the others once.
enum Scope { kOwn = 0, kOther = 1, kForeign = 2, kUnscoped = 3 };
const char* ScopeName(int scope) {
    static const char* names[] = {"own insats", "other insats of the association", "other association", "unscoped"};
    return names[scope];
}

// --- the table ---------------------------------------------------------------------------
//
// expect[role]: one letter per scope for a path with a placeholder (own, other, foreign),
// else one letter: 'A' allowed, 'D' denied, 'N' exactly 404 for a reason other than access
// (the row says which), 'P' a public route (any answer below 500; the role does not matter),
// 'G' a KNOWN GAP: the design denies, the server allows (checked as allowed, so that fixing
// it fails here and the row becomes 'D'). Roles: stad, region, kansli, projektledare, analytiker, styrelse,
// drift. Placeholders: {insats}, {participation}, {goal} (a goal of that insats), {org}
// (an organisation: own and other are two of the association's), {upload} (an import
// wizard upload: own = the role's own, other = another user's of the association, foreign
// = one in the other association), {import} (an import run with participations in that
// insats). Own insats: "IPS för personer med beroende" for every role (the region is its
// controller; registrator.stad is assigned but sees no identities there). Other insats:
// one created by this test, with no demo user assigned.
//
// Who may do what (policy.hpp, design.md):
//   V  kViewInsats: the association's administrator, analysts and readers (any insats of
//      the association), the insats's own insatsansvarig and deltagaransvarig.
//   R  participant-level data and registration: deltagaransvarig of the insats only.
//   AD administration (organisations, insatser, users, goals, population): kansli only.
//   drift (systemadministratör) belongs to no association: only its own account.
struct Row {
    const char* method;
    const char* pattern;  // exactly as registered with the Router
    const char* path;     // with placeholders
    std::array<const char*, 7> expect;
    const char* body = "";       // form fields (pages) or JSON (API); "" sends an empty one
    bool fresh_session = false;  // ends the session: runs last, on a session of its own
};

using Expect = std::array<const char*, 7>;
const Expect kView = {"ADD", "ADD", "AAD", "ADD", "AAD", "AAD", "DDD"};       // V, per scope
const Expect kRegistrar = {"ADD", "ADD", "DDD", "DDD", "DDD", "DDD", "DDD"};  // R, per scope
const Expect kAdmin = {"DDD", "DDD", "AAD", "DDD", "DDD", "DDD", "DDD"};      // AD, per scope
const Expect kAdminOnly = {"D", "D", "A", "D", "D", "D", "D"};                // AD, no scope
const Expect kEveryone = {"A", "A", "A", "A", "A", "A", "A"};                 // every role
const Expect kPublic = {"P", "P", "P", "P", "P", "P", "P"};                   // public routes
const Expect kRegistrarOnly = {"A", "A", "D", "D", "D", "D", "D"};            // R, no scope
// R where identities are needed (own insats: IPS för personer med beroende).
const Expect kIdentityRegistrar = {"DDD", "ADD", "DDD", "DDD", "DDD", "DDD", "DDD"};

const std::vector<Row>& Table() {
    static const std::vector<Row> rows = {
        // Public: log-in. Called with the role's session, which they ignore.
        {"GET", "/", "/", kPublic},
        {"GET", "/logga-in", "/logga-in", kPublic},
        {"POST", "/logga-in", "/logga-in", kPublic},
        {"GET", "/logga-in/kod", "/logga-in/kod", kPublic},
        {"POST", "/logga-in/kod", "/logga-in/kod", kPublic},
        // Own account: everyone.
        {"GET", "/start", "/start", kEveryone},
        {"GET", "/konto", "/konto", kEveryone},
        {"GET", "/konto/losenord", "/konto/losenord", kEveryone},
        {"POST", "/konto/losenord", "/konto/losenord", kEveryone},
        {"GET", "/konto/tvafaktor", "/konto/tvafaktor", kEveryone},
        {"POST", "/konto/tvafaktor/starta", "/konto/tvafaktor/starta", kEveryone},
        {"POST", "/konto/tvafaktor/bekrafta", "/konto/tvafaktor/bekrafta", kEveryone},
        // No demo user has two factors, so there are no recovery codes to renew: 404.
        {"POST", "/konto/tvafaktor/reservkoder", "/konto/tvafaktor/reservkoder", {"N", "N", "N", "N", "N", "N", "N"}},
        {"POST", "/konto/tvafaktor/stang-av", "/konto/tvafaktor/stang-av", kEveryone},
        // An insats and its participants.
        {"GET", R"(/insatser/(\d+))", "/insatser/{insats}", kView},
        // In an insats with identity, searching is by identity, and registering without
        // "anonym" registers an identity: not for registrator.stad there (Region Stockholm
        // is the controller).
        {"POST", R"(/insatser/(\d+)/sok)", "/insatser/{insats}/sok", kIdentityRegistrar, "search=X"},
        {"GET", R"(/insatser/(\d+)/ny)", "/insatser/{insats}/ny", kRegistrar},
        {"POST", R"(/insatser/(\d+)/ny)", "/insatser/{insats}/ny", kIdentityRegistrar},
        {"GET", R"(/deltagare/(\d+))", "/deltagare/{participation}", kRegistrar},
        {"GET", R"(/deltagare/(\d+)/andra)", "/deltagare/{participation}/andra", kRegistrar},
        {"POST", R"(/deltagare/(\d+)/andra)", "/deltagare/{participation}/andra", kRegistrar},
        {"GET", R"(/deltagare/(\d+)/beslut)", "/deltagare/{participation}/beslut", kRegistrar},
        {"POST", R"(/deltagare/(\d+)/beslut)", "/deltagare/{participation}/beslut", kRegistrar},
        {"GET", R"(/deltagare/(\d+)/start)", "/deltagare/{participation}/start", kRegistrar},
        {"POST", R"(/deltagare/(\d+)/start)", "/deltagare/{participation}/start", kRegistrar},
        {"GET", R"(/deltagare/(\d+)/avslut)", "/deltagare/{participation}/avslut", kRegistrar},
        {"POST", R"(/deltagare/(\d+)/avslut)", "/deltagare/{participation}/avslut", kRegistrar},
        // Goals: defined by the administrator, read with kViewInsats.
        {"GET", R"(/insatser/(\d+)/mal)", "/insatser/{insats}/mal", kView},
        {"GET", R"(/api/v1/insatser/(\d+)/mal)", "/api/v1/insatser/{insats}/mal", kView},
        {"GET", R"(/admin/insatser/(\d+)/mal)", "/admin/insatser/{insats}/mal", kAdmin},
        {"GET", R"(/admin/insatser/(\d+)/mal/ny)", "/admin/insatser/{insats}/mal/ny", kAdmin},
        {"POST", R"(/admin/insatser/(\d+)/mal/ny)", "/admin/insatser/{insats}/mal/ny", kAdmin},
        {"GET", R"(/admin/mal/(\d+))", "/admin/mal/{goal}", kAdmin},
        {"POST", R"(/admin/mal/(\d+))", "/admin/mal/{goal}", kAdmin},
        {"GET", R"(/admin/mal/(\d+)/ta-bort)", "/admin/mal/{goal}/ta-bort", kAdmin},
        // Administration.
        {"GET", "/admin/organisationer", "/admin/organisationer", kAdminOnly},
        {"POST", "/admin/organisationer", "/admin/organisationer", kAdminOnly},
        {"GET", R"(/admin/organisationer/(\d+))", "/admin/organisationer/{org}", kAdmin},
        {"POST", R"(/admin/organisationer/(\d+))", "/admin/organisationer/{org}", kAdmin},
        {"GET", "/admin/insatser", "/admin/insatser", kAdminOnly},
        {"GET", "/admin/insatser/ny", "/admin/insatser/ny", kAdminOnly},
        {"POST", "/admin/insatser/ny", "/admin/insatser/ny", kAdminOnly},
        {"GET", R"(/admin/insatser/(\d+))", "/admin/insatser/{insats}", kAdmin},
        {"POST", R"(/admin/insatser/(\d+))", "/admin/insatser/{insats}", kAdmin},
        {"GET", "/admin/anvandare", "/admin/anvandare", kAdminOnly},
        {"POST", "/admin/anvandare", "/admin/anvandare", kAdminOnly},
        {"GET", "/admin/befolkning", "/admin/befolkning", kAdminOnly},
        {"POST", "/admin/befolkning", "/admin/befolkning", kAdminOnly},
        // Aggregates: the follow-up and Explore, for one insats.
        {"GET", "/uppfoljning", "/uppfoljning?insats={insats}", kView},
        {"GET", "/uppfoljning.csv", "/uppfoljning.csv?insats={insats}", kView},
        {"GET", "/uppfoljning.json", "/uppfoljning.json?insats={insats}", kView},
        {"GET", "/uppfoljning.xlsx", "/uppfoljning.xlsx?insats={insats}", kView},
        {"GET", "/utforska", "/utforska?insats={insats}", kView},
        {"GET", "/utforska.csv", "/utforska.csv?insats={insats}", kView},
        {"GET", "/utforska.xlsx", "/utforska.xlsx?insats={insats}", kView},
        // Exports: participations (pseudonymous) for registrars, the national return
        // (aggregates) for the administrator and analysts; not for readers or insatsansvarig.
        // The export page itself holds no data; to those with no export it says so ("Du har
        // ingen export att ta ut", export_pages_test) and the menu does not link it.
        {"GET", "/export", "/export", kEveryone},
        {"GET", "/export/forbund.xlsx", "/export/forbund.xlsx", kRegistrarOnly},
        {"GET", "/export/forbund.csv", "/export/forbund.csv", kRegistrarOnly},
        {"GET",
         "/export/uppfoljning-finsam.xlsx",
         "/export/uppfoljning-finsam.xlsx",
         {"D", "D", "A", "D", "A", "D", "D"}},
        {"GET",
         "/export/uppfoljning-finsam.csv",
         "/export/uppfoljning-finsam.csv",
         {"D", "D", "A", "D", "A", "D", "D"}},
        // Import: for registrars; the template also for the administrator. An upload is
        // its uploader's alone.
        {"GET", "/import/mall.xlsx", "/import/mall.xlsx", {"A", "A", "A", "D", "D", "D", "D"}},
        {"GET", "/import/mall.csv", "/import/mall.csv", {"A", "A", "A", "D", "D", "D", "D"}},
        {"GET", "/import", "/import", kRegistrarOnly},
        {"POST", "/import", "/import", kRegistrarOnly},
        {"GET", R"(/import/([A-Za-z0-9_-]{43})/kolumner)", "/import/{upload}/kolumner", kRegistrar},
        {"POST", R"(/import/([A-Za-z0-9_-]{43})/kolumner)", "/import/{upload}/kolumner", kRegistrar},
        {"GET", R"(/import/([A-Za-z0-9_-]{43})/varden)", "/import/{upload}/varden", kRegistrar},
        {"POST", R"(/import/([A-Za-z0-9_-]{43})/varden)", "/import/{upload}/varden", kRegistrar},
        {"GET", R"(/import/([A-Za-z0-9_-]{43})/granska)", "/import/{upload}/granska", kRegistrar},
        {"GET", R"(/import/([A-Za-z0-9_-]{43})/fel\.xlsx)", "/import/{upload}/fel.xlsx", kRegistrar},
        {"GET", R"(/import/([A-Za-z0-9_-]{43})/status)", "/import/{upload}/status", kRegistrar},
        {"POST", R"(/import/([A-Za-z0-9_-]{43})/importera)", "/import/{upload}/importera", kRegistrar},
        {"POST", R"(/import/([A-Za-z0-9_-]{43})/avbryt)", "/import/{upload}/avbryt", kRegistrar},
        // API.
        {"GET", "/api/v1/kodlistor", "/api/v1/kodlistor", kEveryone},
        // The insatser the caller may see: none for drift (an empty list).
        {"GET", "/api/v1/insatser", "/api/v1/insatser", kEveryone},
        {"GET", R"(/api/v1/insatser/(\d+))", "/api/v1/insatser/{insats}", kView},
        {"POST", "/api/v1/insatser", "/api/v1/insatser", kAdminOnly},
        {"PUT", R"(/api/v1/insatser/(\d+))", "/api/v1/insatser/{insats}", kAdmin},
        // KNOWN GAP: AdminService::ListOrganisations asks only that the user belongs to the
        // association, not the policy, so drift (systemadministratör, no association role)
        // gets the association's organisations. No personal data; should be 'D'.
        {"GET", "/api/v1/organisationer", "/api/v1/organisationer", {"A", "A", "A", "A", "A", "A", "G"}},
        {"POST", "/api/v1/organisationer", "/api/v1/organisationer", kAdminOnly},
        {"GET", R"(/api/v1/insatser/(\d+)/deltaganden)", "/api/v1/insatser/{insats}/deltaganden", kRegistrar},
        {"POST", R"(/api/v1/insatser/(\d+)/deltaganden/sok)", "/api/v1/insatser/{insats}/deltaganden/sok",
         kIdentityRegistrar, R"({"search": "X"})"},
        {"POST", R"(/api/v1/insatser/(\d+)/deltaganden)", "/api/v1/insatser/{insats}/deltaganden", kIdentityRegistrar},
        {"GET", R"(/api/v1/deltaganden/(\d+))", "/api/v1/deltaganden/{participation}", kRegistrar},
        {"PUT", R"(/api/v1/deltaganden/(\d+))", "/api/v1/deltaganden/{participation}", kRegistrar},
        {"POST", R"(/api/v1/deltaganden/(\d+)/beslut)", "/api/v1/deltaganden/{participation}/beslut", kRegistrar},
        {"POST", R"(/api/v1/deltaganden/(\d+)/start)", "/api/v1/deltaganden/{participation}/start", kRegistrar},
        {"POST", R"(/api/v1/deltaganden/(\d+)/avslut)", "/api/v1/deltaganden/{participation}/avslut", kRegistrar},
        {"GET", R"(/api/v1/deltaganden/(\d+)/historik)", "/api/v1/deltaganden/{participation}/historik", kRegistrar},
        // Writes that remove something: after every read of the same object.
        {"POST", R"(/admin/mal/(\d+)/ta-bort)", "/admin/mal/{goal}/ta-bort", kAdmin},
        {"POST", R"(/import/(\d+)/angra)", "/import/{import}/angra", kRegistrar},
        // Ending sessions: last, each on a fresh session.
        {"POST", "/logga-ut", "/logga-ut", kEveryone, "", true},
        {"POST", "/konto/logga-ut-overallt", "/konto/logga-ut-overallt", kEveryone, "", true},
    };
    return rows;
}

const std::vector<std::string> kPlaceholders = {"{insats}", "{participation}", "{goal}",
                                                "{org}",    "{upload}",        "{import}"};

bool Scoped(const Row& row) {
    for (const auto& p : kPlaceholders)
        if (Contains(row.path, p)) return true;
    return false;
}

// The one classification of an answer. Allowed: it passed the access check (2xx; a 303
// to anywhere but the log-in page; 409 or 422, a business rule or validation of the empty
// body). Denied: 403 or 404. Anything else (401, 5xx, 303 to /logga-in) is neither ('?').
char Classify(const Response& r) {
    if (r.status == 403 || r.status == 404) return 'D';
    if ((r.status >= 200 && r.status < 300) || r.status == 409 || r.status == 422) return 'A';
    if (r.status == 303) {
        const std::string location = r.Header("Location");
        return location == "/logga-in" ? '?' : 'A';
    }
    return '?';
}

// Status, Location and the page's title or the JSON body, for failure messages.
std::string Brief(const Response& r) {
    std::string what = r.body.substr(0, 200);
    const size_t title = r.body.find("<title>");
    if (title != std::string::npos) what = r.body.substr(title + 7, r.body.find("</title>") - title - 7);
    return "HTTP " + std::to_string(r.status) + " " + r.Header("Location") + " " + what;
}

constexpr const char* kOtherInsatsName = "Matrisens egen insats";
constexpr const char* kForeignInsatsName = "Annat förbunds matrisinsats";
constexpr const char* kForeignName = "Olle Annansson";
constexpr const char* kOwnImportName = "Imre Importsson";
constexpr const char* kForeignImportName = "Ingrid Importsdotter";

const std::string kCsvHeader = "Insats;Deltagarkod;Kön;Födelseår;Anmälande part;Folkbokföringskommun;Anmälningsdatum\n";

class AccessMatrix : public HttpTest {
   public:
    static void SetUpTestSuite() {
        HttpTest::SetUpTestSuite();
        auto& f = fixture();
        f = Fixture();
        f.own_insats = InsatsId(kIpsBeroende);
        const long long jobbtorg = OrganisationId("Jobbtorg Stockholm");
        f.own_org = OrganisationId("Region Stockholm");
        f.other_org = OrganisationId("Stockholms stad");

        // Another insats of the demo association, with its own registrar and one participation.
        {
            auto uow = Begin();
            domain::Insats i;
            i.forbund_id = forbund_id();
            i.name = kOtherInsatsName;
            i.controller_org_id = jobbtorg;
            i.registration_mode = "UTAN_ID";
            f.other_insats = Check(store::OrganisationRepo(*uow).InsertInsats(i), "InsertInsats");
            Commit(*uow);
        }
        f.other_participation = RegisterThrough("matris.registrator", forbund_id(), jobbtorg, f.other_insats,
                                                testing::WithCode(testing::ReferredParticipation(), "MATRIS-1", 1990));

        // Another association: an insats with identity, its registrar, one participation.
        {
            auto uow = Begin();
            store::OrganisationRepo orgs(*uow);
            domain::Forbund forbund;
            forbund.name = "Samordningsförbundet Matrisen";
            forbund.org_number = "222222-3333";
            f.foreign_forbund = Check(orgs.InsertForbund(forbund), "InsertForbund");
            domain::Organisation o;
            o.forbund_id = f.foreign_forbund;
            o.name = "Matrisens kommun";
            o.member_type = "KOMMUN";
            f.foreign_org = Check(orgs.InsertOrganisation(o), "InsertOrganisation");
            domain::Insats i;
            i.forbund_id = f.foreign_forbund;
            i.name = kForeignInsatsName;
            i.controller_org_id = f.foreign_org;
            i.registration_mode = "MED_ID";
            f.foreign_insats = Check(orgs.InsertInsats(i), "InsertInsats");
            // Its registrar logs in with the password alone, as the demo's do.
            if (auto st = store::TwoFactorRepo(*uow).SetRequired(f.foreign_forbund, false); !st.ok())
                throw std::runtime_error("SetRequired: " + testing::Describe(st));
            Commit(*uow);
            if (auto keys = app().keys().ForController(f.foreign_org, 1); !keys.ok())
                throw std::runtime_error("ForController: " + testing::Describe(keys.status()));
        }
        f.foreign_participation = RegisterThrough(
            "annan.matris", f.foreign_forbund, f.foreign_org, f.foreign_insats,
            testing::WithIdentity(testing::ReferredParticipation(), testing::kPnrMan1970, kForeignName));
        // The demo insats's own participation: one the region registered (with identity).
        f.own_participation = ParticipationIds(f.own_insats, "", 1).at(0);

        // A goal of each insats.
        {
            auto uow = Begin();
            store::GoalRepo goals(*uow);
            for (auto [insats, target] :
                 {std::pair{f.own_insats, &f.own_goal}, std::pair{f.other_insats, &f.other_goal},
                  std::pair{f.foreign_insats, &f.foreign_goal}}) {
                domain::Goal g;
                g.insats_id = insats;
                g.year = domain::Today().year;
                g.kind = domain::GoalKind::kCount;
                g.measure = "started";
                g.comparison = domain::GoalComparison::kAtLeast;
                g.target_tenths = 100;
                *target = Check(goals.Insert(g), "GoalRepo::Insert");
            }
            Commit(*uow);
        }

        // An import run with participations in each insats (by the operator path).
        services::ImportService imports(app());
        f.own_import = ImportAsOperator(imports, forbund_id(),
                                        "Insats;Personnummer;Namn;Samtycke;Anmälande part;Folkbokföringskommun;"
                                        "Anmälningsdatum\n" +
                                            std::string(kIpsBeroende) + ";" + testing::kPnrMan1971 + ";" +
                                            kOwnImportName + ";2025-01-05;Annan;Stockholm;2025-01-10\n");
        f.other_import = ImportAsOperator(imports, forbund_id(),
                                          kCsvHeader + kOtherInsatsName +
                                              ";MATRIS-IMP;Kvinna;1991;Annan;Stockholm;"
                                              "2025-01-10\n");
        f.foreign_import = ImportAsOperator(imports, f.foreign_forbund,
                                            "Insats;Personnummer;Namn;Samtycke;Anmälande part;Folkbokföringskommun;"
                                            "Anmälningsdatum\n" +
                                                std::string(kForeignInsatsName) + ";" + testing::kPnrWoman1985 + ";" +
                                                kForeignImportName + ";2025-01-05;Annan;Stockholm;2025-01-10\n");

        // Uploads for the import wizard: each registrar's own, and one in the other association.
        // Its second row has an unreadable birth year, so every upload has rejected rows (fel.xlsx).
        const std::string file = kCsvHeader + "Novum;MATRIS-UPL;Kvinna;1992;Annan;Stockholm;2025-01-10\n" +
                                 "Novum;MATRIS-FEL;Kvinna;nittio;Annan;Stockholm;2025-01-10\n";
        f.stad_upload = UploadToken(LogIn("registrator.stad", kDemoPassword), file);
        f.region_upload = UploadToken(LogIn("registrator.region", kDemoPassword), file);
        f.foreign_upload = UploadToken(LogIn("annan.matris", testing::kTestPassword), file);

        // Every identity that exists: the demo's, the region's insats as its registrar
        // lists it, and those this test added.
        Secrets& s = f.secrets;
        for (const auto& pnr : services::DemoPersonnummer()) s.AddPersonnummer(pnr);
        for (const auto& name : services::DemoNames()) s.AddName(name);
        const Session region = LogIn("registrator.region", kDemoPassword);
        for (int page = 1, pages = 1; page <= pages; ++page) {
            Response r = ApiGet("/api/v1/insatser/" + std::to_string(f.own_insats) +
                                    "/deltaganden?page_size=200&page=" + std::to_string(page),
                                region);
            if (r.status != 200) throw std::runtime_error("listing as registrator.region: " + r.body);
            const json body = r.Json();
            pages = body["page_count"];
            for (const auto& item : body["items"]) {
                if (item.contains("personnummer")) s.AddPersonnummer(item["personnummer"]);
                if (item.contains("name") && item["name"].is_string()) s.AddName(item["name"]);
            }
        }
        for (const char* pnr : {testing::kPnrMan1970, testing::kPnrMan1971, testing::kPnrWoman1985})
            s.AddPersonnummer(pnr);
        for (const char* name : {kForeignName, kOwnImportName, kForeignImportName}) s.AddName(name);
        if (s.personnummer_count() < 10 || s.name_count() < 10)
            throw std::runtime_error("too few identities to look for");
        // What no demo user may ever see: the other association's.
        for (const char* pnr : {testing::kPnrMan1970, testing::kPnrWoman1985}) f.foreign_secrets.AddPersonnummer(pnr);
        for (const char* name : {kForeignName, kForeignImportName, kForeignInsatsName, "Matrisens kommun"})
            f.foreign_secrets.AddName(name);
    }

   protected:
    struct Fixture {
        long long foreign_forbund = 0;
        long long own_insats = 0, other_insats = 0, foreign_insats = 0;
        long long own_participation = 0, other_participation = 0, foreign_participation = 0;
        long long own_goal = 0, other_goal = 0, foreign_goal = 0;
        long long own_org = 0, other_org = 0, foreign_org = 0;
        long long own_import = 0, other_import = 0, foreign_import = 0;
        std::string stad_upload, region_upload, foreign_upload;
        Secrets secrets;          // every identity
        Secrets foreign_secrets;  // the other association's
    };
    static Fixture& fixture() {
        static Fixture f;
        return f;
    }

    template <typename T>
    static T Check(Result<T> result, const std::string& what) {
        if (!result.ok()) throw std::runtime_error(what + ": " + testing::Describe(result.status()));
        return std::move(*result);
    }
    static std::unique_ptr<store::UnitOfWork> Begin() { return Check(app().db().Begin(), "Begin"); }
    static void Commit(store::UnitOfWork& uow) {
        if (auto st = uow.Commit(); !st.ok()) throw std::runtime_error("Commit: " + testing::Describe(st));
    }

    // Creates a registrar of `insats` and registers `input` there as them.
    static long long RegisterThrough(const std::string& username, long long forbund, long long organisation,
                                     long long insats, const services::ParticipationInput& input) {
        services::NewUser user;
        user.username = username;
        user.display_name = username;
        user.organisation_id = organisation;
        user.password = testing::kTestPassword;
        user.role = domain::Role::kDeltagarAnsvarig;
        user.insats_ids = {insats};
        Check(services::AdminService(app()).CreateUserUnchecked(forbund, user), "CreateUserUnchecked");
        auto login = Check(services::AuthService(app()).Login(username, testing::kTestPassword), "Login");
        return Check(services::ParticipationService(app()).Register(login.actor, insats, input), "Register");
    }

    static long long ImportAsOperator(services::ImportService& imports, long long forbund, const std::string& csv) {
        services::ImportRequest request;
        request.file_name = "matris.csv";
        request.bytes = csv;
        auto report = Check(imports.RunAsOperator(forbund, request), "RunAsOperator");
        if (!report.written || !report.batch_id || report.created != 1) {
            std::string issues;
            for (const auto& issue : report.AllIssues())
                issues += " " + issue.column + "=" + issue.value + " (" + issue.expected + ")";
            throw std::runtime_error("the import wrote nothing:" + issues);
        }
        return *report.batch_id;
    }

    static std::string UploadToken(const Session& s, const std::string& file) {
        httplib::MultipartFormDataItems items = {{"fil", file, "deltagare.csv", "text/csv"}, {"csrf", s.csrf, "", ""}};
        Response r = From(Client().Post("/import", HeadersFor(&s, true, false), items), "POST /import");
        static const std::regex re("^/import/([A-Za-z0-9_-]{43})/kolumner$");
        std::smatch m;
        const std::string location = r.Header("Location");
        if (r.status != 303 || !std::regex_match(location, m, re))
            throw std::runtime_error("upload as " + s.username + ": HTTP " + std::to_string(r.status) + " " + location +
                                     " " + r.body.substr(0, 300));
        return m[1].str();
    }

    // The row's path for `username` in `scope`.
    static std::string PathFor(const Row& row, const std::string& username, int scope) {
        const auto& f = fixture();
        auto pick = [scope](auto own, auto other, auto foreign) {
            return scope == kOther ? other : scope == kForeign ? foreign : own;
        };
        // The role's own upload when it could make one; others have none and get a
        // registrar's (which is not theirs either).
        const std::string own_upload = username == "registrator.stad" ? f.stad_upload : f.region_upload;
        const std::string other_upload = username == "registrator.region" ? f.stad_upload : f.region_upload;
        const std::vector<std::pair<std::string, std::string>> values = {
            {"{insats}", std::to_string(pick(f.own_insats, f.other_insats, f.foreign_insats))},
            {"{participation}",
             std::to_string(pick(f.own_participation, f.other_participation, f.foreign_participation))},
            {"{goal}", std::to_string(pick(f.own_goal, f.other_goal, f.foreign_goal))},
            {"{org}", std::to_string(pick(f.own_org, f.other_org, f.foreign_org))},
            {"{upload}", pick(own_upload, other_upload, f.foreign_upload)},
            {"{import}", std::to_string(pick(f.own_import, f.other_import, f.foreign_import))},
        };
        std::string path = row.path;
        for (const auto& [placeholder, value] : values) {
            const size_t at = path.find(placeholder);
            if (at != std::string::npos) path.replace(at, placeholder.size(), value);
        }
        return path;
    }

    static Response Call(const Row& row, const std::string& path, const Session& s) {
        const std::string method = row.method;
        if (path.rfind("/api/", 0) == 0)
            return Api(method, path, &s, method == "GET" ? "" : (*row.body ? row.body : "{}"));
        if (method == "GET") return Get(path, &s);
        if (path == "/import") {
            // The upload form is multipart: the token is a part; no file.
            httplib::MultipartFormDataItems items = {{"csrf", s.csrf, "", ""}};
            return From(Client().Post(path, HeadersFor(&s, true, false), items), "POST " + path);
        }
        std::string body = row.body;
        body += std::string(body.empty() ? "" : "&") + "csrf=" + web::UrlEncode(s.csrf);
        return From(Client().Post(path, HeadersFor(&s, true, false), body, kForm), "POST " + path);
    }
};

TEST_F(AccessMatrix, TheTableNamesEveryRouteAndNothingElse) {
    std::set<std::pair<std::string, std::string>> registered, listed;
    for (const auto& route : server().routes()) registered.insert({route.method, route.pattern});
    ASSERT_GT(registered.size(), 50u);
    for (const auto& row : Table()) {
        EXPECT_TRUE(listed.insert({row.method, row.pattern}).second)
            << "two rows for " << row.method << " " << row.pattern;
        EXPECT_TRUE(registered.count({row.method, row.pattern}))
            << "the table names a route that is not registered: " << row.method << " " << row.pattern;
        // The row's path reaches its own route.
        const std::string path = PathFor(row, "registrator.stad", Scoped(row) ? kOwn : kUnscoped);
        EXPECT_TRUE(std::regex_match(path.substr(0, path.find('?')), std::regex(row.pattern)))
            << row.path << " does not match " << row.pattern;
        const size_t letters = Scoped(row) ? 3 : 1;
        for (const char* expect : row.expect)
            EXPECT_EQ(std::string(expect).size(), letters) << row.method << " " << row.path;
    }
    for (const auto& [method, pattern] : registered)
        EXPECT_TRUE(listed.count({method, pattern}))
            << "route without a row in the access matrix: " << method << " " << pattern;
}

TEST_F(AccessMatrix, AnUploadIsItsUploadersAlone) {
    const auto& f = fixture();
    const Session stad = LogIn("registrator.stad", kDemoPassword);
    const Session region = LogIn("registrator.region", kDemoPassword);
    EXPECT_EQ(Get("/import/" + f.stad_upload + "/kolumner", stad).status, 200);
    for (const std::string& token : {f.region_upload, f.foreign_upload}) {
        for (const std::string step : {"kolumner", "varden", "granska", "status"})
            EXPECT_EQ(Get("/import/" + token + "/" + step, stad).status, 404) << step;
        Response post = PostForm("/import/" + token + "/avbryt", stad, {});
        EXPECT_EQ(post.status, 404) << post;
    }
    EXPECT_EQ(Get("/import/" + f.stad_upload + "/kolumner", region).status, 404);
}

class AccessMatrixPerRole : public AccessMatrix, public ::testing::WithParamInterface<int> {};

TEST_P(AccessMatrixPerRole, EveryRouteAnswersAsTheTableSays) {
    const int role = GetParam();
    const std::string username = kRoles[role];
    const bool sees_identities = username == "registrator.region";  // in its own insats
    const auto& f = fixture();
    const Session main = LogIn(username, kDemoPassword);
    int calls = 0;
    for (const bool ending : {false, true}) {
        for (const auto& row : Table()) {
            if (row.fresh_session != ending) continue;
            const std::string expect = row.expect[role];
            const std::vector<int> scopes =
                Scoped(row) ? std::vector<int>{kOwn, kOther, kForeign} : std::vector<int>{kUnscoped};
            for (size_t idx = 0; idx < scopes.size(); ++idx) {
                const std::string path = PathFor(row, username, scopes[idx]);
                const Session session = row.fresh_session ? LogIn(username, kDemoPassword) : main;
                const Response r = Call(row, path, session);
                ++calls;
                const std::string label =
                    username + " " + row.method + " " + path + " (" + ScopeName(scopes[idx]) + ")";
                ASSERT_LT(r.status, 500) << label << ": " << r;
                EXPECT_EQ(f.foreign_secrets.FindIn(r.body), "") << label << " shows the other association's data";
                if (!sees_identities) {
                    EXPECT_EQ(f.secrets.FindIn(r.body), "") << label << " (HTTP " << r.status << ") shows an identity";
                    for (const auto& [name, value] : r.headers)
                        EXPECT_EQ(f.secrets.FindIn(value), "") << label << ": header " << name;
                }
                if (expect[idx] == 'P') continue;
                if (expect[idx] == 'N') {
                    EXPECT_EQ(r.status, 404) << label << ": " << Brief(r);
                    continue;
                }
                const char expected = expect[idx] == 'G' ? 'A' : expect[idx];
                EXPECT_EQ(std::string(1, Classify(r)), std::string(1, expected))
                    << label << ": expected " << (expected == 'A' ? "allowed" : "denied") << ", got " << Brief(r);
            }
        }
    }
    EXPECT_GT(calls, 150);
}

INSTANTIATE_TEST_SUITE_P(AccessMatrix, AccessMatrixPerRole, ::testing::Range(0, static_cast<int>(kRoles.size())),
                         [](const ::testing::TestParamInfo<int>& info) {
                             std::string name = kRoles[info.param];
                             for (char& c : name)
                                 if (c == '.') c = '_';
                             return name;
                         });

}  // namespace
}  // namespace foljsam::http_test

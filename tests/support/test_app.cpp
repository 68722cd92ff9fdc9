#include "support/test_app.hpp"

#include <stdlib.h>

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>
#include <system_error>

#include "domain/organisation.hpp"
#include "security/crypto.hpp"
#include "store/database.hpp"
#include "store/organisation_repo.hpp"
#include "store/postgres_admin.hpp"

namespace foljsam::testing {
namespace {

[[noreturn]] void Fail(const std::string& what, const Status& status) {
    throw std::runtime_error("TestApp: " + what + " failed: " + Describe(status));
}

template <typename T>
T Must(Result<T> result, const std::string& what) {
    if (!result.ok()) Fail(what, result.status());
    return std::move(result.value());
}

std::shared_ptr<services::App> OpenApp(const std::filesystem::path& dir, const std::string& database_url) {
    services::AppOptions options;
    options.data_dir = dir;
    options.database_url = database_url;
    options.hash_cost = security::HashCost::kMinimum;
    return Must(services::App::Open(options), "App::Open");
}

std::string PostgresServer() {
    const char* url = std::getenv("FOLJSAM_TEST_PG_URL");
    return url ? url : "";
}

// A fresh PostgreSQL database per TestApp when FOLJSAM_TEST_PG_URL names a server.
std::string FreshPostgresDatabase(const std::filesystem::path& dir) {
    const std::string server = PostgresServer();
    if (server.empty()) return "";
    std::string name = "foljsam_" + dir.filename().string();
    for (char& c : name) c = std::isalnum(static_cast<unsigned char>(c)) ? std::tolower(c) : '_';
    Status st = store::CreatePostgresDatabase(server, name);
    if (!st.ok()) Fail("CREATE DATABASE", st);
    return name;
}

}  // namespace

TempDir::TempDir() {
    std::string pattern = std::string("/tmp/foljsam-test-XXXXXX");
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("TempDir: mkdtemp failed");
    path_ = pattern;
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

bool OnPostgres() { return !PostgresServer().empty(); }

TestApp::TestApp()
    : pg_database_(FreshPostgresDatabase(dir_.path())),
      app_(OpenApp(dir_.path(), pg_database_.empty() ? "" : store::PostgresUrlFor(PostgresServer(), pg_database_))),
      admin_(*app_),
      auth_(*app_),
      participations_(*app_) {
    auto init = Must(admin_.Init("Testförbundet"), "AdminService::Init");
    forbund_id_ = init.forbund_id;
    auto login = Must(auth_.Login(init.admin_username, init.one_time_password), "AuthService::Login");
    admin_actor_ = login.actor;
}

TestApp::~TestApp() {
    app_.reset();  // closes every pooled connection before the database is dropped
    if (!pg_database_.empty()) (void)store::DropPostgresDatabase(PostgresServer(), pg_database_);
}

std::shared_ptr<services::App> TestApp::OpenAnotherApp() {
    return OpenApp(dir_.path(), pg_database_.empty() ? "" : store::PostgresUrlFor(PostgresServer(), pg_database_));
}

long long TestApp::CreateMember(const std::string& name, const std::string& member_type) {
    domain::Organisation org;
    org.name = name;
    org.member_type = member_type;
    return Must(admin_.SaveOrganisation(admin_actor_, org), "SaveOrganisation " + name);
}

long long TestApp::CreateUnit(long long parent_id, const std::string& name) {
    domain::Organisation org;
    org.name = name;
    org.parent_id = parent_id;
    return Must(admin_.SaveOrganisation(admin_actor_, org), "SaveOrganisation " + name);
}

long long TestApp::CreateInsats(const std::string& name, long long controller_org_id, RegistrationMode mode) {
    domain::Insats insats;
    insats.name = name;
    insats.description = "Testinsats";
    insats.start_date = DaysAgo(400);
    insats.controller_org_id = controller_org_id;
    insats.registration_mode = mode == RegistrationMode::kWithIdentity ? "MED_ID" : "UTAN_ID";
    insats.self_referral_allowed = true;
    return Must(admin_.SaveInsats(admin_actor_, insats), "SaveInsats " + name);
}

domain::Actor TestApp::CreateUser(const std::string& username, domain::Role role,
                                  std::optional<long long> organisation_id, const std::vector<long long>& insats_ids) {
    services::NewUser user;
    user.username = username;
    user.display_name = "Test " + username;
    user.organisation_id = organisation_id;
    user.password = kTestPassword;
    user.role = role;
    user.insats_ids = insats_ids;
    Must(admin_.CreateUserUnchecked(forbund_id_, user), "CreateUserUnchecked " + username);
    for (const auto& listed : Must(admin_.ListUsers(admin_actor_), "ListUsers"))
        if (listed.username == username) return Must(auth_.LoadActor(listed.id), "LoadActor " + username);
    throw std::runtime_error("TestApp: created user " + username + " is not listed");
}

long long TestApp::CountAudit(const store::AuditFilter& filter) {
    auto uow = Must(app_->db().Begin(store::Database::Mode::kRead), "Begin");
    return Must(store::AuditRepo(*uow).Count(filter), "AuditRepo::Count");
}

long long TestApp::CountAudit(const std::string& action) {
    store::AuditFilter filter;
    filter.action = action;
    return CountAudit(filter);
}

long long TestApp::CountParticipations(long long insats_id) {
    auto uow = Must(app_->db().Begin(store::Database::Mode::kRead), "Begin");
    return Must(store::OrganisationRepo(*uow).CountParticipations(insats_id), "CountParticipations");
}

std::vector<domain::AuditEvent> TestApp::AllAuditEvents() {
    auto uow = Must(app_->db().Begin(store::Database::Mode::kRead), "Begin");
    store::AuditFilter filter;
    filter.limit = 100000;
    return Must(store::AuditRepo(*uow).List(filter), "AuditRepo::List");
}

domain::Date DaysAgo(int days) { return domain::Today().AddDays(-days); }

domain::Participation ReferredParticipation(int days_ago) {
    domain::Participation p;
    p.gender = "K";
    p.referral_date = DaysAgo(days_ago);
    return p;
}

domain::Participation StartedParticipation(int days_ago_started) {
    domain::Participation p = ReferredParticipation(days_ago_started + 20);
    p.decision = "BEVILJAD";
    p.decision_date = DaysAgo(days_ago_started + 10);
    p.start_date = DaysAgo(days_ago_started);
    domain::IntakeAnswers& in = p.intake;
    in.referrer = "ANNAN";
    in.residence_kommun = "0180";
    in.education = "GYMN";
    in.time_without_work = "1_2";
    in.support_at_start = {{"FORSORJNINGSSTOD", 100}};
    in.occupation_start = "ARBETSSOKANDE";
    in.time_in_support = "LT1";
    in.sgi_noll = "NEJ";
    in.target_groups = {"VUXNA_30_64"};
    in.birth_region = "SVERIGE";
    return p;
}

domain::Participation EndedParticipation() {
    domain::Participation p = StartedParticipation(40);
    p.end_date = DaysAgo(5);
    p.exit.exit_reason = "ARBETE";
    p.exit.occupation_after = "ARBETE_OSUBV";
    p.exit.occupation_after_extent = 75;
    p.exit.support_after = {{"LON", std::nullopt}};
    return p;
}

services::ParticipationInput WithCode(domain::Participation p, const std::string& code, int birth_year) {
    services::ParticipationInput input;
    input.participation = std::move(p);
    input.person.participant_code = code;
    input.person.birth_year = birth_year;
    return input;
}

services::ParticipationInput WithIdentity(domain::Participation p, const std::string& personnummer,
                                          const std::string& name) {
    services::ParticipationInput input;
    if (!p.consent_date) p.consent_date = p.referral_date ? *p.referral_date : DaysAgo(30);
    if (p.consent_form.empty()) p.consent_form = "Samtycke v1 (svenska)";
    input.participation = std::move(p);
    input.person.personnummer = personnummer;
    input.person.name = name;
    return input;
}

services::ParticipationInput Anonymous(domain::Participation p, std::optional<int> birth_year) {
    services::ParticipationInput input;
    p.anonymous = true;
    p.consent_date.reset();
    p.consent_form.clear();
    input.participation = std::move(p);
    input.person.birth_year = birth_year;
    return input;
}

std::string ReadFileBytes(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return "";
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

bool NamesField(const Status& status, const std::string& field) {
    if (status.code() != StatusCode::kInvalidInput) return false;
    for (const auto& f : status.fields())
        if (f.field == field) return true;
    return false;
}

std::string Describe(const Status& status) {
    std::ostringstream out;
    out << status.CodeName() << ": " << status.message();
    if (!status.fields().empty()) {
        out << " [";
        for (size_t idx = 0; idx < status.fields().size(); ++idx)
            out << (idx ? ", " : "") << status.fields()[idx].field << ": " << status.fields()[idx].message;
        out << "]";
    }
    if (!status.internal().empty()) out << " (" << status.internal() << ")";
    return out.str();
}

}  // namespace foljsam::testing

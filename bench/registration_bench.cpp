// Registrations per second through services::ParticipationService::Register on SQLite.
//
// One database file in a temporary directory, filled with the demo association
// (FillDemo, seed 1) so organisations, insatser, users and about three years of history
// exist. Each iteration registers one new, already started participation:
//   - WithoutIdentity: FINSAM-team as registrator.stad, a fresh participant code each time;
//   - WithIdentity: "IPS för personer med beroende" as registrator.region, a fresh valid
//     test personnummer each time (sealed, keyed hash, new person), with consent.
// Test personnummer come only from shared/reference/testpersonnummer.csv (Skatteverket's
// official test numbers), read at run time; numbers the demo already registered are skipped
// so every iteration creates a new person.
// items_per_second is per wall-clock second (UseRealTime): a registration also waits for
// SQLite's file I/O (WAL, synchronous=NORMAL, as in production).

#include <benchmark/benchmark.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "domain/actor.hpp"
#include "domain/date.hpp"
#include "domain/personnummer.hpp"
#include "services/admin_service.hpp"
#include "services/app.hpp"
#include "services/auth_service.hpp"
#include "services/demo_service.hpp"
#include "services/participation_service.hpp"
#include "store/database.hpp"
#include "store/user_repo.hpp"

namespace {

using namespace foljsam;

constexpr const char* kTestPersonnummerCsv = FOLJSAM_SOURCE_DIR "/../shared/reference/testpersonnummer.csv";

// Code, message, internal detail and field errors: enough to see why a call failed. The
// benchmark's own inputs hold only test numbers, so printing them is harmless.
std::string Describe(const Status& status) {
    std::string out = std::string(status.CodeName()) + ": " + status.message();
    if (!status.internal().empty()) out += " (" + status.internal() + ")";
    for (const auto& field : status.fields()) out += " [" + field.field + ": " + field.message + "]";
    return out;
}

template <typename T>
T Must(Result<T> result, const char* what) {
    if (!result.ok()) throw std::runtime_error(std::string(what) + ": " + Describe(result.status()));
    return std::move(*result);
}

domain::Actor ActorOf(services::App& app, const std::string& username) {
    long long user_id = 0;
    {
        auto uow = Must(app.db().Begin(store::Database::Mode::kRead), "begin");
        user_id = Must(store::UserRepo(*uow).FindByUsername(username), "find user").first.id;
    }
    return Must(services::AuthService(app).LoadActor(user_id), "load actor");
}

long long InsatsId(services::App& app, const domain::Actor& actor, const std::string& name) {
    for (const auto& insats : Must(services::AdminService(app).VisibleInsatser(actor), "insatser"))
        if (insats.name == name) return insats.id;
    throw std::runtime_error("insats missing: " + name);
}

// Valid test numbers (checked by domain::Personnummer) of people aged 20-60 today that the
// demo has not registered.
std::vector<std::string> FreshTestPersonnummer(const domain::Date& today) {
    std::ifstream in(kTestPersonnummerCsv);
    if (!in) throw std::runtime_error(std::string("cannot read ") + kTestPersonnummerCsv);
    const auto& demo = services::DemoPersonnummer();
    const std::set<std::string> used(demo.begin(), demo.end());
    std::vector<std::string> out;
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.size() != 12 || used.count(line)) continue;  // also skips the header
        auto pnr = domain::Personnummer::Parse(line, today);
        if (!pnr.ok()) continue;
        const int age = today.year - pnr->birth_year();
        if (age >= 20 && age <= 60) out.push_back(line);
    }
    return out;
}

struct Env {
    std::filesystem::path dir;
    std::shared_ptr<services::App> app;
    domain::Actor registrar_stad;
    domain::Actor registrar_region;
    long long finsam_team = 0;
    long long ips_beroende = 0;
    std::vector<std::string> personnummer;
    size_t next_personnummer = 0;
    long long next_code = 0;

    Env() {
        std::string pattern = (std::filesystem::temp_directory_path() / "foljsam-bench-XXXXXX").string();
        if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
        dir = pattern;
        services::AppOptions options;
        options.data_dir = dir;
        options.hash_cost = security::HashCost::kMinimum;
        app = Must(services::App::Open(options), "open");
        services::DemoOptions demo;
        demo.seed = 1;
        const auto summary = Must(services::FillDemo(*app, demo), "demo");
        std::fprintf(stderr, "demo: %lld participations in %lld insatser (%s)\n", summary.participations,
                     summary.insatser, dir.c_str());
        registrar_stad = ActorOf(*app, "registrator.stad");
        registrar_region = ActorOf(*app, "registrator.region");
        finsam_team = InsatsId(*app, registrar_stad, "FINSAM-team");
        ips_beroende = InsatsId(*app, registrar_region, "IPS för personer med beroende");
        personnummer = FreshTestPersonnummer(domain::Today());
        std::fprintf(stderr, "%zu unused test personnummer available\n", personnummer.size());
    }
    ~Env() {
        app.reset();
        std::error_code ignored;
        std::filesystem::remove_all(dir, ignored);
    }
};

Env& TheEnv() {
    static Env env;
    return env;
}

// A participation referred 40 days ago, granted, started 10 days ago, with every answer the
// start requires.
services::ParticipationInput StartedParticipation() {
    const domain::Date today = domain::Today();
    services::ParticipationInput input;
    auto& p = input.participation;
    p.referral_date = today.AddDays(-40);
    p.decision = "BEVILJAD";
    p.decision_date = today.AddDays(-30);
    p.start_date = today.AddDays(-10);
    p.intake.referrer = "ANNAN";
    p.intake.residence_kommun = "0180";
    p.intake.residence_district = "JARVA";
    p.intake.education = "GYMN";
    p.intake.time_without_work = "2_5";
    p.intake.support_at_start = {{"SJUKPENNING", 50}, {"FORSORJNINGSSTOD", std::nullopt}};
    p.intake.occupation_start = "OVRIGT";
    p.intake.target_groups = {"VUXNA_30_64"};
    p.intake.birth_region = "SVERIGE";
    return input;
}

void BM_RegisterWithoutIdentity(benchmark::State& state) {
    Env& env = TheEnv();
    services::ParticipationService participations(*env.app);
    services::ParticipationInput input = StartedParticipation();
    input.participation.gender = std::string("K");  // not = "K": GCC 12 -Wrestrict false positive (PR 105329)
    input.person.birth_year = 1988;
    for (auto _ : state) {
        input.person.participant_code = "BENCH-" + std::to_string(++env.next_code);
        auto id = participations.Register(env.registrar_stad, env.finsam_team, input);
        if (!id.ok()) {
            state.SkipWithError(Describe(id.status()).c_str());
            break;
        }
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RegisterWithoutIdentity)->Unit(benchmark::kMillisecond)->MinTime(2.0)->UseRealTime();

void BM_RegisterWithIdentity(benchmark::State& state) {
    Env& env = TheEnv();
    services::ParticipationService participations(*env.app);
    services::ParticipationInput input = StartedParticipation();
    input.participation.consent_date = input.participation.referral_date;
    input.participation.consent_form = "Skriftligt samtycke v1";
    input.person.name = "Testperson Benchmark";
    for (auto _ : state) {
        if (env.next_personnummer >= env.personnummer.size()) {
            state.SkipWithError("ran out of unused test personnummer");
            break;
        }
        input.person.personnummer = env.personnummer[env.next_personnummer++];
        auto id = participations.Register(env.registrar_region, env.ips_beroende, input);
        if (!id.ok()) {
            state.SkipWithError(Describe(id.status()).c_str());
            break;
        }
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RegisterWithIdentity)->Unit(benchmark::kMillisecond)->MinTime(2.0)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();

// Key rotation (issue 5, item 6): `foljsam keys rotate` moves every sealed identity and
// lookup hash to a new key generation without stopping Följsam. After it every protected
// field reads as before through the ordinary services, nothing stays under the old key,
// the old key file can go; interrupted at any statement everything still reads and
// searches, and the next run completes the same rotation.

#include "services/key_rotation.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "services/demo_service.hpp"
#include "services/import_service.hpp"
#include "services/participation_service.hpp"
#include "store/fault_injection.hpp"
#include "store/sql.hpp"
#include "support/test_app.hpp"

namespace foljsam::testing {
namespace {

struct Stored {
    long long person_id = 0;
    long long controller = 0;
    std::string hash, pnr_sealed, name_sealed;
    int generation = 0;
};

class KeyRotation : public ::testing::Test {
   protected:
    void SetUp() override {
        region_ = t_.CreateMember("Region Nyckelby", "REGION");
        kommun_ = t_.CreateMember("Nyckelby kommun", "KOMMUN");
        ips_ = t_.CreateInsats("IPS", region_, RegistrationMode::kWithIdentity);
        ips2_ = t_.CreateInsats("IPS två", region_, RegistrationMode::kWithIdentity);
        stod_ = t_.CreateInsats("Stödet", kommun_, RegistrationMode::kWithIdentity);
        region_reg_ = t_.CreateRegistrar("reg.region", region_, {ips_, ips2_});
        kommun_reg_ = t_.CreateRegistrar("reg.kommun", kommun_, {stod_});
        const auto& pnrs = services::DemoPersonnummer();
        const auto& names = services::DemoNames();
        for (int i = 0; i < 12; ++i) {
            const bool in_region = i < 9;
            const std::string name = i % 4 == 0 ? "" : names[i];  // some without a name
            auto id = t_.participations().Register(in_region ? region_reg_ : kommun_reg_, in_region ? ips_ : stod_,
                                                   WithIdentity(StartedParticipation(), pnrs[i], name));
            ASSERT_TRUE(id.ok()) << Describe(id.status());
            ids_.push_back(*id);
            pnr_of_[*id] = pnrs[i];
        }
    }
    void TearDown() override { store::testing::FailAtStatement(0); }

    // Every participation's identity (personnummer, name), read through ParticipationService::Get.
    std::map<long long, std::pair<std::string, std::string>> ReadAll(services::App& app) {
        services::ParticipationService participations(app);
        std::map<long long, std::pair<std::string, std::string>> out;
        for (long long id : ids_) {
            auto view = participations.Get(id >= ids_[9] ? kommun_reg_ : region_reg_, id);
            EXPECT_TRUE(view.ok()) << Describe(view.status());
            if (!view.ok()) continue;
            EXPECT_TRUE(view->identity.has_value()) << id;
            if (view->identity) out[id] = {view->identity->personnummer, view->identity->name};
        }
        return out;
    }

    // Searches every personnummer (as typed, with a dash) and expects exactly its participation.
    void ExpectEverySearchFinds(services::App& app) {
        services::ParticipationService participations(app);
        for (long long id : ids_) {
            const bool in_kommun = id >= ids_[9];
            const std::string& pnr = pnr_of_.at(id);
            services::ListQuery query;
            query.search = pnr.substr(0, 8) + "-" + pnr.substr(8);
            auto page = participations.List(in_kommun ? kommun_reg_ : region_reg_, in_kommun ? stod_ : ips_, query);
            ASSERT_TRUE(page.ok()) << Describe(page.status());
            ASSERT_EQ(page->rows.size(), 1u) << "participation " << id;
            EXPECT_EQ(page->rows[0].participation.id, id);
            ASSERT_TRUE(page->rows[0].identity.has_value());
            EXPECT_EQ(page->rows[0].identity->personnummer, query.search);
        }
    }

    // Every row of person_identity as stored.
    std::vector<Stored> Scan() {
        std::vector<Stored> out;
        auto uow = t_.app().db().Begin(store::Database::Mode::kRead);
        EXPECT_TRUE(uow.ok());
        Status st = store::Guard("scan", [&] {
            Stored s;
            std::string name;
            soci::indicator name_ind = soci::i_null;
            soci::statement q =
                (store::Sql(**uow).prepare << "SELECT person_id, controller_org_id, pnr_hash, pnr_sealed, name_sealed, "
                                              "key_generation FROM person_identity ORDER BY person_id",
                 soci::into(s.person_id), soci::into(s.controller), soci::into(s.hash), soci::into(s.pnr_sealed),
                 soci::into(name, name_ind), soci::into(s.generation));
            q.execute();
            while (q.fetch()) {
                s.name_sealed = name_ind == soci::i_ok ? name : "";
                out.push_back(s);
            }
        });
        EXPECT_TRUE(st.ok()) << Describe(st);
        return out;
    }

    long long CountTable(const std::string& table) {
        long long n = 0;
        auto uow = t_.app().db().Begin(store::Database::Mode::kRead);
        EXPECT_TRUE(uow.ok());
        EXPECT_TRUE(
            store::Guard("count", [&] { store::Sql(**uow) << "SELECT COUNT(*) FROM " + table, soci::into(n); }).ok());
        return n;
    }

    // Every stored value and hash is under `generation`, in the form that names it.
    void ExpectAllUnder(int generation) {
        const std::string prefix = generation == 1 ? "v1:" : "v2:" + std::to_string(generation) + ":";
        const auto rows = Scan();
        ASSERT_EQ(rows.size(), 12u);
        for (const auto& row : rows) {
            EXPECT_EQ(row.generation, generation) << row.person_id;
            EXPECT_EQ(row.pnr_sealed.rfind(prefix, 0), 0u) << row.pnr_sealed;
            if (!row.name_sealed.empty()) EXPECT_EQ(row.name_sealed.rfind(prefix, 0), 0u) << row.name_sealed;
        }
    }

    std::filesystem::path KeyDir() { return t_.data_dir() / "keys"; }

    TestApp t_;
    long long region_ = 0, kommun_ = 0, ips_ = 0, ips2_ = 0, stod_ = 0;
    domain::Actor region_reg_, kommun_reg_;
    std::vector<long long> ids_;  // 0-8 in IPS (region), 9-11 in Stödet (kommun)
    std::map<long long, std::string> pnr_of_;
};

TEST_F(KeyRotation, EveryProtectedFieldReadsTheSameAndNothingStaysUnderTheOldKey) {
    const auto before = ReadAll(t_.app());
    ASSERT_EQ(before.size(), 12u);
    ExpectAllUnder(1);
    const auto stored_before = Scan();

    services::KeyRotationOptions options;
    options.batch_size = 4;
    auto report = services::RotateKeys(t_.app(), options);
    ASSERT_TRUE(report.ok()) << Describe(report.status());
    ASSERT_EQ(report->controllers.size(), 2u);
    for (const auto& c : report->controllers) {
        const bool region = c.controller_org_id == region_;
        EXPECT_TRUE(c.completed);
        EXPECT_FALSE(c.resumed);
        EXPECT_EQ(c.generation, 2);
        EXPECT_EQ(c.resealed, region ? 9 : 3);
        EXPECT_EQ(c.batches, region ? 3 : 1);
        const std::string stem = "controller-" + std::to_string(c.controller_org_id);
        EXPECT_EQ(c.files_to_back_up, (std::vector<std::filesystem::path>{KeyDir() / (stem + ".g2.key"),
                                                                          KeyDir() / (stem + ".pseudonym.key")}));
        EXPECT_EQ(c.files_no_longer_needed, std::vector<std::filesystem::path>{KeyDir() / (stem + ".key")});
    }

    EXPECT_EQ(ReadAll(t_.app()), before);
    ExpectEverySearchFinds(t_.app());
    ExpectAllUnder(2);
    const auto stored_after = Scan();
    for (size_t i = 0; i < stored_after.size(); ++i) {
        EXPECT_NE(stored_after[i].hash, stored_before[i].hash);
        EXPECT_NE(stored_after[i].pnr_sealed, stored_before[i].pnr_sealed);
    }

    // One audit event per controller at the start and at the end, with counts only.
    EXPECT_EQ(t_.CountAudit("keys.rotate.start"), 2);
    EXPECT_EQ(t_.CountAudit("keys.rotate"), 2);
    for (const auto& event : t_.AllAuditEvents()) {
        for (const auto& [id, pnr] : pnr_of_) EXPECT_EQ(event.detail.find(pnr.substr(2)), std::string::npos);
        for (const auto& [id, view] : before)
            if (!view.second.empty()) EXPECT_EQ(event.detail.find(view.second), std::string::npos);
    }

    // The old key files can go: another process without them reads, searches and writes.
    for (const auto& c : report->controllers)
        for (const auto& path : c.files_no_longer_needed) ASSERT_TRUE(std::filesystem::remove(path)) << path;
    auto other = t_.OpenAnotherApp();
    EXPECT_EQ(ReadAll(*other), before);
    ExpectEverySearchFinds(*other);
    services::ParticipationService participations(*other);
    auto added = participations.Register(region_reg_, ips2_, WithIdentity(StartedParticipation(), kPnrWoman1988, "Ny"));
    ASSERT_TRUE(added.ok()) << Describe(added.status());
    auto view = participations.Get(region_reg_, *added);
    ASSERT_TRUE(view.ok() && view->identity) << Describe(view.status());
    EXPECT_EQ(view->identity->name, "Ny");
    EXPECT_EQ(Scan().back().pnr_sealed.rfind("v2:2:", 0), 0u);
    EXPECT_FALSE(std::filesystem::exists(KeyDir() / ("controller-" + std::to_string(region_) + ".key")));
}

TEST_F(KeyRotation, ASecondRotationMovesToTheThirdGeneration) {
    const auto before = ReadAll(t_.app());
    ASSERT_TRUE(services::RotateKeys(t_.app()).ok());
    auto second = services::RotateKeys(t_.app());
    ASSERT_TRUE(second.ok()) << Describe(second.status());
    for (const auto& c : second->controllers) {
        EXPECT_EQ(c.generation, 3);
        EXPECT_TRUE(c.completed);
    }
    ExpectAllUnder(3);
    EXPECT_EQ(ReadAll(*t_.OpenAnotherApp()), before);
}

// Interrupted at every statement in turn: after each failure every identity still reads
// and every personnummer is still found, whichever generation its row is under; the runs
// that follow continue the same rotation (generation 2, one start event) to the end.
TEST_F(KeyRotation, InterruptedAnywhereEverythingReadsAndTheNextRunCompletes) {
    const auto before = ReadAll(t_.app());
    services::KeyRotationOptions options;
    options.batch_size = 1;  // many small transactions: many places to be interrupted
    int failures = 0;
    bool saw_mixed = false;
    for (int step = 1; step < 400; ++step) {
        store::testing::FailAtStatement(step);
        auto run = services::RotateKeys(t_.app(), options);
        store::testing::FailAtStatement(0);
        if (run.ok()) {
            for (const auto& c : run->controllers) EXPECT_TRUE(c.completed);
            break;
        }
        ++failures;
        std::map<int, int> generations;
        for (const auto& row : Scan()) ++generations[row.generation];
        saw_mixed = saw_mixed || generations.size() > 1;
        EXPECT_EQ(ReadAll(t_.app()), before) << "after a fault at statement " << step;
        ExpectEverySearchFinds(t_.app());
    }
    EXPECT_GT(failures, 5);
    EXPECT_TRUE(saw_mixed) << "no interruption left the identities half moved";
    ExpectAllUnder(2);
    EXPECT_EQ(t_.CountAudit("keys.rotate.start"), 2);
    EXPECT_EQ(t_.CountAudit("keys.rotate"), 2);
    EXPECT_EQ(ReadAll(*t_.OpenAnotherApp()), before);
}

// Mid-rotation (some identities moved, some not) a registrar registers the same person
// again: the person is found by the hash under the old key, not created twice, and the
// write moves that identity to the new key.
TEST_F(KeyRotation, MidRotationAWriterFindsThePersonUnderTheOldHash) {
    services::KeyRotationOptions options;
    options.batch_size = 4;
    options.controller_org_id = region_;
    // Stop after the first batch has committed: find the first fault that leaves a mix.
    bool mixed = false;
    for (int step = 1; step < 100 && !mixed; ++step) {
        store::testing::FailAtStatement(step);
        auto run = services::RotateKeys(t_.app(), options);
        store::testing::FailAtStatement(0);
        ASSERT_FALSE(run.ok()) << "completed before a mix was seen";
        int moved = 0;
        for (const auto& row : Scan()) moved += row.generation == 2 ? 1 : 0;
        mixed = moved > 0 && moved < 9;
    }
    ASSERT_TRUE(mixed);
    long long unmoved = 0;
    for (const auto& row : Scan())
        if (row.controller == region_ && row.generation == 1) unmoved = row.person_id;
    ASSERT_NE(unmoved, 0);
    std::string pnr;
    for (size_t i = 0; i < 9; ++i) {  // the region's participations
        const long long id = ids_[i];
        auto view = t_.participations().Get(region_reg_, id);
        ASSERT_TRUE(view.ok()) << Describe(view.status());
        if (view->participation.person_id == unmoved) pnr = pnr_of_.at(id);
    }
    ASSERT_FALSE(pnr.empty());

    const long long persons = CountTable("person");
    auto again = t_.participations().Register(region_reg_, ips2_, WithIdentity(StartedParticipation(), pnr));
    ASSERT_TRUE(again.ok()) << Describe(again.status());
    EXPECT_EQ(CountTable("person"), persons);
    auto view = t_.participations().Get(region_reg_, *again);
    ASSERT_TRUE(view.ok() && view->identity);
    EXPECT_EQ(view->participation.person_id, unmoved);
    for (const auto& row : Scan())
        if (row.person_id == unmoved) EXPECT_EQ(row.generation, 2);

    auto rest = services::RotateKeys(t_.app(), options);
    ASSERT_TRUE(rest.ok()) << Describe(rest.status());
    ASSERT_EQ(rest->controllers.size(), 1u);
    EXPECT_TRUE(rest->controllers[0].resumed);
    EXPECT_TRUE(rest->controllers[0].completed);
    for (const auto& row : Scan())
        if (row.controller == region_) EXPECT_EQ(row.generation, 2);
    ExpectEverySearchFinds(t_.app());
}

// The pseudonymous code a personnummer gets in an insats without identity stays the same
// after a rotation, even without generation 1's key file: a re-import finds its persons.
TEST_F(KeyRotation, PseudonymousCodesSurviveRotationAndTheOldKeyFile) {
    const long long coded = t_.CreateInsats("Kodat", region_, RegistrationMode::kWithoutIdentity);
    const std::string csv =
        "Insats;Rad-id;Deltagarkod;Personnummer;Anonym;Kön;Födelseår;Anmälande part;Folkbokföringskommun;Stadsdel;"
        "Utbildning;Tid utan arbete;Försörjning;Målgrupp;Anmälningsdatum;Startdatum;Slutdatum;Avslutsorsak\n"
        "Kodat;;;198501202389;;;;Region Nyckelby;Stockholm;;GYMN;LT1;A-kassa;;2025-01-10;2025-02-01;;\n"
        "Kodat;;;197101169295;;;;Region Nyckelby;Stockholm;;GYMN;LT1;A-kassa;;2025-01-10;2025-02-01;;\n";
    auto import = [&](services::App& app) {
        services::ImportRequest request;
        request.file_name = "deltagare.csv";
        request.bytes = csv;
        return services::ImportService(app).RunAsOperator(t_.forbund_id(), request);
    };
    const domain::Actor reg = t_.CreateRegistrar("reg.kodat", region_, {coded});
    auto codes = [&](services::App& app) {
        std::vector<std::string> out;
        auto page = services::ParticipationService(app).List(reg, coded, {});
        EXPECT_TRUE(page.ok()) << Describe(page.status());
        if (page.ok())
            for (const auto& row : page->rows) out.push_back(row.participant_code);
        std::sort(out.begin(), out.end());
        return out;
    };
    auto first = import(t_.app());
    ASSERT_TRUE(first.ok()) << Describe(first.status());
    ASSERT_EQ(first->created, 2) << (first->AllIssues().empty() ? "" : first->AllIssues().front().expected);
    const auto before = codes(t_.app());
    ASSERT_EQ(before.size(), 2u);

    auto rotated = services::RotateKeys(t_.app());
    ASSERT_TRUE(rotated.ok()) << Describe(rotated.status());
    ASSERT_TRUE(std::filesystem::remove(KeyDir() / ("controller-" + std::to_string(region_) + ".key")));
    auto other = t_.OpenAnotherApp();
    auto again = import(*other);
    ASSERT_TRUE(again.ok()) << Describe(again.status());
    EXPECT_EQ(again->created, 0);
    EXPECT_EQ(codes(*other), before);
}

// The command: `foljsam keys rotate` on a demo database; the export with identities is the
// same before and after, also without the key files the command says are no longer needed,
// and the audit chain stays whole.
TEST(KeysCommand, RotatesADemoDatabaseAndTheExportStaysTheSame) {
    if (OnPostgres()) GTEST_SKIP() << "the command runs on a data directory";
    TempDir dir;
    const std::string data = "'" + dir.path().string() + "'";
    auto run = [](const std::string& args, std::string& output) {
        const std::string command = std::string(FOLJSAM_BIN) + " " + args + " 2>&1";
        output.clear();
        FILE* pipe = popen(command.c_str(), "r");
        if (pipe == nullptr) return -1;
        char buffer[4096];
        size_t n = 0;
        while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, n);
        const int status = pclose(pipe);
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    };
    std::string out;
    ASSERT_EQ(run("demo --data " + data, out), 0) << out;
    const auto before_csv = dir.path() / "fore.csv";
    ASSERT_EQ(run("export --with-identity --format csv -o '" + before_csv.string() + "' --data " + data, out), 0)
        << out;
    const std::string before = ReadFileBytes(before_csv);
    ASSERT_NE(before.find(services::DemoPersonnummer().front().substr(0, 4)), std::string::npos);

    std::string rotated;
    ASSERT_EQ(run("keys rotate --batch-size 7 --data " + data, rotated), 0) << rotated;
    EXPECT_NE(rotated.find("Klar"), std::string::npos) << rotated;
    EXPECT_NE(rotated.find(".g2.key"), std::string::npos) << rotated;
    // Remove what the command says the database no longer needs.
    int removed = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir.path() / "keys")) {
        const std::string name = entry.path().filename().string();
        if (name.rfind("controller-", 0) == 0 && name.ends_with(".key") && name.find(".g") == std::string::npos &&
            name.find("pseudonym") == std::string::npos) {
            EXPECT_NE(rotated.find(entry.path().string()), std::string::npos) << name << "\n" << rotated;
            std::filesystem::remove(entry.path());
            ++removed;
        }
    }
    EXPECT_GT(removed, 0);
    for (const auto& entry : std::filesystem::directory_iterator(dir.path() / "keys")) {
        const std::string name = entry.path().filename().string();
        if (name.find(".g2.") != std::string::npos) EXPECT_NE(rotated.find(name), std::string::npos) << name;
    }

    const auto after_csv = dir.path() / "efter.csv";
    ASSERT_EQ(run("export --with-identity --format csv -o '" + after_csv.string() + "' --data " + data, out), 0) << out;
    EXPECT_EQ(ReadFileBytes(after_csv), before);
    ASSERT_EQ(run("audit verify --data " + data, out), 0) << out;
}

}  // namespace
}  // namespace foljsam::testing

// The audit log as a hash chain (issue 5, item 4): everything the application writes is
// one unbroken chain; SQL cannot change or remove a chained event; and an event changed
// in the database file itself, removed, or added outside the chain is found by
// VerifyAuditChain (and `foljsam audit verify`), which names the event.

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include "services/app.hpp"
#include "services/audit.hpp"
#include "services/audit_verify.hpp"
#include "store/audit_repo.hpp"
#include "store/migrations.hpp"
#include "store/sql.hpp"
#include "support/test_app.hpp"

namespace foljsam::testing {
namespace {

std::string Slurp(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

class AuditChain : public ::testing::Test {
   protected:
    void SetUp() override {
        const long long region = app_.CreateMember("Region Testland", "REGION");
        insats_ = app_.CreateInsats("Kedjan", region, RegistrationMode::kWithoutIdentity);
        registrar_ = app_.CreateRegistrar("reg.kedja", region, {insats_});
    }

    // Appends one event whose detail carries `marker`; returns its id.
    long long Append(const std::string& marker) {
        auto uow = app_.app().db().Begin();
        EXPECT_TRUE(uow.ok());
        EXPECT_TRUE(services::Audit(
                        **uow, nullptr, app_.forbund_id(),
                        {"test.marker", "test", std::nullopt, std::nullopt, false, "{\"marker\":\"" + marker + "\"}"})
                        .ok());
        EXPECT_TRUE((*uow)->Commit().ok());
        store::AuditFilter filter;
        filter.action = "test.marker";
        filter.limit = 1;
        auto uow2 = app_.app().db().Begin(store::Database::Mode::kRead);
        auto newest = store::AuditRepo(**uow2).List(filter);
        EXPECT_TRUE(newest.ok() && !newest->empty());
        return newest.ok() && !newest->empty() ? newest->front().id : 0;
    }

    services::AuditVerification Verify(services::App& app) {
        auto checked = services::VerifyAuditChain(app);
        EXPECT_TRUE(checked.ok()) << Describe(checked.status());
        return checked.ok() ? *checked : services::AuditVerification{};
    }

    // Runs `sql` with the append-only triggers out of the way, as someone with direct
    // access to the database could.
    void Tamper(const std::vector<std::string>& sql) {
        auto uow = app_.app().db().Begin();
        ASSERT_TRUE(uow.ok());
        Status st = store::Guard("tamper", [&] {
            if (OnPostgres()) {
                store::Sql(**uow) << "DROP TRIGGER IF EXISTS audit_event_append_only ON audit_event";
            } else {
                store::Sql(**uow) << "DROP TRIGGER IF EXISTS audit_event_no_update";
                store::Sql(**uow) << "DROP TRIGGER IF EXISTS audit_event_no_delete";
            }
            for (const auto& statement : sql) store::Sql(**uow) << statement;
        });
        ASSERT_TRUE(st.ok()) << Describe(st);
        ASSERT_TRUE((*uow)->Commit().ok());
    }

    TestApp app_;
    long long insats_ = 0;
    domain::Actor registrar_;
};

TEST_F(AuditChain, EverythingTheApplicationWritesIsOneUnbrokenChain) {
    for (int i = 0; i < 5; ++i) {
        auto created = app_.participations().Register(registrar_, insats_,
                                                      WithCode(StartedParticipation(), "K-" + std::to_string(i), 1990));
        ASSERT_TRUE(created.ok()) << Describe(created.status());
        ASSERT_TRUE(app_.participations().Get(registrar_, *created).ok());
    }
    const auto checked = Verify(app_.app());
    EXPECT_TRUE(checked.intact) << checked.problem;
    EXPECT_EQ(checked.events, app_.CountAudit(store::AuditFilter{}));
    EXPECT_GT(checked.events, 10);
    EXPECT_EQ(checked.head_seq, checked.events);
    EXPECT_EQ(checked.head_link.size(), 64u);
}

TEST_F(AuditChain, SqlCanNeitherChangeNorRemoveAChainedEvent) {
    const long long id = Append("fast");
    for (const std::string sql : {"UPDATE audit_event SET detail = '{}' WHERE id = " + std::to_string(id),
                                  "DELETE FROM audit_event WHERE id = " + std::to_string(id)}) {
        auto uow = app_.app().db().Begin();
        ASSERT_TRUE(uow.ok());
        Status st = store::Guard("tamper", [&] { store::Sql(**uow) << sql; });
        EXPECT_FALSE(st.ok()) << sql;
    }
    EXPECT_TRUE(Verify(app_.app()).intact);
}

TEST_F(AuditChain, AnEventEditedInTheDatabaseFileIsNamed) {
    if (OnPostgres()) GTEST_SKIP() << "edits the SQLite file";
    Append("före");
    const long long id = Append("MARKER-4711-AAAA");
    Append("efter");
    // Everything into the main file (the application's connections are idle), then flip
    // one character of the event's detail there, as a hex editor would.
    const auto file = app_.data_dir() / "foljsam.db";
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(file.c_str(), &raw), SQLITE_OK);
    // Reading the schema first puts the connection in WAL mode, which checkpointing needs.
    ASSERT_EQ(sqlite3_exec(raw, "SELECT COUNT(*) FROM sqlite_master", nullptr, nullptr, nullptr), SQLITE_OK);
    int log_frames = -1, done_frames = -1;
    const int checkpoint =
        sqlite3_wal_checkpoint_v2(raw, nullptr, SQLITE_CHECKPOINT_TRUNCATE, &log_frames, &done_frames);
    sqlite3_close(raw);
    ASSERT_EQ(checkpoint, SQLITE_OK);
    ASSERT_EQ(log_frames, done_frames) << "every frame in the main file";
    std::string bytes = Slurp(file);
    const size_t at = bytes.find("MARKER-4711-AAAA");
    ASSERT_NE(at, std::string::npos);
    bytes[at + 15] = 'B';
    std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;

    services::AppOptions options;
    options.data_dir = app_.data_dir();
    auto reopened = services::App::Open(options);
    ASSERT_TRUE(reopened.ok()) << Describe(reopened.status());
    const auto checked = Verify(**reopened);
    EXPECT_FALSE(checked.intact);
    EXPECT_EQ(checked.broken_event_id, id);
    EXPECT_NE(checked.problem.find(std::to_string(id)), std::string::npos) << checked.problem;
}

TEST_F(AuditChain, AChangedARemovedAndAMissingNewestEventAreEachFound) {
    const long long changed = Append("ändras");
    const long long removed = Append("tas bort");
    const long long next = Append("efter borttagen");
    Append("senast");
    ASSERT_TRUE(Verify(app_.app()).intact);

    Tamper({"UPDATE audit_event SET detail = '{\"marker\":\"annat\"}' WHERE id = " + std::to_string(changed)});
    auto checked = Verify(app_.app());
    EXPECT_FALSE(checked.intact);
    EXPECT_EQ(checked.broken_event_id, changed);

    Tamper({"UPDATE audit_event SET detail = '{\"marker\":\"ändras\"}' WHERE id = " + std::to_string(changed)});
    EXPECT_TRUE(Verify(app_.app()).intact) << "restoring the field restores the link";
    Tamper({"DELETE FROM audit_event WHERE id = " + std::to_string(removed)});
    checked = Verify(app_.app());
    EXPECT_FALSE(checked.intact);
    EXPECT_EQ(checked.broken_event_id, next) << checked.problem;
    EXPECT_NE(checked.problem.find("saknas"), std::string::npos) << checked.problem;
}

TEST_F(AuditChain, RemovingTheNewestEventsIsFoundByTheHead) {
    Append("ett");
    const long long last = Append("senast");
    Tamper({"DELETE FROM audit_event WHERE id = " + std::to_string(last)});
    const auto checked = Verify(app_.app());
    EXPECT_FALSE(checked.intact);
    EXPECT_NE(checked.problem.find("senaste händelserna saknas"), std::string::npos) << checked.problem;
}

TEST_F(AuditChain, AnEventAddedOutsideTheChainIsFound) {
    Append("ett");
    Tamper(
        {"INSERT INTO audit_event (at, action, entity, personal_data, detail) VALUES ('2026-01-01T00:00:00Z', "
         "'login.ok', 'user', 0, '{}')"});
    const auto checked = Verify(app_.app());
    EXPECT_FALSE(checked.intact);
    EXPECT_NE(checked.problem.find("utanför kedjan"), std::string::npos) << checked.problem;
}

TEST_F(AuditChain, ConcurrentWritersKeepOneChain) {
    constexpr int kThreads = 4, kEach = 25;
    const long long before = app_.CountAudit(store::AuditFilter{});
    std::vector<std::thread> threads;
    std::atomic<int> failures{0};
    for (int t = 0; t < kThreads; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < kEach; ++i) {
                auto uow = app_.app().db().Begin();
                if (!uow.ok() ||
                    !services::Audit(**uow, nullptr, app_.forbund_id(),
                                     {"test.concurrent", "test", t, std::nullopt, false, "{}"})
                         .ok() ||
                    !(*uow)->Commit().ok())
                    ++failures;
            }
        });
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(failures.load(), 0);
    const auto checked = Verify(app_.app());
    EXPECT_TRUE(checked.intact) << checked.problem;
    EXPECT_EQ(checked.events, before + kThreads * kEach);
}

// `foljsam audit verify`: exit status 0 and the head for an intact chain; 1 and the
// event's id once an event has been changed.
TEST_F(AuditChain, TheCommandNamesTheChangedEvent) {
    if (OnPostgres()) GTEST_SKIP() << "runs the binary on the SQLite directory";
    const long long id = Append("kommandot");
    Append("efter");
    auto run = [&](std::string& output) {
        const std::string command =
            std::string(FOLJSAM_BIN) + " audit verify --data '" + app_.data_dir().string() + "' 2>&1";
        FILE* pipe = popen(command.c_str(), "r");
        if (pipe == nullptr) return -1;
        char buffer[4096];
        size_t n = 0;
        while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, n);
        const int status = pclose(pipe);
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    };
    std::string intact;
    EXPECT_EQ(run(intact), 0) << intact;
    EXPECT_NE(intact.find("Granskningsloggen är hel"), std::string::npos) << intact;

    Tamper({"UPDATE audit_event SET detail = '{}' WHERE id = " + std::to_string(id)});
    std::string broken;
    EXPECT_EQ(run(broken), 1) << broken;
    EXPECT_NE(broken.find("Händelse: " + std::to_string(id)), std::string::npos) << broken;
}

// A database migrated from before the chain: its events are chained, oldest first, by
// the first append after the migration.
TEST(AuditChainMigration, EventsFromBeforeTheChainAreChainedByTheFirstAppend) {
    if (OnPostgres()) GTEST_SKIP() << "a fresh SQLite file is enough";
    TempDir dir;
    services::AppOptions options;
    options.data_dir = dir.path();
    auto app = services::App::Open(options);
    ASSERT_TRUE(app.ok());
    ASSERT_TRUE(store::Migrate((*app)->db()).ok());
    {
        auto uow = (*app)->db().Begin();
        ASSERT_TRUE(uow.ok());
        for (int i = 0; i < 3; ++i)
            ASSERT_TRUE(store::Guard("legacy event", [&] {
                            store::Sql(**uow) << "INSERT INTO audit_event (at, action, entity, personal_data, "
                                                 "detail) VALUES ('2024-01-0" +
                                                     std::to_string(i + 1) +
                                                     "T00:00:00Z', 'login.ok', 'user', 0, '{}')";
                        }).ok());
        ASSERT_TRUE((*uow)->Commit().ok());
    }
    auto before = services::VerifyAuditChain(**app);
    ASSERT_TRUE(before.ok());
    EXPECT_TRUE(before->intact);
    EXPECT_EQ(before->unchained, 3);
    {
        auto uow = (*app)->db().Begin();
        ASSERT_TRUE(uow.ok());
        ASSERT_TRUE(services::Audit(**uow, nullptr, std::nullopt, {"test.first", "test"}).ok());
        ASSERT_TRUE((*uow)->Commit().ok());
    }
    auto after = services::VerifyAuditChain(**app);
    ASSERT_TRUE(after.ok());
    EXPECT_TRUE(after->intact) << after->problem;
    EXPECT_EQ(after->events, 4);
    EXPECT_EQ(after->unchained, 0);
}

}  // namespace
}  // namespace foljsam::testing

// Failure-point loops (after SQLite): every write use case is interrupted at statement
// N = 1, 2, ... until it succeeds; each interrupted run must leave the database exactly as
// it was (same rows in every table, integrity checks pass) and report a failure.

#include <gtest/gtest.h>

#include <functional>
#include <map>

#include "store/database.hpp"
#include "store/fault_injection.hpp"
#include "store/integrity.hpp"
#include "support/test_app.hpp"

namespace foljsam::testing {
namespace {

class FailurePoints : public ::testing::Test {
   protected:
    void SetUp() override {
        region_ = t_.CreateMember("Region Test", "REGION");
        clinic_ = t_.CreateUnit(region_, "Kliniken");
        coded_ = t_.CreateInsats("Kodinsatsen", region_, RegistrationMode::kWithoutIdentity);
        identity_ = t_.CreateInsats("Id-insatsen", region_, RegistrationMode::kWithIdentity);
        registrar_ = t_.CreateRegistrar("reg", clinic_, {coded_, identity_});
    }
    void TearDown() override { store::testing::FailAtStatement(0); }

    std::map<std::string, long long> Snapshot() {
        auto uow = t_.app().db().Begin(store::Database::Mode::kRead);
        EXPECT_TRUE(uow.ok());
        auto counts = store::CountRows(**uow);
        EXPECT_TRUE(counts.ok()) << Describe(counts.status());
        EXPECT_TRUE(store::CheckIntegrity(**uow).ok());
        return counts.ok() ? *counts : std::map<std::string, long long>{};
    }

    // Runs `use_case` failing at statement 1, 2, ... and checks nothing changed each time.
    // Returns how many failure points were tried before it succeeded.
    int Loop(const std::string& name, const std::function<Status()>& use_case) {
        for (int step = 1; step < 200; ++step) {
            const auto before = Snapshot();
            store::testing::FailAtStatement(step);
            Status st = use_case();
            const int executed = store::testing::StatementsSinceArmed();
            store::testing::FailAtStatement(0);
            if (st.ok()) {
                EXPECT_LT(executed, step) << name << ": succeeded although statement " << step << " should fail";
                return step - 1;
            }
            EXPECT_EQ(Snapshot(), before) << name << ": database changed after a fault at statement " << step;
        }
        ADD_FAILURE() << name << " never succeeded";
        return 0;
    }

    TestApp t_;
    long long region_ = 0, clinic_ = 0, coded_ = 0, identity_ = 0;
    domain::Actor registrar_;
};

TEST_F(FailurePoints, RegisterWithoutIdentityIsAllOrNothing) {
    int tried = Loop("register code", [&] {
        return t_.participations().Register(registrar_, coded_, WithCode(StartedParticipation(), "K-1", 1980)).status();
    });
    EXPECT_GT(tried, 3);
}

TEST_F(FailurePoints, RegisterWithIdentityIsAllOrNothing) {
    int tried = Loop("register identity", [&] {
        return t_.participations()
            .Register(registrar_, identity_, WithIdentity(StartedParticipation(), kPnrMan1970, "Test Testsson"))
            .status();
    });
    EXPECT_GT(tried, 3);
}

TEST_F(FailurePoints, ExitAndUpdateAreAllOrNothing) {
    auto id = t_.participations().Register(registrar_, coded_, WithCode(StartedParticipation(), "K-2", 1975));
    ASSERT_TRUE(id.ok()) << Describe(id.status());
    // Reading is a use case of its own (it writes a view event): read before each loop;
    // the version only changes when the loop's use case finally succeeds.
    auto current = t_.participations().Get(registrar_, *id);
    ASSERT_TRUE(current.ok());
    Loop("record exit", [&] {
        domain::ExitAnswers exit;
        exit.exit_reason = "STUDIER";
        exit.support_after = {{"STUDIEMEDEL", 100}};
        return t_.participations().RecordExit(registrar_, *id, current->participation.version, DaysAgo(1), exit);
    });
    current = t_.participations().Get(registrar_, *id);
    ASSERT_TRUE(current.ok());
    EXPECT_EQ(current->participation.exit.exit_reason, "STUDIER");
    Loop("update", [&] {
        services::ParticipationInput in = WithCode(current->participation, "K-2", 1975);
        in.participation.intake.education = "EFTERGYMN_KORT";
        in.participation.intake.target_groups = {"MIGRATION_FLYKT", "FUNKTIONSNEDSATTNING"};
        return t_.participations().Update(registrar_, *id, in);
    });
}

}  // namespace
}  // namespace foljsam::testing

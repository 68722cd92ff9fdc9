// Use case: every read and write of participant data leaves exactly one audit event, in the
// same transaction, and the audit trail never holds a personnummer or a name.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "services/participation_service.hpp"
#include "store/audit_repo.hpp"
#include "support/test_app.hpp"

namespace {

namespace ft = foljsam::testing;
using foljsam::StatusCode;
using foljsam::domain::Actor;
using foljsam::services::HistoryEntry;

class AuditTrail : public ::testing::Test {
   protected:
    void SetUp() override {
        region_ = t_.CreateMember("Region Testland", "REGION");
        without_id_ = t_.CreateInsats("Utan identitet", region_, ft::RegistrationMode::kWithoutIdentity);
        with_id_ = t_.CreateInsats("Med identitet", region_, ft::RegistrationMode::kWithIdentity);
        registrar_ = t_.CreateRegistrar("reg.region", region_, {without_id_, with_id_});
    }

    long long Count(const std::string& action) { return t_.CountAudit(action); }

    // Every personnummer form and name that must never reach the audit trail.
    static std::vector<std::string> Secrets() {
        return {"198801042386",       "19880104-2386", "8801042386",   "880104-2386",
                "Åsa Öberg-Testsson", "Öberg",         "197001239297", "19700123-9297",
                "7001239297",         "700123-9297",   "Bo Lind",      "Lindqvist"};
    }

    ft::TestApp t_;
    long long region_ = 0, without_id_ = 0, with_id_ = 0;
    Actor registrar_;
};

TEST_F(AuditTrail, EveryGetAddsExactlyOneViewEvent) {
    auto id =
        t_.participations().Register(registrar_, without_id_, ft::WithCode(ft::StartedParticipation(), "A-1", 1990));
    ASSERT_TRUE(id.ok()) << ft::Describe(id.status());
    const long long all_before = t_.CountAudit();
    const long long views_before = Count("participation.view");
    for (int round = 1; round <= 3; ++round) {
        ASSERT_TRUE(t_.participations().Get(registrar_, *id).ok());
        EXPECT_EQ(Count("participation.view"), views_before + round);
    }
    EXPECT_EQ(t_.CountAudit(), all_before + 3);

    foljsam::store::AuditFilter filter;
    filter.action = "participation.view";
    filter.entity = "participation";
    filter.entity_id = *id;
    filter.user_id = registrar_.user.id;
    EXPECT_EQ(t_.CountAudit(filter), 3);
}

TEST_F(AuditTrail, EveryListAddsExactlyOneListEvent) {
    ASSERT_TRUE(t_.participations()
                    .Register(registrar_, without_id_, ft::WithCode(ft::StartedParticipation(), "A-1", 1990))
                    .ok());
    const long long all_before = t_.CountAudit();
    const long long lists_before = Count("participation.list");
    ASSERT_TRUE(t_.participations().List(registrar_, without_id_, {}).ok());
    EXPECT_EQ(Count("participation.list"), lists_before + 1);
    foljsam::services::ListQuery empty_page;
    empty_page.page = 5;
    ASSERT_TRUE(t_.participations().List(registrar_, without_id_, empty_page).ok());
    EXPECT_EQ(Count("participation.list"), lists_before + 2);
    EXPECT_EQ(t_.CountAudit(), all_before + 2);
}

TEST_F(AuditTrail, EverySearchAddsExactlyOneSearchEvent) {
    ASSERT_TRUE(t_.participations()
                    .Register(registrar_, with_id_,
                              ft::WithIdentity(ft::StartedParticipation(), ft::kPnrWoman1988, "Åsa Öberg-Testsson"))
                    .ok());
    const long long all_before = t_.CountAudit();
    foljsam::services::ListQuery query;
    query.search = "880104-2386";
    ASSERT_TRUE(t_.participations().List(registrar_, with_id_, query).ok());
    query.search = "öberg";
    ASSERT_TRUE(t_.participations().List(registrar_, with_id_, query).ok());
    EXPECT_EQ(Count("participation.search"), 2);
    EXPECT_EQ(t_.CountAudit(), all_before + 2);
}

TEST_F(AuditTrail, EveryWriteAddsExactlyOneCreateOrUpdateEvent) {
    auto& svc = t_.participations();
    const long long all_before = t_.CountAudit();
    auto id = svc.Register(registrar_, without_id_, ft::WithCode(ft::ReferredParticipation(30), "A-2", 1990));
    ASSERT_TRUE(id.ok()) << ft::Describe(id.status());
    EXPECT_EQ(Count("participation.create"), 1);
    EXPECT_EQ(t_.CountAudit(), all_before + 1);

    ASSERT_TRUE(svc.RecordDecision(registrar_, *id, 1, "BEVILJAD", ft::DaysAgo(25)).ok());
    EXPECT_EQ(Count("participation.update"), 1);
    ASSERT_TRUE(svc.RecordStart(registrar_, *id, 2, ft::DaysAgo(20), ft::StartedParticipation().intake).ok());
    EXPECT_EQ(Count("participation.update"), 2);
    ASSERT_TRUE(svc.RecordExit(registrar_, *id, 3, ft::DaysAgo(1), ft::EndedParticipation().exit).ok());
    EXPECT_EQ(Count("participation.update"), 3);
    auto full = ft::EndedParticipation();
    full.version = 4;
    ASSERT_TRUE(svc.Update(registrar_, *id, ft::WithCode(full, "A-2", 1990)).ok());
    EXPECT_EQ(Count("participation.update"), 4);
    EXPECT_EQ(t_.CountAudit(), all_before + 5);

    auto with_identity =
        svc.Register(registrar_, with_id_, ft::WithIdentity(ft::StartedParticipation(), ft::kPnrMan1970));
    ASSERT_TRUE(with_identity.ok()) << ft::Describe(with_identity.status());
    EXPECT_EQ(Count("participation.create"), 2);
    EXPECT_EQ(t_.CountAudit(), all_before + 6);

    foljsam::store::AuditFilter filter;
    filter.entity = "participation";
    filter.entity_id = *id;
    EXPECT_EQ(t_.CountAudit(filter), 5);
}

TEST_F(AuditTrail, FailedWritesAddNoEvent) {
    auto& svc = t_.participations();
    auto id = svc.Register(registrar_, without_id_, ft::WithCode(ft::StartedParticipation(), "A-3", 1990));
    ASSERT_TRUE(id.ok());
    const long long before = t_.CountAudit();

    auto bad = ft::StartedParticipation();
    bad.intake.education = "XYZ";
    EXPECT_EQ(svc.Register(registrar_, without_id_, ft::WithCode(bad, "A-4", 1990)).status().code(),
              StatusCode::kInvalidInput);
    EXPECT_EQ(svc.Register(registrar_, with_id_, ft::WithIdentity(ft::StartedParticipation(), ft::kPnrBadCheckDigit))
                  .status()
                  .code(),
              StatusCode::kInvalidInput);
    EXPECT_EQ(svc.RecordExit(registrar_, *id, 1, ft::DaysAgo(1), {}).code(), StatusCode::kInvalidInput);
    EXPECT_EQ(svc.RecordDecision(registrar_, *id, 9, "BEVILJAD", ft::DaysAgo(1)).code(), StatusCode::kConflict);
    bad.version = 1;
    EXPECT_EQ(svc.Update(registrar_, *id, ft::WithCode(bad, "A-3", 1990)).code(), StatusCode::kInvalidInput);
    EXPECT_EQ(t_.CountAudit(), before);
}

TEST_F(AuditTrail, HistoryListsTheChangesOfAnUpdateAsCodes) {
    auto& svc = t_.participations();
    auto id = svc.Register(registrar_, without_id_, ft::WithCode(ft::StartedParticipation(), "A-5", 1990));
    ASSERT_TRUE(id.ok());
    auto next = ft::StartedParticipation();
    next.version = 1;
    next.intake.education = "EFTERGYMN_LANG";
    next.intake.support_at_start = {{"SJUKPENNING", 50}, {"LON", 50}};
    ASSERT_TRUE(svc.Update(registrar_, *id, ft::WithCode(next, "A-5", 1990)).ok());

    auto history = svc.History(registrar_, *id);
    ASSERT_TRUE(history.ok()) << ft::Describe(history.status());
    ASSERT_EQ(history->size(), 2u);  // update, create; views are not history
    const HistoryEntry& update = (*history)[0];
    EXPECT_EQ(update.action, "participation.update");
    EXPECT_EQ(update.username, "reg.region");
    EXPECT_FALSE(update.at.empty());
    ASSERT_EQ(update.changes.size(), 2u) << ::testing::PrintToString(update.changes.size());
    EXPECT_EQ(update.changes[0].field, "education");
    EXPECT_EQ(update.changes[0].before, "GYMN");
    EXPECT_EQ(update.changes[0].after, "EFTERGYMN_LANG");
    EXPECT_EQ(update.changes[1].field, "support_at_start");
    EXPECT_EQ(update.changes[1].before, "FORSORJNINGSSTOD:100%");
    // Lists are recorded sorted by code, so reordering alone is no change.
    EXPECT_EQ(update.changes[1].after, "LON:50%;SJUKPENNING:50%");
    EXPECT_EQ((*history)[1].action, "participation.create");
}

// Multi-valued answers are sets: saving the same set in another order is no change.
TEST_F(AuditTrail, SameAnswersInAnotherOrderRecordNoChange) {
    auto& svc = t_.participations();
    auto first = ft::StartedParticipation();
    first.intake.support_at_start = {{"LON", 50}, {"SJUKPENNING", 50}};
    first.intake.target_groups = {"FUNKTIONSNEDSATTNING", "VUXNA_30_64"};
    auto id = svc.Register(registrar_, without_id_, ft::WithCode(first, "A-7", 1990));
    ASSERT_TRUE(id.ok()) << ft::Describe(id.status());
    auto reordered = first;
    reordered.version = 1;
    reordered.intake.support_at_start = {{"SJUKPENNING", 50}, {"LON", 50}};
    reordered.intake.target_groups = {"VUXNA_30_64", "FUNKTIONSNEDSATTNING"};
    ASSERT_TRUE(svc.Update(registrar_, *id, ft::WithCode(reordered, "A-7", 1990)).ok());
    auto history = svc.History(registrar_, *id);
    ASSERT_TRUE(history.ok());
    ASSERT_EQ(history->size(), 2u);
    for (const auto& change : (*history)[0].changes)
        ADD_FAILURE() << "spurious change of " << change.field << ": " << change.before << " -> " << change.after;
}

TEST_F(AuditTrail, HistoryAndEventsNeverHoldIdentities) {
    auto& svc = t_.participations();
    auto id = svc.Register(registrar_, with_id_,
                           ft::WithIdentity(ft::StartedParticipation(), ft::kPnrWoman1988, "Åsa Öberg-Testsson"));
    ASSERT_TRUE(id.ok()) << ft::Describe(id.status());
    auto second =
        svc.Register(registrar_, with_id_, ft::WithIdentity(ft::StartedParticipation(), "700123-9297", "Bo Lind"));
    ASSERT_TRUE(second.ok()) << ft::Describe(second.status());
    // Change answers and the name, move to another person, search and read.
    auto current = svc.Get(registrar_, *id);
    ASSERT_TRUE(current.ok());
    auto next = current->participation;
    next.intake.education = "FORGYMN";
    ASSERT_TRUE(svc.Update(registrar_, *id, ft::WithIdentity(next, "19880104-2386", "Åsa Lindqvist")).ok());
    next.version += 1;
    ASSERT_TRUE(svc.Update(registrar_, *id, ft::WithIdentity(next, "7001239297", "Bo Lind")).ok());
    foljsam::services::ListQuery query;
    query.search = "880104-2386";
    ASSERT_TRUE(svc.List(registrar_, with_id_, query).ok());
    query.search = "Öberg";
    ASSERT_TRUE(svc.List(registrar_, with_id_, query).ok());
    // A refused registration with a personnummer leaves nothing either.
    (void)svc.Register(registrar_, without_id_, [] {
        auto in = ft::WithCode(ft::StartedParticipation(), "A-9", 1988);
        in.person.personnummer = "198801042386";
        return in;
    }());

    auto history = svc.History(registrar_, *id);
    ASSERT_TRUE(history.ok()) << ft::Describe(history.status());
    ASSERT_EQ(history->size(), 3u);
    bool identity_change_recorded = false;
    for (const auto& entry : *history) {
        for (const auto& change : entry.changes) {
            for (const auto& secret : Secrets()) {
                EXPECT_EQ(change.before.find(secret), std::string::npos) << change.field << " holds " << secret;
                EXPECT_EQ(change.after.find(secret), std::string::npos) << change.field << " holds " << secret;
            }
            if (change.field == "identity" && entry.action == "participation.update") identity_change_recorded = true;
        }
    }
    EXPECT_TRUE(identity_change_recorded);

    const auto events = t_.AllAuditEvents();
    ASSERT_GE(events.size(), 8u);
    for (const auto& e : events) {
        for (const auto& secret : Secrets())
            EXPECT_EQ(e.detail.find(secret), std::string::npos)
                << e.action << " detail holds " << secret << ": " << e.detail;
        EXPECT_EQ(e.action.find("8801"), std::string::npos);
    }
}

TEST_F(AuditTrail, ReadsOfParticipantDataAreMarkedPersonal) {
    auto id =
        t_.participations().Register(registrar_, without_id_, ft::WithCode(ft::StartedParticipation(), "A-6", 1990));
    ASSERT_TRUE(id.ok());
    ASSERT_TRUE(t_.participations().Get(registrar_, *id).ok());
    ASSERT_TRUE(t_.participations().List(registrar_, without_id_, {}).ok());
    for (const auto& e : t_.AllAuditEvents()) {
        if (e.action.rfind("participation.", 0) != 0) continue;
        EXPECT_TRUE(e.personal_data) << e.action;
        EXPECT_EQ(e.insats_id, without_id_) << e.action;
        EXPECT_EQ(e.user_id, registrar_.user.id) << e.action;
        EXPECT_EQ(e.forbund_id, t_.forbund_id()) << e.action;
    }
}

}  // namespace

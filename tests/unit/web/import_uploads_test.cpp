// The import wizard's upload store (web/import_uploads.hpp): uploads are found only by
// their owner, make way for newer ones, expire when unused, but never while their import
// runs; jobs report their outcome, cannot run twice at once, and are cancelled when the
// store goes away.

#include "web/import_uploads.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "security/crypto.hpp"

namespace foljsam::web {
namespace {

using namespace std::chrono_literals;

class UploadStoreTest : public ::testing::Test {
   protected:
    void SetUp() override { ASSERT_TRUE(security::InitCrypto().ok()); }

    static ImportOutcome Failed(const std::string& why) {
        return std::make_shared<const Result<services::ImportReport>>(Status::Conflict(why));
    }
    // A job that runs until the upload is cancelled.
    static std::function<ImportOutcome()> UntilCancelled(Upload& upload) {
        return [&upload] {
            while (!upload.cancelled) std::this_thread::sleep_for(1ms);
            return Failed("avbruten");
        };
    }
};

TEST_F(UploadStoreTest, OnlyTheOwnerFindsAnUploadByItsToken) {
    UploadStore store;
    auto upload = store.Add(7, "deltagare.csv", "a;b\n");
    ASSERT_TRUE(upload.ok());
    const std::string token = (*upload)->token;
    EXPECT_EQ(token.size(), 43u);
    EXPECT_EQ(store.Find(token, 7), *upload);
    EXPECT_EQ(store.Find(token, 8), nullptr);
    EXPECT_EQ(store.Find(token.substr(0, 42) + (token.back() == 'A' ? "B" : "A"), 7), nullptr);
    EXPECT_EQ(store.Find("", 7), nullptr);
    auto other = store.Add(7, "deltagare.csv", "a;b\n");
    ASSERT_TRUE(other.ok());
    EXPECT_NE((*other)->token, token);
}

TEST_F(UploadStoreTest, EmptyAndTooLargeFilesAreRefused) {
    UploadStore::Limits limits;
    limits.max_file_bytes = 10;
    UploadStore store(limits);
    auto empty = store.Add(1, "tom.csv", "");
    ASSERT_FALSE(empty.ok());
    EXPECT_EQ(empty.status().code(), StatusCode::kInvalidInput);
    ASSERT_EQ(empty.status().fields().size(), 1u);
    EXPECT_EQ(empty.status().fields()[0].field, "fil");
    auto large = store.Add(1, "stor.csv", std::string(11, 'x'));
    ASSERT_FALSE(large.ok());
    EXPECT_EQ(large.status().code(), StatusCode::kInvalidInput);
    EXPECT_TRUE(store.Add(1, "lagom.csv", std::string(10, 'x')).ok());
}

TEST_F(UploadStoreTest, TheOldestIdleUploadMakesWayForANewOne) {
    UploadStore::Limits limits;
    limits.per_user = 2;
    UploadStore store(limits);
    auto first = store.Add(1, "1.csv", "1");
    std::this_thread::sleep_for(2ms);
    auto second = store.Add(1, "2.csv", "2");
    auto someone_else = store.Add(2, "x.csv", "x");
    std::this_thread::sleep_for(2ms);
    auto third = store.Add(1, "3.csv", "3");
    ASSERT_TRUE(first.ok() && second.ok() && third.ok() && someone_else.ok());
    EXPECT_EQ(store.Find((*first)->token, 1), nullptr);
    EXPECT_NE(store.Find((*second)->token, 1), nullptr);
    EXPECT_NE(store.Find((*third)->token, 1), nullptr);
    EXPECT_NE(store.Find((*someone_else)->token, 2), nullptr) << "another user's uploads are not counted";
}

TEST_F(UploadStoreTest, RunningImportsAreNeitherEvictedNorExpired) {
    UploadStore::Limits limits;
    limits.per_user = 1;
    limits.idle_ttl = 0s;
    UploadStore store(limits);
    auto upload = store.Add(1, "1.csv", "1");
    ASSERT_TRUE(upload.ok());
    ASSERT_TRUE(store.Start(*upload, UntilCancelled(**upload)));
    std::this_thread::sleep_for(2ms);
    auto refused = store.Add(1, "2.csv", "2");
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.status().code(), StatusCode::kUnavailable);
    EXPECT_EQ(store.Find((*upload)->token, 1), *upload) << "not expired while running";
    (*upload)->cancelled = true;
    ASSERT_TRUE(UploadStore::WaitDone(**upload, 5s));
    std::this_thread::sleep_for(2ms);
    EXPECT_EQ(store.Find((*upload)->token, 1), nullptr) << "expired once done and unused";
}

TEST_F(UploadStoreTest, UnusedUploadsExpire) {
    UploadStore::Limits limits;
    limits.idle_ttl = 50ms;
    UploadStore store(limits);
    auto upload = store.Add(1, "1.csv", "1");
    ASSERT_TRUE(upload.ok());
    const std::string token = (*upload)->token;
    upload = Status::NotFound("släppt");  // the store's reference is the only one left
    std::this_thread::sleep_for(20ms);
    EXPECT_NE(store.Find(token, 1), nullptr) << "use keeps it";
    std::this_thread::sleep_for(80ms);
    EXPECT_EQ(store.Find(token, 1), nullptr);
}

TEST_F(UploadStoreTest, TheStoreHoldsABoundedNumberOfBytes) {
    UploadStore::Limits limits;
    limits.max_total_bytes = 10;
    UploadStore store(limits);
    EXPECT_TRUE(store.Add(1, "1.csv", std::string(6, 'x')).ok());
    auto refused = store.Add(2, "2.csv", std::string(6, 'x'));
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.status().code(), StatusCode::kUnavailable);
}

TEST_F(UploadStoreTest, AJobReportsItsOutcomeAndRunsOnceAtATime) {
    UploadStore store;
    auto upload = store.Add(1, "1.csv", "1");
    ASSERT_TRUE(upload.ok());
    Upload& u = **upload;
    ASSERT_TRUE(store.Start(*upload, UntilCancelled(u)));
    EXPECT_FALSE(store.Start(*upload, [] { return Failed("två gånger"); })) << "already running";
    EXPECT_FALSE(UploadStore::WaitDone(u, 20ms));
    u.cancelled = true;
    ASSERT_TRUE(UploadStore::WaitDone(u, 5s));
    {
        std::lock_guard lock(u.mutex);
        EXPECT_EQ(u.job, JobState::kDone);
        ASSERT_TRUE(u.result);
        EXPECT_EQ(u.result->status().message(), "avbruten");
    }
    // Done: it may run again (an import that wrote nothing can be retried).
    ASSERT_TRUE(store.Start(*upload, [] { return Failed("igen"); }));
    ASSERT_TRUE(UploadStore::WaitDone(u, 5s));
    std::lock_guard lock(u.mutex);
    EXPECT_EQ(u.result->status().message(), "igen");
}

TEST_F(UploadStoreTest, AJobThatThrowsEndsWithAnInternalError) {
    UploadStore store;
    auto upload = store.Add(1, "1.csv", "1");
    ASSERT_TRUE(upload.ok());
    ASSERT_TRUE(store.Start(*upload, []() -> ImportOutcome { throw std::runtime_error("trasig"); }));
    ASSERT_TRUE(UploadStore::WaitDone(**upload, 5s));
    std::lock_guard lock((*upload)->mutex);
    EXPECT_EQ((*upload)->result->status().code(), StatusCode::kInternal);
}

TEST_F(UploadStoreTest, DestroyingTheStoreCancelsRunningJobs) {
    std::shared_ptr<Upload> kept;
    {
        UploadStore store;
        auto upload = store.Add(1, "1.csv", "1");
        ASSERT_TRUE(upload.ok());
        kept = *upload;
        ASSERT_TRUE(store.Start(kept, UntilCancelled(*kept)));
    }  // returns only after the job has seen the flag and ended
    std::lock_guard lock(kept->mutex);
    EXPECT_EQ(kept->job, JobState::kDone);
    EXPECT_TRUE(kept->cancelled);
}

}  // namespace
}  // namespace foljsam::web

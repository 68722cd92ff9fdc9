#pragma once
// Files uploaded to the import wizard (issue 4), kept between its steps in this process's
// memory only: a file may hold personnummer, so it is never written to disk. Each upload
// has a random unguessable token (it goes in the wizard's URLs) and belongs to the user
// who uploaded it; nobody else can open it. A user keeps at most a few uploads (the
// oldest idle one makes way), and an upload not used for 30 minutes is forgotten.
//
// An upload also holds the wizard's choices (column and value decisions, the insats for
// rows without one), the last dry run for them, and the real import once started: it runs
// on a thread of its own, with progress and a cancel flag the status page reads and sets.
//
// Because this state lives in one process, an installation with several app servers needs
// sticky sessions (the reverse proxy sends a user's requests to the same server) for the
// wizard; everything else in Följsam is stateless. A restart forgets the uploads (the user
// uploads again); an import running at shutdown is cancelled, which writes nothing.
//
// Thread-safe: the store has a lock of its own, and each Upload a mutex guarding the fields
// marked so; progress counters and the cancel flag are atomics.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "common/status.hpp"
#include "io/import_plan.hpp"
#include "services/import_service.hpp"

namespace foljsam::web {

// The outcome of a dry run or of the real import, shared read-only between requests.
using ImportOutcome = std::shared_ptr<const Result<services::ImportReport>>;

enum class JobState { kNone, kRunning, kDone };

struct Upload {
    Upload(std::string token, long long user_id, std::string file_name, std::string bytes)
        : token(std::move(token)), user_id(user_id), file_name(std::move(file_name)), bytes(std::move(bytes)) {}

    const std::string token;
    const long long user_id;
    const std::string file_name;  // as the browser sent it (shown, and in the import history)
    const std::string bytes;      // the file; immutable, so a job may read it without the lock

    std::mutex mutex;
    // --- guarded by mutex -------------------------------------------------------------
    io::ImportSettings settings;
    std::optional<long long> insats_id;
    int settings_version = 0;  // bumped on every change of settings or insats_id
    // Unknown values the user has decided, kept to show the decisions again.
    std::vector<io::UnknownValue> decided;
    ImportOutcome preview;  // dry run of settings_version `preview_version`
    int preview_version = -1;
    ImportOutcome plan;  // ImportService::Plan of settings_version `plan_version`
    int plan_version = -1;
    JobState job = JobState::kNone;
    ImportOutcome result;  // the real run, once kDone
    std::chrono::steady_clock::time_point last_used;

    bool preview_running = false;  // a preview job (StartPreview) runs
    int preview_running_version = -1;

    // --- the running job ----------------------------------------------------------------
    std::atomic<size_t> rows_done{0};
    std::atomic<size_t> rows_total{0};
    std::atomic<bool> cancelled{false};
    std::condition_variable finished;  // notified (under mutex) when a job or preview job ends

    // --- the running preview job --------------------------------------------------------
    std::atomic<size_t> preview_done{0};
    std::atomic<size_t> preview_total{0};
    std::atomic<bool> preview_cancelled{false};
};

class UploadStore {
   public:
    struct Limits {
        size_t per_user = 3;
        std::chrono::milliseconds idle_ttl = std::chrono::minutes(30);
        size_t max_file_bytes = io::ReadLimits().max_file_bytes;
        size_t max_total_bytes = size_t{512} << 20;  // over all users, so uploads cannot exhaust memory
    };

    UploadStore() : UploadStore(Limits{}) {}
    explicit UploadStore(Limits limits);
    // Cancels running imports (nothing of theirs is written) and waits for their threads.
    ~UploadStore();
    UploadStore(const UploadStore&) = delete;
    UploadStore& operator=(const UploadStore&) = delete;

    // Keeps a new upload of `user_id`. Failure: kInvalidInput for an empty file or one over
    // max_file_bytes (field "fil"); kUnavailable when the user's uploads are all running
    // imports or the store is full.
    Result<std::shared_ptr<Upload>> Add(long long user_id, std::string file_name, std::string bytes);

    // The upload with `token` if it exists, has not expired and belongs to `user_id`;
    // nullptr otherwise (the caller cannot tell which, on purpose). Marks it used.
    std::shared_ptr<Upload> Find(const std::string& token, long long user_id);

    // Runs `work` on a new thread as the upload's import: the job is kRunning until `work`
    // returns its outcome, then kDone with it. False (and nothing started) when a job is
    // already running for the upload.
    bool Start(const std::shared_ptr<Upload>& upload, std::function<ImportOutcome()> work);

    // Runs `work` on a new thread as the dry run of settings version `version`, for a file
    // too large to preview while the browser waits: preview_running until it returns, then
    // its outcome is the upload's preview when the settings are still that version. False
    // (and nothing started) when a preview job already runs.
    bool StartPreview(const std::shared_ptr<Upload>& upload, int version, std::function<ImportOutcome()> work);

    // Waits up to `timeout` for the upload's job to be done; true when it is.
    static bool WaitDone(Upload& upload, std::chrono::milliseconds timeout);
    // Waits up to `timeout` for the upload's preview job to end; true when none runs.
    static bool WaitPreview(Upload& upload, std::chrono::milliseconds timeout);

    const Limits& limits() const { return limits_; }

   private:
    // Drops expired uploads and joins finished threads. Caller holds mutex_.
    void SweepLocked();
    // Runs `body` on a new thread kept in workers_; false when no thread could be made.
    bool Launch(const std::shared_ptr<Upload>& upload, std::function<void()> body);

    const Limits limits_;
    std::mutex mutex_;
    std::vector<std::shared_ptr<Upload>> uploads_;
    struct Worker {
        std::shared_ptr<Upload> upload;
        std::thread thread;
        std::shared_ptr<std::atomic<bool>> exited;
    };
    std::vector<Worker> workers_;
};

}  // namespace foljsam::web

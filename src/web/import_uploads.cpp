#include "web/import_uploads.hpp"

#include <spdlog/spdlog.h>

#include <system_error>

#include "security/crypto.hpp"

namespace foljsam::web {

UploadStore::UploadStore(Limits limits) : limits_(limits) {}

UploadStore::~UploadStore() {
    std::vector<Worker> workers;
    {
        std::lock_guard lock(mutex_);
        workers.swap(workers_);
    }
    for (auto& worker : workers) {
        worker.upload->cancelled = true;
        worker.upload->preview_cancelled = true;
    }
    for (auto& worker : workers)
        if (worker.thread.joinable()) worker.thread.join();
}

void UploadStore::SweepLocked() {
    const auto now = std::chrono::steady_clock::now();
    std::erase_if(uploads_, [&](const std::shared_ptr<Upload>& upload) {
        std::lock_guard lock(upload->mutex);
        return upload->job != JobState::kRunning && !upload->preview_running &&
               now - upload->last_used > limits_.idle_ttl;
    });
    std::erase_if(workers_, [](Worker& worker) {
        if (!worker.exited->load()) return false;
        worker.thread.join();  // has returned already: does not block
        return true;
    });
}

Result<std::shared_ptr<Upload>> UploadStore::Add(long long user_id, std::string file_name, std::string bytes) {
    if (bytes.empty()) return Status::InvalidInput("Filen är tom.", {{"fil", "Den valda filen är tom."}});
    if (bytes.size() > limits_.max_file_bytes) {
        const std::string mb = std::to_string(limits_.max_file_bytes >> 20);
        return Status::InvalidInput("Filen är för stor.", {{"fil", "Filen får vara högst " + mb + " MB."}});
    }
    std::lock_guard lock(mutex_);
    SweepLocked();
    // The user's oldest idle uploads make way for the new one.
    for (;;) {
        std::shared_ptr<Upload> oldest_idle;
        std::chrono::steady_clock::time_point oldest_use;
        size_t owned = 0;
        for (const auto& upload : uploads_) {
            if (upload->user_id != user_id) continue;
            ++owned;
            std::lock_guard upload_lock(upload->mutex);
            if (upload->job == JobState::kRunning || upload->preview_running) continue;
            if (!oldest_idle || upload->last_used < oldest_use) {
                oldest_idle = upload;
                oldest_use = upload->last_used;
            }
        }
        if (owned < limits_.per_user) break;
        if (!oldest_idle)
            return Status::Unavailable("Du har redan " + std::to_string(owned) +
                                       " importer som pågår. Vänta tills någon av dem är klar.");
        std::erase(uploads_, oldest_idle);
    }
    size_t total = bytes.size();
    for (const auto& upload : uploads_) total += upload->bytes.size();
    if (total > limits_.max_total_bytes)
        return Status::Unavailable("Servern tar emot många filer just nu. Försök igen om en stund.");
    auto upload = std::make_shared<Upload>(security::RandomToken(32), user_id, std::move(file_name), std::move(bytes));
    upload->last_used = std::chrono::steady_clock::now();
    uploads_.push_back(upload);
    return upload;
}

std::shared_ptr<Upload> UploadStore::Find(const std::string& token, long long user_id) {
    std::lock_guard lock(mutex_);
    SweepLocked();
    for (const auto& upload : uploads_) {
        // Constant time, so the comparison tells nothing about how much of a guess matched.
        if (!security::ConstantTimeEquals(upload->token, token)) continue;
        if (upload->user_id != user_id) return nullptr;
        std::lock_guard upload_lock(upload->mutex);
        upload->last_used = std::chrono::steady_clock::now();
        return upload;
    }
    return nullptr;
}

bool UploadStore::Launch(const std::shared_ptr<Upload>& upload, std::function<void()> body) {
    auto exited = std::make_shared<std::atomic<bool>>(false);
    std::thread thread;
    try {
        thread = std::thread([body = std::move(body), exited] {
            body();
            exited->store(true);
        });
    } catch (const std::system_error& e) {
        spdlog::error("could not start an import thread: {}", e.what());
        return false;
    }
    std::lock_guard lock(mutex_);
    SweepLocked();
    workers_.push_back({upload, std::move(thread), std::move(exited)});
    return true;
}

namespace {

// Runs a job's work; an exception or a missing outcome becomes a failed outcome.
ImportOutcome Outcome(const std::function<ImportOutcome()>& work) {
    ImportOutcome outcome;
    try {
        outcome = work();
    } catch (const std::exception& e) {
        spdlog::error("import job failed with an exception: {}", e.what());
    }
    if (!outcome)
        outcome = std::make_shared<const Result<services::ImportReport>>(
            Status::Internal("import job ended without an outcome"));
    return outcome;
}

}  // namespace

bool UploadStore::Start(const std::shared_ptr<Upload>& upload, std::function<ImportOutcome()> work) {
    {
        std::lock_guard lock(upload->mutex);
        if (upload->job == JobState::kRunning) return false;
        upload->job = JobState::kRunning;
        upload->result.reset();
        upload->rows_done = 0;
        upload->rows_total = 0;
        upload->cancelled = false;
    }
    const bool started = Launch(upload, [upload, work = std::move(work)] {
        ImportOutcome outcome = Outcome(work);
        {
            std::lock_guard lock(upload->mutex);
            upload->result = std::move(outcome);
            upload->job = JobState::kDone;
            upload->last_used = std::chrono::steady_clock::now();
        }
        upload->finished.notify_all();
    });
    if (!started) {
        std::lock_guard lock(upload->mutex);
        upload->job = JobState::kNone;
    }
    return started;
}

bool UploadStore::StartPreview(const std::shared_ptr<Upload>& upload, int version,
                               std::function<ImportOutcome()> work) {
    {
        std::lock_guard lock(upload->mutex);
        if (upload->preview_running) return false;
        upload->preview_running = true;
        upload->preview_running_version = version;
        upload->preview_done = 0;
        upload->preview_total = 0;
        upload->preview_cancelled = false;
    }
    const bool started = Launch(upload, [upload, version, work = std::move(work)] {
        ImportOutcome outcome = Outcome(work);
        {
            std::lock_guard lock(upload->mutex);
            // A cancelled run (its settings changed, or the user stopped it) is no preview.
            if (upload->settings_version == version && !upload->preview_cancelled) {
                upload->preview = std::move(outcome);
                upload->preview_version = version;
            }
            upload->preview_running = false;
            upload->last_used = std::chrono::steady_clock::now();
        }
        upload->finished.notify_all();
    });
    if (!started) {
        std::lock_guard lock(upload->mutex);
        upload->preview_running = false;
    }
    return started;
}

bool UploadStore::WaitPreview(Upload& upload, std::chrono::milliseconds timeout) {
    std::unique_lock lock(upload.mutex);
    return upload.finished.wait_for(lock, timeout, [&] { return !upload.preview_running; });
}

bool UploadStore::WaitDone(Upload& upload, std::chrono::milliseconds timeout) {
    std::unique_lock lock(upload.mutex);
    return upload.finished.wait_for(lock, timeout, [&] { return upload.job == JobState::kDone; });
}

}  // namespace foljsam::web

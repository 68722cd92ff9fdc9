#include "services/key_rotation.hpp"

#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "security/keyring.hpp"
#include "services/audit.hpp"
#include "store/database.hpp"
#include "store/key_generation_repo.hpp"
#include "store/organisation_repo.hpp"
#include "store/person_repo.hpp"

namespace foljsam::services {
namespace {

// Passes over the identities before retiring: a writer that read the newest generation
// just before the rotation began may still add a row under the older one.
constexpr int kMaxPasses = 10;
constexpr int kLockAttempts = 50;
constexpr auto kLockPause = std::chrono::milliseconds(100);

struct Round {
    std::vector<ControllerRotation> controllers;
    std::vector<std::optional<long long>> forbund_ids;  // same order
};

// The rotation round this run works on. When any controller has a rotation in progress,
// an earlier run was interrupted: the round is those controllers, continued. Otherwise a
// new round starts for every controller at once: each one's next key is created, then
// all the new generations are recorded in one transaction, so an interrupted run always
// leaves either no round or a whole one (never a controller rotated twice by re-running).
Result<Round> BeginRound(App& app, const std::vector<long long>& controllers) {
    Round round;
    auto uow = app.db().Begin();
    if (!uow.ok()) return uow.status();
    store::KeyGenerationRepo generations(**uow);
    std::vector<std::pair<long long, int>> newest_of;
    bool any_in_progress = false;
    for (long long controller : controllers) {
        auto newest = generations.Newest(controller);
        if (!newest.ok()) return newest.status();
        auto recorded = generations.List(controller);
        if (!recorded.ok()) return recorded.status();
        bool in_progress = false;
        for (const auto& g : *recorded) in_progress = in_progress || (g.generation < *newest && !g.retired_at);
        any_in_progress = any_in_progress || in_progress;
        ControllerRotation c;
        c.controller_org_id = controller;
        c.resumed = in_progress;
        c.generation = in_progress ? *newest : *newest + 1;
        auto org = store::OrganisationRepo(**uow).GetOrganisation(controller);
        std::optional<long long> forbund_id;
        if (org.ok()) {
            c.controller_name = org->name;
            forbund_id = org->forbund_id;
        } else if (org.status().code() != StatusCode::kNotFound) {
            return org.status();  // a controller whose organisation is gone still has its identities moved
        }
        newest_of.emplace_back(controller, *newest);
        round.controllers.push_back(c);
        round.forbund_ids.push_back(forbund_id);
    }
    if (any_in_progress) {
        Round resumed;
        for (size_t i = 0; i < round.controllers.size(); ++i) {
            if (!round.controllers[i].resumed) continue;
            resumed.controllers.push_back(round.controllers[i]);
            resumed.forbund_ids.push_back(round.forbund_ids[i]);
        }
        return resumed;
    }
    for (size_t i = 0; i < round.controllers.size(); ++i) {
        const auto [controller, newest] = newest_of[i];
        if (newest >= security::kMaxKeyGeneration) return Status::InvalidInput("Nyckeln kan inte roteras fler gånger.");
        // The key exists before the database names it, so no writer ever asks for a missing key.
        FOLJSAM_RETURN_IF_ERROR(app.keys().CreateGeneration(controller, newest + 1));
        FOLJSAM_RETURN_IF_ERROR(generations.Add(controller, newest));
        FOLJSAM_RETURN_IF_ERROR(generations.Add(controller, newest + 1));
        nlohmann::json detail = {{"generation", newest + 1}};
        FOLJSAM_RETURN_IF_ERROR(
            Audit(**uow, nullptr, round.forbund_ids[i],
                  {"keys.rotate.start", "organisation", controller, std::nullopt, false, detail.dump()}));
    }
    FOLJSAM_RETURN_IF_ERROR((*uow)->Commit());
    return round;
}

// One batch: re-seals up to `batch_size` identities after `after`; sets `after` to the
// last one seen (0 when none was left).
Status MoveBatch(App& app, const security::ControllerKeys& keys, long long controller, int batch_size, long long& after,
                 ControllerRotation& out) {
    auto uow = app.db().Begin();
    if (!uow.ok()) return uow.status();
    store::PersonRepo persons(**uow);
    auto rows = persons.IdentitiesBelowGeneration(controller, keys.generation(), after, batch_size);
    if (!rows.ok()) return rows.status();
    if (rows->empty()) {
        after = 0;
        return Status::Ok();
    }
    long long moved = 0;
    for (const auto& before : *rows) {
        auto pnr = keys.Open(before.pnr_sealed);
        if (!pnr.ok()) return pnr.status();
        store::SealedIdentity now{before.person_id, controller, keys.LookupHash(*pnr),
                                  keys.Seal(*pnr),  "",         keys.generation()};
        if (!before.name_sealed.empty()) {
            auto name = keys.Open(before.name_sealed);
            if (!name.ok()) return name.status();
            now.name_sealed = keys.Seal(*name);
        }
        auto replaced = persons.ReplaceSealedIdentity(before, now);
        if (!replaced.ok()) return replaced.status();
        if (*replaced) ++moved;
    }
    FOLJSAM_RETURN_IF_ERROR((*uow)->Commit());
    after = rows->back().person_id;
    out.resealed += moved;
    ++out.batches;
    return Status::Ok();
}

// Retires the older generations if nothing is left under them. Sets out.completed and
// out.remaining; `busy` when a writer that may use an older generation is still running.
Status Retire(App& app, long long controller, std::optional<long long> forbund_id, ControllerRotation& out,
              bool& busy) {
    busy = false;
    auto uow = app.db().Begin();
    if (!uow.ok()) return uow.status();
    store::KeyGenerationRepo generations(**uow);
    auto locked = generations.TryLockForRetirement();
    if (!locked.ok()) return locked.status();
    if (!*locked) {
        busy = true;
        return Status::Ok();
    }
    auto remaining = store::PersonRepo(**uow).CountIdentitiesBelowGeneration(controller, out.generation);
    if (!remaining.ok()) return remaining.status();
    out.remaining = *remaining;
    if (out.remaining > 0) return Status::Ok();
    auto retired = generations.RetireOlderThan(controller, out.generation);
    if (!retired.ok()) return retired.status();
    nlohmann::json detail = {{"generation", out.generation},
                             {"resealed", out.resealed},
                             {"batches", out.batches},
                             {"retired_generations", *retired}};
    FOLJSAM_RETURN_IF_ERROR(Audit(**uow, nullptr, forbund_id,
                                  {"keys.rotate", "organisation", controller, std::nullopt, false, detail.dump()}));
    FOLJSAM_RETURN_IF_ERROR((*uow)->Commit());
    out.completed = true;
    return Status::Ok();
}

void ListFiles(App& app, long long controller, ControllerRotation& out) {
    security::Keyring& keyring = app.keys();
    if (keyring.UsesMasterKey()) return;
    std::error_code ec;
    for (const auto& path : {keyring.KeyFile(controller, out.generation), keyring.PseudonymKeyFile(controller)}) {
        if (std::filesystem::exists(path, ec)) out.files_to_back_up.push_back(path);
    }
    if (!out.completed) return;
    for (int g = 1; g < out.generation; ++g) {
        const auto path = keyring.KeyFile(controller, g);
        if (std::filesystem::exists(path, ec)) out.files_no_longer_needed.push_back(path);
    }
}

Status RotateController(App& app, ControllerRotation& out, std::optional<long long> forbund_id, int batch_size) {
    const long long controller = out.controller_org_id;
    auto keys = app.keys().ForController(controller, out.generation);
    if (!keys.ok()) return keys.status();
    for (int pass = 0; pass < kMaxPasses && !out.completed; ++pass) {
        long long after = 0;
        do {
            FOLJSAM_RETURN_IF_ERROR(MoveBatch(app, *keys, controller, batch_size, after, out));
        } while (after != 0);
        bool busy = true;
        for (int attempt = 0; attempt < kLockAttempts && busy; ++attempt) {
            if (attempt > 0) std::this_thread::sleep_for(kLockPause);
            FOLJSAM_RETURN_IF_ERROR(Retire(app, controller, forbund_id, out, busy));
        }
        if (busy) break;  // reported as not completed; a later run retires
    }
    ListFiles(app, controller, out);
    return Status::Ok();
}

}  // namespace

Result<KeyRotationReport> RotateKeys(App& app, const KeyRotationOptions& options) {
    if (options.batch_size < 1) return Status::InvalidInput("Batchstorleken ska vara minst 1.");
    KeyRotationReport report;
    report.master_key = app.keys().UsesMasterKey();
    std::vector<long long> controllers;
    {
        auto uow = app.db().Begin(store::Database::Mode::kRead);
        if (!uow.ok()) return uow.status();
        if (options.controller_org_id) {
            auto org = store::OrganisationRepo(**uow).GetOrganisation(*options.controller_org_id);
            if (!org.ok() && org.status().code() == StatusCode::kNotFound)
                return Status::NotFound("Organisationen finns inte.");
            if (!org.ok()) return org.status();
            controllers.push_back(*options.controller_org_id);
        } else {
            auto all = store::KeyGenerationRepo(**uow).Controllers();
            if (!all.ok()) return all.status();
            controllers = *all;
        }
    }
    if (controllers.empty()) return report;
    auto round = BeginRound(app, controllers);
    if (!round.ok()) return round.status();
    for (size_t i = 0; i < round->controllers.size(); ++i) {
        FOLJSAM_RETURN_IF_ERROR(
            RotateController(app, round->controllers[i], round->forbund_ids[i], options.batch_size));
    }
    report.controllers = std::move(round->controllers);
    return report;
}

}  // namespace foljsam::services

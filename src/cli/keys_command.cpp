#include "cli/keys_command.hpp"

#include <iostream>

#include "services/key_rotation.hpp"

namespace foljsam::cli {
namespace {

int Fail(const Status& st) {
    std::cerr << "fel: " << st.message() << "\n";
    return st.code() == StatusCode::kInvalidInput ? 2 : 1;
}

}  // namespace

int RunKeysRotate(services::App& app, const KeysRotateOptions& options) {
    services::KeyRotationOptions request;
    request.batch_size = options.batch_size;
    request.controller_org_id = options.organisation_id;
    auto report = services::RotateKeys(app, request);
    if (!report.ok()) {
        std::cerr << "Rotationen avbröts. Allt som redan är omkrypterat går att läsa; kör kommandot igen "
                     "för att fortsätta.\n";
        return Fail(report.status());
    }
    if (report->controllers.empty()) {
        std::cout << "Ingen organisation har krypterade identiteter; inget att rotera.\n";
        return 0;
    }
    bool all_completed = true;
    for (const auto& c : report->controllers) {
        std::cout << (c.controller_name.empty() ? "Organisation" : c.controller_name) << " (organisation "
                  << c.controller_org_id << "): nyckelgeneration " << c.generation
                  << (c.resumed ? " (fortsatt från en avbruten körning)" : "") << ", " << c.resealed
                  << " identiteter omkrypterade i " << c.batches << " omgångar.\n";
        if (c.completed) {
            std::cout << "  Klar: inga uppgifter finns kvar under äldre nycklar.\n";
        } else {
            all_completed = false;
            std::cout << "  Inte klar: " << c.remaining
                      << " identiteter finns kvar under äldre nycklar, eller så skrev någon just med en äldre "
                         "nyckel. Kör kommandot igen.\n";
        }
        if (!c.files_to_back_up.empty()) {
            std::cout << "  Säkerhetskopiera nu, skilt från databasen:\n";
            for (const auto& path : c.files_to_back_up) std::cout << "    " << path.string() << "\n";
        }
        if (!c.files_no_longer_needed.empty()) {
            std::cout << "  Behövs inte längre av databasen (ta bort dem när ingen äldre säkerhetskopia av "
                         "databasen ska kunna läsas):\n";
            for (const auto& path : c.files_no_longer_needed) std::cout << "    " << path.string() << "\n";
        }
    }
    if (report->master_key) {
        std::cout << "Nycklarna härleds ur huvudnyckeln (FOLJSAM_KEY); den är oförändrad och ska fortsatt "
                     "förvaras säkert.\n";
    }
    return all_completed ? 0 : 1;
}

}  // namespace foljsam::cli

#include "cli/gallra_command.hpp"

#include <algorithm>
#include <iostream>
#include <string>

#include "domain/date.hpp"
#include "services/retention_service.hpp"

namespace foljsam::cli {
namespace {

int Fail(const Status& st) {
    std::cerr << "fel: " << st.message() << "\n";
    return st.code() == StatusCode::kInvalidInput ? 2 : 1;
}

// "1 deltagande" / "2 deltaganden".
std::string Participations(long long n) { return std::to_string(n) + (n == 1 ? " deltagande" : " deltaganden"); }

// "1 månad" / "36 månader".
std::string Months(int n) { return std::to_string(n) + (n == 1 ? " månad" : " månader"); }

void Print(const services::GallringResult& result) {
    const bool dry = result.dry_run;
    if (dry) std::cout << "Provkörning: ingenting ändras.\n";
    for (const auto& f : result.forbund) {
        std::cout << f.forbund_name << " (gallringsfrist " << Months(f.retention_months)
                  << ": deltaganden avslutade före " << f.first_end_not_due.ToString() << ")\n";
        for (const auto& i : f.insatser) {
            std::cout << "  " << i.insats_name << ": ";
            if (i.removed > 0)
                std::cout << Participations(i.removed) << (dry ? " skulle avidentifieras" : " avidentifierade")
                          << (i.held > 0 ? ", " : "");
            if (i.held > 0) std::cout << i.held << " väntar på personens senare deltagande";
            std::cout << "\n";
        }
        if (f.removed == 0) {
            std::cout << "  Inga deltaganden att gallra.\n";
        } else {
            std::cout << "  Totalt: " << Participations(f.removed) << " för " << f.persons
                      << (f.persons == 1 ? " person" : " personer")
                      << (dry ? " skulle avidentifieras."
                              : " avidentifierade; personnummer, namn och deltagarkoder "
                                "är borttagna.")
                      << "\n";
        }
        if (f.held > 0)
            std::cout << "  " << Participations(f.held)
                      << " har passerat fristen men behålls tills personens alla deltaganden har gjort det.\n";
    }
    const bool removed = std::any_of(result.forbund.begin(), result.forbund.end(),
                                     [](const services::ForbundGallring& f) { return f.removed > 0; });
    if (!dry && removed) std::cout << "Statistiken är oförändrad: avidentifierade deltaganden räknas som förut.\n";
}

}  // namespace

int RunGallra(services::App& app, long long forbund_id, const GallraOptions& o) {
    services::RetentionService retention(app);
    if (o.set_months) {
        if (o.dry_run) return Fail(Status::InvalidInput("--dry-run gäller inte --set-months."));
        if (Status st = retention.SetRetentionMonths(forbund_id, *o.set_months); !st.ok()) return Fail(st);
        std::cout << "Gallringsfristen är nu " << Months(*o.set_months) << ".\n";
        return 0;
    }
    auto result = retention.Run(domain::Today(), o.dry_run);
    if (!result.ok()) return Fail(result.status());
    Print(*result);
    return 0;
}

}  // namespace foljsam::cli

#include "services/retention_service.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "domain/retention.hpp"
#include "services/audit.hpp"
#include "store/database.hpp"
#include "store/organisation_repo.hpp"
#include "store/retention_repo.hpp"

namespace foljsam::services {
namespace {

// Counts per insats, named, in name order; insatser with nothing removed or held are left out.
std::vector<InsatsGallring> PerInsats(const domain::RetentionPlan& plan, const std::vector<domain::Insats>& insatser) {
    std::map<long long, InsatsGallring> by_id;
    for (const auto& p : plan.removed) ++by_id[p.insats_id].removed;
    for (const auto& p : plan.held) ++by_id[p.insats_id].held;
    std::vector<InsatsGallring> out;
    for (auto& [id, counts] : by_id) {
        counts.insats_id = id;
        auto it = std::find_if(insatser.begin(), insatser.end(), [&](const domain::Insats& i) { return i.id == id; });
        counts.insats_name = it != insatser.end() ? it->name : "Insats " + std::to_string(id);
        out.push_back(counts);
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.insats_name < b.insats_name; });
    return out;
}

// The audit detail: the rule applied and the counts, never who.
std::string Detail(const ForbundGallring& g, const domain::Date& today) {
    nlohmann::json insatser = nlohmann::json::array();
    for (const auto& i : g.insatser)
        insatser.push_back({{"insats_id", i.insats_id}, {"participations", i.removed}, {"held", i.held}});
    return nlohmann::json{{"today", today.ToString()},
                          {"retention_months", g.retention_months},
                          {"ended_before", g.first_end_not_due.ToString()},
                          {"persons", g.persons},
                          {"participations", g.removed},
                          {"held", g.held},
                          {"insatser", insatser}}
        .dump();
}

}  // namespace

Result<GallringResult> RetentionService::Run(const domain::Date& today, bool dry_run) {
    GallringResult result;
    result.dry_run = dry_run;
    result.today = today;
    std::vector<domain::Forbund> all;
    {
        auto uow = app_.db().Begin(store::Database::Mode::kRead);
        if (!uow.ok()) return uow.status();
        auto listed = store::OrganisationRepo(**uow).ListForbund();
        if (!listed.ok()) return listed.status();
        all = std::move(*listed);
    }
    for (const auto& f : all) {
        auto done = RunForbund(f.id, today, dry_run);
        if (!done.ok()) return done.status();
        result.forbund.push_back(std::move(*done));
    }
    return result;
}

Result<ForbundGallring> RetentionService::RunForbund(long long forbund_id, const domain::Date& today, bool dry_run) {
    auto uow = app_.db().Begin(dry_run ? store::Database::Mode::kRead : store::Database::Mode::kWrite);
    if (!uow.ok()) return uow.status();
    store::OrganisationRepo orgs(**uow);
    auto forbund = orgs.GetForbund(forbund_id);
    if (!forbund.ok()) return forbund.status();
    auto insatser = orgs.ListInsatser(forbund_id);
    if (!insatser.ok()) return insatser.status();
    auto linked = store::LinkedParticipations(**uow, forbund_id);
    if (!linked.ok()) return linked.status();

    const int months = forbund->retention_months;
    const domain::RetentionPlan plan = domain::PlanRetention(*linked, months, today);
    ForbundGallring g;
    g.forbund_id = forbund_id;
    g.forbund_name = forbund->name;
    g.retention_months = months;
    g.first_end_not_due = domain::FirstEndDateNotDue(months, today);
    g.persons = static_cast<long long>(plan.persons.size());
    g.removed = static_cast<long long>(plan.removed.size());
    g.held = static_cast<long long>(plan.held.size());
    g.insatser = PerInsats(plan, *insatser);
    if (dry_run || plan.persons.empty()) return g;  // the unit rolls back: nothing written

    auto changed = store::RemoveIdentities(**uow, plan.persons, g.first_end_not_due, today);
    if (!changed.ok()) return changed.status();
    if (*changed != g.removed)
        return Status::Conflict("Deltaganden ändrades medan gallringen gjordes. Kör gallringen igen.");
    FOLJSAM_RETURN_IF_ERROR(
        Audit(**uow, nullptr, forbund_id, {"gallring", "forbund", forbund_id, std::nullopt, true, Detail(g, today)}));
    FOLJSAM_RETURN_IF_ERROR((*uow)->Commit());
    return g;
}

Status RetentionService::SetRetentionMonths(long long forbund_id, int months) {
    if (!domain::IsValidRetentionMonths(months))
        return Status::InvalidInput("Gallringsfristen ska vara mellan " + std::to_string(domain::kMinRetentionMonths) +
                                        " och " + std::to_string(domain::kMaxRetentionMonths) + " månader.",
                                    {{"retention_months", "Ange ett antal månader mellan 1 och 600."}});
    auto uow = app_.db().Begin();
    if (!uow.ok()) return uow.status();
    auto before = store::OrganisationRepo(**uow).GetForbund(forbund_id);
    if (!before.ok()) return before.status();
    FOLJSAM_RETURN_IF_ERROR(store::SetRetentionMonths(**uow, forbund_id, months));
    const std::string detail =
        nlohmann::json{{"retention_months", {{"old", before->retention_months}, {"new", months}}}}.dump();
    FOLJSAM_RETURN_IF_ERROR(Audit(**uow, nullptr, forbund_id,
                                  {"gallringsfrist.update", "forbund", forbund_id, std::nullopt, false, detail}));
    return (*uow)->Commit();
}

}  // namespace foljsam::services

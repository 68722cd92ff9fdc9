#include "services/population_service.hpp"

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "domain/reference_places.hpp"
#include "security/policy.hpp"
#include "services/audit.hpp"
#include "store/database.hpp"
#include "store/population_repo.hpp"

namespace foljsam::services {
namespace {

using security::policy::Action;
using security::policy::Can;

// The areas of the municipalities `kommuner` (unknown codes skipped), without figures.
std::vector<PopulationArea> AreasOf(const std::set<std::string>& kommuner) {
    std::vector<PopulationArea> out;
    for (const std::string& code : kommuner) {
        const domain::Kommun* kommun = domain::FindKommun(code);
        if (kommun == nullptr) continue;
        const std::string kommun_name(kommun->name);
        out.push_back({code, kommun_name, code, kommun_name, false, false, std::nullopt});
        if (!domain::HasDistricts(code)) continue;
        for (bool historical : {false, true})
            for (const domain::District& d : domain::AllDistricts())
                if (d.kommun_code == code && d.active != historical)
                    out.push_back(
                        {std::string(d.code), std::string(d.name), code, kommun_name, true, historical, std::nullopt});
    }
    return out;
}

// The areas of the association `forbund_id`, without figures.
Result<std::vector<PopulationArea>> AllowedAreas(store::UnitOfWork& uow, long long forbund_id) {
    auto kommuner = store::PopulationRepo(uow).ListKommuner(forbund_id);
    if (!kommuner.ok()) return kommuner.status();
    return AreasOf(*kommuner);
}

Status Validate(const std::vector<PopulationArea>& allowed, const std::map<std::string, long long>& population) {
    std::map<std::string, std::string> names;  // code -> name
    for (const auto& area : allowed) names[area.code] = area.name;
    ValidationErrors errors;
    for (const auto& [code, inhabitants] : population) {
        auto name = names.find(code);
        if (name == names.end()) {
            errors.Add(PopulationService::FieldId(code), "Området hör inte till förbundets kommuner eller stadsdelar.");
        } else if (inhabitants < PopulationService::kMinPopulation || inhabitants > PopulationService::kMaxPopulation) {
            errors.Add(PopulationService::FieldId(code),
                       "Antalet invånare i " + name->second + " ska vara mellan 1 och 10 000 000.");
        }
    }
    return errors.ToStatus();
}

}  // namespace

Result<std::vector<PopulationArea>> PopulationService::Get(const domain::Actor& actor) {
    if (!actor.user.forbund_id) return Status::Forbidden();
    const long long forbund_id = *actor.user.forbund_id;
    if (!Can(actor, Action::kViewInsats, {forbund_id}) && !Can(actor, Action::kAdminInsatser, {forbund_id}))
        return Status::Forbidden();
    auto uow = app_.db().Begin(store::Database::Mode::kRead);
    if (!uow.ok()) return uow.status();
    auto areas = AllowedAreas(**uow, forbund_id);
    if (!areas.ok()) return areas.status();
    auto stored = store::PopulationRepo(**uow).List(forbund_id);
    if (!stored.ok()) return stored.status();
    for (PopulationArea& area : *areas) {
        auto it = stored->find(area.code);
        if (it != stored->end()) area.population = it->second;
    }
    return areas;
}

Status PopulationService::Set(const domain::Actor& actor, const std::map<std::string, long long>& population) {
    if (!actor.user.forbund_id || !Can(actor, Action::kAdminInsatser, {*actor.user.forbund_id}))
        return Status::Forbidden();
    const long long forbund_id = *actor.user.forbund_id;
    auto uow = app_.db().Begin();
    if (!uow.ok()) return uow.status();
    auto allowed = AllowedAreas(**uow, forbund_id);
    if (!allowed.ok()) return allowed.status();
    FOLJSAM_RETURN_IF_ERROR(Validate(*allowed, population));
    FOLJSAM_RETURN_IF_ERROR(store::PopulationRepo(**uow).Replace(forbund_id, population));
    const nlohmann::json detail = {{"population", population}};
    FOLJSAM_RETURN_IF_ERROR(Audit(**uow, &actor, forbund_id,
                                  {"population.update", "forbund", forbund_id, std::nullopt, false, detail.dump()}));
    return (*uow)->Commit();
}

}  // namespace foljsam::services

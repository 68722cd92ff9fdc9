#include "services/demo_population.hpp"

#include <map>
#include <string>

#include "services/population_service.hpp"

namespace foljsam::services {
namespace {

// Rounded demo values of the right size for Stockholm's current stadsdelsområden (the
// city has about 990 000 inhabitants). They are NOT official statistics: an association
// enters its own figures (e.g. from SCB or the city) under Administration -> Befolkning.
const std::map<std::string, long long> kDemoPopulation = {
    {"BROMMA", 78'000},
    {"ENSKEDE_ARSTA_VANTOR", 105'000},
    {"FARSTA", 60'000},
    {"HAGERSTEN_ALVSJO", 115'000},
    {"HASSELBY_VALLINGBY", 78'000},
    {"JARVA", 88'000},
    {"KUNGSHOLMEN", 70'000},
    {"NORRA_INNERSTADEN", 145'000},
    {"SKARPNACK", 52'000},
    {"SKARHOLMEN", 38'000},
    {"SODERMALM", 135'000},
};

}  // namespace

Status AddDemoPopulation(App& app, const domain::Actor& admin) {
    PopulationService population(app);
    auto areas = population.Get(admin);
    if (!areas.ok()) return areas.status();
    for (const PopulationArea& area : *areas)
        if (area.population) return Status::Ok();
    return population.Set(admin, kDemoPopulation);
}

}  // namespace foljsam::services

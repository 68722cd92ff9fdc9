#include "domain/reference_places.hpp"

namespace foljsam::domain {

const Kommun* FindKommun(std::string_view code) {
    for (const auto& k : AllKommuner())
        if (k.code == code) return &k;
    return nullptr;
}

const District* FindDistrict(std::string_view kommun_code, std::string_view code) {
    for (const auto& d : AllDistricts())
        if (d.kommun_code == kommun_code && d.code == code) return &d;
    return nullptr;
}

bool HasDistricts(std::string_view kommun_code) {
    for (const auto& d : AllDistricts())
        if (d.kommun_code == kommun_code) return true;
    return false;
}

}  // namespace foljsam::domain

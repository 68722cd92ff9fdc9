#pragma once
// Public place code lists (../shared/reference): Sweden's 290 municipalities with SCB's
// kommunkod, and the districts of Stockholm and Göteborg (current and historical, so
// older registrations keep their meaning). Immutable static data; thread-safe.

#include <string_view>
#include <vector>

namespace foljsam::domain {

struct Kommun {
    std::string_view code;  // 4 digits, e.g. "0180"
    std::string_view name;  // SCB short name, e.g. "Stockholm"
    std::string_view lan;
};

struct District {
    std::string_view kommun_code;  // "0180" Stockholm or "1480" Göteborg
    std::string_view code;         // e.g. "JARVA"
    std::string_view name;         // e.g. "Järva"
    bool active;                   // false for areas merged away
};

// Sorted by name.
const std::vector<Kommun>& AllKommuner();
const std::vector<District>& AllDistricts();

const Kommun* FindKommun(std::string_view code);
// The district with this code in this municipality, or nullptr.
const District* FindDistrict(std::string_view kommun_code, std::string_view code);
// True when the municipality is divided into districts here (Stockholm, Göteborg).
bool HasDistricts(std::string_view kommun_code);

}  // namespace foljsam::domain

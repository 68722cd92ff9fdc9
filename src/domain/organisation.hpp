#pragma once
// Associations (förbund), member organisations and their units, and insatser.
// Plain value types.

#include <optional>
#include <string>
#include <vector>

#include "domain/date.hpp"

namespace foljsam::domain {

struct Forbund {
    long long id = 0;
    std::string name;
    std::string org_number;
    int suppression_threshold = 5;
    int retention_months = 36;
};

// A member (parent_id empty) or a unit under a member or another unit.
struct Organisation {
    long long id = 0;
    long long forbund_id = 0;
    std::optional<long long> parent_id;
    std::string name;
    std::string member_type;  // FK, AF, REGION, KOMMUN (units carry their member's type)
    std::string kommunkod;    // optional, for municipalities and district units
    bool active = true;
};

struct Insats {
    long long id = 0;
    long long forbund_id = 0;
    std::string name;
    std::string description;
    std::optional<Date> start_date;
    std::optional<Date> end_date;
    std::string orientation = "INDIVID";
    std::string follow_up_method = "INDIVIDUELL";
    bool self_referral_allowed = false;
    long long controller_org_id = 0;            // personuppgiftsansvarig
    std::string registration_mode = "UTAN_ID";  // UTAN_ID or MED_ID
    bool active = true;

    bool with_identity() const { return registration_mode == "MED_ID"; }
};

}  // namespace foljsam::domain

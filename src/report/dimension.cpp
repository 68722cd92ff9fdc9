#include "report/dimension.hpp"

#include <algorithm>

#include "domain/code_lists.hpp"
#include "domain/reference_places.hpp"

namespace foljsam::report {
namespace {

struct DimensionInfo {
    Dimension dimension;
    std::string_view name;
    std::string_view label;
    std::string_view code_list;  // domain code list id, or "" when none
};

constexpr DimensionInfo kDimensions[] = {
    {Dimension::kInsats, "insats", "Insats", ""},
    {Dimension::kGender, "gender", "Kön", "gender"},
    {Dimension::kAgeGroup, "age_group", "Åldersgrupp vid start", ""},
    {Dimension::kEducation, "education", "Utbildning", "education"},
    {Dimension::kTimeWithoutWork, "time_without_work", "Tid utan arbete eller studier", "time_without_work"},
    {Dimension::kSupportAtStart, "support_at_start", "Försörjning vid start", "support"},
    {Dimension::kReferrerMember, "referrer_member", "Anmälande part", ""},
    {Dimension::kReferrerUnit, "referrer_unit", "Anmälande enhet", ""},
    {Dimension::kDistrict, "district", "Stadsdel", ""},
    {Dimension::kKommun, "kommun", "Kommun", ""},
    {Dimension::kTargetGroup, "target_group", "Målgrupp", "target_group"},
    {Dimension::kBirthRegion, "birth_region", "Födelseregion", "birth_region"},
    {Dimension::kExitReason, "exit_reason", "Avslutsorsak", "exit_reason"},
    {Dimension::kOccupationAfter, "occupation_after", "Sysselsättning efter", "occupation_after"},
    {Dimension::kOccupationAtStart, "occupation_at_start", "Sysselsättning vid start", "occupation"},
    {Dimension::kSupportAfter, "support_after", "Försörjning efter", "support"},
};

constexpr std::string_view kMissingLabel = "Uppgift saknas";

const DimensionInfo& InfoOf(Dimension dimension) { return kDimensions[static_cast<int>(dimension)]; }

std::vector<std::string> BuildDomain(Dimension dimension) {
    if (dimension == Dimension::kAgeGroup) {
        return {"16-19", "20-24", "25-29", "30-39", "40-49", "50-59", "60-64", "65+", "<16"};
    }
    if (dimension == Dimension::kReferrerMember) return {"KOMMUN", "REGION", "FK", "AF", "EGENANMALAN", "ANNAN"};
    std::vector<std::string> values;
    const std::string_view list_id = InfoOf(dimension).code_list;
    if (list_id.empty()) return values;
    const domain::CodeList* list = domain::FindCodeList(list_id);
    if (list == nullptr) return values;  // cannot happen: the ids above are fixed lists
    for (const domain::CodeValue& value : list->values) values.emplace_back(value.code);
    return values;
}

}  // namespace

const std::vector<Dimension>& AllDimensions() {
    static const std::vector<Dimension> kAll = [] {
        std::vector<Dimension> all;
        for (const DimensionInfo& info : kDimensions) all.push_back(info.dimension);
        return all;
    }();
    return kAll;
}

std::string_view DimensionName(Dimension dimension) { return InfoOf(dimension).name; }

std::string_view DimensionLabel(Dimension dimension) { return InfoOf(dimension).label; }

std::optional<Dimension> ParseDimension(std::string_view name) {
    for (const DimensionInfo& info : kDimensions)
        if (info.name == name) return info.dimension;
    return std::nullopt;
}

bool IsMultiValued(Dimension dimension) {
    return dimension == Dimension::kSupportAtStart || dimension == Dimension::kTargetGroup ||
           dimension == Dimension::kSupportAfter;
}

const std::string* FieldOf(Dimension dimension, const Fact& fact) {
    switch (dimension) {
        case Dimension::kGender:
            return &fact.gender;
        case Dimension::kAgeGroup:
            return &fact.age_group;
        case Dimension::kEducation:
            return &fact.education;
        case Dimension::kTimeWithoutWork:
            return &fact.time_without_work;
        case Dimension::kReferrerMember:
            return &fact.referrer_member;
        case Dimension::kReferrerUnit:
            return &fact.referrer_unit;
        case Dimension::kDistrict:
            return &fact.district;
        case Dimension::kKommun:
            return &fact.kommun;
        case Dimension::kBirthRegion:
            return &fact.birth_region;
        case Dimension::kExitReason:
            return &fact.exit_reason;
        case Dimension::kOccupationAfter:
            return &fact.occupation_after;
        case Dimension::kOccupationAtStart:
            return &fact.occupation_start;
        case Dimension::kInsats:
        case Dimension::kSupportAtStart:
        case Dimension::kTargetGroup:
        case Dimension::kSupportAfter:
            return nullptr;
    }
    return nullptr;
}

const std::vector<std::string>* ListOf(Dimension dimension, const Fact& fact) {
    if (dimension == Dimension::kSupportAtStart) return &fact.support_at_start;
    if (dimension == Dimension::kTargetGroup) return &fact.target_groups;
    if (dimension == Dimension::kSupportAfter) return &fact.support_after;
    return nullptr;
}

std::vector<std::string> ValuesOf(Dimension dimension, const Fact& fact) {
    if (dimension == Dimension::kInsats) return {std::to_string(fact.insats_id)};
    if (const std::string* field = FieldOf(dimension, fact)) return {*field};
    const std::vector<std::string>* list = ListOf(dimension, fact);
    std::vector<std::string> values;
    for (const std::string& value : *list)
        if (std::find(values.begin(), values.end(), value) == values.end()) values.push_back(value);
    if (values.empty()) values.emplace_back();
    return values;
}

const std::vector<std::string>& ValueDomain(Dimension dimension) {
    static const std::vector<std::vector<std::string>> kDomains = [] {
        std::vector<std::vector<std::string>> domains;
        for (const DimensionInfo& info : kDimensions) domains.push_back(BuildDomain(info.dimension));
        return domains;
    }();
    return kDomains[static_cast<int>(dimension)];
}

std::string ValueLabel(Dimension dimension, std::string_view value) {
    if (value.empty()) return std::string(kMissingLabel);
    const std::string_view list_id = InfoOf(dimension).code_list;
    if (!list_id.empty()) return std::string(domain::Label(list_id, value));
    if (dimension == Dimension::kReferrerMember) {
        if (value == "EGENANMALAN" || value == "ANNAN") return std::string(domain::Label("referrer_kind", value));
        return std::string(domain::Label("member_type", value));
    }
    if (dimension == Dimension::kKommun) {
        if (const domain::Kommun* kommun = domain::FindKommun(value)) return std::string(kommun->name);
    }
    if (dimension == Dimension::kDistrict) {
        for (const domain::District& district : domain::AllDistricts())
            if (district.code == value) return std::string(district.name);
    }
    return std::string(value);
}

}  // namespace foljsam::report

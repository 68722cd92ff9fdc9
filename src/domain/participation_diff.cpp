#include "domain/participation_diff.hpp"

#include <algorithm>
#include <functional>

namespace foljsam::domain {
namespace {

std::string Show(const std::optional<Date>& d) { return d ? d->ToString() : ""; }
std::string Show(const std::optional<int>& v) { return v ? std::to_string(*v) : ""; }
std::string Show(const std::optional<long long>& v) { return v ? std::to_string(*v) : ""; }
std::string Show(bool b) { return b ? "ja" : "nej"; }
std::string Show(const std::string& s) { return s; }
// Lists are shown sorted so the same set in another order is no change.
std::string Show(std::vector<SupportValue> values) {
    std::sort(values.begin(), values.end(), [](const auto& a, const auto& b) { return a.code < b.code; });
    std::string out;
    for (const auto& v : values) {
        if (!out.empty()) out += ";";
        out += v.code;
        if (v.extent) out += ":" + std::to_string(*v.extent) + "%";
    }
    return out;
}
template <typename T>
std::string Show(std::vector<T> values) {
    std::sort(values.begin(), values.end());
    std::string out;
    for (const auto& v : values) {
        if (!out.empty()) out += ";";
        if constexpr (std::is_same_v<T, std::string>)
            out += v;
        else
            out += std::to_string(v);
    }
    return out;
}

struct Field {
    const char* id;
    const char* label;
    const char* code_list;
    std::function<std::string(const Participation&)> show;
};

const std::vector<Field>& Fields() {
    static const std::vector<Field> fields = {
        {"anonymous", "Anonym", "", [](const Participation& p) { return Show(p.anonymous); }},
        {"gender", "Kön", "gender", [](const Participation& p) { return Show(p.gender); }},
        {"birth_year", "Födelseår", "", [](const Participation& p) { return Show(p.birth_year); }},
        {"referral_date", "Anmälningsdatum", "", [](const Participation& p) { return Show(p.referral_date); }},
        {"decision", "Beslut", "decision", [](const Participation& p) { return Show(p.decision); }},
        {"decision_date", "Beslutsdatum", "", [](const Participation& p) { return Show(p.decision_date); }},
        {"start_date", "Startdatum", "", [](const Participation& p) { return Show(p.start_date); }},
        {"end_date", "Slutdatum", "", [](const Participation& p) { return Show(p.end_date); }},
        {"referrer", "Anmälande part", "referrer_kind", [](const Participation& p) { return Show(p.intake.referrer); }},
        {"referrer_org_id", "Anmälande organisation", "",
         [](const Participation& p) { return Show(p.intake.referrer_org_id); }},
        {"co_referrer_org_ids", "Medanmälare", "",
         [](const Participation& p) { return Show(p.intake.co_referrer_org_ids); }},
        {"residence_kommun", "Folkbokföringskommun", "",
         [](const Participation& p) { return Show(p.intake.residence_kommun); }},
        {"residence_district", "Stadsdel", "",
         [](const Participation& p) { return Show(p.intake.residence_district); }},
        {"residence_special", "Boende", "residence_special",
         [](const Participation& p) { return Show(p.intake.residence_special); }},
        {"education", "Utbildning", "education", [](const Participation& p) { return Show(p.intake.education); }},
        {"time_without_work", "Tid utan arbete eller studier", "time_without_work",
         [](const Participation& p) { return Show(p.intake.time_without_work); }},
        {"support_at_start", "Försörjning vid start", "support",
         [](const Participation& p) { return Show(p.intake.support_at_start); }},
        {"occupation_start", "Sysselsättning vid start", "occupation",
         [](const Participation& p) { return Show(p.intake.occupation_start); }},
        {"occupation_start_extent", "Omfattning vid start (%)", "",
         [](const Participation& p) { return Show(p.intake.occupation_start_extent); }},
        {"time_in_support", "Tid med offentlig försörjning", "time_without_work",
         [](const Participation& p) { return Show(p.intake.time_in_support); }},
        {"sgi_noll", "SGI noll", "sgi_noll", [](const Participation& p) { return Show(p.intake.sgi_noll); }},
        {"target_groups", "Målgrupp", "target_group",
         [](const Participation& p) { return Show(p.intake.target_groups); }},
        {"birth_region", "Födelseregion", "birth_region",
         [](const Participation& p) { return Show(p.intake.birth_region); }},
        {"exit_reason", "Avslutsorsak", "exit_reason", [](const Participation& p) { return Show(p.exit.exit_reason); }},
        {"occupation_after", "Sysselsättning efter", "occupation_after",
         [](const Participation& p) { return Show(p.exit.occupation_after); }},
        {"occupation_after_extent", "Omfattning efter (%)", "",
         [](const Participation& p) { return Show(p.exit.occupation_after_extent); }},
        {"support_after", "Försörjning efter", "support",
         [](const Participation& p) { return Show(p.exit.support_after); }},
        {"consent_date", "Samtycke givet", "", [](const Participation& p) { return Show(p.consent_date); }},
        {"consent_form", "Samtyckesblankett", "", [](const Participation& p) { return Show(p.consent_form); }},
    };
    return fields;
}

}  // namespace

std::vector<FieldChange> DiffParticipations(const Participation& before, const Participation& after) {
    std::vector<FieldChange> changes;
    for (const auto& f : Fields()) {
        std::string a = f.show(before), b = f.show(after);
        if (a != b) changes.push_back({f.id, a, b});
    }
    return changes;
}

std::string FieldLabel(const std::string& field) {
    for (const auto& f : Fields())
        if (field == f.id) return f.label;
    if (field == "participant_code") return "Deltagarkod";
    if (field == "identity") return "Identitet";
    if (field == "personnummer") return "Personnummer";
    if (field == "name") return "Namn";
    return field;
}

std::string FieldCodeList(const std::string& field) {
    for (const auto& f : Fields())
        if (field == f.id) return f.code_list;
    return "";
}

}  // namespace foljsam::domain

#include "services/participation_json.hpp"

#include <nlohmann/json.hpp>

namespace foljsam::services {
namespace {

using nlohmann::json;

json DateJson(const std::optional<domain::Date>& d) { return d ? json(d->ToString()) : json(nullptr); }

std::optional<domain::Date> DateOf(const json& j) {
    if (j.is_null()) return std::nullopt;
    auto d = domain::ParseIsoDate(j.get<std::string>());
    if (!d) throw std::runtime_error("bad date");
    return d;
}

template <typename T>
json OptJson(const std::optional<T>& v) {
    return v ? json(*v) : json(nullptr);
}

template <typename T>
std::optional<T> OptOf(const json& j) {
    if (j.is_null()) return std::nullopt;
    return j.get<T>();
}

json SupportsJson(const std::vector<domain::SupportValue>& values) {
    json out = json::array();
    for (const auto& v : values) out.push_back({{"code", v.code}, {"extent", OptJson(v.extent)}});
    return out;
}

std::vector<domain::SupportValue> SupportsOf(const json& j) {
    std::vector<domain::SupportValue> out;
    for (const auto& v : j) out.push_back({v.at("code").get<std::string>(), OptOf<int>(v.at("extent"))});
    return out;
}

}  // namespace

std::string ParticipationToJson(const domain::Participation& p) {
    const auto& in = p.intake;
    const auto& ex = p.exit;
    json j = {
        {"id", p.id},
        {"insats_id", p.insats_id},
        {"person_id", OptJson(p.person_id)},
        {"anonymous", p.anonymous},
        {"gender", p.gender},
        {"birth_year", OptJson(p.birth_year)},
        {"referral_date", DateJson(p.referral_date)},
        {"decision", p.decision},
        {"decision_date", DateJson(p.decision_date)},
        {"start_date", DateJson(p.start_date)},
        {"end_date", DateJson(p.end_date)},
        {"consent_date", DateJson(p.consent_date)},
        {"consent_form", p.consent_form},
        {"version", p.version},
        {"intake",
         {{"referrer", in.referrer},
          {"referrer_org_id", OptJson(in.referrer_org_id)},
          {"co_referrer_org_ids", in.co_referrer_org_ids},
          {"residence_kommun", in.residence_kommun},
          {"residence_district", in.residence_district},
          {"residence_special", in.residence_special},
          {"education", in.education},
          {"time_without_work", in.time_without_work},
          {"support_at_start", SupportsJson(in.support_at_start)},
          {"occupation_start", in.occupation_start},
          {"occupation_start_extent", OptJson(in.occupation_start_extent)},
          {"time_in_support", in.time_in_support},
          {"sgi_noll", in.sgi_noll},
          {"target_groups", in.target_groups},
          {"birth_region", in.birth_region}}},
        {"exit",
         {{"exit_reason", ex.exit_reason},
          {"occupation_after", ex.occupation_after},
          {"occupation_after_extent", OptJson(ex.occupation_after_extent)},
          {"support_after", SupportsJson(ex.support_after)}}},
    };
    return j.dump();
}

Result<domain::Participation> ParticipationFromJson(const std::string& text) {
    try {
        const json j = json::parse(text);
        domain::Participation p;
        p.id = j.at("id").get<long long>();
        p.insats_id = j.at("insats_id").get<long long>();
        p.person_id = OptOf<long long>(j.at("person_id"));
        p.anonymous = j.at("anonymous").get<bool>();
        p.gender = j.at("gender").get<std::string>();
        p.birth_year = OptOf<int>(j.at("birth_year"));
        p.referral_date = DateOf(j.at("referral_date"));
        p.decision = j.at("decision").get<std::string>();
        p.decision_date = DateOf(j.at("decision_date"));
        p.start_date = DateOf(j.at("start_date"));
        p.end_date = DateOf(j.at("end_date"));
        p.consent_date = DateOf(j.at("consent_date"));
        p.consent_form = j.at("consent_form").get<std::string>();
        p.version = j.at("version").get<int>();
        const json& in = j.at("intake");
        p.intake.referrer = in.at("referrer").get<std::string>();
        p.intake.referrer_org_id = OptOf<long long>(in.at("referrer_org_id"));
        p.intake.co_referrer_org_ids = in.at("co_referrer_org_ids").get<std::vector<long long>>();
        p.intake.residence_kommun = in.at("residence_kommun").get<std::string>();
        p.intake.residence_district = in.at("residence_district").get<std::string>();
        p.intake.residence_special = in.at("residence_special").get<std::string>();
        p.intake.education = in.at("education").get<std::string>();
        p.intake.time_without_work = in.at("time_without_work").get<std::string>();
        p.intake.support_at_start = SupportsOf(in.at("support_at_start"));
        p.intake.occupation_start = in.at("occupation_start").get<std::string>();
        p.intake.occupation_start_extent = OptOf<int>(in.at("occupation_start_extent"));
        p.intake.time_in_support = in.at("time_in_support").get<std::string>();
        p.intake.sgi_noll = in.at("sgi_noll").get<std::string>();
        p.intake.target_groups = in.at("target_groups").get<std::vector<std::string>>();
        p.intake.birth_region = in.at("birth_region").get<std::string>();
        const json& ex = j.at("exit");
        p.exit.exit_reason = ex.at("exit_reason").get<std::string>();
        p.exit.occupation_after = ex.at("occupation_after").get<std::string>();
        p.exit.occupation_after_extent = OptOf<int>(ex.at("occupation_after_extent"));
        p.exit.support_after = SupportsOf(ex.at("support_after"));
        return p;
    } catch (const std::exception&) {
        return Status::Corrupt("Importens sparade läge går inte att läsa.");
    }
}

}  // namespace foljsam::services

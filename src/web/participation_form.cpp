#include "web/participation_form.hpp"

#include <charconv>

#include "domain/code_lists.hpp"
#include "domain/reference_places.hpp"
#include "domain/text.hpp"
#include "web/form_fields.hpp"

namespace foljsam::web {
namespace {

using domain::Trim;

template <typename Int>
std::optional<Int> ParseInt(const std::string& text, bool& ok) {
    ok = true;
    const std::string t = Trim(text);
    if (t.empty()) return std::nullopt;
    Int value{};
    auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
    if (ec != std::errc() || ptr != t.data() + t.size()) {
        ok = false;
        return std::nullopt;
    }
    return value;
}

class Reader {
   public:
    explicit Reader(const Form& form) : form_(form) {}

    std::string Text(const std::string& name) { return Trim(form_.Get(name)); }

    std::optional<domain::Date> Date(const std::string& name) {
        const std::string t = Text(name);
        if (t.empty()) return std::nullopt;
        auto d = domain::ParseIsoDate(t);
        if (!d) errors_.push_back({name, "Ange ett datum som finns, i formen ÅÅÅÅ-MM-DD."});
        return d;
    }

    std::optional<int> Int(const std::string& name, const char* message) {
        bool ok = true;
        auto v = ParseInt<int>(form_.Get(name), ok);
        if (!ok) errors_.push_back({name, message});
        return v;
    }

    std::vector<domain::SupportValue> Supports(const std::string& name) {
        std::vector<domain::SupportValue> out;
        for (const auto& code : form_.All(name)) {
            if (Trim(code).empty()) continue;
            domain::SupportValue v{Trim(code), std::nullopt};
            const std::string message =
                "Omfattningen för " + std::string(domain::Label("support", v.code)) + " ska vara ett heltal 1–100.";
            v.extent = Int(name + "_extent_" + v.code, message.c_str());
            if (!form_.Has(name + "_extent_" + v.code)) v.extent = std::nullopt;
            // A percent typed without the box ticked is ignored (the user unticked it).
            out.push_back(v);
        }
        return out;
    }

    std::vector<std::string> List(const std::string& name) {
        std::vector<std::string> out;
        for (const auto& v : form_.All(name))
            if (!Trim(v).empty()) out.push_back(Trim(v));
        return out;
    }

    std::vector<FieldError>& errors() { return errors_; }

   private:
    const Form& form_;
    std::vector<FieldError> errors_;
};

std::string Show(const std::optional<domain::Date>& d) { return d ? d->ToString() : ""; }
std::string Show(const std::optional<int>& v) { return v ? std::to_string(*v) : ""; }

}  // namespace

ParsedParticipation ParseParticipation(const Form& form) {
    ParsedParticipation out;
    Reader r(form);
    auto& p = out.input.participation;
    auto& person = out.input.person;
    p.anonymous = r.Text("anonymous") == "1" || r.Text("anonymous") == "true";
    person.participant_code = r.Text("participant_code");
    person.personnummer = r.Text("personnummer");
    person.name = r.Text("name");
    person.birth_year = r.Int("birth_year", "Ange födelseår med fyra siffror, till exempel 1985.");
    p.gender = r.Text("gender");
    p.referral_date = r.Date("referral_date");
    p.decision = r.Text("decision");
    p.decision_date = r.Date("decision_date");
    p.start_date = r.Date("start_date");
    p.end_date = r.Date("end_date");
    // The HTML form uses one select "referrer" = "ORG:<id>" | EGENANMALAN | ANNAN;
    // the API may instead send "referrer" = "ORG" plus "referrer_org_id".
    std::string referrer = r.Text("referrer");
    if (referrer.rfind("ORG:", 0) == 0) {
        bool ok = true;
        p.intake.referrer = "ORG";
        p.intake.referrer_org_id = ParseInt<long long>(referrer.substr(4), ok);
        if (!ok) r.errors().push_back({"referrer", "Välj anmälande part i listan."});
    } else {
        p.intake.referrer = referrer;
        bool ok = true;
        p.intake.referrer_org_id = ParseInt<long long>(r.Text("referrer_org_id"), ok);
        if (!ok) r.errors().push_back({"referrer", "Välj anmälande part i listan."});
    }
    for (const auto& co : r.List("co_referrer_org_ids")) {
        bool ok = true;
        auto id = ParseInt<long long>(co, ok);
        if (ok && id)
            p.intake.co_referrer_org_ids.push_back(*id);
        else
            r.errors().push_back({"co_referrer_org_ids", "Välj medanmälare i listan."});
    }
    p.intake.residence_kommun = r.Text("residence_kommun");
    p.intake.residence_district = r.Text("residence_district");
    p.intake.residence_special = r.Text("residence_special");
    p.intake.education = r.Text("education");
    p.intake.time_without_work = r.Text("time_without_work");
    p.intake.support_at_start = r.Supports("support_at_start");
    p.intake.occupation_start = r.Text("occupation_start");
    p.intake.occupation_start_extent = r.Int("occupation_start_extent", "Omfattningen ska vara ett heltal 1–100.");
    p.intake.time_in_support = r.Text("time_in_support");
    p.intake.sgi_noll = r.Text("sgi_noll");
    p.intake.target_groups = r.List("target_groups");
    p.intake.birth_region = r.Text("birth_region");
    p.exit.exit_reason = r.Text("exit_reason");
    p.exit.occupation_after = r.Text("occupation_after");
    p.exit.occupation_after_extent = r.Int("occupation_after_extent", "Omfattningen ska vara ett heltal 1–100.");
    p.exit.support_after = r.Supports("support_after");
    p.consent_date = r.Date("consent_date");
    p.consent_form = r.Text("consent_form");
    p.version = r.Int("version", "Ogiltig version.").value_or(0);
    out.errors = std::move(r.errors());
    return out;
}

Form FormFromJson(const nlohmann::json& body) {
    Form form;
    if (!body.is_object()) return form;
    for (const auto& [key, value] : body.items()) {
        if (value.is_null()) continue;
        if (value.is_string()) {
            form.Add(key, value.get<std::string>());
        } else if (value.is_boolean()) {
            form.Add(key, value.get<bool>() ? "1" : "0");
        } else if (value.is_number_integer()) {
            form.Add(key, std::to_string(value.get<long long>()));
        } else if (value.is_array()) {
            for (const auto& item : value) {
                if (item.is_object()) {
                    const std::string code = item.value("code", "");
                    form.Add(key, code);
                    if (item.contains("extent") && item["extent"].is_number_integer())
                        form.Add(key + "_extent_" + code, std::to_string(item["extent"].get<long long>()));
                } else if (item.is_string()) {
                    form.Add(key, item.get<std::string>());
                } else if (item.is_number_integer()) {
                    form.Add(key, std::to_string(item.get<long long>()));
                }
            }
        } else {
            form.Add(key, value.dump());  // e.g. a float: refused by the integer parser
        }
    }
    return form;
}

std::string OrganisationPath(const std::vector<domain::Organisation>& orgs, long long id) {
    std::string path;
    std::optional<long long> current = id;
    for (int depth = 0; current && depth < 16; ++depth) {
        const domain::Organisation* found = nullptr;
        for (const auto& o : orgs)
            if (o.id == *current) found = &o;
        if (!found) break;
        path = path.empty() ? found->name : found->name + " › " + path;
        current = found->parent_id;
    }
    return path;
}

nlohmann::json ParticipationFields(const services::ParticipationInput& values, const std::vector<FieldError>& errors,
                                   unsigned sections, const FormContext& ctx) {
    FieldSet fs(errors, ctx.posted);
    const auto& p = values.participation;
    nlohmann::json groups = nlohmann::json::array();
    auto group = [&](const std::string& legend, nlohmann::json fields) {
        groups.push_back({{"legend", legend}, {"fields", std::move(fields)}});
    };
    Options orgs;
    if (ctx.organisations)
        for (const auto& o : *ctx.organisations)
            if (o.active) orgs.emplace_back(std::to_string(o.id), OrganisationPath(*ctx.organisations, o.id));

    if (sections & kPerson) {
        nlohmann::json fields = nlohmann::json::array();
        const bool identity = ctx.insats && ctx.insats->with_identity();
        if (!ctx.anonymous && identity && ctx.can_view_identity) {
            fields.push_back(fs.Text("personnummer", "Personnummer eller samordningsnummer", values.person.personnummer,
                                     "12 siffror i formen ÅÅÅÅMMDD-NNNN. 10 siffror går också."));
            fields.push_back(fs.Text("name", "Namn (valfritt)", values.person.name, "", "off"));
        } else if (!ctx.anonymous && !identity) {
            fields.push_back(
                fs.Text("participant_code", "Deltagarkod", values.person.participant_code,
                        "Koden ni använder för deltagaren i insatsen. Skriv inte personnummer eller namn."));
        }
        if (!identity || ctx.anonymous) {
            fields.push_back(
                fs.Number("birth_year", "Födelseår", Show(values.person.birth_year),
                          ctx.anonymous ? "Används bara för att räkna fram åldersgrupp." : "Fyra siffror."));
        }
        fields.push_back(
            fs.Radios("gender", "Kön", CodeOptions("gender"), p.gender,
                      identity && !ctx.anonymous ? "Lämna tomt för juridiskt kön enligt personnumret." : ""));
        if (identity && !ctx.anonymous && ctx.can_view_identity) {
            fields.push_back(fs.Date("consent_date", "Datum för samtycke", Show(p.consent_date),
                                     "Samtycke krävs för registrering med identitet."));
            fields.push_back(fs.Text("consent_form", "Samtyckesblankett (valfritt)", p.consent_form,
                                     "Blankettens version och språk, till exempel ”Skriftligt v1, svenska”."));
        }
        group(ctx.anonymous ? "Anonym deltagare" : "Deltagare", fields);
    }
    if (sections & kReferral) {
        Options referrers;
        for (const auto& [id, name] : orgs) referrers.emplace_back("ORG:" + id, name);
        referrers.emplace_back("EGENANMALAN", "Egenanmälan");
        referrers.emplace_back("ANNAN", "Annan");
        std::string selected = p.intake.referrer;
        if (selected == "ORG" && p.intake.referrer_org_id)
            selected = "ORG:" + std::to_string(*p.intake.referrer_org_id);
        nlohmann::json fields = nlohmann::json::array();
        fields.push_back(fs.Date("referral_date", "Anmälningsdatum", Show(p.referral_date)));
        fields.push_back(fs.Select("referrer", "Anmälande part", referrers, selected,
                                   "Den medlem eller enhet som anmälde deltagaren."));
        std::vector<std::string> co;
        for (long long id : p.intake.co_referrer_org_ids) co.push_back(std::to_string(id));
        Options members;
        if (ctx.organisations)
            for (const auto& o : *ctx.organisations)
                if (!o.parent_id) members.emplace_back(std::to_string(o.id), o.name);
        fields.push_back(fs.Checkboxes("co_referrer_org_ids", "Medanmälare (valfritt)", members, co,
                                       "Andra medlemmar som anmälde tillsammans."));
        group("Anmälan", fields);
    }
    if (sections & kDecision) {
        nlohmann::json fields = nlohmann::json::array();
        fields.push_back(fs.Radios("decision", "Beslut", CodeOptions("decision"), p.decision));
        fields.push_back(fs.Date("decision_date", "Beslutsdatum", Show(p.decision_date)));
        group("Beslut", fields);
    }
    if (sections & kStart) {
        const auto& in = p.intake;
        std::map<std::string, std::string> extents;
        for (const auto& s : in.support_at_start) extents[s.code] = Show(s.extent);
        std::vector<std::string> support_codes;
        for (const auto& s : in.support_at_start) support_codes.push_back(s.code);
        nlohmann::json fields = nlohmann::json::array();
        fields.push_back(fs.Date("start_date", "Startdatum", Show(p.start_date)));
        Options kommuner, districts;
        for (const auto& k : domain::AllKommuner())
            kommuner.emplace_back(std::string(k.code), std::string(k.name) + " (" + std::string(k.code) + ")");
        for (const auto& d : domain::AllDistricts()) {
            // Areas merged away stay selectable only for registrations that already use them.
            if (!d.active && d.code != in.residence_district) continue;
            const domain::Kommun* k = domain::FindKommun(d.kommun_code);
            districts.emplace_back(std::string(d.code),
                                   std::string(k ? k->name : d.kommun_code) + " – " + std::string(d.name));
        }
        fields.push_back(fs.Select("residence_kommun", "Folkbokföringskommun", kommuner, in.residence_kommun,
                                   "Lämna tomt om personen är hemlös eller kommunen är okänd."));
        fields.push_back(fs.Select("residence_district", "Stadsdel (valfritt)", districts, in.residence_district,
                                   "Bara för Stockholm och Göteborg."));
        fields.push_back(fs.Select("residence_special", "Saknar kommun", CodeOptions("residence_special"),
                                   in.residence_special, "Välj bara om kommun inte kan anges."));
        fields.push_back(fs.Select("education", "Utbildning", CodeOptions("education"), in.education));
        fields.push_back(fs.Select("time_without_work", "Tid utan arbete eller studier",
                                   CodeOptions("time_without_work"), in.time_without_work));
        fields.push_back(fs.Checkboxes("support_at_start", "Försörjning vid start", CodeOptions("support"),
                                       support_codes, "Välj alla som gäller. Omfattning i procent om den är känd.",
                                       &extents));
        fields.push_back(
            fs.Select("occupation_start", "Sysselsättning vid start", CodeOptions("occupation"), in.occupation_start));
        fields.push_back(fs.Number("occupation_start_extent", "Omfattning av arbete eller studier (%)",
                                   Show(in.occupation_start_extent), "40 timmar i veckan är 100 %. Valfritt."));
        fields.push_back(fs.Select("time_in_support", "Tid med offentlig försörjning (valfritt)",
                                   CodeOptions("time_without_work"), in.time_in_support));
        fields.push_back(fs.Radios("sgi_noll", "SGI noll (valfritt)", CodeOptions("sgi_noll"), in.sgi_noll));
        fields.push_back(fs.Checkboxes("target_groups", "Målgrupp (valfritt)", CodeOptions("target_group"),
                                       in.target_groups, "Välj alla som gäller."));
        fields.push_back(
            fs.Select("birth_region", "Födelseregion (valfritt)", CodeOptions("birth_region"), in.birth_region));
        group("Start och inskrivningsfrågor", fields);
    }
    if (sections & kExit) {
        const auto& out = p.exit;
        std::map<std::string, std::string> extents;
        std::vector<std::string> codes;
        for (const auto& s : out.support_after) {
            extents[s.code] = Show(s.extent);
            codes.push_back(s.code);
        }
        nlohmann::json fields = nlohmann::json::array();
        fields.push_back(fs.Date("end_date", "Slutdatum", Show(p.end_date)));
        fields.push_back(fs.Select("exit_reason", "Avslutsorsak", CodeOptions("exit_reason"), out.exit_reason,
                                   "Felregistrering räknas aldrig i statistiken."));
        fields.push_back(fs.Select("occupation_after", "Sysselsättning efter (valfritt)",
                                   CodeOptions("occupation_after"), out.occupation_after));
        fields.push_back(fs.Number("occupation_after_extent", "Omfattning efter (%)", Show(out.occupation_after_extent),
                                   "Valfritt."));
        fields.push_back(fs.Checkboxes("support_after", "Försörjning efter (valfritt)", CodeOptions("support"), codes,
                                       "Välj alla som gäller.", &extents));
        group("Avslut", fields);
    }
    return groups;
}

}  // namespace foljsam::web

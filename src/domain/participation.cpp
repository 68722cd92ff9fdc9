#include "domain/participation.hpp"

#include <set>

#include "domain/code_lists.hpp"
#include "domain/reference_places.hpp"

namespace foljsam::domain {

const char* StatusCode(ParticipationStatus status) {
    switch (status) {
        case ParticipationStatus::kAnmald:
            return "ANMALD";
        case ParticipationStatus::kBeslut:
            return "BESLUT";
        case ParticipationStatus::kPagaende:
            return "PAGAENDE";
        case ParticipationStatus::kAvslutad:
            return "AVSLUTAD";
    }
    return "ANMALD";
}

ParticipationStatus Participation::status() const {
    if (end_date) return ParticipationStatus::kAvslutad;
    if (start_date) return ParticipationStatus::kPagaende;
    if (!decision.empty()) return ParticipationStatus::kBeslut;
    return ParticipationStatus::kAnmald;
}

std::string AgeGroup(int birth_year, const Date& on) {
    const int age = AgeInYear(birth_year, on);
    if (age < 16) return "<16";
    if (age <= 19) return "16-19";
    if (age <= 24) return "20-24";
    if (age <= 29) return "25-29";
    if (age <= 39) return "30-39";
    if (age <= 49) return "40-49";
    if (age <= 59) return "50-59";
    if (age <= 64) return "60-64";
    return "65+";
}

std::string Participation::age_group() const {
    if (!birth_year) return "";
    if (start_date) return AgeGroup(*birth_year, *start_date);
    if (referral_date) return AgeGroup(*birth_year, *referral_date);
    return "";
}

namespace {

class Checker {
   public:
    explicit Checker(const ValidationContext& ctx) : ctx_(ctx) {}

    void Code(const std::string& field, const std::string& list_id, const std::string& value, bool required,
              const std::string& what) {
        if (value.empty()) {
            if (required) errors_.Add(field, "Välj " + what + ".");
            return;
        }
        const CodeList* list = FindCodeList(list_id);
        if (!list || !list->Contains(value))
            errors_.Add(field, "Okänt värde för " + what + ". Välj ett värde i listan.");
    }

    void Extent(const std::string& field, const std::optional<int>& extent) {
        if (extent && (*extent < 1 || *extent > 100))
            errors_.Add(field, "Omfattningen ska vara ett heltal 1–100 (procent).");
    }

    void Supports(const std::string& field, const std::vector<SupportValue>& values, bool required,
                  const std::string& what) {
        if (values.empty()) {
            if (required) errors_.Add(field, "Välj minst en " + what + ".");
            return;
        }
        std::set<std::string> seen;
        bool exclusive = false;
        for (const auto& v : values) {
            if (!FindCodeList("support")->Contains(v.code)) {
                errors_.Add(field, "Okänt värde för " + what + ". Välj värden i listan.");
                return;
            }
            if (!seen.insert(v.code).second) {
                errors_.Add(field, "Samma försörjning är vald två gånger.");
                return;
            }
            if (v.code == "INGEN" || v.code == "OKAND") exclusive = true;
            Extent(field, v.extent);
        }
        if (exclusive && values.size() > 1)
            errors_.Add(field, "”Ingen offentlig försörjning” och ”Okänd” kan inte kombineras med andra val.");
    }

    void NotFuture(const std::string& field, const std::optional<Date>& date, const std::string& what) {
        if (date && *date > ctx_.today) errors_.Add(field, what + " får inte ligga i framtiden.");
    }

    ValidationErrors& errors() { return errors_; }

   private:
    const ValidationContext& ctx_;
    ValidationErrors errors_;
};

void CheckDates(const Participation& p, const ValidationContext& ctx, Checker& c) {
    auto& e = c.errors();
    if (!p.referral_date && !p.start_date) e.Add("referral_date", "Ange anmälningsdatum.");
    c.NotFuture("referral_date", p.referral_date, "Anmälningsdatum");
    c.NotFuture("decision_date", p.decision_date, "Beslutsdatum");
    c.NotFuture("start_date", p.start_date, "Startdatum");
    c.NotFuture("end_date", p.end_date, "Slutdatum");
    if (p.referral_date && p.decision_date && *p.decision_date < *p.referral_date)
        e.Add("decision_date", "Beslutsdatum kan inte vara före anmälningsdatum.");
    if (p.referral_date && p.start_date && *p.start_date < *p.referral_date)
        e.Add("start_date", "Startdatum kan inte vara före anmälningsdatum.");
    if (p.decision_date && p.start_date && *p.start_date < *p.decision_date)
        e.Add("start_date", "Startdatum kan inte vara före beslutsdatum.");
    if (p.end_date && !p.start_date) e.Add("end_date", "Ett deltagande kan inte avslutas innan det har startat.");
    if (p.end_date && p.start_date && *p.end_date < *p.start_date)
        e.Add("end_date", "Slutdatum kan inte vara före startdatum.");
    c.Code("decision", "decision", p.decision, false, "beslut");
    if (!p.decision.empty() && !p.decision_date) e.Add("decision_date", "Ange beslutsdatum.");
    if (p.decision.empty() && p.decision_date) e.Add("decision", "Välj beslut.");
    if (p.decision == "AVSLAG" && p.start_date) e.Add("decision", "Ett deltagande med avslag kan inte starta.");
    (void)ctx;
}

void CheckPerson(const Participation& p, const ValidationContext& ctx, Checker& c) {
    auto& e = c.errors();
    c.Code("gender", "gender", p.gender, true, "kön");
    if (p.birth_year) {
        if (*p.birth_year < 1900 || *p.birth_year > ctx.today.year) {
            e.Add("birth_year", "Födelseår ska vara ett år mellan 1900 och " + std::to_string(ctx.today.year) + ".");
        } else if (p.start_date && AgeInYear(*p.birth_year, *p.start_date) < 15) {
            e.Add("birth_year", "Deltagaren måste vara minst 15 år vid start.");
        }
    } else if (!p.anonymous) {
        e.Add("birth_year", "Ange födelseår.");
    }
    if (p.anonymous) {
        if (p.consent_date) e.Add("consent_date", "Ett anonymt deltagande har inget samtycke till identitet.");
        return;
    }
    if (ctx.identity_mode && !p.consent_date)
        e.Add("consent_date", "Ange datum för samtycke. Utan samtycke registreras deltagandet anonymt.");
    c.NotFuture("consent_date", p.consent_date, "Datum för samtycke");
    if (p.consent_form.size() > kMaxShortTextLength)
        e.Add("consent_form", "Samtyckesblanketten får vara högst " + std::to_string(kMaxShortTextLength) + " tecken.");
}

void CheckIntake(const Participation& p, const ValidationContext& ctx, Checker& c) {
    auto& e = c.errors();
    const IntakeAnswers& in = p.intake;
    const bool started = p.start_date.has_value();
    c.Code("referrer", "referrer_kind", in.referrer, started, "anmälande part");
    if (in.referrer == "ORG" && !in.referrer_org_id) e.Add("referrer", "Välj vilken organisation som anmälde.");
    if (in.referrer != "ORG" && in.referrer_org_id)
        e.Add("referrer", "Anmälande organisation anges bara när en medlem anmält.");
    if (in.referrer == "EGENANMALAN" && !ctx.self_referral_allowed)
        e.Add("referrer", "Insatsen tar inte emot egenanmälan.");
    const int residence_parts = !in.residence_kommun.empty() + !in.residence_special.empty();
    if (residence_parts == 0 && started) e.Add("residence_kommun", "Ange folkbokföringskommun, eller hemlös/okänd.");
    if (residence_parts > 1) e.Add("residence_kommun", "Ange antingen kommun eller hemlös/okänd, inte båda.");
    if (!in.residence_kommun.empty() && !FindKommun(in.residence_kommun))
        e.Add("residence_kommun", "Okänd kommun. Välj en kommun i listan (kommunkod med fyra siffror).");
    if (!in.residence_district.empty()) {
        if (in.residence_kommun.empty()) {
            e.Add("residence_district", "Stadsdel kan bara anges tillsammans med kommun.");
        } else if (!FindDistrict(in.residence_kommun, in.residence_district)) {
            e.Add("residence_district", "Okänd stadsdel för den valda kommunen. Välj en stadsdel i listan.");
        }
    }
    c.Code("residence_special", "residence_special", in.residence_special, false, "boende");
    c.Code("education", "education", in.education, started, "utbildning");
    c.Code("time_without_work", "time_without_work", in.time_without_work, started, "tid utan arbete eller studier");
    c.Supports("support_at_start", in.support_at_start, started, "försörjning vid start");
    c.Code("occupation_start", "occupation", in.occupation_start, started, "sysselsättning vid start");
    c.Extent("occupation_start_extent", in.occupation_start_extent);
    if (in.occupation_start_extent && in.occupation_start != "ARBETE" && in.occupation_start != "STUDIER")
        e.Add("occupation_start_extent", "Omfattning anges bara för arbete eller studier.");
    c.Code("time_in_support", "time_without_work", in.time_in_support, false, "tid med offentlig försörjning");
    c.Code("sgi_noll", "sgi_noll", in.sgi_noll, false, "SGI noll");
    std::set<std::string> groups;
    for (const auto& g : in.target_groups) {
        if (!FindCodeList("target_group")->Contains(g)) {
            e.Add("target_groups", "Okänt värde för målgrupp. Välj värden i listan.");
            break;
        }
        if (!groups.insert(g).second) {
            e.Add("target_groups", "Samma målgrupp är vald två gånger.");
            break;
        }
    }
    c.Code("birth_region", "birth_region", in.birth_region, false, "födelseregion");
}

void CheckExit(const Participation& p, Checker& c) {
    auto& e = c.errors();
    const ExitAnswers& out = p.exit;
    if (p.end_date) {
        c.Code("exit_reason", "exit_reason", out.exit_reason, true, "avslutsorsak");
    } else if (!out.exit_reason.empty() || !out.occupation_after.empty() || !out.support_after.empty()) {
        e.Add("end_date", "Ange slutdatum när avslutsuppgifter fylls i.");
    }
    c.Code("occupation_after", "occupation_after", out.occupation_after, false, "sysselsättning efter");
    c.Extent("occupation_after_extent", out.occupation_after_extent);
    c.Supports("support_after", out.support_after, false, "försörjning efter");
}

}  // namespace

Status Validate(const Participation& p, const ValidationContext& ctx) {
    Checker checker(ctx);
    CheckDates(p, ctx, checker);
    CheckPerson(p, ctx, checker);
    CheckIntake(p, ctx, checker);
    CheckExit(p, checker);
    return checker.errors().ToStatus();
}

}  // namespace foljsam::domain

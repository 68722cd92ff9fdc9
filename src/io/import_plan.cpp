#include "io/import_plan.hpp"

#include <algorithm>
#include <set>

#include "domain/code_lists.hpp"
#include "domain/personnummer.hpp"
#include "domain/reference_places.hpp"
#include "domain/text.hpp"
#include "io/import_values.hpp"

namespace foljsam::io {
namespace {

const char* kHidden = "(visas inte)";

// A coded answer that the file left empty is registered as "Okänd" when its list has
// that value, so old files without the column still import; the plan counts them.
const std::map<Column, std::string> kUnknownFill = {
    {Column::kUtbildning, "OKAND"},
    {Column::kTidUtanArbete, "OKAND"},
    {Column::kForsorjningStart, "OKAND"},
    {Column::kSysselsattningStart, "OKAND"},
};

bool IsMember(const domain::Organisation& o) { return !o.parent_id.has_value(); }

// Everything one row needs while it is read; keeps PlanImport's loop short.
class RowReader {
   public:
    RowReader(const Row& row, const ImportPlan& plan, const ImportContext& context, const ImportSettings& settings,
              std::map<std::pair<Column, std::string>, UnknownValue>& unknown)
        : row_(row), plan_(plan), context_(context), settings_(settings), unknown_(unknown) {}

    const Cell& At(Column column) const {
        static const Cell kEmpty;
        for (size_t j = 0; j < plan_.mapping.size(); ++j)
            if (plan_.mapping[j] == column) return j < row_.cells.size() ? row_.cells[j] : kEmpty;
        return kEmpty;
    }
    bool Has(Column column) const {
        return std::find(plan_.mapping.begin(), plan_.mapping.end(), column) != plan_.mapping.end();
    }
    std::string Text(Column column) const { return domain::Trim(CellText(At(column))); }
    std::string Header(Column column) const {
        for (size_t j = 0; j < plan_.mapping.size(); ++j)
            if (plan_.mapping[j] == column && j < plan_.headers.size()) return plan_.headers[j];
        return std::string(SpecOf(column).header);
    }
    void Issue(PlannedRow& out, Column column, std::string value, std::string expected) const {
        for (const auto& i : out.issues)
            if (i.column == Header(column)) return;  // one issue per cell is enough
        out.issues.push_back({row_.number, Header(column), std::move(value), std::move(expected)});
    }
    // The user's decision for a value of this column, if any ("" = reject).
    std::optional<std::string> Decision(Column column, const std::string& value) const {
        auto it = settings_.values.find({std::string(ColumnId(column)), NormalizeKey(value)});
        if (it == settings_.values.end()) return std::nullopt;
        return it->second;
    }
    // Records an unknown value and the row's issue about it.
    void Unknown(PlannedRow& out, Column column, const std::string& value, std::string expected,
                 std::vector<std::pair<std::string, std::string>> choices) const {
        auto& u = unknown_[{column, NormalizeKey(value)}];
        if (u.rows == 0) {
            u = {column, Header(column), value, NormalizeKey(value), 0, row_.number, std::move(choices)};
        }
        ++u.rows;
        Issue(out, column, value, "Okänt värde. Väntade " + expected + ".");
    }
    // A coded value: decision, then code, label or synonym; "" when empty or unknown.
    std::string Code(PlannedRow& out, Column column, const std::string& value) const {
        if (value.empty()) return "";
        const auto& spec = SpecOf(column);
        if (auto d = Decision(column, value)) {
            if (d->empty()) Issue(out, column, value, "Värdet avvisades när värdena mappades.");
            return *d;
        }
        if (auto code = MatchCode(spec.code_list, value)) return *code;
        Unknown(out, column, value, "ett värde i listan " + std::string(ListLabels(spec.code_list)),
                ListChoices(spec.code_list));
        return "";
    }
    static std::string ListLabels(std::string_view list_id) {
        std::string out;
        if (const auto* list = domain::FindCodeList(list_id))
            for (const auto& v : list->values) out += (out.empty() ? "" : ", ") + std::string(v.label);
        return out;
    }
    static std::vector<std::pair<std::string, std::string>> ListChoices(std::string_view list_id) {
        std::vector<std::pair<std::string, std::string>> out;
        if (const auto* list = domain::FindCodeList(list_id))
            for (const auto& v : list->values) out.emplace_back(v.code, v.label);
        return out;
    }
    const Row& row() const { return row_; }
    const ImportContext& context() const { return context_; }

   private:
    const Row& row_;
    const ImportPlan& plan_;
    const ImportContext& context_;
    const ImportSettings& settings_;
    std::map<std::pair<Column, std::string>, UnknownValue>& unknown_;
};

std::vector<std::pair<std::string, std::string>> InsatsChoices(const ImportContext& c) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& i : c.insatser) out.emplace_back(std::to_string(i.id), i.name);
    return out;
}

std::vector<std::pair<std::string, std::string>> ReferrerChoices(const ImportContext& c) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& o : c.organisations)
        if (o.active) out.emplace_back(std::to_string(o.id), o.name);
    out.emplace_back("EGENANMALAN", "Egenanmälan");
    out.emplace_back("ANNAN", "Annan");
    return out;
}

const domain::Insats* ReadInsats(const RowReader& r, PlannedRow& out, ImportPlan& plan) {
    const auto& c = r.context();
    const std::string text = r.Text(Column::kInsats);
    auto by_id = [&](long long id) -> const domain::Insats* {
        for (const auto& i : c.insatser)
            if (i.id == id) return &i;
        return nullptr;
    };
    if (text.empty()) {
        if (c.default_insats_id) {
            out.insats_id = c.default_insats_id;
            return by_id(*c.default_insats_id);
        }
        r.Issue(out, Column::kInsats, "", "namnet på en insats i Följsam.");
        return nullptr;
    }
    if (auto d = r.Decision(Column::kInsats, text)) {
        if (d->empty() || !std::all_of(d->begin(), d->end(), ::isdigit) || !by_id(std::stoll(*d))) {
            r.Issue(out, Column::kInsats, text, "Värdet avvisades när värdena mappades.");
            return nullptr;
        }
        out.insats_id = std::stoll(*d);
        return by_id(*out.insats_id);
    }
    for (const auto& i : c.insatser)
        if (NormalizeKey(i.name) == NormalizeKey(text)) {
            out.insats_id = i.id;
            return &i;
        }
    if (c.create_missing) {
        out.new_insats = text;
        if (std::find(plan.new_insatser.begin(), plan.new_insatser.end(), text) == plan.new_insatser.end())
            plan.new_insatser.push_back(text);
        return nullptr;
    }
    r.Unknown(out, Column::kInsats, text, "en insats som finns i Följsam", InsatsChoices(c));
    return nullptr;
}

const domain::Organisation* FindOrganisation(const ImportContext& c, long long id) {
    for (const auto& o : c.organisations)
        if (o.id == id) return &o;
    return nullptr;
}

// True when `unit` is `member` or lies under it.
bool IsUnder(const ImportContext& c, const domain::Organisation& unit, long long member_id) {
    const domain::Organisation* o = &unit;
    for (int depth = 0; o && depth < 32; ++depth) {
        if (o->id == member_id) return true;
        o = o->parent_id ? FindOrganisation(c, *o->parent_id) : nullptr;
    }
    return false;
}

void AddNewOrganisation(ImportPlan& plan, NewOrganisation org) {
    for (const auto& o : plan.new_organisations)
        if (NormalizeKey(o.name) == NormalizeKey(org.name) &&
            NormalizeKey(o.parent_name) == NormalizeKey(org.parent_name))
            return;
    plan.new_organisations.push_back(std::move(org));
}

void ReadReferrer(const RowReader& r, PlannedRow& out, ImportPlan& plan) {
    const auto& c = r.context();
    auto& in = out.participation.intake;
    const std::string text = r.Text(Column::kAnmalandePart);
    const std::string unit = r.Text(Column::kAnmalandeEnhet);
    if (text.empty()) {
        if (!unit.empty()) r.Issue(out, Column::kAnmalandeEnhet, unit, "att Anmälande part också är ifylld.");
        return;
    }
    std::optional<long long> member_id;
    std::string new_member;
    const std::string key = NormalizeKey(text);
    if (auto d = r.Decision(Column::kAnmalandePart, text)) {
        if (*d == "EGENANMALAN" || *d == "ANNAN") {
            in.referrer = *d;
        } else if (!d->empty() && std::all_of(d->begin(), d->end(), ::isdigit) && FindOrganisation(c, std::stoll(*d))) {
            member_id = std::stoll(*d);
        } else {
            r.Issue(out, Column::kAnmalandePart, text, "Värdet avvisades när värdena mappades.");
            return;
        }
    } else if (key == "egenanmälan" || key == "egenanmalan" || key == "självanmälan" || key == "egen") {
        in.referrer = "EGENANMALAN";
    } else if (key == "annan" || key == "annat" || key == "övrig" || key == "övriga") {
        in.referrer = "ANNAN";
    } else {
        for (const auto& o : c.organisations)
            if (NormalizeKey(o.name) == key) {
                member_id = o.id;
                break;
            }
        if (!member_id) {
            // A member type alone ("Kommun", "FK") names the association's only member of it.
            std::string type;
            if (key == "kommun" || key == "kommunen")
                type = "KOMMUN";
            else if (key == "region" || key == "regionen")
                type = "REGION";
            else if (key == "fk" || key == "försäkringskassan")
                type = "FK";
            else if (key == "af" || key == "arbetsförmedlingen")
                type = "AF";
            std::vector<long long> of_type;
            for (const auto& o : c.organisations)
                if (IsMember(o) && o.member_type == type) of_type.push_back(o.id);
            if (!type.empty() && of_type.size() == 1) member_id = of_type.front();
        }
        if (!member_id) {
            const std::string type = MemberTypeFromName(text);
            if (c.create_missing && !type.empty()) {
                new_member = text;
                AddNewOrganisation(plan, {text, type, ""});
            } else {
                r.Unknown(out, Column::kAnmalandePart, text,
                          c.create_missing ? "en medlem vars typ framgår av namnet (kommun, stad, Region …, "
                                             "Försäkringskassan, Arbetsförmedlingen), Egenanmälan eller Annan"
                                           : "en medlem i förbundet, Egenanmälan eller Annan",
                          ReferrerChoices(c));
                return;
            }
        }
    }
    if (!in.referrer.empty()) {
        if (!unit.empty()) r.Issue(out, Column::kAnmalandeEnhet, unit, "tom enhet när en medlem inte anmält.");
        return;
    }
    in.referrer = "ORG";
    in.referrer_org_id = member_id;
    out.new_referrer_member = new_member;
    if (unit.empty()) return;
    if (auto d = r.Decision(Column::kAnmalandeEnhet, unit)) {
        if (!d->empty() && std::all_of(d->begin(), d->end(), ::isdigit) && FindOrganisation(c, std::stoll(*d))) {
            in.referrer_org_id = std::stoll(*d);
            return;
        }
        r.Issue(out, Column::kAnmalandeEnhet, unit, "Värdet avvisades när värdena mappades.");
        return;
    }
    if (member_id) {
        for (const auto& o : c.organisations)
            if (o.parent_id && NormalizeKey(o.name) == NormalizeKey(unit) && IsUnder(c, o, *member_id)) {
                in.referrer_org_id = o.id;
                return;
            }
    }
    if (c.create_missing) {
        const std::string parent = member_id ? FindOrganisation(c, *member_id)->name : new_member;
        const auto* member = member_id ? FindOrganisation(c, *member_id) : nullptr;
        AddNewOrganisation(plan, {unit, member ? member->member_type : MemberTypeFromName(new_member), parent});
        out.new_referrer_unit = unit;
        return;
    }
    std::vector<std::pair<std::string, std::string>> choices;
    for (const auto& o : c.organisations)
        if (o.parent_id && (!member_id || IsUnder(c, o, *member_id)))
            choices.emplace_back(std::to_string(o.id), o.name);
    r.Unknown(out, Column::kAnmalandeEnhet, unit, "en enhet under den anmälande medlemmen", choices);
}

const domain::Kommun* KommunByName(const std::string& text) {
    const std::string key = NormalizeKey(text);
    for (const auto& k : domain::AllKommuner())
        if (NormalizeKey(k.name) == key) return &k;
    // "Stockholms stad", "Botkyrka kommun", "Göteborgs Stad": drop the suffix and a genitive s.
    for (std::string_view suffix : {"kommun", "stad"}) {
        if (key.size() > suffix.size() && key.ends_with(suffix)) {
            std::string base = key.substr(0, key.size() - suffix.size());
            for (const auto& k : domain::AllKommuner())
                if (NormalizeKey(k.name) == base || NormalizeKey(k.name) + "s" == base) return &k;
        }
    }
    return nullptr;
}

void ReadResidence(const RowReader& r, PlannedRow& out) {
    auto& in = out.participation.intake;
    const std::string kommun = r.Text(Column::kFolkbokforingskommun);
    const std::string district = r.Text(Column::kStadsdel);
    auto special = [](const std::string& text) -> std::string {
        const std::string key = NormalizeKey(text);
        if (key == "hemlös" || key == "hemlos" || key == "saknarfastadress" || key == "hemlössaknarfastadress")
            return "HEMLOS";
        if (key == "okänd" || key == "okänt" || key == "vetej" || key == "villejuppge" || key == "okändvillejuppge")
            return "OKAND";
        return "";
    };
    if (!kommun.empty()) {
        if (auto d = r.Decision(Column::kFolkbokforingskommun, kommun)) {
            if (d->empty() || !domain::FindKommun(*d))
                r.Issue(out, Column::kFolkbokforingskommun, kommun, "Värdet avvisades när värdena mappades.");
            else
                in.residence_kommun = *d;
        } else if (kommun.size() == 4 && std::all_of(kommun.begin(), kommun.end(), ::isdigit) &&
                   domain::FindKommun(kommun)) {
            in.residence_kommun = kommun;
        } else if (const auto* k = KommunByName(kommun)) {
            in.residence_kommun = std::string(k->code);
        } else if (auto s = special(kommun); !s.empty()) {
            in.residence_special = s;
        } else {
            std::vector<std::pair<std::string, std::string>> choices;
            for (const auto& k : domain::AllKommuner()) choices.emplace_back(std::string(k.code), std::string(k.name));
            r.Unknown(out, Column::kFolkbokforingskommun, kommun, "en kommuns namn eller kommunkod", choices);
        }
    }
    if (district.empty()) return;
    if (auto s = special(district); !s.empty()) {
        if (in.residence_kommun.empty()) in.residence_special = s;
        return;
    }
    auto d = r.Decision(Column::kStadsdel, district);
    const std::string key = NormalizeKey(district);
    std::vector<std::pair<std::string, std::string>> choices;
    for (const auto& dist : domain::AllDistricts()) {
        if (!in.residence_kommun.empty() && dist.kommun_code != in.residence_kommun) continue;
        choices.emplace_back(std::string(dist.code), std::string(dist.name));
        const bool match = d ? *d == dist.code : (NormalizeKey(dist.code) == key || NormalizeKey(dist.name) == key);
        if (match) {
            if (in.residence_kommun.empty()) in.residence_kommun = std::string(dist.kommun_code);
            in.residence_district = std::string(dist.code);
            return;
        }
    }
    if (d) {
        r.Issue(out, Column::kStadsdel, district, "Värdet avvisades när värdena mappades.");
        return;
    }
    r.Unknown(out, Column::kStadsdel, district,
              in.residence_kommun.empty() || !domain::HasDistricts(in.residence_kommun)
                  ? "en stadsdel i Stockholm eller Göteborg, Hemlös eller Okänd"
                  : "en stadsdel i folkbokföringskommunen, Hemlös eller Okänd",
              choices);
}

std::vector<domain::SupportValue> ReadSupports(const RowReader& r, PlannedRow& out, Column column) {
    std::vector<domain::SupportValue> values;
    for (const auto& part : SplitValues(r.Text(column))) {
        auto split = SplitTrailingExtent(part);
        std::string code = r.Code(out, column, split.rest);
        if (!code.empty()) values.push_back({code, split.extent});
    }
    return values;
}

std::optional<domain::Date> ReadDate(const RowReader& r, PlannedRow& out, Column column) {
    const Cell& cell = r.At(column);
    if (cell.empty() || (cell.kind == Cell::Kind::kText && domain::Trim(cell.text).empty())) return std::nullopt;
    auto date = ParseDateCell(cell);
    if (!date.ok()) {
        r.Issue(out, column, CellText(cell), date.status().message());
        return std::nullopt;
    }
    return *date;
}

// Field ids of domain::Validate -> template column.
std::optional<Column> ColumnOfField(const std::string& field) {
    static const std::map<std::string, Column> table = {
        {"referral_date", Column::kAnmalningsdatum},
        {"decision", Column::kBeslut},
        {"decision_date", Column::kBeslutsdatum},
        {"start_date", Column::kStartdatum},
        {"end_date", Column::kSlutdatum},
        {"gender", Column::kKon},
        {"birth_year", Column::kFodelsear},
        {"consent_date", Column::kSamtycke},
        {"referrer", Column::kAnmalandePart},
        {"referrer_org_id", Column::kAnmalandePart},
        {"residence_kommun", Column::kFolkbokforingskommun},
        {"residence_district", Column::kStadsdel},
        {"residence_special", Column::kStadsdel},
        {"education", Column::kUtbildning},
        {"time_without_work", Column::kTidUtanArbete},
        {"support_at_start", Column::kForsorjningStart},
        {"occupation_start", Column::kSysselsattningStart},
        {"occupation_start_extent", Column::kSysselsattningStart},
        {"time_in_support", Column::kTidIForsorjning},
        {"sgi_noll", Column::kSgiNoll},
        {"target_groups", Column::kMalgrupp},
        {"birth_region", Column::kFodelseregion},
        {"exit_reason", Column::kAvslutsorsak},
        {"occupation_after", Column::kSysselsattningEfter},
        {"occupation_after_extent", Column::kSysselsattningEfter},
        {"support_after", Column::kForsorjningEfter},
    };
    auto it = table.find(field);
    if (it == table.end()) return std::nullopt;
    return it->second;
}

PlannedRow ReadRow(const RowReader& r, ImportPlan& plan, std::map<Column, int>& filled) {
    const auto& c = r.context();
    PlannedRow out;
    out.row = r.row().number;
    out.rad_id = r.Text(Column::kRadId);
    auto& p = out.participation;
    const domain::Insats* insats = ReadInsats(r, out, plan);
    const bool identity_mode = insats && insats->with_identity();
    if (insats) p.insats_id = insats->id;

    // Who: anonymous, personnummer, participant code, gender and birth year.
    std::optional<bool> anonymous;
    if (!r.Text(Column::kAnonym).empty()) {
        auto yes = ParseYesNo(r.At(Column::kAnonym));
        if (yes.ok())
            anonymous = *yes;
        else
            r.Issue(out, Column::kAnonym, r.Text(Column::kAnonym), yes.status().message());
    }
    const std::string pnr_text = r.Text(Column::kPersonnummer);
    std::optional<domain::Personnummer> pnr;
    if (!pnr_text.empty()) {
        if (anonymous.value_or(false)) {
            r.Issue(out, Column::kPersonnummer, kHidden, "Tomt personnummer när Anonym är Ja.");
        } else if (auto parsed = domain::Personnummer::Parse(pnr_text, c.today); parsed.ok()) {
            pnr = *parsed;
            out.personnummer = parsed->canonical();
        } else {
            r.Issue(out, Column::kPersonnummer, kHidden,
                    parsed.status().message() + " Väntade ett personnummer eller samordningsnummer, ÅÅÅÅMMDD-NNNN.");
        }
    }
    out.participant_code = r.Text(Column::kDeltagarkod);
    if (anonymous.value_or(false) && !out.participant_code.empty())
        r.Issue(out, Column::kDeltagarkod, out.participant_code, "Tom deltagarkod när Anonym är Ja.");
    const bool has_person = !pnr_text.empty() || !out.participant_code.empty();
    p.anonymous = anonymous.value_or(!has_person);
    if (!p.anonymous && !has_person)
        r.Issue(out, identity_mode ? Column::kPersonnummer : Column::kDeltagarkod, "",
                identity_mode ? "Ett personnummer (insatsen registrerar med identitet), eller Anonym = Ja."
                              : "En deltagarkod eller ett personnummer, eller Anonym = Ja.");
    if (identity_mode && !p.anonymous && pnr_text.empty() && !out.participant_code.empty())
        r.Issue(out, Column::kPersonnummer, "", "Ett personnummer: insatsen registrerar med identitet.");
    if (identity_mode && !p.anonymous) out.name = r.Text(Column::kNamn);  // otherwise never kept

    const std::string gender = r.Text(Column::kKon);
    if (!gender.empty()) {
        p.gender = r.Code(out, Column::kKon, gender);
        out.explicit_gender = true;
    } else if (pnr) {
        p.gender = pnr->legal_gender() == domain::LegalGender::kWoman ? "K" : "M";
    } else {
        r.Issue(out, Column::kKon, "", "K, M, X eller U (eller ett personnummer att läsa könet ur).");
    }
    if (!r.Text(Column::kFodelsear).empty()) {
        auto year = ParseYearCell(r.At(Column::kFodelsear));
        if (!year.ok())
            r.Issue(out, Column::kFodelsear, r.Text(Column::kFodelsear), year.status().message());
        else if (pnr && *year != pnr->birth_year())
            r.Issue(out, Column::kFodelsear, r.Text(Column::kFodelsear), "Samma födelseår som i personnumret.");
        else
            p.birth_year = *year;
    } else if (pnr) {
        p.birth_year = pnr->birth_year();
    }

    // Dates and decision.
    p.referral_date = ReadDate(r, out, Column::kAnmalningsdatum);
    p.decision_date = ReadDate(r, out, Column::kBeslutsdatum);
    p.start_date = ReadDate(r, out, Column::kStartdatum);
    p.end_date = ReadDate(r, out, Column::kSlutdatum);
    p.decision = r.Code(out, Column::kBeslut, r.Text(Column::kBeslut));
    if (!p.start_date && !r.Text(Column::kStartdatum).empty()) {
        // already reported
    } else if (!p.start_date && (p.end_date || !p.referral_date) && r.Text(Column::kStartdatum).empty() &&
               r.Text(Column::kAnmalningsdatum).empty()) {
        r.Issue(out, Column::kStartdatum, "", "Ett startdatum (eller ett anmälningsdatum för en anmälan).");
    }
    if (p.birth_year) {
        const auto on = p.start_date ? p.start_date : p.referral_date;
        if (on) {
            const int age = domain::AgeInYear(*p.birth_year, *on);
            if (age < 15 || age > 70)
                r.Issue(out, Column::kFodelsear, std::to_string(*p.birth_year),
                        "Ett troligt födelseår: deltagaren blir " + std::to_string(age) +
                            " år det år insatsen börjar; väntade 15–70 år.");
        }
    }

    // Intake answers.
    ReadReferrer(r, out, plan);
    ReadResidence(r, out);
    auto& in = p.intake;
    in.education = r.Code(out, Column::kUtbildning, r.Text(Column::kUtbildning));
    in.time_without_work = r.Code(out, Column::kTidUtanArbete, r.Text(Column::kTidUtanArbete));
    in.support_at_start = ReadSupports(r, out, Column::kForsorjningStart);
    {
        auto split = SplitTrailingExtent(r.Text(Column::kSysselsattningStart));
        in.occupation_start = r.Code(out, Column::kSysselsattningStart, split.rest);
        in.occupation_start_extent = split.extent;
    }
    in.time_in_support = r.Code(out, Column::kTidIForsorjning, r.Text(Column::kTidIForsorjning));
    in.sgi_noll = r.Code(out, Column::kSgiNoll, r.Text(Column::kSgiNoll));
    for (const auto& part : SplitValues(r.Text(Column::kMalgrupp))) {
        std::string code = r.Code(out, Column::kMalgrupp, part);
        if (!code.empty() &&
            std::find(in.target_groups.begin(), in.target_groups.end(), code) == in.target_groups.end())
            in.target_groups.push_back(code);
    }
    in.birth_region = r.Code(out, Column::kFodelseregion, r.Text(Column::kFodelseregion));
    if (p.start_date) {
        for (const auto& [column, code] : kUnknownFill) {
            const bool empty = r.Text(column).empty();
            if (!empty) continue;
            if (column == Column::kForsorjningStart)
                in.support_at_start = {{code, std::nullopt}};
            else if (column == Column::kUtbildning)
                in.education = code;
            else if (column == Column::kTidUtanArbete)
                in.time_without_work = code;
            else
                in.occupation_start = code;
            ++filled[column];
        }
        if (in.residence_kommun.empty() && in.residence_special.empty() &&
            r.Text(Column::kFolkbokforingskommun).empty() && r.Text(Column::kStadsdel).empty()) {
            in.residence_special = "OKAND";
            ++filled[Column::kFolkbokforingskommun];
        }
    }

    // Exit answers.
    auto& ex = p.exit;
    ex.exit_reason = r.Code(out, Column::kAvslutsorsak, r.Text(Column::kAvslutsorsak));
    {
        auto split = SplitTrailingExtent(r.Text(Column::kSysselsattningEfter));
        ex.occupation_after = r.Code(out, Column::kSysselsattningEfter, split.rest);
        ex.occupation_after_extent = split.extent;
    }
    ex.support_after = ReadSupports(r, out, Column::kForsorjningEfter);

    // Consent: a date, or Ja (then the first date of the participation) / Nej.
    const std::string consent = r.Text(Column::kSamtycke);
    if (!consent.empty() && !p.anonymous) {
        auto as_date = ParseDateCell(r.At(Column::kSamtycke));
        if (as_date.ok()) {
            p.consent_date = *as_date;
        } else if (auto yes = ParseYesNo(r.At(Column::kSamtycke)); yes.ok()) {
            if (*yes) p.consent_date = p.referral_date ? p.referral_date : p.start_date ? p.start_date : c.today;
        } else {
            r.Issue(out, Column::kSamtycke, consent, "Ja, Nej eller datumet då samtycke gavs.");
        }
    }

    // Every rule of the participation itself, reported on its column.
    domain::Participation probe = p;
    if (probe.gender.empty()) probe.gender = "U";                                       // already reported above
    if (!probe.birth_year && !p.anonymous) probe.birth_year = 1980;                     // reported above when wrong
    if (in.referrer == "ORG" && !in.referrer_org_id) probe.intake.referrer_org_id = 0;  // created by the import
    const domain::ValidationContext ctx{c.today, identity_mode, insats ? insats->self_referral_allowed : true};
    const Status st = domain::Validate(probe, ctx);
    for (const auto& f : st.fields()) {
        auto column = ColumnOfField(f.field);
        if (!column) continue;
        if (f.field == "referrer" && in.referrer == "ORG" && !in.referrer_org_id) continue;
        r.Issue(out, *column, *column == Column::kPersonnummer ? kHidden : r.Text(*column), f.message);
    }
    return out;
}

}  // namespace

size_t ImportPlan::RejectedRows() const {
    return static_cast<size_t>(std::count_if(rows.begin(), rows.end(), [](const PlannedRow& r) { return !r.ok(); }));
}

int FindHeaderRow(const Sheet& sheet) {
    int best_row = 0;
    int best = 1;
    for (size_t i = 0; i < sheet.rows.size() && i < 30; ++i) {
        int matches = 0;
        for (const auto& cell : sheet.rows[i].cells)
            if (cell.kind == Cell::Kind::kText && ColumnForHeader(cell.text)) ++matches;
        if (matches > best) {
            best = matches;
            best_row = sheet.rows[i].number;
        }
    }
    return best_row;
}

std::string MemberTypeFromName(std::string_view name) {
    const std::string key = NormalizeKey(name);
    if (key.find("försäkringskassan") != std::string::npos) return "FK";
    if (key.find("arbetsförmedlingen") != std::string::npos) return "AF";
    if (key.starts_with("region")) return "REGION";
    if (key.ends_with("kommun") || key.ends_with("stad")) return "KOMMUN";
    if (KommunByName(std::string(name))) return "KOMMUN";
    return "";
}

ImportPlan PlanImport(const Sheet& sheet, const ImportContext& context, const ImportSettings& settings) {
    ImportPlan plan;
    plan.header_row = FindHeaderRow(sheet);
    if (plan.header_row == 0) {
        plan.file_issues.push_back({0, "", "",
                                    "En rubrikrad med mallens rubriker, t.ex. Insats, Deltagarkod, Kön, "
                                    "Födelseår, Startdatum (minst två av dem)."});
        return plan;
    }
    const Row* header = nullptr;
    for (const auto& row : sheet.rows)
        if (row.number == plan.header_row) header = &row;
    std::set<Column> seen;
    for (size_t j = 0; j < header->cells.size(); ++j) {
        const std::string text = domain::Trim(CellText(header->cells[j]));
        plan.headers.push_back(text);
        std::optional<Column> column;
        if (auto it = settings.columns.find(NormalizeKey(text)); it != settings.columns.end()) {
            column = ColumnFromId(it->second);
        } else {
            column = ColumnForHeader(text);
        }
        if (column && !seen.insert(*column).second) {
            plan.file_issues.push_back({plan.header_row, text, text,
                                        "En rubrik per mallkolumn: " + std::string(SpecOf(*column).header) +
                                            " finns redan till vänster om kolumn " + ColumnName(j + 1) + "."});
            column.reset();
        }
        plan.mapping.push_back(column);
    }
    if (!seen.count(Column::kInsats) && !context.default_insats_id)
        plan.file_issues.push_back({0, "Insats", "", "En kolumn Insats, eller att insatsen väljs för hela filen."});
    if (!seen.count(Column::kStartdatum) && !seen.count(Column::kAnmalningsdatum))
        plan.file_issues.push_back({0, "Startdatum", "", "En kolumn Startdatum (eller Anmälningsdatum)."});
    if (!plan.file_issues.empty()) return plan;

    std::map<std::pair<Column, std::string>, UnknownValue> unknown;
    std::map<Column, int> filled;
    std::map<std::string, int> rad_ids;        // insats key + rad-id -> first row
    std::map<std::string, int> person_starts;  // insats key + person + start -> first row
    for (const auto& row : sheet.rows) {
        if (row.number <= plan.header_row) continue;
        bool any = false;
        for (size_t j = 0; j < row.cells.size() && j < plan.mapping.size(); ++j)
            if (plan.mapping[j] && !domain::Trim(CellText(row.cells[j])).empty()) any = true;
        if (!any) continue;
        RowReader reader(row, plan, context, settings, unknown);
        PlannedRow planned = ReadRow(reader, plan, filled);
        const std::string insats_key =
            planned.insats_id ? std::to_string(*planned.insats_id) : "new:" + NormalizeKey(planned.new_insats);
        if (!planned.rad_id.empty()) {
            auto [it, fresh] = rad_ids.emplace(insats_key + "\x1f" + planned.rad_id, row.number);
            if (!fresh)
                reader.Issue(
                    planned, Column::kRadId, planned.rad_id,
                    "Ett Rad-id som är unikt i insatsen; samma finns på rad " + std::to_string(it->second) + ".");
        }
        const std::string who = !planned.personnummer.empty()       ? "p:" + planned.personnummer
                                : !planned.participant_code.empty() ? "c:" + planned.participant_code
                                                                    : "";
        if (!who.empty() && planned.participation.start_date) {
            auto [it, fresh] = person_starts.emplace(
                insats_key + "\x1f" + who + "\x1f" + planned.participation.start_date->ToString(), row.number);
            if (!fresh)
                reader.Issue(planned, Column::kStartdatum, planned.participation.start_date->ToString(),
                             "Samma deltagare och startdatum i samma insats bara en gång; finns redan på rad " +
                                 std::to_string(it->second) + ".");
        }
        plan.rows.push_back(std::move(planned));
    }
    for (auto& [key, value] : unknown) plan.unknown.push_back(std::move(value));
    std::sort(plan.unknown.begin(), plan.unknown.end(),
              [](const UnknownValue& a, const UnknownValue& b) { return a.first_row < b.first_row; });
    for (const auto& [column, count] : filled) plan.filled_unknown.emplace_back(column, count);
    return plan;
}

}  // namespace foljsam::io

#include "io/template_content.hpp"

#include <map>
#include <set>
#include <string_view>

#include "domain/code_lists.hpp"
#include "domain/reference_places.hpp"

namespace foljsam::io {
namespace {

constexpr std::string_view kHomeless = "Hemlös";
constexpr std::string_view kUnknown = "Okänd";
constexpr std::string_view kSelfReferral = "Egenanmälan";
constexpr std::string_view kOther = "Annan";
// Skatteverket's test personnummer (data/demo/testpersonnummer.txt), never a real person's.
constexpr std::string_view kTestPersonnummer = "19600226-2852";

std::string KommunName(std::string_view code) {
    const domain::Kommun* kommun = domain::FindKommun(code);
    return kommun != nullptr ? std::string(kommun->name) : std::string(code);
}

// The current districts, each name once, in the order of AllDistricts().
std::vector<std::string> CurrentDistrictNames() {
    std::vector<std::string> names;
    std::set<std::string_view> seen;
    for (const domain::District& district : domain::AllDistricts())
        if (district.active && seen.insert(district.name).second) names.emplace_back(district.name);
    return names;
}

// The list a column offers, with a key that identifies it among the template's lists.
struct ListChoice {
    std::string key;
    ValueList list;
};

std::optional<ListChoice> ListOf(const ColumnSpec& spec, const TemplateOptions& options) {
    if (spec.kind == ValueKind::kCode || spec.kind == ValueKind::kCodes) {
        const domain::CodeList* codes = domain::FindCodeList(spec.code_list);
        if (codes == nullptr) return std::nullopt;  // cannot happen: import_columns names existing lists
        ValueList list{std::string(codes->label), {}};
        for (const domain::CodeValue& value : codes->values) list.values.emplace_back(value.label);
        return ListChoice{"code:" + std::string(spec.code_list), std::move(list)};
    }
    if (spec.kind == ValueKind::kYesNo || spec.kind == ValueKind::kConsent)
        return ListChoice{"yesno", {"Ja/Nej", {"Ja", "Nej"}}};
    switch (spec.column) {
        case Column::kInsats:
            return ListChoice{"insats", {"Insats", options.insats_names}};
        case Column::kAnmalandePart: {
            ValueList list{"Anmälande part", options.member_names};
            list.values.emplace_back(kSelfReferral);
            list.values.emplace_back(kOther);
            return ListChoice{"member", std::move(list)};
        }
        case Column::kFolkbokforingskommun: {
            ValueList list{"Folkbokföringskommun", {}};
            for (const domain::Kommun& kommun : domain::AllKommuner()) list.values.emplace_back(kommun.name);
            return ListChoice{"kommun", std::move(list)};
        }
        case Column::kStadsdel: {
            ValueList list{"Stadsdel", CurrentDistrictNames()};
            list.values.emplace_back(kHomeless);
            list.values.emplace_back(kUnknown);
            return ListChoice{"stadsdel", std::move(list)};
        }
        default:
            return std::nullopt;
    }
}

std::string Lines(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& item : items) out += (out.empty() ? "" : "\n") + item;
    return out;
}

std::string CodeLines(std::string_view list_id) {
    const domain::CodeList* codes = domain::FindCodeList(list_id);
    if (codes == nullptr) return "Kod eller benämning.";  // cannot happen: see ListOf
    std::vector<std::string> items;
    for (const domain::CodeValue& value : codes->values)
        items.push_back(std::string(value.label) + " (" + std::string(value.code) + ")");
    return Lines(items);
}

std::string DistrictLines() {
    std::map<std::string_view, std::vector<std::string>> by_kommun;
    std::vector<std::string_view> order;
    for (const domain::District& district : domain::AllDistricts()) {
        if (!district.active) continue;
        if (!by_kommun.count(district.kommun_code)) order.push_back(district.kommun_code);
        by_kommun[district.kommun_code].emplace_back(district.name);
    }
    std::vector<std::string> items;
    for (std::string_view code : order) {
        std::string line = KommunName(code) + ": ";
        const auto& names = by_kommun[code];
        for (size_t idx = 0; idx < names.size(); ++idx) line += (idx > 0 ? ", " : "") + names[idx];
        items.push_back(line + ".");
    }
    items.push_back(std::string(kHomeless) + " eller " + std::string(kUnknown) + ".");
    items.push_back("Stadsdelens kod och tidigare stadsdelsområden godtas också.");
    return Lines(items);
}

std::string ReferenceText(const ColumnSpec& spec, const TemplateOptions& options) {
    switch (spec.column) {
        case Column::kInsats:
            if (options.insats_names.empty()) return "Insatsens namn, som det står i Följsam.";
            return Lines(options.insats_names);
        case Column::kAnmalandePart: {
            std::vector<std::string> items = options.member_names;
            items.emplace_back("Kommun, Region, FK eller AF (medlemmens typ)");
            items.emplace_back(kSelfReferral);
            items.emplace_back(kOther);
            return Lines(items);
        }
        case Column::kAnmalandeEnhet:
            return "Namnet på en enhet under den anmälande medlemmen, som det står i Följsam.";
        case Column::kFolkbokforingskommun:
            return "Kommunens namn eller fyrsiffriga kommunkod, t.ex. Stockholm eller 0180. Listan i mallen har alla " +
                   std::to_string(domain::AllKommuner().size()) + " kommuner.";
        case Column::kStadsdel:
            return DistrictLines();
        default:
            return "Text.";
    }
}

}  // namespace

TemplateLists BuildTemplateLists(const TemplateOptions& options) {
    TemplateLists out;
    std::map<std::string, size_t> index_of_key;
    for (const ColumnSpec& spec : TemplateColumns()) {
        std::optional<ListChoice> choice = ListOf(spec, options);
        if (!choice || choice->list.values.empty()) {
            out.list_of_column.push_back(std::nullopt);
            continue;
        }
        auto [it, added] = index_of_key.emplace(choice->key, out.lists.size());
        if (added) out.lists.push_back(std::move(choice->list));
        out.list_of_column.push_back(it->second);
    }
    return out;
}

std::string AllowedValuesText(const ColumnSpec& spec, const TemplateOptions& options) {
    switch (spec.kind) {
        case ValueKind::kText:
            if (spec.column == Column::kPersonnummer)
                return "ÅÅÅÅMMDD-NNNN, t.ex. " + std::string(kTestPersonnummer) +
                       " (ett testpersonnummer). Samordningsnummer skrivs på samma sätt.";
            return "Text.";
        case ValueKind::kCode:
            return CodeLines(spec.code_list);
        case ValueKind::kCodes:
            return "En eller flera, åtskilda med semikolon (;):\n" + CodeLines(spec.code_list);
        case ValueKind::kDate:
            return "Datum: ÅÅÅÅ-MM-DD, ÅÅÅÅMMDD, DD/MM/ÅÅÅÅ eller en datumcell.";
        case ValueKind::kYear:
            return "Fyrsiffrigt årtal, t.ex. 1985.";
        case ValueKind::kYesNo:
            return "Ja eller Nej.";
        case ValueKind::kConsent:
            return "Ja, Nej eller datumet då samtycket gavs (ÅÅÅÅ-MM-DD).";
        case ValueKind::kReference:
            return ReferenceText(spec, options);
    }
    return "";  // cannot happen: every ValueKind is handled above
}

std::string SynonymsText(const ColumnSpec& spec) {
    if (spec.synonyms.empty()) return "–";
    std::string out;
    for (std::string_view synonym : spec.synonyms) out += (out.empty() ? "" : ", ") + std::string(synonym);
    return out;
}

std::vector<Instruction> GeneralInstructions() {
    std::vector<std::string> multi_valued;
    for (const ColumnSpec& spec : TemplateColumns())
        if (spec.kind == ValueKind::kCodes) multi_valued.emplace_back(spec.header);
    std::string several;  // "A, B och C"
    for (size_t idx = 0; idx < multi_valued.size(); ++idx)
        several += (idx == 0 ? "" : idx + 1 == multi_valued.size() ? " och " : ", ") + multi_valued[idx];
    return {
        {"Så fyller du i",
         "Fyll i en rad per deltagande (en deltagare i en insats) på bladet Deltagare, från rad 2. Låt rubrikraden "
         "stå kvar. Kolumner som ni inte använder kan lämnas tomma."},
        {"Rubriker",
         "Kolumnerna får stå i vilken ordning som helst. Stora och små bokstäver, mellanslag och skiljetecken spelar "
         "ingen roll, och rubrikerna under \"Rubriker som också godtas\" fungerar lika bra. Därför går det också att "
         "importera era egna filer."},
        {"Listor",
         "Kolumner med en lista visar den när du markerar en cell. Koderna inom parentes nedan godtas också. Skriver "
         "du något som inte står i listan varnar Excel; välj Ja för att behålla värdet. Det kontrolleras vid "
         "importen."},
        {"Flera värden",
         several + " kan ha flera värden i samma cell, åtskilda med semikolon (;), t.ex. \"Sjukpenning 50 %; Lön\". "
                   "Listan visar ett värde i taget; skriv in de övriga."},
        {"Datum",
         "Datum får skrivas ÅÅÅÅ-MM-DD, ÅÅÅÅMMDD eller DD/MM/ÅÅÅÅ, eller vara datumceller. I den här mallen är "
         "datumkolumnerna formaterade som datum: skriv ÅÅÅÅ-MM-DD (t.ex. 2026-03-15) så blir det ett datum. "
         "ÅÅÅÅMMDD blir ett tal i en datumcell och ska inte användas här."},
        {"Personnummer",
         "Personnummer och namn sparas, krypterade, bara för insatser som registreras med identitet. För insatser "
         "utan identitet används personnumret bara för att räkna fram födelseår, kön och en pseudonym deltagarkod; "
         "sedan sparas det inte. Födelseår och kön kan lämnas tomma när personnumret är ifyllt."},
        {"Anonyma deltagare",
         "Anonym = Ja betyder att deltagaren inte ska kunna identifieras. Då måste Personnummer vara tomt, och "
         "Deltagarkod lämnas tom."},
        {"Rad-id",
         "Ge gärna varje rad ett fast id i kolumnen Rad-id, t.ex. radens löpnummer i ert eget register. När filen "
         "importeras igen, eller en rättad version av den, uppdateras raderna med samma Rad-id i stället för att "
         "läggas till en gång till."},
        {"Exempel och test",
         "Använd aldrig riktiga personnummer i exempel, utbildning eller tester, bara Skatteverkets "
         "testpersonnummer, t.ex. " +
             std::string(kTestPersonnummer) + "."},
        {"Spara",
         "Spara som Excel-arbetsbok (.xlsx) eller som CSV med semikolon och UTF-8, och importera filen i Följsam."},
    };
}

}  // namespace foljsam::io

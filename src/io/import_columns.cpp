#include "io/import_columns.hpp"

namespace foljsam::io {
namespace {

std::vector<ColumnSpec> BuildColumns() {
    using C = Column;
    using K = ValueKind;
    return {
        {C::kInsats, "Insats", {"Insatsnamn", "Projekt"}, K::kReference, "", "Insatsens namn, som det står i Följsam."},
        {C::kRadId,
         "Rad-id",
         {"Id", "Löpnummer", "Radid"},
         K::kText,
         "",
         "Valfritt fast id för raden i er fil. Med det uppdateras raden vid en ny import i stället för att dubbleras."},
        {C::kDeltagarkod,
         "Deltagarkod",
         {"Kod", "Deltagar-id", "Deltagarid"},
         K::kText,
         "",
         "Deltagarkoden (insats utan identitet). Tom för anonyma deltagare."},
        {C::kPersonnummer,
         "Personnummer",
         {"Pnr", "Samordningsnummer", "Personnr"},
         K::kText,
         "",
         "ÅÅÅÅMMDD-NNNN. Sparas (krypterat) bara i insatser med identitet; annars används det bara till födelseår, "
         "kön och en deltagarkod och sparas inte."},
        {C::kNamn,
         "Namn",
         {"Deltagarens namn"},
         K::kText,
         "",
         "Sparas (krypterat) bara i insatser med identitet; annars sparas det inte."},
        {C::kAnonym, "Anonym", {}, K::kYesNo, "", "Ja eller Nej (tomt = Nej). Ja kräver tomt personnummer."},
        {C::kKon,
         "Kön",
         {"Juridiskt kön", "Kon"},
         K::kCode,
         "gender",
         "K, M, X, U eller Kvinna, Man, Annat, Uppgift saknas. Tomt: från personnumret."},
        {C::kFodelsear, "Födelseår", {"Fodelsear", "Född år"}, K::kYear, "", "ÅÅÅÅ. Tomt: från personnumret."},
        {C::kAnmalandePart,
         "Anmälande part",
         {"Anmäld av", "Remittent", "Anmälare"},
         K::kReference,
         "",
         "Medlemmens namn (t.ex. Stockholms stad) eller typ (Kommun, Region, FK, AF), Egenanmälan eller Annan."},
        {C::kAnmalandeEnhet,
         "Anmälande enhet",
         {"Enhet"},
         K::kReference,
         "",
         "Enhetens namn under den anmälande medlemmen (valfritt)."},
        {C::kFolkbokforingskommun,
         "Folkbokföringskommun",
         {"Kommun", "Hemkommun"},
         K::kReference,
         "",
         "Kommunens namn eller kommunkod."},
        {C::kStadsdel,
         "Stadsdel",
         {"Stadsdelsområde", "Stadsdelsnämnd"},
         K::kReference,
         "",
         "Stadsdelens namn eller kod (Stockholm, Göteborg), Hemlös eller Okänd."},
        {C::kUtbildning, "Utbildning", {"Utbildningsnivå"}, K::kCode, "education", "Kod eller benämning."},
        {C::kTidUtanArbete,
         "Tid utan arbete eller studier",
         {"Tid utan arbete"},
         K::kCode,
         "time_without_work",
         "Kod eller benämning."},
        {C::kForsorjningStart,
         "Försörjning vid start",
         {"Försörjning"},
         K::kCodes,
         "support",
         "En eller flera, åtskilda med ; eller , . Omfattning i procent får stå efter, t.ex. Sjukpenning 50 %."},
        {C::kSysselsattningStart,
         "Sysselsättning vid start",
         {"Sysselsättning"},
         K::kCode,
         "occupation",
         "Kod eller benämning; omfattning i procent får stå efter."},
        {C::kTidIForsorjning,
         "Tid i offentlig försörjning",
         {"Tid i försörjning"},
         K::kCode,
         "time_without_work",
         "Kod eller benämning."},
        {C::kSgiNoll, "SGI noll", {"SGI"}, K::kCode, "sgi_noll", "Ja, Nej eller Okänt."},
        {C::kMalgrupp,
         "Målgrupp",
         {"Behovsgrupp", "Målgrupper"},
         K::kCodes,
         "target_group",
         "En eller flera, åtskilda med ;."},
        {C::kFodelseregion, "Födelseregion", {}, K::kCode, "birth_region", "Sverige, Europa, Utanför Europa, Okänd."},
        {C::kAnmalningsdatum, "Anmälningsdatum", {"Anmäld datum", "Anmälan"}, K::kDate, "", "Datum."},
        {C::kBeslut, "Beslut", {}, K::kCode, "decision", "Beviljad, Avslag eller Väntelista."},
        {C::kBeslutsdatum, "Beslutsdatum", {}, K::kDate, "", "Datum."},
        {C::kStartdatum, "Startdatum", {"Start", "Inskrivningsdatum"}, K::kDate, "", "Datum."},
        {C::kSlutdatum, "Slutdatum", {"Avslutsdatum", "Utskrivningsdatum", "Slut"}, K::kDate, "", "Datum."},
        {C::kAvslutsorsak,
         "Avslutsorsak",
         {"Avslutsanledning", "Orsak till avslut"},
         K::kCode,
         "exit_reason",
         "Kod eller benämning. Krävs när slutdatum är ifyllt."},
        {C::kSysselsattningEfter,
         "Sysselsättning efter",
         {},
         K::kCode,
         "occupation_after",
         "Kod eller benämning; omfattning i procent får stå efter."},
        {C::kForsorjningEfter,
         "Försörjning efter",
         {},
         K::kCodes,
         "support",
         "En eller flera, åtskilda med ; eller ,."},
        {C::kSamtycke, "Samtycke", {}, K::kConsent, "", "Ja, Nej eller datumet då samtycke gavs."},
    };
}

constexpr std::string_view kIds[] = {
    "insats",
    "rad_id",
    "deltagarkod",
    "personnummer",
    "namn",
    "anonym",
    "kon",
    "fodelsear",
    "anmalande_part",
    "anmalande_enhet",
    "kommun",
    "stadsdel",
    "utbildning",
    "tid_utan_arbete",
    "forsorjning_start",
    "sysselsattning_start",
    "tid_i_forsorjning",
    "sgi_noll",
    "malgrupp",
    "fodelseregion",
    "anmalningsdatum",
    "beslut",
    "beslutsdatum",
    "startdatum",
    "slutdatum",
    "avslutsorsak",
    "sysselsattning_efter",
    "forsorjning_efter",
    "samtycke",
};

}  // namespace

const std::vector<ColumnSpec>& TemplateColumns() {
    static const std::vector<ColumnSpec> columns = BuildColumns();
    return columns;
}

const ColumnSpec& SpecOf(Column column) {
    for (const auto& spec : TemplateColumns())
        if (spec.column == column) return spec;
    return TemplateColumns().front();  // unreachable: every Column has a spec
}

std::optional<Column> ColumnForHeader(std::string_view header) {
    const std::string key = NormalizeKey(header);
    if (key.empty()) return std::nullopt;
    for (const auto& spec : TemplateColumns()) {
        if (NormalizeKey(spec.header) == key) return spec.column;
        for (auto synonym : spec.synonyms)
            if (NormalizeKey(synonym) == key) return spec.column;
    }
    return std::nullopt;
}

std::string_view ColumnId(Column column) { return kIds[static_cast<size_t>(column)]; }

std::optional<Column> ColumnFromId(std::string_view id) {
    for (size_t i = 0; i < std::size(kIds); ++i)
        if (kIds[i] == id) return static_cast<Column>(i);
    return std::nullopt;
}

std::string NormalizeKey(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            if (c >= 'A' && c <= 'Z')
                out += static_cast<char>(c + 32);
            else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
                out += static_cast<char>(c);
            continue;
        }
        // Multi-byte UTF-8: Latin-1 capitals (U+00C0..U+00DE, except ×) become small;
        // Latin-1 symbols (U+00A0..U+00BF, e.g. no-break space) and general punctuation
        // (U+2000..U+206F: dashes, quotes) are dropped; anything else is kept as it is.
        const size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        if (i + len > text.size()) break;
        const auto c1 = static_cast<unsigned char>(text[i + 1 < text.size() ? i + 1 : i]);
        if (c == 0xC2) {
            i += len - 1;
            continue;
        }
        if (c == 0xC3 && c1 >= 0x80 && c1 <= 0x9E && c1 != 0x97) {
            out += static_cast<char>(c);
            out += static_cast<char>(c1 + 0x20);
            i += 1;
            continue;
        }
        if (c == 0xE2 && (c1 == 0x80 || c1 == 0x81)) {
            i += len - 1;
            continue;
        }
        out.append(text.substr(i, len));
        i += len - 1;
    }
    return out;
}

}  // namespace foljsam::io

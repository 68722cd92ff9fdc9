#include "domain/code_lists.hpp"

namespace foljsam::domain {
namespace {

std::vector<CodeList> BuildLists() {
    return {
        {"gender", "Kön", {{"K", "Kvinna"}, {"M", "Man"}, {"X", "Annat"}, {"U", "Uppgift saknas"}}},
        {"legal_gender", "Juridiskt kön", {{"K", "Kvinna"}, {"M", "Man"}}},
        {"member_type",
         "Medlemstyp",
         {{"FK", "Försäkringskassan"}, {"AF", "Arbetsförmedlingen"}, {"REGION", "Region"}, {"KOMMUN", "Kommun"}}},
        {"referrer_kind",
         "Anmälande part",
         {{"ORG", "Medlemsorganisation"}, {"EGENANMALAN", "Egenanmälan"}, {"ANNAN", "Annan"}}},
        {"residence_special",
         "Boende",
         {{"HEMLOS", "Hemlös (saknar fast adress)"}, {"OKAND", "Okänd / vill ej uppge"}}},
        {"education",
         "Utbildning",
         {{"FORGYMN", "Förgymnasial utbildning"},
          {"GYMN", "Gymnasial utbildning"},
          {"EFTERGYMN_KORT", "Eftergymnasial utbildning kortare än 3 år"},
          {"EFTERGYMN_LANG", "Eftergymnasial utbildning 3 år eller längre"},
          {"OKAND", "Okänd"}}},
        {"time_without_work",
         "Tid utan arbete eller studier",
         {{"LT1", "Kortare än 1 år"},
          {"1_2", "1 till 2 år"},
          {"2_5", "2 till 5 år"},
          {"GE5", "5 år eller längre"},
          {"OKAND", "Okänd"}}},
        {"support",
         "Försörjning",
         {{"FORSORJNINGSSTOD", "Försörjningsstöd"},
          {"SJUKPENNING", "Sjukpenning"},
          {"REHABPENNING", "Rehabiliteringspenning"},
          {"SJUKERSATTNING", "Sjukersättning"},
          {"AKTIVITETSERSATTNING", "Aktivitetsersättning"},
          {"A_KASSA", "Arbetslöshetsersättning (a-kassa)"},
          {"AKTIVITETSSTOD", "Aktivitetsstöd (inkl. utvecklingsersättning)"},
          {"ETABLERINGSERSATTNING", "Etableringsersättning"},
          {"LON", "Lön"},
          {"STUDIEMEDEL", "Studiemedel"},
          {"INGEN", "Ingen offentlig försörjning"},
          {"ANNAN", "Annan försörjning"},
          {"OKAND", "Okänd"}}},
        {"occupation",
         "Sysselsättning",
         {{"ARBETE", "Förvärvsarbete"},
          {"STUDIER", "Studier"},
          {"ARBETSSOKANDE", "Aktivt arbetssökande"},
          {"OVRIGT", "Övrigt"},
          {"OKAND", "Okänd"}}},
        {"occupation_after",
         "Sysselsättning efter",
         {{"ARBETE", "Förvärvsarbete"},
          {"ARBETE_OSUBV", "Förvärvsarbete, osubventionerat"},
          {"ARBETE_SUBV", "Förvärvsarbete, subventionerat"},
          {"STUDIER", "Studier"},
          {"ARBETSSOKANDE", "Aktivt arbetssökande"},
          {"OVRIGT", "Övrigt"},
          {"OKAND", "Okänd"}}},
        {"sgi_noll", "SGI noll", {{"JA", "Ja"}, {"NEJ", "Nej"}, {"OKANT", "Okänt"}}},
        {"target_group",
         "Målgrupp",
         {{"UNGA_16_29", "Unga 16–29 år"},
          {"VUXNA_30_64", "Vuxna 30–64 år"},
          {"MIGRATION_FLYKT", "Erfarenhet av migration och flykt"},
          {"FUNKTIONSNEDSATTNING", "Funktionsnedsättning"}}},
        {"birth_region",
         "Födelseregion",
         {{"SVERIGE", "Sverige"},
          {"EUROPA", "Europa utom Sverige"},
          {"UTANFOR_EUROPA", "Utanför Europa"},
          {"OKAND", "Okänd"}}},
        {"exit_reason",
         "Avslutsorsak",
         {{"ARBETE", "Arbete"},
          {"STUDIER", "Studier"},
          {"VARD_REHAB", "Behov av utredning, vård eller rehabilitering"},
          {"FORTSATT_STOD", "Fortsatt stöd hos Jobbtorg, Arbetsförmedlingen eller AF/FK"},
          {"ANNAN_INSATS", "Annan insats hos en medlem"},
          {"FLYTT", "Flyttat"},
          {"FORALDRALEDIG", "Föräldraledig"},
          {"FRIHETSBEROVAD", "Frihetsberövad"},
          {"AVBROTT", "Avbrutit / ej anträffbar"},
          {"ANNAT", "Annat"},
          {"FELREG", "Felregistrering"}}},
        {"decision", "Beslut", {{"BEVILJAD", "Beviljad"}, {"AVSLAG", "Avslag"}, {"VANTELISTA", "Väntelista"}}},
        {"orientation", "Inriktning", {{"INDIVID", "Individinriktad"}, {"STRUKTUR", "Strukturövergripande"}}},
        {"follow_up_method",
         "Uppföljningsmetod",
         {{"INDIVIDUELL", "Individuell registrering"}, {"VOLYM", "Endast antal (volym)"}}},
        {"registration_mode",
         "Registreringssätt",
         {{"UTAN_ID", "Utan identitet (deltagarkod)"}, {"MED_ID", "Med identitet (personnummer, samtycke krävs)"}}},
        {"participation_status",
         "Status",
         {{"ANMALD", "Anmäld"}, {"BESLUT", "Beslut fattat"}, {"PAGAENDE", "Pågående"}, {"AVSLUTAD", "Avslutad"}}},
    };
}

}  // namespace

bool CodeList::Contains(std::string_view code) const {
    for (const auto& v : values)
        if (v.code == code) return true;
    return false;
}

std::string_view CodeList::LabelOf(std::string_view code) const {
    for (const auto& v : values)
        if (v.code == code) return v.label;
    return code;
}

const std::vector<CodeList>& AllCodeLists() {
    static const std::vector<CodeList> lists = BuildLists();
    return lists;
}

const CodeList* FindCodeList(std::string_view id) {
    for (const auto& list : AllCodeLists())
        if (list.id == id) return &list;
    return nullptr;
}

std::string_view Label(std::string_view list_id, std::string_view code) {
    const CodeList* list = FindCodeList(list_id);
    return list ? list->LabelOf(code) : code;
}

}  // namespace foljsam::domain

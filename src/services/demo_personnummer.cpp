// The identities of the demo's insats registered with identity.
//
// The personnummer below are Skatteverket's official test personnummer (open data set
// "Testpersonnummer", CC0 1.0; numbers reserved for testing and never assigned to real
// people), taken from /work/shared/reference/testpersonnummer.csv (see its README for the
// source and licence). 160 of them, born 1960-2006, stratified by birth decade and about
// 60 % men, were picked once with a fixed-seed script and pasted here, so the binary does
// not depend on the reference folder at run time.
// The names are invented: common Swedish first names (matching the legal gender of the
// number) with surnames that are obviously fictional ("Testsson", "Provlund", ...).

#include <iterator>
#include <string>
#include <vector>

#include "services/demo_service.hpp"

namespace foljsam::services {
namespace {

// clang-format off
const char* const kTestPersonnummer[] = {
    "196002262852", "196007212613", "196011282834", "196211262834", "196404094739", "196406103405",
    "196502023143", "196603143428", "196611252666", "196612193273", "196612312394", "196711222940",
    "196804109798", "196906092389", "196909099290", "196911139290", "197603112389", "197605312383",
    "197608182395", "197611112389", "197611212387", "197701162393", "197701302395", "197702102398",
    "197704222384", "197705292394", "197706082398", "197706292385", "197709262393", "197710032389",
    "197711292396", "197801132395", "197801272381", "197804142391", "197804302383", "197805162380",
    "197806232398", "197808132398", "197809252393", "197809272391", "197811242382", "197812082399",
    "197902022396", "197903052392", "197903182397", "197903222391", "197905142399", "197907102383",
    "197907172386", "197909072394", "197909302395", "197912312381", "198003052381", "198011232397",
    "198101142381", "198104272383", "198105212396", "198106132395", "198107062385", "198110052381",
    "198112312395", "198204232386", "198205132395", "198211132397", "198301109289", "198301212380",
    "198306282396", "198309052390", "198312062394", "198312319281", "198402162385", "198404072392",
    "198405042386", "198405282396", "198406302383", "198407272387", "198408072398", "198409162388",
    "198411192399", "198412192398", "198510312393", "198602052394", "198602232392", "198603172399",
    "198603252399", "198606222399", "198611302384", "198705302381", "198708242394", "198710092399",
    "198712142390", "198805172387", "198809042396", "198904282392", "198904302398", "198905262385",
    "199011142388", "199011212397", "199012152386", "199104222394", "199104272381", "199107162399",
    "199110012391", "199112012399", "199201172393", "199201182392", "199205032395", "199205242382",
    "199205302384", "199206242381", "199208272394", "199209162388", "199302162384", "199302282398",
    "199303212386", "199307302399", "199311192380", "199404212384", "199406212390", "199410012380",
    "199502112387", "199503092398", "199504282394", "199506062398", "199603312399", "199606242387",
    "199611122392", "199704302398", "199705112390", "199709182381", "199710192395", "199804132398",
    "199806302387", "199904182392", "199906082392", "199909072390", "200003092384", "200003092392",
    "200008102394", "200010052397", "200110302395", "200204222384", "200207222399", "200209122381",
    "200209182385", "200301262390", "200306302399", "200309042380", "200407192392", "200408252385",
    "200409272390", "200410062392", "200501202386", "200503302382", "200505232397", "200512282385",
    "200602032385", "200607302395", "200610272395", "200611282393",
};
// clang-format on

const char* const kWomenFirstNames[] = {"Anna", "Eva",   "Maria",   "Karin",  "Sara",   "Emma",  "Lena", "Elin",
                                        "Ida",  "Sofia", "Johanna", "Linnea", "Helena", "Malin", "Maja", "Camilla"};
const char* const kMenFirstNames[] = {"Erik",  "Lars",   "Karl",    "Anders",  "Johan",  "Per",    "Mikael", "Jonas",
                                      "Oskar", "Daniel", "Fredrik", "Mattias", "Magnus", "Stefan", "Niklas", "Henrik"};
const char* const kFictionalSurnames[] = {"Testsson",  "Provsson", "Testberg",    "Provlund", "Demosson", "Testgren",
                                          "Provqvist", "Demoholm", "Testlind",    "Provdahl", "Demoberg", "Exempelsson",
                                          "Testström", "Provén",   "Exempelgren", "Demolin"};

}  // namespace

const std::vector<std::string>& DemoPersonnummer() {
    static const std::vector<std::string> numbers(std::begin(kTestPersonnummer), std::end(kTestPersonnummer));
    return numbers;
}

const std::vector<std::string>& DemoNames() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        const auto& numbers = DemoPersonnummer();
        constexpr size_t kFirst = std::size(kWomenFirstNames);
        constexpr size_t kLast = std::size(kFictionalSurnames);
        for (size_t idx = 0; idx < numbers.size(); ++idx) {
            // Second-to-last digit: odd is a man, even is a woman.
            const bool man = (numbers[idx][10] - '0') % 2 == 1;
            const char* first = man ? kMenFirstNames[(idx * 7) % kFirst] : kWomenFirstNames[(idx * 7) % kFirst];
            out.push_back(std::string(first) + " " + kFictionalSurnames[(idx * 5 + idx / kLast) % kLast]);
        }
        return out;
    }();
    return names;
}

}  // namespace foljsam::services

// The identities of the demo's insats registered with identity.
//
// The personnummer (data/demo/testpersonnummer.txt) are Skatteverket's official test personnummer (open data set
// "Testpersonnummer", CC0 1.0; numbers reserved for testing and never assigned to real
// people), taken from /work/shared/reference/testpersonnummer.csv (see its README for the
// source and licence). 160 of them, born 1960-2006, stratified by birth decade and about
// 60 % men, were picked once with a fixed-seed script; the file is embedded at build time
// so the binary does not depend on the reference folder at run time.
// The names are invented: common Swedish first names (matching the legal gender of the
// number) with surnames that are obviously fictional ("Testsson", "Provlund", ...).

#include <iterator>
#include <string>
#include <vector>

#include "services/demo_service.hpp"
#include "services/embedded_demo_data.hpp"

namespace foljsam::services {
namespace {

const char* const kWomenFirstNames[] = {"Anna", "Eva",   "Maria",   "Karin",  "Sara",   "Emma",  "Lena", "Elin",
                                        "Ida",  "Sofia", "Johanna", "Linnea", "Helena", "Malin", "Maja", "Camilla"};
const char* const kMenFirstNames[] = {"Erik",  "Lars",   "Karl",    "Anders",  "Johan",  "Per",    "Mikael", "Jonas",
                                      "Oskar", "Daniel", "Fredrik", "Mattias", "Magnus", "Stefan", "Niklas", "Henrik"};
const char* const kFictionalSurnames[] = {"Testsson",  "Provsson", "Testberg",    "Provlund", "Demosson", "Testgren",
                                          "Provqvist", "Demoholm", "Testlind",    "Provdahl", "Demoberg", "Exempelsson",
                                          "Testström", "Provén",   "Exempelgren", "Demolin"};

}  // namespace

const std::vector<std::string>& DemoPersonnummer() {
    // data/demo/testpersonnummer.txt, embedded at build time: one number a line, '#' comments.
    static const std::vector<std::string> numbers = [] {
        std::vector<std::string> out;
        const std::string& text = EmbeddedDemoPersonnummer();
        size_t start = 0;
        while (start < text.size()) {
            size_t end = text.find('\n', start);
            if (end == std::string::npos) end = text.size();
            std::string line = text.substr(start, end - start);
            if (!line.empty() && line.back() == '\r') line.pop_back();
            if (!line.empty() && line[0] != '#') out.push_back(line);
            start = end + 1;
        }
        return out;
    }();
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

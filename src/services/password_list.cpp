#include "services/password_list.hpp"

#include <fstream>
#include <sstream>

namespace foljsam::services {

domain::CommonPasswords LoadCommonPasswords(const std::vector<std::filesystem::path>& files,
                                            std::vector<std::string>* missing) {
    domain::CommonPasswords list;
    std::istringstream embedded(EmbeddedSwedishCommonPasswords());
    list.AddLines(embedded);
    for (const auto& file : files) {
        std::ifstream in(file);
        if (!in) {
            if (missing) missing->push_back(file.string());
            continue;
        }
        list.AddLines(in);
    }
    return list;
}

}  // namespace foljsam::services

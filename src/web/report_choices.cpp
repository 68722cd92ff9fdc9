#include "web/report_choices.hpp"

#include <unistd.h>

#include <charconv>
#include <ctime>
#include <fstream>
#include <iterator>

namespace foljsam::web {

report::Period DefaultFollowUpPeriod(const domain::Date& today) {
    if (today.month >= 7) return report::Period::Half(today.year, 1);
    return report::Period::Half(today.year - 1, 2);
}

nlohmann::json PeriodOptions(const domain::Date& today, const report::Period& selected) {
    nlohmann::json options = nlohmann::json::array();
    bool found = false;
    auto add = [&](const report::Period& period, const std::string& label) {
        const bool is_selected = period == selected;
        found = found || is_selected;
        options.push_back({{"value", period.Key()}, {"label", label}, {"selected", is_selected}});
    };
    for (int year = today.year; year >= today.year - 5; --year) {
        add(report::Period::Year(year), "Helåret " + std::to_string(year));
        add(report::Period::Half(year, 2), "Andra halvåret " + std::to_string(year));
        add(report::Period::Half(year, 1), "Första halvåret " + std::to_string(year));
    }
    if (!found)
        options.insert(options.begin(), {{"value", selected.Key()}, {"label", selected.Label()}, {"selected", true}});
    return options;
}

nlohmann::json InsatsOptions(const std::vector<domain::Insats>& insatser, const std::string& selected) {
    nlohmann::json options = nlohmann::json::array();
    options.push_back({{"value", ""}, {"label", "Alla insatser"}, {"selected", selected.empty()}});
    for (const auto& insats : insatser) {
        const std::string value = std::to_string(insats.id);
        options.push_back({{"value", value}, {"label", insats.name}, {"selected", value == selected}});
    }
    return options;
}

Result<std::optional<long long>> ParseInsatsParam(const std::string& text) {
    if (text.empty()) return std::optional<long long>();
    long long id = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc() || ptr != text.data() + text.size() || id <= 0)
        return Status::NotFound("Insatsen finns inte.");
    return std::optional<long long>(id);
}

std::string LocalTimestamp() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &local);
    return buf;
}

Result<std::string> ReadBackTemporary(const std::function<Status(const std::filesystem::path&)>& write) {
    std::string pattern = (std::filesystem::temp_directory_path() / "foljsam-download-XXXXXX").string();
    const int fd = mkstemp(pattern.data());
    if (fd < 0) return Status::Unavailable("Filen kunde inte skapas.");
    close(fd);
    const std::filesystem::path path = pattern;
    Status written = write(path);
    std::string bytes;
    if (written.ok()) {
        std::ifstream in(path, std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        if (!in.good() && !in.eof()) written = Status::Unavailable("Filen kunde inte läsas.");
    }
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
    if (!written.ok()) return written;
    return bytes;
}

}  // namespace foljsam::web

#include "web/view.hpp"

#include <spdlog/spdlog.h>

#include <fstream>
#include <kainjow/mustache.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

namespace foljsam::web {
namespace {

namespace mustache = kainjow::mustache;

mustache::data ToData(const nlohmann::json& j) {
    switch (j.type()) {
        case nlohmann::json::value_t::object: {
            mustache::data d(mustache::data::type::object);
            for (const auto& [key, value] : j.items()) d.set(key, ToData(value));
            return d;
        }
        case nlohmann::json::value_t::array: {
            mustache::data d(mustache::data::type::list);
            for (const auto& value : j) d.push_back(ToData(value));
            return d;
        }
        case nlohmann::json::value_t::string:
            return mustache::data(j.get<std::string>());
        case nlohmann::json::value_t::boolean:
            return mustache::data(j.get<bool>() ? mustache::data::type::bool_true : mustache::data::type::bool_false);
        case nlohmann::json::value_t::null:
            return mustache::data(mustache::data::type::bool_false);
        default:
            return mustache::data(j.dump());
    }
}

std::string ReadFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace

Result<Views> Views::Load(const std::filesystem::path& dir) {
    Views views;
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) return Status::Unavailable("Mallkatalogen saknas: " + dir.string());
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir, ec)) {
        if (entry.path().extension() != ".mustache") continue;
        const std::string name = entry.path().stem().string();
        const std::string text = ReadFile(entry.path());
        mustache::mustache check(text);
        if (!check.is_valid())
            return Status::Unavailable("Mallen " + entry.path().string() + " är felaktig: " + check.error_message());
        if (entry.path().parent_path().filename() == "partials") {
            views.partials_[name] = text;
        } else {
            views.templates_[name] = text;
        }
    }
    if (!views.templates_.count("layout")) return Status::Unavailable("layout.mustache saknas i " + dir.string());
    return views;
}

std::string Views::Render(const std::string& name, const nlohmann::json& model) const {
    auto it = templates_.find(name);
    // A missing template is a programming error: fail loudly in logs, generically to users.
    if (it == templates_.end()) throw std::logic_error("unknown template " + name);
    mustache::data data = ToData(model);
    for (const auto& [partial_name, text] : partials_) {
        const std::string copy = text;
        data.set(partial_name, mustache::partial([copy] { return copy; }));
    }
    mustache::mustache tmpl(it->second);
    std::string out = tmpl.render(data);
    if (!tmpl.error_message().empty()) spdlog::error("template {}: {}", name, tmpl.error_message());
    return out;
}

std::string Views::Page(const std::string& name, const nlohmann::json& model) const {
    nlohmann::json page = model;
    page["content"] = Render(name, model);
    return Render("layout", page);
}

}  // namespace foljsam::web

#include "web/form_fields.hpp"

#include <algorithm>

#include "domain/code_lists.hpp"

namespace foljsam::web {

FieldSet::FieldSet(const std::vector<FieldError>& errors, const Form* posted) : errors_(errors), posted_(posted) {}

bool FieldSet::HasError(const std::string& name) const {
    return std::any_of(errors_.begin(), errors_.end(), [&](const FieldError& e) { return e.field == name; });
}

std::string FieldSet::Shown(const std::string& name, const std::string& value) const {
    if (posted_ && posted_->Has(name) && HasError(name)) return posted_->Get(name);
    return value;
}

nlohmann::json FieldSet::Base(const std::string& name, const std::string& label, const std::string& hint) const {
    nlohmann::json f = {{"name", name}, {"id", "f-" + name}, {"label", label}};
    std::string describedby;
    if (!hint.empty()) {
        f["hint"] = hint;
        describedby = "f-" + name + "-hint";
    }
    std::string message;
    for (const auto& e : errors_) {
        if (e.field != name) continue;
        if (!message.empty()) message += " ";
        message += e.message;
    }
    if (!message.empty()) {
        f["error"] = message;
        describedby += std::string(describedby.empty() ? "" : " ") + "f-" + name + "-error";
    }
    if (!describedby.empty()) f["describedby"] = describedby;
    return f;
}

nlohmann::json FieldSet::Text(const std::string& name, const std::string& label, const std::string& value,
                              const std::string& hint, const std::string& autocomplete) const {
    auto f = Base(name, label, hint);
    f["input"] = {{"type", "text"}, {"value", value}, {"autocomplete", autocomplete}};
    return f;
}

nlohmann::json FieldSet::Number(const std::string& name, const std::string& label, const std::string& value,
                                const std::string& hint) const {
    auto f = Base(name, label, hint);
    f["input"] = {{"type", "text"},
                  {"value", Shown(name, value)},
                  {"inputmode", "numeric"},
                  {"autocomplete", "off"},
                  {"narrow", true}};
    return f;
}

nlohmann::json FieldSet::Password(const std::string& name, const std::string& label,
                                  const std::string& autocomplete) const {
    auto f = Base(name, label, "");
    f["input"] = {{"type", "password"}, {"value", ""}, {"autocomplete", autocomplete}};
    return f;
}

nlohmann::json FieldSet::Date(const std::string& name, const std::string& label, const std::string& value,
                              const std::string& hint) const {
    auto f = Base(name, label, hint.empty() ? "Till exempel 2026-03-27." : hint);
    f["input"] = {{"type", "date"}, {"value", value}, {"autocomplete", "off"}, {"narrow", true}};
    return f;
}

nlohmann::json FieldSet::TextArea(const std::string& name, const std::string& label, const std::string& value,
                                  const std::string& hint) const {
    auto f = Base(name, label, hint);
    f["textarea"] = {{"value", value}};
    return f;
}

nlohmann::json FieldSet::Select(const std::string& name, const std::string& label, const Options& options,
                                const std::string& selected, const std::string& hint) const {
    auto f = Base(name, label, hint);
    nlohmann::json opts = nlohmann::json::array();
    opts.push_back({{"value", ""}, {"label", "Välj"}, {"selected", selected.empty()}});
    for (const auto& [value, text] : options)
        opts.push_back({{"value", value}, {"label", text}, {"selected", value == selected}});
    f["select"] = {{"options", opts}};
    return f;
}

nlohmann::json FieldSet::Radios(const std::string& name, const std::string& label, const Options& options,
                                const std::string& selected, const std::string& hint) const {
    auto f = Base(name, label, hint);
    nlohmann::json opts = nlohmann::json::array();
    int idx = 0;
    for (const auto& [value, text] : options) {
        const std::string id = idx == 0 ? "f-" + name : "f-" + name + "-" + std::to_string(idx);
        opts.push_back({{"value", value}, {"label", text}, {"checked", value == selected}, {"id", id}});
        ++idx;
    }
    f["radios"] = {{"options", opts}};
    return f;
}

nlohmann::json FieldSet::Checkboxes(const std::string& name, const std::string& label, const Options& options,
                                    const std::vector<std::string>& checked, const std::string& hint,
                                    const std::map<std::string, std::string>* extents) const {
    auto f = Base(name, label, hint);
    nlohmann::json opts = nlohmann::json::array();
    std::string extent_errors;  // parse errors of the percent inputs, shown beside the group
    int idx = 0;
    for (const auto& [value, text] : options) {
        const std::string id = idx == 0 ? "f-" + name : "f-" + name + "-" + std::to_string(idx);
        nlohmann::json o = {{"value", value},
                            {"label", text},
                            {"checked", std::find(checked.begin(), checked.end(), value) != checked.end()},
                            {"id", id}};
        if (extents && value != "INGEN" && value != "OKAND") {
            // id = "f-" + name, so the error summary's link "#f-<field>" reaches the input.
            const std::string extent_name = name + "_extent_" + value;
            auto it = extents->find(value);
            o["extent"] = {{"name", extent_name},
                           {"id", "f-" + extent_name},
                           {"value", Shown(extent_name, it == extents->end() ? "" : it->second)},
                           {"label", "Omfattning i procent för " + text + " (valfritt)"},
                           {"invalid", HasError(extent_name)},
                           {"error_id", "f-" + name + "-error"}};
            for (const auto& e : errors_) {
                if (e.field != extent_name) continue;
                extent_errors += std::string(extent_errors.empty() ? "" : " ") + e.message;
            }
        }
        opts.push_back(o);
        ++idx;
    }
    f["checkboxes"] = {{"options", opts}};
    if (!extent_errors.empty()) {
        const bool had_error = f.contains("error");
        f["error"] = had_error ? f["error"].get<std::string>() + " " + extent_errors : extent_errors;
        if (!had_error) {
            const std::string error_id = "f-" + name + "-error";
            const std::string before = f.contains("describedby") ? f["describedby"].get<std::string>() + " " : "";
            f["describedby"] = before + error_id;
        }
    }
    return f;
}

nlohmann::json FieldSet::Checkbox(const std::string& name, const std::string& label, bool checked,
                                  const std::string& hint) const {
    auto f = Base(name, label, hint);
    f["checkbox"] = {{"checked", checked}};
    return f;
}

nlohmann::json FieldSet::Summary() const {
    if (errors_.empty()) return nullptr;
    nlohmann::json list = nlohmann::json::array();
    for (const auto& e : errors_) list.push_back({{"href", "#f-" + e.field}, {"message", e.message}});
    return {{"errors", list}};
}

Options CodeOptions(const std::string& list_id) {
    Options out;
    const domain::CodeList* list = domain::FindCodeList(list_id);
    if (!list) return out;
    for (const auto& v : list->values) out.emplace_back(std::string(v.code), std::string(v.label));
    return out;
}

}  // namespace foljsam::web

#pragma once
// View models for accessible form fields (GOV.UK pattern): every field has a label, an
// optional hint, and, when invalid, a message beside it; the error summary at the top of
// the page links to each field by id "f-<name>". partials/field.mustache renders them.
// Plain functions; thread-safe.

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "common/status.hpp"
#include "web/form.hpp"

namespace foljsam::web {

using Options = std::vector<std::pair<std::string, std::string>>;  // value, label

class FieldSet {
   public:
    // `posted`, when given, is the submitted form: a number field with an error shows the
    // text the user typed (which did not parse) instead of the parsed value. Not owned;
    // must outlive the FieldSet.
    explicit FieldSet(const std::vector<FieldError>& errors, const Form* posted = nullptr);

    nlohmann::json Text(const std::string& name, const std::string& label, const std::string& value,
                        const std::string& hint = "", const std::string& autocomplete = "off") const;
    nlohmann::json Number(const std::string& name, const std::string& label, const std::string& value,
                          const std::string& hint = "") const;
    nlohmann::json Password(const std::string& name, const std::string& label, const std::string& autocomplete) const;
    nlohmann::json Date(const std::string& name, const std::string& label, const std::string& value,
                        const std::string& hint = "") const;
    nlohmann::json TextArea(const std::string& name, const std::string& label, const std::string& value,
                            const std::string& hint = "") const;
    // A select with an empty first choice "Välj …" unless `required_choice` is false.
    nlohmann::json Select(const std::string& name, const std::string& label, const Options& options,
                          const std::string& selected, const std::string& hint = "") const;
    nlohmann::json Radios(const std::string& name, const std::string& label, const Options& options,
                          const std::string& selected, const std::string& hint = "") const;
    // Checkboxes; `extents` (code -> percent text) adds a percent input beside each option,
    // with id and name "<name>_extent_<code>"; its errors are shown beside the group.
    nlohmann::json Checkboxes(const std::string& name, const std::string& label, const Options& options,
                              const std::vector<std::string>& checked, const std::string& hint = "",
                              const std::map<std::string, std::string>* extents = nullptr) const;
    // Single yes/no checkbox.
    nlohmann::json Checkbox(const std::string& name, const std::string& label, bool checked,
                            const std::string& hint = "") const;

    // The error summary model: {"errors": [{"href", "message"}]} or null when no errors.
    nlohmann::json Summary() const;

   private:
    nlohmann::json Base(const std::string& name, const std::string& label, const std::string& hint) const;
    bool HasError(const std::string& name) const;
    // What to show in a number input: the posted text when the field has an error.
    std::string Shown(const std::string& name, const std::string& value) const;
    std::vector<FieldError> errors_;
    const Form* posted_ = nullptr;
};

// Options of a code list from domain::code_lists.
Options CodeOptions(const std::string& list_id);

}  // namespace foljsam::web

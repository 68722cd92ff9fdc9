#pragma once
// Server-side HTML rendering: mustache templates from web/templates, fed with view models
// built as JSON. Every page is rendered into layout.mustache. Values are HTML-escaped by
// mustache unless a template uses {{{triple}}} (only for HTML we generate ourselves).
// Templates are read once at start-up; Views is immutable afterwards and thread-safe.

#include <filesystem>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <string>

#include "common/status.hpp"

namespace foljsam::web {

class Views {
   public:
    // Loads every *.mustache under `dir` (partials from dir/partials). Failure: kUnavailable.
    static Result<Views> Load(const std::filesystem::path& dir);
    // Renders template `name` (without extension) with `model`, then the layout around it.
    // `model` should hold "title" (page title) and may hold "nav", "user", "csrf".
    std::string Page(const std::string& name, const nlohmann::json& model) const;
    // Renders one template alone (no layout).
    std::string Render(const std::string& name, const nlohmann::json& model) const;

   private:
    std::map<std::string, std::string> templates_;
    std::map<std::string, std::string> partials_;
};

}  // namespace foljsam::web

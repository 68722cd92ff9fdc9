// Population page (issue 3 item 3): the förbundsadministratör enters how many live in each
// of the association's municipalities and districts, for "participants per 10 000
// inhabitants" in the follow-up. PopulationService checks access and validates again.
//
// GET/POST /admin/befolkning: one number field per area ("pop_<code>"), grouped per
// municipality; an empty field means no figure. Text that is not a whole number is
// refused here, with the same field ids the service uses for its errors.

#include <charconv>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "security/policy.hpp"
#include "services/population_service.hpp"
#include "web/form_fields.hpp"
#include "web/router.hpp"

namespace foljsam::web {
namespace {

using nlohmann::json;
using services::PopulationArea;
using services::PopulationService;

bool CanAdminister(const Ctx& ctx) {
    const auto& actor = ctx.auth.actor;
    return security::policy::Can(actor, security::policy::Action::kAdminInsatser, {actor.user.forbund_id.value_or(-1)});
}

// "12 345", "12345" (spaces and no-break spaces between digit groups allowed) -> 12345;
// nullopt for anything else, including a number too large for long long.
std::optional<long long> ParseCount(const std::string& text) {
    std::string digits;
    for (size_t idx = 0; idx < text.size(); ++idx) {
        const char c = text[idx];
        if (c == ' ') continue;
        if (text.compare(idx, 2, "\xC2\xA0") == 0) {  // U+00A0 no-break space
            ++idx;
            continue;
        }
        if (text.compare(idx, 3, "\xE2\x80\xAF") == 0) {  // U+202F narrow no-break space
            idx += 2;
            continue;
        }
        digits += c;
    }
    long long value = 0;
    auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (digits.empty() || ec != std::errc() || ptr != digits.data() + digits.size()) return std::nullopt;
    return value;
}

// What each field shows: the posted text, or else the stored figure.
std::string ShownValue(const PopulationArea& area, const Form* posted) {
    if (posted != nullptr) return posted->Get(PopulationService::FieldId(area.code));
    return area.population ? std::to_string(*area.population) : "";
}

// Groups of fields: per municipality the municipality and its current districts, then its
// historical districts in a group of their own.
json Groups(const std::vector<PopulationArea>& areas, const FieldSet& fs, const Form* posted) {
    json groups = json::array();
    std::string current;
    for (const PopulationArea& area : areas) {
        const std::string legend =
            area.historical ? area.kommun_name + ", tidigare stadsdelsområden" : area.kommun_name;
        if (groups.empty() || legend != current) {
            groups.push_back({{"legend", legend}, {"fields", json::array()}});
            current = legend;
        }
        groups.back()["fields"].push_back(
            fs.Number(PopulationService::FieldId(area.code), area.name, ShownValue(area, posted), "Antal invånare"));
    }
    return groups;
}

}  // namespace

void RegisterPopulationPages(Router& router) {
    // Renders the form; `posted` (when re-showing a refused form) supplies what was typed.
    auto render = [&router](Ctx& ctx, const std::vector<PopulationArea>& areas, const std::vector<FieldError>& errors,
                            const Form* posted, int status) {
        FieldSet fs(errors, posted);
        router.Render(ctx, "admin_population",
                      {{"title", "Befolkning"},
                       {"saved", ctx.Query("sparat") == "1" && posted == nullptr},
                       {"has_areas", !areas.empty()},
                       {"error_summary", fs.Summary()},
                       {"groups", Groups(areas, fs, posted)}},
                      status);
    };
    router.Page("GET", "/admin/befolkning", [&router, render](Ctx& ctx) {
        if (!CanAdminister(ctx)) return router.RenderError(ctx, Status::Forbidden());
        auto areas = PopulationService(router.app()).Get(ctx.auth.actor);
        if (!areas.ok()) return router.RenderError(ctx, areas.status());
        render(ctx, *areas, {}, nullptr, 200);
    });
    router.Page("POST", "/admin/befolkning", [&router, render](Ctx& ctx) {
        if (!CanAdminister(ctx)) return router.RenderError(ctx, Status::Forbidden());
        PopulationService service(router.app());
        auto areas = service.Get(ctx.auth.actor);
        if (!areas.ok()) return router.RenderError(ctx, areas.status());
        std::map<std::string, long long> figures;
        std::vector<FieldError> errors;
        for (const PopulationArea& area : *areas) {
            const std::string field = PopulationService::FieldId(area.code);
            const std::string text = ctx.form.Get(field);
            if (text.find_first_not_of(" ") == std::string::npos) continue;  // no figure
            const auto value = ParseCount(text);
            if (!value) {
                errors.push_back(
                    {field, "Ange antalet invånare i " + area.name + " med siffror, till exempel 12 345."});
                continue;
            }
            figures[area.code] = *value;
        }
        if (!errors.empty()) return render(ctx, *areas, errors, &ctx.form, 422);
        Status saved = service.Set(ctx.auth.actor, figures);
        if (saved.code() == StatusCode::kInvalidInput) return render(ctx, *areas, saved.fields(), &ctx.form, 422);
        if (!saved.ok()) return router.RenderError(ctx, saved);
        Router::Redirect(ctx, "/admin/befolkning?sparat=1");
    });
}

}  // namespace foljsam::web

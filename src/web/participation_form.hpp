#pragma once
// Participation forms: parsing submitted fields (HTML forms and, via the same field
// names, the JSON API) into services::ParticipationInput, and building the view model of
// the form's fields. Field names equal the domain field ids so service errors land beside
// the right input. Parse errors (a malformed date or number) are field errors too.
// Plain functions; thread-safe.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/status.hpp"
#include "domain/organisation.hpp"
#include "services/participation_service.hpp"
#include "web/form.hpp"

namespace foljsam::web {

struct ParsedParticipation {
    services::ParticipationInput input;
    std::vector<FieldError> errors;
};

// Reads every participation field present in `form`; absent fields stay empty.
ParsedParticipation ParseParticipation(const Form& form);

// The JSON API body (flat object, same field names; support lists as [{"code","extent"}])
// turned into the same Form representation. Non-object input yields an empty form.
Form FormFromJson(const nlohmann::json& body);

enum Section : unsigned {
    kPerson = 1,
    kReferral = 2,
    kDecision = 4,
    kStart = 8,
    kExit = 16,
    kAll = 31,
};

struct FormContext {
    const domain::Insats* insats = nullptr;
    const std::vector<domain::Organisation>* organisations = nullptr;
    bool can_view_identity = false;
    bool anonymous = false;
    // The submitted form when re-showing it with errors: unparsable numbers are shown as typed.
    const Form* posted = nullptr;
};

// Field groups ({"legend", "fields"}) for the chosen sections, filled with `values`.
nlohmann::json ParticipationFields(const services::ParticipationInput& values, const std::vector<FieldError>& errors,
                                   unsigned sections, const FormContext& ctx);

// Display name of an organisation with its parents, e.g. "Stockholms stad › Jobbtorg".
std::string OrganisationPath(const std::vector<domain::Organisation>& orgs, long long id);

}  // namespace foljsam::web

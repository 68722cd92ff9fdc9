#pragma once
// Field-by-field differences between two versions of a participation, for the audit
// history ("who changed what, when"). Values are codes and dates, never identities.

#include <string>
#include <vector>

#include "domain/participation.hpp"

namespace foljsam::domain {

struct FieldChange {
    std::string field;   // stable field id, e.g. "education"
    std::string before;  // display form of codes, dates and lists ("" when empty)
    std::string after;
};

// Changes from `before` to `after`, in a fixed field order. Ignores id and version.
std::vector<FieldChange> DiffParticipations(const Participation& before, const Participation& after);

// Swedish label of a field id (the id itself when unknown).
std::string FieldLabel(const std::string& field);

// The code list that holds the values of a field, or "" for dates and free values.
std::string FieldCodeList(const std::string& field);

}  // namespace foljsam::domain

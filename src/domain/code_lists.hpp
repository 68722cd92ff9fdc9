#pragma once
// The national code lists of domain.md, each value with its Swedish label, in display order.
// This table is the single source in C++; db/migrations/0002_code_lists.sql seeds the same
// values into the database (a test checks they agree). Immutable static data: thread-safe.

#include <string>
#include <string_view>
#include <vector>

namespace foljsam::domain {

struct CodeValue {
    std::string_view code;
    std::string_view label;
};

struct CodeList {
    std::string_view id;     // e.g. "education"
    std::string_view label;  // Swedish name of the list, e.g. "Utbildning"
    std::vector<CodeValue> values;

    bool Contains(std::string_view code) const;
    // The label of `code`, or `code` itself when it is not in the list.
    std::string_view LabelOf(std::string_view code) const;
};

// The list with this id, or nullptr. Ids: gender, legal_gender, member_type, referrer_kind,
// residence_special, education, time_without_work, support, occupation, occupation_after,
// sgi_noll, target_group, birth_region, exit_reason, decision, orientation,
// follow_up_method, registration_mode, participation_status.
const CodeList* FindCodeList(std::string_view id);
const std::vector<CodeList>& AllCodeLists();

// Convenience: label of `code` in list `list_id` (the code itself when unknown).
std::string_view Label(std::string_view list_id, std::string_view code);

}  // namespace foljsam::domain

#pragma once
// Length limits of free-text fields, shared by forms, the API and imports.

#include <cstddef>

namespace foljsam::domain {

inline constexpr size_t kMaxParticipantCodeLength = 40;
inline constexpr size_t kMaxNameLength = 200;
inline constexpr size_t kMaxShortTextLength = 200;
inline constexpr size_t kMaxLongTextLength = 4000;

}  // namespace foljsam::domain

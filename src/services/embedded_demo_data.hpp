#pragma once
// Data files of data/demo, embedded at build time (cmake/embed_text.cmake).

#include <string>

namespace foljsam::services {

// The text of data/demo/testpersonnummer.txt. Immutable; thread-safe.
const std::string& EmbeddedDemoPersonnummer();

}  // namespace foljsam::services

#include "common/status.hpp"

namespace foljsam {

const char* Status::CodeName() const {
    switch (code_) {
        case StatusCode::kOk:
            return "ok";
        case StatusCode::kInvalidInput:
            return "invalid_input";
        case StatusCode::kNotFound:
            return "not_found";
        case StatusCode::kConflict:
            return "conflict";
        case StatusCode::kForbidden:
            return "forbidden";
        case StatusCode::kUnavailable:
            return "unavailable";
        case StatusCode::kCorrupt:
            return "corrupt";
        case StatusCode::kInternal:
            return "internal";
    }
    return "internal";
}

}  // namespace foljsam

#pragma once
// Status and Result<T>: expected failures are values (house style, after LevelDB).
//
// A Status is either ok or carries one code from a small closed set, a user-facing
// Swedish message, optional per-field errors (for form error summaries and import
// reports) and an internal detail for logs. The internal detail never holds a
// personnummer or a name. Result<T> holds a T or a failed Status; it has the shape of
// C++23 std::expected so a later move is mechanical. Both are plain values: copyable,
// not thread-safe to mutate concurrently.

#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace foljsam {

enum class StatusCode { kOk, kInvalidInput, kNotFound, kConflict, kForbidden, kUnavailable, kCorrupt, kInternal };

// One field-level validation failure. `field` is the stable field id used in forms and
// the API (e.g. "start_date"); `message` is the Swedish text shown beside the field.
struct FieldError {
    std::string field;
    std::string message;
};

class [[nodiscard]] Status {
   public:
    Status() = default;  // ok
    static Status Ok() { return Status(); }
    static Status InvalidInput(std::string message, std::vector<FieldError> fields = {}) {
        return Status(StatusCode::kInvalidInput, std::move(message), std::move(fields));
    }
    static Status NotFound(std::string message) { return Status(StatusCode::kNotFound, std::move(message)); }
    static Status Conflict(std::string message, std::vector<FieldError> fields = {}) {
        return Status(StatusCode::kConflict, std::move(message), std::move(fields));
    }
    static Status Forbidden(std::string message = "Du har inte behörighet till detta.") {
        return Status(StatusCode::kForbidden, std::move(message));
    }
    static Status Unavailable(std::string message) { return Status(StatusCode::kUnavailable, std::move(message)); }
    static Status Corrupt(std::string message) { return Status(StatusCode::kCorrupt, std::move(message)); }
    // `internal` goes to logs only; users see a fixed text.
    static Status Internal(std::string internal) {
        Status s(StatusCode::kInternal, "Ett internt fel inträffade. Försök igen eller kontakta förvaltningen.");
        s.internal_ = std::move(internal);
        return s;
    }

    bool ok() const { return code_ == StatusCode::kOk; }
    StatusCode code() const { return code_; }
    const std::string& message() const { return message_; }
    const std::vector<FieldError>& fields() const { return fields_; }
    const std::string& internal() const { return internal_; }
    // Stable machine code for the JSON API, e.g. "invalid_input".
    const char* CodeName() const;

   private:
    Status(StatusCode code, std::string message, std::vector<FieldError> fields = {})
        : code_(code), message_(std::move(message)), fields_(std::move(fields)) {}
    StatusCode code_ = StatusCode::kOk;
    std::string message_;
    std::vector<FieldError> fields_;
    std::string internal_;
};

template <typename T>
class [[nodiscard]] Result {
   public:
    Result(T value) : data_(std::move(value)) {}         // NOLINT: implicit by design
    Result(Status status) : data_(std::move(status)) {}  // NOLINT: must be a failure
    bool ok() const { return std::holds_alternative<T>(data_); }
    // Precondition for value(): ok(). Precondition for status(): any (ok when holding a value).
    T& value() { return std::get<T>(data_); }
    const T& value() const { return std::get<T>(data_); }
    const Status& status() const {
        static const Status kOkStatus;
        return ok() ? kOkStatus : std::get<Status>(data_);
    }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() { return value(); }
    const T& operator*() const { return value(); }

   private:
    std::variant<T, Status> data_;
};

// Accumulates field errors while validating a form or a row.
class ValidationErrors {
   public:
    void Add(std::string field, std::string message) { errors_.push_back({std::move(field), std::move(message)}); }
    bool empty() const { return errors_.empty(); }
    bool Has(const std::string& field) const {
        for (const auto& e : errors_)
            if (e.field == field) return true;
        return false;
    }
    const std::vector<FieldError>& list() const { return errors_; }
    // Ok when empty, otherwise kInvalidInput with every error.
    Status ToStatus(std::string summary = "Uppgifterna innehåller fel. Rätta dem och försök igen.") const {
        if (errors_.empty()) return Status::Ok();
        return Status::InvalidInput(std::move(summary), errors_);
    }

   private:
    std::vector<FieldError> errors_;
};

}  // namespace foljsam

// Propagates a failed Status out of the calling function.
#define FOLJSAM_RETURN_IF_ERROR(expr)   \
    do {                                \
        ::foljsam::Status _st = (expr); \
        if (!_st.ok()) return _st;      \
    } while (0)

// Result values and diagnostics: how every chorus library call reports
// failure. Exceptions stay at the CLI boundary.
#ifndef CHORUS_UTIL_RESULT_H_
#define CHORUS_UTIL_RESULT_H_

#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace chorus {

enum class Severity {
  kFatal,    // as the official rules flag "fatal": the document is invalid
  kWarning,  // as the official rules flag "warning"
  kError,    // the input could not be processed at all (unreadable, unparsable)
};

const char* SeverityName(Severity s);  // "fatal", "warning", "error"

// One finding. `rule` is the official id ("BR-CO-10", "UBL-SR-12"), "XSD"
// for schema findings, or a chorus id ("CHORUS-IO", "CHORUS-XML", "JSON").
// `location` is human readable: "line 12", "line 12, column 4",
// "/Invoice/cac:InvoiceLine[2] (line 40)", or a JSON path "$.lines[1].price".
struct Diagnostic {
  std::string rule;
  Severity severity = Severity::kFatal;
  std::string message;
  std::string location;

  bool operator==(const Diagnostic&) const = default;
};

// A failure: a short machine-friendly kind plus the diagnostics that explain
// it. `kind` maps to the process exit code at the CLI boundary.
struct Error {
  enum class Kind {
    kInvalidInput,  // exit 1: the input is wrong (bad JSON, invalid invoice)
    kUsage,         // exit 2: wrong arguments, unreadable file, tool failure
    kNetwork,       // exit 3: platform unreachable
  };
  Kind kind = Kind::kUsage;
  std::string message;  // one line, names the file/field at fault
  std::vector<Diagnostic> details;
};

inline Error MakeError(Error::Kind kind, std::string message,
                       std::vector<Diagnostic> details = {}) {
  return Error{kind, std::move(message), std::move(details)};
}

// Minimal expected<T, E> (std::expected is C++23). E is Error except in
// layers that need a richer failure (the platform API's ApiError).
template <typename T, typename E = Error>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}        // NOLINT: implicit on purpose
  Result(E error) : v_(std::move(error)) {}        // NOLINT: implicit on purpose

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const E& error() const { return std::get<1>(v_); }
  E&& take_error() { return std::get<1>(std::move(v_)); }

 private:
  std::variant<T, E> v_;
};

// Result<void> equivalent.
struct Ok {};
using Status = Result<Ok>;

}  // namespace chorus

#endif  // CHORUS_UTIL_RESULT_H_

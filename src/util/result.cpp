#include "chorus/util/result.h"

namespace chorus {

const char* SeverityName(Severity s) {
  switch (s) {
    case Severity::kFatal:
      return "fatal";
    case Severity::kWarning:
      return "warning";
    case Severity::kError:
      return "error";
  }
  return "unknown";
}

}  // namespace chorus

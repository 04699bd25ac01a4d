// The small mappings of the api module: error kinds to names and exit
// classes, flow states to outcomes, document kinds to syntaxeFlux, and the
// real clock.
#include <thread>

#include "chorus/api/chorus_pro.h"

namespace chorus::api {

const char* ApiErrorKindName(ApiErrorKind kind) {
  switch (kind) {
    case ApiErrorKind::kUnreachable:
      return "unreachable";
    case ApiErrorKind::kDeadline:
      return "deadline";
    case ApiErrorKind::kUnknownOutcome:
      return "unknown-outcome";
    case ApiErrorKind::kBadClient:
      return "bad-client";
    case ApiErrorKind::kUnauthorized:
      return "unauthorized";
    case ApiErrorKind::kNotSubscribed:
      return "not-subscribed";
    case ApiErrorKind::kRateLimited:
      return "rate-limited";
    case ApiErrorKind::kServer:
      return "server";
    case ApiErrorKind::kFunctional:
      return "functional";
    case ApiErrorKind::kNotFound:
      return "not-found";
    case ApiErrorKind::kBadAnswer:
      return "bad-answer";
  }
  return "bad-answer";
}

Error ApiError::ToError() const {
  Error::Kind k = Error::Kind::kUsage;
  switch (kind) {
    case ApiErrorKind::kUnreachable:
    case ApiErrorKind::kDeadline:
    case ApiErrorKind::kUnknownOutcome:
    case ApiErrorKind::kRateLimited:
    case ApiErrorKind::kServer:
      k = Error::Kind::kNetwork;
      break;
    case ApiErrorKind::kFunctional:
      k = Error::Kind::kInvalidInput;
      break;
    case ApiErrorKind::kBadClient:
    case ApiErrorKind::kUnauthorized:
    case ApiErrorKind::kNotSubscribed:
    case ApiErrorKind::kNotFound:
    case ApiErrorKind::kBadAnswer:
      k = Error::Kind::kUsage;
      break;
  }
  return MakeError(k, message);
}

FlowOutcome FlowOutcomeOf(const std::string& etat) {
  if (etat == "IN_INTEGRE") return FlowOutcome::kIntegrated;
  if (etat == "IN_INTEGRE_PARTIEL") return FlowOutcome::kPartial;
  if (etat == "IN_REJETE") return FlowOutcome::kRejected;
  return FlowOutcome::kPending;
}

const char* SyntaxeFluxFor(std::string_view kind) {
  if (kind == "ubl") return "IN_DP_E1_UBL_INVOICE";
  if (kind == "cii") return "IN_DP_E1_CII_16B";
  if (kind == "facturx") return "IN_DP_E2_CII_FACTURX";
  return "";
}

namespace {

class RealClock final : public Clock {
 public:
  std::chrono::steady_clock::time_point Now() override {
    return std::chrono::steady_clock::now();
  }
  void SleepFor(std::chrono::milliseconds d) override {
    std::this_thread::sleep_for(d);
  }
};

}  // namespace

Clock& SystemClock() {
  static RealClock clock;
  return clock;
}

}  // namespace chorus::api

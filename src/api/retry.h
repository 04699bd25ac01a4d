// How one logical call becomes several HTTP attempts: which failures are
// worth another try, how long to wait (full jitter, Retry-After), when to
// stop (attempts, total deadline), and when a retry would be unsafe because
// the server may already have acted on the request.
#ifndef CHORUS_SRC_API_RETRY_H_
#define CHORUS_SRC_API_RETRY_H_

#include <chrono>
#include <functional>
#include <optional>
#include <random>
#include <string>
#include <string_view>

#include "chorus/api/chorus_pro.h"
#include "chorus/api/http.h"

namespace chorus::api::internal {

using TimePoint = std::chrono::steady_clock::time_point;

// The wait an answer asks for in Retry-After: delta-seconds, or an HTTP date
// measured against the answer's own Date header (so the two clocks need not
// agree), else against the system clock. nullopt when absent or unreadable.
std::optional<std::chrono::milliseconds> RetryAfter(
    const HttpResponse& response);

// "/cpro/factures/v1/deposer/flux" of a URL: what log lines show.
std::string PathOf(const std::string& url);

class Retrier {
 public:
  Retrier(HttpClient& http, Clock& clock, const RetryPolicy& policy);

  // Sends make() until an answer that needs no retry, and returns it (401,
  // 403, 404, 4xx and 2xx answers all come back as answers). Errors:
  // kRateLimited / kServer / kUnreachable when attempts run out, kDeadline
  // when the next wait would end past `deadline`, kUnknownOutcome when a
  // non-idempotent request may have reached the server (see retry.cpp).
  ApiResult<HttpResponse> Run(std::string_view operation, bool idempotent,
                              const std::function<HttpRequest()>& make,
                              TimePoint deadline);

 private:
  std::chrono::milliseconds JitteredWait(int retry);

  HttpClient& http_;
  Clock& clock_;
  RetryPolicy policy_;
  std::mt19937_64 rng_;
};

}  // namespace chorus::api::internal

#endif  // CHORUS_SRC_API_RETRY_H_

#include "retry.h"

#include <curl/curl.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <ctime>

namespace chorus::api::internal {
namespace {

using std::chrono::duration_cast;
using std::chrono::milliseconds;

long long MillisBetween(TimePoint a, TimePoint b) {
  return duration_cast<milliseconds>(b - a).count();
}

// Which answers deserve another attempt. 429 and 503 say "not now" without
// having processed anything, so even a deposit is sent again. Other 5xx are
// retried only for idempotent calls. For a deposit they are not: a 500 may
// come after the deposit was recorded (the failure can be in building the
// answer), a 502 or 504 from the gateway means the request did reach the
// Chorus Pro backend, which may have stored it before the gateway gave up
// waiting. Depositing again could create a duplicate flow, so those become
// kUnknownOutcome and the user checks before re-depositing.
bool RetryableStatus(int status, bool idempotent) {
  if (status == 429 || status == 503) return true;
  return idempotent && status >= 500 && status <= 599;
}

ApiError Fail(ApiErrorKind kind, std::string_view operation,
              std::string message, int http_status = 0) {
  ApiError e;
  e.kind = kind;
  e.operation = std::string(operation);
  e.http_status = http_status;
  e.message = std::move(message);
  return e;
}

std::string UnknownOutcomeMessage(std::string_view operation,
                                  const std::string& what) {
  return std::string(operation) + ": " + what +
         "; the request may have been processed, so it is not sent again: "
         "search the "
         "deposited flows/invoices before depositing again";
}

std::string Attempts(int n) {
  return n == 1 ? "1 attempt" : std::to_string(n) + " attempts";
}

}  // namespace

std::optional<milliseconds> RetryAfter(const HttpResponse& response) {
  std::string value = response.Header("retry-after");
  value.erase(0, value.find_first_not_of(" \t"));
  value.erase(value.find_last_not_of(" \t") + 1);
  if (value.empty()) return std::nullopt;
  if (std::all_of(value.begin(), value.end(),
                  [](unsigned char c) { return std::isdigit(c) != 0; })) {
    // A day is more than any deadline; longer values are clamped rather
    // than overflowing.
    if (value.size() > 6) return milliseconds(86'400'000);
    return milliseconds(std::stoll(value) * 1000);
  }
  std::time_t when = curl_getdate(value.c_str(), nullptr);
  if (when == -1) return std::nullopt;
  std::time_t now = -1;
  if (std::string date = response.Header("date"); !date.empty()) {
    now = curl_getdate(date.c_str(), nullptr);
  }
  if (now == -1) now = std::time(nullptr);
  return milliseconds(
      std::max<long long>(0, static_cast<long long>(when - now)) * 1000);
}

std::string PathOf(const std::string& url) {
  std::size_t scheme = url.find("://");
  std::size_t start =
      url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  if (start == std::string::npos) return "/";
  std::size_t end = url.find_first_of("?#", start);
  return url.substr(start, end == std::string::npos ? end : end - start);
}

Retrier::Retrier(HttpClient& http, Clock& clock, const RetryPolicy& policy)
    : http_(http),
      clock_(clock),
      policy_(policy),
      rng_(policy.jitter_seed != 0 ? policy.jitter_seed
                                   : std::random_device{}()) {}

milliseconds Retrier::JitteredWait(int retry) {
  long long cap = policy_.max_delay.count();
  const long long base = policy_.base_delay.count();
  // cap = min(max_delay, base * 2^retry), without overflowing the shift.
  if (base <= 0) {
    cap = 0;
  } else if (retry < 40 && base <= (cap >> retry)) {
    cap = base << retry;
  }
  std::uniform_int_distribution<long long> pick(0, std::max<long long>(cap, 0));
  return milliseconds(pick(rng_));
}

ApiResult<HttpResponse> Retrier::Run(std::string_view operation,
                                     bool idempotent,
                                     const std::function<HttpRequest()>& make,
                                     TimePoint deadline) {
  const TimePoint start = clock_.Now();
  const int max_attempts = std::max(policy_.max_attempts, 1);
  for (int attempt = 1;; ++attempt) {
    HttpRequest request = make();
    const std::string path = PathOf(request.url);
    const TimePoint sent_at = clock_.Now();
    HttpResult result = http_.Send(request);
    const long long took = MillisBetween(sent_at, clock_.Now());
    ApiErrorKind kind;
    std::string last;
    int status = 0;
    std::optional<milliseconds> asked;
    if (result.ok()) {
      status = result->status;
      spdlog::debug("{} {} {} attempt {}/{}: HTTP {} in {} ms", operation,
                    request.method, path, attempt, max_attempts, status, took);
      if (!RetryableStatus(status, idempotent)) {
        if (status >= 500 && status <= 599) {
          return Fail(
              ApiErrorKind::kUnknownOutcome, operation,
              UnknownOutcomeMessage(operation, "Chorus Pro answered HTTP " +
                                                   std::to_string(status)),
              status);
        }
        return std::move(result).value();
      }
      kind = status == 429 ? ApiErrorKind::kRateLimited : ApiErrorKind::kServer;
      last = "HTTP " + std::to_string(status);
      asked = RetryAfter(*result);
    } else {
      const TransportError& e = result.error();
      spdlog::debug("{} {} {} attempt {}/{}: {} ({}) in {} ms", operation,
                    request.method, path, attempt, max_attempts,
                    TransportFailureName(e.failure), e.message, took);
      if (e.failure == TransportFailure::kTls ||
          e.failure == TransportFailure::kOther) {
        // Certificates and malformed requests do not mend by waiting.
        return Fail(ApiErrorKind::kUnreachable, operation,
                    std::string(operation) + ": " + e.message);
      }
      if (e.sent && !idempotent) {
        return Fail(ApiErrorKind::kUnknownOutcome, operation,
                    UnknownOutcomeMessage(operation, e.message));
      }
      kind = ApiErrorKind::kUnreachable;
      last = e.message;
    }
    if (attempt >= max_attempts) {
      return Fail(kind, operation,
                  std::string(operation) + ": gave up after " +
                      Attempts(attempt) + ", the last one: " + last,
                  status);
    }
    milliseconds wait =
        std::max(JitteredWait(attempt - 1), asked.value_or(milliseconds(0)));
    if (clock_.Now() + wait > deadline) {
      long long spent = MillisBetween(start, clock_.Now());
      return Fail(ApiErrorKind::kDeadline, operation,
                  std::string(operation) + ": deadline reached after " +
                      Attempts(attempt) + " in " + std::to_string(spent) +
                      " ms (next wait " + std::to_string(wait.count()) +
                      " ms), the last one: " + last,
                  status);
    }
    spdlog::debug("{}: retrying in {} ms", operation, wait.count());
    clock_.SleepFor(wait);
  }
}

}  // namespace chorus::api::internal

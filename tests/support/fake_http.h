// Test doubles for the api module's seams: an HttpClient that answers from
// a script and records every request, and a Clock that only moves when told
// (sleeping advances it), so retries and token expiry run instantly.
#ifndef CHORUS_TESTS_SUPPORT_FAKE_HTTP_H_
#define CHORUS_TESTS_SUPPORT_FAKE_HTTP_H_

#include <algorithm>
#include <cctype>
#include <chrono>
#include <deque>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "chorus/api/chorus_pro.h"
#include "chorus/api/http.h"

namespace chorus::testing {

// An answer with a JSON body (and extra headers, names lower-case).
inline api::HttpResponse JsonAnswer(int status, const nlohmann::json& body,
                                    api::Headers headers = {}) {
  api::HttpResponse r;
  r.status = status;
  r.headers = std::move(headers);
  r.headers.emplace_back("content-type", "application/json");
  r.body = body.dump();
  return r;
}

inline api::TransportError TransportFailed(api::TransportFailure failure,
                                           bool sent = false) {
  api::TransportError e;
  e.failure = failure;
  e.sent = sent || failure == api::TransportFailure::kSentNoAnswer;
  e.message = std::string("scripted ") + api::TransportFailureName(failure);
  return e;
}

class FakeHttpClient : public api::HttpClient {
 public:
  // Queues answers for requests whose URL ends with `suffix`, used in order.
  void Push(const std::string& suffix, api::HttpResult answer) {
    routes_[suffix].queue.push_back(std::move(answer));
  }
  // The answer once the queue for `suffix` is empty, for any number of calls.
  void Always(const std::string& suffix, api::HttpResult answer) {
    routes_[suffix].fallback.emplace_back(std::move(answer));
  }

  api::HttpResult Send(const api::HttpRequest& request) override {
    requests_.push_back(request);
    for (auto& [suffix, route] : routes_) {
      if (!std::string_view(request.url).ends_with(suffix)) continue;
      if (!route.queue.empty()) {
        api::HttpResult r = std::move(route.queue.front());
        route.queue.pop_front();
        return r;
      }
      if (!route.fallback.empty()) return route.fallback.front();
    }
    api::TransportError e;
    e.failure = api::TransportFailure::kOther;
    e.message = "no scripted answer for " + request.url;
    return e;
  }

  const std::vector<api::HttpRequest>& requests() const { return requests_; }
  std::vector<api::HttpRequest> RequestsTo(std::string_view suffix) const {
    std::vector<api::HttpRequest> out;
    for (const auto& r : requests_) {
      if (std::string_view(r.url).ends_with(suffix)) out.push_back(r);
    }
    return out;
  }

 private:
  struct Route {
    std::deque<api::HttpResult> queue;
    std::vector<api::HttpResult> fallback;
  };
  std::map<std::string, Route> routes_;
  std::vector<api::HttpRequest> requests_;
};

class FakeClock : public api::Clock {
 public:
  std::chrono::steady_clock::time_point Now() override { return now_; }
  void SleepFor(std::chrono::milliseconds d) override {
    sleeps_.push_back(d);
    now_ += d;
  }
  void Advance(std::chrono::milliseconds d) { now_ += d; }
  const std::vector<std::chrono::milliseconds>& sleeps() const {
    return sleeps_;
  }
  std::chrono::milliseconds Slept() const {
    std::chrono::milliseconds total{0};
    for (auto d : sleeps_) total += d;
    return total;
  }

 private:
  std::chrono::steady_clock::time_point now_{std::chrono::hours(1000)};
  std::vector<std::chrono::milliseconds> sleeps_;
};

// The value of header `name` in a recorded request ("" when absent).
inline std::string RequestHeader(const api::HttpRequest& r,
                                 std::string_view name) {
  for (const auto& [key, value] : r.headers) {
    if (key.size() == name.size() &&
        std::equal(key.begin(), key.end(), name.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) ==
                 std::tolower(static_cast<unsigned char>(b));
        })) {
      return value;
    }
  }
  return "";
}

}  // namespace chorus::testing

#endif  // CHORUS_TESTS_SUPPORT_FAKE_HTTP_H_

#include "token.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "chorus/util/json_integer.h"

namespace chorus::api::internal {
namespace {

using std::chrono::seconds;

// The documented lifetime; used only when an answer leaves expires_in out.
constexpr long long kDefaultLifetimeSeconds = 3600;

ApiError TokenError(ApiErrorKind kind, int status, std::string message,
                    std::string libelle = "") {
  ApiError e;
  e.kind = kind;
  e.operation = "token";
  e.http_status = status;
  e.libelle = std::move(libelle);
  e.message = "token: " + std::move(message);
  return e;
}

long long LifetimeSeconds(const nlohmann::json& answer) {
  if (!answer.is_object() || !answer.contains("expires_in"))
    return kDefaultLifetimeSeconds;
  // Unreadable: use the token for this call only.
  return JsonIntegerMember(answer, "expires_in").value_or(0);
}

ApiError RefusalError(int status, const nlohmann::json& answer) {
  std::string code, description;
  if (answer.is_object()) {
    if (auto it = answer.find("error"); it != answer.end() && it->is_string())
      code = *it;
    if (auto it = answer.find("error_description");
        it != answer.end() && it->is_string()) {
      description = *it;
    }
  }
  std::string message;
  if (code == "invalid_client") {
    message =
        "the PISTE client id/secret was refused by the token endpoint "
        "(invalid_client)";
  } else {
    message = "the token endpoint refused the request (HTTP " +
              std::to_string(status) + (code.empty() ? "" : ", " + code) +
              "): check the PISTE client id/secret";
  }
  if (!description.empty()) message += " — " + description.substr(0, 200);
  return TokenError(ApiErrorKind::kBadClient, status, std::move(message), code);
}

}  // namespace

TokenCache::TokenCache(Clock& clock, Retrier& retrier, std::string token_url,
                       std::string client_id, std::string client_secret)
    : clock_(clock),
      retrier_(retrier),
      token_url_(std::move(token_url)),
      client_id_(std::move(client_id)),
      client_secret_(std::move(client_secret)) {}

ApiResult<std::string> TokenCache::Get(TimePoint deadline) {
  if (!token_.empty() && clock_.Now() < refresh_at_) return token_;
  return Fetch(deadline);
}

void TokenCache::Invalidate() { token_.clear(); }

ApiResult<std::string> TokenCache::Fetch(TimePoint deadline) {
  token_.clear();
  if (client_id_.empty() || client_secret_.empty()) {
    return TokenError(ApiErrorKind::kBadClient, 0,
                      "the PISTE client id/secret is not set");
  }
  const TimePoint asked_at = clock_.Now();
  auto make = [this] {
    HttpRequest r;
    r.method = "POST";
    r.url = token_url_;
    r.headers = {{"Content-Type", "application/x-www-form-urlencoded"},
                 {"Accept", "application/json"}};
    r.body = FormEncode({{"grant_type", "client_credentials"},
                         {"client_id", client_id_},
                         {"client_secret", client_secret_},
                         {"scope", "openid"}});
    r.body_is_secret = true;
    return r;
  };
  auto answer = retrier_.Run("token", /*idempotent=*/true, make, deadline);
  if (!answer) return answer.take_error();
  const int status = answer->status;
  auto json =
      nlohmann::json::parse(answer->body, nullptr, /*allow_exceptions=*/false);
  if (status == 400 || status == 401 || status == 403)
    return RefusalError(status, json);
  if (status == 404) {
    return TokenError(ApiErrorKind::kNotFound, status,
                      "HTTP 404 from the token endpoint: is its URL right?");
  }
  if (status < 200 || status > 299) {
    return TokenError(ApiErrorKind::kBadAnswer, status,
                      "unexpected HTTP " + std::to_string(status) +
                          " from the token endpoint");
  }
  auto it = json.is_object() ? json.find("access_token") : json.end();
  if (!json.is_object() || it == json.end() || !it->is_string() ||
      it->get<std::string>().empty()) {
    return TokenError(ApiErrorKind::kBadAnswer, status,
                      "the token endpoint's answer has no access_token");
  }
  const long long lifetime = std::max(LifetimeSeconds(json), 0LL);
  // Refresh a minute before expiry; a short-lived token (a test sandbox)
  // is refreshed halfway instead, so it still serves a few calls.
  const long long margin = std::min(60LL, lifetime / 2);
  refresh_at_ = asked_at + seconds(lifetime - margin);
  token_ = it->get<std::string>();
  // Old tokens can still be echoed in an answer; a handful is enough.
  if (issued_.size() >= 16) issued_.erase(issued_.begin());
  issued_.push_back(token_);
  spdlog::debug("token: obtained, valid {} s, refreshed after {} s", lifetime,
                lifetime - margin);
  return token_;
}

}  // namespace chorus::api::internal

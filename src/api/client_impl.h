// What ChorusProClient's typed operations share: the gateway call (token,
// headers, retries, the 401 refresh, the answer checks) and the scrubbing
// of secrets out of every error that leaves the client.
#ifndef CHORUS_SRC_API_CLIENT_IMPL_H_
#define CHORUS_SRC_API_CLIENT_IMPL_H_

#include <string>
#include <vector>

#include "chorus/api/chorus_pro.h"
#include "retry.h"
#include "token.h"

namespace chorus::api {

struct ChorusProClient::Impl {
  Impl(HttpClient& http, Endpoints endpoints, const Credentials& creds,
       RetryPolicy policy, Clock& clock);

  // POST base + path (a "/cpro/..." path) with `body`; the answer's JSON
  // object when codeRetour is 0. `idempotent` false: never sent again once
  // it may have reached the server.
  ApiResult<nlohmann::json> Post(const std::string& path,
                                 const nlohmann::json& body, bool idempotent);

  // Replaces every secret (client secret, technical-account password, the
  // cpro-account value, tokens) found in the error's texts by "***".
  ApiError Scrub(ApiError e) const;

  template <typename T>
  ApiResult<T> Scrubbed(ApiResult<T> r) const {
    if (r.ok()) return r;
    return Scrub(r.take_error());
  }

  Clock& clock;
  Endpoints endpoints;
  RetryPolicy policy;
  std::string tech_login;
  std::string cpro_account;  // base64("login:password")
  std::vector<std::string> secrets;
  internal::Retrier retrier;
  internal::TokenCache tokens;
};

}  // namespace chorus::api

#endif  // CHORUS_SRC_API_CLIENT_IMPL_H_

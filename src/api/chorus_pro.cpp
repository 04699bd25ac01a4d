// The gateway call every Chorus Pro operation goes through: the token, the
// three documented headers, retries, one token refresh on a 401, and the
// reading of the answer (HTTP status, then codeRetour/libelle).
#include "chorus/api/chorus_pro.h"

#include <spdlog/spdlog.h>

#include "chorus/api/base64.h"
#include "chorus/util/json_integer.h"
#include "client_impl.h"

namespace chorus::api {
namespace {

using nlohmann::json;

// "/cpro/factures/v1/deposer/flux" -> "deposer/flux".
std::string OperationOf(const std::string& path) {
  std::size_t v1 = path.find("/v1/");
  return v1 == std::string::npos ? path : path.substr(v1 + 4);
}

// "/cpro/factures/v1/..." -> "Factures": the API as PISTE names it in the
// subscription screen.
std::string ApiNameOf(const std::string& path) {
  std::string rest = path.starts_with("/cpro/") ? path.substr(6) : path;
  std::string name = rest.substr(0, rest.find('/'));
  if (!name.empty())
    name[0] =
        static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
  return name;
}

ApiError Failure(ApiErrorKind kind, const std::string& op, int status,
                 std::string message) {
  ApiError e;
  e.kind = kind;
  e.operation = op;
  e.http_status = status;
  e.message = op + ": " + std::move(message);
  return e;
}

// One line of an unexpected body for a message: enough to recognise an
// HTML error page or a proxy's text, never a whole document.
std::string Excerpt(const std::string& body) {
  std::string line = body.substr(0, 160);
  for (char& c : line) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return line.empty() ? "empty body"
                      : "\"" + line + (body.size() > 160 ? "...\"" : "\"");
}

// codeRetour as documented is an integer; some gateways send it as text.
std::optional<long long> CodeRetour(const json& answer) {
  if (!answer.is_object() || !answer.contains("codeRetour"))
    return std::nullopt;
  // Unreadable: certainly not success.
  return JsonIntegerMember(answer, "codeRetour").value_or(-1);
}

ApiResult<json> Interpret(const std::string& path, const HttpResponse& answer) {
  const std::string op = OperationOf(path);
  const int status = answer.status;
  if (status == 401) {
    return Failure(
        ApiErrorKind::kUnauthorized, op, status,
        "HTTP 401 from the PISTE gateway: token or Chorus Pro technical "
        "account "
        "(login/password) rejected; a freshly issued token was refused too, so "
        "check the technical account (its password expires)");
  }
  if (status == 403) {
    return Failure(ApiErrorKind::kNotSubscribed, op, status,
                   "HTTP 403 from the PISTE gateway: the PISTE application is "
                   "not subscribed to "
                   "the " +
                       ApiNameOf(path) + " API");
  }
  if (status == 404) {
    return Failure(ApiErrorKind::kNotFound, op, status, "HTTP 404 for " + path);
  }
  json body = json::parse(answer.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_object()) {
    if (auto code = CodeRetour(body); code && *code != 0) {
      ApiError e = Failure(ApiErrorKind::kFunctional, op, status, "");
      e.code_retour = static_cast<int>(*code);
      if (auto it = body.find("libelle"); it != body.end() && it->is_string())
        e.libelle = *it;
      e.message += "Chorus Pro refused the request: codeRetour " +
                   std::to_string(*code) +
                   (e.libelle.empty() ? "" : ", " + e.libelle);
      return e;
    }
  }
  if (status >= 200 && status <= 299) {
    if (!body.is_object()) {
      return Failure(
          ApiErrorKind::kBadAnswer, op, status,
          "the answer is not a JSON object: " + Excerpt(answer.body));
    }
    return body;
  }
  return Failure(ApiErrorKind::kBadAnswer, op, status,
                 "unexpected HTTP " + std::to_string(status) + ": " +
                     Excerpt(answer.body));
}

void ReplaceAll(std::string& text, const std::string& secret) {
  for (std::size_t at = text.find(secret); at != std::string::npos;
       at = text.find(secret, at + 3)) {
    text.replace(at, secret.size(), "***");
  }
}

}  // namespace

ChorusProClient::Impl::Impl(HttpClient& http, Endpoints endpoints_in,
                            const Credentials& creds, RetryPolicy policy_in,
                            Clock& clock_in)
    : clock(clock_in),
      endpoints(std::move(endpoints_in)),
      policy(policy_in),
      tech_login(creds.tech_login),
      cpro_account(Base64Encode(creds.tech_login + ":" + creds.tech_password)),
      retrier(http, clock_in, policy_in),
      tokens(clock_in, retrier, endpoints.token_url, creds.client_id,
             creds.client_secret) {
  while (endpoints.api_base.ends_with('/')) endpoints.api_base.pop_back();
  // Texts that must never leave the client, also in the forms a server
  // could echo them back (form-encoded, in a Basic header).
  for (const std::string& s :
       {creds.client_secret, creds.tech_password, cpro_account,
        FormEncode({{"", creds.client_secret}}).substr(1),
        FormEncode({{"", creds.tech_password}}).substr(1),
        Base64Encode(creds.client_id + ":" + creds.client_secret)}) {
    // Very short values would blank out ordinary words; the real ones are long.
    if (s.size() >= 4) secrets.push_back(s);
  }
}

ApiError ChorusProClient::Impl::Scrub(ApiError e) const {
  for (const auto* list : {&secrets, &tokens.issued()}) {
    for (const std::string& s : *list) {
      ReplaceAll(e.message, s);
      ReplaceAll(e.libelle, s);
    }
  }
  return e;
}

ApiResult<json> ChorusProClient::Impl::Post(const std::string& path,
                                            const json& body, bool idempotent) {
  const internal::TimePoint deadline = clock.Now() + policy.deadline;
  const std::string op = OperationOf(path);
  if (tech_login.empty()) {
    return Failure(
        ApiErrorKind::kUnauthorized, op, 0,
        "the Chorus Pro technical account (login/password) is not set");
  }
  // A file name that is not UTF-8 must not throw out of the library.
  const std::string text =
      body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  for (bool refreshed = false;; refreshed = true) {
    auto token = tokens.Get(deadline);
    if (!token) return token.take_error();
    auto make = [&] {
      HttpRequest r;
      r.method = "POST";
      r.url = endpoints.api_base + path;
      r.headers = {{"Authorization", "Bearer " + *token},
                   {"cpro-account", cpro_account},
                   {"Content-Type", "application/json;charset=utf-8"},
                   {"Accept", "application/json"}};
      r.body = text;
      r.idempotent = idempotent;
      return r;
    };
    auto answer = retrier.Run(op, idempotent, make, deadline);
    if (!answer) return answer.take_error();
    if (answer->status == 401 && !refreshed) {
      // The token may have been revoked or expired early: one new token,
      // one more try. A second 401 is about the credentials.
      spdlog::debug("{}: HTTP 401, fetching a new token for one more try", op);
      tokens.Invalidate();
      continue;
    }
    auto result = Interpret(path, *answer);
    if (!result && result.error().kind == ApiErrorKind::kFunctional) {
      spdlog::debug("{}: codeRetour {}", op, result.error().code_retour);
    }
    return result;
  }
}

ChorusProClient::ChorusProClient(HttpClient& http, Endpoints endpoints,
                                 Credentials creds, RetryPolicy retry,
                                 Clock& clock)
    : impl_(std::make_unique<Impl>(http, std::move(endpoints), creds, retry,
                                   clock)) {}

ChorusProClient::~ChorusProClient() = default;

ApiResult<Ok> ChorusProClient::Authenticate() {
  auto token = impl_->tokens.Get(impl_->clock.Now() + impl_->policy.deadline);
  if (!token) return impl_->Scrub(token.take_error());
  return Ok{};
}

ApiResult<json> ChorusProClient::Call(const std::string& path,
                                      const json& body) {
  std::string full = path;
  if (!full.starts_with("/cpro/"))
    full = (full.starts_with("/") ? "/cpro" : "/cpro/") + full;
  // An arbitrary operation may have a side effect: sent at most once.
  return impl_->Scrubbed(impl_->Post(full, body, /*idempotent=*/false));
}

}  // namespace chorus::api

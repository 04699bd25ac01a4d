#include "sandbox/gateway.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <array>
#include <cstdio>

#include "sandbox/encoding.h"

namespace chorus::sandbox {
namespace {

using nlohmann::json;

Answer OAuthError(int status, const char* error, std::string description) {
  return {status,
          {{"error", error}, {"error_description", std::move(description)}}};
}

GatewayRefusal TokenRefusal(std::string description) {
  return {OAuthError(401, "invalid_token", std::move(description)), true};
}

GatewayRefusal AccountRefusal(std::string description) {
  return {OAuthError(401, "invalid_cpro_account", std::move(description)),
          false};
}

// Constant-time comparison, so a wrong secret does not leak its prefix.
bool SameSecret(const std::string& a, const std::string& b) {
  return a.size() == b.size() &&
         CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

const std::array<Route, 11>& Routes() {
  static const std::array<Route, 11> kRoutes = {{
      {"factures", "deposer/flux",
       [](Platform& p, const json& r, const std::string& c) {
         return p.DeposerFlux(r, c);
       }},
      {"factures", "rechercher/fournisseur",
       [](Platform& p, const json& r, const std::string&) {
         return p.RechercherFactures(r, false);
       }},
      {"factures", "rechercher/recipiendaire",
       [](Platform& p, const json& r, const std::string&) {
         return p.RechercherFactures(r, true);
       }},
      {"factures", "consulter/fournisseur",
       [](Platform& p, const json& r, const std::string&) {
         return p.ConsulterFacture(r);
       }},
      {"factures", "consulter/historique",
       [](Platform& p, const json& r, const std::string&) {
         return p.ConsulterHistorique(r);
       }},
      {"factures", "telecharger/groupe",
       [](Platform& p, const json& r, const std::string&) {
         return p.TelechargerGroupe(r);
       }},
      {"transverses", "consulterCR",
       [](Platform& p, const json& r, const std::string&) {
         return p.ConsulterCR(r, false);
       }},
      {"transverses", "consulterCRDetaille",
       [](Platform& p, const json& r, const std::string&) {
         return p.ConsulterCR(r, true);
       }},
      {"structures", "rechercher",
       [](Platform&, const json& r, const std::string&) {
         return Platform::RechercherStructures(r);
       }},
      {"structures", "consulter",
       [](Platform&, const json& r, const std::string&) {
         return Platform::ConsulterStructure(r);
       }},
      {"structures", "rechercher/services",
       [](Platform&, const json& r, const std::string&) {
         return Platform::RechercherServices(r);
       }},
  }};
  return kRoutes;
}

}  // namespace

std::string TokenStore::Issue(const std::string& client_id) {
  unsigned char raw[24];
  RAND_bytes(raw, sizeof raw);
  std::string token;
  for (unsigned char c : raw) {
    char hex[3];
    std::snprintf(hex, sizeof hex, "%02x", c);
    token += hex;
  }
  std::lock_guard lock(mu_);
  auto now = std::chrono::steady_clock::now();
  std::erase_if(tokens_,
                [&](const auto& kv) { return kv.second.expires < now; });
  tokens_[token] = {client_id, now + ttl_};
  return token;
}

TokenStore::Check TokenStore::Find(const std::string& token,
                                   std::string* client_id) {
  std::lock_guard lock(mu_);
  auto it = tokens_.find(token);
  if (it == tokens_.end()) return Check::kUnknown;
  if (it->second.expires <= std::chrono::steady_clock::now())
    return Check::kExpired;
  *client_id = it->second.client_id;
  return Check::kOk;
}

Answer IssueToken(const std::function<std::string(const char*)>& field,
                  const std::string& authorization,
                  const SandboxCredentials& creds, TokenStore& tokens) {
  std::string grant = field("grant_type");
  if (grant.empty())
    return OAuthError(400, "invalid_request", "grant_type is missing");
  if (grant != "client_credentials") {
    return OAuthError(400, "unsupported_grant_type",
                      "only grant_type=client_credentials is supported");
  }
  std::string id = field("client_id"), secret = field("client_secret");
  if (id.empty() && StartsWith(authorization, "Basic ")) {
    auto decoded = Base64Decode(authorization.substr(6));
    if (decoded && decoded->find(':') != std::string::npos) {
      id = decoded->substr(0, decoded->find(':'));
      secret = decoded->substr(decoded->find(':') + 1);
    }
  }
  std::string scope = field("scope");
  if (!scope.empty() && scope.find("openid") == std::string::npos) {
    return OAuthError(400, "invalid_scope", "the scope must include openid");
  }
  bool known = id == creds.client_id || id == creds.nofactures_client_id;
  if (id.empty() || !known || !SameSecret(secret, creds.client_secret)) {
    return OAuthError(
        401, "invalid_client",
        id.empty()
            ? "client authentication is missing (client_id, client_secret)"
            : "client authentication failed: unknown client_id or wrong "
              "client_secret");
  }
  json body = {{"access_token", tokens.Issue(id)},
               {"token_type", "Bearer"},
               {"expires_in", tokens.ttl().count()},
               {"scope", "openid"}};
  return {200, body};
}

std::optional<GatewayRefusal> Authorize(const std::string& authorization,
                                        const std::string& cpro_account,
                                        const SandboxCredentials& creds,
                                        TokenStore& tokens,
                                        std::string* client_id) {
  if (authorization.empty()) {
    return TokenRefusal(
        "the Authorization header is missing: send 'Bearer <access_token>' "
        "obtained from /api/oauth/token");
  }
  if (!StartsWith(authorization, "Bearer ") || authorization.size() == 7) {
    return TokenRefusal(
        "the Authorization header is not a Bearer access token");
  }
  switch (tokens.Find(authorization.substr(7), client_id)) {
    case TokenStore::Check::kUnknown:
      return TokenRefusal(
          "the access token is unknown (never issued, or issued by another "
          "server)");
    case TokenStore::Check::kExpired:
      return TokenRefusal("the access token has expired: request a new one");
    case TokenStore::Check::kOk:
      break;
  }
  if (cpro_account.empty()) {
    return AccountRefusal(
        "the cpro-account header is missing: send base64(login:password) "
        "of the Chorus Pro technical account");
  }
  auto decoded = Base64Decode(cpro_account);
  if (!decoded || decoded->find(':') == std::string::npos) {
    return AccountRefusal(
        "the cpro-account header is not base64(login:password)");
  }
  std::string login = decoded->substr(0, decoded->find(':'));
  std::string password = decoded->substr(decoded->find(':') + 1);
  if (login != creds.tech_login || !SameSecret(password, creds.tech_password)) {
    return AccountRefusal(
        "the Chorus Pro technical account was rejected: unknown login or "
        "wrong password");
  }
  return std::nullopt;
}

bool Subscribed(const SandboxCredentials& creds, const std::string& client_id,
                std::string_view api) {
  if (client_id == creds.nofactures_client_id) return api != "factures";
  return true;
}

const Route* FindRoute(std::string_view path) {
  for (const Route& r : Routes()) {
    std::string expected =
        "/cpro/" + std::string(r.api) + "/v1/" + std::string(r.operation);
    if (path == expected) return &r;
  }
  return nullptr;
}

int RateLimiter::Admit(const std::string& key) {
  if (per_minute_ <= 0) return 0;
  using namespace std::chrono;
  auto now = steady_clock::now();
  std::lock_guard lock(mu_);
  auto& seen = seen_[key];
  while (!seen.empty() && now - seen.front() >= minutes(1)) seen.pop_front();
  if (static_cast<int>(seen.size()) < per_minute_) {
    seen.push_back(now);
    return 0;
  }
  auto wait =
      duration_cast<milliseconds>(seen.front() + minutes(1) - now).count();
  return static_cast<int>((wait + 999) / 1000);
}

FaultDice::FaultDice(std::uint64_t seed)
    : rng_(seed != 0 ? seed : std::random_device{}()) {}

bool FaultDice::Roll(double probability) {
  if (probability <= 0) return false;
  std::lock_guard lock(mu_);
  return std::uniform_real_distribution<double>(0.0, 1.0)(rng_) < probability;
}

int FaultDice::ServerErrorStatus() {
  static constexpr int kStatuses[] = {500, 502, 503};
  std::lock_guard lock(mu_);
  return kStatuses[std::uniform_int_distribution<int>(0, 2)(rng_)];
}

}  // namespace chorus::sandbox

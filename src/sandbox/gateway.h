// The PISTE side of the sandbox: the OAuth token endpoint, the checks the
// gateway makes before a request reaches Chorus Pro (token, technical
// account, subscription), the route table, and the fault injectors.
#ifndef CHORUS_SRC_SANDBOX_GATEWAY_H_
#define CHORUS_SRC_SANDBOX_GATEWAY_H_

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>

#include "chorus/sandbox/sandbox.h"
#include "sandbox/platform.h"

namespace chorus::sandbox {

class TokenStore {
 public:
  explicit TokenStore(std::chrono::seconds ttl) : ttl_(ttl) {}
  std::string Issue(const std::string& client_id);
  enum class Check { kOk, kUnknown, kExpired };
  Check Find(const std::string& token, std::string* client_id);
  std::chrono::seconds ttl() const { return ttl_; }

 private:
  struct Entry {
    std::string client_id;
    std::chrono::steady_clock::time_point expires;
  };
  std::chrono::seconds ttl_;
  std::mutex mu_;
  std::map<std::string, Entry> tokens_;
};

// POST /api/oauth/token. `field` reads a form field ("" when absent);
// `authorization` is the Authorization header (client_secret_basic).
Answer IssueToken(const std::function<std::string(const char*)>& field,
                  const std::string& authorization,
                  const SandboxCredentials& creds, TokenStore& tokens);

// The gateway's checks for /cpro/...: a 401 answer, or the PISTE client id.
// Token errors carry WWW-Authenticate (RFC 6750) and error "invalid_token";
// technical-account errors carry error "invalid_cpro_account".
struct GatewayRefusal {
  Answer answer;
  bool token_problem = false;  // add WWW-Authenticate
};
std::optional<GatewayRefusal> Authorize(const std::string& authorization,
                                        const std::string& cpro_account,
                                        const SandboxCredentials& creds,
                                        TokenStore& tokens,
                                        std::string* client_id);

// Whether the application `client_id` is subscribed to `api`.
bool Subscribed(const SandboxCredentials& creds, const std::string& client_id,
                std::string_view api);

using Operation =
    std::function<Answer(Platform&, const nlohmann::json&, const std::string&)>;
struct Route {
  std::string_view api;        // factures, structures, transverses, ...
  std::string_view operation;  // deposer/flux, consulterCR, ...
  Operation run;
};
// Route for "/cpro/<api>/v1/<operation>", or nullptr.
const Route* FindRoute(std::string_view path);

// Requests per minute per client, over a sliding minute.
class RateLimiter {
 public:
  explicit RateLimiter(int per_minute) : per_minute_(per_minute) {}
  // 0 when admitted, else the seconds to wait (Retry-After).
  int Admit(const std::string& key);

 private:
  int per_minute_;
  std::mutex mu_;
  std::map<std::string, std::deque<std::chrono::steady_clock::time_point>>
      seen_;
};

// Seeded randomness of the fault injectors.
class FaultDice {
 public:
  explicit FaultDice(std::uint64_t seed);
  bool Roll(double probability);
  int ServerErrorStatus();  // 500, 502 or 503

 private:
  std::mutex mu_;
  std::mt19937_64 rng_;
};

}  // namespace chorus::sandbox

#endif  // CHORUS_SRC_SANDBOX_GATEWAY_H_

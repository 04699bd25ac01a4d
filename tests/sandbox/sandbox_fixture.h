// Test plumbing for the sandbox: an in-process Sandbox over HTTPS with its
// generated CA, and a small client that verifies the server certificate
// (httplib::Client with the CA; verification on).
#ifndef CHORUS_TESTS_SANDBOX_SANDBOX_FIXTURE_H_
#define CHORUS_TESTS_SANDBOX_SANDBOX_FIXTURE_H_

#include <httplib.h>

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "chorus/sandbox/sandbox.h"

namespace chorus::sandbox::testing {

struct Reply {
  bool answered = false;  // false: transport failure, no HTTP answer
  int status = 0;
  nlohmann::json body;
  httplib::Headers headers;
  std::string Header(const char* name) const;
};

// Options with TLS in a fresh folder and fast processing.
SandboxOptions FastOptions();

class Running {
 public:
  explicit Running(SandboxOptions options);
  ~Running();
  const SandboxInfo& info() const { return info_; }
  Sandbox& sandbox() { return *sandbox_; }

  // A client trusting the sandbox CA; with the client certificate when
  // `with_client_cert`.
  std::unique_ptr<httplib::Client> Client(bool with_client_cert = false) const;

  Reply Token(const std::string& id = "sandbox-client",
              const std::string& secret = "sandbox-secret",
              const std::string& grant = "client_credentials");
  // A POST to /cpro/<path> with a fresh token of `client_id` (cached) and
  // the default technical account.
  Reply Api(const std::string& path, const nlohmann::json& body,
            const std::string& client_id = "sandbox-client");
  // Same with explicit headers (empty value = header left out).
  Reply Raw(const std::string& method, const std::string& path,
            const std::string& bearer, const std::string& account,
            const std::string& body = "{}");

  // Deposits `bytes` and returns numeroFluxDepot ("" on failure).
  std::string Deposit(const std::string& bytes, const std::string& name,
                      const std::string& syntaxe);
  // Polls consulterCRDetaille until a final state (5 s at most).
  nlohmann::json WaitFinal(const std::string& numero);

  bool with_client_cert = false;

 private:
  std::unique_ptr<Sandbox> sandbox_;
  SandboxInfo info_;
  std::map<std::string, std::string> tokens_;
};

std::string B64(const std::string& bytes);
std::string Unb64(const std::string& text);
std::string Account(const std::string& login = "TECH_1_SANDBOX@cpro.fr",
                    const std::string& password = "sandbox-password");
// A generated sample from samples/generated.
std::string Sample(const std::string& name);
// `text` with every occurrence of `from` replaced.
std::string Replace(std::string text, const std::string& from,
                    const std::string& to);

}  // namespace chorus::sandbox::testing

#endif  // CHORUS_TESTS_SANDBOX_SANDBOX_FIXTURE_H_

// A local emulator of Chorus Pro behind the PISTE gateway, faithful to
// ../shared/docs/platform-apis.md §1, so the client and the whole
// submit-and-follow job run end to end on loopback (HTTP or HTTPS).
//
// It serves:
// - POST /api/oauth/token (client credentials; expiring tokens);
// - the gateway /cpro/<api>/v1/<operation>: 401 for a bad token or technical
//   account (cpro-account), 403 for an API outside the application's
//   subscription, 404 for an unknown route, 405 for anything but POST;
// - factures (deposer/flux, rechercher/fournisseur|recipiendaire,
//   consulter/fournisseur|historique, telecharger/groupe), transverses
//   (consulterCR, consulterCRDetaille), structures (rechercher, consulter,
//   rechercher/services), over seeded public entities.
// A deposited flow is processed asynchronously by a worker thread that reads
// the invoice with chorus's own readers and rules and checks the recipient's
// requirements (service code BT-10, engagement number BT-13). A .tar.gz flow
// holds several invoices and may end IN_INTEGRE_PARTIEL. Factur-X PDFs and
// zip archives are refused with a technical error (not read here).
//
// Fault injection (5xx, latency, 429 rate limit, connection cut after a
// deposit is recorded) and persistence of flows/invoices in a JSON state file
// make the client's retry and recovery paths testable.
#ifndef CHORUS_SANDBOX_SANDBOX_H_
#define CHORUS_SANDBOX_SANDBOX_H_

#include <chrono>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "chorus/util/result.h"

namespace chorus::sandbox {

// What the sandbox accepts. The defaults are public test values; the CLI
// overrides them from CHORUS_SANDBOX_CLIENT_ID / _SECRET / _TECH_LOGIN /
// _TECH_PASSWORD. A second application, `nofactures_client_id` (same
// secret), is subscribed to every API except Factures, to exercise 403.
struct SandboxCredentials {
  std::string client_id = "sandbox-client";
  std::string client_secret = "sandbox-secret";
  std::string nofactures_client_id = "sandbox-nofactures";
  std::string tech_login = "TECH_1_SANDBOX@cpro.fr";
  std::string tech_password = "sandbox-password";
};

struct SandboxOptions {
  std::string host = "127.0.0.1";
  int port = 0;  // 0 = a free port, chosen by the kernel

  bool tls = false;
  // TLS material: reused when it holds ca.pem, server.pem and
  // server-key.pem; otherwise generated there (CA, server cert for
  // 127.0.0.1/localhost, client cert, client.p12). Empty = a new temp dir.
  std::string cert_dir;
  std::string
      client_ca;  // non-empty: client certificates signed by it required
  std::string p12_password = "sandbox";  // client.p12's password (secret)

  std::string state_file;  // JSON, rewritten atomically on every change

  SandboxCredentials credentials;
  std::chrono::seconds token_ttl{3600};
  std::chrono::milliseconds processing_step{200};  // per flow state step

  // Fault injection.
  double fail_rate = 0.0;                // P(500/502/503 before any processing)
  std::chrono::milliseconds latency{0};  // added to every answer
  int rate_limit = 0;               // requests per minute per client; 0 = off
  double drop_after_receive = 0.0;  // P(deposit recorded, connection cut)
  std::uint64_t seed = 0;           // fault randomness; 0 = random
};

// Reads the CHORUS_SANDBOX_* variables into `options` (credentials and the
// PKCS#12 password).
void ApplyEnvironment(SandboxOptions& options);

// Where a started sandbox listens and the TLS files a client needs.
struct SandboxInfo {
  std::string url;  // https://127.0.0.1:PORT (http:// without TLS)
  int port = 0;
  std::string token_url;  // url + /api/oauth/token
  std::string api_base;   // url (paths are /cpro/<api>/v1/...)
  std::string cert_dir;   // "" without TLS
  std::string ca;         // CA that signed the server cert; "" without TLS
  std::string client_cert, client_key, client_p12;  // "" when not generated

  // {"url","port","token_url","api_base","ca","client_cert","client_key",
  //  "client_p12"}: the --ready-file contents.
  nlohmann::json ToJson() const;
};

// Writes info.ToJson() to `path` atomically (temp file + rename).
Status WriteReadyFile(const std::string& path, const SandboxInfo& info);

class Sandbox {
 public:
  explicit Sandbox(SandboxOptions options);
  ~Sandbox();  // Stop()

  // Loads the state file, prepares TLS, binds, and starts serving and
  // processing in background threads. Returns once connections are accepted.
  Result<SandboxInfo> Start();
  // Stops serving and processing, saves the state. Idempotent.
  void Stop();

  Sandbox(const Sandbox&) = delete;
  Sandbox& operator=(const Sandbox&) = delete;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace chorus::sandbox

#endif  // CHORUS_SANDBOX_SANDBOX_H_

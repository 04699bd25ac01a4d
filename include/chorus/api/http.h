// The HTTP seam of the platform clients. Everything that talks to Chorus Pro
// or a PA goes through HttpClient, so unit tests swap in a fake and the
// end-to-end tests use the real libcurl client against the local sandbox.
#ifndef CHORUS_API_HTTP_H_
#define CHORUS_API_HTTP_H_

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "chorus/util/result.h"

namespace chorus::api {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method = "POST";
  std::string url;
  Headers headers;
  std::string body;
  // Header names whose values are secrets (Authorization, cpro-account):
  // never logged. Bodies are never logged above debug level, and form bodies
  // carrying client_secret are never logged at all.
  bool body_is_secret = false;
  // False for a request with a side effect (a deposit): the client then never
  // replays it on its own, not even when a reused keep-alive connection turns
  // out to be dead (it opens a fresh connection for it instead).
  bool idempotent = true;
};

struct HttpResponse {
  int status = 0;
  Headers headers;  // names lower-cased
  std::string body;

  // First value of header `name` (case-insensitive), or "" when absent.
  std::string Header(std::string_view name) const;
};

// Why no HTTP answer came back. The distinction that matters most is
// kSentNoAnswer: the whole request went out and the connection died before
// an answer, so the server may have acted on it (a deposit may exist).
enum class TransportFailure {
  kResolve,       // host name did not resolve
  kConnect,       // refused, unreachable, connect timeout
  kTls,           // handshake failed, certificate rejected (ours or theirs)
  kTimeout,       // total timeout hit while waiting
  kSentNoAnswer,  // request fully sent, connection lost before the answer
  kOther,
};

const char* TransportFailureName(TransportFailure f);

struct TransportError {
  TransportFailure failure = TransportFailure::kOther;
  std::string message;  // readable, names the host; never a secret
  // The whole request (headers and body) went out before the failure, so the
  // server may have acted on it. Always true for kSentNoAnswer; a kTimeout
  // can be either (timed out sending, or waiting for the answer).
  bool sent = false;
};

using HttpResult = Result<HttpResponse, TransportError>;

class HttpClient {
 public:
  virtual ~HttpClient() = default;
  // Sends one request; no retries here (RetryPolicy lives above).
  virtual HttpResult Send(const HttpRequest& request) = 0;
};

// TLS material for any endpoint. Verification of the server is always on:
// a sandbox with its own CA is trusted by passing that CA in ca_file.
struct TlsOptions {
  std::string ca_file;       // PEM bundle; empty = system store
  std::string cert_file;     // client certificate, PEM or PKCS#12 (.p12/.pfx)
  std::string key_file;      // PEM key; empty when cert_file is PKCS#12
  std::string key_password;  // secret: PEM key passphrase or PKCS#12 password
};

struct HttpClientOptions {
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds total_timeout{60'000};  // per request
  TlsOptions tls;
  std::string user_agent;  // default "chorus/<version>"
  // The proxy comes from the environment (https_proxy, HTTPS_PROXY,
  // no_proxy), as curl reads it.
};

// libcurl implementation: one handle reused across requests (connection
// reuse), thread-compatible (one client per thread). Fails (kUsage) when the
// TLS files cannot be read.
Result<std::unique_ptr<HttpClient>> MakeCurlHttpClient(
    const HttpClientOptions& options);

// "application/x-www-form-urlencoded" body from pairs.
std::string FormEncode(const Headers& fields);

}  // namespace chorus::api

#endif  // CHORUS_API_HTTP_H_

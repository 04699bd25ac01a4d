// The libcurl HttpClient. One easy handle per client: curl keeps its
// connection cache in the handle, so consecutive calls to the same host reuse
// the TLS connection. The proxy comes from the environment, as curl reads it
// by default (https_proxy, no_proxy), and nothing here turns that off.
#include <curl/curl.h>

#include <cctype>
#include <mutex>
#include <string>

#include "chorus/api/http.h"
#include "tls_material.h"

#ifndef CHORUS_VERSION
#define CHORUS_VERSION "dev"
#endif

namespace chorus::api {
namespace {

// An answer larger than this is refused rather than exhausting memory; the
// largest documented payload (a download of grouped invoices) is far below.
constexpr std::size_t kMaxAnswerBytes = 512u << 20;

struct Collected {
  std::string body;
  Headers headers;
  bool too_large = false;
};

std::size_t OnBody(char* data, std::size_t size, std::size_t n, void* user) {
  auto* c = static_cast<Collected*>(user);
  std::size_t len = size * n;
  if (c->body.size() + len > kMaxAnswerBytes) {
    c->too_large = true;
    return 0;  // makes curl stop with CURLE_WRITE_ERROR
  }
  c->body.append(data, len);
  return len;
}

std::string Trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

std::size_t OnHeader(char* data, std::size_t size, std::size_t n, void* user) {
  auto* c = static_cast<Collected*>(user);
  std::string_view line(data, size * n);
  if (line.starts_with("HTTP/")) {
    c->headers.clear();  // a new response (after a 100 Continue): start over
  } else if (auto colon = line.find(':'); colon != std::string_view::npos) {
    std::string name = Trim(line.substr(0, colon));
    for (char& ch : name)
      ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    c->headers.emplace_back(std::move(name), Trim(line.substr(colon + 1)));
  }
  return size * n;
}

// "host[:port]" of a URL, for messages. Credentials never travel in our
// URLs, but a "user@" part is dropped anyway.
std::string HostOf(const std::string& url) {
  std::size_t start = url.find("://");
  start = start == std::string::npos ? 0 : start + 3;
  std::size_t end = url.find_first_of("/?#", start);
  std::string host =
      url.substr(start, end == std::string::npos ? end : end - start);
  if (auto at = host.rfind('@'); at != std::string::npos) host.erase(0, at + 1);
  return host;
}

class CurlHttpClient final : public HttpClient {
 public:
  CurlHttpClient(HttpClientOptions options, CertFormat cert_format, CURL* curl)
      : options_(std::move(options)), cert_format_(cert_format), curl_(curl) {
    if (options_.user_agent.empty())
      options_.user_agent = "chorus/" CHORUS_VERSION;
  }
  ~CurlHttpClient() override { curl_easy_cleanup(curl_); }
  CurlHttpClient(const CurlHttpClient&) = delete;
  CurlHttpClient& operator=(const CurlHttpClient&) = delete;

  HttpResult Send(const HttpRequest& request) override;

 private:
  void SetTransferOptions(const HttpRequest& request, curl_slist* headers,
                          Collected* collected, char* errbuf);
  void SetTlsOptions();
  TransportError Classify(CURLcode rc, const HttpRequest& request,
                          const char* errbuf, bool too_large);

  HttpClientOptions options_;
  CertFormat cert_format_;
  CURL* curl_;
};

void CurlHttpClient::SetTransferOptions(const HttpRequest& request,
                                        curl_slist* headers,
                                        Collected* collected, char* errbuf) {
  curl_easy_setopt(curl_, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(curl_, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(curl_, CURLOPT_NOSIGNAL, 1L);  // timeouts without SIGALRM
  curl_easy_setopt(curl_, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl_, CURLOPT_FOLLOWLOCATION, 0L);
  // HTTP/1.1 only: the sent-or-not accounting below (upload counters) is
  // exact there, and is what tells a lost deposit from one never sent.
  curl_easy_setopt(curl_, CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_1_1);
  curl_easy_setopt(curl_, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(options_.connect_timeout.count()));
  curl_easy_setopt(curl_, CURLOPT_TIMEOUT_MS,
                   static_cast<long>(options_.total_timeout.count()));
  curl_easy_setopt(curl_, CURLOPT_USERAGENT, options_.user_agent.c_str());
  curl_easy_setopt(curl_, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl_, CURLOPT_WRITEFUNCTION, OnBody);
  curl_easy_setopt(curl_, CURLOPT_WRITEDATA, collected);
  curl_easy_setopt(curl_, CURLOPT_HEADERFUNCTION, OnHeader);
  curl_easy_setopt(curl_, CURLOPT_HEADERDATA, collected);
  // curl replays a request by itself when a reused connection proves dead;
  // a fresh connection rules that out for a request with a side effect.
  curl_easy_setopt(curl_, CURLOPT_FRESH_CONNECT, request.idempotent ? 0L : 1L);
  if (request.method == "GET") {
    curl_easy_setopt(curl_, CURLOPT_HTTPGET, 1L);
  } else {
    if (request.method != "POST") {
      curl_easy_setopt(curl_, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    }
    curl_easy_setopt(curl_, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(curl_, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(request.body.size()));
  }
}

void CurlHttpClient::SetTlsOptions() {
  // Peer and host verification stay at curl's defaults (on); there is no
  // option to turn them off: a private CA is trusted through ca_file.
  const TlsOptions& tls = options_.tls;
  if (!tls.ca_file.empty())
    curl_easy_setopt(curl_, CURLOPT_CAINFO, tls.ca_file.c_str());
  if (cert_format_ == CertFormat::kNone) return;
  curl_easy_setopt(curl_, CURLOPT_SSLCERT, tls.cert_file.c_str());
  if (cert_format_ == CertFormat::kPkcs12) {
    curl_easy_setopt(curl_, CURLOPT_SSLCERTTYPE, "P12");
  } else {
    curl_easy_setopt(curl_, CURLOPT_SSLCERTTYPE,
                     cert_format_ == CertFormat::kDer ? "DER" : "PEM");
    if (!tls.key_file.empty())
      curl_easy_setopt(curl_, CURLOPT_SSLKEY, tls.key_file.c_str());
  }
  if (!tls.key_password.empty()) {
    curl_easy_setopt(curl_, CURLOPT_KEYPASSWD, tls.key_password.c_str());
  }
}

HttpResult CurlHttpClient::Send(const HttpRequest& request) {
  curl_easy_reset(curl_);  // keeps the connection cache, drops the options
  char errbuf[CURL_ERROR_SIZE] = {0};
  Collected collected;
  curl_slist* headers = nullptr;
  for (const auto& [name, value] : request.headers) {
    // "Name;" is curl's spelling of a header with an empty value.
    std::string line = value.empty() ? name + ";" : name + ": " + value;
    headers = curl_slist_append(headers, line.c_str());
  }
  // No "Expect: 100-continue" round trip before large bodies.
  headers = curl_slist_append(headers, "Expect:");
  SetTransferOptions(request, headers, &collected, errbuf);
  SetTlsOptions();
  CURLcode rc = curl_easy_perform(curl_);
  curl_slist_free_all(headers);
  if (rc != CURLE_OK) return Classify(rc, request, errbuf, collected.too_large);
  long status = 0;
  curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &status);
  HttpResponse response;
  response.status = static_cast<int>(status);
  response.headers = std::move(collected.headers);
  response.body = std::move(collected.body);
  return response;
}

TransportError CurlHttpClient::Classify(CURLcode rc, const HttpRequest& request,
                                        const char* errbuf, bool too_large) {
  const std::string host = HostOf(request.url);
  const std::string detail =
      errbuf[0] != '\0' ? errbuf : curl_easy_strerror(rc);
  curl_off_t uploaded = 0;
  long request_size = 0;
  curl_off_t connect_us = 0;
  curl_easy_getinfo(curl_, CURLINFO_SIZE_UPLOAD_T, &uploaded);
  curl_easy_getinfo(curl_, CURLINFO_REQUEST_SIZE, &request_size);
  curl_easy_getinfo(curl_, CURLINFO_CONNECT_TIME_T, &connect_us);
  // The whole request left: the headers went out and every body byte was
  // handed to the connection (the counters only count written bytes).
  const bool sent = request_size > 0 &&
                    uploaded >= static_cast<curl_off_t>(request.body.size());
  TransportError e;
  e.sent = sent;
  switch (rc) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
      e.failure = TransportFailure::kResolve;
      e.message = "cannot resolve " + host + ": " + detail;
      return e;
    case CURLE_COULDNT_CONNECT:
      e.failure = TransportFailure::kConnect;
      e.message = "cannot connect to " + host + ": " + detail;
      return e;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_USE_SSL_FAILED:
      e.failure = TransportFailure::kTls;
      e.sent = false;
      e.message = "TLS failure with " + host + ": " + detail;
      if (rc == CURLE_PEER_FAILED_VERIFICATION) {
        e.message +=
            " (the server certificate is not trusted: give its CA bundle)";
      }
      return e;
    case CURLE_OPERATION_TIMEDOUT:
      if (connect_us == 0 && !sent) {
        e.failure = TransportFailure::kConnect;
        e.message = "cannot connect to " + host + ": " + detail;
      } else {
        e.failure = TransportFailure::kTimeout;
        e.message = (sent ? "no answer from " + host +
                                " in time after sending the request: "
                          : "timed out sending the request to " + host + ": ") +
                    detail;
      }
      return e;
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_SEND_ERROR:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
      // With TLS 1.3 a server that refuses our client certificate says so
      // with an alert that arrives only when we read: not a lost request.
      if (detail.find("alert") != std::string::npos &&
          (detail.find("certificate") != std::string::npos ||
           detail.find("unknown ca") != std::string::npos ||
           detail.find("handshake") != std::string::npos)) {
        e.failure = TransportFailure::kTls;
        e.sent = false;
        e.message = "TLS failure with " + host +
                    " (client certificate refused?): " + detail;
      } else if (sent) {
        e.failure = TransportFailure::kSentNoAnswer;
        e.message =
            host +
            " received the whole request and closed the connection without "
            "answering: " +
            detail;
      } else {
        e.failure = TransportFailure::kConnect;
        e.message = "connection to " + host +
                    " lost while sending the request: " + detail;
      }
      return e;
    default:
      e.failure = TransportFailure::kOther;
      e.message = too_large
                      ? "answer from " + host + " larger than 512 MB: refused"
                      : "request to " + host + " failed: " + detail;
      return e;
  }
}

}  // namespace

Result<std::unique_ptr<HttpClient>> MakeCurlHttpClient(
    const HttpClientOptions& options) {
  static std::once_flag init;
  std::call_once(init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  auto format = InspectTlsOptions(options.tls);
  if (!format) return format.take_error();
  CURL* curl = curl_easy_init();
  if (!curl) return MakeError(Error::Kind::kUsage, "cannot initialise libcurl");
  return std::unique_ptr<HttpClient>(
      new CurlHttpClient(options, *format, curl));
}

}  // namespace chorus::api

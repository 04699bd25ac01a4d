// The libcurl client against real HTTPS servers on loopback: certificate
// verification, CA bundles, client certificates (PEM and PKCS#12), and the
// transport failures the retry layer tells apart.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>

#include "chorus/api/chorus_pro.h"
#include "chorus/api/http.h"
#include "dropping_tls_server.h"
#include "support/test_env.h"
#include "support/test_pki.h"

namespace chorus::testing {
namespace {

using api::TransportFailure;
using std::chrono::milliseconds;

// An HTTPS server answering POST /echo with what it received, and GET /slow
// after a pause; with `client_ca` it demands a client certificate.
class TlsServer {
 public:
  TlsServer(const TestPki& pki, bool client_ca)
      : server_(pki.server_cert.c_str(), pki.server_key.c_str(),
                client_ca ? pki.ca.c_str() : nullptr) {
    server_.Post("/echo", [](const httplib::Request& req,
                             httplib::Response& res) {
      res.set_header("X-Echo-Account", req.get_header_value("cpro-account"));
      res.set_header("X-Remote-Port", std::to_string(req.remote_port));
      res.status = 201;
      res.set_content(req.body, "application/json");
    });
    server_.Post("/api/oauth/token", [](const httplib::Request&,
                                        httplib::Response& res) {
      res.set_content(
          R"({"access_token":"tok","token_type":"Bearer","expires_in":3600})",
          "application/json");
    });
    server_.Get("/slow", [](const httplib::Request&, httplib::Response& res) {
      std::this_thread::sleep_for(milliseconds(1000));
      res.set_content("late", "text/plain");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(milliseconds(5));
  }
  ~TlsServer() {
    server_.stop();
    thread_.join();
  }
  std::string Url(const std::string& path) const {
    return "https://127.0.0.1:" + std::to_string(port_) + path;
  }

 private:
  httplib::SSLServer server_;
  int port_ = 0;
  std::thread thread_;
};

class CurlHttpTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { pki_ = new TestPki(MakeTestPki(TempDir())); }
  static void TearDownTestSuite() { delete pki_; }

  static std::unique_ptr<api::HttpClient> Make(api::HttpClientOptions options) {
    auto client = api::MakeCurlHttpClient(options);
    EXPECT_TRUE(client.ok()) << (client.ok() ? "" : client.error().message);
    return client.ok() ? std::move(client).value() : nullptr;
  }
  static api::HttpClientOptions Trusting() {
    api::HttpClientOptions o;
    o.tls.ca_file = pki_->ca;
    o.connect_timeout = milliseconds(2000);
    o.total_timeout = milliseconds(5000);
    return o;
  }
  static api::HttpRequest Post(const std::string& url,
                               std::string body = R"({"a":1})") {
    api::HttpRequest r;
    r.url = url;
    r.headers = {{"Content-Type", "application/json;charset=utf-8"},
                 {"cpro-account", "abc="}};
    r.body = std::move(body);
    return r;
  }

  static TestPki* pki_;
};
TestPki* CurlHttpTest::pki_ = nullptr;

TEST_F(CurlHttpTest, UnknownCaIsRefused) {
  TlsServer server(*pki_, false);
  api::HttpClientOptions options = Trusting();
  options.tls.ca_file.clear();  // system store: does not know the test CA
  auto client = Make(options);
  auto r = client->Send(Post(server.Url("/echo")));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().failure, TransportFailure::kTls);
  EXPECT_FALSE(r.error().sent);
  EXPECT_NE(r.error().message.find("127.0.0.1"), std::string::npos)
      << r.error().message;
}

TEST_F(CurlHttpTest,
       TrustedThroughTheCaFileWithHeadersLowerCasedAndConnectionReused) {
  TlsServer server(*pki_, false);
  auto client = Make(Trusting());
  auto first = client->Send(Post(server.Url("/echo"), R"({"x":"é"})"));
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->status, 201);
  EXPECT_EQ(first->body, R"({"x":"é"})");
  EXPECT_EQ(first->Header("X-Echo-Account"), "abc=");
  bool lower = false;
  for (const auto& [name, value] : first->headers)
    lower = lower || name == "x-echo-account";
  EXPECT_TRUE(lower);
  auto second = client->Send(Post(server.Url("/echo")));
  ASSERT_TRUE(second.ok()) << second.error().message;
  // Same client port: the TLS connection was kept and reused.
  EXPECT_EQ(first->Header("x-remote-port"), second->Header("x-remote-port"));
}

TEST_F(CurlHttpTest, ServerDemandingAClientCertificateRefusesNone) {
  TlsServer server(*pki_, true);
  auto client = Make(Trusting());
  auto r = client->Send(Post(server.Url("/echo")));
  ASSERT_FALSE(r.ok());
  // With TLS 1.3 the refusal reaches the client after its side of the
  // handshake is done: usually as the server's alert (kTls), sometimes as
  // the connection reset first (kConnect). Either way nothing was processed.
  EXPECT_TRUE(r.error().failure == TransportFailure::kTls ||
              r.error().failure == TransportFailure::kConnect)
      << r.error().message;
  EXPECT_FALSE(r.error().sent);
}

TEST_F(CurlHttpTest, PemClientCertificateWithEncryptedKey) {
  TlsServer server(*pki_, true);
  api::HttpClientOptions options = Trusting();
  options.tls.cert_file = pki_->client_cert;
  options.tls.key_file = pki_->client_key;
  options.tls.key_password = pki_->password;
  auto client = Make(options);
  auto r = client->Send(Post(server.Url("/echo")));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->status, 201);
}

TEST_F(CurlHttpTest, Pkcs12ClientCertificateByExtensionAndBySniffing) {
  TlsServer server(*pki_, true);
  for (const std::string& file :
       {pki_->client_p12, pki_->client_p12_no_extension}) {
    api::HttpClientOptions options = Trusting();
    options.tls.cert_file = file;
    options.tls.key_password = pki_->password;
    auto client = Make(options);
    ASSERT_NE(client, nullptr);
    auto r = client->Send(Post(server.Url("/echo")));
    ASSERT_TRUE(r.ok()) << file << ": " << r.error().message;
    EXPECT_EQ(r->status, 201);
  }
}

TEST_F(CurlHttpTest, BadTlsFilesAreReportedByNameWithoutThePassword) {
  struct Case {
    std::string cert, key, password, expect;
  } cases[] = {
      {pki_->client_p12, "", "wrong-password-1", "wrong or missing password"},
      {pki_->client_cert, pki_->client_key, "wrong-password-2",
       "wrong or missing key password"},
      {pki_->client_cert, pki_->client_key, "",
       "wrong or missing key password"},
      {pki_->client_cert, pki_->other_key, "", "does not match"},
      {pki_->dir.string() + "/absent.pem", "", "", "cannot read"},
  };
  for (const Case& c : cases) {
    api::HttpClientOptions options = Trusting();
    options.tls.cert_file = c.cert;
    options.tls.key_file = c.key;
    options.tls.key_password = c.password;
    auto client = api::MakeCurlHttpClient(options);
    ASSERT_FALSE(client.ok()) << c.expect;
    EXPECT_EQ(client.error().kind, Error::Kind::kUsage);
    EXPECT_NE(client.error().message.find(c.expect), std::string::npos)
        << client.error().message;
    if (!c.password.empty()) {
      EXPECT_EQ(client.error().message.find(c.password), std::string::npos);
    }
  }
  api::HttpClientOptions options;
  options.tls.ca_file = pki_->client_key;  // not a certificate
  auto client = api::MakeCurlHttpClient(options);
  ASSERT_FALSE(client.ok());
  EXPECT_NE(client.error().message.find("CA bundle"), std::string::npos);
}

TEST_F(CurlHttpTest, ConnectionCutAfterTheWholeRequestIsSentNoAnswer) {
  DroppingTlsServer server(*pki_, DroppingTlsServer::Mode::kAfterBody);
  auto client = Make(Trusting());
  int expected = 0;
  // A small body leaves in the same write as the headers, a large one after.
  for (std::size_t size : {12u, 300'000u}) {
    api::HttpRequest request =
        Post("https://127.0.0.1:" + std::to_string(server.port()) +
                 "/cpro/factures/v1/deposer/flux",
             std::string(size, 'x'));
    request.idempotent = false;
    auto r = client->Send(request);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().failure, TransportFailure::kSentNoAnswer)
        << size << r.error().message;
    EXPECT_TRUE(r.error().sent) << size;
    EXPECT_EQ(server.complete_requests(), ++expected);
    EXPECT_NE(r.error().message.find("127.0.0.1"), std::string::npos);
  }
}

TEST_F(CurlHttpTest, ConnectionCutWhileSendingIsNotSent) {
  DroppingTlsServer server(*pki_, DroppingTlsServer::Mode::kAfterHeaders);
  auto client = Make(Trusting());
  auto r = client->Send(
      Post("https://127.0.0.1:" + std::to_string(server.port()) + "/x",
           std::string(8 << 20, 'x')));
  ASSERT_FALSE(r.ok());
  EXPECT_FALSE(r.error().sent) << r.error().message;
  EXPECT_NE(r.error().failure, TransportFailure::kSentNoAnswer);
  EXPECT_EQ(server.complete_requests(), 0);
}

TEST_F(CurlHttpTest, RefusedConnectionIsConnect) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);  // the port is now free and nobody listens on it
  auto client = Make(Trusting());
  auto r = client->Send(
      Post("https://127.0.0.1:" + std::to_string(ntohs(addr.sin_port)) + "/"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().failure, TransportFailure::kConnect) << r.error().message;
  EXPECT_FALSE(r.error().sent);
  EXPECT_NE(r.error().message.find("cannot connect to 127.0.0.1:"),
            std::string::npos)
      << r.error().message;
}

TEST_F(CurlHttpTest, SlowAnswerIsATimeoutAfterSending) {
  TlsServer server(*pki_, false);
  api::HttpClientOptions options = Trusting();
  options.total_timeout = milliseconds(400);
  auto client = Make(options);
  api::HttpRequest request;
  request.method = "GET";
  request.url = server.Url("/slow");
  auto r = client->Send(request);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().failure, TransportFailure::kTimeout) << r.error().message;
  EXPECT_TRUE(r.error().sent);
}

TEST_F(CurlHttpTest, UnresolvableHostIsNotAnAnswer) {
  api::HttpClientOptions options = Trusting();
  options.connect_timeout = milliseconds(3000);
  auto client = Make(options);
  auto r = client->Send(Post("https://chorus-test-host.invalid/x"));
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.error().failure == TransportFailure::kResolve ||
              r.error().failure == TransportFailure::kConnect)
      << r.error().message;
  EXPECT_FALSE(r.error().sent);
  EXPECT_NE(r.error().message.find("chorus-test-host.invalid"),
            std::string::npos);
}

TEST_F(CurlHttpTest, ClientOverRealTransportNeverRedepositsButRetriesReads) {
  TlsServer oauth(*pki_, false);
  DroppingTlsServer platform(*pki_, DroppingTlsServer::Mode::kAfterBody);
  auto http = Make(Trusting());
  api::Endpoints endpoints{
      oauth.Url("/api/oauth/token"),
      "https://127.0.0.1:" + std::to_string(platform.port())};
  api::RetryPolicy policy;
  policy.max_attempts = 3;
  policy.base_delay = milliseconds(5);
  api::ChorusProClient client(
      *http, endpoints, {"id", "secret", "TECH_1_x@cpro.fr", "pw"}, policy);
  auto deposit = client.DeposerFlux(
      {"<Invoice/>", "a.xml", "IN_DP_E1_UBL_INVOICE", false});
  ASSERT_FALSE(deposit.ok());
  EXPECT_EQ(deposit.error().kind, api::ApiErrorKind::kUnknownOutcome)
      << deposit.error().message;
  EXPECT_EQ(platform.complete_requests(), 1);
  auto report = client.ConsulterCRDetaille("CPP1");
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.error().kind, api::ApiErrorKind::kUnreachable)
      << report.error().message;
  EXPECT_EQ(platform.complete_requests(), 1 + 3);
}

}  // namespace
}  // namespace chorus::testing

// A TLS server that never answers: it reads a request (the whole of it, or
// only its headers) and then cuts the connection. It stands for a platform
// that dies while processing, the case where a deposit's fate is unknown.
#ifndef CHORUS_TESTS_API_DROPPING_TLS_SERVER_H_
#define CHORUS_TESTS_API_DROPPING_TLS_SERVER_H_

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <string>
#include <thread>

#include "support/test_pki.h"

namespace chorus::testing {

class DroppingTlsServer {
 public:
  enum class Mode { kAfterBody, kAfterHeaders };

  DroppingTlsServer(const TestPki& pki, Mode mode) : mode_(mode) {
    ctx_ = SSL_CTX_new(TLS_server_method());
    SSL_CTX_use_certificate_file(ctx_, pki.server_cert.c_str(),
                                 SSL_FILETYPE_PEM);
    SSL_CTX_use_PrivateKey_file(ctx_, pki.server_key.c_str(), SSL_FILETYPE_PEM);
    listen_fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    listen(listen_fd_, 8);
    socklen_t len = sizeof addr;
    getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { Serve(); });
  }
  ~DroppingTlsServer() {
    stop_ = true;
    thread_.join();
    close(listen_fd_);
    SSL_CTX_free(ctx_);
  }
  DroppingTlsServer(const DroppingTlsServer&) = delete;
  DroppingTlsServer& operator=(const DroppingTlsServer&) = delete;

  int port() const { return port_; }
  // Requests read completely (headers and Content-Length bytes of body).
  int complete_requests() const { return complete_; }

 private:
  void Serve() {
    while (!stop_) {
      pollfd p{listen_fd_, POLLIN, 0};
      if (poll(&p, 1, 50) <= 0) continue;
      int fd = accept(listen_fd_, nullptr, nullptr);
      if (fd < 0) continue;
      SSL* ssl = SSL_new(ctx_);
      SSL_set_fd(ssl, fd);
      if (SSL_accept(ssl) == 1) ReadRequest(ssl);
      SSL_free(ssl);  // no close_notify: the connection is simply cut
      close(fd);
    }
  }

  void ReadRequest(SSL* ssl) {
    std::string data;
    char buf[16384];
    std::size_t header_end = std::string::npos;
    std::size_t need = 0;
    for (;;) {
      int n = SSL_read(ssl, buf, sizeof buf);
      if (n <= 0) return;
      data.append(buf, static_cast<std::size_t>(n));
      if (header_end == std::string::npos) {
        header_end = data.find("\r\n\r\n");
        if (header_end == std::string::npos) continue;
        if (mode_ == Mode::kAfterHeaders) return;
        std::string lower = data.substr(0, header_end);
        std::transform(
            lower.begin(), lower.end(), lower.begin(),
            [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        std::size_t at = lower.find("content-length:");
        need = at == std::string::npos ? 0 : std::stoul(lower.substr(at + 15));
      }
      if (data.size() >= header_end + 4 + need) {
        ++complete_;
        return;
      }
    }
  }

  Mode mode_;
  SSL_CTX* ctx_ = nullptr;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> complete_{0};
  std::thread thread_;
};

}  // namespace chorus::testing

#endif  // CHORUS_TESTS_API_DROPPING_TLS_SERVER_H_

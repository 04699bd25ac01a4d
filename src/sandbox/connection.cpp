#include "sandbox/connection.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/ssl.h>
#include <sys/socket.h>

#include <cstdlib>
#include <filesystem>

namespace chorus::sandbox {
namespace {

int PortOf(const sockaddr_storage& addr) {
  if (addr.ss_family == AF_INET) {
    return ntohs(reinterpret_cast<const sockaddr_in&>(addr).sin_port);
  }
  if (addr.ss_family == AF_INET6) {
    return ntohs(reinterpret_cast<const sockaddr_in6&>(addr).sin6_port);
  }
  return -1;
}

int FindSocket(int local_port, int remote_port) {
  std::error_code ec;
  for (const auto& entry :
       std::filesystem::directory_iterator("/proc/self/fd", ec)) {
    int fd = std::atoi(entry.path().filename().c_str());
    sockaddr_storage local{}, peer{};
    socklen_t llen = sizeof local, plen = sizeof peer;
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&local), &llen) != 0)
      continue;
    if (::getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &plen) != 0)
      continue;
    if (PortOf(local) == local_port && PortOf(peer) == remote_port) return fd;
  }
  return -1;
}

}  // namespace

bool CutConnection(const httplib::Request& req) {
  int fd = -1;
  if (req.ssl != nullptr) {
    SSL* ssl = const_cast<SSL*>(req.ssl);
    fd = SSL_get_fd(ssl);
    SSL_shutdown(ssl);
  } else {
    fd = FindSocket(req.local_port, req.remote_port);
  }
  return fd >= 0 && ::shutdown(fd, SHUT_RDWR) == 0;
}

}  // namespace chorus::sandbox

// Observers for security tests: did anything open a file, or connect to a
// port, while the code under test ran?
#ifndef CHORUS_TESTS_FORMAT_IO_PROBE_H_
#define CHORUS_TESTS_FORMAT_IO_PROBE_H_

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/inotify.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <string>

namespace chorus::testing {

// Records opens and reads of one file (inotify), from any process.
class FileWatch {
 public:
  explicit FileWatch(const std::filesystem::path& path)
      : fd_(::inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) {
    EXPECT_GE(fd_, 0) << "inotify unavailable";
    if (fd_ >= 0) {
      EXPECT_GE(::inotify_add_watch(fd_, path.c_str(),
                                    IN_OPEN | IN_ACCESS | IN_CLOSE_NOWRITE),
                0)
          << path;
    }
  }
  FileWatch(const FileWatch&) = delete;
  FileWatch& operator=(const FileWatch&) = delete;
  ~FileWatch() {
    if (fd_ >= 0) ::close(fd_);
  }

  // "open access ..." for what happened since construction, "" if nothing.
  std::string Events() {
    std::string out;
    alignas(inotify_event) char buf[4096];
    ssize_t n;
    while (fd_ >= 0 && (n = ::read(fd_, buf, sizeof buf)) > 0) {
      for (char* p = buf; p < buf + n;) {
        auto* e = reinterpret_cast<inotify_event*>(p);
        if (e->mask & IN_OPEN) out += "open ";
        if (e->mask & IN_ACCESS) out += "access ";
        if (e->mask & IN_CLOSE_NOWRITE) out += "close ";
        p += sizeof(inotify_event) + e->len;
      }
    }
    return out;
  }

 private:
  int fd_;
};

// A listening socket on 127.0.0.1 that nobody should connect to.
class TcpListener {
 public:
  TcpListener() : fd_(::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0)) {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (fd_ < 0 ||
        ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::listen(fd_, 16) != 0 ||
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
      ADD_FAILURE() << "cannot listen on 127.0.0.1";
      return;
    }
    port_ = ntohs(addr.sin_port);
  }
  TcpListener(const TcpListener&) = delete;
  TcpListener& operator=(const TcpListener&) = delete;
  ~TcpListener() {
    if (fd_ >= 0) ::close(fd_);
  }

  int port() const { return port_; }

  // True when a connection reached the port (even one closed since).
  bool WasContacted() {
    int client = ::accept(fd_, nullptr, nullptr);
    if (client < 0) return false;
    ::close(client);
    return true;
  }

 private:
  int fd_;
  int port_ = 0;
};

}  // namespace chorus::testing

#endif  // CHORUS_TESTS_FORMAT_IO_PROBE_H_

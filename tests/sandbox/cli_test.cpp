// The real `chorus sandbox` binary: the one stdout line, the ready file,
// serving over TLS, clean shutdown on SIGTERM.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>

#include "sandbox/sandbox_fixture.h"
#include "support/test_env.h"

namespace chorus::sandbox::testing {
namespace {

using nlohmann::json;

// `chorus ARGS...` in the background with stdout on a pipe; killed (SIGKILL)
// if the test did not stop it.
class Background {
 public:
  explicit Background(const std::vector<std::string>& args) {
    int fds[2];
    if (::pipe(fds) != 0) return;
    std::vector<std::string> argv_s{CHORUS_BINARY};
    argv_s.insert(argv_s.end(), args.begin(), args.end());
    err_path_ = (chorus::testing::TempDir() / "stderr").string();
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(fds[1], 1);
      int err = ::open(err_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      ::dup2(err, 2);
      ::close(fds[0]);
      std::vector<char*> argv;
      for (auto& s : argv_s) argv.push_back(s.data());
      argv.push_back(nullptr);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
    ::close(fds[1]);
    out_ = fds[0];
  }
  ~Background() {
    if (pid_ > 0 && !reaped_) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    if (out_ >= 0) ::close(out_);
  }

  // The first stdout line, waiting up to `timeout`.
  std::string ReadLine(std::chrono::milliseconds timeout) {
    std::string line;
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      pollfd p{out_, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      char c;
      if (::read(out_, &c, 1) != 1) break;
      if (c == '\n') return line;
      line += c;
    }
    return line;
  }
  // Everything else stdout got, up to EOF (after the process exits).
  std::string Rest() {
    std::string s;
    char buf[4096];
    ssize_t n;
    while ((n = ::read(out_, buf, sizeof buf)) > 0)
      s.append(buf, static_cast<std::size_t>(n));
    return s;
  }
  int Stop(int sig) {
    ::kill(pid_, sig);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    reaped_ = true;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }
  std::string Stderr() const { return chorus::testing::ReadFile(err_path_); }

 private:
  pid_t pid_ = -1;
  int out_ = -1;
  bool reaped_ = false;
  std::string err_path_;
};

TEST(SandboxCli, ListensPrintsOneLineWritesReadyFileAndStopsCleanly) {
  auto dir = chorus::testing::TempDir();
  std::string ready = (dir / "ready.json").string();
  std::string state = (dir / "state.json").string();
  Background proc({"sandbox", "--port", "0", "--tls", "--cert-dir",
                   (dir / "certs").string(), "--ready-file", ready, "--state",
                   state, "--processing-ms", "10"});
  std::string line = proc.ReadLine(std::chrono::seconds(10));
  std::smatch m;
  ASSERT_TRUE(std::regex_match(
      line, m,
      std::regex(R"(chorus sandbox listening on https://127\.0\.0\.1:(\d+))")))
      << "stdout: " << line << "\nstderr: " << proc.Stderr();
  int port = std::stoi(m[1]);

  std::ifstream in(ready);
  json info = json::parse(in, nullptr, false);
  ASSERT_FALSE(info.is_discarded());
  EXPECT_EQ(info["port"], port);
  EXPECT_EQ(info["url"], "https://127.0.0.1:" + std::to_string(port));
  EXPECT_EQ(info["token_url"],
            info["url"].get<std::string>() + "/api/oauth/token");
  EXPECT_EQ(info["api_base"], info["url"]);
  for (const char* key : {"ca", "client_cert", "client_key", "client_p12"}) {
    EXPECT_TRUE(std::filesystem::exists(info[key].get<std::string>())) << key;
  }

  httplib::Client client(info["url"].get<std::string>());
  client.set_ca_cert_path(info["ca"].get<std::string>());
  client.enable_server_certificate_verification(true);
  auto token = client.Post(
      "/api/oauth/token", httplib::Params{{"grant_type", "client_credentials"},
                                          {"client_id", "sandbox-client"},
                                          {"client_secret", "sandbox-secret"}});
  ASSERT_TRUE(token);
  EXPECT_EQ(token->status, 200);

  EXPECT_EQ(proc.Stop(SIGTERM), 0);
  EXPECT_EQ(proc.Rest(), "");  // the listening line was the only one
  EXPECT_FALSE(std::filesystem::exists(ready));
  EXPECT_TRUE(std::filesystem::exists(state));
  std::string err = proc.Stderr();
  EXPECT_NE(err.find("POST /api/oauth/token -> 200"), std::string::npos) << err;
  EXPECT_EQ(err.find("sandbox-secret"), std::string::npos);
  EXPECT_EQ(err.find(token->body.substr(17, 20)), std::string::npos);
}

TEST(SandboxCli, RefusesBadFlags) {
  auto r = chorus::testing::RunChorus({"sandbox", "--fail-rate", "2"});
  EXPECT_EQ(r.exit_code, 2);
  auto help = chorus::testing::RunChorus({"sandbox", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("--drop-after-receive"), std::string::npos);
}

}  // namespace
}  // namespace chorus::sandbox::testing

#include "cli/e2e_support.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <thread>

namespace chorus::testing {
namespace fs = std::filesystem;

SandboxProcess::SandboxProcess(std::vector<std::string> flags,
                               std::vector<std::string> env)
    : dir_(TempDir()) {
  fs::path certs = dir_ / "certs";
  fs::path ready = dir_ / "ready.json";
  std::vector<std::string> args = {"sandbox",      "--tls",
                                   "--cert-dir",   certs.string(),
                                   "--client-ca",  (certs / "ca.pem").string(),
                                   "--port",       "0",
                                   "--ready-file", ready.string()};
  // Flows processed quickly unless the test says otherwise.
  if (std::find(flags.begin(), flags.end(), "--processing-ms") == flags.end()) {
    flags.insert(flags.end(), {"--processing-ms", "20"});
  }
  args.insert(args.end(), flags.begin(), flags.end());
  pid_ = SpawnChorus(args, env, "", dir_ / "sandbox.out", dir_ / "sandbox.err");
  if (pid_ < 0) return;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  while (std::chrono::steady_clock::now() < deadline) {
    std::error_code ec;
    if (fs::file_size(ready, ec) > 0 && !ec) {
      ready_ = nlohmann::json::parse(ReadFile(ready), nullptr, false);
      if (ready_.is_object() && ready_.contains("url")) {
        url_ = ready_["url"].get<std::string>();
        return;
      }
    }
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ADD_FAILURE() << "the sandbox did not start:\n" << Log();
}

SandboxProcess::~SandboxProcess() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  int status = 0;
  ::waitpid(pid_, &status, 0);
}

std::string SandboxProcess::Log() const {
  std::string log;
  for (const char* name : {"sandbox.out", "sandbox.err"}) {
    std::ifstream in(dir_ / name, std::ios::binary);
    log.append(std::istreambuf_iterator<char>(in), {});
  }
  return log;
}

std::vector<std::string> WithEnv(std::vector<std::string> base,
                                 const std::vector<std::string>& overrides) {
  auto name_of = [](const std::string& kv) {
    return kv.substr(0, kv.find('='));
  };
  for (const auto& o : overrides) {
    auto it = std::find_if(base.begin(), base.end(), [&](const std::string& b) {
      return name_of(b) == name_of(o);
    });
    if (it != base.end()) {
      *it = o;
    } else {
      base.push_back(o);
    }
  }
  return base;
}

std::vector<std::string> SandboxProcess::Env(
    const std::vector<std::string>& overrides) const {
  auto get = [&](const char* key) {
    return ready_.is_object() && ready_.contains(key)
               ? ready_[key].get<std::string>()
               : std::string();
  };
  std::vector<std::string> env = {
      "CHORUS_ENV=local",
      "CHORUS_URL=" + url_,
      "CHORUS_CA=" + get("ca"),
      "CHORUS_CERT=" + get("client_cert"),
      "CHORUS_KEY=" + get("client_key"),
      "CHORUS_KEY_PASSWORD=",
      "CHORUS_CLIENT_ID=sandbox-client",
      "CHORUS_CLIENT_SECRET=sandbox-secret",
      "CHORUS_TECH_LOGIN=TECH_1_SANDBOX@cpro.fr",
      "CHORUS_TECH_PASSWORD=sandbox-password",
      "CHORUS_JOURNAL=" + (dir_ / "journal.db").string(),
      "CHORUS_CONFIG=",
      "CHORUS_TOKEN_URL=",
      "CHORUS_API_BASE=",
      "CHORUS_REQUEST_TIMEOUT=",
      "CHORUS_CONNECT_TIMEOUT=",
      "CHORUS_DEADLINE=",
      "CHORUS_RETRIES=",
      "CHORUS_LOOKUP_TTL=",
      "HOME=" + (dir_ / "home").string(),
      "XDG_CONFIG_HOME=" + (dir_ / "home" / "config").string(),
      "XDG_STATE_HOME=" + (dir_ / "home" / "state").string(),
      "CHORUS_SCHEMA_DIR=" + (SharedDir() / "schemas").string(),
      // The client certificate is the only way in: no proxy in between.
      "https_proxy=",
      "HTTPS_PROXY=",
  };
  return WithEnv(std::move(env), overrides);
}

std::vector<fs::path> GeneratedSamples() {
  return XmlFilesIn(SourceDir() / "samples" / "generated");
}

nlohmann::json JsonOut(const CommandResult& r) {
  auto j = nlohmann::json::parse(r.out, nullptr, false);
  EXPECT_FALSE(j.is_discarded()) << "not JSON:\n"
                                 << r.out << "\nstderr:\n"
                                 << r.err;
  return j;
}

int ClosedPort() {
  // Bind an ephemeral port, then close it: nothing listens there after.
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

}  // namespace chorus::testing

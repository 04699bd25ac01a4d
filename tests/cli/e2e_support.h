// End-to-end harness: a real `chorus sandbox` process over loopback HTTPS
// that requires a client certificate, and the environment that points the
// `chorus` binary at it with a private HOME, journal and config.
#ifndef CHORUS_TESTS_CLI_E2E_SUPPORT_H_
#define CHORUS_TESTS_CLI_E2E_SUPPORT_H_

#include <sys/types.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/test_env.h"

namespace chorus::testing {

class SandboxProcess {
 public:
  // Starts `chorus sandbox --tls --client-ca <generated ca> --port 0` plus
  // `flags`; `env` adds variables (CHORUS_SANDBOX_CLIENT_SECRET, ...).
  explicit SandboxProcess(std::vector<std::string> flags = {},
                          std::vector<std::string> env = {});
  ~SandboxProcess();  // SIGTERM, then wait
  SandboxProcess(const SandboxProcess&) = delete;
  SandboxProcess& operator=(const SandboxProcess&) = delete;

  bool ok() const { return !url_.empty(); }
  const std::string& url() const { return url_; }
  const nlohmann::json& ready() const { return ready_; }
  const std::filesystem::path& dir() const { return dir_; }
  // What the sandbox printed (its stdout and stderr).
  std::string Log() const;

  // Variables for chorus commands against this sandbox: env local, its URL,
  // CA and client certificate, default credentials, a journal and HOME /
  // XDG folders under dir(), and every other CHORUS_* setting emptied so
  // the caller's environment cannot leak in. `overrides` replace entries.
  std::vector<std::string> Env(
      const std::vector<std::string>& overrides = {}) const;

 private:
  std::filesystem::path dir_;
  pid_t pid_ = -1;
  std::string url_;
  nlohmann::json ready_;
};

// Replaces or appends NAME=value entries.
std::vector<std::string> WithEnv(std::vector<std::string> base,
                                 const std::vector<std::string>& overrides);

// The generated samples, sorted.
std::vector<std::filesystem::path> GeneratedSamples();

// Parses a command's stdout as JSON (test failure when it is not).
nlohmann::json JsonOut(const CommandResult& r);

// A TCP port on 127.0.0.1 nothing listens on.
int ClosedPort();

}  // namespace chorus::testing

#endif  // CHORUS_TESTS_CLI_E2E_SUPPORT_H_

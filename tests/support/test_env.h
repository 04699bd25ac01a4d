// Helpers every test binary shares: where ../shared and the repo are, and a
// way to run the real `chorus` binary.
#ifndef CHORUS_TESTS_SUPPORT_TEST_ENV_H_
#define CHORUS_TESTS_SUPPORT_TEST_ENV_H_

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace chorus::testing {

// ../shared (CHORUS_SHARED_DIR); the calling test fails loudly when absent.
std::filesystem::path SharedDir();
// The repository root.
std::filesystem::path SourceDir();
// Every regular file with extension .xml under `dir`, sorted.
std::vector<std::filesystem::path> XmlFilesIn(const std::filesystem::path& dir);
// Reads a whole file (test failure if unreadable).
std::string ReadFile(const std::filesystem::path& path);
// A fresh temporary directory for this test, removed at process exit.
std::filesystem::path TempDir();

struct CommandResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};
// Runs the chorus binary with `args` (no shell), stdin from /dev/null or,
// when `stdin_text` is not empty, that text.
CommandResult RunChorus(const std::vector<std::string>& args,
                        const std::vector<std::string>& extra_env = {},
                        const std::string& stdin_text = "");
// The same for any program: a path, or a bare name looked up on PATH.
CommandResult RunProgram(const std::string& program,
                         const std::vector<std::string>& args,
                         const std::vector<std::string>& extra_env = {},
                         const std::string& stdin_text = "");

// Starts a program in the background (for servers such as
// `chorus sandbox`): stdin from `stdin_path` ("" = /dev/null), stdout and
// stderr into the given files. Returns the pid, or -1 (test failure added).
// extra_env entries "NAME=value" replace inherited ones of the same name.
pid_t SpawnProgram(const std::string& program,
                   const std::vector<std::string>& args,
                   const std::vector<std::string>& extra_env,
                   const std::string& stdin_path,
                   const std::filesystem::path& out_path,
                   const std::filesystem::path& err_path);
// SpawnProgram of the chorus binary.
pid_t SpawnChorus(const std::vector<std::string>& args,
                  const std::vector<std::string>& extra_env,
                  const std::string& stdin_path,
                  const std::filesystem::path& out_path,
                  const std::filesystem::path& err_path);

}  // namespace chorus::testing

#endif  // CHORUS_TESTS_SUPPORT_TEST_ENV_H_

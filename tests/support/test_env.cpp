#include "support/test_env.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>

#include <gtest/gtest.h>

extern char** environ;

namespace chorus::testing {
namespace fs = std::filesystem;

fs::path SharedDir() {
  fs::path dir = CHORUS_SHARED_DIR;
  if (const char* env = std::getenv("CHORUS_SHARED_DIR")) dir = env;
  if (!fs::is_directory(dir / "conformance")) {
    ADD_FAILURE() << "reference folder not found at " << dir
                  << ": clone next to ../shared or set CHORUS_SHARED_DIR";
  }
  return dir;
}

fs::path SourceDir() { return CHORUS_SOURCE_DIR; }

std::vector<fs::path> XmlFilesIn(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    auto ext = e.path().extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), ::tolower);
    if (e.is_regular_file() && ext == ".xml") out.push_back(e.path());
  }
  EXPECT_FALSE(ec) << dir << ": " << ec.message();
  std::sort(out.begin(), out.end());
  return out;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot read " << path;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

namespace {
// Removes the per-process temporary tree when the test binary exits.
struct TempRoot {
  fs::path path;
  TempRoot() {
    std::random_device rd;
    path = fs::temp_directory_path() / ("chorus-test-" +
                                        std::to_string(::getpid()) + "-" +
                                        std::to_string(rd()));
    fs::create_directories(path);
  }
  ~TempRoot() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};
}  // namespace

fs::path TempDir() {
  static TempRoot root;
  static int counter = 0;
  fs::path dir = root.path / std::to_string(++counter);
  fs::create_directories(dir);
  return dir;
}

namespace {
std::string Slurp(int fd) {
  std::string s;
  char buf[65536];
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof buf)) > 0) s.append(buf, size_t(n));
  return s;
}
}  // namespace

pid_t SpawnProgram(const std::string& program,
                   const std::vector<std::string>& args,
                   const std::vector<std::string>& extra_env,
                   const std::string& stdin_path, const fs::path& out_path,
                   const fs::path& err_path) {
  std::vector<std::string> argv_s{program};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& s : argv_s) argv.push_back(s.data());
  argv.push_back(nullptr);
  // extra_env entries replace inherited ones of the same name (getenv would
  // otherwise see the first of two duplicates).
  auto name_of = [](const std::string& kv) { return kv.substr(0, kv.find('=')); };
  std::vector<std::string> env_s;
  for (char** e = environ; *e; ++e) {
    std::string kv = *e;
    bool overridden = std::any_of(extra_env.begin(), extra_env.end(),
                                  [&](const std::string& x) { return name_of(x) == name_of(kv); });
    if (!overridden) env_s.push_back(kv);
  }
  for (const auto& e : extra_env) env_s.push_back(e);
  std::vector<char*> envp;
  for (auto& s : env_s) envp.push_back(s.data());
  envp.push_back(nullptr);

  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, stdin_path.empty() ? "/dev/null" : stdin_path.c_str(),
                                   O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 1, out_path.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&fa, 2, err_path.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  pid_t pid = -1;
  // A bare name is looked up on PATH; a path is used as is.
  if (posix_spawnp(&pid, argv[0], &fa, nullptr, argv.data(), envp.data()) != 0) {
    ADD_FAILURE() << "cannot start " << argv[0];
    pid = -1;
  }
  posix_spawn_file_actions_destroy(&fa);
  return pid;
}

pid_t SpawnChorus(const std::vector<std::string>& args,
                  const std::vector<std::string>& extra_env,
                  const std::string& stdin_path, const fs::path& out_path,
                  const fs::path& err_path) {
  return SpawnProgram(CHORUS_BINARY, args, extra_env, stdin_path, out_path,
                      err_path);
}

CommandResult RunProgram(const std::string& program,
                         const std::vector<std::string>& args,
                         const std::vector<std::string>& extra_env,
                         const std::string& stdin_text) {
  fs::path out_path = TempDir() / "stdout";
  fs::path err_path = out_path.parent_path() / "stderr";
  std::string stdin_path;
  if (!stdin_text.empty()) {
    stdin_path = (out_path.parent_path() / "stdin").string();
    std::ofstream(stdin_path, std::ios::binary) << stdin_text;
  }
  CommandResult r;
  pid_t pid = SpawnProgram(program, args, extra_env, stdin_path, out_path,
                           err_path);
  if (pid < 0) return r;
  int status = 0;
  ::waitpid(pid, &status, 0);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  int fd = ::open(out_path.c_str(), O_RDONLY);
  r.out = Slurp(fd);
  ::close(fd);
  fd = ::open(err_path.c_str(), O_RDONLY);
  r.err = Slurp(fd);
  ::close(fd);
  return r;
}

CommandResult RunChorus(const std::vector<std::string>& args,
                        const std::vector<std::string>& extra_env,
                        const std::string& stdin_text) {
  return RunProgram(CHORUS_BINARY, args, extra_env, stdin_text);
}

}  // namespace chorus::testing

#include "facturx/fx_support.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "chorus/model/compute.h"
#include "chorus/model/json.h"

extern char** environ;

namespace chorus::testing {
namespace fs = std::filesystem;

namespace {

std::string PackageOf(const std::string& tool) {
  return tool == "qpdf" ? "qpdf" : "poppler-utils";
}

bool OnPath(const std::string& tool) {
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path ? path : "/usr/bin:/bin");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    if (::access((fs::path(dir) / tool).c_str(), X_OK) == 0) return true;
  }
  return false;
}

}  // namespace

CommandResult RunTool(const std::string& tool,
                      const std::vector<std::string>& args) {
  CommandResult r;
  if (!OnPath(tool)) {
    ADD_FAILURE() << tool << " is not installed (Debian package "
                  << PackageOf(tool) << "; scripts/deps installs it)";
    return r;
  }
  fs::path out = TempDir() / "tool.out";
  fs::path err = TempDir() / "tool.err";
  std::vector<std::string> argv_s{tool};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& s : argv_s) argv.push_back(s.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 1, out.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&fa, 2, err.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  pid_t pid;
  int rc = posix_spawnp(&pid, tool.c_str(), &fa, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  if (rc != 0) {
    ADD_FAILURE() << "cannot start " << tool;
    return r;
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  r.exit_code =
      WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = ReadFile(out);
  r.err = ReadFile(err);
  return r;
}

Invoice SampleInvoice(const std::string& name) {
  fs::path path = SourceDir() / "samples" / (name + ".json");
  auto invoice = InvoiceFromJson(ReadFile(path), path.string());
  EXPECT_TRUE(invoice.ok())
      << path << ": " << (invoice ? "" : invoice.error().message);
  if (!invoice) return {};
  auto st = Compute(*invoice);
  EXPECT_TRUE(st.ok()) << path;
  return std::move(*invoice);
}

std::vector<std::string> SampleNames() {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(SourceDir() / "samples")) {
    if (e.path().extension() == ".json")
      names.push_back(e.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

fs::path WriteTemp(const std::string& name, const std::string& bytes) {
  fs::path p = TempDir() / name;
  std::ofstream(p, std::ios::binary)
      .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return p;
}

std::vector<std::string> PdfFontsEmbedded(const fs::path& pdf) {
  CommandResult r = RunTool("pdffonts", {pdf.string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> emb;
  std::istringstream lines(r.out);
  std::string line;
  std::size_t emb_col = std::string::npos;
  while (std::getline(lines, line)) {
    if (emb_col == std::string::npos) {
      // The header names the columns; 'emb' starts where its title does.
      emb_col = line.find(" emb ");
      if (emb_col != std::string::npos) ++emb_col;
      continue;
    }
    if (line.rfind("---", 0) == 0 || line.size() < emb_col + 3) continue;
    emb.push_back(line.substr(emb_col, 3) == "yes" ? "yes"
                                                   : line.substr(emb_col, 3));
  }
  return emb;
}

}  // namespace chorus::testing

#include "facturx/fx_support.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "chorus/model/compute.h"
#include "chorus/model/json.h"

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
  return RunProgram(tool, args);
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

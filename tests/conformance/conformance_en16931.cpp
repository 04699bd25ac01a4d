// The official CEN EN 16931 test suite, run through chorus's rule engine.
//
// Each vefa testSet file scopes some rules; each <test> holds an inline
// document and says, per rule, whether it must succeed (not fire), fail as
// an error (= fatal) or fail as a warning. Prints every mismatch and the
// closing line "N passed, M failed"; exits 1 when anything failed.
//
//   conformance_en16931 [SHARED_DIR] [--verbose]
#include <algorithm>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "chorus/format/document.h"
#include "chorus/format/syntax.h"
#include "chorus/rules/rules.h"
#include "support/cen_suite.h"

namespace {

namespace fs = std::filesystem;
using namespace chorus;

struct Tally {
  int passed = 0;
  int failed = 0;
};

void RunFile(const fs::path& path, bool verbose, Tally& totals) {
  std::string error;
  std::vector<testing::SuiteCase> cases = testing::ReadSuiteFile(path, &error);
  if (!error.empty()) {
    std::cout << error << ": cannot parse test file\n";
    ++totals.failed;
    return;
  }
  for (const testing::SuiteCase& c : cases) {
    if (c.expected.empty()) continue;
    std::vector<Diagnostic> diags;
    std::string load_error;
    auto doc = LoadDocumentBuffer(c.xml, path.filename().string());
    if (doc) {
      ReadResult read = ReadInvoice(**doc);
      diags = CheckRules(**doc, read);
    } else {
      load_error = doc.error().message;
    }
    for (const auto& e : c.expected) {
      bool ok = load_error.empty() && testing::Meets(e, diags);
      ok ? ++totals.passed : ++totals.failed;
      if (!ok || verbose) {
        std::cout << (ok ? "ok   " : "FAIL ") << c.label << ": expected " << e.kind << " "
                  << e.rule;
        if (!load_error.empty()) std::cout << " (not loadable: " << load_error << ")";
        if (!ok) {
          std::cout << "; got:";
          for (const auto& d : diags) {
            if (d.rule == e.rule) std::cout << " " << SeverityName(d.severity) << "@" << d.location;
          }
        }
        std::cout << "\n";
      }
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  fs::path shared = CHORUS_SHARED_DIR;
  bool verbose = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--verbose") == 0) {
      verbose = true;
    } else {
      shared = argv[i];
    }
  }
  fs::path suite = shared / "conformance" / "en16931";
  if (!fs::is_directory(suite)) {
    std::cerr << "conformance_en16931: " << suite
              << " not found: put the reference material at ../shared or pass its path\n";
    return 2;
  }
  Tally totals;
  for (const char* dir : {"Invoice-unit-UBL", "CreditNote-unit-UBL", "cii-unit"}) {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(suite / dir)) {
      if (e.path().extension() == ".xml") files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) RunFile(f, verbose, totals);
  }
  std::cout << totals.passed << " passed, " << totals.failed << " failed\n";
  return totals.failed == 0 ? 0 : 1;
}

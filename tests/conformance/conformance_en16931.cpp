// The official CEN EN 16931 test suite, run through chorus's rule engine.
//
// Each vefa testSet file scopes some rules; each <test> holds an inline
// document and says, per rule, whether it must succeed (not fire), fail as
// an error (= fatal) or fail as a warning. Prints every mismatch and the
// closing line "N passed, M failed"; exits 1 when anything failed.
//
//   conformance_en16931 [SHARED_DIR] [--verbose]
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <pugixml.hpp>

#include "chorus/format/document.h"
#include "chorus/format/syntax.h"
#include "chorus/rules/rules.h"

namespace {

namespace fs = std::filesystem;
using namespace chorus;

struct Expectation {
  std::string kind;  // "success", "error", "warning"
  std::string rule;
};

struct Tally {
  int passed = 0;
  int failed = 0;
};

std::string Trim(std::string s) {
  auto b = s.find_first_not_of(" \t\r\n");
  auto e = s.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

// The inline document of a <test>: its first element that is not <assert>.
pugi::xml_node InlineDocument(const pugi::xml_node& test) {
  for (pugi::xml_node c = test.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && std::strcmp(c.name(), "assert") != 0) return c;
  }
  return {};
}

bool Check(const Expectation& e, const std::vector<Diagnostic>& diags) {
  bool fired = false, fatal = false, warning = false;
  for (const auto& d : diags) {
    if (d.rule != e.rule) continue;
    fired = true;
    fatal |= d.severity == Severity::kFatal;
    warning |= d.severity == Severity::kWarning;
  }
  if (e.kind == "success") return !fired;
  if (e.kind == "error") return fatal;
  if (e.kind == "warning") return warning;
  return false;
}

void RunFile(const fs::path& path, bool verbose, Tally& totals) {
  pugi::xml_document set;
  if (!set.load_file(path.c_str(), pugi::parse_default | pugi::parse_ws_pcdata_single)) {
    std::cout << path << ": cannot parse test file\n";
    ++totals.failed;
    return;
  }
  pugi::xml_node root = set.document_element();
  std::set<std::string> scope;
  for (pugi::xml_node s : root.child("assert").children("scope")) scope.insert(Trim(s.text().get()));
  int index = 0;
  for (pugi::xml_node test : root.children("test")) {
    ++index;
    std::vector<Expectation> expected;
    for (pugi::xml_node a = test.child("assert").first_child(); a; a = a.next_sibling()) {
      std::string kind = a.name();
      if (kind != "success" && kind != "error" && kind != "warning") continue;
      std::string rule = Trim(a.text().get());
      if (scope.empty() || scope.count(rule)) expected.push_back({kind, rule});
    }
    if (expected.empty()) continue;
    pugi::xml_node inline_doc = InlineDocument(test);
    std::ostringstream xml;
    inline_doc.print(xml, "", pugi::format_raw | pugi::format_no_declaration);
    std::vector<Diagnostic> diags;
    std::string load_error;
    auto doc = LoadDocumentBuffer(xml.str(), path.filename().string());
    if (doc) {
      ReadResult read = ReadInvoice(**doc);
      diags = CheckRules(**doc, read);
    } else {
      load_error = doc.error().message;
    }
    for (const auto& e : expected) {
      bool ok = load_error.empty() && Check(e, diags);
      ok ? ++totals.passed : ++totals.failed;
      if (!ok || verbose) {
        std::cout << (ok ? "ok   " : "FAIL ") << path.parent_path().filename().string() << "/"
                  << path.filename().string() << " test " << index << ": expected " << e.kind
                  << " " << e.rule;
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

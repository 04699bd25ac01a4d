#include "support/cen_suite.h"

#include <algorithm>
#include <cstring>
#include <pugixml.hpp>
#include <sstream>
#include <string_view>
#include <system_error>
#include <vector>

#include "support/test_env.h"

namespace chorus::testing {
namespace {

std::string Trim(const char* text) {
  std::string s(text);
  auto b = s.find_first_not_of(" \t\r\n");
  auto e = s.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

std::vector<std::string> ScopeOf(const pugi::xml_node& root) {
  std::vector<std::string> scope;
  for (pugi::xml_node s : root.child("assert").children("scope")) {
    std::istringstream ids(s.text().get());
    for (std::string id; ids >> id;) scope.push_back(id);
  }
  return scope;
}

// The inline document alone: namespace declarations it inherits from its
// ancestors in the test file are copied onto it, as XML scoping says.
std::string Standalone(pugi::xml_node element) {
  pugi::xml_document out;
  pugi::xml_node copy = out.append_copy(element);
  for (pugi::xml_node a = element.parent(); a; a = a.parent()) {
    for (pugi::xml_attribute attr : a.attributes()) {
      std::string_view name = attr.name();
      bool declaration = name == "xmlns" || name.starts_with("xmlns:");
      if (declaration && !copy.attribute(attr.name())) {
        copy.append_attribute(attr.name()) = attr.value();
      }
    }
  }
  std::ostringstream s;
  out.save(s, "", pugi::format_raw | pugi::format_no_declaration);
  return s.str();
}

}  // namespace

std::vector<std::string> SuiteScope(const std::filesystem::path& file) {
  pugi::xml_document set;
  if (!set.load_file(file.c_str())) return {};
  return ScopeOf(set.document_element());
}

std::vector<SuiteCase> ReadSuiteFile(const std::filesystem::path& file,
                                     std::string* error) {
  pugi::xml_document set;
  // Whitespace-only text is kept: rules distinguish " " from empty.
  if (auto r = set.load_file(
          file.c_str(), pugi::parse_default | pugi::parse_ws_pcdata_single);
      !r) {
    if (error) *error = file.string() + ": " + r.description();
    return {};
  }
  pugi::xml_node root = set.document_element();
  std::vector<std::string> scope = ScopeOf(root);
  auto in_scope = [&](const std::string& id) {
    return scope.empty() ||
           std::find(scope.begin(), scope.end(), id) != scope.end();
  };
  std::vector<SuiteCase> cases;
  int index = 0;
  for (pugi::xml_node test : root.children("test")) {
    ++index;
    SuiteCase c;
    c.label = file.parent_path().filename().string() + "/" +
              file.filename().string() + " test " + std::to_string(index);
    for (pugi::xml_node a = test.child("assert").first_child(); a;
         a = a.next_sibling()) {
      std::string kind = a.name();
      std::string rule = Trim(a.text().get());
      if ((kind == "success" || kind == "error" || kind == "warning") &&
          in_scope(rule)) {
        c.expected.push_back({kind, rule});
      }
    }
    // The inline document: the test's first element that is not <assert>.
    for (pugi::xml_node n = test.first_child(); n; n = n.next_sibling()) {
      if (n.type() == pugi::node_element &&
          std::strcmp(n.name(), "assert") != 0) {
        c.xml = Standalone(n);
        break;
      }
    }
    cases.push_back(std::move(c));
  }
  return cases;
}

bool Meets(const SuiteExpectation& e, const std::vector<Diagnostic>& found) {
  bool fired = false, fatal = false, warning = false;
  for (const Diagnostic& d : found) {
    if (d.rule != e.rule) continue;
    fired = true;
    fatal |= d.severity == Severity::kFatal;
    warning |= d.severity == Severity::kWarning;
  }
  if (e.kind == "success") return !fired;
  if (e.kind == "error") return fatal;
  return e.kind == "warning" && warning;
}

int ForEachSuiteDocument(
    const std::filesystem::path& conformance,
    const std::function<void(const std::string& xml, const std::string& label)>&
        visit) {
  int documents = 0;
  for (const char* dir :
       {"Invoice-unit-UBL", "CreditNote-unit-UBL", "cii-unit"}) {
    // Listed here, not with test_env's XmlFilesIn: the conformance runner
    // links this file alone.
    std::vector<std::filesystem::path> files;
    std::error_code ec;
    for (const auto& entry :
         std::filesystem::directory_iterator(conformance / dir, ec)) {
      if (entry.path().extension() == ".xml") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
      for (const SuiteCase& c : ReadSuiteFile(file)) {
        visit(c.xml, c.label);
        ++documents;
      }
    }
  }
  return documents;
}

}  // namespace chorus::testing

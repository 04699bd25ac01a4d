// Reading the official CEN test suite (vefa testSet files): each file scopes
// some rules; each <test> holds an inline document and says, per rule,
// whether it must succeed (not fire) or fail as an error (fatal) or warning.
// Shared by the conformance runner and the per-family rule tests.
#ifndef CHORUS_TESTS_SUPPORT_CEN_SUITE_H_
#define CHORUS_TESTS_SUPPORT_CEN_SUITE_H_

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "chorus/util/result.h"

namespace chorus::testing {

struct SuiteExpectation {
  std::string kind;  // "success", "error" or "warning"
  std::string rule;
};

struct SuiteCase {
  std::string label;                       // "<file> test <n>"
  std::string xml;                         // the inline document, standalone
  std::vector<SuiteExpectation> expected;  // only rules in the file's scope
};

// The rule ids a testSet file scopes.
std::vector<std::string> SuiteScope(const std::filesystem::path& file);
// Every test of a testSet file; an unreadable file yields no case and sets
// *error (when given).
std::vector<SuiteCase> ReadSuiteFile(const std::filesystem::path& file,
                                     std::string* error = nullptr);
// Calls visit(document, label) for every inline document of the suite's
// three unit folders (Invoice-unit-UBL, CreditNote-unit-UBL, cii-unit)
// under `conformance` (../shared/conformance/en16931); returns how many.
int ForEachSuiteDocument(
    const std::filesystem::path& conformance,
    const std::function<void(const std::string& xml, const std::string& label)>&
        visit);
// success: the rule does not fire at all; error: it fires as fatal;
// warning: it fires as warning.
bool Meets(const SuiteExpectation& e, const std::vector<Diagnostic>& found);

}  // namespace chorus::testing

#endif  // CHORUS_TESTS_SUPPORT_CEN_SUITE_H_

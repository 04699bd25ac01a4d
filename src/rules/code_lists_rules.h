// The BR-CL rules as data: for each syntax's pattern, the rules in
// artefact order with the element names their context ends on, the parent
// step and further context test, and what they assert
// (code_lists_rules.cpp). code_lists.cpp compiles them for its one pass.
// Internal to src/rules/code_lists*.cpp.
#ifndef CHORUS_SRC_RULES_CODE_LISTS_RULES_H_
#define CHORUS_SRC_RULES_CODE_LISTS_RULES_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "rules/code_lists.h"
#include "rules/code_lists_eval.h"

namespace chorus::rules::code_lists_rules {

using code_lists_eval::Walk;

// What an assertion checks. Most BR-CL tests read
//   not(contains(normalize-space(V), ' ')) and
//   contains(LIST, concat(' ', normalize-space(V), ' '))
// with V the element (".") or one of its attributes; the rest are custom.
using CustomTest = bool (*)(const Walk&, int32_t);
struct Check {
  std::string_view attribute = {};  // empty: the element's string value
  CodeList list = CodeList::kCount;
  bool upper_case = false;      // BR-CL-22 upper-cases the value
  CustomTest custom = nullptr;  // replaces the above when set
};

// The context besides the element's own name: parent step, predicates.
using ContextTest = bool (*)(const Walk&, int32_t);

// A context step the element's parent must match; no local: none.
// (`alt`: a second name taken alike). Contexts that test more keep their
// own parent test too; the step only rules elements out early.
struct ParentStep {
  int ns = 0;
  const char* local = nullptr;
  const char* alt = nullptr;
};

struct Rule {
  std::string_view id;
  int ns;  // namespace of the context's last step
  std::vector<std::string_view> locals;
  ContextTest context;  // nullptr: the name (and parent) alone match
  Check check;
  // Tested before `context`, inline: most contexts name the parent.
  ParentStep parent = {};
};

inline bool Standard(const Walk& w, int32_t n, const Check& c) {
  return w.InList(n, c.attribute, c.list, c.upper_case);
}

// The attribute whose presence is the whole of `context` (the rules that
// assert on an attribute only where it is present), "" for any other test.
std::string_view PresenceOf(ContextTest context);

// The patterns: UBL "Codesmodel" and "UBL-model", CII "EN16931-Codes".
std::vector<Rule> UblRules();
std::vector<Rule> UblModelRules();
std::vector<Rule> CiiRules();

}  // namespace chorus::rules::code_lists_rules

#endif  // CHORUS_SRC_RULES_CODE_LISTS_RULES_H_

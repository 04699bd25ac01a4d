// What fails in the UBL syntax walk (ubl_syntax.cpp), once the walk has
// filled its counters: the count asserts past their max or short of their
// min, the contexts counted by searching, and the report in the official
// order. Internal to src/rules/.
#ifndef CHORUS_SRC_RULES_UBL_SYNTAX_FAILURES_H_
#define CHORUS_SRC_RULES_UBL_SYNTAX_FAILURES_H_

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "rules/engine_internal.h"
#include "rules/ubl_syntax_internal.h"
#include "rules/ubl_syntax_tables.h"

namespace chorus::rules::ubl {

// A node some rule took as context, with its counters in the walk's
// counts (a block of Tables::block_size_[rule] from `base`).
struct Context {
  int rule;
  int base;
  int32_t entry;  // preorder index of the node: also the report order
};

struct Failure {
  int32_t entry;  // the context node, in preorder
  int row;        // index of the assert within its rule
  std::string_view id;
};

// The count asserts that fail: those whose counters went past their max
// (`over`, as the walk noted them) and those below their min. Contexts own
// consecutive blocks of `counts` in the order they were opened.
void AddCountFailures(const Tables& t, std::span<const int> over,
                      std::span<const Context> contexts,
                      std::span<const int> counts,
                      std::vector<Failure>& failures);

// Nested contexts beyond Tables::kSlots (pathological documents): the
// asserts of `rule` on node i, counted by searching the subtree instead,
// the paths compiled on the spot.
void EvaluateEagerly(const Tables& t, const Nav& nav, int rule, int32_t i,
                     std::vector<Failure>& failures);

// Reports `failures` (sorted on the way) in the official report's order:
// document order of the context nodes, then the asserts' order within
// their rule.
void ReportFailures(std::vector<Failure>& failures, const RunContext& ctx);

}  // namespace chorus::rules::ubl

#endif  // CHORUS_SRC_RULES_UBL_SYNTAX_FAILURES_H_

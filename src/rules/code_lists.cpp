// BR-CL-*: the code list rules, on the XML, as the official artefacts
// phrase them for each syntax (the "Codesmodel" pattern of the UBL artefact
// plus its BR-CL-08 in "UBL-model"; the "EN16931-Codes" pattern of the CII
// artefact).
//
// One pass over the document. Each element is first dispatched on its local
// name to the few rules whose context can end on it; the rules are then
// tried in artefact order and only the first whose whole context matches
// asserts on the element, as a Schematron pattern does.
#include "rules/code_lists.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "format/xml_ns.h"
#include "rules/cii_syntax_internal.h"
#include "rules/cii_syntax_names.h"
#include "rules/code_lists_dispatch.h"
#include "rules/code_lists_eval.h"
#include "rules/code_lists_rules.h"
#include "rules/engine_internal.h"
#include "rules/ubl_syntax_tables.h"

namespace chorus::rules {
namespace {

namespace x = chorus::xml;
using code_lists_dispatch::Dispatch;
using code_lists_eval::Walk;
using code_lists_rules::Rule;

// Document order: the index lists elements in preorder.
void Run(const RunContext& ctx, const Dispatch& dispatch) {
  const DocIndex& index = ctx.Index();
  Walk w(index);
  const int32_t size = index.size();
  if (size == 0) return;
  // A local base: the loop keeps it in a register across the calls.
  const DocIndex::Entry* entries = &index[0];
  VisitPicked<16>(
      size, [&](int32_t n) { return dispatch.MayTake(entries[n]); },
      [&](int32_t n) { dispatch.Visit(w, ctx, n); });
}

// Run over the name slots a syntax walk gave (`slot_of(i)`: element i's):
// the elements a rule can take are picked by a table load, exact, and
// visited without a lookup.
template <typename ElementSlot>
void RunBySlot(const RunContext& ctx, const Dispatch& dispatch, int32_t size,
               ElementSlot slot_of) {
  Walk w(ctx.Index());
  VisitPicked<16>(
      size, [&](int32_t n) { return dispatch.TakesSlot(slot_of(n)); },
      [&](int32_t n) { dispatch.VisitBySlot(w, ctx, n, slot_of); });
}

// A syntax's dispatch, and whether it is bound to its syntax walk's names.
struct Bound {
  Dispatch dispatch;
  bool by_slot = false;
};

const Bound& UblDispatch() {
  static const Bound ubl = [] {
    Bound b{Dispatch(
        {code_lists_rules::UblRules(), code_lists_rules::UblModelRules()})};
    // The slot of an interned name is its id + 1 (-1: none).
    const ubl::Tables& t = ubl::GetTables();
    b.by_slot = b.dispatch.BindNames(
        t.names_.size() + 1, [&t](int ns, std::string_view local) {
          return static_cast<std::size_t>(t.Find(ns, local, x::NameKey(local)) +
                                          1);
        });
    return b;
  }();
  return ubl;
}

const Bound& CiiDispatch() {
  static const Bound cii = [] {
    Bound b{Dispatch({code_lists_rules::CiiRules()})};
    // The name id is the slot (0: none).
    b.by_slot = b.dispatch.BindNames(
        cii::NameIdCount(), [](int ns, std::string_view local) {
          return std::size_t{cii::NameId(ns, local)};
        });
    return b;
  }();
  return cii;
}

}  // namespace

void CheckCodeListRules(const RunContext& ctx,
                        std::span<const int32_t> ubl_names) {
  const Bound& ubl = UblDispatch();
  const int32_t size = ctx.Index().size();
  if (ubl.by_slot && ubl_names.size() == static_cast<std::size_t>(size)) {
    // Widened before the + 1 (-1 wraps to slot 0): the + 1 then folds
    // into the table loads' offsets.
    RunBySlot(ctx, ubl.dispatch, size, [ubl_names](int32_t n) {
      return static_cast<std::size_t>(ubl_names[n]) + 1;
    });
  } else {
    Run(ctx, ubl.dispatch);
  }
}

void CheckCodeListRules(const RunContext& ctx,
                        std::span<const cii::NameInfo> cii_names) {
  const Bound& cii = CiiDispatch();
  const int32_t size = ctx.Index().size();
  if (cii.by_slot && cii_names.size() == static_cast<std::size_t>(size)) {
    RunBySlot(ctx, cii.dispatch, size, [cii_names](int32_t n) {
      return std::size_t{cii_names[static_cast<std::size_t>(n)].trie_name};
    });
  } else {
    Run(ctx, cii.dispatch);
  }
}

bool CiiCodeListsBySlot() { return CiiDispatch().by_slot; }

std::vector<std::pair<int, std::string_view>> UblCodeListNames() {
  std::vector<std::pair<int, std::string_view>> names;
  for (const auto& pattern :
       {code_lists_rules::UblRules(), code_lists_rules::UblModelRules()}) {
    for (const Rule& rule : pattern) {
      for (std::string_view local : rule.locals) {
        names.emplace_back(rule.ns, local);
      }
      for (const char* local : {rule.parent.local, rule.parent.alt}) {
        if (local != nullptr) names.emplace_back(rule.parent.ns, local);
      }
    }
  }
  return names;
}

void CheckCodeListRules(const RunContext& ctx) {
  Run(ctx,
      (ctx.syntax == Syntax::kUbl ? UblDispatch() : CiiDispatch()).dispatch);
}

}  // namespace chorus::rules

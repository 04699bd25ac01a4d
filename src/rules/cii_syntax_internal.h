// The CII syntax pattern (CII-SR-*, CII-DT-*) as a compiled table plus the
// hand-written assertions the table cannot express. Internal to src/rules/.
#ifndef CHORUS_SRC_RULES_CII_SYNTAX_INTERNAL_H_
#define CHORUS_SRC_RULES_CII_SYNTAX_INTERNAL_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

// Relative so that tests, which only see include/, can include this header.
#include "../format/xml_ns.h"
#include "doc_index.h"
#include "inline_compare.h"

namespace chorus::rules {
struct RunContext;
}  // namespace chorus::rules

namespace chorus::rules::cii {

struct NameInfo;  // cii_syntax_names.h

// Namespace ids of the shared DocIndex.
enum NsId : int { kRsm = kNsRsm, kRam = kNsRam, kUdt = kNsUdt, kQdt = kNsQdt };

// One step of a relative path: a child element (namespace + local name, or
// any local name in that namespace when `any`), or a final attribute in no
// namespace.
struct Step {
  int ns = xml::kNoNamespace;
  std::string_view local;
  uint64_t key = 0;
  bool any = false;        // "ram:*" / "*"
  bool any_ns = false;     // "*"
  bool attribute = false;  // "@name"
};
using Path = std::vector<Step>;

// Compiles "ram:A/ram:B/@c" (prefixes rsm, ram, udt, qdt; "*"; "ram:*").
Path CompilePath(std::string_view text);

// The document as the assertions see it.
struct View {
  // The //ram:P/ram:C node lists of the document-wide assertions, gathered
  // in one pass on first use (cii_syntax_custom.cpp says which), into
  // buffers the caller keeps from one document to the next.
  using UnderLists = std::array<std::vector<int32_t>, 4>;

  View(const xml::ElementIndex& elements, UnderLists& under_lists)
      : index(elements), under(under_lists) {}

  const xml::ElementIndex& index;
  // Facts about the whole document that some assertions test from every
  // context: worked out on first use (-1: not yet).
  mutable int billed_unit = -1;  // a line BilledQuantity/@unitCode exists
  mutable bool under_ready = false;
  UnderLists& under;
};

// For the name table: the View::under list (+ 1) whose //ram:parent/ram:child
// pairs have `e`'s name as child (0: none), and as bits those that have it
// as parent. A walk that knows each element's and its parent's roles fills
// the lists, in document order, and sets View::under_ready.
struct UnderRoles {
  uint8_t child = 0;
  uint8_t parent = 0;
};
UnderRoles UnderRolesOf(const xml::ElementIndex::Entry& e);

// Number of nodes `path` selects from element `from`.
int Count(const View& v, int32_t from, const Path& path);
// Same, stopping at `limit` (Count(...) if smaller, else `limit`).
int CountUpTo(const View& v, int32_t from, const Path& path, int limit);
// The elements `path` (element steps only) selects from `from`, in order.
void Select(const View& v, int32_t from, const Path& path,
            std::vector<int32_t>* out);
// Calls f(element) for each element `path` selects from `from` (element
// steps from step `k` on), in document order, as long as f returns true;
// false when it stopped.
template <typename F>
bool EachSelected(const View& v, int32_t from, const Path& path, std::size_t k,
                  F& f);
// True when element `e` matches `step` (namespace and name). Inline: it
// runs for most element/step pairs the evaluator looks at.
// Most pairs differ in key: that one test settles them unless the step is
// a wildcard (key 0).
inline bool Matches(const xml::ElementIndex::Entry& e, const Step& step) {
  if (e.key != step.key) return step.any_ns || (step.any && e.ns == step.ns);
  if (step.any_ns) return true;  // (an element named "" has key 0 too)
  if (step.attribute || e.ns != step.ns) return false;
  // Keys hold the length and first seven bytes: equal keys of shorter
  // names are equal names.
  return step.any || step.local.size() < 8 || SameTail(e.local, step.local);
}
template <typename F>
bool EachSelected(const View& v, int32_t from, const Path& path, std::size_t k,
                  F& f) {
  if (k >= path.size()) return true;
  const Step& step = path[k];
  bool last = k + 1 == path.size();
  for (int32_t c = v.index[from].first_child; c >= 0; c = v.index[c].next) {
    if (!Matches(v.index[c], step)) continue;
    if (last ? !f(c) : !EachSelected(v, c, path, k + 1, f)) return false;
  }
  return true;
}

// Element `i` is ram:`local`.
inline bool IsRam(const View& v, int32_t i, std::string_view local) {
  const xml::ElementIndex::Entry& e = v.index[i];
  return e.ns == kRam && ShortEqual(e.local, local);
}
// Some ancestor of element `i` is ram:`local`.
inline bool HasRamAncestor(const View& v, int32_t i, std::string_view local) {
  for (int32_t a = v.index[i].parent; a >= 0; a = v.index[a].parent) {
    if (IsRam(v, a, local)) return true;
  }
  return false;
}

// XPath string value of element `i`: all descendant character data,
// untrimmed, viewed in the document when it has no element
// children (the usual case, inline), else joined in `scratch`.
std::string_view NestedStringValue(const View& v, int32_t i,
                                   std::string& scratch);
inline std::string_view StringValue(const View& v, int32_t i,
                                    std::string& scratch) {
  const xml::ElementIndex::Entry& e = v.index[i];
  return e.first_child < 0 ? e.raw : NestedStringValue(v, i, scratch);
}
// XPath normalize-space.
std::string NormalizeSpace(std::string_view s);

// A hand-written assertion: true when it holds for context element `i`.
// Dynamic errors of the official XSLT (e.g. normalize-space of several
// nodes, an uncastable boolean) count as a failed assertion.
using CustomCheck = bool (*)(const View& v, int32_t i);
// nullptr when `id` has no hand-written implementation.
CustomCheck FindCustomCheck(std::string_view id);

// Hand-written assertions of one rule evaluated together, in one pass over
// the context's children: bit k of the result set when ids[k] fails.
using CustomGroup = uint32_t (*)(const View& v, int32_t i);
struct CustomGroupDef {
  std::span<const std::string_view> ids;
  CustomGroup check;
  // The ram: children (local names) one of which a context needs for the
  // group to find any failure: without them the quick check need not call
  // it. Empty: every context.
  std::span<const std::string_view> triggers = {};
};
// The group of exactly the assertions `ids` (in any order), or nullptr.
const CustomGroupDef* FindCustomGroup(std::span<const std::string_view> ids);
// The check of `id` as a group of one assertion (bit 0: it fails), or
// nullptr when `id` has no hand-written implementation.
CustomGroup FindCustomCheckAsGroup(std::string_view id);
// The triggers (as CustomGroupDef::triggers) of that group of one: empty
// for most checks.
std::span<const std::string_view> CustomCheckTriggers(std::string_view id);

// For tests: for each context element the pattern visits, in order,
// whether its rule has a quick check, whether that check finds every
// assertion holds, and how many failures the full evaluation reports.
struct QuickVerdict {
  int32_t element = -1;
  bool quick = false;
  bool clean = false;
  std::size_t reported = 0;
};
std::vector<QuickVerdict> QuickVerdicts(const RunContext& ctx);

// The name id of (ns, local), NameInfo::trie_name: nonzero for the names
// the rules' paths walk through and for those other families dispatch on
// (kSharedNames in cii_syntax_compile.cpp), 0 for every other name. Ids
// are below NameIdCount(), for tables by id.
uint16_t NameId(int ns, std::string_view local);
std::size_t NameIdCount();

// Element `q` is a /rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/
// ram:IncludedSupplyChainTradeLineItem/ram:SpecifiedLineTradeDelivery/
// ram:BilledQuantity: with a unitCode, it answers CII-DT-033's question
// about the document without a walk.
bool IsLineBilledQuantity(const View& v, int32_t q);

// For tests: the assertion ids of the table, in pattern order.
std::vector<std::string_view> TableAssertIds();
// For tests: ids of table rows of kind kCustom without an implementation.
std::vector<std::string_view> UnimplementedCustomChecks();

}  // namespace chorus::rules::cii

namespace chorus::rules {

// CheckCiiSyntaxRules that also sets `names` (when not null) to each
// element's NameInfo (cii_syntax_names.h), by element index, valid until
// this thread's next call (empty when none: no document element, or a
// huge document whose buffers the thread did not keep). Its trie_name is
// the element's cii::NameId: a walk over the whole document can dispatch
// on it with one load instead of hashing the name again.
void CheckCiiSyntaxRules(const RunContext& ctx,
                         std::span<const cii::NameInfo>* names);

}  // namespace chorus::rules

#endif  // CHORUS_SRC_RULES_CII_SYNTAX_INTERNAL_H_

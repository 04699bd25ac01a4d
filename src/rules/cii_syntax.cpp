// CII-SR-* and CII-DT-*: the pattern EN16931-CII-Syntax of the official CII
// Schematron, evaluated in one walk over the document.
//
// Schematron processes each node with the FIRST rule of the pattern whose
// context matches it, so every element is dispatched to at most one rule:
// e.g. the header ram:TypeCode is taken by "//ram:TypeCode" and never seen
// by the later "/rsm:.../rsm:ExchangedDocument/ram:TypeCode" rule.
#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "rules/cii_syntax_compiled.h"
#include "rules/cii_syntax_internal.h"
#include "rules/cii_syntax_names.h"
#include "rules/engine_internal.h"

namespace chorus::rules {
namespace cii {
namespace {

bool SelectorMatches(const View& v, const Selector& s, int32_t i) {
  const xml::ElementIndex::Entry& e = v.index[i];
  if (!Matches(e, s.steps.back())) return false;
  if (!s.suffix.empty() &&
      (e.local.empty() || e.local.back() != s.suffix.back() ||
       !EndsWith(e.local, s.suffix))) {
    return false;
  }
  if (s.exclude.key != 0 && Matches(e, s.exclude)) return false;
  if (!s.attr.empty()) {
    // FindAttribute and == on the value, with inline compares (both
    // called memcmp): an element has each attribute name at most once.
    bool holds = false;
    for (const xml::ElementIndex::Attribute& a : v.index.AttributesOf(i)) {
      holds |= ShortEqual(a.name, s.attr) && ShortEqual(a.value, s.attr_value);
    }
    if (!holds) return false;
  }
  int32_t at = e.parent;
  for (std::size_t k = s.steps.size() - 1; k-- > 0;) {
    if (at < 0 || !Matches(v.index[at], s.steps[k])) return false;
    at = v.index[at].parent;
  }
  return !s.anchored || at < 0;
}

// The first rule whose context matches element `i`, or 0xFFFF: the lowest of
// the anchored context's rule `anchored`, the rule of the name and those of
// the contextual selectors that match.
// (Forced inline: it runs for every element, and RunPattern has two
// instances.)
[[gnu::always_inline]] inline unsigned RuleOf(const View& v, const Compiled& c,
                                              int32_t i, int16_t anchored,
                                              const NameInfo& info) {
  // As unsigned, -1 (none) is above every rule: min() picks the first.
  auto best = static_cast<unsigned>(std::min(static_cast<uint16_t>(anchored),
                                             static_cast<uint16_t>(info.rule)));
  if (info.contextual) {
    for (int k : c.contextual) {
      const Selector& s = c.selectors[static_cast<std::size_t>(k)];
      if (static_cast<unsigned>(s.rule) < best && SelectorMatches(v, s, i)) {
        best = static_cast<unsigned>(s.rule);
      }
    }
  }
  return best;  // 0xFFFF: none
}

// Counts of the trie-counted assertions of one context (up to 2), and
// which of them the walk bumped from zero.
struct Counts {
  std::vector<int> n;
  std::vector<int> touched;  // assertion ids
};

void Bump(const RuleIndex& rule, int assertion, Counts& counts) {
  int& n = counts.n[static_cast<std::size_t>(assertion - rule.begin)];
  if (n == 0) counts.touched.push_back(assertion);
  if (n < 2) ++n;
}

// Counts, for trie node `t` matched by element `d`, the nodes each path
// reaches below it.
void Walk(const View& v, const NameInfo* names, const RuleIndex& rule, int t,
          int32_t d, Counts& counts) {
  const TrieNode& node = rule.trie[static_cast<std::size_t>(t)];
  if (!node.attributes.empty() && v.index[d].has_attributes) {
    for (const xml::ElementIndex::Attribute& a : v.index.AttributesOf(d)) {
      for (const auto& [attribute, k] : node.attributes) {
        if (attribute == a.name) Bump(rule, k, counts);
      }
    }
  }
  if (node.kids.empty()) return;
  for (int32_t ch = v.index[d].first_child; ch >= 0; ch = v.index[ch].next) {
    int k = rule.Kid(node, names[ch].trie_name);
    if (k == rule.sink) continue;
    const TrieNode& kid = rule.trie[static_cast<std::size_t>(k)];
    for (int a : kid.ends) Bump(rule, a, counts);
    // Most matched nodes end their paths: no call for them.
    if (!kid.kids.empty() ||
        (!kid.attributes.empty() && v.index[ch].has_attributes)) {
      Walk(v, names, rule, k, ch, counts);
    }
  }
}

// Whether element `d` has an attribute some absence assertion of trie
// node `node` names.
bool AttributeHit(const View& v, const TrieNode& node, int32_t d) {
  bool hit = false;
  for (const xml::ElementIndex::Attribute& a : v.index.AttributesOf(d)) {
    for (const auto& [attribute, k] : node.attributes) {
      hit |= attribute == a.name;
    }
  }
  return hit;
}

// True when every assertion of `rule` holds on context element `i`, found
// without the bookkeeping of RunRule (which reports the failures, in
// order): in a valid document every context is clean. The same steps for
// every rule (a rule without kids walks into the sink), so that the
// sequence of rules, which the document decides, leaves few branches to
// mispredict. (Forced inline: with QuickVerdicts as a second caller, GCC
// would otherwise call it from the main pass.)
//
// The walk marks each element below `i` that the rule's trie matches at
// its node (the sink, of no bits, for names the node lacks), without a
// branch on the name, in the two words of the nodes seen at least once and
// at least twice; a forbidden attribute counts as a forbidden node. It
// keeps its own stack rather than recursing: most contexts are small, and
// a call per trie node with kids cost more than its body.
[[gnu::always_inline]] inline bool Clean(const View& v, const NameInfo* names,
                                         const RuleIndex& rule, int32_t i) {
  // Locals: nothing the loop stores may change them.
  const xml::ElementIndex::Entry* entries = &v.index[0];
  const uint64_t* cells = rule.cells.data();
  const TrieNode* trie = rule.trie.data();
  uint64_t once = kForbidden;
  uint64_t twice = 0;
  // (Most contexts with attributes have a rule without attribute tests.)
  if (rule.root_attributes & entries[i].has_attributes) {
    twice |= static_cast<uint64_t>(AttributeHit(v, trie[0], i));
  }
  // Element indexes as wide as a pointer: loaded sign-extended, they
  // index the tables without a conversion per child.
  struct Frame {
    const uint64_t* row;
    std::ptrdiff_t next;
  };
  std::array<Frame, kQuickDepth> stack;
  std::size_t depth = 0;
  const uint64_t* row = cells;  // the root's kid table comes first
  std::ptrdiff_t ch = entries[i].first_child;
  for (;;) {
    if (ch < 0) {
      if (depth == 0) break;
      --depth;
      row = stack[depth].row;
      ch = stack[depth].next;
      continue;
    }
    // (The bits above the node bits land in once and twice too: the
    // verdict masks them.)
    uint64_t b = row[names[ch].trie_name];
    twice |= once & b;
    once |= b;
    std::ptrdiff_t next = entries[ch].next;
    if ((b & kGoesOn) != 0) {
      if ((b & kHasAttributes) != 0 && entries[ch].has_attributes) {
        twice |= static_cast<uint64_t>(AttributeHit(
            v, trie[(b >> kKidShift) & kKidMask], static_cast<int32_t>(ch)));
      }
      if ((b & kHasKids) != 0) {
        stack[depth++] = {row, next};
        row = cells + ((b >> kRowShift) & kRowMask);
        next = entries[ch].first_child;
      }
    }
    ch = next;
  }
  uint64_t bad = (twice & rule.twice) | (rule.needed & ~once);
  // (A rule's hand-written assertions are all in its group: Compile.)
  // (Its triggers' bits, as kids of the root, are only ever in once; none
  // without a group.)
  if ((once & rule.group_triggers) != 0) {
    bad |= rule.group(v, i);
  }
  return bad == 0;
}

// Evaluates `rule` on context element `i`; `counts` and `failed` are
// scratch space.
void RunRule(const RunContext& ctx, const View& v, const NameInfo* names,
             const Compiled& c, const RuleIndex& rule, int32_t i,
             Counts& counts, std::vector<int>& failed) {
  // counts.n is all zero between contexts: no per-context copy of the
  // rule's initial counts (the walk only bumps trie-counted entries).
  if (counts.n.size() < rule.initial_counts.size()) {
    counts.n.resize(rule.initial_counts.size(), 0);
  }
  counts.touched.clear();
  const TrieNode& top = rule.trie[0];
  if (!top.kids.empty() ||
      (!top.attributes.empty() && v.index[i].has_attributes)) {
    Walk(v, names, rule, 0, i, counts);
  }
  failed.clear();
  for (int k : rule.always) {
    const Assertion& a = c.assertions[static_cast<std::size_t>(k)];
    bool holds;
    if (a.kind == kCustom) {
      holds = a.custom == nullptr || a.custom(v, i);
    } else {
      auto j = static_cast<std::size_t>(k - rule.begin);
      int n = rule.initial_counts[j] < 0
                  ? CountUpTo(v, i, a.path, 2)  // attribute or wildcard
                  : counts.n[j];
      holds = Holds(a.kind, n);
    }
    if (!holds) failed.push_back(k);
  }
  if (rule.group != nullptr) {
    for (uint32_t bits = rule.group(v, i); bits != 0; bits &= bits - 1) {
      failed.push_back(
          rule.group_asserts[static_cast<std::size_t>(std::countr_zero(bits))]);
    }
  }
  for (int k : counts.touched) {
    auto j = static_cast<std::size_t>(k - rule.begin);
    if (rule.is_always[j] != 0) continue;
    if (!Holds(c.assertions[static_cast<std::size_t>(k)].kind, counts.n[j])) {
      failed.push_back(k);
    }
  }
  for (int k : counts.touched) {
    counts.n[static_cast<std::size_t>(k - rule.begin)] = 0;
  }
  // Reported in the pattern's order, as the loop over all did.
  std::sort(failed.begin(), failed.end());
  for (int k : failed) {
    ctx.Fail(c.assertions[static_cast<std::size_t>(k)].id, i);
  }
}

// What a visit of a context sees.
struct Pass {
  const View& v;
  const NameInfo* names;  // by element
  const Compiled& c;
  Counts& counts;  // scratch space for RunRule
  std::vector<int>& failed;
};

// The pattern on the document of `ctx`: on_context(pass, rule, i) for each
// context element `i` with something to check, in document order.
template <typename OnContext>
void RunPattern(const RunContext& ctx, OnContext&& on_context,
                std::span<const NameInfo>* names_out = nullptr) {
  if (names_out != nullptr) *names_out = {};
  const DocIndex& doc = ctx.Index();
  if (doc.size() == 0) return;  // no document element
  const Compiled& c = Table();
  const xml::ElementIndex& index = doc.elements();
  // Kept per thread from one document to the next: a run allocates
  // nothing once they have grown.
  struct Scratch {
    Counts counts;
    std::vector<int> failed;
    std::vector<uint32_t> anchor;   // anchor row by element + 1
    std::vector<uint16_t> rule_of;  // rule by element (0xFFFF: none)
    View::UnderLists under;
    NameMemo names;
    std::vector<NameInfo> infos;  // by element
  };
  thread_local Scratch scratch;
  View v{index, scratch.under};
  Counts& counts = scratch.counts;
  std::vector<int>& failed = scratch.failed;
  auto size = static_cast<int32_t>(index.size());
  // The per-element buffers only grow: every pass writes an element before
  // reading it, so what a larger document left is never seen, and a
  // document larger than the last costs no fill of the difference.
  auto grow = [size](auto& buffer) {
    if (buffer.size() < static_cast<std::size_t>(size)) {
      buffer.resize(static_cast<std::size_t>(size));
    }
  };
  // The anchor row of each element (parents come first in the index),
  // after that of the document element's parent: anchor[parent + 1].
  std::vector<uint32_t>& anchor = scratch.anchor;
  if (anchor.size() <= static_cast<std::size_t>(size)) {
    anchor.resize(static_cast<std::size_t>(size) + 1);
  }
  anchor[0] = c.anchor_top;
  auto compute = [&c](const xml::ElementIndex::Entry& e) {
    return InfoOf(c, e);
  };
  // Every element's NameInfo first: the walks look at descendants. The
  // same pass gathers the //ram:P/ram:C lists of the document-wide
  // assertions from the names' roles (no pass of their own).
  std::vector<NameInfo>& names = scratch.infos;
  grow(names);
  for (std::vector<int32_t>& list : scratch.under) list.clear();
  NameInfo* out = names.data();  // (a thread_local's, reloaded otherwise)
  // (Pointers that walk, not an index: the loop counted apart otherwise.)
  const xml::ElementIndex::Entry* const entries = &index[0];
  NameInfo* at = out;
  for (const xml::ElementIndex::Entry* e = entries; e != entries + size;
       ++e, ++at) {
    const NameInfo& info = scratch.names.Find(*e, compute);
    *at = info;
    if (info.under_child != 0 && e->parent >= 0 &&
        ((out[e->parent].under_parent >> (info.under_child - 1)) & 1) != 0) {
      scratch.under[info.under_child - 1u].push_back(
          static_cast<int32_t>(e - entries));
    }
  }
  v.under_ready = true;
  if (names_out != nullptr) {
    *names_out = {names.data(), static_cast<std::size_t>(size)};
  }
  std::vector<uint16_t>& rule_of = scratch.rule_of;
  grow(rule_of);
  // Which elements are contexts with something to check depends on the
  // document: they are picked without a branch, then visited in order.
  // By element: anchor_of[-1] is the document element's parent's (no
  // + 1 on every parent index). picks_of: by rule, -1 for none.
  uint32_t* const anchor_of = anchor.data() + 1;
  const uint8_t* const picks_of = c.picks.data() + 2;
  auto takes = [&](int32_t i) {
    const xml::ElementIndex::Entry& e = index[i];
    const NameInfo& info = names[static_cast<std::size_t>(i)];
    const Compiled::AnchorStep& step =
        c.anchor_next[anchor_of[e.parent] + info.anchor_step];
    anchor_of[i] = step.row;
    unsigned rule = RuleOf(v, c, i, step.rule, info);
    rule_of[static_cast<std::size_t>(i)] = static_cast<uint16_t>(rule);
    return picks_of[static_cast<int16_t>(rule) * 2 + e.has_attributes] != 0;
  };
  Pass pass{v, names.data(), c, counts, failed};
  // (Locals: the vectors' data would be reloaded at every visit.)
  const RuleIndex* const rules = c.rules.data();
  const uint16_t* const rule_at = rule_of.data();
  auto visit = [&](int32_t i) {
    on_context(pass, rules[rule_at[static_cast<std::size_t>(i)]], i);
  };
  VisitPicked(size, takes, visit);
  // What a huge document grew is not kept by the thread for good (the
  // under lists are no longer than the anchors).
  if (anchor.capacity() > (std::size_t{1} << 20)) {
    scratch = Scratch();
    if (names_out != nullptr) *names_out = {};
  }
}

}  // namespace

std::vector<QuickVerdict> QuickVerdicts(const RunContext& ctx) {
  std::vector<QuickVerdict> verdicts;
  std::vector<Diagnostic> reported;
  RunContext probe{ctx.doc, ctx.read, ctx.syntax, &reported, ctx.index};
  RunPattern(ctx, [&](const Pass& p, const RuleIndex& r, int32_t i) {
    QuickVerdict& verdict = verdicts.emplace_back();
    verdict.element = i;
    verdict.quick = r.quick;
    verdict.clean = r.quick && Clean(p.v, p.names, r, i);
    reported.clear();
    RunRule(probe, p.v, p.names, p.c, r, i, p.counts, p.failed);
    verdict.reported = reported.size();
  });
  return verdicts;
}

}  // namespace cii

void CheckCiiSyntaxRules(const RunContext& ctx,
                         std::span<const cii::NameInfo>* names) {
  cii::RunPattern(
      ctx,
      [&ctx](const cii::Pass& p, const cii::RuleIndex& r, int32_t i) {
        if (r.quick && cii::Clean(p.v, p.names, r, i)) return;
        cii::RunRule(ctx, p.v, p.names, p.c, r, i, p.counts, p.failed);
      },
      names);
}

void CheckCiiSyntaxRules(const RunContext& ctx) {
  CheckCiiSyntaxRules(ctx, nullptr);
}

}  // namespace chorus::rules

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
#include <string_view>
#include <vector>

#include "rules/cii_syntax_internal.h"
#include "rules/cii_syntax_names.h"
#include "rules/engine_internal.h"

namespace chorus::rules {
namespace cii {
namespace {

enum Kind { kAbsent, kAtMostOne, kExactlyOne, kPresent, kCustom };

struct RawContext {
  int rule;
  bool anchored;
  std::string_view steps;
  std::string_view suffix;
  std::string_view extra;
};
struct RawAssert {
  int rule;
  std::string_view id;
  Kind kind;
  std::string_view path;
};

#define CII_CONTEXT(rule, anchored, steps, suffix, extra) \
  RawContext{rule, anchored, steps, suffix, extra},
#define CII_ASSERT(rule, id, kind, path)
constexpr RawContext kRawContexts[] = {
#include "rules/cii_syntax_table.inc"
};
#undef CII_ASSERT
#undef CII_CONTEXT
#define CII_CONTEXT(rule, anchored, steps, suffix, extra)
#define CII_ASSERT(rule, id, kind, path) RawAssert{rule, id, kind, path},
constexpr RawAssert kRawAsserts[] = {
#include "rules/cii_syntax_table.inc"
};
#undef CII_ASSERT
#undef CII_CONTEXT

// A context alternative: the last step is tested against the element, the
// earlier ones against its ancestors; `anchored` also requires the first
// step to be the document element.
struct Selector {
  int rule = 0;
  bool anchored = false;
  Path steps;
  std::string_view suffix;  // ends-with(name(), suffix)
  Step exclude;             // not(self::...) when exclude.key != 0
  std::string_view attr;    // [@attr = 'value'] when non-empty
  std::string_view attr_value;
  // One step, not anchored, no attribute test: the element's name alone
  // decides (RuleOf tests these inline).
  bool by_name = false;
};

struct Assertion {
  std::string_view id;
  Kind kind;
  Path path;
  CustomCheck custom = nullptr;
};

// A rule's bulk assertions as a trie of their paths, so that the subtree
// under a context element is visited once for all of them (counts only
// matter up to 2).
struct TrieNode {
  Step step;              // how an element matches this node (not the root)
  std::vector<int> kids;  // trie node indexes
  uint16_t name_id = 0;   // NameInfo::trie_name of `step`
  KidTable kids_by_name;
  std::vector<int> ends;  // assertions whose path ends at this element
  // (attribute name, assertion) for paths ending in "@name" here.
  std::vector<std::pair<std::string_view, int>> attributes;
};

struct RuleIndex {
  int begin = 0;  // the rule's assertions: [begin, end)
  int end = 0;
  std::vector<TrieNode> trie = std::vector<TrieNode>(1);  // [0]: the context
  // Per assertion: 0 when counted by the trie walk, -1 otherwise.
  std::vector<int> initial_counts;
  // The assertions a count of zero can fail, or that the trie does not
  // count: evaluated for every context. The rest (trie-counted absence and
  // at-most-one tests) can only fail on a count the walk bumped.
  std::vector<int> always;
  std::vector<bool> is_always;  // by k - begin
  // The rule's hand-written assertions when one group evaluates them all
  // (then none of them is in `always`): group_asserts[bit] is the
  // assertion of the group's result bit.
  CustomGroup group = nullptr;
  std::vector<int> group_asserts;

  // False when the path has a wildcard step (none today): evaluated apart.
  bool Insert(const Path& path, int assertion) {
    int at = 0;
    for (const Step& step : path) {
      if (step.any) return false;
      if (step.attribute) {
        trie[static_cast<std::size_t>(at)].attributes.emplace_back(step.local,
                                                                   assertion);
        return true;
      }
      int next = -1;
      for (int k : trie[static_cast<std::size_t>(at)].kids) {
        const Step& s = trie[static_cast<std::size_t>(k)].step;
        if (s.ns == step.ns && s.local == step.local) next = k;
      }
      if (next < 0) {
        next = static_cast<int>(trie.size());
        trie[static_cast<std::size_t>(at)].kids.push_back(next);
        trie.emplace_back();
        trie.back().step = step;
      }
      at = next;
    }
    trie[static_cast<std::size_t>(at)].ends.push_back(assertion);
    return true;
  }
  // Call once every node has its name_id.
  void Freeze() {
    for (TrieNode& node : trie) {
      std::vector<std::pair<uint16_t, int>> kids;
      for (int k : node.kids) {
        kids.emplace_back(trie[static_cast<std::size_t>(k)].name_id, k);
      }
      node.kids_by_name.Build(kids);
    }
  }
};

// Anchored contexts without extra conditions as a trie of their paths from
// the document element: walking the document top down, an element's node
// follows from its parent's with a few key comparisons, instead of every
// candidate selector climbing the element's ancestors.
struct AnchorNode {
  Step step;
  int rule = -1;  // the first rule whose context ends here, -1 when none
  std::vector<int> kids;
};

struct Compiled {
  std::vector<Selector> selectors;  // in rule order
  std::vector<AnchorNode> anchors = std::vector<AnchorNode>(1);  // [0]: top
  // The distinct steps of the anchored contexts, by step id (from 1), and
  // the anchor code (AnchorNode index + 1; 0: none) a child of code `a`
  // whose name has step id `k` gets: anchor_next[a * anchor_width + k].
  std::vector<Step> anchor_steps = std::vector<Step>(1);
  std::size_t anchor_width = 1;
  std::vector<uint16_t> anchor_next;
  std::vector<int16_t> anchor_rule;  // by anchor code
  // Selectors that test more than the name (ancestors, an attribute).
  std::vector<int> contextual;
  // The distinct steps of the rules' tries, by NameInfo::trie_name (from 1).
  std::vector<Step> trie_names = std::vector<Step>(1);
  std::vector<Assertion> assertions;
  std::vector<RuleIndex> rules;
};

bool IsBulk(Kind kind) { return kind != kCustom; }

Selector MakeSelector(const RawContext& raw) {
  Selector s;
  s.rule = raw.rule;
  s.anchored = raw.anchored;
  s.steps = CompilePath(raw.steps);
  s.suffix = raw.suffix;
  if (raw.extra.starts_with("!")) {
    Path p = CompilePath(raw.extra.substr(1));
    if (!p.empty()) s.exclude = p.front();
  } else if (raw.extra.starts_with("@")) {
    std::string_view e = raw.extra.substr(1);
    std::size_t eq = e.find('=');
    s.attr = e.substr(0, eq);
    s.attr_value = eq == std::string_view::npos ? "" : e.substr(eq + 1);
  }
  s.by_name = !s.anchored && s.steps.size() == 1 && s.attr.empty();
  return s;
}

bool Holds(Kind kind, int count) {
  switch (kind) {
    case kAbsent:
      return count == 0;
    case kAtMostOne:
      return count <= 1;
    case kExactlyOne:
      return count == 1;
    case kPresent:
      return count > 0;
    case kCustom:
      break;
  }
  return true;
}

bool IsPlainAnchored(const Selector& s) {
  if (!s.anchored || !s.suffix.empty() || s.exclude.key != 0 ||
      !s.attr.empty()) {
    return false;
  }
  return std::none_of(s.steps.begin(), s.steps.end(), [](const Step& step) {
    return step.any || step.attribute;
  });
}

void AddAnchored(Compiled& c, const Selector& s) {
  std::size_t at = 0;
  for (const Step& step : s.steps) {
    int next = -1;
    for (int k : c.anchors[at].kids) {
      const Step& have = c.anchors[static_cast<std::size_t>(k)].step;
      if (have.ns == step.ns && have.local == step.local) next = k;
    }
    if (next < 0) {
      next = static_cast<int>(c.anchors.size());
      c.anchors[at].kids.push_back(next);
      c.anchors.emplace_back().step = step;
    }
    at = static_cast<std::size_t>(next);
  }
  int& rule = c.anchors[at].rule;
  if (rule < 0 || s.rule < rule) rule = s.rule;
}

// The index of the step of `step`'s name in `steps` (from 1), added when
// new.
std::size_t StepId(std::vector<Step>& steps, const Step& step) {
  std::size_t k = 1;
  // (Keys first: this runs for every trie node at startup.)
  while (k < steps.size() &&
         !(steps[k].key == step.key && steps[k].ns == step.ns &&
           steps[k].local == step.local)) {
    ++k;
  }
  if (k == steps.size()) steps.push_back(step);
  return k;
}

// Step ids and the anchor_next table, once the anchor trie is complete.
void IndexAnchors(Compiled& c) {
  std::vector<int> step_of(c.anchors.size(), 0);
  for (std::size_t a = 1; a < c.anchors.size(); ++a) {
    step_of[a] = static_cast<int>(StepId(c.anchor_steps, c.anchors[a].step));
  }
  c.anchor_width = c.anchor_steps.size();
  c.anchor_next.assign((c.anchors.size() + 1) * c.anchor_width, 0);
  c.anchor_rule.assign(c.anchors.size() + 1, -1);
  for (std::size_t a = 0; a < c.anchors.size(); ++a) {
    c.anchor_rule[a + 1] = static_cast<int16_t>(c.anchors[a].rule);
    for (int kid : c.anchors[a].kids) {
      auto k = static_cast<std::size_t>(step_of[static_cast<std::size_t>(kid)]);
      c.anchor_next[(a + 1) * c.anchor_width + k] =
          static_cast<uint16_t>(kid + 1);
    }
  }
}

// Sets rule.group when a CustomGroupDef covers the rule's hand-written
// assertions.
void AddGroup(const Compiled& c, RuleIndex& rule) {
  std::vector<std::string_view> ids;
  for (int k = rule.begin; k < rule.end; ++k) {
    const Assertion& a = c.assertions[static_cast<std::size_t>(k)];
    if (a.kind == kCustom) ids.push_back(a.id);
  }
  const CustomGroupDef* def = ids.size() > 1 ? FindCustomGroup(ids) : nullptr;
  if (def == nullptr) return;
  rule.group = def->check;
  for (std::string_view id : def->ids) {
    for (int k = rule.begin; k < rule.end; ++k) {
      if (c.assertions[static_cast<std::size_t>(k)].id == id) {
        rule.group_asserts.push_back(k);
      }
    }
  }
}

Compiled Compile() {
  Compiled c;
  for (const RawContext& raw : kRawContexts) {
    auto index = static_cast<int>(c.selectors.size());
    c.selectors.push_back(MakeSelector(raw));
    if (IsPlainAnchored(c.selectors.back())) {
      AddAnchored(c, c.selectors.back());
    } else if (!c.selectors.back().by_name) {
      c.contextual.push_back(index);
    }
  }
  IndexAnchors(c);
  int rules = 0;
  for (const RawAssert& raw : kRawAsserts)
    rules = std::max(rules, raw.rule + 1);
  c.rules.assign(static_cast<std::size_t>(rules), RuleIndex{});
  for (const RawAssert& raw : kRawAsserts) {
    auto index = static_cast<int>(c.assertions.size());
    RuleIndex& rule = c.rules[static_cast<std::size_t>(raw.rule)];
    if (rule.begin == rule.end) rule.begin = index;
    rule.end = index + 1;
    Assertion a{raw.id, raw.kind, CompilePath(raw.path), nullptr};
    if (raw.kind == kCustom) a.custom = FindCustomCheck(raw.id);
    c.assertions.push_back(std::move(a));
  }
  for (RuleIndex& rule : c.rules) {
    rule.initial_counts.assign(static_cast<std::size_t>(rule.end - rule.begin),
                               -1);
    for (int k = rule.begin; k < rule.end; ++k) {
      const Assertion& a = c.assertions[static_cast<std::size_t>(k)];
      if (IsBulk(a.kind) && !a.path.empty() && rule.Insert(a.path, k)) {
        rule.initial_counts[static_cast<std::size_t>(k - rule.begin)] = 0;
      }
    }
    AddGroup(c, rule);
    rule.is_always.assign(rule.initial_counts.size(), false);
    for (int k = rule.begin; k < rule.end; ++k) {
      const Assertion& a = c.assertions[static_cast<std::size_t>(k)];
      auto j = static_cast<std::size_t>(k - rule.begin);
      if (rule.group != nullptr && a.kind == kCustom) continue;
      if (rule.initial_counts[j] < 0 || !Holds(a.kind, 0)) {
        rule.always.push_back(k);
        rule.is_always[j] = true;
      }
    }
    for (std::size_t t = 1; t < rule.trie.size(); ++t) {
      rule.trie[t].name_id =
          static_cast<uint16_t>(StepId(c.trie_names, rule.trie[t].step));
    }
    rule.Freeze();
  }
  return c;
}

const Compiled& Table() {
  static const Compiled compiled = Compile();
  return compiled;
}

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
    const xml::ElementIndex::Attribute* a = v.index.FindAttribute(i, s.attr);
    if (a == nullptr || a->value != s.attr_value) return false;
  }
  int32_t at = e.parent;
  for (std::size_t k = s.steps.size() - 1; k-- > 0;) {
    if (at < 0 || !Matches(v.index[at], s.steps[k])) return false;
    at = v.index[at].parent;
  }
  return !s.anchored || at < 0;
}

// NameInfo of element `e`'s name (the NameMemo's slow path).
NameInfo InfoOf(const Compiled& c, const xml::ElementIndex::Entry& e) {
  NameInfo info;
  for (const Selector& s : c.selectors) {
    if (IsPlainAnchored(s)) continue;
    if (!s.by_name) {
      info.contextual |= Matches(e, s.steps.back());
      continue;
    }
    if (info.rule >= 0 && s.rule >= info.rule) continue;
    if (Matches(e, s.steps[0]) && EndsWith(e.local, s.suffix) &&
        (s.exclude.key == 0 || !Matches(e, s.exclude))) {
      info.rule = static_cast<int16_t>(s.rule);
    }
  }
  for (std::size_t k = 1; k < c.anchor_steps.size(); ++k) {
    if (Matches(e, c.anchor_steps[k]))
      info.anchor_step = static_cast<uint8_t>(k);
  }
  for (std::size_t k = 1; k < c.trie_names.size(); ++k) {
    if (Matches(e, c.trie_names[k])) info.trie_name = static_cast<uint16_t>(k);
  }
  return info;
}

// The first rule whose context matches element `i`, or -1: the lowest of
// the anchored context's rule, the rule of the name and those of the
// contextual selectors that match.
int RuleOf(const View& v, const Compiled& c, int32_t i, std::size_t anchor,
           const NameInfo& info) {
  // As unsigned, -1 (none) is above every rule: min() picks the first.
  auto best = static_cast<unsigned>(
      std::min(static_cast<uint16_t>(c.anchor_rule[anchor]),
               static_cast<uint16_t>(info.rule)));
  if (info.contextual) {
    for (int k : c.contextual) {
      const Selector& s = c.selectors[static_cast<std::size_t>(k)];
      if (static_cast<unsigned>(s.rule) < best && SelectorMatches(v, s, i)) {
        best = static_cast<unsigned>(s.rule);
      }
    }
  }
  return best == 0xFFFF ? -1 : static_cast<int>(best);
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
    int k = node.kids_by_name.Find(names[ch].trie_name);
    if (k < 0) continue;
    const TrieNode& kid = rule.trie[static_cast<std::size_t>(k)];
    for (int a : kid.ends) Bump(rule, a, counts);
    // Most matched nodes end their paths: no call for them.
    if (!kid.kids.empty() ||
        (!kid.attributes.empty() && v.index[ch].has_attributes)) {
      Walk(v, names, rule, k, ch, counts);
    }
  }
}

// Evaluates `rule` on context element `i`; `counts` is scratch space.
// `counts` and `failed` are scratch space.
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
    if (rule.is_always[j]) continue;
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

}  // namespace

std::vector<std::string_view> TableAssertIds() {
  std::vector<std::string_view> ids;
  for (const Assertion& a : Table().assertions) ids.push_back(a.id);
  return ids;
}

std::vector<std::string_view> UnimplementedCustomChecks() {
  std::vector<std::string_view> missing;
  for (const Assertion& a : Table().assertions) {
    if (a.kind == kCustom && a.custom == nullptr) missing.push_back(a.id);
  }
  return missing;
}

}  // namespace cii

void CheckCiiSyntaxRules(const RunContext& ctx) {
  const DocIndex& doc = ctx.Index();
  if (doc.size() == 0) return;  // no document element
  const cii::Compiled& c = cii::Table();
  const xml::ElementIndex& index = doc.elements();
  // Kept per thread from one document to the next: a run allocates
  // nothing once they have grown.
  struct Scratch {
    cii::Counts counts;
    std::vector<int> failed;
    std::vector<uint16_t> anchor;  // anchor code by element
    cii::View::UnderLists under;
    cii::NameMemo names;
    std::vector<cii::NameInfo> infos;  // by element
  };
  thread_local Scratch scratch;
  cii::View v{index, scratch.under};
  cii::Counts& counts = scratch.counts;
  std::vector<int>& failed = scratch.failed;
  auto size = static_cast<int32_t>(index.size());
  // AnchorNode of each element (parents come first in the index).
  std::vector<uint16_t>& anchor = scratch.anchor;
  anchor.resize(static_cast<std::size_t>(size));
  auto compute = [&c](const xml::ElementIndex::Entry& e) {
    return cii::InfoOf(c, e);
  };
  // Every element's NameInfo first: the walks look at descendants.
  std::vector<cii::NameInfo>& names = scratch.infos;
  names.resize(static_cast<std::size_t>(size));
  for (int32_t i = 0; i < size; ++i) {
    names[static_cast<std::size_t>(i)] = scratch.names.Find(index[i], compute);
  }
  for (int32_t i = 0; i < size; ++i) {
    const xml::ElementIndex::Entry& e = index[i];
    const cii::NameInfo& info = names[static_cast<std::size_t>(i)];
    // Anchor code 1 is the trie's top, the document element's parent.
    std::size_t from =
        e.parent < 0 ? 1 : anchor[static_cast<std::size_t>(e.parent)];
    std::size_t code = c.anchor_next[from * c.anchor_width + info.anchor_step];
    anchor[static_cast<std::size_t>(i)] = static_cast<uint16_t>(code);
    int rule = cii::RuleOf(v, c, i, code, info);
    if (rule < 0) continue;
    cii::RunRule(ctx, v, names.data(), c,
                 c.rules[static_cast<std::size_t>(rule)], i, counts, failed);
  }
  // What a huge document grew is not kept by the thread for good (the
  // under lists are no longer than the anchors).
  if (anchor.capacity() > (std::size_t{1} << 20)) scratch = Scratch();
}

}  // namespace chorus::rules

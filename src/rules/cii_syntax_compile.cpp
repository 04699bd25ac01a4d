// Compiles the CII syntax pattern (cii_syntax_table.inc) into the tables
// cii_syntax.cpp walks with.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "rules/cii_syntax_compiled.h"

namespace chorus::rules::cii {
namespace {

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

// Names other families dispatch on, given name ids (NameId) besides those
// of the rules' tries, so that the NameInfo of every element the pattern
// works out answers for them too: the CII VAT gather's, and the names the
// CII code-list rules (code_lists_rules.cpp) end on or take as parent that
// no rule's trie has.
constexpr std::string_view kSharedNames[] = {
    "rsm:SupplyChainTradeTransaction",
    "ram:ApplicableTradeTax",
    "ram:ApplicableHeaderTradeSettlement",
    "ram:CategoryTradeTax",
    "ram:CategoryCode",
    "ram:SpecifiedTradeAllowanceCharge",
    "ram:SellerTradeParty",
    "ram:SellerTaxRepresentativeTradeParty",
    "ram:BuyerTradeParty",
    "ram:InvoiceCurrencyCode",
    "ram:TaxCurrencyCode",
    "ram:ClassCode",
    "ram:CountryID",
    "ram:BilledQuantity",
    "rsm:ExchangedDocument",
    "ram:SpecifiedTradeProduct",
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
  auto row = [&c](std::size_t a) {  // of AnchorNode `a`
    return static_cast<uint32_t>((a + 1) * c.anchor_width);
  };
  c.anchor_next.assign((c.anchors.size() + 1) * c.anchor_width, {});
  c.anchor_top = row(0);
  for (std::size_t a = 0; a < c.anchors.size(); ++a) {
    for (int kid : c.anchors[a].kids) {
      auto k = static_cast<std::size_t>(kid);
      c.anchor_next[row(a) + static_cast<std::size_t>(step_of[k])] = {
          row(k), static_cast<int16_t>(c.anchors[k].rule)};
    }
  }
}

// Sets rule.group when a CustomGroupDef covers the rule's hand-written
// assertions; its triggers' trie nodes in `triggers`.
void AddGroup(const Compiled& c, RuleIndex& rule, std::vector<int>& triggers) {
  std::vector<std::string_view> ids;
  for (int k = rule.begin; k < rule.end; ++k) {
    const Assertion& a = c.assertions[static_cast<std::size_t>(k)];
    if (a.kind == kCustom) ids.push_back(a.id);
  }
  const CustomGroupDef* def = ids.empty() ? nullptr : FindCustomGroup(ids);
  // The triggers' nodes, kids of the root.
  auto add_triggers = [&](std::span<const std::string_view> children) {
    for (std::string_view local : children) {
      Step step;
      step.ns = kRam;
      step.local = local;
      step.key = xml::NameKey(local);
      triggers.push_back(rule.RootKid(step));
    }
  };
  if (def == nullptr && ids.size() == 1) {  // a group of one, for Clean
    rule.group = FindCustomCheckAsGroup(ids[0]);
    add_triggers(CustomCheckTriggers(ids[0]));
    for (int k = rule.begin; k < rule.end; ++k) {
      if (c.assertions[static_cast<std::size_t>(k)].id == ids[0]) {
        rule.group_asserts.push_back(k);
      }
    }
    return;
  }
  if (def == nullptr) return;
  rule.group = def->check;
  add_triggers(def->triggers);
  for (std::string_view id : def->ids) {
    for (int k = rule.begin; k < rule.end; ++k) {
      if (c.assertions[static_cast<std::size_t>(k)].id == id) {
        rule.group_asserts.push_back(k);
      }
    }
  }
}

// What the quick check needs of each assertion: the bits of the nodes of
// trie-counted paths (attribute paths are all absence tests, checked by
// name), the hand-written checks outside the group. A rule with more nodes
// to tell apart than the bits hold, or deeper, has no quick check.
void AddQuickBits(const Compiled& c, RuleIndex& rule,
                  const std::vector<int>& triggers) {
  std::vector<int> node_of(static_cast<std::size_t>(rule.end - rule.begin), -1);
  for (std::size_t t = 0; t < rule.trie.size(); ++t) {
    for (int k : rule.trie[t].ends) {
      node_of[static_cast<std::size_t>(k - rule.begin)] = static_cast<int>(t);
    }
    for (const auto& [name, k] : rule.trie[t].attributes) {
      rule.quick &= c.assertions[static_cast<std::size_t>(k)].kind == kAbsent;
    }
  }
  // By node: the count above which an assertion fails (255: none), and
  // whether one needs it present.
  std::vector<uint8_t> limit(rule.trie.size(), 255);
  std::vector<bool> needed(rule.trie.size(), false);
  for (int k = rule.begin; k < rule.end; ++k) {
    const Assertion& a = c.assertions[static_cast<std::size_t>(k)];
    if (a.kind == kCustom) {
      // (Outside a group: only the full evaluation, RunRule, tests it.)
      if (rule.group == nullptr) rule.quick = false;
      rule.quick &= a.custom != nullptr;
      continue;
    }
    auto j = static_cast<std::size_t>(k - rule.begin);
    if (rule.initial_counts[j] < 0) {  // not in the trie (a wildcard)
      rule.quick = false;
      continue;
    }
    if (a.path.back().attribute) continue;  // an absence test, by name
    auto t = static_cast<std::size_t>(node_of[j]);
    uint8_t most = a.kind == kAbsent ? 0 : a.kind == kPresent ? 255 : 1;
    limit[t] = std::min(limit[t], most);
    if (a.kind == kExactlyOne || a.kind == kPresent) needed[t] = true;
  }
  rule.bits.assign(rule.trie.size() + 1, 0);    // the sink's: none
  int next = 1;                                 // after kForbidden
  std::vector<int> depth(rule.trie.size(), 0);  // kids come after parents
  for (std::size_t t = 0; t < rule.trie.size(); ++t) {
    for (int kid : rule.trie[t].kids) {
      depth[static_cast<std::size_t>(kid)] = depth[t] + 1;
    }
    rule.quick &= rule.trie[t].kids.empty() || depth[t] <= kQuickDepth;
    uint64_t& bits = rule.bits[t];
    if (limit[t] == 0) bits |= kForbidden;
    if (limit[t] == 1 || needed[t]) {
      if (next > kLastNodeBit) {
        rule.quick = false;
        continue;
      }
      uint64_t own = uint64_t{1} << next++;
      bits |= own;
      if (limit[t] == 1) rule.twice |= own;
      if (needed[t]) rule.needed |= own;
    }
    if (std::find(triggers.begin(), triggers.end(), static_cast<int>(t)) !=
        triggers.end()) {
      if (next > kLastNodeBit) {
        rule.quick = false;
        continue;
      }
      uint64_t own = uint64_t{1} << next++;
      bits |= own;
      if (rule.group_triggers == ~uint64_t{0}) rule.group_triggers = 0;
      rule.group_triggers |= own;
    }
    if (!rule.trie[t].kids.empty()) bits |= kHasKids | kGoesOn;
    if (!rule.trie[t].attributes.empty()) bits |= kHasAttributes | kGoesOn;
  }
  rule.root_attributes = !rule.trie[0].attributes.empty();
  rule.cells.resize(rule.rows.size());
  for (std::size_t j = 0; j < rule.rows.size(); ++j) {
    auto k = static_cast<std::size_t>(rule.rows[j]);
    uint64_t& cell = rule.cells[j] = rule.bits[k];
    if (k == rule.trie.size()) continue;  // the sink
    uint64_t row = rule.trie[k].row;
    rule.quick &= k <= kKidMask && row <= kRowMask;
    cell |= (k & kKidMask) << kKidShift | (row & kRowMask) << kRowShift;
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
  std::vector<std::vector<int>> triggers(c.rules.size());  // by rule
  for (RuleIndex& rule : c.rules) {
    rule.initial_counts.assign(static_cast<std::size_t>(rule.end - rule.begin),
                               -1);
    for (int k = rule.begin; k < rule.end; ++k) {
      const Assertion& a = c.assertions[static_cast<std::size_t>(k)];
      if (IsBulk(a.kind) && !a.path.empty() && rule.Insert(a.path, k)) {
        rule.initial_counts[static_cast<std::size_t>(k - rule.begin)] = 0;
      }
    }
    AddGroup(c, rule,
             triggers[static_cast<std::size_t>(&rule - c.rules.data())]);
    if (rule.group == nullptr) rule.group_triggers = 0;
    rule.is_always.assign(rule.initial_counts.size(), 0);
    for (int k = rule.begin; k < rule.end; ++k) {
      const Assertion& a = c.assertions[static_cast<std::size_t>(k)];
      auto j = static_cast<std::size_t>(k - rule.begin);
      if (rule.group != nullptr && a.kind == kCustom) continue;
      if (rule.initial_counts[j] < 0 || !Holds(a.kind, 0)) {
        rule.always.push_back(k);
        rule.is_always[j] = 1;
      }
    }
    for (std::size_t t = 1; t < rule.trie.size(); ++t) {
      rule.trie[t].name_id =
          static_cast<uint16_t>(StepId(c.trie_names, rule.trie[t].step));
    }
  }
  for (std::string_view name : kSharedNames) {
    StepId(c.trie_names, CompilePath(name).front());
  }
  for (RuleIndex& rule : c.rules) {
    rule.Freeze(c.trie_names.size());
    AddQuickBits(c, rule,
                 triggers[static_cast<std::size_t>(&rule - c.rules.data())]);
  }
  // Not picked: no rule, or a rule of attribute tests only on an element
  // without attributes (most ram:*ID, *Amount, TypeCode).
  c.picks.assign((c.rules.size() + 1) * 2, 0);
  for (std::size_t r = 0; r < c.rules.size(); ++r) {
    const RuleIndex& rule = c.rules[r];
    bool attributes_only = rule.quick && rule.trie[0].kids.empty() &&
                           rule.group == nullptr && rule.needed == 0;
    c.picks[(r + 1) * 2] = attributes_only ? 0 : 1;
    c.picks[(r + 1) * 2 + 1] = 1;
  }
  return c;
}

}  // namespace

const Compiled& Table() {
  static const Compiled compiled = Compile();
  return compiled;
}

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
  UnderRoles roles = UnderRolesOf(e);
  info.under_child = roles.child;
  info.under_parent = roles.parent;
  return info;
}

uint16_t NameId(int ns, std::string_view local) {
  const std::vector<Step>& names = Table().trie_names;
  for (std::size_t k = 1; k < names.size(); ++k) {
    if (names[k].ns == ns && names[k].local == local) {
      return static_cast<uint16_t>(k);
    }
  }
  return 0;
}

std::size_t NameIdCount() { return Table().trie_names.size(); }

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

}  // namespace chorus::rules::cii

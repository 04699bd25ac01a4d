// The CII syntax pattern compiled once: its context selectors, the anchor
// trie of the anchored contexts, and per rule a trie of its assertion paths
// with what the quick check needs. Internal to src/rules/.
#ifndef CHORUS_SRC_RULES_CII_SYNTAX_COMPILED_H_
#define CHORUS_SRC_RULES_CII_SYNTAX_COMPILED_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "cii_syntax_internal.h"
#include "cii_syntax_names.h"

namespace chorus::rules::cii {

enum Kind { kAbsent, kAtMostOne, kExactlyOne, kPresent, kCustom };

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

// The quick check tracks a context's trie nodes as bits of two words, the
// nodes seen at least once and at least twice (the counts the assertions
// test never need more). A node with an assertion that a count of one or
// two fails gets a bit of its own; every node whose presence fails (an
// absence test) shares kForbidden, which the walk starts with as seen once,
// so that any of them sets it in the twice word. The top bits say how the
// walk goes below a node.
// A cell of a kid table (RuleIndex::cells) also holds the kid's trie node
// and the start of its own kid table above the node bits, so that a walk
// gets all it needs of a child in one load.
constexpr uint64_t kForbidden = 1;
constexpr int kLastNodeBit = 39;
constexpr int kKidShift = 40;  // 8 bits: the trie node
constexpr uint64_t kKidMask = 0xFF;
constexpr int kRowShift = 48;  // 13 bits: its TrieNode::row
constexpr uint64_t kRowMask = 0x1FFF;
constexpr uint64_t kHasKids = uint64_t{1} << 61;
constexpr uint64_t kHasAttributes = uint64_t{1} << 62;
// Either of the two above, in the sign bit: the walk's one test for the
// nodes it stops at (most end their paths), without a 64-bit constant.
constexpr uint64_t kGoesOn = uint64_t{1} << 63;
// The deepest trie node with kids the quick walk goes into (its own stack).
constexpr int kQuickDepth = 4;

// A rule's bulk assertions as a trie of their paths, so that the subtree
// under a context element is visited once for all of them (counts only
// matter up to 2).
struct TrieNode {
  Step step;              // how an element matches this node (not the root)
  std::vector<int> kids;  // trie node indexes
  uint16_t name_id = 0;   // NameInfo::trie_name of `step`
  // Its kids by name id: RuleIndex::rows[row + id] (the sink for names it
  // lacks), for the root and nodes with kids.
  std::size_t row = 0;
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
  std::vector<uint8_t> is_always;  // by k - begin (0 or 1)
  // The rule's hand-written assertions when one group evaluates them all
  // (then none of them is in `always`): group_asserts[bit] is the
  // assertion of the group's result bit.
  CustomGroup group = nullptr;
  std::vector<int> group_asserts;

  // The quick check (Clean), by trie node, plus a sink node (index `sink`)
  // that the kid tables answer for every other name (no bits): the bits the
  // node sets when an element matches it, with kHasKids, kHasAttributes
  // and kGoesOn.
  int sink = 0;
  std::vector<int16_t> rows;  // TrieNode::row
  std::vector<uint64_t> bits;
  // rows with each kid's bits, node and row in one word (the quick walk's).
  std::vector<uint64_t> cells;
  // The context fails when the twice word meets `twice` (kForbidden
  // included) or the once word lacks some bit of `needed`.
  uint64_t twice = kForbidden;
  uint64_t needed = 0;
  bool root_attributes = false;  // the context's own attributes tested
  // The bits of the group's CustomGroupDef::triggers, kids of the root in
  // the trie (no assertion ends there): Clean calls the group only when the
  // once word meets them (all ones: always; 0 without a group). (The
  // struct stays 256 bytes.)
  uint64_t group_triggers = ~uint64_t{0};
  bool quick = true;  // false: some assertion escapes the quick check

  // The root's kid for `step`, added when new.
  int RootKid(const Step& step) {
    for (int k : trie[0].kids) {
      const Step& s = trie[static_cast<std::size_t>(k)].step;
      if (s.ns == step.ns && s.local == step.local) return k;
    }
    int kid = static_cast<int>(trie.size());
    trie[0].kids.push_back(kid);
    trie.emplace_back();
    trie.back().step = step;
    return kid;
  }

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
  // Call once every node has its name_id, and `names` name ids exist.
  // A row holds a kid for every name id, so that a lookup is one load,
  // with no test of whether the name has a kid (the document decides).
  void Freeze(std::size_t names) {
    sink = static_cast<int>(trie.size());
    for (std::size_t t = 0; t < trie.size(); ++t) {
      TrieNode& node = trie[t];
      if (t != 0 && node.kids.empty()) continue;
      node.row = rows.size();
      rows.resize(rows.size() + names, static_cast<int16_t>(sink));
      for (int k : node.kids) {
        rows[node.row + trie[static_cast<std::size_t>(k)].name_id] =
            static_cast<int16_t>(k);
      }
    }
  }
  // The kid of node `t` for name id `id`, or `sink`.
  int Kid(const TrieNode& node, uint16_t id) const {
    return rows[node.row + id];
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
  // The distinct steps of the anchored contexts, by step id (from 1). An
  // element's anchor row is its AnchorNode's index + 1 (0: none) times
  // anchor_width; a child of row `a` whose name has step id `k` gets the
  // row of anchor_next[a + k], and that node's first rule with it.
  std::vector<Step> anchor_steps = std::vector<Step>(1);
  std::size_t anchor_width = 1;
  struct AnchorStep {
    uint32_t row = 0;
    int16_t rule = -1;
  };
  std::vector<AnchorStep> anchor_next;
  uint32_t anchor_top = 0;  // the row of the document element's parent
  // Selectors that test more than the name (ancestors, an attribute).
  std::vector<int> contextual;
  // The distinct steps of the rules' tries, by NameInfo::trie_name (from 1).
  std::vector<Step> trie_names = std::vector<Step>(1);
  std::vector<Assertion> assertions;
  std::vector<RuleIndex> rules;
  // By (rule + 1) * 2 + whether the element has attributes (rule + 1 = 0:
  // no rule): 1 when there is something to check.
  std::vector<uint8_t> picks;
};

inline bool Holds(Kind kind, int count) {
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

// The pattern, compiled on first use.
const Compiled& Table();
// NameInfo of element `e`'s name (the NameMemo's slow path).
NameInfo InfoOf(const Compiled& c, const xml::ElementIndex::Entry& e);

}  // namespace chorus::rules::cii

#endif  // CHORUS_SRC_RULES_CII_SYNTAX_COMPILED_H_

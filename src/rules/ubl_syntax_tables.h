// The UBL-syntax table compiled once for the walk of ubl_syntax.cpp:
// element and attribute names interned, the count asserts' paths of every
// rule as one trie (with a dense transition table), the "//"-led paths
// filed under their last name. Internal to src/rules/.
#ifndef CHORUS_SRC_RULES_UBL_SYNTAX_TABLES_H_
#define CHORUS_SRC_RULES_UBL_SYNTAX_TABLES_H_

#include <climits>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <utility>
#include <vector>

#include "inline_compare.h"  // relative: tests include this header
#include "ubl_syntax_internal.h"

namespace chorus::rules::ubl {

// The rule a name's ending selects (before the Amount rule's ancestor
// condition), -1 for none. The local name ends as the qualified name does.
inline int SuffixRule(std::string_view local) {
  // Both endings end in 't': other names are ruled out on their last byte.
  if (local.empty() || local.back() != 't') return -1;
  if (ubl::IsAmountName(local)) return ubl::kAmountRule;
  if (ubl::IsBinaryObjectName(local)) return ubl::kBinaryRule;
  return -1;
}

// Names of elements the rules mention, with what each one triggers.
struct NameEntry {
  int ns;
  std::string_view local;
  uint64_t key;
  int rule = -1;         // rule whose context is this name (before predicates)
  int suffix_rule = -1;  // kAmountRule or kBinaryRule by the name's ending
  int collect = -1;      // Collect bucket for the hand-written root asserts
  std::vector<int> floating;  // "//"-led paths ending on this name
  // Attributes some of those paths end on; when every one of them does
  // (floating_need_attribute), an element with none of these attributes
  // skips them all.
  uint64_t floating_attributes = 0;
  bool floating_need_attribute = true;
  // The root asserts gather something from such an element (a collect
  // bucket, the parties' identifiers and tax schemes).
  bool gathers = false;
};

enum Collect { kAdditionalDoc, kPaymentId, kMeansCode };

// A count assert's counter (its offset in its rule's block) with the
// assert's max: the walk notes a counter the moment it passes its max, so
// that the end of the walk looks at those only.
constexpr int32_t kNoMax = INT32_MAX;  // a count with no upper limit
struct CounterRef {
  int32_t offset = -1;
  int32_t max = 0;
};
struct AttributeCounter {
  int attribute;
  CounterRef counter;
};

// A "//"-led element path: the names from the first step to the last.
struct Floating {
  std::vector<int> names;
  int attribute = -1;
  CounterRef counter;
  // The name before the last (-1 for a one-step path): most elements
  // a path ends on fail it on their parent's name.
  int parent = -1;
};

struct TrieNode {
  std::vector<CounterRef> counters;          // the path ends here
  std::vector<AttributeCounter> attributes;  // it ends on an attribute
};

// What an element's name involves beyond following the count paths
// (Tables::flags_): the walk does nothing more for a name without flags.
enum NameFlag : uint8_t {
  kSlowName = 1,      // a rule context or a collected node
  kFloatingName = 2,  // some "//" path ends on it
  kAmountName = 4,    // the Amount rule's name test holds
  kBinaryName = 8,    // the BinaryObject rule's name test holds
  // A "//" path ends on one of its attributes, or UBL-DT-18 allows its
  // name attribute: Walker::RestInGeneral then needs the element's
  // attribute bits. (Walker::Ended reads them for the paths of the tries
  // that end on an attribute, the "//@a" counts take every attribute of
  // the document in one pass.)
  kAttributeName = 16,
  // With kSlowName alone: its rule's context opens on every element of the
  // name (no predicate, nothing gathered, no other flag).
  kPlainContext = 32,
};

// Open addressing map from a 64-bit key to a non-negative int.
class IntMap {
 public:
  void Reserve(std::size_t n) {
    std::size_t size = 16;
    while (size < 2 * n) size <<= 1;
    slots_.assign(size, Slot{0, -1});
    mask_ = size - 1;
  }
  int Find(uint64_t key) const {
    for (std::size_t i = Hash(key) & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.value < 0) return -1;
      if (s.key == key) return s.value;
    }
  }
  void Put(uint64_t key, int value) {
    for (std::size_t i = Hash(key) & mask_;; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (s.value < 0 || s.key == key) {
        s = Slot{key, value};
        return;
      }
    }
  }

 private:
  struct Slot {
    uint64_t key;
    int value;
  };
  static std::size_t Hash(uint64_t k) {
    k ^= k >> 29;
    k *= 0xBF58476D1CE4E5B9ull;
    return static_cast<std::size_t>(k ^ (k >> 32));
  }
  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
};

class Tables {
 public:
  Tables() { Build(); }

  // Interned id of an element name, -1 when no rule mentions it. Keys
  // collide only for names sharing their first seven bytes and length:
  // those take further slots.
  // Ids from mentioned_ on are names only the code-list rules use: no
  // path continues with them and they have no flags.
  int Find(int ns, std::string_view local, uint64_t key) const {
    for (std::size_t i = NameHash(key);; i = (i + 1) & (kNameSlots - 1)) {
      const NameSlot& s = name_slots_[i];
      if (s.id < 0) return -1;
      if (s.key == key && s.ns == ns &&
          (local.size() < 8 ||
           (s.tail == Tail8(local) &&
            (local.size() < 16 || MiddleEqual(names_[s.id].local, local))))) {
        return s.id;
      }
    }
  }
  // Interned id of an attribute name, -1 when no path names it: one slot
  // of a direct-mapped table whose multiplier spreads the table's
  // attribute keys over distinct slots (chosen once the table is built).
  int Attribute(std::string_view name) const {
    const int candidate = AttributeByKey(name);
    return candidate < 0 ? -1 : ConfirmAttribute(candidate, name);
  }
  // Attribute in two steps: the id of the first name sharing `name`'s key
  // (-1 for none: most attributes stop there), then the id among those
  // that is `name` (-1 for none).
  int AttributeByKey(std::string_view name) const {
    const uint64_t key = RuntimeNameKey(name);
    const AttributeSlot& slot =
        attribute_slots_[(key * attribute_multiplier_) >> (64 - 6)];
    return slot.key == key ? slot.id : -1;
  }
  int ConfirmAttribute(int id, std::string_view name) const {
    for (; id >= 0; id = same_attribute_key_[id]) {
      if (name.size() < 8 || attributes_[id] == name) return id;
    }
    return -1;
  }
  // The walk follows the paths of every open context at once: a combined
  // state holds one trie state per slot (kSlots of them, each the context
  // whose counters that slot's base names; -1 when the slot follows none),
  // so that an element costs one lookup whatever the number of contexts
  // it lies in. A combined state is known by its row in next_ (its id
  // times names_.size()); row 0 follows nothing.
  static constexpr int kSlots = 4;
  static constexpr int kRowBits = 20;
  static constexpr uint32_t kRowMask = (uint32_t{1} << kRowBits) - 1;
  static constexpr uint32_t kAttributesOnlyList = uint32_t{1}
                                                  << (31 - kRowBits);
  // After the combined state at `row` on an element named `name`: the next
  // state's row in the low kRowBits, above them the counts the element
  // bumps (end_lists_, 0 for none) as paths end on it, with
  // kAttributesOnlyList (the top bit) when they all end on attributes:
  // nothing to do for an element without attributes.
  uint32_t Next(uint32_t row, int name) const {
    return next_[static_cast<std::size_t>(row) +
                 static_cast<std::size_t>(name)];
  }
  // A counter of slot `slot`'s block that a path ending on the element
  // (attribute -1) or on its attribute `attribute` bumps.
  struct EndCount {
    int32_t slot;
    int32_t attribute;
    CounterRef counter;
  };
  // [begin, end) in end_counts_, those on an attribute from `attributes`.
  struct EndList {
    int32_t begin;
    int32_t attributes;
    int32_t end;
  };
  std::vector<EndList> end_lists_;  // [0] is empty
  std::vector<EndCount> end_counts_;
  // The combined state at `row` once a context of `rule` (a rule with a
  // trie) opens on the element: its rule's root in slot `slot` (-1 when
  // the root has no path to follow). `full`: every slot is taken, the walk
  // must count this context by searching its subtree.
  struct Open {
    uint32_t row;
    int32_t slot;
    bool full;
  };
  const Open& OpenFrom(uint32_t row, int rule) const {
    return opens_[StateOf(row) * std::size_t{kRuleCount} +
                  static_cast<std::size_t>(rule)];
  }
  // The combined state at `row`, row / names_.size(), by a multiply: exact
  // for a multiple of the divisor below 2^kRowBits (the error, under
  // row / 2^40, stays below 1).
  std::size_t StateOf(uint32_t row) const {
    return static_cast<std::size_t>((row * row_reciprocal_) >> 40);
  }
  uint64_t row_reciprocal_ = 0;  // ceil(2^40 / names_.size())

  std::vector<NameEntry> names_;
  std::vector<std::string_view> attributes_;
  std::vector<int> same_attribute_key_;
  // Per attribute: its "//@a" counter (offset -1 when none).
  std::vector<CounterRef> anywhere_counter_;
  std::vector<TrieNode> trie_;  // while building
  std::vector<uint8_t> flags_;  // per name: NameFlag bits
  // Per name n, [2n] for an element without attributes, [2n + 1] with:
  // flags_ but kAttributeName (Walker::Ended takes care of attributes paths
  // end on), without kFloatingName when every "//" path that ends on the
  // name ends on an attribute and the element has none. The walk calls
  // Rest() for the element when this is not 0.
  std::vector<uint8_t> rest_flags_;
  std::vector<Floating> floating_;
  // Per rule, its asserts in artefact order with, for kCount ones, the
  // offset of their counter in the rule's block (-1 for kHand).
  struct RuleRow {
    const AssertRow* row;
    int offset;
    ubl::Hand hand;  // kHand rows
  };
  std::vector<std::vector<RuleRow>> rule_rows_;
  // The root rule's hand-written asserts: indexes into its rule_rows_.
  std::vector<int> root_hand_rows_;
  // Per rule, the same (a context runs them without a pass over its
  // count asserts).
  std::vector<std::vector<int>> hand_rows_;
  // Per rule: counter offset -> index of its assert in rule_rows_.
  std::vector<std::vector<int>> row_of_offset_;
  // Per rule, the counters that must reach a minimum (hand-written asserts
  // the walk counts, kHandCounts in ubl_syntax_tables.cpp): checked once
  // the walk has filled them.
  struct MinCounter {
    int offset;
    int min;
    int row;  // index in rule_rows_
  };
  std::vector<std::vector<MinCounter>> min_counters_;
  std::vector<int> block_size_;  // per rule: its kCount asserts
  std::vector<int> rule_root_;   // per rule: its trie root, -1 when none
  // The Amount rule's UBL-DT-01 row when that is all the rule asserts
  // (the walk then checks it inline on every amount), else -1.
  int amount_dt01_row_ = -1;
  // Some path ends on an attribute named like a namespace declaration
  // (none does): the walk must then tell those apart.
  bool namespace_declaration_named_ = false;
  int name_attribute_ = -1;
  int payment_means_code_ = -1;
  int supplier_party_ = -1;
  int customer_party_ = -1;
  int party_ = -1;
  int price_ = -1;
  int allowance_charge_ = -1;
  int party_identification_ = -1;
  // Names [0, mentioned_) are those the UBL syntax rules mention; the
  // rest only the code-list rules use.
  int mentioned_ = 0;

 private:
  int Intern(int ns, std::string_view local);
  int InternAttribute(std::string_view name);
  int Child(int state, int name);
  void AddTriePath(std::string_view text, int state, CounterRef counter);
  void AddFloating(const Path& p, std::size_t i, std::vector<int> names,
                   CounterRef counter);
  int RuleRoot(int rule);
  void CountHandRows();
  void Build();

  struct NameSlot {
    uint64_t key;
    uint64_t tail;  // Tail8 of the name
    int32_t ns;
    int32_t id;  // -1: empty
  };
  // The last eight bytes of a name of eight or more (0 for shorter ones):
  // with the key, they are the whole name up to 15 bytes.
  static uint64_t Tail8(std::string_view name) {
    uint64_t tail = 0;
    if (name.size() >= 8) std::memcpy(&tail, name.data() + name.size() - 8, 8);
    return tail;
  }
  // For names of 16 bytes or more whose keys (size, bytes 0-6) and last
  // eight bytes agree: the rest. Up to 23 bytes one word at byte 7 covers
  // it (the last eight start at 15 at most).
  static bool MiddleEqual(std::string_view a, std::string_view b) {
    if (b.size() > 23) return SameTail(a, b);
    uint64_t x;
    uint64_t y;
    std::memcpy(&x, a.data() + 7, 8);
    std::memcpy(&y, b.data() + 7, 8);
    return a.size() == b.size() && x == y;
  }
  std::size_t NameHash(uint64_t key) const {
    return static_cast<std::size_t>((key * name_multiplier_) >>
                                    (64 - kNameBits));
  }
  void PutNameSlot(int id);
  void FillNameSlots();
  void SpreadNameSlots();

  // Open addressing on the NameKey; a slot holds what tells hits apart.
  // A fixed size (Build says why this one), so that the walk's lookup
  // shifts by a constant.
  static constexpr int kNameBits = 12;
  static constexpr std::size_t kNameSlots = std::size_t{1} << kNameBits;
  std::vector<NameSlot> name_slots_;
  uint64_t name_multiplier_ = 0x9E3779B97F4A7C15ull;
  IntMap attributes_by_key_;  // while building
  struct AttributeSlot {
    uint64_t key = 0;  // no name has key 0: its low byte is the size
    int id = -1;
  };
  AttributeSlot attribute_slots_[64];
  uint64_t attribute_multiplier_ = 0;
  void BuildAttributeSlots();
  int AttributeWhileBuilding(std::string_view name) const;
  IntMap transitions_;  // while building
  struct Edge {
    int state;
    int name;
    int next;
  };
  std::vector<Edge> edges_;
  void BuildCombined();
  std::vector<uint32_t> next_;  // rows of names_.size(): see Next
  std::vector<Open> opens_;     // per combined state, kRuleCount of them
};

// The tables, built on first use.
const Tables& GetTables();

}  // namespace chorus::rules::ubl

#endif  // CHORUS_SRC_RULES_UBL_SYNTAX_TABLES_H_

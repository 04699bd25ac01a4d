// The document as every rule family sees it: one flattened element index
// (xml::DocTree, built once by the loader: XmlDocument::tree()), with element
// names resolved against one namespace list shared by all families, and the
// XPath value helpers (string value, normalize-space) they need. The rules read
// this table only, never the DOM: it answers names, text, attributes, string
// values and locations at memory speed. Internal to src/rules/.
#ifndef CHORUS_SRC_RULES_DOC_INDEX_H_
#define CHORUS_SRC_RULES_DOC_INDEX_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// Relative: tests, which only see include/, include this header.
#include "../format/doc_tree.h"
#include "../format/xml_ns.h"
#include "chorus/format/syntax.h"
#include "inline_compare.h"  // relative, like the two above

namespace chorus::rules {

// Namespace ids of DocIndex entries: indexes into DocNamespaces(), the list
// the UBL reader uses too (its index is reused). The UBL syntax family's own
// ids (ubl::NsId) are the first five.
using enum xml::DocNs;
using xml::DocNamespaces;

// A set of element names (namespace id + NameKey) as 512 bits: a pass over
// every entry rules out the names it does not act on in a few instructions,
// before any name comparison. Members may share a bit: a hit still needs
// the exact test.
class NameFilter {
 public:
  constexpr NameFilter() = default;
  constexpr void Add(int ns, uint64_t key) {
    const uint32_t bit = Bit(ns, key);
    bits_[bit / 64] |= uint64_t{1} << (bit % 64);
  }
  constexpr void Add(int ns, std::string_view local) {
    Add(ns, xml::NameKey(local));
  }
  bool MayHold(const xml::ElementIndex::Entry& e) const {
    const uint32_t bit = Bit(e.ns, e.key);
    return (bits_[bit / 64] >> (bit % 64)) & 1;
  }

 private:
  // From the namespace and the low half of the key (length and first three
  // bytes).
  static constexpr uint32_t Bit(int ns, uint64_t key) {
    return ((static_cast<uint32_t>(key) ^ static_cast<uint32_t>(ns)) *
            0x9E3779B1u) >>
           23;
  }
  uint64_t bits_[8] = {};
};

// Element names (by xml::NameKey) to small action numbers in one probe of
// a perfect-hash table: a walk that acts on a dozen names asks one
// question per element, a load and a compare, where a chain of name tests
// (or a bit filter, then a switch) takes several branches whose outcomes
// depend on the document and which the predictors relearn for each one.
// A key holds a name's length and first seven bytes only: the caller
// confirms a hit with the exact test. Action 0 is "none"; names sharing a
// key must share an action (else the table does not compile).
template <int kBits>
class KeySwitch {
 public:
  struct Case {
    std::string_view name;
    uint8_t action;
  };
  constexpr KeySwitch(std::initializer_list<Case> cases) {
    // Multipliers until one spreads the keys over distinct slots: for a
    // dozen names in 64 slots a few tries, all at compile time.
    for (uint64_t m = 0x9E3779B97F4A7C15ull;; m += 0x6A09E667F3BCC90Aull) {
      if (Fill(cases, m)) {
        mult_ = m;
        return;
      }
    }
  }
  // The action of the name whose key is `key`, 0 when none.
  uint8_t operator()(uint64_t key) const {
    const std::size_t i = Index(key, mult_);
    return keys_[i] == key ? actions_[i] : uint8_t{0};
  }
  // Whether some name has key `key` (a nonzero action), as a 0 or 1 to
  // add, not a branch (empty slots hold key 0, which no element name has).
  uint32_t Knows(uint64_t key) const {
    return static_cast<uint32_t>(keys_[Index(key, mult_)] == key);
  }

 private:
  static constexpr std::size_t Index(uint64_t key, uint64_t m) {
    return static_cast<std::size_t>((key * m) >> (64 - kBits));
  }
  constexpr bool Fill(std::initializer_list<Case> cases, uint64_t m) {
    for (std::size_t i = 0; i < kSlots; ++i) {
      keys_[i] = 0;
      actions_[i] = 0;
    }
    for (const Case& c : cases) {
      const uint64_t key = xml::NameKey(c.name);
      const std::size_t i = Index(key, m);
      if (actions_[i] != 0 && keys_[i] != key) return false;  // another m
      if (actions_[i] != 0 && actions_[i] != c.action) {
        throw "KeySwitch: two actions for one key";  // a compile error
      }
      keys_[i] = key;
      actions_[i] = c.action;
    }
    return true;
  }
  static constexpr std::size_t kSlots = std::size_t{1} << kBits;
  // Keys apart from actions: a probe indexes 8-byte words.
  uint64_t keys_[kSlots] = {};
  uint8_t actions_[kSlots] = {};
  uint64_t mult_ = 0;
};

class DocIndex {
 public:
  using Entry = xml::ElementIndex::Entry;

  // Over a document's tree (MakeDocIndex).
  explicit DocIndex(std::shared_ptr<const xml::DocTree> tree);
  DocIndex(const DocIndex&) = delete;
  DocIndex& operator=(const DocIndex&) = delete;

  const xml::ElementIndex& elements() const { return elements_; }
  int32_t size() const { return static_cast<int32_t>(elements_.size()); }
  const Entry& operator[](int32_t i) const { return elements_[i]; }

  // True when entry `i` is named (ns, local).
  bool Is(int32_t i, int ns, std::string_view local) const {
    if (i < 0) return false;
    const Entry& e = elements_[i];
    return e.ns == ns && ShortEqual(e.local, local);
  }
  // First element child of `i` named (ns, local), -1 when none.
  int32_t Child(int32_t i, int ns, std::string_view local) const;

  // XPath string value of entry `i`: all descendant character data in
  // document order, untrimmed. A view into the document, or into
  // `scratch` when the text had to be joined.
  // Inline for the usual leaf element, whose text the index holds.
  std::string_view StringValue(int32_t i, std::string& scratch) const {
    if (i >= 0 && elements_[i].first_child < 0) return elements_[i].raw;
    return NestedStringValue(i, scratch);
  }

 private:
  // StringValue of an element with element children (or of -1).
  std::string_view NestedStringValue(int32_t i, std::string& scratch) const;

  std::shared_ptr<const xml::DocTree> tree_;
  const xml::ElementIndex& elements_;  // tree_->elements
};

// Visits, in order, the elements [0, size) that `takes` (returning 0 or 1)
// picks. Whether a walk acts on an element depends on the document, so a
// loop testing each one mispredicts at nearly every hit, a few percent of
// them spread unevenly: the picks go into a chunk without a branch (every
// index is stored, the count advances by the pick), then the chunk's
// elements are visited. The count is as wide as a pointer: storing at
// picked[count], once per element and walk, needs no sign extension.
// `kPerTurn` elements are picked per loop turn: the code-list walks, whose
// `takes` is a load or two, save loop overhead with more, while the other
// walks lost by it (unrolling every walk cost more than it saved), hence
// the default of 1.
template <int32_t kPerTurn = 1, typename Takes, typename Visit>
void VisitPicked(int32_t size, Takes takes, Visit visit) {
  static_assert(kPerTurn >= 1);
  constexpr int32_t kChunk = 256;
  static_assert(kChunk % kPerTurn == 0);
  int32_t picked[kChunk];
  for (int32_t from = 0; from < size; from += kChunk) {
    const int32_t to = size - from < kChunk ? size : from + kChunk;
    std::ptrdiff_t count = 0;
    int32_t n = from;
    // count <= n - from < kChunk at every store: in bounds.
    if constexpr (kPerTurn > 1) {
      for (; to - n >= kPerTurn; n += kPerTurn) {
        for (int32_t j = 0; j < kPerTurn; ++j) {
          picked[count] = n + j;
          count += static_cast<std::ptrdiff_t>(takes(n + j));
        }
      }
    }
    for (; n < to; ++n) {
      picked[count] = n;
      count += static_cast<std::ptrdiff_t>(takes(n));
    }
    for (std::ptrdiff_t k = 0; k < count; ++k) visit(picked[k]);
  }
}

// The index of `doc`, over the tree the loader built (XmlDocument::tree()).
std::shared_ptr<const DocIndex> MakeDocIndex(const XmlDocument& doc);

// XPath normalize-space: XML whitespace runs become one space, none at
// either end. `out` must not alias `in`.
void NormalizeSpaceInto(std::string_view in, std::string& out);

}  // namespace chorus::rules

#endif  // CHORUS_SRC_RULES_DOC_INDEX_H_

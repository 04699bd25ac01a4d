// The XPath pieces the BR-CL rules use, evaluated exactly on the shared
// document index: string values, upper-case, string-length,
// and the context tests (names by namespace, ancestors, predicates). Internal
// to src/rules/code_lists*.cpp.
#ifndef CHORUS_SRC_RULES_CODE_LISTS_EVAL_H_
#define CHORUS_SRC_RULES_CODE_LISTS_EVAL_H_

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

// Relative, as doc_index.h's: tests include this header.
#include "../format/xml_ns.h"
#include "code_lists.h"
#include "doc_index.h"
#include "inline_compare.h"

namespace chorus::rules::code_lists_eval {

// upper-case() for what can reach an ASCII code list: ASCII letters, and
// the few other characters whose full upper-case mapping is ASCII (dotless
// i, long s, sharp s, the Latin ligatures). Other bytes are kept, so a
// non-ASCII value stays non-ASCII and matches no code.
void UpperCase(std::string_view in, std::string& out);
// string-length(): characters (UTF-8 code points), not bytes.
std::size_t CodePoints(std::string_view s);
// Casting an untyped value to xs:boolean: 1 = true, 0 = false, -1 = not a
// valid boolean (a dynamic error).
int CastToBoolean(std::string_view value);

// An attribute name of 8 to 16 bytes ("currencyID", "unitCode",
// "schemeID") compared as its size and two words, its first and last eight
// bytes: a code-list rule looks one up on every amount and quantity.
class WordName {
 public:
  static bool Fits(std::string_view name) {
    return name.size() >= 8 && name.size() <= 16;
  }
  // `name` Fits.
  explicit WordName(std::string_view name)
      : size_(name.size()),
        head_(Word(name.data())),
        tail_(Word(name.data() + name.size() - 8)) {}
  bool Is(std::string_view name) const {
    return name.size() == size_ &&
           ((Word(name.data()) ^ head_) |
            (Word(name.data() + size_ - 8) ^ tail_)) == 0;
  }

 private:
  static uint64_t Word(const char* p) { return PackBytes(p, 8); }
  std::size_t size_ = 0;
  uint64_t head_ = 0;
  uint64_t tail_ = 0;
};

// Evaluation state of one document walk over the shared index, with
// reusable buffers (so that checking an element allocates nothing).
// Elements are entries of the DocIndex.
class Walk {
 public:
  explicit Walk(const DocIndex& index)
      : index_(index),
        entries_(index.size() > 0 ? &index[0] : nullptr),
        attributes_(index.elements().attributes().data()),
        scratch_(ThreadScratch()),
        value_(scratch_.value),
        predicate_value_(scratch_.predicate_value),
        upper_(scratch_.upper),
        last_code_(scratch_.last_code) {}

  const DocIndex& index() const { return index_; }
  // True when entry `i` is an element in namespace `ns` named `local`.
  bool IsElement(int32_t i, int ns, std::string_view local) const {
    return index_.Is(i, ns, local);
  }
  const DocIndex::Entry& Entry(int32_t i) const { return entries_[i]; }
  int32_t Parent(int32_t i) const { return i < 0 ? -1 : entries_[i].parent; }
  // The attribute `name` (no namespace) of element `i`, null when absent.
  // Names compared inline: a memcmp call costs more than these short ones.
  const xml::ElementIndex::Attribute* Attribute(int32_t i,
                                                std::string_view name) const {
    const DocIndex::Entry& e = entries_[i];
    if (!e.has_attributes) return nullptr;
    for (int32_t k = e.attributes; k < e.attributes_end; ++k) {
      if (ShortEqual(attributes_[k].name, name)) return &attributes_[k];
    }
    return nullptr;
  }
  // Attribute(i, name) for a name compiled as a WordName.
  const xml::ElementIndex::Attribute* Attribute(int32_t i,
                                                const WordName& name) const {
    const DocIndex::Entry& e = entries_[i];
    if (!e.has_attributes) return nullptr;
    // has_attributes: some attribute that is no declaration, so at least
    // one to test, apart: an amount or a quantity has just the one looked
    // for, and the end is then never computed.
    const xml::ElementIndex::Attribute* a = attributes_ + e.attributes;
    if (name.Is(a->name)) return a;
    const xml::ElementIndex::Attribute* end = attributes_ + e.attributes_end;
    while (++a != end) {
      if (name.Is(a->name)) return a;
    }
    return nullptr;
  }
  // Its value, "" when absent.
  std::string_view AttributeValue(int32_t i, std::string_view name) const {
    const xml::ElementIndex::Attribute* a = Attribute(i, name);
    return a == nullptr ? std::string_view() : a->value;
  }
  // The XPath string value of an element: all descendant text, in order.
  // Valid until the next call.
  std::string_view StringValue(int32_t i) const {
    return index_.StringValue(i, value_);
  }
  // ancestor::ns:local exists.
  bool HasAncestor(int32_t i, int ns, std::string_view local) const;
  // ancestor::ns:local or ancestor::ns:other exists: one climb for both.
  bool HasAncestor(int32_t i, int ns, std::string_view local,
                   std::string_view other) const;
  // [ns:local = 'expected']: some such child's string value is `expected`.
  bool AnyChildStringEquals(int32_t parent, int ns, std::string_view local,
                            std::string_view expected) const;
  // [a/b = true()] (child steps `ns[i]:locals[i]` from `from`): true when a
  // node of the path, in document order, casts to `expected` before any
  // fails to cast; a failed cast makes the pattern not match, as XSLT
  // treats dynamic errors in match patterns.
  bool BooleanPredicate(int32_t from, std::span<const int> ns,
                        std::span<const std::string_view> locals,
                        bool expected) const;

  // The usual BR-CL test, with V the attribute `attribute` of element `i`
  // (empty: its string value), upper-cased first when `upper_case`:
  //   not(contains(normalize-space(V), ' ')) and
  //   contains(LIST, concat(' ', normalize-space(V), ' '))
  // Inline for the usual value, a short code with no whitespace (a
  // currency on every amount, a unit on every line): one probe of the
  // list's ShortCodes, exact for such values.
  bool InList(int32_t i, std::string_view attribute, CodeList list,
              bool upper_case) const {
    if (!upper_case) {
      std::string_view v;
      if (attribute.empty()) {
        // The index's text is the string value trimmed as
        // normalize-space() trims.
        const DocIndex::Entry& e = entries_[i];
        if (e.first_child < 0) v = e.text;
      } else if (const xml::ElementIndex::Attribute* a =
                     Attribute(i, attribute)) {
        v = a->value;
      }
      if (IsShortCode(list, v)) return true;
      if (PackCode(v) != 0) return false;  // a clean short value missed
    }
    return InListSlow(i, attribute, list, upper_case);
  }
  // IsShortCode(codes, value), `codes` being the ShortCodes of `list`,
  // remembering the last code of the list it met: a document repeats its
  // currency on every amount and its unit on every line, so most answers
  // take one compare instead of a probe. The memo holds a code of the list
  // whatever the document, so it outlives the walk (Scratch).
  bool IsRepeatedCode(CodeList list, const ShortCodes::Probe& codes,
                      std::string_view value) const {
    const uint64_t key = ShortKey(value);
    uint64_t& last = last_code_[static_cast<std::size_t>(list)];
    if (key == last) return key != 0;
    if (key == 0 || !codes.Contains(key)) return false;
    last = key;
    return true;
  }
  // InList for `attribute`, present on element i as `a`: not looked up
  // again.
  bool AttributeInList(int32_t i, const xml::ElementIndex::Attribute& a,
                       std::string_view attribute, CodeList list) const {
    if (IsShortCode(list, a.value)) return true;
    if (PackCode(a.value) != 0) return false;
    return InListSlow(i, attribute, list, false);
  }

 private:
  bool InListSlow(int32_t i, std::string_view attribute, CodeList list,
                  bool upper_case) const;
  // -1: error met, 0: no match yet, 1: match.
  int PredicateStep(int32_t from, std::span<const int> ns,
                    std::span<const std::string_view> locals,
                    bool expected) const;

  // What a walk keeps from one document to the next, per thread (each
  // thread's own, so no sharing to order; one walk at a time per thread):
  // the buffers, constructed and grown once rather than per document, and
  // per code list, IsRepeatedCode's last code (0: none yet, no code's
  // key), a code of the list whatever the document, so never cleared.
  struct Scratch {
    std::string value;
    std::string predicate_value;
    std::string upper;
    uint64_t last_code[kCodeListCount] = {};
  };
  static Scratch& ThreadScratch();

  const DocIndex& index_;
  // index_'s tables, held here: a load each, not three, per use.
  const DocIndex::Entry* entries_;
  const xml::ElementIndex::Attribute* attributes_;
  Scratch& scratch_;
  std::string& value_;
  std::string& predicate_value_;
  std::string& upper_;
  uint64_t* last_code_;
  // Per code list, the last value looked up (a view into the document)
  // and whether the list holds it; bit l of known_ says whether list l has
  // one (the memos themselves start uninitialized: a walk constructs them
  // per document).
  struct Memo {
    const char* data;  // the value, raw: std::string_view would zero it
    std::size_t size;
    bool member;
    std::string_view value() const { return {data, size}; }
  };
  static_assert(kCodeListCount <= 32);
  mutable uint32_t known_ = 0;
  mutable Memo memo_[kCodeListCount];  // NOLINT: raw on purpose
};

}  // namespace chorus::rules::code_lists_eval

#endif  // CHORUS_SRC_RULES_CODE_LISTS_EVAL_H_

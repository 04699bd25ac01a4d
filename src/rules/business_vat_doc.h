// The VAT category rules' view of the document as entries of the shared
// DocIndex (ints): child lookups walk the flat table and
// per-element facts are found by entry without hashing a node pointer.
// Same XPath semantics as the node helpers of business_vat_xml.h.
// Internal to src/rules/.
#ifndef CHORUS_SRC_RULES_BUSINESS_VAT_DOC_H_
#define CHORUS_SRC_RULES_BUSINESS_VAT_DOC_H_

#include <array>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "../format/xml_ns.h"
#include "business_vat_xml.h"
#include "doc_index.h"

namespace chorus::rules::vat {

// Scratch of type T (with a Clear() member) kept per thread and cleared
// for each document: its containers' capacity carries over, so once a
// thread has seen a document of some size, checking another allocates
// next to nothing. Should a check ever run inside another on the same
// thread, the inner one gets fresh scratch.
template <typename T>
class Reused {
 public:
  Reused() {
    thread_local Held held;
    if (held.busy) {
      own_ = std::make_unique<T>();
      value_ = own_.get();
      return;
    }
    held.busy = true;
    busy_ = &held.busy;
    value_ = &held.value;
    value_->Clear();
  }
  ~Reused() {
    if (busy_ != nullptr) *busy_ = false;
  }
  Reused(const Reused&) = delete;
  Reused& operator=(const Reused&) = delete;
  T* operator->() const { return value_; }

 private:
  struct Held {
    T value;
    bool busy = false;
  };
  T* value_ = nullptr;
  bool* busy_ = nullptr;
  std::unique_ptr<T> own_;
};

// A DocIndex entry; -1 for none (an absent node).
using El = int32_t;
using Els = Small<El>;

// One step of a relative path: an element child (ns, local).
struct Step {
  int ns;
  xml::Name name;
};

// The codes the rules compare category codes with: the nine categories'
// and B (split payment). A code equal to none of them fails no rule.
inline constexpr int kCodes = 10;
inline constexpr std::array<std::string_view, kCodes> kCodeNames = {
    "S", "Z", "E", "AE", "K", "G", "O", "L", "M", "B"};
inline constexpr int kCodeS = 0;
inline constexpr int kCodeK = 4;
inline constexpr int kCodeO = 6;
inline constexpr int kCodeB = 9;
using CodeMask = uint16_t;

// The index of each one-byte code in kCodeNames by its byte, -1 for none.
inline constexpr std::array<int8_t, 256> kOneByteCodes = [] {
  std::array<int8_t, 256> out{};
  out.fill(-1);
  for (int i = 0; i < kCodes; ++i) {
    const std::string_view name = kCodeNames[static_cast<std::size_t>(i)];
    if (name.size() == 1) {
      out[static_cast<unsigned char>(name[0])] = static_cast<int8_t>(i);
    }
  }
  return out;
}();
inline constexpr int kCodeAE = 3;
static_assert(kCodeNames[kCodeAE] == "AE");
static_assert([] {
  for (int i = 0; i < kCodes; ++i) {
    if (i != kCodeAE && kCodeNames[static_cast<std::size_t>(i)].size() != 1) {
      return false;  // CodeIndex would miss it
    }
  }
  return true;
}());

// The index of `v` in kCodeNames, -1 when it is no such code: one load for
// a byte, AE the one code of two (the codes are compared for every
// category, where a loop over the names took up to twenty tests).
constexpr int CodeIndex(std::string_view v) {
  if (v.size() == 1) return kOneByteCodes[static_cast<unsigned char>(v[0])];
  return v.size() == 2 && v[0] == 'A' && v[1] == 'E' ? kCodeAE : -1;
}
constexpr CodeMask CodeBit(int code) {
  return code < 0 ? CodeMask{0} : static_cast<CodeMask>(1u << code);
}

class Doc {
 public:
  explicit Doc(const DocIndex& index) : d_(index) {}

  const DocIndex& index() const { return d_; }
  int32_t size() const { return d_.size(); }
  // The document element, -1 for an empty index.
  El root() const { return d_.size() > 0 ? 0 : -1; }
  const DocIndex::Entry& operator[](El i) const { return d_[i]; }
  // The value of attribute `name` of `i` ("" when absent, as XPath's
  // string(@name) reads it).
  std::string_view Attribute(El i, std::string_view name) const {
    if (i < 0) return {};
    const xml::ElementIndex::Attribute* a =
        d_.elements().FindAttribute(i, name);
    return a == nullptr ? std::string_view() : a->value;
  }
  El Parent(El i) const { return i < 0 ? -1 : d_[i].parent; }
  bool HasElementChild(El i) const { return i >= 0 && d_[i].first_child >= 0; }

  bool Is(El i, int ns, const xml::Name& n) const {
    return i >= 0 && Named(d_[i], ns, n);
  }
  // First element child named (ns, n), -1 when none.
  El Kid(El i, int ns, const xml::Name& n) const {
    if (i < 0) return -1;
    for (El k = d_[i].first_child; k >= 0; k = d_[k].next) {
      if (Named(d_[k], ns, n)) return k;
    }
    return -1;
  }
  // The next sibling of `k` named (ns, n), -1 when none.
  El NextKid(El k, int ns, const xml::Name& n) const {
    for (El i = d_[k].next; i >= 0; i = d_[i].next) {
      if (Named(d_[i], ns, n)) return i;
    }
    return -1;
  }
  // Element children named (ns, n), in document order.
  Els Kids(El i, int ns, const xml::Name& n) const {
    Els out;
    if (i < 0) return out;
    for (El k = d_[i].first_child; k >= 0; k = d_[k].next) {
      if (Named(d_[k], ns, n)) out.push_back(k);
    }
    return out;
  }
  // The one element child named (ns, n): -1 when none, kMany when two or
  // more (xs:decimal() of such a path is an error). No sequence is built.
  static constexpr El kMany = -2;
  El Only(El i, int ns, const xml::Name& n) const {
    const El first = Kid(i, ns, n);
    if (first < 0) return -1;
    for (El k = d_[first].next; k >= 0; k = d_[k].next) {
      if (Named(d_[k], ns, n)) return kMany;
    }
    return first;
  }
  int CountKids(El i, int ns, const xml::Name& n) const {
    int count = 0;
    if (i < 0) return count;
    for (El k = d_[i].first_child; k >= 0; k = d_[k].next) {
      count += Named(d_[k], ns, n) ? 1 : 0;
    }
    return count;
  }
  // Kids along a relative path, in document order.
  Els Path(El i, std::initializer_list<Step> steps) const;
  // XPath string value: a view into the document, or into `scratch`.
  std::string_view Text(El i, std::string& scratch) const {
    return d_.StringValue(i, scratch);
  }

  static bool Named(const DocIndex::Entry& e, int ns, const xml::Name& n) {
    // Keys hold the length and first seven bytes: short names need no more,
    // longer ones compare the rest inline (a memcmp call costs more).
    return e.key == n.key() && e.ns == ns &&
           (n.text().size() < 8 || SameTail(e.local, n.text()));
  }

 private:
  // Path from `c` on steps [step, end): appends the matches to `out`,
  // depth first, which is document order.
  void CollectPath(El c, const Step* step, const Step* end, Els& out) const;

  const DocIndex& d_;
};

// xs:decimal(e): the empty sequence for -1.
Num DecimalAt(const Doc& doc, El e);
// xs:decimal() of the (ns, n) children of `i` as a Term: absent for
// none, an error for two or more.
Term SingleTerm(const Doc& doc, El only);  // of an element Doc::Only found
// Untyped value compared with a number: cast to xs:double (exponents ok).
Num DoubleAt(const Doc& doc, El e);
// xs:decimal(x) of a path yielding one element Doc::Only found (kMany: more
// than one item is an error).
Num SingleDecimal(const Doc& doc, El only);
// UntypedDouble of an entry: nullopt for -1, `*error` when not a double.
std::optional<double> UntypedDoubleAt(const Doc& doc, El e, bool* error);
// xs:boolean cast of an untyped value: nullopt when not a boolean lexical.
std::optional<bool> BooleanAt(const Doc& doc, El e);

}  // namespace chorus::rules::vat

#endif  // CHORUS_SRC_RULES_BUSINESS_VAT_DOC_H_

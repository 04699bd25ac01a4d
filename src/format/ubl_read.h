// Internal machinery of the UBL reader (ReadUbl in chorus/format/syntax.h).
//
// The document is first flattened into an xml::ElementIndex; the reader
// then pulls the EN 16931 terms out of it container by container. Every
// element and attribute it maps is marked; after reading, whatever is left
// unmarked and carries data becomes a ReadResult::unmapped entry.
#ifndef CHORUS_FORMAT_UBL_READ_H_
#define CHORUS_FORMAT_UBL_READ_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "chorus/format/syntax.h"
#include "format/doc_tree.h"
#include "format/ubl_binding.h"
#include "format/xml_ns.h"

namespace chorus::ubl {

// Indexes into xml::DocNamespaces(): the reader's index is the one the
// rules reuse.
enum NsId : int {
  kInvoiceNs = xml::kNsInvoice,
  kCreditNoteNs = xml::kNsCreditNote,
  kCacNs = xml::kNsCac,
  kCbcNs = xml::kNsCbc,
  kExtNs = xml::kNsExt,
  kXsiNs = xml::kNsXsi,
};

// An element of the document: an index into the reader's ElementIndex.
struct El {
  int32_t i = -1;
  explicit operator bool() const { return i >= 0; }
};

class Reader;

// The element children of one container. Building one marks the container
// as consumed.
class Kids {
 public:
  Kids(Reader& reader, El parent);
  Kids(const Kids&) = delete;
  Kids& operator=(const Kids&) = delete;

  El Find(int ns, const xml::Name& local) const {
    if (!parent_) return {};
    return El{index_.FindFrom(Start(ns, local), ns, local)};
  }
  El Cbc(const xml::Name& local) const { return Find(kCbcNs, local); }
  El Cac(const xml::Name& local) const { return Find(kCacNs, local); }
  // Calls f(El) for every child with that name, in document order.
  template <typename F>
  void Each(int ns, const xml::Name& local, F&& f) const;
  template <typename F>
  void EachCac(const xml::Name& local, F&& f) const {
    Each(kCacNs, local, f);
  }
  template <typename F>
  void EachCbc(const xml::Name& local, F&& f) const {
    Each(kCbcNs, local, f);
  }

 private:
  // Where the search for a child named (ns, local) can start: the first
  // child whose NameKey and namespace match, -1 when there is none. A
  // container with many children (the root of a long invoice) gets a table
  // of those first children on first use; the reader looks up dozens of
  // names there, and scanning thousands of lines for each would dominate.
  int32_t Start(int ns, const xml::Name& local) const {
    if (table_state_ == kUnknown) Analyze();
    if (table_state_ == kScan) {
      return present_ & KeyBit(local.key()) ? index_[parent_.i].first_child
                                            : -1;
    }
    return TableFind(ns, local.key());
  }
  // One bit of a 64-bit summary per name key (a Bloom filter of one hash).
  static uint64_t KeyBit(uint64_t key) {
    return uint64_t{1} << ((key * 0x9E3779B97F4A7C15ull) >> 58);
  }
  void Analyze() const;
  int32_t TableFind(int ns, uint64_t key) const;
  void TableAdd(int ns, uint64_t key, int32_t child) const;

  struct Slot {
    uint64_t key = 0;
    int32_t first = -1;  // -1: empty
    int32_t ns = 0;
  };
  enum TableState : uint8_t { kUnknown, kScan, kTable };

  const xml::ElementIndex& index_;
  El parent_;
  mutable TableState table_state_ = kUnknown;
  mutable uint64_t present_ = 0;  // KeyBit of every child, when kScan
  mutable std::size_t table_used_ = 0;
  mutable std::vector<Slot> table_;
};

class Reader {
 public:
  Reader(const XmlDocument& doc, ReadResult& out);

  const xml::ElementIndex& index() const { return index_; }
  const xml::Namespaces& ns() const { return ns_; }
  El root() const { return El{index_.size() ? 0 : -1}; }
  pugi::xml_node Node(El e) const {
    return e ? index_[e.i].node : pugi::xml_node();
  }
  Invoice& inv() { return out_.invoice; }
  bool credit_note() const {
    return out_.invoice.kind == DocumentKind::kCreditNote;
  }

  // First child of `parent` by name, without marking anything.
  El Child(El parent, int ns, const xml::Name& local) const;
  // Trimmed text of an element, without marking it.
  std::string_view Peek(El e) const {
    return e ? index_[e.i].text : std::string_view();
  }
  // An attribute of `e`, null when absent; nothing is marked.
  pugi::xml_attribute Attr(El e, const char* attribute) const;
  // Trimmed value of an attribute, without marking it ("" when absent).
  std::string_view PeekAttr(El e, const char* attribute) const;

  // Value readers. Each marks what it uses; a missing element gives nullopt.
  void Take(El e);
  void Take(El e, const char* attribute);
  Text OptText(El e);
  // The text of an element known to exist (identifier values, notes).
  std::string Value(El e);
  Text AttrText(El e, const char* attribute);
  // An amount; its currencyID is marked. Bad numbers warn.
  Amount Amt(El e);
  // A plain number (percent, quantity). Bad numbers warn.
  Amount Num(El e);
  std::optional<Date> DateOf(El e);
  // An identifier with its scheme attribute (default "schemeID").
  OptId IdOf(El e, const char* scheme_attr = "schemeID");
  // Marks `e` only when its text is `expected` (e.g. the TaxScheme "VAT" a
  // writer re-creates); other values stay unmapped.
  bool TakeIfEquals(El e, std::string_view expected);
  // Marks `e` when its text equals `value`, else flags it as a repeat (a
  // second PaymentMeans restating the first one's code, say).
  void TakeIfSameElseRepeated(El e, std::string_view value);

  // Source line of an element (0 when unknown).
  uint32_t Line(El e) const;
  SourcePos Pos(El e) const { return SourcePos{Line(e)}; }
  // An element or attribute the binding maps at most once, met again.
  void Repeated(El e);
  void Repeated(El e, const char* attribute);
  void Warn(El e, const std::string& message);

  // Fills ReadResult::unmapped from everything left unmarked and puts the
  // diagnostics in document order.
  void Finish();

 private:
  static void SetBit(std::vector<uint64_t>& bits, int32_t i) {
    bits[static_cast<std::size_t>(i) / 64] |= uint64_t{1} << (i % 64);
  }
  static bool Bit(const std::vector<uint64_t>& bits, int32_t i) {
    return (bits[static_cast<std::size_t>(i) / 64] >> (i % 64)) & 1u;
  }
  void ReportAttributes(int32_t i);
  void ReportElement(int32_t i);
  bool FollowsKeptTwin(int32_t i) const;
  std::string Name(El e) const;

  const XmlDocument& doc_;
  ReadResult& out_;
  std::shared_ptr<const xml::DocTree> tree_;  // handed on in out_.tree
  const xml::Namespaces& ns_;
  const xml::ElementIndex& index_;
  std::vector<uint64_t> taken_;     // one bit per index entry
  std::vector<uint64_t> repeated_;  // one bit per index entry
  xml::Marks taken_attributes_;
  // Built on the first repeat: most documents have none, and a Marks is a
  // bit per source byte to clear.
  std::optional<xml::Marks> repeated_attributes_;
  // Address of pugixml's parse buffer, 0 when unknown: Line() derives
  // offsets from it.
  std::uintptr_t buffer_ = 0;
  // Diagnostics with their source line, sorted by Finish.
  std::vector<std::pair<uint32_t, Diagnostic>> diagnostics_;
};

template <typename F>
void Kids::Each(int ns, const xml::Name& local, F&& f) const {
  if (!parent_) return;
  for (int32_t i = index_.FindFrom(Start(ns, local), ns, local); i >= 0;
       i = index_.FindFrom(index_[i].next, ns, local)) {
    f(El{i});
  }
}

// Term groups, one function per concern (ubl_read_*.cpp).
void ReadHeader(Reader& r, const Kids& root);
void ReadReferences(Reader& r, const Kids& root);
void ReadSeller(Reader& r, El party);
void ReadBuyer(Reader& r, El party);
void ReadPayee(Reader& r, El party);
void ReadTaxRepresentative(Reader& r, El party);
void ReadDelivery(Reader& r, El delivery);
// nullopt when `address` is absent.
std::optional<Address> ReadAddress(Reader& r, El address);
void ReadPayment(Reader& r, const Kids& root);
void ReadAllowancesAndTaxes(Reader& r, const Kids& root);
void ReadLine(Reader& r, El line);

// Marks a cac:TaxScheme and its cbc:ID when that id is VAT.
void TakeVatScheme(Reader& r, El tax_scheme);
// cbc:ChargeIndicator as xs:boolean; nullopt when absent, and when not a
// boolean (with a warning).
std::optional<bool> ReadIndicator(Reader& r, El e);

}  // namespace chorus::ubl

#endif  // CHORUS_FORMAT_UBL_READ_H_

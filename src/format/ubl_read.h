// Internal machinery of the UBL reader (ReadUbl in chorus/format/syntax.h).
//
// The document is first flattened into an xml::ElementIndex; the reader
// then pulls the EN 16931 terms out of it container by container. Every
// element and attribute it maps is marked; after reading, whatever is left
// unmarked and carries data becomes a ReadResult::unmapped entry.
#ifndef CHORUS_FORMAT_UBL_READ_H_
#define CHORUS_FORMAT_UBL_READ_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "chorus/format/syntax.h"
#include "format/doc_tree.h"
#include "format/long_name.h"
#include "format/short_text.h"
#include "format/ubl_binding.h"
#include "format/ubl_wants.h"
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

// The element children of one container, by the names its reader wants
// (W, a Wants). Building one marks the container as consumed.
template <const auto& W>
class Kids {
 public:
  Kids(Reader& reader, El parent);
  Kids(const Kids&) = delete;
  Kids& operator=(const Kids&) = delete;

  // The first child of that name.
  El Cbc(SlotName<W, kCbcNs> n) const {
    return El{slots_[static_cast<std::size_t>(n.slot)]};
  }
  El Cac(SlotName<W, kCacNs> n) const {
    return El{slots_[static_cast<std::size_t>(n.slot)]};
  }
  // Calls f(El) for every child with that name, in document order.
  template <typename F>
  void EachCac(SlotName<W, kCacNs> n, F&& f) const {
    Each(n.slot, f);
  }
  template <typename F>
  void EachCbc(SlotName<W, kCbcNs> n, F&& f) const {
    Each(n.slot, f);
  }
  // At least how many children have that name: those whose name shares its
  // key (in any namespace, or a long name with the same length and first
  // seven bytes) count too. A size to reserve; 0 only when there is none.
  std::size_t CountCac(SlotName<W, kCacNs> n) const { return Count(n.slot); }
  std::size_t CountCbc(SlotName<W, kCbcNs> n) const { return Count(n.slot); }

 private:
  std::size_t Count(int slot) const {
    if constexpr (kOneName) {
      std::size_t count = 0;
      auto add = [&](El) { ++count; };
      Each(slot, add);
      return count;
    } else {
      return static_cast<std::size_t>(counts_[static_cast<std::size_t>(slot)]);
    }
  }

  static constexpr std::size_t kSize = std::remove_cvref_t<decltype(W)>::kSize;
  // A container read for one name stops at its first match, and finds any
  // others by scanning on.
  static constexpr bool kOneName = kSize == 1;

  template <typename F>
  void Each(int slot, F& f) const {
    auto s = static_cast<std::size_t>(slot);
    int32_t i = slots_[s];
    if (i < 0) return;
    // No scan past the last candidate to the end of the container (past
    // every line, for the root's lists).
    int32_t last = -1;
    if constexpr (!kOneName) last = lasts_[s];
    while (true) {
      f(El{i});
      do {
        if (i == last) return;
        i = index_[i].next;
        if (i < 0) return;
      } while (!W.Is(slot, index_[i]));
    }
  }

  const xml::ElementIndex& index_;
  std::array<int32_t, kSize> slots_;
  // Last child, and number of children, that may have the name (see
  // CountCac); Each compares the names up to the last. Unused for one name.
  std::array<int32_t, kOneName ? 0 : kSize> lasts_;
  std::array<int32_t, kOneName ? 0 : kSize> counts_;
};

class Reader {
 public:
  using Attribute = xml::ElementIndex::Attribute;

  // `tree` indexes `doc`; the reader reads the tree only (and `doc` for
  // lines). Without `report_unmapped`, Finish leaves out.unmapped empty;
  // with `cut_free_text`, ReadFreeText keeps a prefix (ReadOptions).
  Reader(const XmlDocument& doc, std::shared_ptr<const xml::DocTree> tree,
         ReadResult& out, bool report_unmapped = true,
         bool cut_free_text = false);
  Reader(const Reader&) = delete;  // points into its own bitsets
  Reader& operator=(const Reader&) = delete;

  const xml::ElementIndex& index() const { return index_; }
  El root() const { return El{index_.size() ? 0 : -1}; }
  Invoice& inv() { return out_.invoice; }
  bool credit_note() const {
    return out_.invoice.kind == DocumentKind::kCreditNote;
  }

  // First child of `parent` by name, without marking anything.
  El Child(El parent, int ns, const xml::Name& local) const {
    return parent ? El{index_.Find(parent.i, ns, local)} : El{};
  }
  // Trimmed text of an element, without marking it.
  std::string_view Peek(El e) const {
    return e ? index_[e.i].text : std::string_view();
  }
  // An attribute of `e`, null when absent; nothing is marked.
  const Attribute* Attr(El e, std::string_view attribute) const;
  // Trimmed value of an attribute, without marking it ("" when absent).
  std::string_view PeekAttr(El e, std::string_view attribute) const;

  // Whether marks are kept (for the unmapped report): work done only to
  // mark something is skipped without them.
  bool marking() const { return report_unmapped_; }
  // Whether the terms no validation rule reads are read at all: reading for
  // validation (ReadOptions::cut_free_text without the unmapped report) leaves
  // them out: notes (BG-1), the business process (BT-23), the buyer's
  // references (BT-10, BT-19), the order, contract, project, despatch, receipt
  // and tender references (BT-11 to BT-17), the seller's legal form (BT-33),
  // the delivery's location id and party name (BT-70, BT-71), the payment means
  // code, text and remittance (BT-81 to BT-83), contacts (BG-6, BG-9), address
  // lines, city, post code and subdivision (their country stays), payment
  // accounts (BG-17), the breakdown's exemption reasons (BT-120, BT-121), a
  // line's references (BT-128, BT-132, BT-133), an item's seller and buyer ids
  // and origin, the base quantity's unit (BT-150). Only terms whose reading can
  // give no diagnostic are left out, since the rules ask whether the reader
  // gave any. A rule that comes to read one of them must have it read here
  // again (ubl_read_validation_test lists them).
  bool all_terms() const { return report_unmapped_ || !cut_free_text_; }

  // Value readers. Each marks what it uses; a missing element gives nullopt.
  // The marks only feed the unmapped report: without it nothing is marked.
  void Take(El e) {
    if (!e || !report_unmapped_) return;
    auto u = static_cast<uint32_t>(e.i);
    taken_[u / 64] |= uint64_t{1} << (u % 64);
    // Finish looks at the attributes of these only. Or-ing the flag in
    // spares a branch on it (leaves have attributes or not, in no order).
    attributes_to_check_[u / 64] |= uint64_t{index_[e.i].has_attributes}
                                    << (u % 64);
  }
  void Take(El e, std::string_view attribute) {
    if (report_unmapped_) TakeAttr(e, attribute);
  }
  // Value readers into a term in place: building the value where it stays
  // spares moving it there (a library copy per string).
  void ReadText(El e, Text& out);
  // ReadText for a term no validation rule reads beyond its presence (see
  // ReadOptions::cut_free_text).
  void ReadFreeText(El e, Text& out) {
    if (!e) {
      out.reset();
      return;
    }
    Take(e);
    xml::EmplaceText(out, FreeText(Peek(e)));
  }
  // The part of a free text ReadFreeText keeps.
  std::string_view FreeText(std::string_view text) const {
    return cut_free_text_ ? xml::ShortPrefix(text) : text;
  }
  void ReadId(El e, OptId& out);
  // An identifier of an element known to exist into `id`, fresh, with its
  // scheme attribute (default "schemeID").
  void IdInto(El e, Identifier& id, std::string_view scheme_attr = "schemeID");
  // The text of an element known to exist into `s` (identifier values).
  void ValueInto(El e, std::string& s) {
    Take(e);
    xml::AssignText(s, Peek(e));
  }
  // A trimmed attribute value into `out`, marked (nullopt when absent).
  void ReadAttr(El e, std::string_view attribute, Text& out);
  // An amount; its currencyID is marked. Bad numbers warn.
  void ReadAmount(El e, Amount& out);
  // A plain number (percent, quantity). Bad numbers warn.
  void ReadNumber(El e, Amount& out);
  std::optional<Date> DateOf(El e);
  // Marks `e` only when its text is `expected` (e.g. the TaxScheme "VAT" a
  // writer re-creates); other values stay unmapped.
  bool TakeIfEquals(El e, std::string_view expected);
  // Marks `e` when its text equals `value`, else flags it as a repeat (a
  // second PaymentMeans restating the first one's code, say).
  void TakeIfSameElseRepeated(El e, std::string_view value);

  // Source line of an element (0 when unknown).
  uint32_t Line(El e) const;
  // The element's offset: its line is counted only if a rule cites it
  // (SourceLine).
  SourcePos Pos(El e) const {
    return e ? SourcePos{0, index_[e.i].offset + 1} : SourcePos{};
  }
  // An element or attribute the binding maps at most once, met again.
  void Repeated(El e);
  void Repeated(El e, std::string_view attribute);
  void Warn(El e, const std::string& message);

  // Fills ReadResult::unmapped from everything left unmarked and puts the
  // diagnostics in document order.
  void Finish();

 private:
  // Indexes are never negative here: unsigned arithmetic spares the
  // rounding fix-ups of signed division.
  static void SetBit(uint64_t* bits, int32_t i) {
    auto u = static_cast<uint32_t>(i);
    bits[u / 64] |= uint64_t{1} << (u % 64);
  }
  static bool Bit(const uint64_t* bits, int32_t i) {
    auto u = static_cast<uint32_t>(i);
    return (bits[u / 64] >> (u % 64)) & 1u;
  }
  // Attribute `name` of `e`, marked (null when absent).
  const Attribute* TakeAttr(El e, std::string_view name);
  // The attribute of `all` named `name`, null when none is.
  static const Attribute* Named(std::span<const Attribute> all,
                                std::string_view name);
  // Position of `a` in index_.attributes(): the key of attribute marks.
  std::size_t AttributeIndex(const Attribute& a) const {
    return static_cast<std::size_t>(&a - index_.attributes().data());
  }
  // Sets the bit of `a` in `bits`, sized on first use (one bit per
  // attribute of the document).
  void MarkAttribute(std::vector<uint64_t>& bits, const Attribute& a);
  bool AttributeMarked(const std::vector<uint64_t>& bits,
                       const Attribute& a) const {
    return !bits.empty() &&
           Bit(bits.data(), static_cast<int32_t>(AttributeIndex(a)));
  }
  void ReportAttributes(int32_t i);
  void ReportElement(int32_t i);
  bool FollowsKeptTwin(int32_t i) const;
  std::string Name(El e) const;
  // ReadNumber's body, also inlined into ReadAmount: the short form of
  // nearly every number parses in place, without a call.
  void NumberInto(El e, Amount& out);
  // What the short form does not take: longer values, then bad text.
  [[gnu::noinline]] void NumberNotShort(El e, Amount& out);
  // ReadAmount with the unmapped report: its currencyID is marked.
  [[gnu::noinline]] void ReadAmountMarked(El e, Amount& out);
  // The warning for text that is not an xs:decimal, out of the hot path.
  [[gnu::cold, gnu::noinline]] void NotADecimal(El e, std::string_view text);

  const XmlDocument& doc_;
  ReadResult& out_;
  std::shared_ptr<const xml::DocTree> tree_;
  const xml::ElementIndex& index_;
  const bool report_unmapped_;
  const bool cut_free_text_;
  // Four bitsets of one bit per index entry: in place for documents of up
  // to kInlineWords * 16 elements (a typical invoice has about 180), else
  // in one allocation.
  static constexpr std::size_t kInlineWords = 32;
  std::array<uint64_t, kInlineWords> inline_bits_;
  std::vector<uint64_t> bits_;
  uint64_t* taken_;
  uint64_t* repeated_;
  // Taken elements that carry attributes, and those of them whose every
  // attribute the reader consumed (most hold a single currencyID, schemeID
  // or unitCode): Finish walks the attributes of the others only.
  uint64_t* attributes_to_check_;
  uint64_t* attributes_done_;
  // Attributes taken on elements that hold several, and attributes met
  // again: a bit per attribute, allocated on the first mark (most
  // documents need neither).
  std::vector<uint64_t> taken_attributes_;
  std::vector<uint64_t> repeated_attributes_;
  // Diagnostics with their source line, sorted by Finish.
  std::vector<std::pair<uint32_t, Diagnostic>> diagnostics_;
};

template <const auto& W>
Kids<W>::Kids(Reader& reader, El parent) : index_(reader.index()) {
  slots_.fill(-1);
  if (!parent) return;
  reader.Take(parent);
  if constexpr (kOneName) {
    // One name (a reference's cbc:ID, say): the first match ends the scan.
    for (int32_t c = index_[parent.i].first_child; c >= 0; c = index_[c].next) {
      if (W.Is(0, index_[c])) {
        slots_[0] = c;
        return;
      }
    }
    return;
  } else {
    counts_.fill(0);
    for (int32_t c = index_[parent.i].first_child; c >= 0; c = index_[c].next) {
      const xml::ElementIndex::Entry& e = index_[c];
      int slot = W.Candidate(e.key);
      if (slot < 0) continue;
      auto s = static_cast<std::size_t>(slot);
      if (W.KeyIsUnique(slot)) {
        // A slot already filled needs no name comparison (repeated lines,
        // notes, subtotals): Each compares the names it steps on.
        if (slots_[s] >= 0) {
          lasts_[s] = c;
          ++counts_[s];
          continue;
        }
        if (!W.IsCandidate(slot, e)) continue;
      } else {
        slot = W.Match(slot, e.key, e.ns, e.local);
        if (slot < 0) continue;
        s = static_cast<std::size_t>(slot);
        if (slots_[s] >= 0) {
          lasts_[s] = c;
          ++counts_[s];
          continue;
        }
      }
      slots_[s] = c;
      lasts_[s] = c;
      counts_[s] = 1;
    }
  }
}

// Children wanted from containers read in several files.
inline constexpr Wants kRootWants({
    {kCbcNs, "UBLVersionID"},
    {kCbcNs, "CustomizationID"},
    {kCbcNs, "ProfileID"},
    {kCbcNs, "ID"},
    {kCbcNs, "IssueDate"},
    {kCbcNs, "DueDate"},
    {kCbcNs, "InvoiceTypeCode"},
    {kCbcNs, "CreditNoteTypeCode"},
    {kCbcNs, "Note"},
    {kCbcNs, "TaxPointDate"},
    {kCbcNs, "DocumentCurrencyCode"},
    {kCbcNs, "TaxCurrencyCode"},
    {kCbcNs, "AccountingCost"},
    {kCbcNs, "BuyerReference"},
    {kCacNs, "InvoicePeriod"},
    {kCacNs, "OrderReference"},
    {kCacNs, "BillingReference"},
    {kCacNs, "DespatchDocumentReference"},
    {kCacNs, "ReceiptDocumentReference"},
    {kCacNs, "OriginatorDocumentReference"},
    {kCacNs, "ContractDocumentReference"},
    {kCacNs, "AdditionalDocumentReference"},
    {kCacNs, "ProjectReference"},
    {kCacNs, "AccountingSupplierParty"},
    {kCacNs, "AccountingCustomerParty"},
    {kCacNs, "PayeeParty"},
    {kCacNs, "TaxRepresentativeParty"},
    {kCacNs, "Delivery"},
    {kCacNs, "PaymentMeans"},
    {kCacNs, "PaymentTerms"},
    {kCacNs, "AllowanceCharge"},
    {kCacNs, "TaxTotal"},
    {kCacNs, "LegalMonetaryTotal"},
    {kCacNs, "InvoiceLine"},
    {kCacNs, "CreditNoteLine"},
});
using RootKids = Kids<kRootWants>;
// References, identifications, tax schemes: containers of one cbc:ID.
inline constexpr Wants kIdWants({{kCbcNs, "ID"}});
// Country (addresses) and OriginCountry (items).
inline constexpr Wants kCountryWants({{kCbcNs, "IdentificationCode"}});
// ClassifiedTaxCategory (lines) and TaxCategory (allowances, breakdown).
inline constexpr Wants kTaxCategoryWants({
    {kCbcNs, "ID"},
    {kCbcNs, "Percent"},
    {kCbcNs, "TaxExemptionReasonCode"},
    {kCbcNs, "TaxExemptionReason"},
    {kCacNs, "TaxScheme"},
});
// Document, line and price allowances and charges.
inline constexpr Wants kAllowanceChargeWants({
    {kCbcNs, "ChargeIndicator"},
    {kCbcNs, "AllowanceChargeReasonCode"},
    {kCbcNs, "AllowanceChargeReason"},
    {kCbcNs, "MultiplierFactorNumeric"},
    {kCbcNs, "Amount"},
    {kCbcNs, "BaseAmount"},
    {kCacNs, "TaxCategory"},
});
// InvoicePeriod of the document and of lines.
inline constexpr Wants kPeriodWants({
    {kCbcNs, "StartDate"},
    {kCbcNs, "EndDate"},
    {kCbcNs, "DescriptionCode"},
});

// Term groups, one function per concern (ubl_read_*.cpp).
void ReadHeader(Reader& r, const RootKids& root);
void ReadReferences(Reader& r, const RootKids& root);
void ReadSeller(Reader& r, El party);
void ReadBuyer(Reader& r, El party);
void ReadPayee(Reader& r, El party);
void ReadTaxRepresentative(Reader& r, El party);
void ReadDelivery(Reader& r, El delivery);
// Into `out` in place; nullopt when `address` is absent.
void ReadAddress(Reader& r, El address, std::optional<Address>& out);
void ReadPayment(Reader& r, const RootKids& root);
void ReadAllowancesAndTaxes(Reader& r, const RootKids& root);
void ReadLine(Reader& r, El line);

// Marks a cac:TaxScheme and its cbc:ID when that id is VAT.
void TakeVatScheme(Reader& r, El tax_scheme);
// cbc:ChargeIndicator as xs:boolean; nullopt when absent, and when not a
// boolean (with a warning).
std::optional<bool> ReadIndicator(Reader& r, El e);

}  // namespace chorus::ubl

#endif  // CHORUS_FORMAT_UBL_READ_H_

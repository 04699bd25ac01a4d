// The UBL syntax rules (pattern "UBL-syntax" of the official UBL artefact):
// the generated assert table, compiled once into name tables and a trie of
// root-anchored paths, so that one walk over the document evaluates them.
// Internal to src/rules/.
#ifndef CHORUS_SRC_RULES_UBL_SYNTAX_INTERNAL_H_
#define CHORUS_SRC_RULES_UBL_SYNTAX_INTERNAL_H_

#include <bit>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "../format/xml_ns.h"  // relative: tests include this header
#include "chorus/format/document.h"
#include "doc_index.h"
#include "inline_compare.h"
#include "ubl_syntax_table.h"

namespace chorus::rules::ubl {

// Namespace ids of the shared DocIndex.
enum NsId : int {
  kCbc = kNsCbc,
  kCac = kNsCac,
  kExt = kNsExt,
  kInvoiceNs = kNsInvoice,
  kCreditNs = kNsCreditNote
};

struct QName {
  int ns = xml::kOtherNamespace;
  std::string_view local;
  uint64_t key = 0;  // xml::NameKey(local)
};

// A location path of the table: "a:B/(c:D|c:E)/@f", optionally "//"-led.
struct Path {
  bool anywhere = false;                  // led by "//"
  std::vector<std::vector<QName>> steps;  // each step: one or more names
  std::string_view attribute;             // "" when it ends on an element
};
Path CompilePath(std::string_view text);
// One name of a path step ("cbc:ID").
QName ParseQName(std::string_view text);

// Element-matching helpers over the shared document index: elements are
// its entries (int32_t, -1 for none).
class Nav {
 public:
  explicit Nav(const DocIndex& index) : index_(index) {}
  // count(path) from entry `context` (the path must not be "//"-led).
  int Count(int32_t context, const Path& path) const {
    return CountFrom(context, path, 0);
  }
  bool Exists(int32_t context, const Path& path) const {
    return Count(context, path) > 0;
  }
  // The first element child of `parent` named (ns, local), and the next
  // sibling after `child` with that name; -1 when none.
  int32_t First(int32_t parent, int ns, const xml::Name& local) const {
    return parent < 0 ? -1
                      : index_.elements().FindFrom(index_[parent].first_child,
                                                   ns, local);
  }
  int32_t Next(int32_t child, int ns, const xml::Name& local) const {
    return index_.elements().FindFrom(index_[child].next, ns, local);
  }
  // XPath string value of entry `i` (see DocIndex::StringValue).
  std::string_view StringValue(int32_t i, std::string& scratch) const {
    return index_.StringValue(i, scratch);
  }
  const DocIndex& index() const { return index_; }

  // A hand assert's answer that several asserts ask of the same context
  // node (UBL-SR-19/20/21 of each cac:PayeeParty): node (-1 for none) and
  // answer. The Nav lives for one document, so no answer outlives it.
  struct Memo {
    int32_t node = -1;
    bool value = false;
  };
  Memo& payee_memo() const { return payee_memo_; }

 private:
  int CountFrom(int32_t context, const Path& path, std::size_t step) const;
  const DocIndex& index_;
  mutable Memo payee_memo_;
};

// upper-case(s) = upper (upper is ASCII upper case).
bool UpperEquals(std::string_view s, std::string_view upper);

// Results of the hand-written root asserts, from nodes the walk collected
// (entries of the index, in document order).
struct RootFacts {
  int32_t root = -1;
  bool credit_note = false;
  bool name_attribute_elsewhere = false;  // UBL-DT-18
  std::vector<int32_t>
      additional_docs;               // every cac:AdditionalDocumentReference
  std::vector<int32_t> party_ids;    // cac:PartyIdentification/cbc:ID
  std::vector<int32_t> payment_ids;  // cbc:PaymentID
  std::vector<int32_t> means_codes;  // cbc:PaymentMeansCode
  // cac:PartyTaxScheme of cac:Party of the root's
  // cac:AccountingSupplierParty and cac:AccountingCustomerParty.
  std::vector<int32_t> supplier_tax_schemes;
  std::vector<int32_t> customer_tax_schemes;
  // Children of the root that several asserts look for, gathered in one
  // pass over them (GatherRootChildren).
  std::vector<int32_t> version_ids;    // cbc:UBLVersionID
  std::vector<int32_t> payment_means;  // cac:PaymentMeans
  // The additional_docs with a cbc:DocumentTypeCode of 130, which three
  // asserts single out.
  std::vector<int32_t> additional_130;
  // At most one seller CompanyID under a PartyTaxScheme whose scheme is
  // not VAT ([0], UBL-SR-13) and is VAT ([1], UBL-SR-12), at most one
  // buyer's under VAT (UBL-SR-18): one pass over the parties for both.
  bool supplier_vat_ids_ok[2] = {true, true};
  bool customer_vat_ids_ok = true;
  void Clear() {
    root = -1;
    credit_note = name_attribute_elsewhere = false;
    supplier_vat_ids_ok[0] = supplier_vat_ids_ok[1] = true;
    customer_vat_ids_ok = true;
    additional_docs.clear();
    party_ids.clear();
    payment_ids.clear();
    means_codes.clear();
    version_ids.clear();
    payment_means.clear();
    additional_130.clear();
    supplier_tax_schemes.clear();
    customer_tax_schemes.clear();
  }
};
void GatherRootChildren(const Nav& nav, RootFacts& facts);

// The hand-written asserts (Kind::kHand), resolved from their ids once.
enum class Hand {
  kUnknown,  // an id the table marks hand-written but C++ lacks: fails
  // Root rule.
  kCr002,
  kCr412,
  kCr665,
  kCr666,
  kCr673,
  kDt18,
  kSr04,
  kSr12,
  kSr13,
  kSr18,
  kSr29,
  kSr44,
  kSr47,
  // Other rules.
  kDt01,
  kSr51,
  kSr43,
  kDt06,
  kDt07,
  kSr53,
  kSr48,
  kSr19,
  kSr20,
  kSr21,
  kSr07,
};
Hand HandOf(std::string_view id);

// UBL-DT-01 on an amount's string value: at most two characters after
// its first '.', counted by UTF-8 lead bytes (the general path).
inline bool AtMostTwoDecimalsByChar(std::string_view v) {
  std::size_t at = 0;
  while (at < v.size() && v[at] != '.') ++at;
  std::size_t chars = 0;  // UTF-8 lead bytes
  for (++at; at < v.size(); ++at) {
    if ((static_cast<unsigned char>(v[at]) & 0xC0) != 0x80 && ++chars > 2) {
      return false;
    }
  }
  return true;
}

// The same; an ASCII value of up to eight bytes (most amounts) in one
// word: its first '.' is its lowest byte equal to '.', whose place gives
// the characters after it.
inline bool AtMostTwoDecimals(std::string_view v) {
  const std::size_t n = v.size();
  if (n > 8) return AtMostTwoDecimalsByChar(v);
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  const uint64_t w = PackBytes(v.data(), n);  // zero above byte n
  if ((w & (kOnes << 7)) != 0) return AtMostTwoDecimalsByChar(v);
  const uint64_t t = w ^ (kOnes * '.');
  // Bit 7 of each zero byte of t (and maybe of bytes above the lowest).
  const uint64_t dots = (t - kOnes) & ~t & (kOnes << 7);
  if (dots == 0) return true;
  const auto first = static_cast<std::size_t>(std::countr_zero(dots)) / 8;
  return n - first <= 3;
}

// True when the assert holds.
bool HoldsOnRoot(Hand hand, const Nav& nav, const RootFacts& facts);
bool HoldsOnNode(Hand hand, const Nav& nav, int32_t context);
// ChargeIndicator predicate of the allowance/charge rules: 1 when some
// cbc:ChargeIndicator equals `value` as xs:boolean, 0 when none does, -1
// when a cast fails first (the pattern then does not match).
int ChargeIndicatorIs(const Nav& nav, int32_t allowance, bool value);
// The rule of a cac:AllowanceCharge by its cbc:ChargeIndicator: the
// allowance's, the charge's or none (-1).
int AllowanceRuleOf(const Nav& nav, int32_t allowance);
// The cbc:ID children of a cac:PartyIdentification, gathered from the
// parent (a rare name) rather than by a test on every cbc:ID.
void CollectPartyIds(const Nav& nav, int32_t party_identification,
                     RootFacts& facts);
// The price's own cac:AllowanceCharge children: ancestor::cac:Price/
// cac:AllowanceCharge is non-empty whatever branch the node sits in.
bool HasAllowanceChargeChild(const Nav& nav, int32_t price);
// Amount rule predicate on the element's name (ends with Amount, not with
// PriceAmount); the ancestor condition is tracked by the walk.
inline bool IsAmountName(std::string_view qname) {
  return qname.ends_with("Amount") && !qname.ends_with("PriceAmount");
}
inline bool IsBinaryObjectName(std::string_view qname) {
  return qname.ends_with("BinaryObject");
}

}  // namespace chorus::rules::ubl

namespace chorus::rules {

struct RunContext;

// CheckUblSyntaxRules that also sets `names` (when not null) to each
// entry's interned name (ubl::Tables::Find, -1 for names no rule
// mentions), valid until this thread's next call: the code-list walk
// reads it instead of looking every name up again.
void CheckUblSyntaxRules(const RunContext& ctx,
                         std::span<const int32_t>* names);

}  // namespace chorus::rules

#endif  // CHORUS_SRC_RULES_UBL_SYNTAX_INTERNAL_H_

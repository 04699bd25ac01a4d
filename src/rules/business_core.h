// Internals of the core business rules (BR-01..BR-65, BR-CO-*, BR-DEC-*),
// split by concern over business_core*.cpp. The rules run on the model;
// the few places where the model cannot tell what an official assertion
// inspects read the XML through the helpers below. Internal to src/rules/.
#ifndef CHORUS_SRC_RULES_BUSINESS_CORE_H_
#define CHORUS_SRC_RULES_BUSINESS_CORE_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "business_internal.h"
#include "business_location.h"
#include "business_vat_xml.h"
#include "chorus/model/invoice.h"
#include "engine_internal.h"

namespace chorus::rules::core {

// `first` when `cond` holds, else `second`. For names chosen by syntax:
// a ternary between two literals yields a const char*, whose view costs a
// strlen call; views of each literal are sized at compile time.
constexpr std::string_view Either(bool cond, std::string_view first,
                                  std::string_view second) {
  return cond ? first : second;
}

// normalize-space(x) != '': readers trim, so non-empty is enough.
inline bool Filled(const Text& t) { return t && !t->empty(); }
// string-length(substring-after(x, '.')) > 2 on the amount as written.
inline bool TooManyDecimals(const Amount& a) { return a && a->scale() > 2; }
// XPath round(x * 10 * 10) div 100 on xs:decimal.
inline Decimal Round2(const Decimal& d) { return d.RoundHalfUp(2); }

inline void FailAt(const RunContext& ctx, std::string_view id,
                   BusinessGroup group, SourcePos pos,
                   const Occurrence& at = {}) {
  ctx.Fail(id, BusinessLocation(ctx, group, pos, at));
}

// XML access where the model is not enough, on entries of the shared index
// (the DocIndex holds every element while the rules run; -1 is "none"
// throughout and every helper accepts it). Elements are matched by local
// name under the syntax's own containers, so prefixes do not matter.
using Entry = DocIndex::Entry;

// The local name the rules match an entry by: as the official paths see
// it when its prefix is short, "" (no name matches) when the prefix runs
// past 16 bytes (the rules look for the colon among the first 16 only).
inline std::string_view NameOf(const Entry& e) {
  return e.prefix_size < 16 ? e.local : std::string_view();
}
// True when entry `e` has that local name (any prefix).
inline bool EntryNamed(const Entry& e, std::string_view local) {
  return e.prefix_size < 16 && ShortEqual(e.local, local);
}
// The first of sibling `from` and those after it named `local`.
inline int32_t NamedFrom(const DocIndex& d, int32_t from,
                         std::string_view local) {
  for (int32_t c = from; c >= 0; c = d[c].next) {
    if (EntryNamed(d[c], local)) return c;
  }
  return -1;
}
// First child of `parent` named `local`; the next sibling of `e` so named.
inline int32_t FirstChild(const DocIndex& d, int32_t parent,
                          std::string_view local) {
  return parent < 0 ? -1 : NamedFrom(d, d[parent].first_child, local);
}
inline int32_t NextSibling(const DocIndex& d, int32_t e,
                           std::string_view local) {
  return e < 0 ? -1 : NamedFrom(d, d[e].next, local);
}
// Calls f(c) for each element child c of `i` named `local`, in order.
template <typename F>
void ForEachNamed(const DocIndex& d, int32_t i, std::string_view local, F&& f) {
  if (i < 0) return;
  for (int32_t c = d[i].first_child; c >= 0; c = d[c].next) {
    if (EntryNamed(d[c], local)) f(c);
  }
}
// Calls f(c, NameOf(child)) for each element child c of `i`, in order.
template <typename F>
void ForEachChild(const DocIndex& d, int32_t i, F&& f) {
  if (i < 0) return;
  for (int32_t c = d[i].first_child; c >= 0; c = d[c].next) f(c, NameOf(d[c]));
}
// Calls f(c, key) for each element child c of `i`, in order, with its
// Entry::key: for the walks that pass most children over on their key
// (KeySwitch) and take NameOf only for the few they act on.
template <typename F>
void ForEachChildKey(const DocIndex& d, int32_t i, F&& f) {
  if (i < 0) return;
  for (int32_t c = d[i].first_child; c >= 0; c = d[c].next) f(c, d[c].key);
}

// The character data of leaf `e`, untrimmed ("" when none): every text and
// CDATA piece joined, as XPath's string value reads it even when a comment
// splits the value (reading only the first piece, as the rules once did,
// fired BR-CO-04/10/14/15 and BR-47/48 where the official XSLT is silent).
std::string_view ChildValue(const DocIndex& d, int32_t e);
// ChildValue with XML whitespace trimmed: the index keeps it so
// (Entry::text).
inline std::string_view TrimmedText(const DocIndex& d, int32_t e) {
  return e < 0 ? std::string_view() : d[e].text;
}
// xs:decimal() of the trimmed text of `e`; nullopt when it is no decimal
// (a dynamic error upstream) or `e` is -1.
inline std::optional<Decimal> DecimalOf(const DocIndex& d, int32_t e) {
  return Decimal::Parse(TrimmedText(d, e));
}
// The value of attribute `name` of `e` ("" when absent), and whether it
// is there. Namespace declarations are never asked for, so an entry
// without other attributes answers without a search.
inline bool HasAttribute(const DocIndex& d, int32_t e, std::string_view name) {
  return e >= 0 && d[e].has_attributes &&
         d.elements().FindAttribute(e, name) != nullptr;
}
inline std::string_view AttributeValue(const DocIndex& d, int32_t e,
                                       std::string_view name) {
  if (e < 0 || !d[e].has_attributes) return {};
  const xml::ElementIndex::Attribute* a = d.elements().FindAttribute(e, name);
  return a == nullptr ? std::string_view() : a->value;
}
// Untyped value of `e` cast to xs:double (vat::UntypedDoubleText); nullopt
// for -1.
std::optional<double> UntypedDoubleAt(const DocIndex& d, int32_t e,
                                      bool* error);

// Digits with at most one point, at least one digit, up to 18 bytes: an
// xs:decimal (and xs:double) lexical that is >= 0, as vat::ParseFixed would
// find it, told without building the value.
inline bool PlainUnsignedDecimal(std::string_view text) {
  if (text.empty() || text.size() > 18) return false;
  bool point = false;
  bool digit = false;
  for (const char c : text) {
    if (c >= '0' && c <= '9') {
      digit = true;
    } else if (c == '.' && !point) {
      point = true;
    } else {
      return false;
    }
  }
  return digit;
}

// Sibling elements of one name, first to last, found in one pass over their
// parent so that walking them never scans past the last one.
struct Span {
  int32_t first = -1;
  int32_t last = -1;
  std::string_view local;
  // A second name taken alike (UBL lines: cac:InvoiceLine and
  // cac:CreditNoteLine, whatever the root); "" for none.
  std::string_view alt;
  // The element after `e` (one of the span), -1 past the end.
  int32_t Next(const DocIndex& d, int32_t e) const {
    if (e < 0 || e == last) return -1;
    for (int32_t c = d[e].next; c >= 0; c = d[c].next) {
      if (EntryNamed(d[c], local) || (!alt.empty() && EntryNamed(d[c], alt))) {
        return c;
      }
    }
    return -1;
  }
  void Add(int32_t e) {
    if (first < 0) first = e;
    last = e;
  }
};

struct CoreXml;

// BR-CO-10's sum of the UBL lines' cbc:LineExtensionAmount as the official
// test takes it: xs:decimal() of each line's one amount (two in one line,
// or text that is no decimal, is a dynamic error), rounded as BR-CO-10
// rounds. The line rules add each line as their walk of its children finds
// the amounts, so that the totals rules need not walk the lines again.
class UblLineSum {
 public:
  // Adds line element `line`, whose first amount is entry `amount` (-1:
  // none) and which has `count` of them.
  void Add(const CoreXml& x, int32_t line, int32_t amount, int count);
  // Adds line element `line`, looking for its amounts.
  void Add(const CoreXml& x, int32_t line);
  // Round2 of the sum; nullopt on a dynamic error.
  std::optional<Decimal> Rounded() const;

 private:
  vat::FixedSum sum_;  // exact; no Decimal per line
  bool error_ = false;
};

// BR-CO-10's CII sum, xs:decimal(sum(every line's ram:LineTotalAmount))
// rounded, as CiiRoundedLineSum takes it: fn:sum of untyped nodes in
// xs:double, line after line in document order (a double sum depends on
// its order). The line rules add each line as their walk finds its amount,
// so that the totals rules need not walk every line's settlement again.
class CiiLineSum {
 public:
  // Adds line element `line`: `amount` is its only ram:LineTotalAmount (-1:
  // none) when `known` (one settlement with one summation holding one
  // amount at most), else the line's amounts are looked for.
  void Add(const DocIndex& d, int32_t line, int32_t amount, bool known);
  // Round2 of the sum in xs:double; nullopt when an amount is no double.
  std::optional<Decimal> Rounded() const;

 private:
  void AddAmount(const DocIndex& d, int32_t amount);
  double sum_ = 0;
  bool error_ = false;
};

// BG-22's terms, in the order of business_core_totals.cpp's name tables.
enum TotalsTerm : std::size_t {
  kTermLineNet,
  kTermAllowance,
  kTermCharge,
  kTermExclusive,
  kTermInclusive,
  kTermPrepaid,
  kTermRounding,
  kTermPayable,
  kTerms
};
// The first element of each term under a totals element (-1 when none) and
// how many there are: xs:decimal() of a path needs exactly one.
struct TermElements {
  std::array<int32_t, kTerms> first;
  std::array<int, kTerms> count{};
};
// In one pass over totals element `node` (UBL cac:LegalMonetaryTotal, CII
// header monetary summation; -1: none).
TermElements TermElementsOf(const DocIndex& d, int32_t node, bool ubl);

// The containers and repeated elements the core rules read from the XML,
// located once per run (the model does not keep them, or keeps one).
struct CoreXml {
  const DocIndex& d;
  int32_t root = -1;
  // UBL root children.
  int32_t issue_date = -1;          // cbc:IssueDate
  int32_t tax_point_date = -1;      // cbc:TaxPointDate
  int32_t monetary_total = -1;      // cac:LegalMonetaryTotal
  int32_t tax_representative = -1;  // cac:TaxRepresentativeParty
  Span invoice_periods{-1, -1, "InvoicePeriod", {}};
  Span tax_totals{-1, -1, "TaxTotal", {}};
  Span additional_documents{-1, -1, "AdditionalDocumentReference", {}};
  Span billing_references{-1, -1, "BillingReference", {}};
  Span supplier_parties{-1, -1, "AccountingSupplierParty", {}};
  Span customer_parties{-1, -1, "AccountingCustomerParty", {}};
  Span tax_representatives{-1, -1, "TaxRepresentativeParty", {}};
  Span deliveries{-1, -1, "Delivery", {}};
  // CII containers.
  int32_t transaction = -1;  // rsm:SupplyChainTradeTransaction
  int32_t agreement = -1;    // ram:ApplicableHeaderTradeAgreement
  int32_t settlement = -1;   // ram:ApplicableHeaderTradeSettlement
  int32_t summation = -1;    // ...HeaderMonetarySummation
  // Every UBL cac:LegalMonetaryTotal / CII header monetary summation (the
  // official context matches each; the model reads the first), and every
  // CII rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement
  // (the tests' absolute paths sum over all of them).
  // Inline (one each, as a rule): no allocation per document.
  vat::Small<int32_t> totals;
  // The terms of totals[0] (none without one): BR-CO-15 and the BG-22 rules
  // both ask, one walk serves them.
  TermElements first_terms;
  vat::Small<int32_t> settlements;
  Span invoice_references{-1, -1, "InvoiceReferencedDocument", {}};
  Span tax_total_amounts{-1, -1, "TaxTotalAmount", {}};
  // Both: UBL root / CII header settlement children; breakdown = UBL
  // TaxSubtotal of the TaxTotal the model reads BG-23 from, CII header
  // ram:ApplicableTradeTax.
  Span payment_means;
  Span allowances;
  Span breakdown;
  Span periods_cii{-1, -1, "BillingSpecifiedPeriod", {}};
  Span lines;
  // The reader reported nothing: every amount present in the XML is in the
  // model, so an absent one needs no look at the XML.
  bool reader_exact = false;
  // UBL: every element named PartyTaxScheme, when the VAT rules' walk found
  // them (BusinessShared); null: BR-CO-09 looks for them.
  const std::vector<int32_t>* party_tax_schemes = nullptr;
  // UBL: the VAT rules' evaluator (BusinessShared), null when absent.
  ubl_vat::UblVat* ubl_vat = nullptr;
  // UBL: the sum of every line element's amount, once the line rules took
  // it (CheckLineRules); null: BR-CO-10 walks the lines.
  const UblLineSum* line_sum = nullptr;
  // CII: the same, CiiLineSum; null: BR-CO-10 walks the lines.
  const CiiLineSum* cii_line_sum = nullptr;

  explicit CoreXml(const RunContext& ctx);
};

// UBL BR-09, BR-11, BR-20, BR-57: the context is every address reached from
// the root children `first` (a span of CoreXml) by `address`, one or two
// names (repeated elements included at each step; the model keeps the
// first), and the test
// normalize-space(cac:Country/cbc:IdentificationCode) != '' over every
// cac:Country: no code or an empty one fails, two codes are a dynamic
// error, which reports nothing. With `exists_only` the test is exists(...)
// instead (BR-57).
void CheckUblCountryCode(const RunContext& ctx, const CoreXml& x,
                         const Span& first,
                         std::initializer_list<std::string_view> address,
                         std::string_view rule, bool exists_only = false);

// exists(parent/local): the model's amount, or, when the reader could not
// parse it, the element itself.
inline bool Present(const CoreXml& x, const Amount& a, int32_t parent,
                    std::string_view local) {
  return a.has_value() ||
         (!x.reader_exact && FirstChild(x.d, parent, local) >= 0);
}
// string-length(substring-after(element, '.')) > 2 on the text as written
// (untrimmed) of entry `element`; the model's scale when the element is
// not at hand (-1).
// Inline: the rules ask it of every amount, and the usual answer (a leaf
// with two decimals) takes a few instructions.
bool NestedTooManyDecimals(const DocIndex& d, int32_t element);
inline bool TooManyDecimalsAt(const DocIndex& d, const Amount& a,
                              int32_t element) {
  if (element < 0) return a && a->scale() > 2;
  // A leaf amount's text is in the index: no scratch string to build.
  if (d[element].first_child < 0) return OverTwoDecimals(d[element].raw);
  return NestedTooManyDecimals(d, element);
}
// The first `a` and first `b` children of `parent` (-1 when none, or when
// `parent` is -1), found in one pass: the rules ask about an amount twice
// (exists, decimals).
struct FirstTwo {
  int32_t a = -1;
  int32_t b = -1;
};
FirstTwo FirstChildren(const DocIndex& d, int32_t parent, std::string_view a,
                       std::string_view b);
// Present() on such an entry.
inline bool PresentAt(const CoreXml& x, const Amount& a, int32_t element) {
  return a.has_value() || (!x.reader_exact && element >= 0);
}

// The VAT-scheme filter of the official rules, which the model does not
// keep, on entries of the shared index. UBL:
// `parent`/`element`[cac:TaxScheme/normalize-space(upper-case(cbc:ID))=
// 'VAT']; CII: `parent`/`element`[upper-case(ram:TypeCode)='VAT']
// (`element` "" tests `parent` itself). Returns the first match, -1 when
// none or when `parent` is -1.
int32_t VatCategoryEntry(const RunContext& ctx, int32_t parent,
                         std::string_view element);
// UBL: whether cac:TaxScheme entry `scheme` (-1: none) says VAT, as
// VatCategoryEntry tests the last one of an element.
bool UblSchemeIsVat(const DocIndex& d, int32_t scheme);
// The category code child of a VatCategoryEntry match (UBL cbc:ID, CII
// ram:CategoryCode) and its rate (cbc:Percent, ram:RateApplicablePercent);
// -1 when none or when `category` is -1.
int32_t CategoryCodeEntry(const RunContext& ctx, int32_t category);
int32_t RateEntry(const RunContext& ctx, int32_t category);
// A category under the VAT scheme with its code and rate children (-1
// throughout when none).
struct VatCategory {
  int32_t el = -1;
  int32_t code = -1;  // CategoryCodeEntry
  int32_t rate = -1;  // RateEntry
};
// VatCategoryEntry(ctx, category, "") with its code and rate. UBL
// categories come from the VAT rules' look at them (x.ubl_vat) when it
// made one: no second walk of their children.
VatCategory VatCategoryOf(const RunContext& ctx, const CoreXml& x,
                          int32_t category, bool line = false);
// VatCategoryOf the first `element` child of `parent` under the VAT scheme
// (VatCategoryEntry(ctx, parent, element)). `line`: UBL line categories
// (cac:ClassifiedTaxCategory).
VatCategory FirstVatCategory(const RunContext& ctx, const CoreXml& x,
                             int32_t parent, std::string_view element,
                             bool line = false);
// CII only: a header ram:ApplicableTradeTax of category O, L or M under the
// VAT type code. The official rules for those categories take the
// breakdown element itself as context and come before the generic
// breakdown rule in the pattern, so the first matching rule wins and the
// generic rule's asserts (BR-45..BR-48, BR-CO-03, BR-CO-17, BR-DEC-19,
// BR-DEC-20) never run on it.
bool ShadowedCiiBreakdown(const RunContext& ctx, int32_t tax);
// What the breakdown rules read of a CII header ram:ApplicableTradeTax
// (-1: none), found in one pass over its children where the general
// helpers take one each.
struct CiiBreakdownXml {
  bool shadowed = false;  // ShadowedCiiBreakdown
  VatCategory category;   // VatCategoryOf
  FirstTwo amounts;       // FirstChildren: ram:BasisAmount, CalculatedAmount
};
CiiBreakdownXml CiiBreakdownOf(const DocIndex& d, int32_t tax);

// BR-29/BR-30 (end not before start) and BR-CO-19/BR-CO-20 (some date) on
// a period element, with each syntax's comparison: UBL casts to xs:date,
// CII compares the format-102 strings. `code_counts`: UBL BG-14 also
// accepts a period holding only BT-8.
struct PeriodVerdict {
  bool ordered = true;
  bool filled = true;
};
PeriodVerdict CheckPeriod(const RunContext& ctx, int32_t period,
                          bool code_counts);

// Which allowance/charge rule context an element is in. UBL casts
// cbc:ChargeIndicator to xs:boolean, as the model's `indicator_valid` /
// `is_charge` do; CII compares ram:ChargeIndicator/udt:Indicator with the
// strings 'false' and 'true' ("0" and "1" match neither).
enum class ChargeContext { kNone, kAllowance, kCharge };
ChargeContext ChargeContextOf(const RunContext& ctx, int32_t element,
                              bool indicator_valid, bool is_charge);

// CII BR-52 on the ram:AdditionalReferencedDocument children of `parent`.
void CheckAdditionalDocuments(const RunContext& ctx, int32_t parent);

// BR-CO-17's test on a breakdown's amounts (null: absent; `rate` under the
// VAT scheme only): |BT-117| - 1 < round2(|BT-116| x BT-119 div 100) <
// |BT-117| + 1, the bounds excluded (`strict`, UBL) or included (CII); with
// no rate, or one that rounds to zero, BT-117 must round to zero.
bool VatAmountWithinOne(const Decimal& tax, const Decimal* rate,
                        const Decimal* taxable, bool strict);
// The same in 64 bits, the usual case; nullopt when it cannot tell (values
// too large, long rates): VatAmountWithinOne decides.
std::optional<bool> SmallVatAmountWithinOne(const Decimal& tax,
                                            const Decimal* rate,
                                            const Decimal* taxable,
                                            bool strict);

// CII totals in xs:double where the official tests do untyped arithmetic
// (business_core_totals_cii.cpp). BR-CO-11 and BR-CO-12 (indexed by
// `charges`), from one walk of the allowances and charges: nullopt when the
// official test raises an error or there is no summation.
std::array<std::optional<bool>, 2> CiiDocTotalsOk(const CoreXml& x,
                                                  int32_t summation);
// BR-CO-10's round(xs:decimal(sum(every line's ram:LineTotalAmount)) * 10 *
// 10) div 100; nullopt on a cast error.
std::optional<Decimal> CiiRoundedLineSum(const CoreXml& x);
void CheckCiiVatTotal(const RunContext& ctx, const CoreXml& x);  // BR-CO-14
// BR-DEC-13 / BR-DEC-15 on one summation; `fail(id)` reports.
void CheckCiiVatTotalDecimals(
    const RunContext& ctx, int32_t summation,
    const std::function<void(std::string_view)>& fail);

// The families of business_core*.cpp.
void CheckHeaderRules(const RunContext& ctx, const CoreXml& x);  // root
void CheckPartyRules(const RunContext& ctx, const CoreXml& x);   // parties
void CheckTotalsRules(const RunContext& ctx, const CoreXml& x);  // BG-20..23
// BG-25..32; adds every UBL line element to `sum`, every CII one to
// `cii_sum`, when given.
void CheckLineRules(const RunContext& ctx, const CoreXml& x,
                    UblLineSum* sum = nullptr, CiiLineSum* cii_sum = nullptr);

}  // namespace chorus::rules::core

#endif  // CHORUS_SRC_RULES_BUSINESS_CORE_H_

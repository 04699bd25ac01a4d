// Internals of the core business rules (BR-01..BR-65, BR-CO-*, BR-DEC-*),
// split by concern over business_core*.cpp. The rules run on the model;
// the few places where the model cannot tell what an official assertion
// inspects read the XML through the helpers below. Internal to src/rules/.
#ifndef CHORUS_SRC_RULES_BUSINESS_CORE_H_
#define CHORUS_SRC_RULES_BUSINESS_CORE_H_

#include <functional>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "chorus/model/invoice.h"
#include "rules/business_location.h"
#include "rules/engine_internal.h"

namespace chorus::rules::core {

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

// XML access where the model is not enough. Elements are matched by local
// name under the syntax's own containers, so prefixes do not matter.
pugi::xml_node FirstChild(pugi::xml_node parent, std::string_view local);
pugi::xml_node NextSibling(pugi::xml_node node, std::string_view local);
// XPath string value of a node: a view into the document, or into
// `scratch` when its text had to be joined.
std::string_view StringValueOf(pugi::xml_node n, std::string& scratch);
// Untyped value of a node cast to xs:double (vat::UntypedDouble).
std::optional<double> UntypedDoubleOf(pugi::xml_node n, bool* error);
// Trimmed text of an element ("" when null).
std::string_view TrimmedText(pugi::xml_node n);
// The local part of an element's name ("" for non-elements).
std::string_view LocalOf(pugi::xml_node n);
// True when `n` is an element with that local name (any prefix).
bool IsNamed(pugi::xml_node n, std::string_view local);
// The shared index while the core rules run (null otherwise), and the
// entry of `n` in it (-1 when none).
const DocIndex* CurrentIndex();
int32_t IndexEntryOf(pugi::xml_node n);
// Calls f(child, LocalOf(child)) for each element child of `parent`, in
// order, reading names from the shared index when it has `parent`.
// ForEachChildOf: the same from entry `i` of `d`, and f also takes the
// child's entry.
template <typename F>
void ForEachChildOf(const DocIndex& d, int32_t i, F&& f) {
  for (int32_t c = d[i].first_child; c >= 0; c = d[c].next) {
    const DocIndex::Entry& e = d[c];
    // As LocalOf: a prefix is stripped when its colon is among the first
    // 16 bytes.
    f(e.node, e.prefix_size < 16 ? e.local : std::string_view(e.node.name()),
      c);
  }
}
template <typename F>
void ForEachChild(pugi::xml_node parent, F&& f) {
  if (int32_t i = IndexEntryOf(parent); i >= 0) {
    ForEachChildOf(
        *CurrentIndex(), i,
        [&](pugi::xml_node c, std::string_view l, int32_t) { f(c, l); });
    return;
  }
  for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element) f(c, LocalOf(c));
  }
}

// IsNamed on an index entry: IsNamed strips a prefix only when its colon
// is among the first 16 bytes.
inline bool EntryNamed(const DocIndex::Entry& e, std::string_view local) {
  return e.prefix_size < 16 && ShortEqual(e.local, local);
}

// Calls f(c) for each element child c of entry `i` of `d` named `local`
// (as EntryNamed), in order.
template <typename F>
void ForEachNamed(const DocIndex& d, int32_t i, std::string_view local, F&& f) {
  for (int32_t c = d[i].first_child; c >= 0; c = d[c].next) {
    if (EntryNamed(d[c], local)) f(c);
  }
}

// Sibling elements of one name, first to last, found in one pass over their
// parent so that walking them never scans past the last one.
struct Span {
  pugi::xml_node first;
  pugi::xml_node last;
  std::string_view local;
  // A second name taken alike (UBL lines: cac:InvoiceLine and
  // cac:CreditNoteLine, whatever the root); "" for none.
  std::string_view alt;
  pugi::xml_node Next(pugi::xml_node n) const {
    if (!n || n == last) return {};
    if (alt.empty()) return NextSibling(n, local);
    for (pugi::xml_node c = n.next_sibling(); c; c = c.next_sibling()) {
      if (IsNamed(c, local) || IsNamed(c, alt)) return c;
    }
    return {};
  }
  void Add(pugi::xml_node n) {
    if (!first) first = n;
    last = n;
  }
  // Next on index entries: `e` an element of the span, `last_entry` the
  // entry of `last`; -1 past the end.
  int32_t NextEntry(const DocIndex& d, int32_t e, int32_t last_entry) const {
    if (e == last_entry) return -1;
    for (int32_t c = d[e].next; c >= 0; c = d[c].next) {
      if (EntryNamed(d[c], local) || (!alt.empty() && EntryNamed(d[c], alt))) {
        return c;
      }
    }
    return -1;
  }
  // Calls f(entry) for each element, first to last, walking the shared
  // index; false (and no call) when the index does not hold them.
  template <typename F>
  bool ForEachEntry(F&& f) const {
    const DocIndex* d = CurrentIndex();
    const int32_t last_entry = IndexEntryOf(last);
    if (d == nullptr || last_entry < 0) return false;
    for (int32_t e = IndexEntryOf(first); e >= 0;
         e = NextEntry(*d, e, last_entry)) {
      f(e);
    }
    return true;
  }
};

// The containers and repeated elements the core rules read from the XML,
// located once per run (the model does not keep them, or keeps one).
struct CoreXml {
  pugi::xml_node root;
  // UBL root children.
  pugi::xml_node issue_date;          // cbc:IssueDate
  pugi::xml_node tax_point_date;      // cbc:TaxPointDate
  pugi::xml_node monetary_total;      // cac:LegalMonetaryTotal
  pugi::xml_node tax_representative;  // cac:TaxRepresentativeParty
  Span invoice_periods{{}, {}, "InvoicePeriod", {}};
  Span tax_totals{{}, {}, "TaxTotal", {}};
  Span additional_documents{{}, {}, "AdditionalDocumentReference", {}};
  Span billing_references{{}, {}, "BillingReference", {}};
  // CII containers.
  pugi::xml_node transaction;  // rsm:SupplyChainTradeTransaction
  pugi::xml_node agreement;    // ram:ApplicableHeaderTradeAgreement
  pugi::xml_node settlement;   // ram:ApplicableHeaderTradeSettlement
  pugi::xml_node summation;    // ...HeaderMonetarySummation
  // Every UBL cac:LegalMonetaryTotal / CII header monetary summation (the
  // official context matches each; the model reads the first), and every
  // CII rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement
  // (the tests' absolute paths sum over all of them).
  std::vector<pugi::xml_node> totals;
  std::vector<pugi::xml_node> settlements;
  Span invoice_references{{}, {}, "InvoiceReferencedDocument", {}};
  Span tax_total_amounts{{}, {}, "TaxTotalAmount", {}};
  // Both: UBL root / CII header settlement children; breakdown = UBL
  // TaxSubtotal of the TaxTotal the model reads BG-23 from, CII header
  // ram:ApplicableTradeTax.
  Span payment_means;
  Span allowances;
  Span breakdown;
  Span periods_cii{{}, {}, "BillingSpecifiedPeriod", {}};
  Span lines;
  // The reader reported nothing: every amount present in the XML is in the
  // model, so an absent one needs no look at the XML.
  bool reader_exact = false;

  explicit CoreXml(const RunContext& ctx);
};

// exists(parent/local): the model's amount, or, when the reader could not
// parse it, the element itself.
inline bool Present(const CoreXml& x, const Amount& a, pugi::xml_node parent,
                    std::string_view local) {
  return a.has_value() ||
         (!x.reader_exact && parent && FirstChild(parent, local));
}
// string-length(substring-after(element, '.')) > 2 on the text as written
// (untrimmed) of entry `element` of the shared index; the model's scale
// when the element is not at hand (-1).
bool TooManyDecimalsAt(const Amount& a, int32_t element);
// The entries of the first `a` and first `b` children of `parent` (-1 when
// none, or when `parent` is null), found in one pass: the rules ask about
// an amount twice (exists, decimals).
struct FirstTwo {
  int32_t a = -1;
  int32_t b = -1;
};
FirstTwo FirstChildren(pugi::xml_node parent, std::string_view a,
                       std::string_view b);
// Present() on such an entry.
inline bool PresentAt(const CoreXml& x, const Amount& a, int32_t element) {
  return a.has_value() || (!x.reader_exact && element >= 0);
}

// The VAT-scheme filter of the official rules, which the model does not
// keep, on entries of the shared index (which must be set). UBL:
// `parent`/`element`[cac:TaxScheme/normalize-space(upper-case(cbc:ID))=
// 'VAT']; CII: `parent`/`element`[upper-case(ram:TypeCode)='VAT']
// (`element` "" tests `parent` itself). Returns the first match, -1 when
// none or when `parent` is -1.
int32_t VatCategoryEntry(const RunContext& ctx, int32_t parent,
                         std::string_view element);
// The category code child of a VatCategoryEntry match (UBL cbc:ID, CII
// ram:CategoryCode) and its rate (cbc:Percent, ram:RateApplicablePercent);
// -1 when none or when `category` is -1.
int32_t CategoryCodeEntry(const RunContext& ctx, int32_t category);
int32_t RateEntry(const RunContext& ctx, int32_t category);
// CII only: a header ram:ApplicableTradeTax of category O, L or M under the
// VAT type code. The official rules for those categories take the
// breakdown element itself as context and come before the generic
// breakdown rule in the pattern, so the first matching rule wins and the
// generic rule's asserts (BR-45..BR-48, BR-CO-03, BR-CO-17, BR-DEC-19,
// BR-DEC-20) never run on it.
bool ShadowedCiiBreakdown(const RunContext& ctx, pugi::xml_node tax);

// BR-29/BR-30 (end not before start) and BR-CO-19/BR-CO-20 (some date) on
// a period element, with each syntax's comparison: UBL casts to xs:date,
// CII compares the format-102 strings. `code_counts`: UBL BG-14 also
// accepts a period holding only BT-8.
struct PeriodVerdict {
  bool ordered = true;
  bool filled = true;
};
PeriodVerdict CheckPeriod(const RunContext& ctx, pugi::xml_node period,
                          bool code_counts);

// Which allowance/charge rule context an element is in. UBL casts
// cbc:ChargeIndicator to xs:boolean, as the model's `indicator_valid` /
// `is_charge` do; CII compares ram:ChargeIndicator/udt:Indicator with the
// strings 'false' and 'true' ("0" and "1" match neither).
enum class ChargeContext { kNone, kAllowance, kCharge };
ChargeContext ChargeContextOf(const RunContext& ctx, pugi::xml_node element,
                              bool indicator_valid, bool is_charge);

// CII BR-52 on the ram:AdditionalReferencedDocument children of `parent`.
void CheckAdditionalDocuments(const RunContext& ctx, pugi::xml_node parent);

// CII totals in xs:double where the official tests do untyped arithmetic
// (business_core_totals_cii.cpp). BR-CO-11 / BR-CO-12 (`charges`): nullopt
// when the official test raises an error or there is no summation.
std::optional<bool> CiiDocTotalOk(const CoreXml& x, pugi::xml_node summation,
                                  bool charges);
// BR-CO-10's xs:decimal(sum(every line's ram:LineTotalAmount)); nullopt on
// a cast error.
std::optional<Decimal> CiiLineSum(const CoreXml& x);
void CheckCiiVatTotal(const RunContext& ctx, const CoreXml& x);  // BR-CO-14
// BR-DEC-13 / BR-DEC-15 on one summation; `fail(id)` reports.
void CheckCiiVatTotalDecimals(
    const RunContext& ctx, pugi::xml_node summation,
    const std::function<void(std::string_view)>& fail);

// The families of business_core*.cpp.
void CheckHeaderRules(const RunContext& ctx, const CoreXml& x);  // root
void CheckPartyRules(const RunContext& ctx, const CoreXml& x);   // parties
void CheckTotalsRules(const RunContext& ctx, const CoreXml& x);  // BG-20..23
void CheckLineRules(const RunContext& ctx, const CoreXml& x);    // BG-25..32

}  // namespace chorus::rules::core

#endif  // CHORUS_SRC_RULES_BUSINESS_CORE_H_

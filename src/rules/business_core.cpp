#include "rules/business_core.h"

#include <bit>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include "chorus/format/syntax.h"
#include "format/xml_ns.h"
#include "rules/business_internal.h"
#include "rules/business_vat_xml.h"

namespace chorus::rules {
namespace core {

std::string_view LocalOf(pugi::xml_node n) {
  // Prefixes are short: look for the colon near the start only, then let
  // the (vectorised) strlen measure the rest.
  const char* local = n.name();
  for (const char* q = local; *q != '\0' && q - local < 16; ++q) {
    if (*q == ':') {
      local = q + 1;
      break;
    }
  }
  return std::string_view(local);
}

bool IsNamed(pugi::xml_node n, std::string_view local) {
  // Hot: compares in place after the prefix and stops at the first
  // difference, without measuring the name.
  const char* p = n.name();
  for (const char* q = p; *q != '\0' && q - p < 16; ++q) {
    if (*q == ':') {
      p = q + 1;
      break;
    }
  }
  for (char c : local) {
    if (*p != c) return false;  // also stops at the terminating NUL
    ++p;
  }
  return *p == '\0';
}

namespace {

// The shared index of the run being checked, so that the many child
// lookups walk its arrays instead of pugixml's out-of-line accessors. Per
// thread: folders are validated on several threads.
thread_local const DocIndex* current_index = nullptr;

// Entries of nodes recently looked up or handed out (children found), in a
// small direct-mapped table: the rules mostly ask several children of one
// element, or walk on from a child they just found, so most lookups skip
// the index's own table.
struct EntryCache {
  static constexpr std::size_t kSlots = 32;
  const void* node[kSlots] = {};
  int32_t entry[kSlots] = {};
  static std::size_t SlotOf(const void* key) {
    // pugixml node structs are 64 bytes, allocated one after another.
    return (reinterpret_cast<std::uintptr_t>(key) >> 6) % kSlots;
  }
};
thread_local EntryCache entry_cache;

class IndexScope {
 public:
  explicit IndexScope(const DocIndex& index) {
    current_index = &index;
    entry_cache = EntryCache();
  }
  ~IndexScope() {
    current_index = nullptr;
    entry_cache = EntryCache();
  }
  IndexScope(const IndexScope&) = delete;
  IndexScope& operator=(const IndexScope&) = delete;
};

// The node's pointer without pugixml's out-of-line internal_object(): an
// xml_node is that one pointer.
static_assert(sizeof(pugi::xml_node) == sizeof(const void*) &&
              std::is_trivially_copyable_v<pugi::xml_node>);
const void* KeyOf(pugi::xml_node n) { return std::bit_cast<const void*>(n); }

// Index entry of `n` (-1 when not in the index); `d` is current_index.
int32_t EntryOf(const DocIndex& d, pugi::xml_node n) {
  const void* key = KeyOf(n);
  if (key == nullptr) return -1;
  const std::size_t slot = EntryCache::SlotOf(key);
  if (key == entry_cache.node[slot]) return entry_cache.entry[slot];
  int32_t i = d.EntryOf(n);
  entry_cache.node[slot] = key;
  entry_cache.entry[slot] = i;
  return i;
}

// Remembers a child entry the caller is about to hand out.
pugi::xml_node Found(const DocIndex& d, int32_t c) {
  pugi::xml_node n = d[c].node;
  const void* key = KeyOf(n);
  const std::size_t slot = EntryCache::SlotOf(key);
  entry_cache.node[slot] = key;
  entry_cache.entry[slot] = c;
  return n;
}

}  // namespace

pugi::xml_node FirstChild(pugi::xml_node parent, std::string_view local) {
  if (current_index != nullptr) {
    const DocIndex& d = *current_index;
    int32_t i = EntryOf(d, parent);
    if (i >= 0) {
      for (int32_t c = d[i].first_child; c >= 0; c = d[c].next) {
        if (EntryNamed(d[c], local)) return Found(d, c);
      }
      return {};
    }
  }
  for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling()) {
    if (IsNamed(c, local)) return c;
  }
  return {};
}

pugi::xml_node NextSibling(pugi::xml_node node, std::string_view local) {
  if (current_index != nullptr) {
    const DocIndex& d = *current_index;
    int32_t i = EntryOf(d, node);
    if (i >= 0) {
      for (int32_t c = d[i].next; c >= 0; c = d[c].next) {
        if (EntryNamed(d[c], local)) return Found(d, c);
      }
      return {};
    }
  }
  for (pugi::xml_node c = node.next_sibling(); c; c = c.next_sibling()) {
    if (IsNamed(c, local)) return c;
  }
  return {};
}

const DocIndex* CurrentIndex() { return current_index; }

int32_t IndexEntryOf(pugi::xml_node n) {
  return current_index != nullptr ? EntryOf(*current_index, n) : -1;
}

std::string_view StringValueOf(pugi::xml_node n, std::string& scratch) {
  if (current_index != nullptr) {
    int32_t i = EntryOf(*current_index, n);
    if (i >= 0) return current_index->StringValue(i, scratch);
  }
  scratch.clear();
  if (n) AppendStringValue(n, scratch);
  return scratch;
}

std::optional<double> UntypedDoubleOf(pugi::xml_node n, bool* error) {
  if (!n) return std::nullopt;
  std::string scratch;
  return vat::UntypedDoubleText(StringValueOf(n, scratch), error);
}

std::string_view TrimmedText(pugi::xml_node n) {
  if (!n) return {};
  return xml::TrimXml(n.child_value());
}

namespace {

bool IsUpperVat(std::string_view s) {
  if (s.size() != 3) return false;
  auto up = [](char c) { return c >= 'a' && c <= 'z' ? char(c - 32) : c; };
  return up(s[0]) == 'V' && up(s[1]) == 'A' && up(s[2]) == 'T';
}

// IsUpperVat on pugixml's NUL-terminated text, XML-trimmed first when
// `trim`, without measuring it (every line's category asks).
bool IsUpperVatText(const char* p, bool trim) {
  auto space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  };
  auto up = [](char c) { return c >= 'a' && c <= 'z' ? char(c - 32) : c; };
  if (trim) {
    while (space(*p)) ++p;
  }
  // Each test fails on the terminating NUL, so no read passes it.
  if (up(p[0]) != 'V' || up(p[1]) != 'A' || up(p[2]) != 'T') return false;
  p += 3;
  if (trim) {
    while (space(*p)) ++p;
  }
  return *p == '\0';
}

// Whether entry `i` of `d` passes the syntax's VAT-scheme predicate.
bool IsVatCategoryEntry(const RunContext& ctx, const DocIndex& d, int32_t i) {
  const bool ubl = ctx.syntax == Syntax::kUbl;
  // UBL: the last cac:TaxScheme child, CII: the first ram:TypeCode.
  int32_t holder = -1;
  for (int32_t c = d[i].first_child; c >= 0; c = d[c].next) {
    if (EntryNamed(d[c], ubl ? "TaxScheme" : "TypeCode")) {
      holder = c;
      if (!ubl) break;
    }
  }
  if (holder < 0) return false;
  if (!ubl) return IsUpperVatText(d[holder].node.child_value(), false);
  for (int32_t c = d[holder].first_child; c >= 0; c = d[c].next) {
    if (EntryNamed(d[c], "ID")) {
      return IsUpperVatText(d[c].node.child_value(), true);
    }
  }
  return false;
}

}  // namespace

int32_t VatCategoryEntry(const RunContext& ctx, int32_t parent,
                         std::string_view element) {
  if (parent < 0) return -1;
  const DocIndex& d = *current_index;
  if (element.empty()) {
    return IsVatCategoryEntry(ctx, d, parent) ? parent : -1;
  }
  for (int32_t c = d[parent].first_child; c >= 0; c = d[c].next) {
    if (EntryNamed(d[c], element) && IsVatCategoryEntry(ctx, d, c)) return c;
  }
  return -1;
}

namespace {

// First child of entry `parent` named `local`, -1 when none.
int32_t ChildEntry(int32_t parent, std::string_view local) {
  if (parent < 0) return -1;
  const DocIndex& d = *current_index;
  for (int32_t c = d[parent].first_child; c >= 0; c = d[c].next) {
    if (EntryNamed(d[c], local)) return c;
  }
  return -1;
}

}  // namespace

int32_t CategoryCodeEntry(const RunContext& ctx, int32_t category) {
  return ChildEntry(category,
                    ctx.syntax == Syntax::kUbl ? "ID" : "CategoryCode");
}

int32_t RateEntry(const RunContext& ctx, int32_t category) {
  return ChildEntry(category, ctx.syntax == Syntax::kUbl
                                  ? "Percent"
                                  : "RateApplicablePercent");
}

bool ShadowedCiiBreakdown(const RunContext& ctx, pugi::xml_node tax) {
  if (ctx.syntax == Syntax::kUbl || !tax) return false;
  // [upper-case(ram:TypeCode) = 'VAT']: upper-case() of two type codes is
  // an error, and a pattern that raises one matches nothing.
  pugi::xml_node type = FirstChild(tax, "TypeCode");
  if (!type || NextSibling(type, "TypeCode") ||
      !IsUpperVat(type.child_value())) {
    return false;
  }
  // [ram:CategoryCode = 'O'] holds when any category code is 'O'.
  for (pugi::xml_node c = FirstChild(tax, "CategoryCode"); c;
       c = NextSibling(c, "CategoryCode")) {
    std::string_view code = c.child_value();
    if (code == "O" || code == "L" || code == "M") return true;
  }
  return false;
}

namespace {

// string-length(substring-after(text, '.')) > 2. It counts the text as
// written, untrimmed: "100.00 " has three characters after the point and
// fails although the model reads it as 100.00.
bool OverTwoDecimals(std::string_view text) {
  std::size_t dot = text.find('.');
  if (dot == std::string::npos) return false;
  std::size_t chars = 0;
  for (std::size_t i = dot + 1; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++chars;
  }
  return chars > 2;
}

}  // namespace

FirstTwo FirstChildren(pugi::xml_node parent, std::string_view a,
                       std::string_view b) {
  FirstTwo out;
  const int32_t p = IndexEntryOf(parent);
  if (p < 0) return out;
  const DocIndex& d = *current_index;
  for (int32_t c = d[p].first_child; c >= 0; c = d[c].next) {
    if (out.a < 0 && EntryNamed(d[c], a)) out.a = c;
    if (out.b < 0 && EntryNamed(d[c], b)) out.b = c;
  }
  return out;
}

bool TooManyDecimalsAt(const Amount& a, int32_t element) {
  if (element < 0) return a && a->scale() > 2;
  const DocIndex& d = *current_index;
  // A leaf amount's text is in the index: no scratch string to build.
  if (d[element].first_child < 0) return OverTwoDecimals(d[element].raw);
  std::string scratch;
  return OverTwoDecimals(d.StringValue(element, scratch));
}

PeriodVerdict CheckPeriod(const RunContext& ctx, pugi::xml_node period,
                          bool code_counts) {
  PeriodVerdict v;
  if (ctx.syntax == Syntax::kUbl) {
    pugi::xml_node start = FirstChild(period, "StartDate");
    pugi::xml_node end = FirstChild(period, "EndDate");
    if (start && end) {
      // A value that is no xs:date stops the official validation: failed.
      std::optional<Date> s = Date::ParseIso(TrimmedText(start));
      std::optional<Date> e = Date::ParseIso(TrimmedText(end));
      v.ordered = s && e && *e >= *s;
    }
    v.filled =
        start || end || (code_counts && FirstChild(period, "DescriptionCode"));
    return v;
  }
  pugi::xml_node start = FirstChild(period, "StartDateTime");
  pugi::xml_node end = FirstChild(period, "EndDateTime");
  if (start && end) {
    auto dated = [](pugi::xml_node n) -> pugi::xml_node {
      for (pugi::xml_node d = FirstChild(n, "DateTimeString"); d;
           d = NextSibling(d, "DateTimeString")) {
        if (std::string_view(d.attribute("format").value()) == "102") return d;
      }
      return {};
    };
    pugi::xml_node s = dated(start);
    pugi::xml_node e = dated(end);
    // Untyped against untyped: a string comparison of the texts.
    v.ordered =
        s && e &&
        std::string_view(e.child_value()) >= std::string_view(s.child_value());
  }
  v.filled = start || end;
  return v;
}

ChargeContext ChargeContextOf(const RunContext& ctx, pugi::xml_node element,
                              bool indicator_valid, bool is_charge) {
  if (ctx.syntax == Syntax::kUbl || !element) {
    if (!indicator_valid) return ChargeContext::kNone;
    return is_charge ? ChargeContext::kCharge : ChargeContext::kAllowance;
  }
  bool allowance = false, charge = false;
  for (pugi::xml_node ci = FirstChild(element, "ChargeIndicator"); ci;
       ci = NextSibling(ci, "ChargeIndicator")) {
    for (pugi::xml_node i = FirstChild(ci, "Indicator"); i;
         i = NextSibling(i, "Indicator")) {
      std::string_view v = i.child_value();
      allowance = allowance || v == "false";
      charge = charge || v == "true";
    }
  }
  // The allowance rule comes first in the pattern, so it wins.
  if (allowance) return ChargeContext::kAllowance;
  return charge ? ChargeContext::kCharge : ChargeContext::kNone;
}

CoreXml::CoreXml(const RunContext& ctx) {
  root = ctx.doc.dom.document_element();
  reader_exact = ctx.read.diagnostics.empty();
  const Invoice& inv = ctx.read.invoice;
  if (ctx.syntax == Syntax::kUbl) {
    payment_means.local = "PaymentMeans";
    allowances.local = "AllowanceCharge";
    breakdown.local = "TaxSubtotal";
    // As the reader: either line element, whatever the root.
    lines.local = "InvoiceLine";
    lines.alt = "CreditNoteLine";
    ForEachChild(root, [&](pugi::xml_node c, std::string_view l) {
      if (ShortEqual(l, lines.local) || ShortEqual(l, lines.alt)) {
        lines.Add(c);
      } else if (ShortEqual(l, "IssueDate")) {
        if (!issue_date) issue_date = c;
      } else if (ShortEqual(l, "TaxPointDate")) {
        if (!tax_point_date) tax_point_date = c;
      } else if (ShortEqual(l, "LegalMonetaryTotal")) {
        if (!monetary_total) monetary_total = c;
        totals.push_back(c);
      } else if (ShortEqual(l, "TaxRepresentativeParty")) {
        if (!tax_representative) tax_representative = c;
      } else if (ShortEqual(l, "InvoicePeriod")) {
        invoice_periods.Add(c);
      } else if (ShortEqual(l, "TaxTotal")) {
        tax_totals.Add(c);
      } else if (ShortEqual(l, "AdditionalDocumentReference")) {
        additional_documents.Add(c);
      } else if (ShortEqual(l, "BillingReference")) {
        billing_references.Add(c);
      } else if (ShortEqual(l, "PaymentMeans")) {
        payment_means.Add(c);
      } else if (ShortEqual(l, "AllowanceCharge")) {
        allowances.Add(c);
      }
    });
    // As the UBL reader: BG-23 comes from the first TaxTotal that is not in
    // the accounting currency only.
    for (pugi::xml_node t = tax_totals.first; t; t = tax_totals.Next(t)) {
      std::string_view cur = xml::TrimXml(
          FirstChild(t, "TaxAmount").attribute("currencyID").value());
      bool accounting = inv.accounting_currency &&
                        cur == *inv.accounting_currency &&
                        !(inv.currency && cur == *inv.currency);
      if (accounting) continue;
      for (pugi::xml_node st = FirstChild(t, "TaxSubtotal"); st;
           st = NextSibling(st, "TaxSubtotal")) {
        breakdown.Add(st);
      }
      break;
    }
    return;
  }
  payment_means.local = "SpecifiedTradeSettlementPaymentMeans";
  allowances.local = "SpecifiedTradeAllowanceCharge";
  breakdown.local = "ApplicableTradeTax";
  lines.local = "IncludedSupplyChainTradeLineItem";
  transaction = FirstChild(root, "SupplyChainTradeTransaction");
  ForEachChild(transaction, [&](pugi::xml_node c, std::string_view l) {
    if (ShortEqual(l, lines.local)) {
      lines.Add(c);
    } else if (ShortEqual(l, "ApplicableHeaderTradeAgreement")) {
      if (!agreement) agreement = c;
    } else if (ShortEqual(l, "ApplicableHeaderTradeSettlement")) {
      if (!settlement) settlement = c;
    }
  });
  ForEachChild(settlement, [&](pugi::xml_node c, std::string_view l) {
    if (ShortEqual(l, "ApplicableTradeTax")) {
      breakdown.Add(c);
    } else if (ShortEqual(l, "SpecifiedTradeAllowanceCharge")) {
      allowances.Add(c);
    } else if (ShortEqual(l, "SpecifiedTradeSettlementPaymentMeans")) {
      payment_means.Add(c);
    } else if (ShortEqual(l, "BillingSpecifiedPeriod")) {
      periods_cii.Add(c);
    } else if (ShortEqual(l, "InvoiceReferencedDocument")) {
      invoice_references.Add(c);
    } else if (ShortEqual(l,
                          "SpecifiedTradeSettlementHeaderMonetarySummation")) {
      if (!summation) summation = c;
    }
  });
  for (pugi::xml_node c = FirstChild(summation, "TaxTotalAmount"); c;
       c = NextSibling(c, "TaxTotalAmount")) {
    tax_total_amounts.Add(c);
  }
  constexpr std::string_view kSummation =
      "SpecifiedTradeSettlementHeaderMonetarySummation";
  for (pugi::xml_node t = transaction; t;
       t = NextSibling(t, "SupplyChainTradeTransaction")) {
    for (pugi::xml_node st = FirstChild(t, "ApplicableHeaderTradeSettlement");
         st; st = NextSibling(st, "ApplicableHeaderTradeSettlement")) {
      settlements.push_back(st);
      for (pugi::xml_node m = FirstChild(st, kSummation); m;
           m = NextSibling(m, kSummation)) {
        totals.push_back(m);
      }
    }
  }
}

}  // namespace core

void CheckCoreBusinessRules(const RunContext& ctx) {
  core::IndexScope scope(ctx.Index());
  const core::CoreXml x(ctx);
  core::CheckHeaderRules(ctx, x);
  core::CheckPartyRules(ctx, x);
  core::CheckTotalsRules(ctx, x);
  core::CheckLineRules(ctx, x);
}

}  // namespace chorus::rules

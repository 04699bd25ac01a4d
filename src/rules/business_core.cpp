#include "rules/business_core.h"

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "chorus/format/syntax.h"
#include "format/xml_ns.h"
#include "rules/business_internal.h"
#include "rules/business_vat_ubl.h"
#include "rules/business_vat_xml.h"

namespace chorus::rules {
namespace core {

std::string_view ChildValue(const DocIndex& d, int32_t e) {
  // The index joins text split by comments or CDATA sections, as XPath's
  // string value does; pugixml's child_value() would stop at the first piece.
  if (e < 0) return {};
  return d[e].raw;
}

void CheckUblCountryCode(const RunContext& ctx, const CoreXml& x,
                         const Span& first,
                         std::initializer_list<std::string_view> address,
                         std::string_view rule, bool exists_only) {
  const DocIndex& d = x.d;
  auto check = [&](int32_t a) {
    int codes = 0;
    int32_t code = -1;
    ForEachNamed(d, a, "Country", [&](int32_t country) {
      ForEachNamed(d, country, "IdentificationCode", [&](int32_t k) {
        ++codes;
        code = k;
      });
    });
    bool fails = codes == 0;
    if (!exists_only && codes == 1) fails = d[code].text.empty();
    if (fails) ctx.Fail(rule, a);
  };
  // Two nested walks, not a recursion over the steps: the addresses lie
  // one or two steps below `first`.
  const std::string_view outer = address.begin()[0];
  const bool two = address.size() > 1;
  const std::string_view inner = two ? address.begin()[1] : outer;
  for (int32_t c = first.first; c >= 0; c = first.Next(d, c)) {
    ForEachNamed(d, c, outer, [&](int32_t o) {
      if (two) {
        ForEachNamed(d, o, inner, check);
      } else {
        check(o);
      }
    });
  }
}

std::optional<double> UntypedDoubleAt(const DocIndex& d, int32_t e,
                                      bool* error) {
  if (e < 0) return std::nullopt;
  std::string scratch;
  return vat::UntypedDoubleText(d.StringValue(e, scratch), error);
}

namespace {

using vat::IsUpperVat;

// Whether entry `i` of `d` passes the syntax's VAT-scheme predicate.
bool IsVatCategoryEntry(const RunContext& ctx, const DocIndex& d, int32_t i) {
  const bool ubl = ctx.syntax == Syntax::kUbl;
  // UBL: the last cac:TaxScheme child, CII: the first ram:TypeCode.
  int32_t holder = -1;
  for (int32_t c = d[i].first_child; c >= 0; c = d[c].next) {
    if (EntryNamed(d[c], Either(ubl, "TaxScheme", "TypeCode"))) {
      holder = c;
      if (!ubl) break;
    }
  }
  if (holder < 0) return false;
  if (!ubl) return IsUpperVat(ChildValue(d, holder));
  return UblSchemeIsVat(d, holder);
}

}  // namespace

bool UblSchemeIsVat(const DocIndex& d, int32_t scheme) {
  if (scheme < 0) return false;
  for (int32_t c = d[scheme].first_child; c >= 0; c = d[c].next) {
    if (EntryNamed(d[c], "ID")) return IsUpperVat(d[c].text);
  }
  return false;
}

int32_t VatCategoryEntry(const RunContext& ctx, int32_t parent,
                         std::string_view element) {
  if (parent < 0) return -1;
  const DocIndex& d = ctx.Index();
  if (element.empty()) {
    return IsVatCategoryEntry(ctx, d, parent) ? parent : -1;
  }
  for (int32_t c = d[parent].first_child; c >= 0; c = d[c].next) {
    if (EntryNamed(d[c], element) && IsVatCategoryEntry(ctx, d, c)) return c;
  }
  return -1;
}

int32_t CategoryCodeEntry(const RunContext& ctx, int32_t category) {
  return FirstChild(ctx.Index(), category,
                    Either(ctx.syntax == Syntax::kUbl, "ID", "CategoryCode"));
}

int32_t RateEntry(const RunContext& ctx, int32_t category) {
  return FirstChild(
      ctx.Index(), category,
      Either(ctx.syntax == Syntax::kUbl, "Percent", "RateApplicablePercent"));
}

VatCategory VatCategoryOf(const RunContext& ctx, const CoreXml& x,
                          int32_t category, bool line) {
  if (category < 0) return {};
  if (x.ubl_vat != nullptr) {
    if (const ubl_vat::Cat* c = x.ubl_vat->CategoryAt(category, line)) {
      if (!c->core_vat) return {};
      return {category, c->core_code, c->core_rate};
    }
  }
  if (!IsVatCategoryEntry(ctx, x.d, category)) return {};
  return {category, CategoryCodeEntry(ctx, category), RateEntry(ctx, category)};
}

VatCategory FirstVatCategory(const RunContext& ctx, const CoreXml& x,
                             int32_t parent, std::string_view element,
                             bool line) {
  const DocIndex& d = x.d;
  for (int32_t c = parent < 0 ? -1 : d[parent].first_child; c >= 0;
       c = d[c].next) {
    if (!EntryNamed(d[c], element)) continue;
    if (VatCategory v = VatCategoryOf(ctx, x, c, line); v.el >= 0) return v;
  }
  return {};
}

bool ShadowedCiiBreakdown(const RunContext& ctx, int32_t tax) {
  if (ctx.syntax == Syntax::kUbl || tax < 0) return false;
  const DocIndex& d = ctx.Index();
  // [upper-case(ram:TypeCode) = 'VAT']: upper-case() of two type codes is
  // an error, and a pattern that raises one matches nothing.
  const int32_t type = FirstChild(d, tax, "TypeCode");
  if (type < 0 || NextSibling(d, type, "TypeCode") >= 0 ||
      !IsUpperVat(ChildValue(d, type))) {
    return false;
  }
  // [ram:CategoryCode = 'O'] holds when any category code is 'O'.
  for (int32_t c = FirstChild(d, tax, "CategoryCode"); c >= 0;
       c = NextSibling(d, c, "CategoryCode")) {
    std::string_view code = ChildValue(d, c);
    if (code == "O" || code == "L" || code == "M") return true;
  }
  return false;
}

CiiBreakdownXml CiiBreakdownOf(const DocIndex& d, int32_t tax) {
  CiiBreakdownXml out;
  int32_t type = -1, code = -1, rate = -1;
  bool one_type = true, shadowing_code = false;
  auto keep = [](int32_t& slot, int32_t c) {
    if (slot < 0) slot = c;
  };
  ForEachChild(d, tax, [&](int32_t c, std::string_view l) {
    if (ShortEqual(l, "TypeCode")) {
      one_type = one_type && type < 0;
      keep(type, c);
    } else if (ShortEqual(l, "CategoryCode")) {
      keep(code, c);
      const std::string_view v = ChildValue(d, c);
      shadowing_code = shadowing_code || v == "O" || v == "L" || v == "M";
    } else if (ShortEqual(l, "RateApplicablePercent")) {
      keep(rate, c);
    } else if (ShortEqual(l, "BasisAmount")) {
      keep(out.amounts.a, c);
    } else if (ShortEqual(l, "CalculatedAmount")) {
      keep(out.amounts.b, c);
    }
  });
  // VatCategoryOf tests the first type code; ShadowedCiiBreakdown wants it
  // to be the only one.
  const bool vat = type >= 0 && IsUpperVat(ChildValue(d, type));
  out.shadowed = vat && one_type && shadowing_code;
  if (vat) out.category = {tax, code, rate};
  return out;
}

FirstTwo FirstChildren(const DocIndex& d, int32_t parent, std::string_view a,
                       std::string_view b) {
  FirstTwo out;
  if (parent < 0) return out;
  for (int32_t c = d[parent].first_child; c >= 0; c = d[c].next) {
    if (out.a < 0 && EntryNamed(d[c], a)) out.a = c;
    if (out.b < 0 && EntryNamed(d[c], b)) out.b = c;
  }
  return out;
}

bool NestedTooManyDecimals(const DocIndex& d, int32_t element) {
  std::string scratch;
  return OverTwoDecimals(d.StringValue(element, scratch));
}

PeriodVerdict CheckPeriod(const RunContext& ctx, int32_t period,
                          bool code_counts) {
  const DocIndex& d = ctx.Index();
  PeriodVerdict v;
  if (ctx.syntax == Syntax::kUbl) {
    const FirstTwo dates = FirstChildren(d, period, "StartDate", "EndDate");
    const int32_t start = dates.a, end = dates.b;
    if (start >= 0 && end >= 0) {
      // A value that is no xs:date stops the official validation: failed.
      std::optional<Date> s = Date::ParseIso(TrimmedText(d, start));
      std::optional<Date> e = Date::ParseIso(TrimmedText(d, end));
      v.ordered = s && e && *e >= *s;
    }
    v.filled = start >= 0 || end >= 0 ||
               (code_counts && FirstChild(d, period, "DescriptionCode") >= 0);
    return v;
  }
  const FirstTwo dates =
      FirstChildren(d, period, "StartDateTime", "EndDateTime");
  const int32_t start = dates.a, end = dates.b;
  if (start >= 0 && end >= 0) {
    auto dated = [&](int32_t n) -> int32_t {
      for (int32_t c = FirstChild(d, n, "DateTimeString"); c >= 0;
           c = NextSibling(d, c, "DateTimeString")) {
        if (AttributeValue(d, c, "format") == "102") return c;
      }
      return -1;
    };
    const int32_t s = dated(start);
    const int32_t e = dated(end);
    // Untyped against untyped: a string comparison of the texts.
    v.ordered = s >= 0 && e >= 0 && ChildValue(d, e) >= ChildValue(d, s);
  }
  v.filled = start >= 0 || end >= 0;
  return v;
}

ChargeContext ChargeContextOf(const RunContext& ctx, int32_t element,
                              bool indicator_valid, bool is_charge) {
  if (ctx.syntax == Syntax::kUbl || element < 0) {
    if (!indicator_valid) return ChargeContext::kNone;
    return is_charge ? ChargeContext::kCharge : ChargeContext::kAllowance;
  }
  const DocIndex& d = ctx.Index();
  bool allowance = false, charge = false;
  ForEachNamed(d, element, "ChargeIndicator", [&](int32_t ci) {
    ForEachNamed(d, ci, "Indicator", [&](int32_t i) {
      std::string_view v = ChildValue(d, i);
      allowance = allowance || v == "false";
      charge = charge || v == "true";
    });
  });
  // The allowance rule comes first in the pattern, so it wins.
  if (allowance) return ChargeContext::kAllowance;
  return charge ? ChargeContext::kCharge : ChargeContext::kNone;
}

namespace {

// The UBL root children CoreXml keeps, by name: one table probe per child
// instead of a chain of name tests (KeySwitch).
enum UblRootChild : uint8_t {
  kNotRead,
  kLine,
  kCreditLine,
  kIssueDate,
  kTaxPointDate,
  kMonetaryTotal,
  kTaxRepresentative,
  kParty,  // AccountingSupplierParty / ...CustomerParty: one key
  kDelivery,
  kInvoicePeriod,
  kTaxTotal,
  kAdditionalDocument,
  kBillingReference,
  kPaymentMeans,
  kAllowance,
  kUblRootChildren
};
constexpr std::string_view kUblRootNames[kUblRootChildren] = {
    "",
    "InvoiceLine",
    "CreditNoteLine",
    "IssueDate",
    "TaxPointDate",
    "LegalMonetaryTotal",
    "TaxRepresentativeParty",
    "",
    "Delivery",
    "InvoicePeriod",
    "TaxTotal",
    "AdditionalDocumentReference",
    "BillingReference",
    "PaymentMeans",
    "AllowanceCharge"};
constexpr KeySwitch<6> kUblRoot = {
    {"InvoiceLine", kLine},
    {"CreditNoteLine", kCreditLine},
    {"IssueDate", kIssueDate},
    {"TaxPointDate", kTaxPointDate},
    {"LegalMonetaryTotal", kMonetaryTotal},
    {"TaxRepresentativeParty", kTaxRepresentative},
    {"AccountingSupplierParty", kParty},
    {"AccountingCustomerParty", kParty},
    {"Delivery", kDelivery},
    {"InvoicePeriod", kInvoicePeriod},
    {"TaxTotal", kTaxTotal},
    {"AdditionalDocumentReference", kAdditionalDocument},
    {"BillingReference", kBillingReference},
    {"PaymentMeans", kPaymentMeans},
    {"AllowanceCharge", kAllowance},
};

}  // namespace

CoreXml::CoreXml(const RunContext& ctx) : d(ctx.Index()) {
  root = d.size() > 0 ? 0 : -1;
  reader_exact = ctx.read.diagnostics.empty();
  const Invoice& inv = ctx.read.invoice;
  if (ctx.syntax == Syntax::kUbl) {
    payment_means.local = "PaymentMeans";
    allowances.local = "AllowanceCharge";
    breakdown.local = "TaxSubtotal";
    // As the reader: either line element, whatever the root.
    lines.local = "InvoiceLine";
    lines.alt = "CreditNoteLine";
    auto keep = [](int32_t& slot, int32_t c) {
      if (slot < 0) slot = c;
    };
    ForEachChildKey(d, root, [&](int32_t c, uint64_t key) {
      const uint8_t a = kUblRoot(key);
      if (a == kNotRead) return;
      const std::string_view l = NameOf(d[c]);
      // The key matched (length, first seven bytes): SameTail finishes the
      // comparison ("" from NameOf, a long prefix, has another length).
      // The two parties share a key: their case tells them apart.
      if (a != kParty && !SameTail(l, kUblRootNames[a])) return;
      switch (a) {
        case kLine:
        case kCreditLine:
          lines.Add(c);
          break;
        case kIssueDate:
          keep(issue_date, c);
          break;
        case kTaxPointDate:
          keep(tax_point_date, c);
          break;
        case kMonetaryTotal:
          keep(monetary_total, c);
          totals.push_back(c);
          break;
        case kTaxRepresentative:
          keep(tax_representative, c);
          tax_representatives.Add(c);
          break;
        case kParty:
          if (SameTail(l, "AccountingSupplierParty")) {
            supplier_parties.Add(c);
          } else if (SameTail(l, "AccountingCustomerParty")) {
            customer_parties.Add(c);
          }
          break;
        case kDelivery:
          deliveries.Add(c);
          break;
        case kInvoicePeriod:
          invoice_periods.Add(c);
          break;
        case kTaxTotal:
          tax_totals.Add(c);
          break;
        case kAdditionalDocument:
          additional_documents.Add(c);
          break;
        case kBillingReference:
          billing_references.Add(c);
          break;
        case kPaymentMeans:
          payment_means.Add(c);
          break;
        case kAllowance:
          allowances.Add(c);
          break;
        default:
          break;
      }
    });
    // As the UBL reader: BG-23 comes from the first TaxTotal that is not in
    // the accounting currency only.
    for (int32_t t = tax_totals.first; t >= 0; t = tax_totals.Next(d, t)) {
      std::string_view cur = xml::TrimXml(
          AttributeValue(d, FirstChild(d, t, "TaxAmount"), "currencyID"));
      bool accounting = inv.accounting_currency &&
                        cur == *inv.accounting_currency &&
                        !(inv.currency && cur == *inv.currency);
      if (accounting) continue;
      ForEachNamed(d, t, "TaxSubtotal", [&](int32_t st) { breakdown.Add(st); });
      break;
    }
    first_terms = TermElementsOf(d, totals.empty() ? -1 : totals[0], true);
    return;
  }
  payment_means.local = "SpecifiedTradeSettlementPaymentMeans";
  allowances.local = "SpecifiedTradeAllowanceCharge";
  breakdown.local = "ApplicableTradeTax";
  lines.local = "IncludedSupplyChainTradeLineItem";
  constexpr std::string_view kTransaction = "SupplyChainTradeTransaction";
  constexpr std::string_view kSettlement = "ApplicableHeaderTradeSettlement";
  constexpr std::string_view kSummation =
      "SpecifiedTradeSettlementHeaderMonetarySummation";
  transaction = FirstChild(d, root, kTransaction);
  // The first transaction's and first settlement's walks also collect
  // every settlement and summation in them: only further ones need walks
  // of their own.
  ForEachChild(d, transaction, [&](int32_t c, std::string_view l) {
    if (ShortEqual(l, lines.local)) {
      lines.Add(c);
    } else if (ShortEqual(l, "ApplicableHeaderTradeAgreement")) {
      if (agreement < 0) agreement = c;
    } else if (ShortEqual(l, kSettlement)) {
      if (settlement < 0) settlement = c;
      settlements.push_back(c);
    }
  });
  ForEachChild(d, settlement, [&](int32_t c, std::string_view l) {
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
    } else if (ShortEqual(l, kSummation)) {
      if (summation < 0) summation = c;
      totals.push_back(c);
    }
  });
  ForEachNamed(d, summation, "TaxTotalAmount",
               [&](int32_t c) { tax_total_amounts.Add(c); });
  auto add_totals = [&](int32_t st) {
    ForEachNamed(d, st, kSummation, [&](int32_t m) { totals.push_back(m); });
  };
  for (std::size_t i = 1; i < settlements.size(); ++i) {
    add_totals(settlements[i]);
  }
  for (int32_t t = NextSibling(d, transaction, kTransaction); t >= 0;
       t = NextSibling(d, t, kTransaction)) {
    ForEachNamed(d, t, kSettlement, [&](int32_t st) {
      settlements.push_back(st);
      add_totals(st);
    });
  }
  first_terms = TermElementsOf(d, totals.empty() ? -1 : totals[0], false);
}

}  // namespace core

void CheckCoreBusinessRules(const RunContext& ctx,
                            const BusinessShared& shared) {
  core::CoreXml x(ctx);
  x.party_tax_schemes = shared.party_tax_schemes;
  x.ubl_vat = shared.ubl_vat;
  core::CheckHeaderRules(ctx, x);
  core::CheckPartyRules(ctx, x);
  // The lines before the totals: their walk takes BR-CO-10's line sum.
  // The two report different rules, and CheckRules sorts the findings by
  // line and rule: the order they run in does not show.
  core::UblLineSum line_sum;
  core::CiiLineSum cii_line_sum;
  const bool ubl = ctx.syntax == Syntax::kUbl;
  core::CheckLineRules(ctx, x, ubl ? &line_sum : nullptr,
                       ubl ? nullptr : &cii_line_sum);
  if (ubl) {
    x.line_sum = &line_sum;
  } else {
    x.cii_line_sum = &cii_line_sum;
  }
  core::CheckTotalsRules(ctx, x);
}

}  // namespace chorus::rules

// Rules whose context is the document root (BR-01..BR-16, BR-53, BR-CO-03,
// BR-CO-15, BR-CO-18) and the invoicing period (BR-29, BR-CO-19).
#include <cstddef>
#include <optional>
#include <string_view>

#include "rules/business_core.h"
#include "rules/business_vat_xml.h"

namespace chorus::rules::core {
namespace {

using G = BusinessGroup;

// Calls f(entry, currency) for each element carrying BT-110 / BT-111: UBL
// /*/cac:TaxTotal/cbc:TaxAmount, CII .../ram:TaxTotalAmount (of the first
// summation, or with `all_summations` of every one). The model keeps one of
// each, but the rules count them and compare their currencyID.
template <typename F>
void EachTaxTotalAmount(const RunContext& ctx, const CoreXml& x, F&& f,
                        bool all_summations = false) {
  const DocIndex& d = x.d;
  auto visit = [&](int32_t a) { f(a, AttributeValue(d, a, "currencyID")); };
  if (ctx.syntax == Syntax::kUbl) {
    for (int32_t t = x.tax_totals.first; t >= 0; t = x.tax_totals.Next(d, t)) {
      ForEachNamed(d, t, "TaxAmount", visit);
    }
    return;
  }
  // One summation, the first settlement's: its amounts are the span the
  // constructor collected, no second walk over the summation's children.
  if (!all_summations || (x.totals.size() == 1 && x.totals[0] == x.summation)) {
    for (int32_t a = x.tax_total_amounts.first; a >= 0;
         a = x.tax_total_amounts.Next(d, a)) {
      visit(a);
    }
    return;
  }
  for (int32_t m : x.totals) ForEachNamed(d, m, "TaxTotalAmount", visit);
}

void CheckBr53(const RunContext& ctx, const CoreXml& x) {
  const Invoice& inv = ctx.read.invoice;
  if (!inv.accounting_currency) return;
  const std::string& tax_currency = *inv.accounting_currency;
  bool found = false;
  EachTaxTotalAmount(ctx, x, [&](int32_t, std::string_view currency) {
    if (currency == tax_currency) found = true;
  });
  if (ctx.syntax == Syntax::kUbl) {
    if (!found) FailAt(ctx, "BR-53", G::kRoot, inv.pos);
    return;
  }
  // CII: context BG-22; the accounting currency must also differ from the
  // invoice currency.
  if (!inv.totals) return;
  bool same = inv.currency && *inv.currency == tax_currency;
  if (!found || same) FailAt(ctx, "BR-53", G::kTotals, inv.totals->pos);
}

// UBL BR-CO-15: cac:LegalMonetaryTotal/xs:decimal(cbc:TaxInclusiveAmount) =
// round((cac:LegalMonetaryTotal/xs:decimal(cbc:TaxExclusiveAmount) + VAT)
// * 10 * 10) div 100. Two totals groups (or two amounts in one) make the
// official xs:decimal() or "+" a type error that stops validation; here
// that is a failed assertion, never a pass on the first group alone.
// `vat`: the text of the one VAT total in the document currency (false
// when it is no decimal).
bool UblTotalsOk(const CoreXml& x, std::string_view vat) {
  const DocIndex& d = x.d;
  // x.totals: every cac:LegalMonetaryTotal child of the root, in order; one
  // look at each group's children (the first's taken once for every rule)
  // finds both amounts. Every way to fail answers false, so their order
  // does not matter.
  int32_t exclusive = -1;
  int exclusives = 0;
  vat::Small<int32_t> inclusives;  // each group's one TaxInclusiveAmount
  for (std::size_t i = 0; i < x.totals.size(); ++i) {
    const TermElements terms =
        i == 0 ? x.first_terms : TermElementsOf(d, x.totals[i], true);
    if (terms.count[kTermExclusive] > 0) {
      exclusives += terms.count[kTermExclusive];
      exclusive = terms.first[kTermExclusive];
    }
    if (terms.count[kTermInclusive] > 1) return false;
    if (terms.count[kTermInclusive] == 1)
      inclusives.push_back(terms.first[kTermInclusive]);
  }
  // () + VAT is (): the comparison is false.
  if (exclusives != 1) return false;
  // Exact, in 64 bits while the amounts allow (vat::FixedSum).
  vat::FixedSum sum;
  if (!sum.Add(TrimmedText(d, exclusive))) return false;
  if (!sum.Add(vat)) return false;  // no decimal
  const vat::FixedSum expected = sum.Round2();
  bool equal = false;
  for (int32_t i : inclusives) {
    std::optional<bool> same = expected.EqualsText(TrimmedText(d, i));
    if (!same) return false;
    if (*same) equal = true;  // "=" on a sequence: any item
  }
  return equal;
}

void CheckBrCo15(const RunContext& ctx, const CoreXml& x) {
  const Invoice& inv = ctx.read.invoice;
  if (!inv.currency) return;  // every $c in (): true
  const std::string& currency = *inv.currency;
  const bool ubl = ctx.syntax == Syntax::kUbl;
  int count = 0;
  // CII: the first amount in the currency that is a decimal. UBL: the
  // first amount in the currency; it needs exactly one, a decimal, which
  // UblTotalsOk tells as it parses it (one parse, not two).
  int32_t vat = -1;
  // The root context counts the amounts of every CII summation.
  EachTaxTotalAmount(
      ctx, x,
      [&](int32_t n, std::string_view cur) {
        if (cur != currency) return;
        ++count;
        if (vat < 0 && (ubl || vat::IsDecimalText(TrimmedText(x.d, n)))) {
          vat = n;
        }
      },
      true);
  bool ok;
  if (ubl) {
    ok = count == 1 && UblTotalsOk(x, TrimmedText(x.d, vat));
  } else {
    Amount exclusive, inclusive;
    if (inv.totals) {
      exclusive = inv.totals->tax_exclusive;
      inclusive = inv.totals->tax_inclusive;
    }
    const bool sum_ok = count == 1 && vat >= 0 && exclusive && inclusive &&
                        *inclusive == Round2(*exclusive + *DecimalOf(x.d, vat));
    ok = sum_ok || (exclusive && inclusive && *inclusive == *exclusive);
  }
  if (!ok) FailAt(ctx, "BR-CO-15", G::kRoot, inv.pos);
}

bool UblHasTaxSubtotal(const CoreXml& x) {
  for (int32_t t = x.tax_totals.first; t >= 0; t = x.tax_totals.Next(x.d, t)) {
    if (FirstChild(x.d, t, "TaxSubtotal") >= 0) return true;
  }
  return false;
}

// Every document level period element (the model keeps one, and drops a
// date it cannot parse, which the rules still see).
void CheckInvoicingPeriods(const RunContext& ctx, const CoreXml& x) {
  const bool ubl = ctx.syntax == Syntax::kUbl;
  const Span& periods = ubl ? x.invoice_periods : x.periods_cii;
  const std::optional<Period>& model = ctx.read.invoice.invoicing_period;
  if (periods.first == periods.last && model && model->start && model->end) {
    // One period with two readable dates: the model tells all.
    if (*model->end < *model->start) {
      ctx.Fail("BR-29", periods.first);
    }
    return;
  }
  for (int32_t p = periods.first; p >= 0; p = periods.Next(x.d, p)) {
    PeriodVerdict v = CheckPeriod(ctx, p, ubl);
    if (!v.ordered) ctx.Fail("BR-29", p);
    if (!v.filled) ctx.Fail("BR-CO-19", p);
  }
}

// BR-CO-03 looks for the elements, whatever their values (the model drops
// a date it cannot parse, and keeps the first of several periods).
bool TaxPointDateAndCode(const RunContext& ctx, const CoreXml& x) {
  if (ctx.syntax == Syntax::kUbl) {
    if (x.tax_point_date < 0) return false;
    for (int32_t p = x.invoice_periods.first; p >= 0;
         p = x.invoice_periods.Next(x.d, p)) {
      if (FirstChild(x.d, p, "DescriptionCode") >= 0) return true;
    }
    return false;
  }
  bool date = false, code = false;
  for (int32_t t = x.breakdown.first; t >= 0; t = x.breakdown.Next(x.d, t)) {
    const FirstTwo found =
        FirstChildren(x.d, t, "TaxPointDate", "DueDateTypeCode");
    date = date || found.a >= 0;
    code = code || found.b >= 0;
  }
  return date && code;
}

}  // namespace

void CheckHeaderRules(const RunContext& ctx, const CoreXml& x) {
  const Invoice& inv = ctx.read.invoice;
  const bool ubl = ctx.syntax == Syntax::kUbl;
  const SourcePos at = inv.pos;
  if (!Filled(inv.specification_id)) FailAt(ctx, "BR-01", G::kRoot, at);
  if (!Filled(inv.number)) FailAt(ctx, "BR-02", G::kRoot, at);
  // BR-03 asks for text, not a valid date: the model drops bad dates.
  const DocIndex& d = x.d;
  int32_t issue =
      ubl ? x.issue_date
          : FirstChild(d,
                       FirstChild(d, FirstChild(d, x.root, "ExchangedDocument"),
                                  "IssueDateTime"),
                       "DateTimeString");
  if (!ubl && AttributeValue(d, issue, "format") != "102") issue = -1;
  if (TrimmedText(d, issue).empty()) FailAt(ctx, "BR-03", G::kRoot, at);
  if (!Filled(inv.type_code)) FailAt(ctx, "BR-04", G::kRoot, at);
  if (!Filled(inv.currency)) FailAt(ctx, "BR-05", G::kRoot, at);
  if (!inv.seller || !Filled(inv.seller->name)) {
    FailAt(ctx, "BR-06", G::kRoot, at);
  }
  if (!inv.buyer || !Filled(inv.buyer->name)) {
    FailAt(ctx, "BR-07", G::kRoot, at);
  }
  bool seller_address = inv.seller && inv.seller->address;
  bool buyer_address = inv.buyer && inv.buyer->address;
  if (!seller_address) FailAt(ctx, "BR-08", G::kRoot, at);
  if (!buyer_address) FailAt(ctx, "BR-10", G::kRoot, at);
  if (ubl) {
    CheckUblCountryCode(ctx, x, x.supplier_parties, {"Party", "PostalAddress"},
                        "BR-09");
    CheckUblCountryCode(ctx, x, x.customer_parties, {"Party", "PostalAddress"},
                        "BR-11");
  } else {
    if (!seller_address || !Filled(inv.seller->address->country)) {
      FailAt(ctx, "BR-09", G::kRoot, at);
    }
    if (!buyer_address || !Filled(inv.buyer->address->country)) {
      FailAt(ctx, "BR-11", G::kRoot, at);
    }
  }
  if (inv.lines.empty()) FailAt(ctx, "BR-16", G::kRoot, at);
  CheckBr53(ctx, x);
  CheckBrCo15(ctx, x);

  bool exclusive = !TaxPointDateAndCode(ctx, x);
  if (ubl) {
    if (!exclusive) FailAt(ctx, "BR-CO-03", G::kRoot, at);
    if (!UblHasTaxSubtotal(x)) FailAt(ctx, "BR-CO-18", G::kRoot, at);
  } else {
    // CII: context is each BG-23 (BR-CO-03) and each line (BR-CO-18).
    if (!exclusive) {
      const std::size_t n = inv.vat_breakdown.size();
      int32_t node = x.breakdown.first;
      for (std::size_t i = 0; i < n; ++i, node = x.breakdown.Next(d, node)) {
        if (ShadowedCiiBreakdown(ctx, node)) continue;
        FailAt(ctx, "BR-CO-03", G::kVatBreakdown, inv.vat_breakdown[i].pos,
               {i, n});
      }
    }
    if (inv.vat_breakdown.empty()) {
      const std::size_t n = inv.lines.size();
      for (std::size_t i = 0; i < n; ++i) {
        FailAt(ctx, "BR-CO-18", G::kLine, inv.lines[i].pos, {i, n});
      }
    }
  }
  CheckInvoicingPeriods(ctx, x);
}

}  // namespace chorus::rules::core

// The CII totals rules whose official tests do arithmetic on untyped
// values: fn:sum of untyped nodes, `. * 100` and the comparison of an
// untyped node with a number all work in xs:double ("1e3" is 1000, and
// 999.995 + 500 + 2500 is 3999.99499...). Only where the test casts with
// xs:decimal() does it compute in decimal.
#include <array>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "format/xml_ns.h"
#include "rules/business_core.h"
#include "rules/business_vat_xml.h"

namespace chorus::rules::core {
namespace {

// fn:sum over untyped nodes; error when one is no xs:double.
struct DoubleSum {
  double sum = 0;
  bool error = false;
  std::string scratch;
  // Adds entry `i` of `d` (nothing for -1).
  void Add(const DocIndex& d, int32_t i) {
    if (i < 0) return;
    std::optional<double> v =
        vat::UntypedDoubleText(d.StringValue(i, scratch), &error);
    if (v) sum += *v;
  }
};

// round(x * 10 * 10) div 100 (or round(x * 100) div 100) in xs:double.
double Round2Double(double d, bool ten_ten) {
  double scaled = ten_ten ? d * 10 * 10 : d * 100;
  return vat::RoundDouble(scaled) / 100;
}

// `nodes = value`, a general comparison: some node, cast to xs:double,
// equals it. `*error` when one does not cast.
bool SomeEquals(const DocIndex& d, int32_t parent, std::string_view local,
                double value, bool* error) {
  bool found = false;
  ForEachNamed(d, parent, local, [&](int32_t n) {
    std::optional<double> v = UntypedDoubleAt(d, n, error);
    found = found || (v && *v == value);
  });
  return found;
}

// xs:boolean cast of an untyped value: nullopt when not a boolean lexical.
// Normalizing the space would keep any inner run as a space, which no
// boolean lexical has: trimming the ends answers alike.
std::optional<bool> BooleanOf(std::string_view value) {
  const std::string_view v = xml::TrimXml(value);
  if (v == "true" || v == "1") return true;
  if (v == "false" || v == "0") return false;
  return std::nullopt;
}

// Calls f(c) for each child named span.local of every element of
// `parents`, in order. When the one parent is `first`, the element CoreXml
// made `span` from, the span answers: no look at the other children.
template <typename F>
void ForEachUnder(const CoreXml& x, const vat::Small<int32_t>& parents,
                  int32_t first, const Span& span, F&& f) {
  if (parents.size() == 1 && parents[0] == first) {
    for (int32_t c = span.first; c >= 0; c = span.Next(x.d, c)) f(c);
    return;
  }
  for (int32_t p : parents) ForEachNamed(x.d, p, span.local, f);
}

}  // namespace

std::array<std::optional<bool>, 2> CiiDocTotalsOk(const CoreXml& x,
                                                  int32_t summation) {
  std::array<std::optional<bool>, 2> out;
  if (summation < 0) return out;
  const DocIndex& d = x.d;
  bool error = false;  // an indicator that does not cast: both tests raise
  bool any[2] = {false, false};
  DoubleSum sums[2];
  std::string scratch;
  // [ram:ChargeIndicator/udt:Indicator = false()]: the untyped indicator is
  // cast to xs:boolean ("0" and "1" count); a general comparison, true when
  // one indicator casts to the value, an error when one does not cast.
  // Every header settlement's allowances and charges.
  ForEachUnder(x, x.settlements, x.settlement, x.allowances, [&](int32_t a) {
    bool match[2] = {false, false};  // by value: [false()], [true()]
    ForEachNamed(d, a, "ChargeIndicator", [&](int32_t ci) {
      ForEachNamed(d, ci, "Indicator", [&](int32_t i) {
        std::optional<bool> b = BooleanOf(d.StringValue(i, scratch));
        if (!b) {
          error = true;
        } else {
          match[*b] = true;
        }
      });
    });
    if (!match[0] && !match[1]) return;
    const int32_t amount = FirstChild(d, a, "ActualAmount");  // [1]
    for (bool charges : {false, true}) {
      if (!match[charges]) continue;
      any[charges] = true;
      sums[charges].Add(d, amount);
    }
  });
  for (bool charges : {false, true}) {
    const std::string_view total =
        Either(charges, "ChargeTotalAmount", "AllowanceTotalAmount");
    bool total_error = error;
    bool ok = (!any[charges] && FirstChild(d, summation, total) < 0) ||
              SomeEquals(d, summation, total,
                         Round2Double(sums[charges].sum, true), &total_error);
    if (!total_error && !sums[charges].error) out[charges] = ok;
  }
  return out;
}

std::optional<Decimal> CiiRoundedLineSum(const CoreXml& x) {
  // xs:decimal(sum(...LineTotalAmount)): every amount of every line, summed
  // as xs:double, then cast (the exact decimal of the double) and rounded
  // to two decimals.
  const DocIndex& d = x.d;
  DoubleSum s;
  constexpr std::string_view kSum =
      "SpecifiedTradeSettlementLineMonetarySummation";
  // x.lines.Next with the name known here: compared inline, word by word.
  constexpr std::string_view kLine = "IncludedSupplyChainTradeLineItem";
  for (int32_t l = x.lines.first; l >= 0;
       l = l == x.lines.last ? -1 : NamedFrom(d, d[l].next, kLine)) {
    ForEachNamed(d, l, "SpecifiedLineTradeSettlement", [&](int32_t st) {
      ForEachNamed(d, st, kSum, [&](int32_t m) {
        ForEachNamed(d, m, "LineTotalAmount", [&](int32_t a) { s.Add(d, a); });
      });
    });
  }
  if (s.error) return std::nullopt;
  return vat::Round2FromDouble(s.sum);
}

void CheckCiiVatTotal(const RunContext& ctx, const CoreXml& x) {
  // BR-CO-14, context each ram:TaxTotalAmount in the invoice currency:
  // . = round(sum(every header ram:CalculatedAmount) * 10 * 10) div 100.
  const Invoice& inv = ctx.read.invoice;
  if (!inv.currency) return;
  const DocIndex& d = x.d;
  DoubleSum s;
  ForEachUnder(x, x.settlements, x.settlement, x.breakdown, [&](int32_t t) {
    ForEachNamed(d, t, "CalculatedAmount", [&](int32_t c) { s.Add(d, c); });
  });
  const double expected = Round2Double(s.sum, true);
  ForEachUnder(x, x.totals, x.summation, x.tax_total_amounts, [&](int32_t a) {
    if (AttributeValue(d, a, "currencyID") != *inv.currency) return;
    bool error = s.error;
    std::optional<double> v = UntypedDoubleAt(d, a, &error);
    if (error || !v || *v != expected) ctx.Fail("BR-CO-14", a);
  });
}

void CheckCiiVatTotalDecimals(
    const RunContext& ctx, int32_t summation,
    const std::function<void(std::string_view)>& fail) {
  // BR-DEC-13 / BR-DEC-15: some ram:TaxTotalAmount passes
  // ". = round(. * 100) div 100" (in xs:double) in the given currency, or
  // is in another one.
  const Invoice& inv = ctx.read.invoice;
  const DocIndex& d = ctx.Index();
  if (FirstChild(d, summation, "TaxTotalAmount") < 0) return;
  bool ok13 = false, ok15 = false;
  ForEachNamed(d, summation, "TaxTotalAmount", [&](int32_t a) {
    std::string_view cur = AttributeValue(d, a, "currencyID");
    bool error = false;
    std::optional<double> v = UntypedDoubleAt(d, a, &error);
    bool two = !error && v && *v == Round2Double(*v, false);
    bool invoice_cur = inv.currency && cur == *inv.currency;
    bool tax_cur = inv.accounting_currency && cur == *inv.accounting_currency;
    if ((invoice_cur && two) || !invoice_cur) ok13 = true;
    if ((tax_cur && two) || !inv.accounting_currency) ok15 = true;
  });
  if (!ok13) fail("BR-DEC-13");
  if (!ok15) fail("BR-DEC-15");
}

}  // namespace chorus::rules::core

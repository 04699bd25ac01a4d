// The CII totals rules whose official tests do arithmetic on untyped
// values: fn:sum of untyped nodes, `. * 100` and the comparison of an
// untyped node with a number all work in xs:double ("1e3" is 1000, and
// 999.995 + 500 + 2500 is 3999.99499...). Only where the test casts with
// xs:decimal() does it compute in decimal.
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "rules/business_core.h"
#include "rules/business_vat_xml.h"

namespace chorus::rules::core {
namespace {

// fn:sum over untyped nodes; error when one is no xs:double.
struct DoubleSum {
  double sum = 0;
  bool error = false;
  void Add(pugi::xml_node n) {
    std::optional<double> v = UntypedDoubleOf(n, &error);
    if (v) sum += *v;
  }
  // Add on entry `i` of `d`.
  void AddEntry(const DocIndex& d, int32_t i, std::string& scratch) {
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
bool SomeEquals(pugi::xml_node parent, std::string_view local, double value,
                bool* error) {
  bool found = false;
  for (pugi::xml_node n = FirstChild(parent, local); n;
       n = NextSibling(n, local)) {
    std::optional<double> v = UntypedDoubleOf(n, error);
    found = found || (v && *v == value);
  }
  return found;
}

}  // namespace

std::optional<bool> CiiDocTotalOk(const CoreXml& x, pugi::xml_node summation,
                                  bool charges) {
  if (!summation) return std::nullopt;
  bool error = false;
  bool any = false;
  DoubleSum s;
  // [ram:ChargeIndicator/udt:Indicator = false()]: the untyped indicator is
  // cast to xs:boolean ("0" and "1" count).
  // Every header settlement's allowances and charges.
  for (pugi::xml_node st : x.settlements) {
    for (pugi::xml_node a = FirstChild(st, "SpecifiedTradeAllowanceCharge"); a;
         a = NextSibling(a, "SpecifiedTradeAllowanceCharge")) {
      vat::Nodes indicators;
      for (pugi::xml_node ci = FirstChild(a, "ChargeIndicator"); ci;
           ci = NextSibling(ci, "ChargeIndicator")) {
        for (pugi::xml_node i = FirstChild(ci, "Indicator"); i;
             i = NextSibling(i, "Indicator")) {
          indicators.push_back(i);
        }
      }
      if (!vat::IndicatorIs(indicators, charges, &error)) continue;
      any = true;
      s.Add(FirstChild(a, "ActualAmount"));  // ram:ActualAmount[1]
    }
  }
  const std::string_view total =
      charges ? "ChargeTotalAmount" : "AllowanceTotalAmount";
  bool ok = (!any && !FirstChild(summation, total)) ||
            SomeEquals(summation, total, Round2Double(s.sum, true), &error);
  if (error || s.error) return std::nullopt;
  return ok;
}

std::optional<Decimal> CiiLineSum(const CoreXml& x) {
  // xs:decimal(sum(...LineTotalAmount)): every amount of every line, summed
  // as xs:double, then cast (the shortest decimal of the double).
  DoubleSum s;
  constexpr std::string_view kSum =
      "SpecifiedTradeSettlementLineMonetarySummation";
  // Hot on long invoices: walk the index.
  std::string scratch;
  const DocIndex* d = CurrentIndex();
  const bool indexed = x.lines.ForEachEntry([&](int32_t l) {
    ForEachNamed(*d, l, "SpecifiedLineTradeSettlement", [&](int32_t st) {
      ForEachNamed(*d, st, kSum, [&](int32_t m) {
        ForEachNamed(*d, m, "LineTotalAmount",
                     [&](int32_t a) { s.AddEntry(*d, a, scratch); });
      });
    });
  });
  if (indexed) {
    if (s.error) return std::nullopt;
    return vat::FromDouble(s.sum);
  }
  for (pugi::xml_node l = x.lines.first; l; l = x.lines.Next(l)) {
    for (pugi::xml_node st = FirstChild(l, "SpecifiedLineTradeSettlement"); st;
         st = NextSibling(st, "SpecifiedLineTradeSettlement")) {
      for (pugi::xml_node m = FirstChild(st, kSum); m;
           m = NextSibling(m, kSum)) {
        for (pugi::xml_node a = FirstChild(m, "LineTotalAmount"); a;
             a = NextSibling(a, "LineTotalAmount")) {
          s.Add(a);
        }
      }
    }
  }
  if (s.error) return std::nullopt;
  return vat::FromDouble(s.sum);
}

void CheckCiiVatTotal(const RunContext& ctx, const CoreXml& x) {
  // BR-CO-14, context each ram:TaxTotalAmount in the invoice currency:
  // . = round(sum(every header ram:CalculatedAmount) * 10 * 10) div 100.
  const Invoice& inv = ctx.read.invoice;
  if (!inv.currency) return;
  DoubleSum s;
  for (pugi::xml_node st : x.settlements) {
    for (pugi::xml_node t = FirstChild(st, "ApplicableTradeTax"); t;
         t = NextSibling(t, "ApplicableTradeTax")) {
      for (pugi::xml_node c = FirstChild(t, "CalculatedAmount"); c;
           c = NextSibling(c, "CalculatedAmount")) {
        s.Add(c);
      }
    }
  }
  const double expected = Round2Double(s.sum, true);
  for (pugi::xml_node m : x.totals) {
    for (pugi::xml_node a = FirstChild(m, "TaxTotalAmount"); a;
         a = NextSibling(a, "TaxTotalAmount")) {
      if (a.attribute("currencyID").value() != *inv.currency) continue;
      bool error = s.error;
      std::optional<double> v = UntypedDoubleOf(a, &error);
      if (error || !v || *v != expected) ctx.Fail("BR-CO-14", a);
    }
  }
}

void CheckCiiVatTotalDecimals(
    const RunContext& ctx, pugi::xml_node summation,
    const std::function<void(std::string_view)>& fail) {
  // BR-DEC-13 / BR-DEC-15: some ram:TaxTotalAmount passes
  // ". = round(. * 100) div 100" (in xs:double) in the given currency, or
  // is in another one.
  const Invoice& inv = ctx.read.invoice;
  if (!FirstChild(summation, "TaxTotalAmount")) return;
  bool ok13 = false, ok15 = false;
  for (pugi::xml_node a = FirstChild(summation, "TaxTotalAmount"); a;
       a = NextSibling(a, "TaxTotalAmount")) {
    std::string_view cur = a.attribute("currencyID").value();
    bool error = false;
    std::optional<double> v = UntypedDoubleOf(a, &error);
    bool two = !error && v && *v == Round2Double(*v, false);
    bool invoice_cur = inv.currency && cur == *inv.currency;
    bool tax_cur = inv.accounting_currency && cur == *inv.accounting_currency;
    if ((invoice_cur && two) || !invoice_cur) ok13 = true;
    if ((tax_cur && two) || !inv.accounting_currency) ok15 = true;
  }
  if (!ok13) fail("BR-DEC-13");
  if (!ok15) fail("BR-DEC-15");
}

}  // namespace chorus::rules::core

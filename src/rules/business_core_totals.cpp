// Document level allowances and charges (BG-20, BG-21), document totals
// (BG-22) and the VAT breakdown (BG-23): BR-12..BR-15, BR-31..BR-38,
// BR-45..BR-48, BR-CO-05/06, BR-CO-10..BR-CO-17, BR-CO-21/22 and their
// BR-DEC-* companions.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "rules/business_core.h"
#include "rules/business_vat_ubl.h"
#include "rules/business_vat_xml.h"

namespace chorus::rules::core {
namespace {

using G = BusinessGroup;

void CheckDocAllowancesCharges(const RunContext& ctx, const CoreXml& x) {
  const Invoice& inv = ctx.read.invoice;
  const std::size_t n = inv.allowances_charges.size();
  const std::string_view category_element =
      Either(ctx.syntax == Syntax::kUbl, "TaxCategory", "CategoryTradeTax");
  const DocIndex& d = x.d;
  int32_t node = x.allowances.first;
  for (std::size_t i = 0; i < n; ++i, node = x.allowances.Next(d, node)) {
    const AllowanceCharge& a = inv.allowances_charges[i];
    const ChargeContext kind =
        ChargeContextOf(ctx, node, a.indicator_valid, a.is_charge);
    if (kind == ChargeContext::kNone) continue;
    // BT-95 / BT-102 count only under the VAT scheme.
    bool category =
        node >= 0 ? FirstVatCategory(ctx, x, node, category_element).code >= 0
                  : a.vat_category.has_value();
    auto fail = [&](std::string_view id) {
      FailAt(ctx, id, G::kDocAllowanceCharge, a.pos, {i, n});
    };
    bool reason = a.reason || a.reason_code;
    const bool ubl = ctx.syntax == Syntax::kUbl;
    const std::string_view amount = Either(ubl, "Amount", "ActualAmount");
    const std::string_view base = Either(ubl, "BaseAmount", "BasisAmount");
    const FirstTwo el = FirstChildren(d, node, amount, base);
    const bool has_amount = PresentAt(x, a.amount, el.a);
    const bool dec_amount = TooManyDecimalsAt(d, a.amount, el.a);
    const bool dec_base = TooManyDecimalsAt(d, a.base_amount, el.b);
    if (kind == ChargeContext::kAllowance) {
      if (!has_amount) fail("BR-31");
      if (!category) fail("BR-32");
      if (!reason) fail("BR-33");
      // BR-CO-05 is asserted as true() in both artefacts.
      if (!reason) fail("BR-CO-21");
      if (dec_amount) fail("BR-DEC-01");
      if (dec_base) fail("BR-DEC-02");
    } else {
      if (!has_amount) fail("BR-36");
      if (!category) fail("BR-37");
      if (!reason) fail("BR-38");
      // BR-CO-06 is asserted as true() in both artefacts.
      if (!reason) fail("BR-CO-22");
      if (dec_amount) fail("BR-DEC-05");
      if (dec_base) fail("BR-DEC-06");
    }
  }
}

// Σ of the document allowances (or charges) amounts, and whether any is
// present.
struct DocSum {
  Decimal sum;
  bool any = false;
};

DocSum SumDocAmounts(const Invoice& inv, bool charges) {
  DocSum s;
  for (const AllowanceCharge& a : inv.allowances_charges) {
    if (!a.indicator_valid || a.is_charge != charges) continue;
    s.any = true;
    if (a.amount) s.sum += *a.amount;
  }
  return s;
}

// BR-CO-11 / BR-CO-12: the total equals the rounded sum, or neither the
// total nor any allowance (charge) exists.
bool DocTotalOk(const Amount& total, const DocSum& s) {
  if (!total) return !s.any;
  return *total == Round2(s.sum);
}

// BR-CO-13: BT-109 = BT-106 - BT-107 + BT-108, with the terms present.
bool TaxExclusiveOk(const RunContext& ctx, const Totals& t) {
  if (!t.tax_exclusive || !t.line_net_total) return false;
  if (!t.allowance_total && !t.charge_total && ctx.syntax == Syntax::kUbl) {
    return *t.tax_exclusive == *t.line_net_total;  // UBL does not round here
  }
  Decimal expected = *t.line_net_total;
  if (t.charge_total) expected += *t.charge_total;
  if (t.allowance_total) expected -= *t.allowance_total;
  return *t.tax_exclusive == Round2(expected);
}

// BR-CO-16: BT-115 = BT-112 - BT-113 + BT-114.
bool PayableOk(const RunContext& ctx, const Totals& t) {
  if (!t.payable || !t.tax_inclusive) return false;
  const Decimal& payable = *t.payable;
  const Decimal& inclusive = *t.tax_inclusive;
  if (ctx.syntax != Syntax::kUbl) {
    // CII compares exactly, without rounding.
    Decimal expected = inclusive;
    if (t.prepaid) expected -= *t.prepaid;
    if (t.rounding) expected += *t.rounding;
    return payable == expected;
  }
  if (t.prepaid && !t.rounding)
    return payable == Round2(inclusive - *t.prepaid);
  if (!t.prepaid && !t.rounding) return payable == inclusive;
  if (t.prepaid) {
    return Round2(payable - *t.rounding) == Round2(inclusive - *t.prepaid);
  }
  return Round2(payable - *t.rounding) == inclusive;
}

// BR-CO-10 as each artefact sums BT-131 from the XML, where the model
// (first value per line, parsed values only) could hide a dynamic error:
// UBL casts each line's cbc:LineExtensionAmount with xs:decimal() (two in
// one line, or text that is no decimal, stops the official validation);
// CII's fn:sum takes every ram:LineTotalAmount of every line, cast to
// xs:double. Rounded as BR-CO-10 rounds it (Round2); nullopt when the
// official evaluation would raise an error.
std::optional<Decimal> XmlLineSum(const RunContext& ctx, const CoreXml& x) {
  if (ctx.syntax != Syntax::kUbl) {
    if (x.cii_line_sum != nullptr) return x.cii_line_sum->Rounded();
    return CiiRoundedLineSum(x);
  }
  if (x.line_sum != nullptr) return x.line_sum->Rounded();
  UblLineSum sum;
  for (int32_t l = x.lines.first; l >= 0; l = x.lines.Next(x.d, l)) {
    sum.Add(x, l);
  }
  return sum.Rounded();
}

// The value of `d` in 64 bits (Mantissa64), nullopt when it does not fit.
std::optional<vat::Fixed> SmallFixed(const Decimal& d) {
  const std::optional<int64_t> m = d.Mantissa64();
  if (!m || d.scale() > 18) return std::nullopt;
  return vat::Fixed{*m, d.scale()};
}

// Decimal::RoundHalfUp(0).IsZero(): -0.5 <= f < 0.5.
bool RoundsToZero(vat::Fixed f) {
  if (f.scale == 0) return f.m == 0;
  int64_t half = 5;  // 0.5 at f's scale
  for (int i = 1; i < f.scale; ++i) half *= 10;
  return f.m >= -half && f.m < half;
}

}  // namespace

bool VatAmountWithinOne(const Decimal& tax, const Decimal* rate,
                        const Decimal* taxable, bool strict) {
  if (rate == nullptr) return tax.RoundHalfUp(0).IsZero();
  if (rate->RoundHalfUp(0).IsZero()) return tax.RoundHalfUp(0).IsZero();
  if (taxable == nullptr) return false;
  // rate div 100: exact (a shift of the scale) while the quotient fits
  // Divide's 18 decimals, as it does for any written rate.
  std::optional<Decimal> factor = rate->scale() <= 16
                                      ? rate->ScaleDown(2)
                                      : Decimal::Divide(*rate, Decimal(100));
  if (!factor) return false;
  Decimal computed = Round2(taxable->Abs() * *factor);
  // One Decimal(1) for every call: its constructor is no inline one.
  static const Decimal kOne(1);
  const Decimal magnitude = tax.Abs();
  const Decimal low = magnitude - kOne;
  const Decimal high = magnitude + kOne;
  if (strict) return low < computed && high > computed;
  return low <= computed && high >= computed;
}

std::optional<bool> SmallVatAmountWithinOne(const Decimal& tax,
                                            const Decimal* rate,
                                            const Decimal* taxable,
                                            bool strict) {
  const std::optional<vat::Fixed> a = SmallFixed(tax);
  if (!a) return std::nullopt;
  if (rate == nullptr) return RoundsToZero(*a);
  const std::optional<vat::Fixed> r = SmallFixed(*rate);
  if (!r) return std::nullopt;
  if (RoundsToZero(*r)) return RoundsToZero(*a);
  if (taxable == nullptr) return false;
  // Rates whose div 100 Divide truncates take the exact path.
  if (r->scale > 16) return std::nullopt;
  const std::optional<vat::Fixed> b = SmallFixed(*taxable);
  if (!b) return std::nullopt;
  return vat::TaxWithinOne(*a, *b, *r, strict);
}

void UblLineSum::Add(const CoreXml& x, int32_t line, int32_t amount,
                     int count) {
  if (error_ || count == 0) return;
  if (count > 1) {
    error_ = true;
    return;
  }
  const DocIndex& d = x.d;
  // A leaf's text is what both families parse (Decimal::Parse trims as
  // TrimmedText does): the VAT rules' parse serves.
  if (const vat::Term* t = x.ubl_vat != nullptr && d[amount].first_child < 0
                               ? x.ubl_vat->LineAmount(line, amount)
                               : nullptr) {
    if (t->error) {
      error_ = true;
    } else {
      t->AddTo(sum_);
    }
    return;
  }
  if (!sum_.Add(TrimmedText(d, amount))) error_ = true;
}

void UblLineSum::Add(const CoreXml& x, int32_t line) {
  const int32_t first = FirstChild(x.d, line, "LineExtensionAmount");
  // Two are as many as one needs to count: they are an error.
  const int count = first < 0                                            ? 0
                    : NextSibling(x.d, first, "LineExtensionAmount") < 0 ? 1
                                                                         : 2;
  Add(x, line, first, count);
}

std::optional<Decimal> UblLineSum::Rounded() const {
  if (error_) return std::nullopt;
  return Round2(sum_.Value());
}

void CiiLineSum::AddAmount(const DocIndex& d, int32_t amount) {
  if (std::optional<double> v = UntypedDoubleAt(d, amount, &error_)) {
    sum_ += *v;
  }
}

void CiiLineSum::Add(const DocIndex& d, int32_t line, int32_t amount,
                     bool known) {
  if (known) {
    AddAmount(d, amount);
    return;
  }
  ForEachNamed(d, line, "SpecifiedLineTradeSettlement", [&](int32_t st) {
    ForEachNamed(d, st, "SpecifiedTradeSettlementLineMonetarySummation",
                 [&](int32_t m) {
                   ForEachNamed(d, m, "LineTotalAmount",
                                [&](int32_t a) { AddAmount(d, a); });
                 });
  });
}

std::optional<Decimal> CiiLineSum::Rounded() const {
  if (error_) return std::nullopt;
  return vat::Round2FromDouble(sum_);
}

namespace {

// The terms of a totals element (BG-22) by name, UBL and CII: one table
// probe per child instead of a comparison with each name (KeySwitch). The
// action is the term's index plus one.
constexpr std::array<std::string_view, kTerms> kUblTerms = {
    "LineExtensionAmount",   "AllowanceTotalAmount", "ChargeTotalAmount",
    "TaxExclusiveAmount",    "TaxInclusiveAmount",   "PrepaidAmount",
    "PayableRoundingAmount", "PayableAmount"};
constexpr std::array<std::string_view, kTerms> kCiiTerms = {
    "LineTotalAmount",     "AllowanceTotalAmount", "ChargeTotalAmount",
    "TaxBasisTotalAmount", "GrandTotalAmount",     "TotalPrepaidAmount",
    "RoundingAmount",      "DuePayableAmount"};
constexpr KeySwitch<5> kUblTermKeys = {
    {kUblTerms[0], 1}, {kUblTerms[1], 2}, {kUblTerms[2], 3}, {kUblTerms[3], 4},
    {kUblTerms[4], 5}, {kUblTerms[5], 6}, {kUblTerms[6], 7}, {kUblTerms[7], 8}};
constexpr KeySwitch<5> kCiiTermKeys = {
    {kCiiTerms[0], 1}, {kCiiTerms[1], 2}, {kCiiTerms[2], 3}, {kCiiTerms[3], 4},
    {kCiiTerms[4], 5}, {kCiiTerms[5], 6}, {kCiiTerms[6], 7}, {kCiiTerms[7], 8}};

}  // namespace

TermElements TermElementsOf(const DocIndex& d, int32_t node, bool ubl) {
  TermElements out;
  out.first.fill(-1);
  const KeySwitch<5>& keys = ubl ? kUblTermKeys : kCiiTermKeys;
  const std::array<std::string_view, kTerms>& names =
      ubl ? kUblTerms : kCiiTerms;
  ForEachChildKey(d, node, [&](int32_t c, uint64_t key) {
    const uint8_t a = keys(key);
    // The key matched (length, first seven bytes): SameTail finishes the
    // comparison ("" from NameOf, a long prefix, has another length).
    if (a == 0 || !SameTail(NameOf(d[c]), names[a - 1])) return;
    const std::size_t k = a - 1;
    if (out.first[k] < 0) out.first[k] = c;
    ++out.count[k];
  });
  return out;
}

namespace {

// The BG-22 rules on one totals element (UBL cac:LegalMonetaryTotal, CII
// ram:SpecifiedTradeSettlementHeaderMonetarySummation): `t` its terms,
// `model` whether they are the model's (else read from `node`).
template <typename Fail>
void CheckTotalsOf(const RunContext& ctx, const CoreXml& x, const Totals& t,
                   int32_t node, bool model, Fail fail) {
  const Invoice& inv = ctx.read.invoice;
  const DocIndex& d = x.d;
  const bool ubl = ctx.syntax == Syntax::kUbl;
  const std::array<const Amount*, kTerms> terms = {
      &t.line_net_total, &t.allowance_total, &t.charge_total, &t.tax_exclusive,
      &t.tax_inclusive,  &t.prepaid,         &t.rounding,     &t.payable};
  // The first element of each term (its entry, -1 when none), in one pass
  // over `node`: each is asked for twice or more. The shared index holds
  // every element while the core rules run.
  TermElements other;
  if (!model) other = TermElementsOf(d, node, ubl);
  const TermElements& elements = model ? x.first_terms : other;
  const std::array<int32_t, kTerms>& first = elements.first;
  auto present = [&](std::size_t k) {
    return model ? terms[k]->has_value() || (!x.reader_exact && first[k] >= 0)
                 : first[k] >= 0;
  };
  auto dec = [&](std::size_t k, std::string_view id) {
    if (TooManyDecimalsAt(d, *terms[k], first[k])) fail(id);
  };
  if (!present(kTermLineNet)) fail("BR-12");
  if (!present(kTermExclusive)) fail("BR-13");
  if (!present(kTermInclusive)) fail("BR-14");
  if (!present(kTermPayable)) fail("BR-15");

  bool sum_ok = false;
  if (t.line_net_total && x.lines.first >= 0 && node >= 0) {
    // The XML decides: CII's double sum can round apart from the exact one.
    std::optional<Decimal> xml_sum = XmlLineSum(ctx, x);
    sum_ok = xml_sum && *t.line_net_total == *xml_sum &&
             elements.count[kTermLineNet] == 1;
  } else if (t.line_net_total) {
    Decimal lines;
    for (const InvoiceLine& l : inv.lines) {
      if (l.net_amount) lines += *l.net_amount;
    }
    sum_ok = *t.line_net_total == Round2(lines);
  }
  if (!sum_ok) fail("BR-CO-10");
  std::array<std::optional<bool>, 2> cii_ok;
  if (!ubl) cii_ok = CiiDocTotalsOk(x, node);
  for (bool charges : {false, true}) {
    std::optional<bool> ok = cii_ok[charges];
    if (!ok) {
      ok = DocTotalOk(charges ? t.charge_total : t.allowance_total,
                      SumDocAmounts(inv, charges));
    }
    if (!*ok) fail(charges ? "BR-CO-12" : "BR-CO-11");
  }
  if (!TaxExclusiveOk(ctx, t)) fail("BR-CO-13");
  if (!PayableOk(ctx, t)) fail("BR-CO-16");

  dec(kTermLineNet, "BR-DEC-09");
  dec(kTermAllowance, "BR-DEC-10");
  dec(kTermCharge, "BR-DEC-11");
  dec(kTermExclusive, "BR-DEC-12");
  dec(kTermInclusive, "BR-DEC-14");
  dec(kTermPrepaid, "BR-DEC-16");
  dec(kTermRounding, "BR-DEC-17");
  dec(kTermPayable, "BR-DEC-18");
  // UBL's BR-DEC-13 / BR-DEC-15 compare @currencyID with a child of the
  // amount that never exists, so they always hold there.
  if (!ubl) CheckCiiVatTotalDecimals(ctx, node, fail);
}

// The terms of a totals element the model does not hold, from the XML.
Totals TotalsOf(const RunContext& ctx, const DocIndex& d, int32_t node) {
  const bool ubl = ctx.syntax == Syntax::kUbl;
  auto amount = [&](std::string_view u, std::string_view c) -> Amount {
    const int32_t n = FirstChild(d, node, ubl ? u : c);
    if (n < 0) return std::nullopt;
    return DecimalOf(d, n);
  };
  Totals t;
  t.line_net_total = amount("LineExtensionAmount", "LineTotalAmount");
  t.allowance_total = amount("AllowanceTotalAmount", "AllowanceTotalAmount");
  t.charge_total = amount("ChargeTotalAmount", "ChargeTotalAmount");
  t.tax_exclusive = amount("TaxExclusiveAmount", "TaxBasisTotalAmount");
  t.tax_inclusive = amount("TaxInclusiveAmount", "GrandTotalAmount");
  t.prepaid = amount("PrepaidAmount", "TotalPrepaidAmount");
  t.rounding = amount("PayableRoundingAmount", "RoundingAmount");
  t.payable = amount("PayableAmount", "DuePayableAmount");
  return t;
}

void CheckTotals(const RunContext& ctx, const CoreXml& x) {
  const Invoice& inv = ctx.read.invoice;
  const int32_t first = x.totals.empty() ? -1 : x.totals[0];
  if (inv.totals) {
    const Totals& t = *inv.totals;
    CheckTotalsOf(ctx, x, t, first, true, [&](std::string_view id) {
      FailAt(ctx, id, G::kTotals, t.pos);
    });
  }
  // The context matches every totals element: a second one is checked too.
  for (std::size_t i = 1; i < x.totals.size(); ++i) {
    const int32_t n = x.totals[i];
    CheckTotalsOf(ctx, x, TotalsOf(ctx, x.d, n), n, false,
                  [&](std::string_view id) { ctx.Fail(id, n); });
  }
}

// BR-CO-14: BT-110 = Σ BT-117.
void CheckVatTotal(const RunContext& ctx, const CoreXml& x) {
  if (ctx.syntax != Syntax::kUbl) {
    CheckCiiVatTotal(ctx, x);
    return;
  }
  // UBL, on each cac:TaxTotal: xs:decimal(cbc:TaxAmount) = round(sum(
  // cac:TaxSubtotal/xs:decimal(cbc:TaxAmount)) * 10 * 10) div 100, or no
  // subtotal. A value that is no decimal stops the official validation:
  // failed here.
  const DocIndex& d = x.d;
  for (int32_t t = x.tax_totals.first; t >= 0; t = x.tax_totals.Next(d, t)) {
    if (FirstChild(d, t, "TaxSubtotal") < 0) continue;
    vat::FixedSum sum;  // exact, in 64 bits while the amounts allow
    bool ok = true;
    ForEachNamed(d, t, "TaxSubtotal", [&](int32_t st) {
      ForEachNamed(d, st, "TaxAmount", [&](int32_t a) {
        if (!sum.Add(TrimmedText(d, a))) ok = false;
      });
    });
    const int32_t total = FirstChild(d, t, "TaxAmount");
    std::optional<bool> equal;  // nullopt: no single decimal amount
    if (total >= 0 && NextSibling(d, total, "TaxAmount") < 0) {
      equal = sum.Round2().EqualsText(TrimmedText(d, total));
    }
    if (!ok || equal != std::optional<bool>(true)) {
      ctx.Fail("BR-CO-14", t);
    }
  }
}

// BR-CO-17: BT-117 = BT-116 x BT-119 / 100, within one unit.
// `rate` is BT-119 under the VAT scheme only.
bool VatAmountOk(const RunContext& ctx, const VatBreakdown& v,
                 const Amount& rate) {
  if (!v.tax_amount) return false;
  const Decimal* r = rate ? &*rate : nullptr;
  const Decimal* taxable = v.taxable_amount ? &*v.taxable_amount : nullptr;
  const bool strict = ctx.syntax == Syntax::kUbl;
  if (const std::optional<bool> small =
          SmallVatAmountWithinOne(*v.tax_amount, r, taxable, strict)) {
    return *small;
  }
  return VatAmountWithinOne(*v.tax_amount, r, taxable, strict);
}

// BR-45..BR-48, BR-CO-17, BR-DEC-19/20 on one breakdown: `v` its terms,
// `node` its element (null when unknown), `model` whether `v` is the
// model's (else read from `node` here, and an absent term is absent).
// `cii`: CII, what CiiBreakdownOf read of `node`.
template <typename Fail>
void CheckOneBreakdown(const RunContext& ctx, const CoreXml& x,
                       const VatBreakdown& v, int32_t node, bool model,
                       const CiiBreakdownXml& cii, Fail fail) {
  const bool ubl = ctx.syntax == Syntax::kUbl;
  const DocIndex& d = x.d;
  // The category filtered by the VAT scheme; without the XML element
  // (should not happen), the model's terms.
  bool has_code = v.category.has_value();
  bool has_rate = v.rate.has_value();
  bool code_o = v.category && *v.category == "O";
  // The first taxable and tax amount elements (entries, -1 when none). The
  // shared index holds every element while the core rules run.
  FirstTwo amounts = ubl ? FirstTwo() : cii.amounts;
  if (const int32_t n = node; n >= 0) {
    has_code = has_rate = code_o = false;
    if (ubl) {
      // One pass finds the amounts and the categories: exists(cac:
      // TaxCategory[VAT]/cbc:ID), .../cbc:Percent and .../normalize-space(
      // cbc:ID) = 'O' hold when any VAT category does.
      ForEachChild(d, n, [&](int32_t c, std::string_view l) {
        if (ShortEqual(l, "TaxableAmount")) {
          if (amounts.a < 0) amounts.a = c;
        } else if (ShortEqual(l, "TaxAmount")) {
          if (amounts.b < 0) amounts.b = c;
        } else if (ShortEqual(l, "TaxCategory")) {
          const VatCategory cat = VatCategoryOf(ctx, x, c);
          if (cat.el < 0) return;
          has_code = has_code || cat.code >= 0;
          has_rate = has_rate || cat.rate >= 0;
          code_o = code_o || (cat.code >= 0 && TrimmedText(d, cat.code) == "O");
        }
      });
    } else {
      const VatCategory& cat = cii.category;
      has_code = cat.code >= 0;
      has_rate = cat.rate >= 0;
      code_o = cat.code >= 0 && ChildValue(d, cat.code) == "O";
    }
  }
  const int32_t taxable_at = amounts.a, tax_at = amounts.b;
  static const Amount kNoRate;
  const Amount& rate = has_rate ? v.rate : kNoRate;
  auto present = [&](const Amount& a, int32_t at) {
    return model ? a.has_value() || (!x.reader_exact && at >= 0) : at >= 0;
  };
  if (!present(v.taxable_amount, taxable_at)) fail("BR-45");
  if (!present(v.tax_amount, tax_at)) fail("BR-46");
  if (!has_code) fail("BR-47");
  if (!has_rate && !code_o) fail("BR-48");
  if (!VatAmountOk(ctx, v, rate)) fail("BR-CO-17");
  if (TooManyDecimalsAt(d, v.taxable_amount, taxable_at)) fail("BR-DEC-19");
  if (TooManyDecimalsAt(d, v.tax_amount, tax_at)) fail("BR-DEC-20");
}

// A UBL cac:TaxSubtotal the model does not hold (in another cac:TaxTotal),
// its terms read from the XML.
VatBreakdown UblBreakdownOf(const RunContext& ctx, const CoreXml& x,
                            int32_t st) {
  const DocIndex& d = x.d;
  auto amount = [&](int32_t e) -> Amount {
    if (e < 0) return std::nullopt;
    return DecimalOf(d, e);
  };
  const FirstTwo amounts = FirstChildren(d, st, "TaxableAmount", "TaxAmount");
  VatBreakdown v;
  v.taxable_amount = amount(amounts.a);
  v.tax_amount = amount(amounts.b);
  const VatCategory cat = FirstVatCategory(ctx, x, st, "TaxCategory");
  if (cat.code >= 0) v.category = std::string(TrimmedText(d, cat.code));
  v.rate = amount(cat.rate);
  return v;
}

void CheckVatBreakdown(const RunContext& ctx, const CoreXml& x) {
  const Invoice& inv = ctx.read.invoice;
  const std::size_t n = inv.vat_breakdown.size();
  const DocIndex& d = x.d;
  int32_t node = x.breakdown.first;
  const bool ubl = ctx.syntax == Syntax::kUbl;
  for (std::size_t i = 0; i < n; ++i, node = x.breakdown.Next(d, node)) {
    const CiiBreakdownXml cii =
        ubl ? CiiBreakdownXml() : CiiBreakdownOf(d, node);
    if (cii.shadowed) continue;
    const VatBreakdown& v = inv.vat_breakdown[i];
    CheckOneBreakdown(ctx, x, v, node, true, cii, [&](std::string_view id) {
      FailAt(ctx, id, G::kVatBreakdown, v.pos, {i, n});
    });
  }
  if (!ubl) return;
  // The UBL context is every cac:TaxTotal/cac:TaxSubtotal: those of the
  // other tax totals are checked too.
  const int32_t read =
      x.breakdown.first >= 0 ? d[x.breakdown.first].parent : -1;
  for (int32_t t = x.tax_totals.first; t >= 0; t = x.tax_totals.Next(d, t)) {
    if (t == read) continue;
    ForEachNamed(d, t, "TaxSubtotal", [&](int32_t st) {
      CheckOneBreakdown(ctx, x, UblBreakdownOf(ctx, x, st), st, false, {},
                        [&](std::string_view id) { ctx.Fail(id, st); });
    });
  }
}

}  // namespace

void CheckTotalsRules(const RunContext& ctx, const CoreXml& x) {
  CheckDocAllowancesCharges(ctx, x);
  CheckTotals(ctx, x);
  CheckVatTotal(ctx, x);
  CheckVatBreakdown(ctx, x);
}

}  // namespace chorus::rules::core

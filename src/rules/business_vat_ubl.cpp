// VAT category rules as the UBL artefact states them. Every category has
// the same ten-rule shape (01 breakdown present, 02-04 seller identifiers,
// 05-07 rates, 08 taxable amount, 09 tax amount, 10 exemption reason); the
// table in business_vat_ubl_table.h records which variant of each the official
// text uses, including its irregularities, so that verdicts match the official
// ones.
#include "rules/business_vat_ubl.h"

#include <bit>
#include <cmath>
#include <optional>
#include <string>

#include "rules/business_vat_internal.h"

namespace chorus::rules {
namespace ubl_vat {

void Summary::AddIds(const Cat& c) {
  // Over the set bits only: a category carries one code or two.
  for (int vat_only = 0; vat_only < 2; ++vat_only) {
    if (vat_only && !c.vat) continue;
    if (c.norm_code >= 0) ++nodes[1][vat_only][c.norm_code];
    for (unsigned m = c.raw_codes; m != 0; m &= m - 1) {
      ++nodes[0][vat_only][std::countr_zero(m)];
    }
  }
  if (c.vat) {
    // norm_count is zero outside norm_codes (AddCat sets both).
    for (unsigned m = c.norm_codes; m != 0; m &= m - 1) {
      const int k = std::countr_zero(m);
      vat_ids[k] += c.norm_count[static_cast<std::size_t>(k)];
    }
  }
}

void UblVat::RunCategory(const Category& c, int code) {
  CheckPresence(c, code);
  const std::array<Set, 3> triggers = {
      kLineCats, AllowanceSet(false, c.triggers[1].root_allowances_only),
      AllowanceSet(true, c.triggers[2].root_allowances_only)};
  for (int i = 0; i < 3; ++i) {
    const Trigger& tr = c.triggers[static_cast<size_t>(i)];
    Set s = triggers[static_cast<size_t>(i)];
    bool ok = (Any(s, code, tr.t1) && IdentifiersOk(c)) || !Any(s, code, tr.t2);
    if (!ok) Fail(RuleId(c, i + 2), root_);
  }
  CheckRates(c, code);
  for (int i : sets_[kBreakdown]) {
    Cat& cat = CatOf(i);
    if (ContextMatches(cat, code)) CheckBreakdown(c, code, cat);
  }
  if (code == kCodeK) CheckIntraCommunity();
  if (code == kCodeO) CheckNotSubject();
}

void UblVat::CheckPresence(const Category& c, int code) {
  bool ok;
  if (c.presence == Presence::kAtLeastOne) {
    int a = Count(kAcCats, code, c.a) + Count(kLineCats, code, c.a);
    ok = (a > 0 && Count(kBreakdown, code, c.b1) > 0) ||
         (a == 0 && Count(kBreakdown, code, c.b2) == 0);
  } else {
    // //cac:TaxCategory[VAT]/cbc:ID[normalize-space(.) = 'X'] counts IDs,
    // and includes the breakdown's own categories.
    auto ids = [&](Set s) { return summaries_[s].vat_ids[code]; };
    bool used = ids(kAllCats) > 0 || ids(kLineCats) > 0;
    ok = !used || ids(kBreakdown) == 1;
  }
  if (!ok) Fail(RuleId(c, 1), root_);
}

bool UblVat::RateOk(const Category& c, Cat& cat) {
  switch (c.rate) {
    case Rate::kAbsent:
      return cat.percent_el == -1;
    case Rate::kZero: {
      const Num& p = PercentOf(cat);
      return !p.error && p.value && p.value->IsZero();
    }
    case Rate::kPositive:
    case Rate::kNonNegative:
      // A single Percent that is an xs:decimal: the xs:double cast has the
      // same value.
      // (A parsed decimal never overflows: its sign tells.)
      if (const Num& single = PercentOf(cat); single.value) {
        const Decimal& v = *single.value;
        return c.rate == Rate::kPositive ? !v.IsNegative() && !v.IsZero()
                                         : !v.IsNegative();
      }
      for (El p : doc_.Kids(cat.el, kCbc, "Percent")) {
        Num v = vat::DoubleAt(doc_, p);
        if (!v.value) continue;
        if (c.rate == Rate::kPositive ? *v.value > 0 : *v.value >= 0)
          return true;
      }
      return false;
  }
  return false;
}

void UblVat::CheckRates(const Category& c, int code) {
  for (int i : sets_[kLineCats]) {
    Cat& cat = CatOf(i);
    if (cat.line && cat.vat && cat.norm_code == code && !RateOk(c, cat) &&
        ContextMatches(cat, code))
      Fail(RuleId(c, 5), cat.el);
  }
  for (El ac : acs_) {
    const Holder& h = HolderOf(ac);
    for (int i : h.cats) {
      Cat& cat = CatOf(i);
      if (!ContextMatches(cat, code) || RateOk(c, cat)) continue;
      if (h.allowance) Fail(RuleId(c, 6), cat.el);
      if (h.charge) Fail(RuleId(c, 7), cat.el);
    }
  }
}

// [.../normalize-space(cbc:ID) = 'X'][.../xs:decimal(cbc:Percent) = $rate]
// over the categories of one line or allowance/charge. Inline for the
// usual holder, a line with its one category: the sums ask it of every
// line, once per breakdown category.
inline bool UblVat::HolderMatches(El holder, int code,
                                  const std::optional<Decimal>& rate,
                                  bool* error) {
  const Els& cats = HolderOf(holder).cats;
  if (cats.size() != 1) return CatsMatch(cats, code, rate, error);
  Cat& cat = CatOf(cats[0]);
  if (cat.norm_code != code) return false;
  if (!rate) return true;
  const Num& p = PercentOf(cat);
  if (p.error) *error = true;
  return p.value && *p.value == *rate;
}

bool UblVat::CatsMatch(const Els& cats, int code,
                       const std::optional<Decimal>& rate, bool* error) {
  bool coded = false;
  for (int i : cats) coded = coded || CatOf(i).norm_code == code;
  if (!coded) return false;
  if (!rate) return true;
  bool found = false;
  for (int i : cats) {
    const Num& p = PercentOf(CatOf(i));
    if (p.error) *error = true;
    if (p.value && *p.value == *rate) found = true;
  }
  return found;
}

UblVat::Sum UblVat::CategorySum(int code, int line_kind,
                                const std::optional<Decimal>& rate) {
  Sum out;
  for (El line : root_lines_[static_cast<std::size_t>(line_kind)]) {
    if (!HolderMatches(line, code, rate, &out.error)) continue;
    const vat::Term& v = AmountOf(line);
    if (v.error) out.error = true;
    v.AddTo(out.value);
  }
  for (El ac : root_acs_) {
    const Holder& h = HolderOf(ac);
    if (!h.charge && !h.allowance) continue;
    if (!HolderMatches(ac, code, rate, &out.error)) continue;
    const vat::Term& v = AmountOf(ac);
    if (v.error) out.error = true;
    v.AddTo(out.value, /*negate=*/h.allowance);
  }
  return out;
}

std::optional<bool> UblVat::TaxableOk(const Category& c, int code, Cat& cat,
                                      El amount, const vat::Term* term) {
  // kExact: xs:decimal(TaxableAmount) = sum. Otherwise the bounds are
  // xs:decimal(TaxableAmount - 1) and xs:decimal(TaxableAmount + 1): the
  // untyped amount makes that xs:double arithmetic.
  std::optional<Decimal> exact, low, high;
  // The bounds as doubles, when their decimals need not be built (see
  // vat::CompareWithDecimal): every amount short of 2^52.
  std::optional<double> low_double, high_double;
  if (c.taxable == Taxable::kExact) {
    Num taxable = vat::SingleDecimal(doc_, amount);
    if (taxable.error) return std::nullopt;
    exact = taxable.value;
  } else if (amount != -1) {
    if (amount == vat::Doc::kMany) return std::nullopt;  // an error either way
    // A decimal of 64 bits is a double lexical too, and one division gives
    // its double exactly as the cast would (vat::FixedToDouble).
    std::optional<double> b;
    if (term != nullptr && term->narrow) b = vat::FixedToDouble(term->fixed);
    if (!b) {
      bool error = false;
      b = vat::UntypedDoubleAt(doc_, amount, &error);
      if (error) return std::nullopt;
    }
    if (std::fabs(*b) < 0x1p52) {
      low_double = *b - 1;
      high_double = *b + 1;
    } else {
      low = vat::FromDouble(*b - 1);
      high = vat::FromDouble(*b + 1);
      if (!low || !high) return std::nullopt;  // INF/NaN cast to decimal
    }
  }
  std::optional<Decimal> rate;
  if (c.taxable != Taxable::kExact) {
    const Num& p = PercentOf(cat);
    if (p.error) return std::nullopt;
    if (!p.value) return true;  // every $rate in () satisfies ...
    rate = p.value;
  }
  for (int kind = 0; kind < 2; ++kind) {
    const std::vector<El>& lines = lines_[static_cast<std::size_t>(kind)];
    bool relevant;
    bool error = false;
    if (c.taxable == Taxable::kPerRate) {
      relevant = false;
      for (El l : lines) {
        relevant = relevant || HolderMatches(l, code, rate, &error);
      }
      for (El ac : acs_) {
        relevant = relevant || HolderMatches(ac, code, rate, &error);
      }
    } else {
      relevant = !lines.empty();
    }
    if (error) return std::nullopt;
    if (!relevant) continue;
    const Sum sum = CategorySum(code, kind, rate);
    if (sum.error) return std::nullopt;
    const vat::FixedSum& s = sum.value;
    // Comparisons with an absent amount (the empty sequence) are false.
    bool ok;
    if (c.taxable == Taxable::kExact) {
      ok = exact && *exact == s.Value();
    } else if (low_double) {
      // As vat::CompareWithDecimal, the Decimal built only on a tie (a sum
      // in 64 bits never overflows).
      const double near = s.ToDoubleValue();
      auto compare = [&](double x) {
        if (s.narrow() && x != near) {
          return x < near ? std::partial_ordering::less
                          : std::partial_ordering::greater;
        }
        return vat::CompareWithDecimal(x, near, s.Value());
      };
      ok = compare(*low_double) < 0 && compare(*high_double) > 0;
    } else {
      const Decimal value = s.Value();
      ok = low && *low < value && high && *high > value;
    }
    if (ok) return true;
  }
  return false;
}

void UblVat::CheckBreakdown(const Category& c, int code, Cat& cat) {
  El subtotal = doc_.Parent(cat.el);
  const El taxable_el = doc_.Only(subtotal, kCbc, "TaxableAmount");
  // The taxable amount parsed once, for the bounds of rule 08 and the rate
  // of rule 09, when either asks.
  std::optional<vat::Term> taxable;
  if (c.taxable != Taxable::kExact || c.tax_amount == TaxAmount::kFromRate) {
    taxable = vat::SingleTerm(doc_, taxable_el);
  }
  if (TaxableOk(c, code, cat, taxable_el, taxable ? &*taxable : nullptr) !=
      std::optional<bool>(true))
    Fail(RuleId(c, 8), cat.el);
  // The amounts in 64 bits while they fit (vat::Term).
  const vat::Term amount =
      vat::SingleTerm(doc_, doc_.Only(subtotal, kCbc, "TaxAmount"));
  bool amount_ok = false;
  if (c.tax_amount == TaxAmount::kZero) {
    amount_ok = amount.present &&
                (amount.narrow ? amount.fixed.m == 0 : amount.wide.IsZero());
  } else {
    const Num& percent = PercentOf(cat);
    if (amount.present && taxable->present && percent.value) {
      std::optional<bool> within;
      if (amount.narrow && taxable->narrow) {
        // The percent PercentOf parsed, as 64 bits.
        std::string scratch;
        if (std::optional<vat::Fixed> rate =
                vat::ParseFixed(doc_.Text(cat.percent_el, scratch))) {
          within = vat::TaxWithinOne(amount.fixed, taxable->fixed, *rate);
        }
      }
      if (within) {
        amount_ok = *within;
      } else {
        Decimal expected =
            (taxable->Value().Abs() * percent.value->ScaleDown(2))
                .RoundHalfUp(2);
        Decimal a = amount.Value().Abs();
        amount_ok = a - 1 < expected && a + 1 > expected;
      }
    }
  }
  if (!amount_ok) Fail(RuleId(c, 9), cat.el);
  if (cat.exemption != (c.exemption == Exemption::kRequired))
    Fail(RuleId(c, 10), cat.el);
}

}  // namespace ubl_vat

void CheckUblVatCategoryRules(const RunContext& ctx) {
  ubl_vat::UblVat(ctx).Run();
}

}  // namespace chorus::rules

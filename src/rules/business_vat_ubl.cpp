// VAT category rules as the UBL artefact states them. Every category has
// the same ten-rule shape (01 breakdown present, 02-04 seller identifiers,
// 05-07 rates, 08 taxable amount, 09 tax amount, 10 exemption reason); the
// table in business_vat_ubl_table.h records which variant of each the official
// text uses, including its irregularities, so that verdicts match the official
// ones.
#include "rules/business_vat_ubl.h"

#include <optional>
#include <string>

#include "rules/business_vat_internal.h"

namespace chorus::rules {
namespace ubl_vat {

void UblVat::RunCategory(const Category& c) {
  CheckPresence(c);
  const std::string code = c.code;
  const std::array<const Nodes*, 3> triggers = {
      &t_.All(kCac, "ClassifiedTaxCategory"),
      &AllowanceCategories(false, c.triggers[1].root_allowances_only),
      &AllowanceCategories(true, c.triggers[2].root_allowances_only)};
  for (int i = 0; i < 3; ++i) {
    const Trigger& tr = c.triggers[static_cast<size_t>(i)];
    const Nodes& nodes = *triggers[static_cast<size_t>(i)];
    bool ok = (Any(nodes, code, tr.t1) && IdentifiersOk(c)) ||
              !Any(nodes, code, tr.t2);
    if (!ok) ctx_.Fail(RuleId(c, i + 2), root_);
  }
  CheckRates(c);
  for (pugi::xml_node tc : BreakdownCategories()) {
    if (ContextMatches(tc, code)) CheckBreakdown(c, tc);
  }
  if (code == "K") CheckIntraCommunity();
  if (code == "O") CheckNotSubject();
}

void UblVat::CheckPresence(const Category& c) {
  const std::string code = c.code;
  const Nodes& breakdown = BreakdownCategories();
  bool ok;
  if (c.presence == Presence::kAtLeastOne) {
    int a = Count(ac_categories_, code, c.a) +
            Count(t_.All(kCac, "ClassifiedTaxCategory"), code, c.a);
    ok = (a > 0 && Count(breakdown, code, c.b1) > 0) ||
         (a == 0 && Count(breakdown, code, c.b2) == 0);
  } else {
    // //cac:TaxCategory[VAT]/cbc:ID[normalize-space(.) = 'X'] counts IDs,
    // and includes the breakdown's own categories.
    auto ids = [&](const Nodes& categories) {
      return Lookup(SummaryOf(categories).vat_ids, code);
    };
    bool used = ids(t_.All(kCac, "TaxCategory")) > 0 ||
                ids(t_.All(kCac, "ClassifiedTaxCategory")) > 0;
    ok = !used || ids(breakdown) == 1;
  }
  if (!ok) ctx_.Fail(RuleId(c, 1), root_);
}

void UblVat::CheckRates(const Category& c) {
  const std::string code = c.code;
  auto rate_ok = [&](pugi::xml_node tc) {
    Nodes percents = t_.Kids(tc, kCbc, "Percent");
    switch (c.rate) {
      case Rate::kAbsent:
        return percents.empty();
      case Rate::kZero: {
        Num p = vat::SingleDecimal(percents);
        return !p.error && p.value && p.value->IsZero();
      }
      case Rate::kPositive:
      case Rate::kNonNegative:
        for (pugi::xml_node p : percents) {
          Num v = vat::DoubleOf(p);
          if (!v.value) continue;
          if (c.rate == Rate::kPositive ? *v.value > 0 : *v.value >= 0)
            return true;
        }
        return false;
    }
    return false;
  };
  for (std::size_t i = 0; i < line_categories_.size(); ++i) {
    const std::string* vat_code = line_vat_codes_[i];
    if (vat_code && *vat_code == code && !rate_ok(line_categories_[i]) &&
        ContextMatches(line_categories_[i], code))
      ctx_.Fail(RuleId(c, 5), line_categories_[i]);
  }
  for (pugi::xml_node ac : t_.All(kCac, "AllowanceCharge")) {
    bool allowance = ChargeIs(ac, false);
    bool charge = ChargeIs(ac, true);
    for (pugi::xml_node tc : t_.Kids(ac, kCac, "TaxCategory")) {
      if (!ContextMatches(tc, code) || rate_ok(tc)) continue;
      if (allowance) ctx_.Fail(RuleId(c, 6), tc);
      if (charge) ctx_.Fail(RuleId(c, 7), tc);
    }
  }
}

// [.../normalize-space(cbc:ID) = 'X'][.../xs:decimal(cbc:Percent) = $rate]
// over the categories of one line or allowance/charge.
bool UblVat::CodeAndRate(const Nodes& categories, const std::string& code,
                         const std::optional<Decimal>& rate,
                         bool* error) const {
  bool coded = false;
  for (pugi::xml_node tc : categories) coded = coded || NormId(tc) == code;
  if (!coded) return false;
  if (!rate) return true;
  bool found = false;
  for (pugi::xml_node tc : categories) {
    const Num& p = PercentOf(tc);
    if (p.error) *error = true;
    if (p.value && *p.value == *rate) found = true;
  }
  return found;
}

bool UblVat::LineMatches(pugi::xml_node line, const std::string& code,
                         const std::optional<Decimal>& rate,
                         bool* error) const {
  std::optional<Nodes>* slot = SlotOf(memo_nodes_, line);
  if (slot == nullptr) return false;  // a null line has no category
  if (!*slot) {
    *slot = t_.Path(line, {{kCac, "Item"}, {kCac, "ClassifiedTaxCategory"}});
  }
  return CodeAndRate(**slot, code, rate, error);
}

bool UblVat::AllowanceMatches(pugi::xml_node ac, const std::string& code,
                              const std::optional<Decimal>& rate,
                              bool* error) const {
  std::optional<Nodes>* slot = SlotOf(memo_nodes_, ac);
  if (slot == nullptr) return false;  // a null allowance has no category
  if (!*slot) *slot = t_.Kids(ac, kCac, "TaxCategory");
  return CodeAndRate(**slot, code, rate, error);
}

Num UblVat::CategorySum(const std::string& code, std::string_view line_name,
                        const std::optional<Decimal>& rate) const {
  Num out{false, Decimal(0)};
  for (pugi::xml_node line : t_.Kids(root_, kCac, line_name)) {
    if (!LineMatches(line, code, rate, &out.error)) continue;
    const Num& v = AmountOf(line, "LineExtensionAmount");
    if (v.error) out.error = true;
    if (v.value) *out.value += *v.value;
  }
  for (pugi::xml_node ac : t_.Kids(root_, kCac, "AllowanceCharge")) {
    bool charge = ChargeIs(ac, true);
    bool allowance = ChargeIs(ac, false);
    if (!charge && !allowance) continue;
    if (!AllowanceMatches(ac, code, rate, &out.error)) continue;
    const Num& v = AmountOf(ac, "Amount");
    if (v.error) out.error = true;
    if (v.value) *out.value += allowance ? -*v.value : *v.value;
  }
  return out;
}

std::optional<bool> UblVat::TaxableOk(const Category& c, pugi::xml_node tc) {
  const std::string code = c.code;
  Nodes amounts = t_.Kids(tc.parent(), kCbc, "TaxableAmount");
  // kExact: xs:decimal(TaxableAmount) = sum. Otherwise the bounds are
  // xs:decimal(TaxableAmount - 1) and xs:decimal(TaxableAmount + 1): the
  // untyped amount makes that xs:double arithmetic.
  std::optional<Decimal> exact, low, high;
  if (c.taxable == Taxable::kExact) {
    Num taxable = vat::SingleDecimal(amounts);
    if (taxable.error) return std::nullopt;
    exact = taxable.value;
  } else if (!amounts.empty()) {
    bool error = amounts.size() > 1;
    std::optional<double> b = vat::UntypedDouble(amounts[0], &error);
    if (error) return std::nullopt;
    low = vat::FromDouble(*b - 1);
    high = vat::FromDouble(*b + 1);
    if (!low || !high) return std::nullopt;  // INF/NaN cast to decimal
  }
  std::optional<Decimal> rate;
  if (c.taxable != Taxable::kExact) {
    Num p = vat::SingleDecimal(t_.Kids(tc, kCbc, "Percent"));
    if (p.error) return std::nullopt;
    if (!p.value) return true;  // every $rate in () satisfies ...
    rate = p.value;
  }
  for (std::string_view line_name : {"InvoiceLine", "CreditNoteLine"}) {
    bool relevant;
    bool error = false;
    if (c.taxable == Taxable::kPerRate) {
      relevant = false;
      for (pugi::xml_node l : t_.All(kCac, line_name)) {
        relevant = relevant || LineMatches(l, code, rate, &error);
      }
      for (pugi::xml_node ac : t_.All(kCac, "AllowanceCharge")) {
        relevant = relevant || AllowanceMatches(ac, code, rate, &error);
      }
    } else {
      relevant = !t_.All(kCac, line_name).empty();
    }
    if (error) return std::nullopt;
    if (!relevant) continue;
    Num sum = CategorySum(code, line_name, rate);
    if (sum.error) return std::nullopt;
    const Decimal& s = *sum.value;
    // Comparisons with an absent amount (the empty sequence) are false.
    bool ok = c.taxable == Taxable::kExact ? exact && *exact == s
                                           : low && *low<s&& * high> s;
    if (ok) return true;
  }
  return false;
}

void UblVat::CheckBreakdown(const Category& c, pugi::xml_node tc) {
  if (TaxableOk(c, tc) != std::optional<bool>(true))
    ctx_.Fail(RuleId(c, 8), tc);
  pugi::xml_node subtotal = tc.parent();
  Num amount = vat::SingleDecimal(t_.Kids(subtotal, kCbc, "TaxAmount"));
  bool amount_ok = false;
  if (c.tax_amount == TaxAmount::kZero) {
    amount_ok = !amount.error && amount.value && amount.value->IsZero();
  } else {
    Num taxable = vat::SingleDecimal(t_.Kids(subtotal, kCbc, "TaxableAmount"));
    Num percent = vat::SingleDecimal(t_.Kids(tc, kCbc, "Percent"));
    if (amount.value && taxable.value && percent.value) {
      Decimal expected =
          (taxable.value->Abs() * percent.value->ScaleDown(2)).RoundHalfUp(2);
      Decimal a = amount.value->Abs();
      amount_ok = a - 1 < expected && a + 1 > expected;
    }
  }
  if (!amount_ok) ctx_.Fail(RuleId(c, 9), tc);
  bool has_reason = t_.Kid(tc, kCbc, "TaxExemptionReason") ||
                    t_.Kid(tc, kCbc, "TaxExemptionReasonCode");
  if (has_reason != (c.exemption == Exemption::kRequired))
    ctx_.Fail(RuleId(c, 10), tc);
}

}  // namespace ubl_vat

void CheckUblVatCategoryRules(const RunContext& ctx) {
  ubl_vat::UblVat(ctx).Run();
}

}  // namespace chorus::rules

// VAT category rules as the CII artefact states them. Same ten-rule shape
// per category as in UBL, but the CII text differs: which contexts carry a
// TypeCode 'VAT' condition, which tax registration schemeIDs count, how the
// taxable amount is rounded and compared (some comparisons are vacuous in
// the official text and stay so here), and the breakdown presence counts.
#include "rules/business_vat_cii.h"

#include <optional>
#include <string>

#include "rules/business_vat_internal.h"
#include "rules/cii_syntax_names.h"

namespace chorus::rules {
namespace cii_vat {

void CiiVat::Run() {
  if (root_ < 0) return;
  bool at_root = doc_.Is(root_, kRsm, "CrossIndustryInvoice");
  for (const Category& c : kCategories) {
    // Every rule of a category compares some ram:CategoryCode with its
    // code (raw): a code no CategoryCode carries fails none of them.
    int code = CodeIndex(c.code);
    if (!(in_use_ & CodeBit(code))) continue;
    if (at_root) CheckPresence(c, code);
    CheckUses(c, code);
    CheckBreakdowns(c, code);
  }
  if (at_root) CheckSplitPayment();
}

void CiiVat::CheckPresence(const Category& c, int code) {
  const auto at = static_cast<std::size_t>(code);
  const int lines = line_count_[at];
  const int header = header_count_[at];
  const int allowances = allowance_count_[at];
  bool ok = false;
  switch (c.presence) {
    case Presence::kTwoOrNone:
      ok = (lines + header >= 2 || lines == 0) &&
           (allowances + header >= 2 || allowances == 0);
      break;
    case Presence::kExactlyOne:
      ok = (header == 0 && lines == 0 && allowances == 0) ||
           (header == 1 && (lines > 0 || allowances > 0));
      break;
    case Presence::kOneIfBreakdown:
      ok = header == 0 || (header == 1 && (lines > 0 || allowances > 0));
      break;
  }
  if (!ok) Fail(RuleId(c, 1), root_);
}

void CiiVat::CheckUses(const Category& c, int code) {
  for (El tax : line_taxes_) {
    if (!HasCode(tax, code) || !TypeIsVat(tax)) continue;
    if (!IdentifiersOk(c.ids)) Fail(RuleId(c, 2), tax);
    if (!RateOk(c.rate, tax)) Fail(RuleId(c, 5), tax);
  }
  for (El ac : allowances_) {
    bool allowance = ChargeIs(ac, false);
    bool charge = ChargeIs(ac, true);
    for (El tax = doc_[ac].first_child; tax >= 0; tax = doc_[tax].next) {
      if (!vat::Doc::Named(doc_[tax], kRam, "CategoryTradeTax") ||
          !HasCode(tax, code) || !TypeIsVat(tax)) {
        continue;
      }
      bool ids = IdentifiersOk(c.ids);
      bool rate = RateOk(c.rate, tax);
      if (allowance && !ids) Fail(RuleId(c, 3), tax);
      if (allowance && !rate) Fail(RuleId(c, 6), tax);
      if (charge && !ids) Fail(RuleId(c, 4), tax);
      if (charge && !rate) Fail(RuleId(c, 7), tax);
    }
  }
}

void CiiVat::CheckBreakdowns(const Category& c, int code) {
  bool in_transaction = c.header != HeaderContext::kCode;
  std::string scratch;
  for (El tax : HeaderTaxes(in_transaction)) {
    if (c.header == HeaderContext::kTaxVat) {
      if (HasCode(tax, code) && TypeIsVat(tax)) {
        CheckBreakdown(c, code, tax, tax);
      }
      continue;
    }
    if (c.header == HeaderContext::kCodeVat && !TypeIsVat(tax)) continue;
    for (El cc = doc_[tax].first_child; cc >= 0; cc = doc_[cc].next) {
      if (vat::Doc::Named(doc_[cc], kRam, "CategoryCode") &&
          doc_.Text(cc, scratch) == c.code) {
        CheckBreakdown(c, code, tax, cc);
      }
    }
  }
}

void CiiVat::ReadSumTerms() {
  auto size = [](const auto& v) { return static_cast<int32_t>(v.size()); };
  // The lines' terms (Gather) index their summations: the values take the
  // same indexes, ahead of the allowances' ones.
  for (El m : sum_summations_) {
    const El only = doc_.Only(m, kRam, "LineTotalAmount");
    vat::Term& t = sum_values_.emplace_back();
    // A leaf's plain decimal goes straight in (TermOf's first case): no
    // Term built and copied per line.
    if (only >= 0 && doc_[only].first_child < 0) {
      if (std::optional<vat::Fixed> f = vat::ParseFixed(doc_[only].raw)) {
        t.present = t.narrow = true;
        t.fixed = *f;
        continue;
      }
    }
    t = vat::SingleTerm(doc_, only);
  }
  // transaction/ram:ApplicableHeaderTradeSettlement/
  // ram:SpecifiedTradeAllowanceCharge of every transaction of the root:
  // those of Gather's allowances, in document order, which is the paths'
  // (the root's transactions are siblings, as are the settlements of one).
  // Each sum RoundedSum makes takes terms of one kind only (lines, charges
  // or allowances), in the order of the official paths: that the
  // allowances come after every line changes no sum.
  std::string scratch;
  for (El ac : allowances_) {
    const El hs = doc_[ac].parent;
    const El transaction = doc_.Parent(hs);
    if (!doc_.Is(hs, kRam, "ApplicableHeaderTradeSettlement") ||
        doc_.Parent(transaction) != root_ ||
        !doc_.Is(transaction, kRsm, "SupplyChainTradeTransaction")) {
      continue;
    }
    SumTerm t;
    t.charge = ChargeIs(ac, true);
    t.allowance = ChargeIs(ac, false);
    if (!t.charge && !t.allowance) continue;
    t.taxes_begin = size(sum_taxes_);
    for (El tax = doc_[ac].first_child; tax >= 0; tax = doc_[tax].next) {
      if (vat::Doc::Named(doc_[tax], kRam, "CategoryTradeTax")) {
        sum_taxes_.push_back(tax);
      }
    }
    t.taxes_end = size(sum_taxes_);
    t.values_begin = size(sum_values_);
    const El amount = doc_.Kid(ac, kRam, "ActualAmount");
    sum_values_.push_back(amount < 0 ? vat::Term{}
                                     : vat::TermOf(doc_.Text(amount, scratch)));
    t.values_end = size(sum_values_);
    sum_terms_.push_back(t);
  }
  for (SumTerm& t : sum_terms_) {
    for (int32_t i = t.taxes_begin; i < t.taxes_end; ++i) {
      t.codes |= TaxOf(sum_taxes_[static_cast<std::size_t>(i)]).codes;
    }
  }
}

CiiVat::Sum CiiVat::RoundedSum(int code, const std::optional<Decimal>& rate) {
  Sum out;
  if (transaction_ < 0) return out;
  if (!sum_terms_read_) {
    ReadSumTerms();
    sum_terms_read_ = true;
  }
  // [ram:ApplicableTradeTax/ram:CategoryCode = 'X' and
  //  ram:ApplicableTradeTax/xs:decimal(ram:RateApplicablePercent) = $rate]
  auto matches = [&](const SumTerm& t) {
    const bool coded = (t.codes & CodeBit(code)) != 0;
    if (!coded || !rate) return coded;
    bool found = false;
    for (int32_t i = t.taxes_begin; i < t.taxes_end; ++i) {
      const Num& p = PercentOf(sum_taxes_[static_cast<std::size_t>(i)]);
      if (p.error) out.error = true;
      if (p.value && *p.value == *rate) found = true;
    }
    return found;
  };
  // Exact sums, in 64 bits while the amounts allow (vat::FixedSum).
  vat::FixedSum lines, charges, allowances;
  // Whether a charge or an allowance was added: the rounding of an empty
  // sum is zero, which adds nothing (most invoices have neither).
  bool charged = false;
  bool allowed = false;
  for (const SumTerm& t : sum_terms_) {
    if (!matches(t)) continue;
    charged = charged || t.charge;
    allowed = allowed || t.allowance;
    for (int32_t i = t.values_begin; i < t.values_end; ++i) {
      const vat::Term& v = sum_values_[static_cast<std::size_t>(i)];
      if (v.error) out.error = true;
      if (t.line) v.AddTo(lines);
      if (t.charge) v.AddTo(charges);
      if (t.allowance) v.AddTo(allowances);
    }
  }
  out.value = lines.Round2();
  if (charged) out.value.Add(charges.Round2());
  if (allowed) out.value.Subtract(allowances.Round2());
  return out;
}

// The untyped BasisAmount meets an xs:decimal sum: both compare as
// xs:double, and "BasisAmount - 1" is xs:double arithmetic.
std::optional<bool> CiiVat::TaxableOk(const Category& c, int code, El tax) {
  const Tax& t = TaxOf(tax);
  const El basis = t.basis;  // the first
  // ram:BasisAmount = $sum, a general comparison over the BasisAmounts.
  auto equals = [&](const vat::FixedSum& sum) -> std::optional<bool> {
    bool error = false;
    bool equal = false;
    const double s = sum.ToDoubleValue();
    for (El b = basis; b >= 0; b = doc_.NextKid(b, kRam, "BasisAmount")) {
      std::optional<double> v = vat::UntypedDoubleAt(doc_, b, &error);
      equal = equal || (v && *v == s);
    }
    if (error) return std::nullopt;
    return equal;
  };
  switch (c.taxable) {
    case Taxable::kVacuous:
      return true;
    case Taxable::kExact: {
      const Sum sum = RoundedSum(code, std::nullopt);
      if (sum.error) return std::nullopt;
      return equals(sum.value);
    }
    case Taxable::kTolerance: {
      bool error = t.many_bases;
      std::optional<double> b = vat::UntypedDoubleAt(doc_, basis, &error);
      const Sum sum = RoundedSum(code, std::nullopt);
      if (error || sum.error) return std::nullopt;
      if (!b) return false;
      const double s = sum.value.ToDoubleValue();
      return *b - 1 < s && *b + 1 > s;
    }
    case Taxable::kPerRate:
      for (El p = t.rate; p >= 0;
           p = doc_.NextKid(p, kRam, "RateApplicablePercent")) {
        Num rate = vat::DecimalAt(doc_, p);
        if (rate.error) return std::nullopt;
        const Sum sum = RoundedSum(code, rate.value);
        if (sum.error) return std::nullopt;
        std::optional<bool> equal = equals(sum.value);
        if (equal != std::optional<bool>(true)) return equal;
      }
      return true;
  }
  return true;
}

void CiiVat::CheckBreakdown(const Category& c, int code, El tax, El context) {
  const Tax& t = TaxOf(tax);
  if (TaxableOk(c, code, tax) != std::optional<bool>(true))
    Fail(RuleId(c, 8), context);
  bool amount_ok = true;
  if (c.tax_amount == TaxAmount::kZero) {
    amount_ok = false;
    std::string scratch;
    for (El a = t.calculated; a >= 0;
         a = doc_.NextKid(a, kRam, "CalculatedAmount")) {
      // A plain 64-bit decimal is zero when its digits are.
      if (std::optional<vat::Fixed> f =
              vat::ParseFixed(doc_.Text(a, scratch))) {
        amount_ok = amount_ok || f->m == 0;
        continue;
      }
      Num v = vat::DoubleAt(doc_, a);
      amount_ok = amount_ok || (v.value && v.value->IsZero());
    }
  } else if (c.tax_amount == TaxAmount::kFromRate) {
    // round(abs(xs:decimal(BasisAmount)) * RateApplicablePercent) div 100:
    // the untyped rate makes the product, rounding and division xs:double.
    // The xs:doubles of the decimals in 64 bits while they fit (vat::Term).
    const vat::Term amount =
        vat::SingleTerm(doc_, OnlyOf(t.calculated, t.many_calculated));
    const vat::Term basis =
        vat::SingleTerm(doc_, OnlyOf(t.basis, t.many_bases));
    bool error = t.many_rates;
    std::optional<double> rate = vat::UntypedDoubleAt(doc_, t.rate, &error);
    amount_ok = false;
    if (!error && amount.present && basis.present && rate) {
      double expected =
          vat::RoundDouble(vat::AbsPlusToDouble(basis, 0) * *rate) / 100;
      amount_ok = vat::AbsPlusToDouble(amount, -1) < expected &&
                  vat::AbsPlusToDouble(amount, 1) > expected;
    }
  }
  if (!amount_ok) Fail(RuleId(c, 9), context);
  if (t.has_reason != (c.exemption == Exemption::kRequired))
    Fail(RuleId(c, 10), context);

  if (code == vat::kCodeK) {
    El delivery = doc_.Kid(transaction_, kRam, "ApplicableHeaderTradeDelivery");
    bool date = !doc_.Path(delivery, {{kRam, "ActualDeliverySupplyChainEvent"},
                                      {kRam, "OccurrenceDateTime"},
                                      {kUdt, "DateTimeString"}})
                     .empty();
    for (El p : doc_.Kids(doc_.Parent(tax), kRam, "BillingSpecifiedPeriod")) {
      date = date || doc_.Kid(p, kRam, "StartDateTime") >= 0 ||
             doc_.Kid(p, kRam, "EndDateTime") >= 0;
    }
    if (!date) Fail("BR-IC-11", context);
    if (doc_.Path(delivery, {{kRam, "ShipToTradeParty"},
                             {kRam, "PostalTradeAddress"},
                             {kRam, "CountryID"}})
            .empty())
      Fail("BR-IC-12", context);
  }
  if (code == vat::kCodeO) {
    // [ram:CategoryCode != 'O']: some CategoryCode child other than 'O'.
    auto other = [&](const std::vector<El>& taxes) {
      for (El x : taxes) {
        if (TaxOf(x).other_than_o) return true;
      }
      return false;
    };
    bool other_tax = other(trade_taxes_);
    bool other_allowance = other(allowance_taxes_);
    if (other_tax) Fail("BR-O-11", context);
    if (other_tax) Fail("BR-O-12", context);
    if (other_allowance) Fail("BR-O-13", context);
    if (other_allowance) Fail("BR-O-14", context);
  }
}

void CiiVat::CheckSplitPayment() {
  if (!(in_use_ & CodeBit(vat::kCodeB))) return;
  // //ram:CountryID: looked for here only, as split payment is rare
  // (Gather does not pick them from every document).
  std::string scratch;
  for (El i = 0; i < doc_.size(); ++i) {
    if (vat::Doc::Named(doc_[i], kRam, "CountryID") &&
        doc_.Text(i, scratch) != "IT") {
      Fail("BR-B-01", root_);
      break;
    }
  }
  if (in_use_ & CodeBit(vat::kCodeS)) Fail("BR-B-02", root_);
}

void CheckVatCategoryRules(const RunContext& ctx,
                           std::span<const cii::NameInfo> names) {
  if (ctx.Index().size() == 0) return;  // no document element
  CiiVat(ctx, names).Run();
}

std::vector<El> GatheredForTest(const RunContext& ctx,
                                std::span<const cii::NameInfo> names) {
  return CiiVat(ctx, names).GatheredForTest();
}

}  // namespace cii_vat

void CheckCiiVatCategoryRules(const RunContext& ctx) {
  cii_vat::CiiVat(ctx, {}).Run();
}

}  // namespace chorus::rules

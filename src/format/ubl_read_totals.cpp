// Payment (BG-16 to BG-19), document allowances and charges (BG-20/21),
// VAT totals and breakdown (BT-110, BT-111, BG-23) and totals (BG-22).
#include "format/ubl_read.h"

namespace chorus::ubl {
namespace {

constexpr Wants kPaymentMeansWants({
    {kCbcNs, "PaymentMeansCode"},
    {kCbcNs, "PaymentID"},
    {kCbcNs, "PaymentDueDate"},
    {kCacNs, "CardAccount"},
    {kCacNs, "PayeeFinancialAccount"},
    {kCacNs, "PaymentMandate"},
});
constexpr Wants kCardWants({
    {kCbcNs, "PrimaryAccountNumberID"},
    {kCbcNs, "HolderName"},
    {kCbcNs, "NetworkID"},
});
constexpr Wants kAccountWants({
    {kCbcNs, "ID"},
    {kCbcNs, "Name"},
    {kCacNs, "FinancialInstitutionBranch"},
});
constexpr Wants kMandateWants({
    {kCbcNs, "ID"},
    {kCacNs, "PayerFinancialAccount"},
});
constexpr Wants kSubtotalWants({
    {kCbcNs, "TaxableAmount"},
    {kCbcNs, "TaxAmount"},
    {kCacNs, "TaxCategory"},
});
constexpr Wants kMonetaryTotalWants({
    {kCbcNs, "LineExtensionAmount"},
    {kCbcNs, "TaxExclusiveAmount"},
    {kCbcNs, "TaxInclusiveAmount"},
    {kCbcNs, "AllowanceTotalAmount"},
    {kCbcNs, "ChargeTotalAmount"},
    {kCbcNs, "PrepaidAmount"},
    {kCbcNs, "PayableRoundingAmount"},
    {kCbcNs, "PayableAmount"},
});
constexpr Wants kPaymentTermsWants({{kCbcNs, "Note"}});
constexpr Wants kTaxTotalWants({{kCacNs, "TaxSubtotal"}});

// Payment means are repeated in UBL, once per payee account, each restating
// the code, text and remittance information: the first one's are BG-16's,
// the accounts of all of them make the BG-17 list, sized for `means` (at
// least how many payment means there are, one account each when valid).
void ReadPaymentMeans(Reader& r, El pm, bool first, std::size_t means,
                      bool* card_seen, bool* mandate_seen) {
  Invoice& inv = r.inv();
  if (!inv.payment) inv.payment.emplace();
  PaymentInstructions& p = *inv.payment;
  Kids<kPaymentMeansWants> k(r, pm);
  El code = k.Cbc("PaymentMeansCode");
  El remittance = k.Cbc("PaymentID");
  if (first && r.all_terms()) {  // no rule reads these three
    r.ReadText(code, p.means_code);
    r.ReadAttr(code, "name", p.means_text);
    r.ReadFreeText(remittance, p.remittance_info);
  } else if (r.marking()) {
    // A later means restates the first one's terms: only marks to set.
    r.TakeIfSameElseRepeated(code, xml::ViewOr(p.means_code));
    if (r.Attr(code, "name")) {
      if (p.means_text && r.PeekAttr(code, "name") == *p.means_text) {
        r.Take(code, "name");
      } else {
        r.Repeated(code, "name");
      }
    }
    if (remittance) {
      r.TakeIfSameElseRepeated(remittance, xml::ViewOr(p.remittance_info));
    }
  }
  if (r.credit_note()) {
    if (El due = k.Cbc("PaymentDueDate")) {
      if (inv.due_date) {
        r.Repeated(due);
      } else {
        inv.due_date = r.DateOf(due);
      }
    }
  }
  if (El card = k.Cac("CardAccount")) {
    if (*card_seen) {
      r.Repeated(card);
    } else {
      *card_seen = true;
      Kids<kCardWants> kc(r, card);
      PaymentCard c;
      r.ReadText(kc.Cbc("PrimaryAccountNumberID"), c.account_number);
      r.ReadText(kc.Cbc("HolderName"), c.holder_name);
      r.TakeIfEquals(kc.Cbc("NetworkID"), kCardNetworkPlaceholder);
      p.card = std::move(c);
    }
  }
  // No rule reads the accounts (BG-17).
  const auto account = [&](El acc) {
    Kids<kAccountWants> ka(r, acc);
    if (p.credit_transfers.empty()) p.credit_transfers.reserve(means);
    CreditTransfer& t = p.credit_transfers.emplace_back();
    r.ReadFreeText(ka.Cbc("ID"), t.account_id);
    r.ReadFreeText(ka.Cbc("Name"), t.account_name);
    if (El branch = ka.Cac("FinancialInstitutionBranch")) {
      Kids<kIdWants> kb(r, branch);
      r.ReadText(kb.Cbc("ID"), t.service_provider_id);
    }
  };
  if (r.all_terms()) k.EachCac("PayeeFinancialAccount", account);
  if (El mandate = k.Cac("PaymentMandate")) {
    if (*mandate_seen) {
      r.Repeated(mandate);
    } else {
      *mandate_seen = true;
      Kids<kMandateWants> km(r, mandate);
      if (!p.direct_debit) p.direct_debit.emplace();
      r.ReadText(km.Cbc("ID"), p.direct_debit->mandate_reference);
      if (El payer = km.Cac("PayerFinancialAccount")) {
        Kids<kIdWants> kp(r, payer);
        r.ReadText(kp.Cbc("ID"), p.direct_debit->debited_account_id);
      }
    }
  }
}

// Fills `v` in place (a model entry already in its vector: building one
// aside and moving it in costs a copy of every field).
void ReadSubtotal(Reader& r, El n, VatBreakdown& v) {
  v.pos = r.Pos(n);
  Kids<kSubtotalWants> k(r, n);
  r.ReadAmount(k.Cbc("TaxableAmount"), v.taxable_amount);
  r.ReadAmount(k.Cbc("TaxAmount"), v.tax_amount);
  if (El tc = k.Cac("TaxCategory")) {
    Kids<kTaxCategoryWants> kt(r, tc);
    r.ReadText(kt.Cbc("ID"), v.category);
    r.ReadNumber(kt.Cbc("Percent"), v.rate);
    TakeVatScheme(r, kt.Cac("TaxScheme"));
    if (!r.all_terms()) return;  // the VAT rules read the reasons in the XML
    r.ReadText(kt.Cbc("TaxExemptionReasonCode"), v.exemption_reason_code);
    r.ReadFreeText(kt.Cbc("TaxExemptionReason"), v.exemption_reason);
  }
}

// Fills `a` in place, as ReadSubtotal.
void ReadAllowanceCharge(Reader& r, El n, AllowanceCharge& a) {
  a.pos = r.Pos(n);
  Kids<kAllowanceChargeWants> k(r, n);
  std::optional<bool> indicator = ReadIndicator(r, k.Cbc("ChargeIndicator"));
  a.is_charge = indicator.value_or(false);
  a.indicator_valid = indicator.has_value();
  r.ReadText(k.Cbc("AllowanceChargeReasonCode"), a.reason_code);
  r.ReadFreeText(k.Cbc("AllowanceChargeReason"), a.reason);
  r.ReadNumber(k.Cbc("MultiplierFactorNumeric"), a.percentage);
  r.ReadAmount(k.Cbc("Amount"), a.amount);
  r.ReadAmount(k.Cbc("BaseAmount"), a.base_amount);
  if (El tc = k.Cac("TaxCategory")) {
    Kids<kTaxCategoryWants> kt(r, tc);
    r.ReadText(kt.Cbc("ID"), a.vat_category);
    r.ReadNumber(kt.Cbc("Percent"), a.vat_rate);
    TakeVatScheme(r, kt.Cac("TaxScheme"));
  }
}

void ReadMonetaryTotal(Reader& r, El n) {
  if (!n) return;
  Totals& t = r.inv().totals.emplace();
  t.pos = r.Pos(n);
  Kids<kMonetaryTotalWants> k(r, n);
  r.ReadAmount(k.Cbc("LineExtensionAmount"), t.line_net_total);
  r.ReadAmount(k.Cbc("TaxExclusiveAmount"), t.tax_exclusive);
  r.ReadAmount(k.Cbc("TaxInclusiveAmount"), t.tax_inclusive);
  r.ReadAmount(k.Cbc("AllowanceTotalAmount"), t.allowance_total);
  r.ReadAmount(k.Cbc("ChargeTotalAmount"), t.charge_total);
  r.ReadAmount(k.Cbc("PrepaidAmount"), t.prepaid);
  r.ReadAmount(k.Cbc("PayableRoundingAmount"), t.rounding);
  r.ReadAmount(k.Cbc("PayableAmount"), t.payable);
}

}  // namespace

void TakeVatScheme(Reader& r, El tax_scheme) {
  if (!tax_scheme || !r.marking()) return;
  r.Take(tax_scheme);
  El id = r.Child(tax_scheme, kCbcNs, "ID");
  if (IsVatScheme(r.Peek(id))) r.Take(id);
}

std::optional<bool> ReadIndicator(Reader& r, El n) {
  if (!n) return std::nullopt;
  r.Take(n);
  std::string_view v = r.Peek(n);
  if (v == "true" || v == "1") return true;
  if (v == "false" || v == "0") return false;
  r.Warn(n, "cbc:ChargeIndicator: '" + std::string(v) +
                "' is not a boolean; read as false (allowance)");
  return std::nullopt;
}

void ReadPayment(Reader& r, const RootKids& root) {
  bool first = true;
  bool card_seen = false;
  bool mandate_seen = false;
  const std::size_t means = root.CountCac("PaymentMeans");
  root.EachCac("PaymentMeans", [&](El pm) {
    ReadPaymentMeans(r, pm, first, means, &card_seen, &mandate_seen);
    first = false;
  });
  if (El terms = root.Cac("PaymentTerms")) {
    Kids<kPaymentTermsWants> k(r, terms);
    r.ReadFreeText(k.Cbc("Note"), r.inv().payment_terms);
  }
}

void ReadAllowancesAndTaxes(Reader& r, const RootKids& root) {
  Invoice& inv = r.inv();
  // Sized once: growing moves every entry built so far.
  if (root.Cac("AllowanceCharge")) {
    inv.allowances_charges.reserve(root.CountCac("AllowanceCharge"));
  }
  root.EachCac("AllowanceCharge", [&](El n) {
    ReadAllowanceCharge(r, n, inv.allowances_charges.emplace_back());
  });

  // BT-110 is the TaxTotal in the document currency (with the breakdown),
  // BT-111 the one in the tax accounting currency (BT-6).
  bool have_vat_total = false;
  bool have_accounting_total = false;
  root.EachCac("TaxTotal", [&](El n) {
    El amount = r.Child(n, kCbcNs, "TaxAmount");
    // The currency matters only beside a tax accounting currency (BT-6).
    bool in_accounting_currency = false;
    if (inv.accounting_currency) {
      std::string_view currency = r.PeekAttr(amount, "currencyID");
      in_accounting_currency =
          currency == *inv.accounting_currency && currency != inv.currency;
    }
    if (!in_accounting_currency && !have_vat_total) {
      have_vat_total = true;
      Kids<kTaxTotalWants> k(r, n);
      r.ReadAmount(amount, inv.vat_total);
      inv.vat_breakdown.reserve(k.CountCac("TaxSubtotal"));
      k.EachCac("TaxSubtotal", [&](El st) {
        ReadSubtotal(r, st, inv.vat_breakdown.emplace_back());
      });
    } else if (!have_accounting_total) {
      have_accounting_total = true;
      r.Take(n);
      r.ReadAmount(amount, inv.vat_total_accounting);
    } else {
      r.Repeated(n);
    }
  });
  ReadMonetaryTotal(r, root.Cac("LegalMonetaryTotal"));
}

}  // namespace chorus::ubl

// Payment (BG-16 to BG-19), document allowances and charges (BG-20/21),
// VAT totals and breakdown (BT-110, BT-111, BG-23) and totals (BG-22).
#include "format/ubl_read.h"

namespace chorus::ubl {
namespace {

// Payment means are repeated in UBL, once per payee account, each restating
// the code, text and remittance information: the first one's are BG-16's,
// the accounts of all of them make the BG-17 list.
void ReadPaymentMeans(Reader& r, El pm, bool first, bool* card_seen,
                      bool* mandate_seen) {
  Invoice& inv = r.inv();
  if (!inv.payment) inv.payment.emplace();
  PaymentInstructions& p = *inv.payment;
  Kids k(r, pm);
  El code = k.Cbc("PaymentMeansCode");
  El remittance = k.Cbc("PaymentID");
  if (first) {
    p.means_code = r.OptText(code);
    p.means_text = r.AttrText(code, "name");
    p.remittance_info = r.OptText(remittance);
  } else {
    r.TakeIfSameElseRepeated(code, p.means_code.value_or(""));
    if (r.Attr(code, "name")) {
      if (p.means_text && r.PeekAttr(code, "name") == *p.means_text) {
        r.Take(code, "name");
      } else {
        r.Repeated(code, "name");
      }
    }
    if (remittance) {
      r.TakeIfSameElseRepeated(remittance, p.remittance_info.value_or(""));
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
      Kids kc(r, card);
      PaymentCard c;
      c.account_number = r.OptText(kc.Cbc("PrimaryAccountNumberID"));
      c.holder_name = r.OptText(kc.Cbc("HolderName"));
      r.TakeIfEquals(kc.Cbc("NetworkID"), kCardNetworkPlaceholder);
      p.card = std::move(c);
    }
  }
  k.EachCac("PayeeFinancialAccount", [&](El acc) {
    Kids ka(r, acc);
    CreditTransfer t;
    t.account_id = r.OptText(ka.Cbc("ID"));
    t.account_name = r.OptText(ka.Cbc("Name"));
    if (El branch = ka.Cac("FinancialInstitutionBranch")) {
      Kids kb(r, branch);
      t.service_provider_id = r.OptText(kb.Cbc("ID"));
    }
    p.credit_transfers.push_back(std::move(t));
  });
  if (El mandate = k.Cac("PaymentMandate")) {
    if (*mandate_seen) {
      r.Repeated(mandate);
    } else {
      *mandate_seen = true;
      Kids km(r, mandate);
      if (!p.direct_debit) p.direct_debit.emplace();
      p.direct_debit->mandate_reference = r.OptText(km.Cbc("ID"));
      if (El payer = km.Cac("PayerFinancialAccount")) {
        Kids kp(r, payer);
        p.direct_debit->debited_account_id = r.OptText(kp.Cbc("ID"));
      }
    }
  }
}

VatBreakdown ReadSubtotal(Reader& r, El n) {
  VatBreakdown v;
  v.pos = r.Pos(n);
  Kids k(r, n);
  v.taxable_amount = r.Amt(k.Cbc("TaxableAmount"));
  v.tax_amount = r.Amt(k.Cbc("TaxAmount"));
  if (El tc = k.Cac("TaxCategory")) {
    Kids kt(r, tc);
    v.category = r.OptText(kt.Cbc("ID"));
    v.rate = r.Num(kt.Cbc("Percent"));
    v.exemption_reason_code = r.OptText(kt.Cbc("TaxExemptionReasonCode"));
    v.exemption_reason = r.OptText(kt.Cbc("TaxExemptionReason"));
    TakeVatScheme(r, kt.Cac("TaxScheme"));
  }
  return v;
}

AllowanceCharge ReadAllowanceCharge(Reader& r, El n) {
  AllowanceCharge a;
  a.pos = r.Pos(n);
  Kids k(r, n);
  std::optional<bool> indicator = ReadIndicator(r, k.Cbc("ChargeIndicator"));
  a.is_charge = indicator.value_or(false);
  a.indicator_valid = indicator.has_value();
  a.reason_code = r.OptText(k.Cbc("AllowanceChargeReasonCode"));
  a.reason = r.OptText(k.Cbc("AllowanceChargeReason"));
  a.percentage = r.Num(k.Cbc("MultiplierFactorNumeric"));
  a.amount = r.Amt(k.Cbc("Amount"));
  a.base_amount = r.Amt(k.Cbc("BaseAmount"));
  if (El tc = k.Cac("TaxCategory")) {
    Kids kt(r, tc);
    a.vat_category = r.OptText(kt.Cbc("ID"));
    a.vat_rate = r.Num(kt.Cbc("Percent"));
    TakeVatScheme(r, kt.Cac("TaxScheme"));
  }
  return a;
}

void ReadMonetaryTotal(Reader& r, El n) {
  if (!n) return;
  Totals& t = r.inv().totals.emplace();
  t.pos = r.Pos(n);
  Kids k(r, n);
  t.line_net_total = r.Amt(k.Cbc("LineExtensionAmount"));
  t.tax_exclusive = r.Amt(k.Cbc("TaxExclusiveAmount"));
  t.tax_inclusive = r.Amt(k.Cbc("TaxInclusiveAmount"));
  t.allowance_total = r.Amt(k.Cbc("AllowanceTotalAmount"));
  t.charge_total = r.Amt(k.Cbc("ChargeTotalAmount"));
  t.prepaid = r.Amt(k.Cbc("PrepaidAmount"));
  t.rounding = r.Amt(k.Cbc("PayableRoundingAmount"));
  t.payable = r.Amt(k.Cbc("PayableAmount"));
}

}  // namespace

void TakeVatScheme(Reader& r, El tax_scheme) {
  if (!tax_scheme) return;
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

void ReadPayment(Reader& r, const Kids& root) {
  bool first = true;
  bool card_seen = false;
  bool mandate_seen = false;
  root.EachCac("PaymentMeans", [&](El pm) {
    ReadPaymentMeans(r, pm, first, &card_seen, &mandate_seen);
    first = false;
  });
  if (El terms = root.Cac("PaymentTerms")) {
    Kids k(r, terms);
    r.inv().payment_terms = r.OptText(k.Cbc("Note"));
  }
}

void ReadAllowancesAndTaxes(Reader& r, const Kids& root) {
  Invoice& inv = r.inv();
  root.EachCac("AllowanceCharge", [&](El n) {
    inv.allowances_charges.push_back(ReadAllowanceCharge(r, n));
  });

  // BT-110 is the TaxTotal in the document currency (with the breakdown),
  // BT-111 the one in the tax accounting currency (BT-6).
  bool have_vat_total = false;
  bool have_accounting_total = false;
  root.EachCac("TaxTotal", [&](El n) {
    El amount = r.Child(n, kCbcNs, "TaxAmount");
    std::string_view currency = r.PeekAttr(amount, "currencyID");
    bool in_accounting_currency = inv.accounting_currency &&
                                  currency == *inv.accounting_currency &&
                                  currency != inv.currency;
    if (!in_accounting_currency && !have_vat_total) {
      have_vat_total = true;
      Kids k(r, n);
      inv.vat_total = r.Amt(amount);
      k.EachCac("TaxSubtotal", [&](El st) {
        inv.vat_breakdown.push_back(ReadSubtotal(r, st));
      });
    } else if (!have_accounting_total) {
      have_accounting_total = true;
      r.Take(n);
      inv.vat_total_accounting = r.Amt(amount);
    } else {
      r.Repeated(n);
    }
  });
  ReadMonetaryTotal(r, root.Cac("LegalMonetaryTotal"));
}

}  // namespace chorus::ubl

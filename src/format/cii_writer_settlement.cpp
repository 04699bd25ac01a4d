// The header trade settlement of the CII writer.
#include <cctype>
#include <string>

#include "format/cii_writer_impl.h"

namespace chorus::cii {
namespace {

// ISO 13616 shape (country, check digits, up to 30 alphanumerics; spaces
// allowed for the printed form): such an account goes to ram:IBANID, any
// other to ram:ProprietaryID.
bool LooksLikeIban(const std::string& s) {
  std::string compact;
  for (char c : s) {
    if (c != ' ') compact += c;
  }
  if (compact.size() < 15 || compact.size() > 34) return false;
  auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (!upper(compact[0]) || !upper(compact[1]) || !digit(compact[2]) ||
      !digit(compact[3])) {
    return false;
  }
  for (char c : compact) {
    if (!upper(c) && !digit(c)) return false;
  }
  return true;
}

}  // namespace

void Writer::Settlement(pugi::xml_node tx) {
  pugi::xml_node s = tx.append_child("ram:ApplicableHeaderTradeSettlement");
  const auto& pay = inv_.payment;
  const DirectDebit* debit =
      pay && pay->direct_debit ? &*pay->direct_debit : nullptr;
  if (debit) LeafIf(s, "ram:CreditorReferenceID", debit->creditor_id);  // BT-90
  if (pay) LeafIf(s, "ram:PaymentReference", pay->remittance_info);    // BT-83
  LeafIf(s, "ram:TaxCurrencyCode", inv_.accounting_currency);          // BT-6
  LeafIf(s, "ram:InvoiceCurrencyCode", inv_.currency);                 // BT-5
  if (const auto& p = inv_.payee) {                                    // BG-10
    pugi::xml_node n = s.append_child("ram:PayeeTradeParty");
    if (p->id) PartyId(n, *p->id);
    LeafIf(n, "ram:Name", p->name);
    if (p->legal_registration_id) {
      IdLeaf(n.append_child("ram:SpecifiedLegalOrganization"), "ram:ID",
             *p->legal_registration_id);
    }
  }
  PaymentMeans(s);
  VatBreakdown(s);
  if (inv_.invoicing_period) {  // BG-14
    WritePeriod(s.append_child("ram:BillingSpecifiedPeriod"), *inv_.invoicing_period);
  }
  for (const chorus::AllowanceCharge& a : inv_.allowances_charges) {
    AllowanceCharge(s, a);
  }
  PaymentTerms(s);
  Summation(s);
  const auto& preceding = inv_.preceding_invoices;  // BG-3
  if (!preceding.empty()) {
    pugi::xml_node r = s.append_child("ram:InvoiceReferencedDocument");
    LeafIf(r, "ram:IssuerAssignedID", preceding.front().number);
    if (preceding.front().issue_date) {
      DateLeaf(r, "ram:FormattedIssueDateTime", *preceding.front().issue_date,
               "qdt:DateTimeString");
    }
    for (size_t i = 1; i < preceding.size(); ++i) {
      Lose("BG-3", "CII D16B holds one preceding invoice reference; '" +
                       preceding[i].number.value_or("") + "' is not written");
    }
  }
  if (inv_.buyer_accounting_reference) {  // BT-19
    Leaf(s.append_child("ram:ReceivableSpecifiedTradeAccountingAccount"),
         "ram:ID", *inv_.buyer_accounting_reference);
  }
}

// CII repeats BT-81/BT-82 in one ram:SpecifiedTradeSettlementPaymentMeans
// per credit transfer account (BG-17 is 0..n, the account 0..1 per means).
void Writer::PaymentMeans(pugi::xml_node s) {
  if (!inv_.payment) return;
  const PaymentInstructions& p = *inv_.payment;
  const DirectDebit* debit = p.direct_debit ? &*p.direct_debit : nullptr;
  bool debited = debit && debit->debited_account_id;
  if (!p.means_code && !p.means_text && p.credit_transfers.empty() &&
      !p.card && !debited) {
    return;
  }
  size_t count = p.credit_transfers.empty() ? 1 : p.credit_transfers.size();
  for (size_t i = 0; i < count; ++i) {
    pugi::xml_node m = s.append_child("ram:SpecifiedTradeSettlementPaymentMeans");
    LeafIf(m, "ram:TypeCode", p.means_code);      // BT-81
    LeafIf(m, "ram:Information", p.means_text);                         // BT-82
    if (i == 0 && p.card) {  // BG-18
      pugi::xml_node c = m.append_child("ram:ApplicableTradeSettlementFinancialCard");
      LeafIf(c, "ram:ID", p.card->account_number);
      LeafIf(c, "ram:CardholderName", p.card->holder_name);
    }
    if (i == 0 && debited) {  // BT-91
      Leaf(m.append_child("ram:PayerPartyDebtorFinancialAccount"), "ram:IBANID",
           *debit->debited_account_id);
    }
    if (i >= p.credit_transfers.size()) continue;
    const CreditTransfer& t = p.credit_transfers[i];  // BG-17
    // An empty account element keeps an otherwise empty BG-17 on re-reading.
    if (t.account_id || t.account_name || !t.service_provider_id) {
      pugi::xml_node acc = m.append_child("ram:PayeePartyCreditorFinancialAccount");
      bool iban = t.account_id && LooksLikeIban(*t.account_id);
      if (iban) Leaf(acc, "ram:IBANID", *t.account_id);
      LeafIf(acc, "ram:AccountName", t.account_name);
      if (t.account_id && !iban) Leaf(acc, "ram:ProprietaryID", *t.account_id);
    }
    if (t.service_provider_id) {  // BT-86
      Leaf(m.append_child("ram:PayeeSpecifiedCreditorFinancialInstitution"),
           "ram:BICID", *t.service_provider_id);
    }
  }
}

void Writer::VatBreakdown(pugi::xml_node s) {
  bool first = true;
  for (const chorus::VatBreakdown& v : inv_.vat_breakdown) {  // BG-23
    pugi::xml_node t = s.append_child("ram:ApplicableTradeTax");
    DecimalIf(t, "ram:CalculatedAmount", v.tax_amount);
    Leaf(t, "ram:TypeCode", "VAT");
    LeafIf(t, "ram:ExemptionReason", v.exemption_reason);
    DecimalIf(t, "ram:BasisAmount", v.taxable_amount);
    LeafIf(t, "ram:CategoryCode", v.category);
    LeafIf(t, "ram:ExemptionReasonCode", v.exemption_reason_code);
    // BT-7 and BT-8 are document level; CII-SR-461 allows one TaxPointDate.
    if (first && inv_.tax_point_date) {
      DateLeaf(t, "ram:TaxPointDate", *inv_.tax_point_date, "udt:DateString");
    }
    if (first) LeafIf(t, "ram:DueDateTypeCode", inv_.tax_point_date_code);
    DecimalIf(t, "ram:RateApplicablePercent", v.rate);
    first = false;
  }
  if (first && inv_.tax_point_date) {
    Lose("BT-7", "CII carries the VAT point date in a VAT breakdown (BG-23) "
                 "and the invoice has none");
  }
  if (first && inv_.tax_point_date_code) {
    Lose("BT-8", "CII carries the VAT point date code in a VAT breakdown "
                 "(BG-23) and the invoice has none");
  }
}

void Writer::AllowanceCharge(pugi::xml_node s, const chorus::AllowanceCharge& a) {
  pugi::xml_node n = s.append_child("ram:SpecifiedTradeAllowanceCharge");
  if (a.indicator_valid) IndicatorLeaf(n, "ram:ChargeIndicator", a.is_charge);
  DecimalIf(n, "ram:CalculationPercent", a.percentage);
  DecimalIf(n, "ram:BasisAmount", a.base_amount);
  DecimalIf(n, "ram:ActualAmount", a.amount);
  LeafIf(n, "ram:ReasonCode", a.reason_code);
  LeafIf(n, "ram:Reason", a.reason);
  if (a.vat_category || a.vat_rate) {
    pugi::xml_node t = n.append_child("ram:CategoryTradeTax");
    Leaf(t, "ram:TypeCode", "VAT");
    LeafIf(t, "ram:CategoryCode", a.vat_category);
    DecimalIf(t, "ram:RateApplicablePercent", a.vat_rate);
  }
}

void Writer::PaymentTerms(pugi::xml_node s) {
  const Text* mandate = nullptr;
  if (inv_.payment && inv_.payment->direct_debit &&
      inv_.payment->direct_debit->mandate_reference) {
    mandate = &inv_.payment->direct_debit->mandate_reference;
  }
  if (!inv_.payment_terms && !inv_.due_date && !mandate) return;
  pugi::xml_node t = s.append_child("ram:SpecifiedTradePaymentTerms");
  LeafIf(t, "ram:Description", inv_.payment_terms);                 // BT-20
  if (inv_.due_date) DateLeaf(t, "ram:DueDateDateTime", *inv_.due_date);  // BT-9
  if (mandate) LeafIf(t, "ram:DirectDebitMandateID", *mandate);      // BT-89
}

void Writer::Summation(pugi::xml_node s) {
  // BT-110/BT-111 live in BG-22's element in CII.
  if (!inv_.totals && !inv_.vat_total && !inv_.vat_total_accounting) return;
  static const Totals kNone;
  const Totals& t = inv_.totals ? *inv_.totals : kNone;  // BG-22
  pugi::xml_node n =
      s.append_child("ram:SpecifiedTradeSettlementHeaderMonetarySummation");
  DecimalIf(n, "ram:LineTotalAmount", t.line_net_total);
  DecimalIf(n, "ram:ChargeTotalAmount", t.charge_total);
  DecimalIf(n, "ram:AllowanceTotalAmount", t.allowance_total);
  DecimalIf(n, "ram:TaxBasisTotalAmount", t.tax_exclusive);
  if (inv_.vat_total) {  // BT-110
    pugi::xml_node v = n.append_child("ram:TaxTotalAmount");
    v.append_child(pugi::node_pcdata).set_value(inv_.vat_total->ToString().c_str());
    v.append_attribute("currencyID") =
        inv_.currency ? inv_.currency->c_str() : "";
  }
  if (inv_.vat_total_accounting) {  // BT-111
    if (inv_.accounting_currency) {
      pugi::xml_node v = n.append_child("ram:TaxTotalAmount");
      v.append_child(pugi::node_pcdata)
          .set_value(inv_.vat_total_accounting->ToString().c_str());
      v.append_attribute("currencyID") = inv_.accounting_currency->c_str();
    } else {
      Lose("BT-111", "CII tells the VAT total in accounting currency by its "
                     "currency (BT-6), which the invoice does not give");
    }
  }
  DecimalIf(n, "ram:RoundingAmount", t.rounding);
  DecimalIf(n, "ram:GrandTotalAmount", t.tax_inclusive);
  DecimalIf(n, "ram:TotalPrepaidAmount", t.prepaid);
  DecimalIf(n, "ram:DuePayableAmount", t.payable);
}

void Writer::WritePeriod(pugi::xml_node n, const Period& p) {
  if (p.start) DateLeaf(n, "ram:StartDateTime", *p.start);
  if (p.end) DateLeaf(n, "ram:EndDateTime", *p.end);
}

}  // namespace chorus::cii

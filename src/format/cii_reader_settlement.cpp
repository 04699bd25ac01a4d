// The header trade delivery and settlement: delivery, payment, VAT
// breakdown, document allowances and charges, totals, preceding invoices.
#include "format/cii_reader_impl.h"

namespace chorus::cii {

PaymentInstructions& Reader::Payment() {
  if (!inv_.payment) inv_.payment.emplace();
  return *inv_.payment;
}

DirectDebit& Reader::Debit() {
  PaymentInstructions& p = Payment();
  if (!p.direct_debit) p.direct_debit.emplace();
  return *p.direct_debit;
}

void Reader::Delivery(El e) {
  auto delivery = [&]() -> chorus::Delivery& {
    if (!inv_.delivery) inv_.delivery.emplace();
    return *inv_.delivery;
  };
  bool ship_to = false;
  ctx_.Children(e, [&](El k) {
    if (!k.InRam()) return false;
    if (k.local == "ShipToTradeParty") {  // BT-70, BT-71, BG-15
      if (!ctx_.Once(ship_to, k)) return true;
      chorus::Delivery& d = delivery();
      PartyTarget t;
      t.name = &d.party_name;
      t.id = &d.location_id;
      t.address = &d.address;
      Party(k, t);
    } else if (k.local == "ActualDeliverySupplyChainEvent") {  // BT-72
      chorus::Delivery& d = delivery();
      ctx_.Children(k, [&](El v) {
        if (!v.Ram("OccurrenceDateTime")) return false;
        ctx_.SetDate(d.actual_date, v, "BT-72");
        return true;
      });
    } else if (k.local == "DespatchAdviceReferencedDocument") {  // BT-16
      IssuerId(k, inv_.despatch_advice_reference);
    } else if (k.local == "ReceivingAdviceReferencedDocument") {  // BT-15
      IssuerId(k, inv_.receiving_advice_reference);
    } else {
      return false;
    }
    return true;
  });
}

void Reader::Settlement(El e) {
  TaxTotalList tax_totals;
  bool summation = false;
  ctx_.Children(e, [&](El k) {
    if (!k.InRam()) return false;
    if (k.local == "CreditorReferenceID") {  // BT-90
      ctx_.SetText(Debit().creditor_id, k);
    } else if (k.local == "PaymentReference") {  // BT-83
      ctx_.SetFreeText(Payment().remittance_info, k);
    } else if (k.local == "TaxCurrencyCode") {  // BT-6
      ctx_.SetText(inv_.accounting_currency, k);
    } else if (k.local == "InvoiceCurrencyCode") {  // BT-5
      ctx_.SetText(inv_.currency, k);
    } else if (k.local == "PayeeTradeParty") {  // BG-10
      if (inv_.payee) {
        ctx_.Unmapped(k, kRepeated);
        return true;
      }
      chorus::Payee& p = inv_.payee.emplace();
      PartyTarget t;
      t.name = &p.name;
      t.id = &p.id;
      t.legal_id = &p.legal_registration_id;
      Party(k, t);
    } else if (k.local == "SpecifiedTradeSettlementPaymentMeans") {
      PaymentMeans(k);
    } else if (k.local == "ApplicableTradeTax") {
      VatBreakdownOf(k);
    } else if (k.local == "BillingSpecifiedPeriod") {  // BG-14
      if (inv_.invoicing_period) {
        ctx_.Unmapped(k, kRepeated);
      } else {
        ReadPeriod(k, inv_.invoicing_period.emplace());
      }
    } else if (k.local == "SpecifiedTradeAllowanceCharge") {
      AllowanceChargeOf(k);
    } else if (k.local == "SpecifiedTradePaymentTerms") {
      PaymentTerms(k);
    } else if (k.local == "SpecifiedTradeSettlementHeaderMonetarySummation") {
      if (ctx_.Once(summation, k)) Summation(k, tax_totals);
    } else if (k.local == "InvoiceReferencedDocument") {  // BG-3
      PrecedingInvoice(k);
    } else if (k.local == "ReceivableSpecifiedTradeAccountingAccount") {
      ctx_.Children(k, [&](El a) {  // BT-19
        if (!a.Ram("ID")) return false;
        ctx_.SetText(inv_.buyer_accounting_reference, a);
        return true;
      });
    } else {
      return false;
    }
    return true;
  });
  // Telling BT-110 from BT-111 needs both currencies, which a fragment may
  // give after the totals.
  TaxTotals(tax_totals);
}

void Reader::PaymentMeans(El e) {
  PaymentInstructions& pay = Payment();
  // Built in place on first need, in a list sized once for every payment
  // means (one account each, in valid documents).
  CreditTransfer* transfer_in_list = nullptr;
  const auto transfer = [&]() -> CreditTransfer& {
    if (transfer_in_list == nullptr) {
      if (pay.credit_transfers.empty()) {
        pay.credit_transfers.reserve(ctx_.CountFrom(e));
      }
      transfer_in_list = &pay.credit_transfers.emplace_back();
    }
    return *transfer_in_list;
  };
  bool account_group = false;
  ctx_.Children(e, [&](El k) {
    if (!k.InRam()) return false;
    if (k.local == "TypeCode") {  // BT-81, the same in every payment means
      std::string_view code = ctx_.View(k, {});
      if (!means_code_seen_) {
        means_code_seen_ = true;
        pay.means_code.emplace(code);
      } else if (code != xml::ViewOr(pay.means_code)) {
        ctx_.Unmapped(k, kRepeated);
      }
    } else if (k.local == "Information") {  // BT-82, likewise
      std::string_view text = ctx_.View(k, {});
      if (!means_text_seen_) {
        means_text_seen_ = true;
        pay.means_text.emplace(text);
      } else if (!pay.means_text || text != *pay.means_text) {
        ctx_.Unmapped(k, kRepeated);
      }
    } else if (k.local == "ApplicableTradeSettlementFinancialCard") {  // BG-18
      if (pay.card) {
        ctx_.Unmapped(k, kRepeated);
        return true;
      }
      PaymentCard& card = pay.card.emplace();
      ctx_.Children(k, [&](El c) {
        if (c.Ram("ID")) {  // BT-87
          ctx_.SetText(card.account_number, c);
          return true;
        }
        if (c.Ram("CardholderName")) {  // BT-88
          ctx_.SetText(card.holder_name, c);
          return true;
        }
        return false;
      });
    } else if (k.local == "PayerPartyDebtorFinancialAccount") {
      ctx_.Children(k, [&](El a) {  // BT-91
        if (!a.Ram("IBANID")) return false;
        ctx_.SetText(Debit().debited_account_id, a);
        return true;
      });
    } else if (k.local == "PayeePartyCreditorFinancialAccount") {  // BG-17
      if (!ctx_.Once(account_group, k)) return true;
      transfer();
      ctx_.Children(k, [&](El a) {
        if (a.Ram("IBANID") || a.Ram("ProprietaryID")) {  // BT-84
          ctx_.SetFreeText(transfer().account_id, a);
          return true;
        }
        if (a.Ram("AccountName")) {  // BT-85
          ctx_.SetFreeText(transfer().account_name, a);
          return true;
        }
        return false;
      });
    } else if (k.local == "PayeeSpecifiedCreditorFinancialInstitution") {
      transfer();
      ctx_.Children(k, [&](El f) {  // BT-86
        if (!f.Ram("BICID")) return false;
        ctx_.SetText(transfer().service_provider_id, f);
        return true;
      });
    } else {
      return false;
    }
    return true;
  });
}

void Reader::TaxTypeCode(El e) {
  if (ctx_.View(e, {}) != "VAT") ctx_.Unmapped(e, kNotEn);
}

void Reader::VatBreakdownOf(El e) {
  // Filled in place, in a list sized once: moving a breakdown in copies
  // every field.
  if (inv_.vat_breakdown.empty()) {
    inv_.vat_breakdown.reserve(ctx_.CountFrom(e));
  }
  VatBreakdown& v = inv_.vat_breakdown.emplace_back();
  v.pos = ctx_.Pos(e);
  bool amount = false, basis = false;
  ctx_.Children(e, [&](El k) {
    if (!k.InRam()) return false;
    if (k.local == "CalculatedAmount") {
      ctx_.SetDecimal(v.tax_amount, amount, k, "BT-117");
    } else if (k.local == "TypeCode") {
      TaxTypeCode(k);
    } else if (k.local == "ExemptionReason") {
      ctx_.SetFreeText(v.exemption_reason, k);  // BT-120
    } else if (k.local == "BasisAmount") {
      ctx_.SetDecimal(v.taxable_amount, basis, k, "BT-116");
    } else if (k.local == "CategoryCode") {  // BT-118
      ctx_.SetText(v.category, k);
    } else if (k.local == "ExemptionReasonCode") {
      ctx_.SetText(v.exemption_reason_code, k);  // BT-121
    } else if (k.local == "TaxPointDate") {
      ctx_.SetDate(inv_.tax_point_date, k, "BT-7");
    } else if (k.local ==
               "DueDateTypeCode") {  // BT-8, equal in every breakdown
      std::string_view code = ctx_.View(k, {});
      if (!inv_.tax_point_date_code) {
        inv_.tax_point_date_code.emplace(code);
      } else if (code != *inv_.tax_point_date_code) {
        ctx_.Unmapped(k, kRepeated);
      }
    } else if (k.local == "RateApplicablePercent") {
      ctx_.SetAmount(v.rate, k, "BT-119");
    } else {
      return false;
    }
    return true;
  });
}

void Reader::AllowanceChargeOf(El e) {
  if (inv_.allowances_charges.empty()) {
    inv_.allowances_charges.reserve(ctx_.CountFrom(e));  // sized once
  }
  AllowanceCharge& a = inv_.allowances_charges.emplace_back();  // in place
  a.pos = ctx_.Pos(e);
  bool indicator = false, amount = false;
  ctx_.Children(e, [&](El k) {
    if (!k.InRam()) return false;
    if (k.local == "ChargeIndicator") {
      if (!ctx_.Once(indicator, k)) return true;
      std::optional<bool> v = ctx_.IndicatorIn(k);
      a.is_charge = v.value_or(false);
      a.indicator_valid = v.has_value();
    } else if (k.local == "CalculationPercent") {
      ctx_.SetAmount(a.percentage, k, a.is_charge ? "BT-101" : "BT-94");
    } else if (k.local == "BasisAmount") {
      ctx_.SetAmount(a.base_amount, k, a.is_charge ? "BT-100" : "BT-93");
    } else if (k.local == "ActualAmount") {
      ctx_.SetDecimal(a.amount, amount, k, a.is_charge ? "BT-99" : "BT-92");
    } else if (k.local == "ReasonCode") {
      ctx_.SetText(a.reason_code, k);
    } else if (k.local == "Reason") {
      ctx_.SetFreeText(a.reason, k);
    } else if (k.local == "CategoryTradeTax") {
      ctx_.Children(k, [&](El t) {
        if (!t.InRam()) return false;
        if (t.local == "TypeCode") {
          TaxTypeCode(t);
        } else if (t.local == "CategoryCode") {  // BT-95 / BT-102
          ctx_.SetText(a.vat_category, t);
        } else if (t.local == "RateApplicablePercent") {
          ctx_.SetAmount(a.vat_rate, t, a.is_charge ? "BT-103" : "BT-96");
        } else {
          return false;
        }
        return true;
      });
    } else {
      return false;
    }
    return true;
  });
  if (!indicator) {
    ctx_.Diag(e, "ChargeIndicator is missing; read as an allowance");
    a.indicator_valid = false;
  }
}

void Reader::PaymentTerms(El e) {
  ctx_.Children(e, [&](El k) {
    if (!k.InRam()) return false;
    if (k.local == "Description") {  // BT-20
      ctx_.SetFreeText(inv_.payment_terms, k);
    } else if (k.local == "DueDateDateTime") {  // BT-9
      ctx_.SetDate(inv_.due_date, k, "BT-9");
    } else if (k.local == "DirectDebitMandateID") {  // BT-89
      ctx_.SetText(Debit().mandate_reference, k);
    } else {
      return false;
    }
    return true;
  });
}

void Reader::Summation(El e, TaxTotalList& tax_totals) {
  Totals& t = inv_.totals.emplace();
  t.pos = ctx_.Pos(e);
  bool line = false, exclusive = false, inclusive = false, payable = false;
  ctx_.Children(e, [&](El k) {
    if (!k.InRam()) return false;
    if (k.local == "LineTotalAmount") {
      ctx_.SetDecimal(t.line_net_total, line, k, "BT-106");
    } else if (k.local == "ChargeTotalAmount") {
      ctx_.SetAmount(t.charge_total, k, "BT-108");
    } else if (k.local == "AllowanceTotalAmount") {
      ctx_.SetAmount(t.allowance_total, k, "BT-107");
    } else if (k.local == "TaxBasisTotalAmount") {
      ctx_.SetDecimal(t.tax_exclusive, exclusive, k, "BT-109");
    } else if (k.local == "TaxTotalAmount") {
      tax_totals.push_back(k);
    } else if (k.local == "RoundingAmount") {
      ctx_.SetAmount(t.rounding, k, "BT-114");
    } else if (k.local == "GrandTotalAmount") {
      ctx_.SetDecimal(t.tax_inclusive, inclusive, k, "BT-112");
    } else if (k.local == "TotalPrepaidAmount") {
      ctx_.SetAmount(t.prepaid, k, "BT-113");
    } else if (k.local == "DuePayableAmount") {
      ctx_.SetDecimal(t.payable, payable, k, "BT-115");
    } else {
      return false;
    }
    return true;
  });
}

void Reader::TaxTotals(const TaxTotalList& tax_totals) {
  bool vat_seen = false, accounting_seen = false;
  tax_totals.ForEach([&](El k) {
    std::string_view cur = ctx_.PeekAttr(k, "currencyID");
    bool invoice_cur = cur.empty() || cur == inv_.currency;
    bool accounting_cur =
        inv_.accounting_currency && cur == *inv_.accounting_currency;
    if (invoice_cur && !vat_seen) {  // BT-110
      vat_seen = true;
      ctx_.ReadNumber(inv_.vat_total, k, "BT-110", {"currencyID"});
    } else if (accounting_cur && !accounting_seen) {  // BT-111
      accounting_seen = true;
      ctx_.ReadNumber(inv_.vat_total_accounting, k, "BT-111", {"currencyID"});
    } else {
      ctx_.Unmapped(k, invoice_cur || accounting_cur ? kRepeated : kNotEn);
    }
  });
}

void Reader::PrecedingInvoice(El e) {
  chorus::PrecedingInvoice p;
  bool number = false;
  ctx_.Children(e, [&](El k) {
    if (!k.InRam()) return false;
    if (k.local == "IssuerAssignedID") {  // BT-25
      if (ctx_.Once(number, k)) p.number.emplace(ctx_.View(k, {}));
    } else if (k.local == "FormattedIssueDateTime") {  // BT-26
      ctx_.SetDate(p.issue_date, k, "BT-26");
    } else {
      return false;
    }
    return true;
  });
  inv_.preceding_invoices.push_back(std::move(p));
}

void Reader::ReadPeriod(El e, Period& p) {
  ctx_.Children(e, [&](El k) {
    if (k.Ram("StartDateTime")) {  // BT-73 / BT-134
      ctx_.SetDate(p.start, k, "period start");
    } else if (k.Ram("EndDateTime")) {  // BT-74 / BT-135
      ctx_.SetDate(p.end, k, "period end");
    } else {
      return false;
    }
    return true;
  });
}

}  // namespace chorus::cii

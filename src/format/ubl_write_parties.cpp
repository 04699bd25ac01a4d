// Parties, delivery and payment instructions.
#include <algorithm>

#include "format/ubl_write.h"

namespace chorus::ubl {
namespace {

const Text* CreditorId(const Invoice& inv) {
  if (inv.payment && inv.payment->direct_debit &&
      inv.payment->direct_debit->creditor_id) {
    return &inv.payment->direct_debit->creditor_id;
  }
  return nullptr;
}

void PartyIdentification(Writer& w, const Identifier& id) {
  w.x.Open("cac:PartyIdentification");
  w.Id("cbc:ID", id);
  w.x.Close();
}

void SepaIdentification(Writer& w, const std::string& creditor_id) {
  PartyIdentification(w, Identifier{creditor_id, "SEPA", {}});
}

void PartyName(Writer& w, const Text& name) {
  if (!name) return;
  w.x.Open("cac:PartyName");
  w.x.Leaf("cbc:Name", *name);
  w.x.Close();
}

void PartyTaxScheme(Writer& w, const Text& company_id,
                    std::string_view scheme) {
  w.x.Open("cac:PartyTaxScheme");
  w.Opt("cbc:CompanyID", company_id);
  w.TaxScheme(scheme);
  w.x.Close();
}

void WriteContact(Writer& w, const std::optional<Contact>& c) {
  if (!c) return;
  w.x.Open("cac:Contact");
  w.Opt("cbc:Name", c->name);
  w.Opt("cbc:Telephone", c->telephone);
  w.Opt("cbc:ElectronicMail", c->email);
  w.x.Close();
}

void WriteSeller(Writer& w) {
  if (!w.inv.seller) return;
  const Seller& s = *w.inv.seller;
  w.x.Open("cac:AccountingSupplierParty");
  w.x.Open("cac:Party");
  w.Id("cbc:EndpointID", s.electronic_address);
  for (const Identifier& id : s.ids) PartyIdentification(w, id);
  // BT-90 goes with the payee when there is one, else with the seller.
  const Text* creditor = CreditorId(w.inv);
  if (creditor && !w.inv.payee) SepaIdentification(w, **creditor);
  PartyName(w, s.trading_name);
  if (s.address) w.PostalAddress("cac:PostalAddress", *s.address);
  if (s.vat_id) PartyTaxScheme(w, s.vat_id, kVatScheme);
  if (s.tax_registration_id) {
    PartyTaxScheme(w, s.tax_registration_id, kLocalTaxScheme);
  }
  if (s.name || s.legal_registration_id || s.additional_legal_info) {
    w.x.Open("cac:PartyLegalEntity");
    w.Opt("cbc:RegistrationName", s.name);
    w.Id("cbc:CompanyID", s.legal_registration_id);
    w.Opt("cbc:CompanyLegalForm", s.additional_legal_info);
    w.x.Close();
  }
  WriteContact(w, s.contact);
  w.x.Close();
  w.x.Close();
}

void WriteBuyer(Writer& w) {
  if (!w.inv.buyer) return;
  const Buyer& b = *w.inv.buyer;
  w.x.Open("cac:AccountingCustomerParty");
  w.x.Open("cac:Party");
  w.Id("cbc:EndpointID", b.electronic_address);
  if (b.id) PartyIdentification(w, *b.id);
  PartyName(w, b.trading_name);
  if (b.address) w.PostalAddress("cac:PostalAddress", *b.address);
  if (b.vat_id) PartyTaxScheme(w, b.vat_id, kVatScheme);
  if (b.name || b.legal_registration_id) {
    w.x.Open("cac:PartyLegalEntity");
    w.Opt("cbc:RegistrationName", b.name);
    w.Id("cbc:CompanyID", b.legal_registration_id);
    w.x.Close();
  }
  WriteContact(w, b.contact);
  w.x.Close();
  w.x.Close();
}

void WritePayee(Writer& w) {
  if (!w.inv.payee) return;
  const Payee& p = *w.inv.payee;
  w.x.Open("cac:PayeeParty");
  if (p.id) PartyIdentification(w, *p.id);
  if (const Text* creditor = CreditorId(w.inv)) {
    SepaIdentification(w, **creditor);
  }
  PartyName(w, p.name);
  if (p.legal_registration_id) {
    w.x.Open("cac:PartyLegalEntity");
    w.Id("cbc:CompanyID", p.legal_registration_id);
    w.x.Close();
  }
  w.x.Close();
}

void WriteTaxRepresentative(Writer& w) {
  if (!w.inv.tax_representative) return;
  const TaxRepresentative& t = *w.inv.tax_representative;
  w.x.Open("cac:TaxRepresentativeParty");
  PartyName(w, t.name);
  if (t.address) w.PostalAddress("cac:PostalAddress", *t.address);
  if (t.vat_id) PartyTaxScheme(w, t.vat_id, kVatScheme);
  w.x.Close();
}

}  // namespace

void WriteParties(Writer& w) {
  WriteSeller(w);
  WriteBuyer(w);
  WritePayee(w);
  WriteTaxRepresentative(w);
}

void WriteDelivery(Writer& w) {
  if (!w.inv.delivery) return;
  const Delivery& d = *w.inv.delivery;
  w.x.Open("cac:Delivery");
  w.Date("cbc:ActualDeliveryDate", d.actual_date);
  if (d.location_id || d.address) {
    w.x.Open("cac:DeliveryLocation");
    w.Id("cbc:ID", d.location_id);
    if (d.address) w.PostalAddress("cac:Address", *d.address);
    w.x.Close();
  }
  if (d.party_name) {
    w.x.Open("cac:DeliveryParty");
    PartyName(w, d.party_name);
    w.x.Close();
  }
  w.x.Close();
}

namespace {

// One PaymentMeans per credit transfer account, each restating the code and
// the remittance information (UBL has one account per PaymentMeans); the
// card and the mandate go in the first one.
bool WritePaymentMeans(Writer& w) {
  const Invoice& inv = w.inv;
  if (!inv.payment) return false;
  const PaymentInstructions& p = *inv.payment;
  const std::optional<DirectDebit>& dd = p.direct_debit;
  bool mandate = dd && (dd->mandate_reference || dd->debited_account_id ||
                        !dd->creditor_id);
  // A creditor id alone lives in the party identifiers: no means needed.
  bool creditor_only = !p.means_code && !p.means_text &&
                       !p.remittance_info && p.credit_transfers.empty() &&
                       !p.card && !mandate && dd;
  if (creditor_only) return false;
  std::size_t count = std::max<std::size_t>(1, p.credit_transfers.size());
  for (std::size_t i = 0; i < count; ++i) {
    w.x.Open("cac:PaymentMeans");
    // UBL-SR-46: the means text (@name) may appear only once.
    if (p.means_code) {
      w.x.Leaf("cbc:PaymentMeansCode", *p.means_code, "name",
               i == 0 && p.means_text ? &*p.means_text : nullptr);
    } else if (i == 0 && p.means_text) {
      w.Lost("BT-82",
             "UBL carries the payment means text only as an attribute of "
             "the payment means code (BT-81), which is absent");
    }
    if (i == 0 && w.credit_note()) w.Date("cbc:PaymentDueDate", inv.due_date);
    w.Opt("cbc:PaymentID", p.remittance_info);
    if (i == 0 && p.card) {
      w.x.Open("cac:CardAccount");
      w.Opt("cbc:PrimaryAccountNumberID", p.card->account_number);
      w.x.Leaf("cbc:NetworkID", kCardNetworkPlaceholder);
      w.Opt("cbc:HolderName", p.card->holder_name);
      w.x.Close();
    }
    if (i < p.credit_transfers.size()) {
      const CreditTransfer& t = p.credit_transfers[i];
      w.x.Open("cac:PayeeFinancialAccount");
      w.Opt("cbc:ID", t.account_id);
      w.Opt("cbc:Name", t.account_name);
      if (t.service_provider_id) {
        w.x.Open("cac:FinancialInstitutionBranch");
        w.x.Leaf("cbc:ID", *t.service_provider_id);
        w.x.Close();
      }
      w.x.Close();
    }
    if (i == 0 && mandate) {
      w.x.Open("cac:PaymentMandate");
      w.Opt("cbc:ID", dd->mandate_reference);
      if (dd->debited_account_id) {
        w.x.Open("cac:PayerFinancialAccount");
        w.x.Leaf("cbc:ID", *dd->debited_account_id);
        w.x.Close();
      }
      w.x.Close();
    }
    w.x.Close();
  }
  return true;
}

}  // namespace

bool WritePayment(Writer& w) {
  bool wrote_means = WritePaymentMeans(w);
  if (w.inv.payment_terms) {
    w.x.Open("cac:PaymentTerms");
    w.x.Leaf("cbc:Note", *w.inv.payment_terms);
    w.x.Close();
  }
  return wrote_means;
}

}  // namespace chorus::ubl

// Parties, addresses and delivery (BG-4 to BG-15).
#include "format/ubl_read.h"

namespace chorus::ubl {
namespace {

bool IsSepa(std::string_view scheme) { return SameScheme(scheme, "SEPA"); }

// BT-90 sits among the seller's or the payee's party identifiers.
void ReadCreditorId(Reader& r, El id) {
  std::optional<PaymentInstructions>& payment = r.inv().payment;
  if (!payment) payment.emplace();
  std::optional<DirectDebit>& dd = payment->direct_debit;
  if (!dd) dd.emplace();
  if (dd->creditor_id) {
    r.Repeated(id);
    return;
  }
  r.Take(id, "schemeID");
  dd->creditor_id = r.OptText(id);
}

El SchemeIdOf(Reader& r, El party_tax_scheme) {
  El scheme = r.Child(party_tax_scheme, kCacNs, "TaxScheme");
  return scheme ? r.Child(scheme, kCbcNs, "ID") : El();
}

// Reads CompanyID of a PartyTaxScheme whose scheme was already classified.
// Only the scheme ids a writer re-creates ("VAT", and "TAX" for BT-32) are
// consumed; another one is data no conversion keeps.
Text ReadTaxSchemeCompany(Reader& r, El pts, bool vat) {
  Kids k(r, pts);
  if (El scheme = k.Cac("TaxScheme")) {
    Kids ks(r, scheme);
    El id = ks.Cbc("ID");
    if (SameScheme(r.Peek(id), vat ? kVatScheme : kLocalTaxScheme)) {
      r.Take(id);
    }
  }
  return r.OptText(k.Cbc("CompanyID"));
}

// cac:PartyName/cbc:Name, the container marked.
El PartyNameOf(Reader& r, const Kids& party) {
  El pn = party.Cac("PartyName");
  if (!pn) return {};
  r.Take(pn);
  return r.Child(pn, kCbcNs, "Name");
}

std::optional<Contact> ReadContact(Reader& r, El n) {
  if (!n) return std::nullopt;
  Kids k(r, n);
  return Contact{r.OptText(k.Cbc("Name")), r.OptText(k.Cbc("Telephone")),
                 r.OptText(k.Cbc("ElectronicMail"))};
}

}  // namespace

std::optional<Address> ReadAddress(Reader& r, El n) {
  if (!n) return std::nullopt;
  Address a;
  a.pos = r.Pos(n);
  Kids k(r, n);
  a.line1 = r.OptText(k.Cbc("StreetName"));
  a.line2 = r.OptText(k.Cbc("AdditionalStreetName"));
  if (El line = k.Cac("AddressLine")) {
    Kids kl(r, line);
    a.line3 = r.OptText(kl.Cbc("Line"));
  }
  a.city = r.OptText(k.Cbc("CityName"));
  a.post_code = r.OptText(k.Cbc("PostalZone"));
  a.subdivision = r.OptText(k.Cbc("CountrySubentity"));
  if (El country = k.Cac("Country")) {
    Kids kc(r, country);
    a.country = r.OptText(kc.Cbc("IdentificationCode"));
  }
  return a;
}

void ReadSeller(Reader& r, El party) {
  if (!party) return;
  Seller& s = *r.inv().seller;
  s.pos = r.Pos(party);
  Kids k(r, party);
  s.electronic_address = r.IdOf(k.Cbc("EndpointID"));
  k.EachCac("PartyIdentification", [&](El pi) {
    Kids kp(r, pi);
    El id = kp.Cbc("ID");
    if (!id) return;
    if (IsSepa(r.PeekAttr(id, "schemeID"))) {
      ReadCreditorId(r, id);
    } else {
      s.ids.push_back(*r.IdOf(id));
    }
  });
  s.trading_name = r.OptText(PartyNameOf(r, k));
  s.address = ReadAddress(r, k.Cac("PostalAddress"));
  k.EachCac("PartyTaxScheme", [&](El pts) {
    bool vat = IsVatScheme(r.Peek(SchemeIdOf(r, pts)));
    Text& target = vat ? s.vat_id : s.tax_registration_id;
    if (target) {
      r.Repeated(pts);
      return;
    }
    target = ReadTaxSchemeCompany(r, pts, vat);
  });
  if (El le = k.Cac("PartyLegalEntity")) {
    Kids kl(r, le);
    s.name = r.OptText(kl.Cbc("RegistrationName"));
    s.legal_registration_id = r.IdOf(kl.Cbc("CompanyID"));
    s.additional_legal_info = r.OptText(kl.Cbc("CompanyLegalForm"));
  }
  s.contact = ReadContact(r, k.Cac("Contact"));
}

void ReadBuyer(Reader& r, El party) {
  if (!party) return;
  Buyer& b = *r.inv().buyer;
  b.pos = r.Pos(party);
  Kids k(r, party);
  b.electronic_address = r.IdOf(k.Cbc("EndpointID"));
  if (El pi = k.Cac("PartyIdentification")) {
    Kids kp(r, pi);
    b.id = r.IdOf(kp.Cbc("ID"));
  }
  b.trading_name = r.OptText(PartyNameOf(r, k));
  b.address = ReadAddress(r, k.Cac("PostalAddress"));
  k.EachCac("PartyTaxScheme", [&](El pts) {
    // The buyer has no tax registration term besides the VAT identifier.
    if (!IsVatScheme(r.Peek(SchemeIdOf(r, pts)))) return;
    if (b.vat_id) {
      r.Repeated(pts);
      return;
    }
    b.vat_id = ReadTaxSchemeCompany(r, pts, true);
  });
  if (El le = k.Cac("PartyLegalEntity")) {
    Kids kl(r, le);
    b.name = r.OptText(kl.Cbc("RegistrationName"));
    b.legal_registration_id = r.IdOf(kl.Cbc("CompanyID"));
  }
  b.contact = ReadContact(r, k.Cac("Contact"));
}

void ReadPayee(Reader& r, El party) {
  if (!party) return;
  Payee p;
  Kids k(r, party);
  k.EachCac("PartyIdentification", [&](El pi) {
    El id = r.Child(pi, kCbcNs, "ID");
    if (id && IsSepa(r.PeekAttr(id, "schemeID"))) {
      Kids kp(r, pi);
      ReadCreditorId(r, id);
    } else if (!p.id) {
      Kids kp(r, pi);
      p.id = r.IdOf(kp.Cbc("ID"));
    } else {
      r.Repeated(pi);
    }
  });
  p.name = r.OptText(PartyNameOf(r, k));
  if (El le = k.Cac("PartyLegalEntity")) {
    Kids kl(r, le);
    p.legal_registration_id = r.IdOf(kl.Cbc("CompanyID"));
  }
  r.inv().payee = std::move(p);
}

void ReadTaxRepresentative(Reader& r, El party) {
  if (!party) return;
  TaxRepresentative t;
  Kids k(r, party);
  t.name = r.OptText(PartyNameOf(r, k));
  t.address = ReadAddress(r, k.Cac("PostalAddress"));
  if (El pts = k.Cac("PartyTaxScheme")) {
    t.vat_id = ReadTaxSchemeCompany(r, pts, true);
  }
  r.inv().tax_representative = std::move(t);
}

void ReadDelivery(Reader& r, El n) {
  if (!n) return;
  Delivery d;
  Kids k(r, n);
  d.actual_date = r.DateOf(k.Cbc("ActualDeliveryDate"));
  if (El loc = k.Cac("DeliveryLocation")) {
    Kids kl(r, loc);
    d.location_id = r.IdOf(kl.Cbc("ID"));
    if (El addr = kl.Cac("Address")) {
      d.address = ReadAddress(r, addr);
    }
  }
  if (El dp = k.Cac("DeliveryParty")) {
    Kids kp(r, dp);
    d.party_name = r.OptText(PartyNameOf(r, kp));
  }
  r.inv().delivery = std::move(d);
}

}  // namespace chorus::ubl

// Parties, addresses and delivery (BG-4 to BG-15).
#include "format/ubl_read.h"

namespace chorus::ubl {
namespace {

constexpr Wants kPartyWants({
    {kCbcNs, "EndpointID"},
    {kCacNs, "PartyIdentification"},
    {kCacNs, "PartyName"},
    {kCacNs, "PostalAddress"},
    {kCacNs, "PartyTaxScheme"},
    {kCacNs, "PartyLegalEntity"},
    {kCacNs, "Contact"},
});
constexpr Wants kPartyTaxSchemeWants({
    {kCbcNs, "CompanyID"},
    {kCacNs, "TaxScheme"},
});
constexpr Wants kLegalEntityWants({
    {kCbcNs, "RegistrationName"},
    {kCbcNs, "CompanyID"},
    {kCbcNs, "CompanyLegalForm"},
});
constexpr Wants kContactWants({
    {kCbcNs, "Name"},
    {kCbcNs, "Telephone"},
    {kCbcNs, "ElectronicMail"},
});
constexpr Wants kAddressWants({
    {kCbcNs, "StreetName"},
    {kCbcNs, "AdditionalStreetName"},
    {kCbcNs, "CityName"},
    {kCbcNs, "PostalZone"},
    {kCbcNs, "CountrySubentity"},
    {kCacNs, "AddressLine"},
    {kCacNs, "Country"},
});
constexpr Wants kAddressLineWants({{kCbcNs, "Line"}});
constexpr Wants kDeliveryWants({
    {kCbcNs, "ActualDeliveryDate"},
    {kCacNs, "DeliveryLocation"},
    {kCacNs, "DeliveryParty"},
});
constexpr Wants kLocationWants({{kCbcNs, "ID"}, {kCacNs, "Address"}});

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
  r.ReadText(id, dd->creditor_id);
}

El SchemeIdOf(Reader& r, El party_tax_scheme) {
  El scheme = r.Child(party_tax_scheme, kCacNs, "TaxScheme");
  return scheme ? r.Child(scheme, kCbcNs, "ID") : El();
}

// Reads CompanyID of a PartyTaxScheme whose scheme was already classified
// into `out`. Only the scheme ids a writer re-creates ("VAT", and "TAX" for
// BT-32) are consumed; another one is data no conversion keeps.
void ReadTaxSchemeCompany(Reader& r, El pts, bool vat, Text& out) {
  Kids<kPartyTaxSchemeWants> k(r, pts);
  El scheme = r.marking() ? k.Cac("TaxScheme") : El();
  if (scheme) {
    Kids<kIdWants> ks(r, scheme);
    El id = ks.Cbc("ID");
    if (SameScheme(r.Peek(id), vat ? kVatScheme : kLocalTaxScheme)) {
      r.Take(id);
    }
  }
  r.ReadText(k.Cbc("CompanyID"), out);
}

// cbc:Name of cac:PartyName `pn`, the container marked.
El PartyNameOf(Reader& r, El pn) {
  if (!pn) return {};
  r.Take(pn);
  return r.Child(pn, kCbcNs, "Name");
}

// Into `out` in place (nullopt when `n` is absent), as ReadAddress.
void ReadContact(Reader& r, El n, std::optional<Contact>& out) {
  if (!n) {
    out.reset();
    return;
  }
  Contact& c = out.emplace();
  Kids<kContactWants> k(r, n);
  r.ReadFreeText(k.Cbc("Name"), c.name);
  r.ReadFreeText(k.Cbc("Telephone"), c.telephone);
  r.ReadFreeText(k.Cbc("ElectronicMail"), c.email);
}

}  // namespace

void ReadAddress(Reader& r, El n, std::optional<Address>& out) {
  if (!n) {
    out.reset();
    return;
  }
  Address& a = out.emplace();
  a.pos = r.Pos(n);
  Kids<kAddressWants> k(r, n);
  if (El country = k.Cac("Country")) {
    Kids<kCountryWants> kc(r, country);
    r.ReadText(kc.Cbc("IdentificationCode"), a.country);
  }
  if (!r.all_terms()) return;  // the rules read the country only
  r.ReadFreeText(k.Cbc("StreetName"), a.line1);
  r.ReadFreeText(k.Cbc("AdditionalStreetName"), a.line2);
  if (El line = k.Cac("AddressLine")) {
    Kids<kAddressLineWants> kl(r, line);
    r.ReadFreeText(kl.Cbc("Line"), a.line3);
  }
  r.ReadFreeText(k.Cbc("CityName"), a.city);
  r.ReadText(k.Cbc("PostalZone"), a.post_code);
  r.ReadText(k.Cbc("CountrySubentity"), a.subdivision);
}

void ReadSeller(Reader& r, El party) {
  if (!party) return;
  Seller& s = *r.inv().seller;
  s.pos = r.Pos(party);
  Kids<kPartyWants> k(r, party);
  r.ReadId(k.Cbc("EndpointID"), s.electronic_address);
  k.EachCac("PartyIdentification", [&](El pi) {
    Kids<kIdWants> kp(r, pi);
    El id = kp.Cbc("ID");
    if (!id) return;
    if (IsSepa(r.PeekAttr(id, "schemeID"))) {
      ReadCreditorId(r, id);
    } else {
      // Sized on the first, each built in place.
      if (s.ids.empty()) s.ids.reserve(k.CountCac("PartyIdentification"));
      r.IdInto(id, s.ids.emplace_back());
    }
  });
  r.ReadText(PartyNameOf(r, k.Cac("PartyName")), s.trading_name);
  ReadAddress(r, k.Cac("PostalAddress"), s.address);
  k.EachCac("PartyTaxScheme", [&](El pts) {
    bool vat = IsVatScheme(r.Peek(SchemeIdOf(r, pts)));
    Text& target = vat ? s.vat_id : s.tax_registration_id;
    if (target) {
      r.Repeated(pts);
      return;
    }
    ReadTaxSchemeCompany(r, pts, vat, target);
  });
  if (El le = k.Cac("PartyLegalEntity")) {
    Kids<kLegalEntityWants> kl(r, le);
    // UBL's BR-17 compares the payee with BT-28, not this name.
    r.ReadFreeText(kl.Cbc("RegistrationName"), s.name);
    r.ReadId(kl.Cbc("CompanyID"), s.legal_registration_id);
    if (r.all_terms()) {  // no rule reads BT-33
      r.ReadFreeText(kl.Cbc("CompanyLegalForm"), s.additional_legal_info);
    }
  }
  if (r.all_terms()) ReadContact(r, k.Cac("Contact"), s.contact);
}

void ReadBuyer(Reader& r, El party) {
  if (!party) return;
  Buyer& b = *r.inv().buyer;
  b.pos = r.Pos(party);
  Kids<kPartyWants> k(r, party);
  r.ReadId(k.Cbc("EndpointID"), b.electronic_address);
  if (El pi = k.Cac("PartyIdentification")) {
    Kids<kIdWants> kp(r, pi);
    r.ReadId(kp.Cbc("ID"), b.id);
  }
  r.ReadFreeText(PartyNameOf(r, k.Cac("PartyName")), b.trading_name);
  ReadAddress(r, k.Cac("PostalAddress"), b.address);
  k.EachCac("PartyTaxScheme", [&](El pts) {
    // The buyer has no tax registration term besides the VAT identifier.
    if (!IsVatScheme(r.Peek(SchemeIdOf(r, pts)))) return;
    if (b.vat_id) {
      r.Repeated(pts);
      return;
    }
    ReadTaxSchemeCompany(r, pts, true, b.vat_id);
  });
  if (El le = k.Cac("PartyLegalEntity")) {
    Kids<kLegalEntityWants> kl(r, le);
    r.ReadFreeText(kl.Cbc("RegistrationName"), b.name);
    r.ReadId(kl.Cbc("CompanyID"), b.legal_registration_id);
  }
  if (r.all_terms()) ReadContact(r, k.Cac("Contact"), b.contact);
}

void ReadPayee(Reader& r, El party) {
  if (!party) return;
  Payee& p = r.inv().payee.emplace();  // filled in place
  Kids<kPartyWants> k(r, party);
  k.EachCac("PartyIdentification", [&](El pi) {
    El id = r.Child(pi, kCbcNs, "ID");
    if (id && IsSepa(r.PeekAttr(id, "schemeID"))) {
      Kids<kIdWants> kp(r, pi);
      ReadCreditorId(r, id);
    } else if (!p.id) {
      Kids<kIdWants> kp(r, pi);
      r.ReadId(kp.Cbc("ID"), p.id);
    } else {
      r.Repeated(pi);
    }
  });
  r.ReadText(PartyNameOf(r, k.Cac("PartyName")), p.name);
  if (El le = k.Cac("PartyLegalEntity")) {
    Kids<kLegalEntityWants> kl(r, le);
    r.ReadId(kl.Cbc("CompanyID"), p.legal_registration_id);
  }
}

void ReadTaxRepresentative(Reader& r, El party) {
  if (!party) return;
  TaxRepresentative& t = r.inv().tax_representative.emplace();
  Kids<kPartyWants> k(r, party);
  r.ReadFreeText(PartyNameOf(r, k.Cac("PartyName")), t.name);
  ReadAddress(r, k.Cac("PostalAddress"), t.address);
  if (El pts = k.Cac("PartyTaxScheme")) {
    ReadTaxSchemeCompany(r, pts, true, t.vat_id);
  }
}

void ReadDelivery(Reader& r, El n) {
  if (!n) return;
  Delivery& d = r.inv().delivery.emplace();
  Kids<kDeliveryWants> k(r, n);
  d.actual_date = r.DateOf(k.Cbc("ActualDeliveryDate"));
  if (El loc = k.Cac("DeliveryLocation")) {
    Kids<kLocationWants> kl(r, loc);
    if (r.all_terms()) r.ReadId(kl.Cbc("ID"), d.location_id);  // no rule
    if (El addr = kl.Cac("Address")) {
      ReadAddress(r, addr, d.address);
    }
  }
  if (El dp = r.all_terms() ? k.Cac("DeliveryParty") : El()) {
    Kids<kPartyWants> kp(r, dp);
    r.ReadFreeText(PartyNameOf(r, kp.Cac("PartyName")), d.party_name);
  }
}

}  // namespace chorus::ubl

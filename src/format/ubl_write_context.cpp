#include "format/ubl_write.h"

namespace chorus::ubl {

void Writer::Opt(std::string_view qname, const Text& value) {
  if (value) x.Leaf(qname, *value);
}

void Writer::Date(std::string_view qname,
                  const std::optional<chorus::Date>& d) {
  if (d) x.Leaf(qname, d->ToIso());
}

void Writer::Id(std::string_view qname, const Identifier& id,
                std::string_view scheme_attr) {
  x.Leaf(qname, id.value, scheme_attr, id.scheme ? &*id.scheme : nullptr);
}

void Writer::Id(std::string_view qname, const OptId& id,
                std::string_view scheme_attr) {
  if (id) Id(qname, *id, scheme_attr);
}

void Writer::Num(std::string_view qname, const chorus::Amount& value) {
  if (value) x.Leaf(qname, value->ToString());
}

void Writer::Money(std::string_view qname, const Decimal& value,
                   const std::string* currency) {
  // currencyID is mandatory on every UBL amount, even when BT-5 is empty
  // or absent.
  static const std::string kNone;
  if (currency == nullptr) currency = inv.currency ? &*inv.currency : &kNone;
  x.Leaf(qname, value.ToString(), "currencyID", currency);
}

void Writer::Money(std::string_view qname, const chorus::Amount& value) {
  if (value) Money(qname, *value);
}

void Writer::TaxScheme(std::string_view scheme) {
  x.Open("cac:TaxScheme");
  x.Leaf("cbc:ID", scheme);
  x.Close();
}

void Writer::TaxCategory(std::string_view qname, const Text& category,
                         const chorus::Amount& rate) {
  x.Open(qname);
  Opt("cbc:ID", category);
  Num("cbc:Percent", rate);
  TaxScheme(kVatScheme);
  x.Close();
}

void Writer::PostalAddress(std::string_view qname, const Address& a) {
  x.Open(qname);
  Opt("cbc:StreetName", a.line1);
  Opt("cbc:AdditionalStreetName", a.line2);
  Opt("cbc:CityName", a.city);
  Opt("cbc:PostalZone", a.post_code);
  Opt("cbc:CountrySubentity", a.subdivision);
  if (a.line3) {
    x.Open("cac:AddressLine");
    x.Leaf("cbc:Line", *a.line3);
    x.Close();
  }
  if (a.country) {
    x.Open("cac:Country");
    x.Leaf("cbc:IdentificationCode", *a.country);
    x.Close();
  }
  x.Close();
}

void Writer::Lost(std::string term, std::string message) {
  out_.lost.push_back(LostDatum{std::move(term), std::move(message)});
}

}  // namespace chorus::ubl

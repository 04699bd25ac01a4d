// Model -> JSON, the inverse of json_reader.cpp: keys in key-table order,
// amounts as strings with their own scale, and nothing written that the
// reader would not read back to the same model.
#include <nlohmann/json.hpp>
#include <string>

#include "chorus/model/json.h"

namespace chorus {
namespace {

using Json = nlohmann::ordered_json;

void PutText(Json& j, const char* key, const Text& t) {
  if (t) j[key] = *t;
}
void PutAmount(Json& j, const char* key, const Amount& a) {
  if (a) j[key] = a->ToString();
}
void PutDate(Json& j, const char* key, const std::optional<Date>& d) {
  if (d) j[key] = d->ToIso();
}

Json IdentifierJson(const Identifier& id) {
  if (!id.scheme && !id.scheme_version) return id.value;
  Json j = Json::object();
  j["id"] = id.value;
  PutText(j, "scheme", id.scheme);
  PutText(j, "scheme_version", id.scheme_version);
  return j;
}
void PutId(Json& j, const char* key, const OptId& id) {
  if (id) j[key] = IdentifierJson(*id);
}
void PutIds(Json& j, const char* key, const std::vector<Identifier>& ids) {
  if (ids.empty()) return;
  Json arr = Json::array();
  for (const Identifier& id : ids) arr.push_back(IdentifierJson(id));
  j[key] = std::move(arr);
}

Json AddressJson(const Address& a) {
  Json j = Json::object();
  PutText(j, "line1", a.line1);
  PutText(j, "line2", a.line2);
  PutText(j, "line3", a.line3);
  PutText(j, "city", a.city);
  PutText(j, "post_code", a.post_code);
  PutText(j, "subdivision", a.subdivision);
  PutText(j, "country", a.country);
  return j;
}
void PutAddress(Json& j, const char* key, const std::optional<Address>& a) {
  if (a) j[key] = AddressJson(*a);
}

Json ContactJson(const Contact& c) {
  Json j = Json::object();
  PutText(j, "name", c.name);
  PutText(j, "telephone", c.telephone);
  PutText(j, "email", c.email);
  return j;
}

Json PeriodJson(const Period& p) {
  Json j = Json::object();
  PutDate(j, "start", p.start);
  PutDate(j, "end", p.end);
  return j;
}

Json SellerJson(const Seller& s) {
  Json j = Json::object();
  PutText(j, "name", s.name);
  PutText(j, "trading_name", s.trading_name);
  PutIds(j, "ids", s.ids);
  PutId(j, "legal_registration_id", s.legal_registration_id);
  PutText(j, "vat_id", s.vat_id);
  PutText(j, "tax_registration_id", s.tax_registration_id);
  PutText(j, "additional_legal_info", s.additional_legal_info);
  PutId(j, "electronic_address", s.electronic_address);
  PutAddress(j, "address", s.address);
  if (s.contact) j["contact"] = ContactJson(*s.contact);
  return j;
}

Json BuyerJson(const Buyer& b) {
  Json j = Json::object();
  PutText(j, "name", b.name);
  PutText(j, "trading_name", b.trading_name);
  PutId(j, "id", b.id);
  PutId(j, "legal_registration_id", b.legal_registration_id);
  PutText(j, "vat_id", b.vat_id);
  PutId(j, "electronic_address", b.electronic_address);
  PutAddress(j, "address", b.address);
  if (b.contact) j["contact"] = ContactJson(*b.contact);
  return j;
}

Json PaymentJson(const PaymentInstructions& p) {
  Json j = Json::object();
  PutText(j, "means_code", p.means_code);
  PutText(j, "means_text", p.means_text);
  PutText(j, "remittance_info", p.remittance_info);
  if (!p.credit_transfers.empty()) {
    Json arr = Json::array();
    for (const CreditTransfer& ct : p.credit_transfers) {
      Json t = Json::object();
      PutText(t, "account_id", ct.account_id);
      PutText(t, "account_name", ct.account_name);
      PutText(t, "service_provider_id", ct.service_provider_id);
      arr.push_back(std::move(t));
    }
    j["credit_transfers"] = std::move(arr);
  }
  if (p.card) {
    Json c = Json::object();
    PutText(c, "account_number", p.card->account_number);
    PutText(c, "holder_name", p.card->holder_name);
    j["card"] = std::move(c);
  }
  if (p.direct_debit) {
    Json d = Json::object();
    PutText(d, "mandate_reference", p.direct_debit->mandate_reference);
    PutText(d, "creditor_id", p.direct_debit->creditor_id);
    PutText(d, "debited_account_id", p.direct_debit->debited_account_id);
    j["direct_debit"] = std::move(d);
  }
  return j;
}

Json AllowanceChargeJson(const AllowanceCharge& ac, bool with_flag) {
  Json j = Json::object();
  // An element without a valid indicator is written without is_charge, so
  // reading it back says the key is missing rather than guessing.
  if (with_flag && ac.indicator_valid) j["is_charge"] = ac.is_charge;
  PutAmount(j, "amount", ac.amount);
  PutAmount(j, "base_amount", ac.base_amount);
  PutAmount(j, "percentage", ac.percentage);
  PutText(j, "vat_category", ac.vat_category);
  PutAmount(j, "vat_rate", ac.vat_rate);
  PutText(j, "reason", ac.reason);
  PutText(j, "reason_code", ac.reason_code);
  return j;
}

Json LineAllowanceChargeJson(const LineAllowanceCharge& ac, bool with_flag) {
  Json j = Json::object();
  if (with_flag && ac.indicator_valid) j["is_charge"] = ac.is_charge;
  PutAmount(j, "amount", ac.amount);
  PutAmount(j, "base_amount", ac.base_amount);
  PutAmount(j, "percentage", ac.percentage);
  PutText(j, "reason", ac.reason);
  PutText(j, "reason_code", ac.reason_code);
  return j;
}

// Two arrays read better, but they lose the order when a charge precedes an
// allowance; such lists are written as one "allowances_charges" array.
template <typename T, typename ToJson>
void PutAllowancesCharges(Json& j, const std::vector<T>& list, ToJson to_json) {
  bool seen_charge = false;
  bool interleaved = false;
  for (const T& ac : list) {
    if (!ac.indicator_valid) interleaved = true;
    if (ac.is_charge) {
      seen_charge = true;
    } else if (seen_charge) {
      interleaved = true;
    }
  }
  if (interleaved) {
    Json arr = Json::array();
    for (const T& ac : list) arr.push_back(to_json(ac, true));
    j["allowances_charges"] = std::move(arr);
    return;
  }
  Json allowances = Json::array();
  Json charges = Json::array();
  for (const T& ac : list) {
    (ac.is_charge ? charges : allowances).push_back(to_json(ac, false));
  }
  if (!allowances.empty()) j["allowances"] = std::move(allowances);
  if (!charges.empty()) j["charges"] = std::move(charges);
}

// BT-110/BT-111 are written in "totals" (where the JSON format puts them)
// even without BG-22; the reader reads such an object back as no BG-22.
Json TotalsJson(const Invoice& inv) {
  static const Totals kNone;
  const Totals& t = inv.totals ? *inv.totals : kNone;
  Json j = Json::object();
  PutAmount(j, "line_net_total", t.line_net_total);
  PutAmount(j, "allowance_total", t.allowance_total);
  PutAmount(j, "charge_total", t.charge_total);
  PutAmount(j, "tax_exclusive", t.tax_exclusive);
  PutAmount(j, "vat_total", inv.vat_total);
  PutAmount(j, "vat_total_accounting", inv.vat_total_accounting);
  PutAmount(j, "tax_inclusive", t.tax_inclusive);
  PutAmount(j, "prepaid", t.prepaid);
  PutAmount(j, "rounding", t.rounding);
  PutAmount(j, "payable", t.payable);
  return j;
}

Json ItemJson(const Item& item) {
  Json j = Json::object();
  PutText(j, "name", item.name);
  PutText(j, "description", item.description);
  PutText(j, "seller_id", item.seller_id);
  PutText(j, "buyer_id", item.buyer_id);
  PutId(j, "standard_id", item.standard_id);
  PutIds(j, "classifications", item.classifications);
  PutText(j, "origin_country", item.origin_country);
  if (!item.attributes.empty()) {
    Json arr = Json::array();
    for (const ItemAttribute& a : item.attributes) {
      Json attribute = Json::object();
      PutText(attribute, "name", a.name);
      PutText(attribute, "value", a.value);
      arr.push_back(std::move(attribute));
    }
    j["attributes"] = std::move(arr);
  }
  return j;
}

Json LineJson(const InvoiceLine& l) {
  Json j = Json::object();
  PutText(j, "id", l.id);
  PutText(j, "note", l.note);
  PutId(j, "object_id", l.object_id);
  PutAmount(j, "quantity", l.quantity);
  PutText(j, "unit_code", l.unit_code);
  if (l.price) {
    PutAmount(j, "net_price", l.price->net_price);
    PutAmount(j, "gross_price", l.price->gross_price);
    PutAmount(j, "price_discount", l.price->discount);
    PutAmount(j, "base_quantity", l.price->base_quantity);
    PutText(j, "base_quantity_unit", l.price->base_quantity_unit);
  }
  PutText(j, "vat_category", l.vat_category);
  PutAmount(j, "vat_rate", l.vat_rate);
  PutAllowancesCharges(j, l.allowances_charges, LineAllowanceChargeJson);
  PutAmount(j, "net_amount", l.net_amount);
  if (l.period) j["period"] = PeriodJson(*l.period);
  PutText(j, "order_line_ref", l.order_line_ref);
  PutText(j, "buyer_accounting_ref", l.buyer_accounting_ref);
  if (l.item) j["item"] = ItemJson(*l.item);
  return j;
}

Json InvoiceJson(const Invoice& inv) {
  Json j = Json::object();
  j["kind"] = inv.kind == DocumentKind::kCreditNote ? "credit_note" : "invoice";
  PutText(j, "number", inv.number);
  PutDate(j, "issue_date", inv.issue_date);
  // Written whenever present: when absent the reader would default it.
  PutText(j, "type_code", inv.type_code);
  PutText(j, "currency", inv.currency);
  PutText(j, "accounting_currency", inv.accounting_currency);
  PutDate(j, "tax_point_date", inv.tax_point_date);
  PutText(j, "tax_point_date_code", inv.tax_point_date_code);
  PutDate(j, "due_date", inv.due_date);
  PutText(j, "buyer_reference", inv.buyer_reference);
  PutText(j, "project_reference", inv.project_reference);
  PutText(j, "contract_reference", inv.contract_reference);
  PutText(j, "purchase_order_reference", inv.purchase_order_reference);
  PutText(j, "sales_order_reference", inv.sales_order_reference);
  PutText(j, "receiving_advice_reference", inv.receiving_advice_reference);
  PutText(j, "despatch_advice_reference", inv.despatch_advice_reference);
  PutText(j, "tender_reference", inv.tender_reference);
  PutId(j, "invoiced_object_id", inv.invoiced_object_id);
  PutText(j, "buyer_accounting_reference", inv.buyer_accounting_reference);
  PutText(j, "payment_terms", inv.payment_terms);
  if (!inv.notes.empty()) {
    Json arr = Json::array();
    for (const Note& n : inv.notes) {
      if (!n.subject_code && n.text) {
        arr.push_back(*n.text);
      } else {
        Json o = Json::object();
        PutText(o, "subject_code", n.subject_code);
        PutText(o, "text", n.text);
        arr.push_back(std::move(o));
      }
    }
    j["notes"] = std::move(arr);
  }
  PutText(j, "business_process", inv.business_process);
  PutText(j, "specification_id", inv.specification_id);
  if (!inv.preceding_invoices.empty()) {
    Json arr = Json::array();
    for (const PrecedingInvoice& p : inv.preceding_invoices) {
      if (!p.issue_date && p.number) {
        arr.push_back(*p.number);
      } else {
        Json o = Json::object();
        PutText(o, "number", p.number);
        PutDate(o, "issue_date", p.issue_date);
        arr.push_back(std::move(o));
      }
    }
    j["preceding_invoices"] = std::move(arr);
  }
  if (inv.seller) j["seller"] = SellerJson(*inv.seller);
  if (inv.buyer) j["buyer"] = BuyerJson(*inv.buyer);
  if (inv.payee) {
    Json p = Json::object();
    PutText(p, "name", inv.payee->name);
    PutId(p, "id", inv.payee->id);
    PutId(p, "legal_registration_id", inv.payee->legal_registration_id);
    j["payee"] = std::move(p);
  }
  if (inv.tax_representative) {
    Json t = Json::object();
    PutText(t, "name", inv.tax_representative->name);
    PutText(t, "vat_id", inv.tax_representative->vat_id);
    PutAddress(t, "address", inv.tax_representative->address);
    j["tax_representative"] = std::move(t);
  }
  if (inv.delivery) {
    Json d = Json::object();
    PutText(d, "party_name", inv.delivery->party_name);
    PutId(d, "location_id", inv.delivery->location_id);
    PutDate(d, "actual_date", inv.delivery->actual_date);
    if (inv.delivery->address) d["address"] = AddressJson(*inv.delivery->address);
    j["delivery"] = std::move(d);
  }
  if (inv.invoicing_period) {
    j["invoicing_period"] = PeriodJson(*inv.invoicing_period);
  }
  if (inv.payment) j["payment"] = PaymentJson(*inv.payment);
  PutAllowancesCharges(j, inv.allowances_charges, AllowanceChargeJson);
  if (inv.totals || inv.vat_total || inv.vat_total_accounting) {
    j["totals"] = TotalsJson(inv);
  }
  if (!inv.vat_breakdown.empty()) {
    Json arr = Json::array();
    for (const VatBreakdown& v : inv.vat_breakdown) {
      Json b = Json::object();
      PutAmount(b, "taxable_amount", v.taxable_amount);
      PutAmount(b, "tax_amount", v.tax_amount);
      PutText(b, "category", v.category);
      PutAmount(b, "rate", v.rate);
      PutText(b, "exemption_reason", v.exemption_reason);
      PutText(b, "exemption_reason_code", v.exemption_reason_code);
      arr.push_back(std::move(b));
    }
    j["vat_breakdown"] = std::move(arr);
  }
  if (!inv.supporting_documents.empty()) {
    Json arr = Json::array();
    for (const SupportingDocument& d : inv.supporting_documents) {
      Json s = Json::object();
      PutText(s, "id", d.id);
      PutText(s, "description", d.description);
      PutText(s, "external_uri", d.external_uri);
      PutText(s, "attachment_base64", d.attachment_base64);
      PutText(s, "attachment_mime", d.attachment_mime);
      PutText(s, "attachment_filename", d.attachment_filename);
      arr.push_back(std::move(s));
    }
    j["supporting_documents"] = std::move(arr);
  }
  Json lines = Json::array();
  for (const InvoiceLine& l : inv.lines) lines.push_back(LineJson(l));
  j["lines"] = std::move(lines);
  return j;
}

}  // namespace

std::string InvoiceToJson(const Invoice& invoice, int indent) {
  // Invalid UTF-8 cannot come from the XML readers (the parsers reject it);
  // replacing keeps dump() from throwing if a caller built such a model.
  std::string out = InvoiceJson(invoice).dump(
      indent < 0 ? -1 : indent, ' ', false, Json::error_handler_t::replace);
  if (indent >= 0) out += '\n';
  return out;
}

}  // namespace chorus

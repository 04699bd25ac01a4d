// JSON -> model. The reader walks the tree with the key table as its
// schema: every object's keys are checked against the table (unknown keys get
// a did-you-mean), required keys are enforced, and every problem is collected
// with its JSON path before the call fails.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "chorus/model/json.h"
#include "model/json_object.h"
#include "model/json_tree.h"

namespace chorus {
namespace {

using json::KeyType;
using json::Node;
using json::Obj;
using json::Quoted;
using json::Reader;
using Type = json::Node::Type;

// Reads an optional group: engages `out` when the key is present.
template <typename T, typename Fn>
void ReadOptional(Obj& parent, std::string_view key, std::string_view schema,
                  std::optional<T>* out, Fn&& fill) {
  T value{};
  if (parent.Child(key, schema, [&](Obj& o) { fill(o, &value); })) {
    *out = std::move(value);
  }
}

void ReadAddress(Obj& o, Address* a) {
  a->pos.line = o.line();
  o.Txt("line1", &a->line1);
  o.Txt("line2", &a->line2);
  o.Txt("line3", &a->line3);
  o.Txt("city", &a->city);
  o.Txt("post_code", &a->post_code);
  o.Txt("subdivision", &a->subdivision);
  o.Txt("country", &a->country);
}

void ReadContact(Obj& o, Contact* c) {
  o.Txt("name", &c->name);
  o.Txt("telephone", &c->telephone);
  o.Txt("email", &c->email);
}

void ReadPeriod(Obj& o, Period* p) {
  o.Day("start", &p->start);
  o.Day("end", &p->end);
}

void ReadSeller(Obj& o, Seller* s) {
  s->pos.line = o.line();
  o.Txt("name", &s->name);
  o.Txt("trading_name", &s->trading_name);
  o.Ids("ids", &s->ids);
  o.Id("legal_registration_id", &s->legal_registration_id);
  o.Txt("vat_id", &s->vat_id);
  o.Txt("tax_registration_id", &s->tax_registration_id);
  o.Txt("additional_legal_info", &s->additional_legal_info);
  o.Id("electronic_address", &s->electronic_address);
  ReadOptional(o, "address", "seller.address", &s->address, ReadAddress);
  ReadOptional(o, "contact", "seller.contact", &s->contact, ReadContact);
}

void ReadBuyer(Obj& o, Buyer* b) {
  b->pos.line = o.line();
  o.Txt("name", &b->name);
  o.Txt("trading_name", &b->trading_name);
  o.Id("id", &b->id);
  o.Id("legal_registration_id", &b->legal_registration_id);
  o.Txt("vat_id", &b->vat_id);
  o.Id("electronic_address", &b->electronic_address);
  ReadOptional(o, "address", "buyer.address", &b->address, ReadAddress);
  ReadOptional(o, "contact", "buyer.contact", &b->contact, ReadContact);
}

void ReadPayee(Obj& o, Payee* p) {
  o.Txt("name", &p->name);
  o.Id("id", &p->id);
  o.Id("legal_registration_id", &p->legal_registration_id);
}

void ReadTaxRepresentative(Obj& o, TaxRepresentative* t) {
  o.Txt("name", &t->name);
  o.Txt("vat_id", &t->vat_id);
  ReadOptional(o, "address", "tax_representative.address", &t->address,
               ReadAddress);
}

void ReadDelivery(Obj& o, Delivery* d) {
  o.Txt("party_name", &d->party_name);
  o.Id("location_id", &d->location_id);
  o.Day("actual_date", &d->actual_date);
  ReadOptional(o, "address", "delivery.address", &d->address, ReadAddress);
}

void ReadPayment(Obj& o, PaymentInstructions* p) {
  o.Txt("means_code", &p->means_code);
  o.Txt("means_text", &p->means_text);
  o.Txt("remittance_info", &p->remittance_info);
  o.EachObject("credit_transfers", {"payment.credit_transfers[]"},
               [&](Obj& t) {
                 CreditTransfer& ct = p->credit_transfers.emplace_back();
                 t.Txt("account_id", &ct.account_id);
                 t.Txt("account_name", &ct.account_name);
                 t.Txt("service_provider_id", &ct.service_provider_id);
               });
  ReadOptional(o, "card", "payment.card", &p->card,
               [](Obj& c, PaymentCard* card) {
                 c.Txt("account_number", &card->account_number);
                 c.Txt("holder_name", &card->holder_name);
               });
  ReadOptional(o, "direct_debit", "payment.direct_debit", &p->direct_debit,
               [](Obj& d, DirectDebit* dd) {
                 d.Txt("mandate_reference", &dd->mandate_reference);
                 d.Txt("creditor_id", &dd->creditor_id);
                 d.Txt("debited_account_id", &dd->debited_account_id);
               });
}

// An allowance or charge needs its amount unless a percentage lets Compute
// derive it.
void RequireAmountOrPercentage(Obj& o) {
  if (!o.Has("amount") && !o.Has("percentage")) {
    o.reader()->Problem(o.PathOf("amount"),
                        "missing required key \"amount\" (or give "
                        "\"percentage\" and \"base_amount\")");
  }
}

// Document level allowances/charges come as two arrays, or as one
// "allowances_charges" array when their order interleaves.
void ReadAllowancesCharges(Obj& o, std::vector<AllowanceCharge>* out) {
  auto read = [&](Obj& a, bool is_charge) {
    AllowanceCharge& ac = out->emplace_back();
    ac.is_charge = is_charge;
    ac.pos.line = a.line();
    RequireAmountOrPercentage(a);
    a.Amt("amount", &ac.amount);
    a.Amt("base_amount", &ac.base_amount);
    a.Amt("percentage", &ac.percentage);
    a.Txt("vat_category", &ac.vat_category);
    a.Amt("vat_rate", &ac.vat_rate);
    a.Txt("reason", &ac.reason);
    a.Txt("reason_code", &ac.reason_code);
  };
  if (o.Has("allowances_charges") && (o.Has("allowances") || o.Has("charges"))) {
    o.reader()->Problem(o.PathOf("allowances_charges"),
                        "give either \"allowances_charges\" or "
                        "\"allowances\"/\"charges\", not both");
  }
  o.EachObject("allowances", {"allowances[]"},
               [&](Obj& a) { read(a, false); });
  o.EachObject("charges", {"charges[]"}, [&](Obj& a) { read(a, true); });
  o.EachObject("allowances_charges", {"allowances_charges[]", "allowances[]"},
               [&](Obj& a) {
                 bool is_charge = false;
                 if (const Node* n = a.Get("is_charge")) {
                   is_charge = a.reader()
                                   ->Boolean(*n, a.PathOf("is_charge"))
                                   .value_or(false);
                 }
                 read(a, is_charge);
               });
}

void ReadLineAllowancesCharges(Obj& o, InvoiceLine* line) {
  auto read = [&](Obj& a, bool is_charge) {
    LineAllowanceCharge& ac = line->allowances_charges.emplace_back();
    ac.is_charge = is_charge;
    ac.pos.line = a.line();
    RequireAmountOrPercentage(a);
    a.Amt("amount", &ac.amount);
    a.Amt("base_amount", &ac.base_amount);
    a.Amt("percentage", &ac.percentage);
    a.Txt("reason", &ac.reason);
    a.Txt("reason_code", &ac.reason_code);
  };
  if (o.Has("allowances_charges") && (o.Has("allowances") || o.Has("charges"))) {
    o.reader()->Problem(o.PathOf("allowances_charges"),
                        "give either \"allowances_charges\" or "
                        "\"allowances\"/\"charges\", not both");
  }
  o.EachObject("allowances", {"lines[].allowances[]"},
               [&](Obj& a) { read(a, false); });
  o.EachObject("charges", {"lines[].charges[]"},
               [&](Obj& a) { read(a, true); });
  o.EachObject("allowances_charges",
               {"lines[].allowances_charges[]", "lines[].allowances[]"},
               [&](Obj& a) {
                 bool is_charge = false;
                 if (const Node* n = a.Get("is_charge")) {
                   is_charge = a.reader()
                                   ->Boolean(*n, a.PathOf("is_charge"))
                                   .value_or(false);
                 }
                 read(a, is_charge);
               });
}

void ReadItem(Obj& o, Item* item) {
  o.Txt("name", &item->name);
  o.Txt("description", &item->description);
  o.Txt("seller_id", &item->seller_id);
  o.Txt("buyer_id", &item->buyer_id);
  o.Id("standard_id", &item->standard_id);
  o.Ids("classifications", &item->classifications);
  o.Txt("origin_country", &item->origin_country);
  o.EachObject("attributes", {"lines[].item.attributes[]"}, [&](Obj& a) {
    ItemAttribute& attr = item->attributes.emplace_back();
    a.Txt("name", &attr.name);
    a.Txt("value", &attr.value);
  });
}

void ReadLine(Obj& o, InvoiceLine* line) {
  line->pos.line = o.line();
  o.Txt("id", &line->id);
  o.Txt("note", &line->note);
  o.Id("object_id", &line->object_id);
  o.Amt("quantity", &line->quantity);
  o.Txt("unit_code", &line->unit_code);
  // BG-29 is flattened into the line object: any of its keys makes it
  // present.
  PriceDetails price;
  o.Amt("net_price", &price.net_price);
  o.Amt("gross_price", &price.gross_price);
  o.Amt("price_discount", &price.discount);
  o.Amt("base_quantity", &price.base_quantity);
  o.Txt("base_quantity_unit", &price.base_quantity_unit);
  for (std::string_view key : {"net_price", "gross_price", "price_discount",
                               "base_quantity", "base_quantity_unit"}) {
    if (o.Has(key)) line->price = price;
  }
  o.Txt("vat_category", &line->vat_category);
  o.Amt("vat_rate", &line->vat_rate);
  ReadLineAllowancesCharges(o, line);
  o.Amt("net_amount", &line->net_amount);
  ReadOptional(o, "period", "lines[].period", &line->period, ReadPeriod);
  o.Txt("order_line_ref", &line->order_line_ref);
  o.Txt("buyer_accounting_ref", &line->buyer_accounting_ref);
  ReadOptional(o, "item", "lines[].item", &line->item, ReadItem);
}

void ReadTotals(Obj& o, Invoice* inv) {
  Totals total;
  Totals* t = &total;
  t->pos.line = o.line();
  o.Amt("line_net_total", &t->line_net_total);
  o.Amt("allowance_total", &t->allowance_total);
  o.Amt("charge_total", &t->charge_total);
  o.Amt("tax_exclusive", &t->tax_exclusive);
  o.Amt("vat_total", &inv->vat_total);
  o.Amt("vat_total_accounting", &inv->vat_total_accounting);
  o.Amt("tax_inclusive", &t->tax_inclusive);
  o.Amt("prepaid", &t->prepaid);
  o.Amt("rounding", &t->rounding);
  o.Amt("payable", &t->payable);
  // The model keeps BT-110/BT-111 outside BG-22 (UBL does): an object with
  // only them stands for no BG-22 element.
  const bool vat_only =
      (o.Has("vat_total") || o.Has("vat_total_accounting")) &&
      !o.Has("line_net_total") && !o.Has("allowance_total") &&
      !o.Has("charge_total") && !o.Has("tax_exclusive") &&
      !o.Has("tax_inclusive") && !o.Has("prepaid") && !o.Has("rounding") &&
      !o.Has("payable");
  if (!vat_only) inv->totals = std::move(total);
}

// Notes and preceding invoices: an element is the main value alone or an
// object.
template <typename Fn>
void EachTextOrObject(Obj& o, std::string_view key, std::string_view schema,
                      Fn&& fn) {
  o.Each(key, [&](const Node& n, const std::string& path) {
    if (n.type == Type::kString) {
      fn(&n.text, nullptr);
    } else if (n.type == Type::kObject) {
      Obj element(o.reader(), n, path, Obj::Schemas{schema});
      fn(nullptr, &element);
    } else {
      o.reader()->Problem(path, std::string("expected a string or an object, "
                                            "got ") +
                                    TypeName(n.type));
    }
  });
}

void ReadKindAndType(Obj& o, Invoice* inv) {
  std::optional<DocumentKind> kind;
  if (const Node* n = o.Get("kind")) {
    if (auto s = o.reader()->String(*n, o.PathOf("kind"))) {
      if (*s == "invoice") {
        kind = DocumentKind::kInvoice;
      } else if (*s == "credit_note") {
        kind = DocumentKind::kCreditNote;
      } else {
        o.reader()->Problem(o.PathOf("kind"),
                            Quoted(*s) + " is not a document kind (expected "
                                         "\"invoice\" or \"credit_note\")");
      }
    }
  }
  Text type_code;
  o.Txt("type_code", &type_code);
  if (kind) {
    inv->kind = *kind;
  } else if (type_code && IsCreditNoteTypeCode(*type_code)) {
    inv->kind = DocumentKind::kCreditNote;
  }
  inv->type_code = type_code ? *type_code
                   : inv->kind == DocumentKind::kCreditNote ? "381"
                                                            : "380";
}

void ReadInvoice(Obj& o, Invoice* inv) {
  inv->pos.line = o.line();
  ReadKindAndType(o, inv);
  o.Txt("number", &inv->number);
  o.Day("issue_date", &inv->issue_date);
  o.Txt("currency", &inv->currency);
  o.Txt("accounting_currency", &inv->accounting_currency);
  o.Day("tax_point_date", &inv->tax_point_date);
  o.Txt("tax_point_date_code", &inv->tax_point_date_code);
  o.Day("due_date", &inv->due_date);
  o.Txt("buyer_reference", &inv->buyer_reference);
  o.Txt("project_reference", &inv->project_reference);
  o.Txt("contract_reference", &inv->contract_reference);
  o.Txt("purchase_order_reference", &inv->purchase_order_reference);
  o.Txt("sales_order_reference", &inv->sales_order_reference);
  o.Txt("receiving_advice_reference", &inv->receiving_advice_reference);
  o.Txt("despatch_advice_reference", &inv->despatch_advice_reference);
  o.Txt("tender_reference", &inv->tender_reference);
  o.Id("invoiced_object_id", &inv->invoiced_object_id);
  o.Txt("buyer_accounting_reference", &inv->buyer_accounting_reference);
  o.Txt("payment_terms", &inv->payment_terms);
  EachTextOrObject(o, "notes", "notes[]", [&](const std::string* text, Obj* e) {
    Note& note = inv->notes.emplace_back();
    if (text != nullptr) {
      note.text = *text;
    } else {
      e->Txt("subject_code", &note.subject_code);
      e->Txt("text", &note.text);
    }
  });
  o.Txt("business_process", &inv->business_process);
  o.Txt("specification_id", &inv->specification_id);
  EachTextOrObject(o, "preceding_invoices", "preceding_invoices[]",
                   [&](const std::string* text, Obj* e) {
                     PrecedingInvoice& p = inv->preceding_invoices.emplace_back();
                     if (text != nullptr) {
                       p.number = *text;
                     } else {
                       e->Txt("number", &p.number);
                       e->Day("issue_date", &p.issue_date);
                     }
                   });
  ReadOptional(o, "seller", "seller", &inv->seller, ReadSeller);
  ReadOptional(o, "buyer", "buyer", &inv->buyer, ReadBuyer);
  ReadOptional(o, "payee", "payee", &inv->payee, ReadPayee);
  ReadOptional(o, "tax_representative", "tax_representative",
               &inv->tax_representative, ReadTaxRepresentative);
  ReadOptional(o, "delivery", "delivery", &inv->delivery, ReadDelivery);
  ReadOptional(o, "invoicing_period", "invoicing_period",
               &inv->invoicing_period, ReadPeriod);
  ReadOptional(o, "payment", "payment", &inv->payment, ReadPayment);
  ReadAllowancesCharges(o, &inv->allowances_charges);
  o.Child("totals", "totals", [&](Obj& t) { ReadTotals(t, inv); });
  o.EachObject("vat_breakdown", {"vat_breakdown[]"}, [&](Obj& v) {
    VatBreakdown& vb = inv->vat_breakdown.emplace_back();
    vb.pos.line = v.line();
    v.Amt("taxable_amount", &vb.taxable_amount);
    v.Amt("tax_amount", &vb.tax_amount);
    v.Txt("category", &vb.category);
    v.Amt("rate", &vb.rate);
    v.Txt("exemption_reason", &vb.exemption_reason);
    v.Txt("exemption_reason_code", &vb.exemption_reason_code);
  });
  o.EachObject("supporting_documents", {"supporting_documents[]"},
               [&](Obj& d) {
                 SupportingDocument& doc =
                     inv->supporting_documents.emplace_back();
                 d.Txt("id", &doc.id);
                 d.Txt("description", &doc.description);
                 d.Txt("external_uri", &doc.external_uri);
                 d.Txt("attachment_base64", &doc.attachment_base64);
                 d.Txt("attachment_mime", &doc.attachment_mime);
                 d.Txt("attachment_filename", &doc.attachment_filename);
               });
  o.EachObject("lines", {"lines[]"},
               [&](Obj& l) { ReadLine(l, &inv->lines.emplace_back()); });
}

std::string Summary(const std::string& source,
                    const std::vector<Diagnostic>& diags) {
  const std::string prefix = source.empty() ? "" : source + ": ";
  const Diagnostic& first = diags.front();
  // Syntax errors already say "at line L, column C" in the message.
  const bool says_where = first.location.empty() ||
                          first.message.find(first.location) != std::string::npos;
  const std::string where = says_where ? "" : first.location + ": ";
  if (diags.size() == 1) return prefix + where + first.message;
  return prefix + std::to_string(diags.size()) +
         " problems in the JSON invoice; first: " + where + first.message;
}

}  // namespace

Result<Invoice> InvoiceFromJson(std::string_view json_text,
                                const std::string& source) {
  Reader reader;
  Node root;
  Invoice invoice;
  if (json::ParseTree(json_text, &root, &reader.diags())) {
    if (reader.IsObject(root, "$")) {
      Obj o(&reader, root, "$", Obj::Schemas{""});
      ReadInvoice(o, &invoice);
    }
  }
  if (!reader.diags().empty()) {
    std::string message = Summary(source, reader.diags());
    return MakeError(Error::Kind::kInvalidInput, std::move(message),
                     std::move(reader.diags()));
  }
  return invoice;
}

}  // namespace chorus

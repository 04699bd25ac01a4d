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
  o.Str("country", &a->country);
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
  o.Str("name", &s->name);
  o.Txt("trading_name", &s->trading_name);
  o.Ids("ids", &s->ids);
  o.Id("legal_registration_id", &s->legal_registration_id);
  o.Txt("vat_id", &s->vat_id);
  o.Txt("tax_registration_id", &s->tax_registration_id);
  o.Txt("additional_legal_info", &s->additional_legal_info);
  o.Id("electronic_address", &s->electronic_address);
  o.Child("address", "seller.address",
          [&](Obj& a) { ReadAddress(a, &s->address); });
  ReadOptional(o, "contact", "seller.contact", &s->contact, ReadContact);
}

void ReadBuyer(Obj& o, Buyer* b) {
  b->pos.line = o.line();
  o.Str("name", &b->name);
  o.Txt("trading_name", &b->trading_name);
  o.Id("id", &b->id);
  o.Id("legal_registration_id", &b->legal_registration_id);
  o.Txt("vat_id", &b->vat_id);
  o.Id("electronic_address", &b->electronic_address);
  o.Child("address", "buyer.address",
          [&](Obj& a) { ReadAddress(a, &b->address); });
  ReadOptional(o, "contact", "buyer.contact", &b->contact, ReadContact);
}

void ReadPayee(Obj& o, Payee* p) {
  o.Str("name", &p->name);
  o.Id("id", &p->id);
  o.Id("legal_registration_id", &p->legal_registration_id);
}

void ReadTaxRepresentative(Obj& o, TaxRepresentative* t) {
  o.Str("name", &t->name);
  o.Str("vat_id", &t->vat_id);
  o.Child("address", "tax_representative.address",
          [&](Obj& a) { ReadAddress(a, &t->address); });
}

void ReadDelivery(Obj& o, Delivery* d) {
  o.Txt("party_name", &d->party_name);
  o.Id("location_id", &d->location_id);
  o.Day("actual_date", &d->actual_date);
  ReadOptional(o, "address", "delivery.address", &d->address, ReadAddress);
}

void ReadPayment(Obj& o, PaymentInstructions* p) {
  o.Str("means_code", &p->means_code);
  o.Txt("means_text", &p->means_text);
  o.Txt("remittance_info", &p->remittance_info);
  o.EachObject("credit_transfers", {"payment.credit_transfers[]"},
               [&](Obj& t) {
                 CreditTransfer& ct = p->credit_transfers.emplace_back();
                 t.Str("account_id", &ct.account_id);
                 t.Txt("account_name", &ct.account_name);
                 t.Txt("service_provider_id", &ct.service_provider_id);
               });
  ReadOptional(o, "card", "payment.card", &p->card,
               [](Obj& c, PaymentCard* card) {
                 c.Str("account_number", &card->account_number);
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
    a.Dec("amount", &ac.amount);
    a.Amt("base_amount", &ac.base_amount);
    a.Amt("percentage", &ac.percentage);
    a.Str("vat_category", &ac.vat_category);
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
    a.Dec("amount", &ac.amount);
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
  o.Str("name", &item->name);
  o.Txt("description", &item->description);
  o.Txt("seller_id", &item->seller_id);
  o.Txt("buyer_id", &item->buyer_id);
  o.Id("standard_id", &item->standard_id);
  o.Ids("classifications", &item->classifications);
  o.Txt("origin_country", &item->origin_country);
  o.EachObject("attributes", {"lines[].item.attributes[]"}, [&](Obj& a) {
    ItemAttribute& attr = item->attributes.emplace_back();
    a.Str("name", &attr.name);
    a.Str("value", &attr.value);
  });
}

void ReadLine(Obj& o, InvoiceLine* line) {
  line->pos.line = o.line();
  o.Str("id", &line->id);
  o.Txt("note", &line->note);
  o.Id("object_id", &line->object_id);
  o.Dec("quantity", &line->quantity);
  o.Str("unit_code", &line->unit_code);
  o.Dec("net_price", &line->price.net_price);
  o.Amt("gross_price", &line->price.gross_price);
  o.Amt("price_discount", &line->price.discount);
  o.Amt("base_quantity", &line->price.base_quantity);
  o.Txt("base_quantity_unit", &line->price.base_quantity_unit);
  o.Str("vat_category", &line->vat_category);
  o.Amt("vat_rate", &line->vat_rate);
  ReadLineAllowancesCharges(o, line);
  o.Dec("net_amount", &line->net_amount);
  ReadOptional(o, "period", "lines[].period", &line->period, ReadPeriod);
  o.Txt("order_line_ref", &line->order_line_ref);
  o.Txt("buyer_accounting_ref", &line->buyer_accounting_ref);
  o.Child("item", "lines[].item", [&](Obj& i) { ReadItem(i, &line->item); });
}

void ReadTotals(Obj& o, Totals* t) {
  t->pos.line = o.line();
  o.Dec("line_net_total", &t->line_net_total);
  o.Amt("allowance_total", &t->allowance_total);
  o.Amt("charge_total", &t->charge_total);
  o.Dec("tax_exclusive", &t->tax_exclusive);
  o.Amt("vat_total", &t->vat_total);
  o.Amt("vat_total_accounting", &t->vat_total_accounting);
  o.Dec("tax_inclusive", &t->tax_inclusive);
  o.Amt("prepaid", &t->prepaid);
  o.Amt("rounding", &t->rounding);
  o.Dec("payable", &t->payable);
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
  o.Str("number", &inv->number);
  o.Day("issue_date", &inv->issue_date);
  o.Str("currency", &inv->currency);
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
      e->Str("text", &note.text);
    }
  });
  o.Txt("business_process", &inv->business_process);
  o.Str("specification_id", &inv->specification_id);
  EachTextOrObject(o, "preceding_invoices", "preceding_invoices[]",
                   [&](const std::string* text, Obj* e) {
                     PrecedingInvoice& p = inv->preceding_invoices.emplace_back();
                     if (text != nullptr) {
                       p.number = *text;
                     } else {
                       e->Str("number", &p.number);
                       e->Day("issue_date", &p.issue_date);
                     }
                   });
  o.Child("seller", "seller", [&](Obj& s) { ReadSeller(s, &inv->seller); });
  o.Child("buyer", "buyer", [&](Obj& b) { ReadBuyer(b, &inv->buyer); });
  ReadOptional(o, "payee", "payee", &inv->payee, ReadPayee);
  ReadOptional(o, "tax_representative", "tax_representative",
               &inv->tax_representative, ReadTaxRepresentative);
  ReadOptional(o, "delivery", "delivery", &inv->delivery, ReadDelivery);
  ReadOptional(o, "invoicing_period", "invoicing_period",
               &inv->invoicing_period, ReadPeriod);
  ReadOptional(o, "payment", "payment", &inv->payment, ReadPayment);
  ReadAllowancesCharges(o, &inv->allowances_charges);
  o.Child("totals", "totals", [&](Obj& t) { ReadTotals(t, &inv->totals); });
  o.EachObject("vat_breakdown", {"vat_breakdown[]"}, [&](Obj& v) {
    VatBreakdown& vb = inv->vat_breakdown.emplace_back();
    vb.pos.line = v.line();
    v.Dec("taxable_amount", &vb.taxable_amount);
    v.Dec("tax_amount", &vb.tax_amount);
    v.Str("category", &vb.category);
    v.Amt("rate", &vb.rate);
    v.Txt("exemption_reason", &vb.exemption_reason);
    v.Txt("exemption_reason_code", &vb.exemption_reason_code);
  });
  o.EachObject("supporting_documents", {"supporting_documents[]"},
               [&](Obj& d) {
                 SupportingDocument& doc =
                     inv->supporting_documents.emplace_back();
                 d.Str("id", &doc.id);
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

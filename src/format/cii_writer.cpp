// WriteCii: document, context, header agreement, parties and delivery.
// Settlement and lines are in cii_writer_settlement.cpp and
// cii_writer_line.cpp.
#include <string>

#include "chorus/format/syntax.h"
#include "format/cii_writer_impl.h"

namespace chorus {
namespace {

struct StringSink : pugi::xml_writer {
  std::string out;
  void write(const void* data, size_t size) override {
    out.append(static_cast<const char*>(data), size);
  }
};

}  // namespace

WriteResult WriteCii(const Invoice& invoice, const WriteOptions& options) {
  WriteResult result;
  pugi::xml_document doc;
  pugi::xml_node decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  pugi::xml_node root = doc.append_child("rsm:CrossIndustryInvoice");
  root.append_attribute("xmlns:rsm") = std::string(ns::kCii).c_str();
  // qdt appears only in BT-26, which is written for the first BG-3 only.
  bool uses_qdt = !invoice.preceding_invoices.empty() &&
                  invoice.preceding_invoices.front().issue_date.has_value();
  if (uses_qdt) root.append_attribute("xmlns:qdt") = std::string(ns::kQdt).c_str();
  root.append_attribute("xmlns:ram") = std::string(ns::kRam).c_str();
  root.append_attribute("xmlns:udt") = std::string(ns::kUdt).c_str();
  cii::Writer(invoice, result).Run(root);

  StringSink sink;
  unsigned flags = options.pretty ? pugi::format_indent : pugi::format_raw;
  doc.save(sink, "  ", flags, pugi::encoding_utf8);
  if (!options.pretty) sink.out += '\n';
  result.xml = std::move(sink.out);
  return result;
}

namespace cii {

pugi::xml_node Leaf(pugi::xml_node parent, const char* name,
                    const std::string& text) {
  pugi::xml_node n = parent.append_child(name);
  if (!text.empty()) n.append_child(pugi::node_pcdata).set_value(text.c_str());
  return n;
}

void DecimalLeaf(pugi::xml_node parent, const char* name, const Decimal& v) {
  Leaf(parent, name, v.ToString());
}

void DateLeaf(pugi::xml_node parent, const char* name, const Date& d,
              const char* inner) {
  pugi::xml_node s = Leaf(parent.append_child(name), inner, d.ToBasic());
  s.append_attribute("format") = "102";
}

void IndicatorLeaf(pugi::xml_node parent, const char* name, bool value) {
  Leaf(parent.append_child(name), "udt:Indicator", value ? "true" : "false");
}

void IdLeaf(pugi::xml_node parent, const char* name, const Identifier& id,
            const char* scheme_attr) {
  pugi::xml_node n = Leaf(parent, name, id.value);
  if (id.scheme) n.append_attribute(scheme_attr) = id.scheme->c_str();
}

void PartyId(pugi::xml_node party, const Identifier& id) {
  IdLeaf(party, id.scheme ? "ram:GlobalID" : "ram:ID", id);
}

void IssuerDoc(pugi::xml_node parent, const char* name, const Text& id) {
  if (id) Leaf(parent.append_child(name), "ram:IssuerAssignedID", *id);
}

void Writer::Lose(const char* term, std::string message) {
  out_.lost.push_back(LostDatum{term, std::move(message)});
}

void Writer::Run(pugi::xml_node root) {
  DocumentContext(root);
  ExchangedDocument(root);
  pugi::xml_node tx = root.append_child("rsm:SupplyChainTradeTransaction");
  for (const InvoiceLine& l : inv_.lines) Line(tx, l);
  Agreement(tx);
  Delivery(tx);
  Settlement(tx);
}

void Writer::DocumentContext(pugi::xml_node root) {
  pugi::xml_node c = root.append_child("rsm:ExchangedDocumentContext");
  if (inv_.business_process) {  // BT-23
    Leaf(c.append_child("ram:BusinessProcessSpecifiedDocumentContextParameter"),
         "ram:ID", *inv_.business_process);
  }
  if (inv_.specification_id) {  // BT-24
    Leaf(c.append_child("ram:GuidelineSpecifiedDocumentContextParameter"),
         "ram:ID", *inv_.specification_id);
  }
}

void Writer::ExchangedDocument(pugi::xml_node root) {
  pugi::xml_node d = root.append_child("rsm:ExchangedDocument");
  LeafIf(d, "ram:ID", inv_.number);          // BT-1
  LeafIf(d, "ram:TypeCode", inv_.type_code);  // BT-3
  if (inv_.issue_date) DateLeaf(d, "ram:IssueDateTime", *inv_.issue_date);
  for (const Note& n : inv_.notes) {  // BG-1
    pugi::xml_node note = d.append_child("ram:IncludedNote");
    LeafIf(note, "ram:Content", n.text);
    LeafIf(note, "ram:SubjectCode", n.subject_code);
  }
  const std::string type_code = inv_.type_code.value_or("");
  bool credit_code = IsCreditNoteTypeCode(type_code);
  if (credit_code != (inv_.kind == DocumentKind::kCreditNote)) {
    Lose("BT-3", std::string("CII has no separate credit note document: the ") +
                     "document kind follows the type code '" + type_code +
                     "', so this " +
                     (inv_.kind == DocumentKind::kCreditNote ? "credit note"
                                                             : "invoice") +
                     " reads back as the other kind");
  }
}

void Writer::Agreement(pugi::xml_node tx) {
  pugi::xml_node a = tx.append_child("ram:ApplicableHeaderTradeAgreement");
  LeafIf(a, "ram:BuyerReference", inv_.buyer_reference);  // BT-10

  if (inv_.seller) Seller(a, *inv_.seller);
  if (inv_.buyer) Buyer(a, *inv_.buyer);
  if (const auto& r = inv_.tax_representative) {  // BG-11
    pugi::xml_node rp = a.append_child("ram:SellerTaxRepresentativeTradeParty");
    LeafIf(rp, "ram:Name", r->name);
    if (r->address) WriteAddress(rp, *r->address);
    if (r->vat_id) {
      IdLeaf(rp.append_child("ram:SpecifiedTaxRegistration"), "ram:ID",
             Identifier{*r->vat_id, "VA", {}});
    }
  }
  IssuerDoc(a, "ram:SellerOrderReferencedDocument", inv_.sales_order_reference);
  IssuerDoc(a, "ram:BuyerOrderReferencedDocument", inv_.purchase_order_reference);
  IssuerDoc(a, "ram:ContractReferencedDocument", inv_.contract_reference);
  AdditionalDocuments(a);
  if (inv_.project_reference) {  // BT-11
    pugi::xml_node p = a.append_child("ram:SpecifiedProcuringProject");
    Leaf(p, "ram:ID", *inv_.project_reference);
    // Required by the XSD; EN 16931 has no term for it.
    Leaf(p, "ram:Name", "Project reference");
  }
}

void Writer::Seller(pugi::xml_node a, const chorus::Seller& s) {  // BG-4
  pugi::xml_node sp = a.append_child("ram:SellerTradeParty");
  for (const Identifier& id : s.ids) {
    if (!id.scheme) PartyId(sp, id);  // XSD: every ram:ID before ram:GlobalID
  }
  for (const Identifier& id : s.ids) {
    if (id.scheme) PartyId(sp, id);
  }
  LeafIf(sp, "ram:Name", s.name);
  LeafIf(sp, "ram:Description", s.additional_legal_info);  // BT-33
  if (s.legal_registration_id || s.trading_name) {
    pugi::xml_node o = sp.append_child("ram:SpecifiedLegalOrganization");
    if (s.legal_registration_id) IdLeaf(o, "ram:ID", *s.legal_registration_id);
    LeafIf(o, "ram:TradingBusinessName", s.trading_name);
  }
  if (s.contact) WriteContact(sp, *s.contact);
  if (s.address) WriteAddress(sp, *s.address);
  if (s.electronic_address) {
    IdLeaf(sp.append_child("ram:URIUniversalCommunication"), "ram:URIID",
           *s.electronic_address);
  }
  if (s.vat_id) IdLeaf(sp.append_child("ram:SpecifiedTaxRegistration"), "ram:ID",
                       Identifier{*s.vat_id, "VA", {}});
  if (s.tax_registration_id) {
    IdLeaf(sp.append_child("ram:SpecifiedTaxRegistration"), "ram:ID",
           Identifier{*s.tax_registration_id, "FC", {}});
  }
}

void Writer::Buyer(pugi::xml_node a, const chorus::Buyer& b) {  // BG-7
  pugi::xml_node bp = a.append_child("ram:BuyerTradeParty");
  if (b.id) PartyId(bp, *b.id);
  LeafIf(bp, "ram:Name", b.name);
  if (b.legal_registration_id || b.trading_name) {
    pugi::xml_node o = bp.append_child("ram:SpecifiedLegalOrganization");
    if (b.legal_registration_id) IdLeaf(o, "ram:ID", *b.legal_registration_id);
    LeafIf(o, "ram:TradingBusinessName", b.trading_name);
  }
  if (b.contact) WriteContact(bp, *b.contact);
  if (b.address) WriteAddress(bp, *b.address);
  if (b.electronic_address) {
    IdLeaf(bp.append_child("ram:URIUniversalCommunication"), "ram:URIID",
           *b.electronic_address);
  }
  if (b.vat_id) IdLeaf(bp.append_child("ram:SpecifiedTaxRegistration"), "ram:ID",
                       Identifier{*b.vat_id, "VA", {}});
}

void Writer::AdditionalDocuments(pugi::xml_node a) {
  for (const SupportingDocument& d : inv_.supporting_documents) {  // BG-24
    pugi::xml_node r = a.append_child("ram:AdditionalReferencedDocument");
    LeafIf(r, "ram:IssuerAssignedID", d.id);
    LeafIf(r, "ram:URIID", d.external_uri);
    Leaf(r, "ram:TypeCode", "916");
    LeafIf(r, "ram:Name", d.description);
    if (d.attachment_base64) {
      pugi::xml_node o = Leaf(r, "ram:AttachmentBinaryObject", *d.attachment_base64);
      if (d.attachment_mime) o.append_attribute("mimeCode") = d.attachment_mime->c_str();
      if (d.attachment_filename) {
        o.append_attribute("filename") = d.attachment_filename->c_str();
      }
    } else if (d.attachment_mime || d.attachment_filename) {
      Lose("BT-125", "the attachment's mime code or file name cannot be "
                     "written without the attached document itself");
    }
  }
  if (inv_.tender_reference) {  // BT-17
    pugi::xml_node r = a.append_child("ram:AdditionalReferencedDocument");
    Leaf(r, "ram:IssuerAssignedID", *inv_.tender_reference);
    Leaf(r, "ram:TypeCode", "50");
  }
  if (const auto& o = inv_.invoiced_object_id) {  // BT-18
    pugi::xml_node r = a.append_child("ram:AdditionalReferencedDocument");
    Leaf(r, "ram:IssuerAssignedID", o->value);
    Leaf(r, "ram:TypeCode", "130");
    LeafIf(r, "ram:ReferenceTypeCode", o->scheme);
  }
}

void Writer::Delivery(pugi::xml_node tx) {
  pugi::xml_node d = tx.append_child("ram:ApplicableHeaderTradeDelivery");
  if (const auto& del = inv_.delivery) {  // BG-13
    if (del->party_name || del->location_id || del->address) {
      pugi::xml_node p = d.append_child("ram:ShipToTradeParty");
      if (del->location_id) PartyId(p, *del->location_id);  // BT-71
      LeafIf(p, "ram:Name", del->party_name);              // BT-70
      if (del->address) WriteAddress(p, *del->address);    // BG-15
    }
    if (del->actual_date) {  // BT-72
      DateLeaf(d.append_child("ram:ActualDeliverySupplyChainEvent"),
               "ram:OccurrenceDateTime", *del->actual_date);
    }
  }
  IssuerDoc(d, "ram:DespatchAdviceReferencedDocument",
            inv_.despatch_advice_reference);  // BT-16
  IssuerDoc(d, "ram:ReceivingAdviceReferencedDocument",
            inv_.receiving_advice_reference);  // BT-15
}

void Writer::WriteAddress(pugi::xml_node party, const Address& a) {
  pugi::xml_node n = party.append_child("ram:PostalTradeAddress");
  LeafIf(n, "ram:PostcodeCode", a.post_code);
  LeafIf(n, "ram:LineOne", a.line1);
  LeafIf(n, "ram:LineTwo", a.line2);
  LeafIf(n, "ram:LineThree", a.line3);
  LeafIf(n, "ram:CityName", a.city);
  LeafIf(n, "ram:CountryID", a.country);
  LeafIf(n, "ram:CountrySubDivisionName", a.subdivision);
}

void Writer::WriteContact(pugi::xml_node party, const Contact& c) {
  pugi::xml_node n = party.append_child("ram:DefinedTradeContact");
  LeafIf(n, "ram:PersonName", c.name);
  if (c.telephone) {
    Leaf(n.append_child("ram:TelephoneUniversalCommunication"),
         "ram:CompleteNumber", *c.telephone);
  }
  if (c.email) {
    Leaf(n.append_child("ram:EmailURIUniversalCommunication"), "ram:URIID",
         *c.email);
  }
}

}  // namespace cii
}  // namespace chorus

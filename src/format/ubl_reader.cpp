// UBL 2.1 Invoice / CreditNote to the EN 16931 model, following the
// official syntax binding (the XPaths of the CEN UBL validation artefacts).
#include <algorithm>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

#include "chorus/format/syntax.h"
#include "format/ubl_read.h"

namespace chorus {
namespace ubl {
namespace {

constexpr Wants kSupportingDocumentWants({
    {kCbcNs, "ID"},
    {kCbcNs, "DocumentDescription"},
    {kCacNs, "Attachment"},
});
constexpr Wants kAttachmentWants({
    {kCbcNs, "EmbeddedDocumentBinaryObject"},
    {kCacNs, "ExternalReference"},
});
constexpr Wants kExternalReferenceWants({{kCbcNs, "URI"}});
constexpr Wants kOrderReferenceWants({
    {kCbcNs, "SalesOrderID"},
    {kCbcNs, "ID"},
});
constexpr Wants kBillingReferenceWants({
    {kCacNs, "InvoiceDocumentReference"},
});
constexpr Wants kInvoiceDocumentWants({
    {kCbcNs, "ID"},
    {kCbcNs, "IssueDate"},
});
constexpr Wants kPartyHolderWants({{kCacNs, "Party"}});

constexpr std::string_view kXmlUri = "http://www.w3.org/XML/1998/namespace";

// cbc:ID of the first reference of a kind (`ref`, the first child so
// named) into `out`; later ones are reported as repeats.
void FirstReferenceId(Reader& r, El ref, Text& out) {
  if (!ref || !r.all_terms()) {  // no rule reads these references
    out.reset();
    return;
  }
  Kids<kIdWants> k(r, ref);
  r.ReadText(k.Cbc("ID"), out);
}

// `references`: at least how many references the document has, the most
// supporting documents it can hold.
void ReadSupportingDocument(Reader& r, El n, std::size_t references) {
  Kids<kSupportingDocumentWants> k(r, n);
  std::vector<SupportingDocument>& all = r.inv().supporting_documents;
  // Sized on the first: growing moves every document read so far.
  if (all.empty()) all.reserve(references);
  SupportingDocument& d = all.emplace_back();
  r.ReadText(k.Cbc("ID"), d.id);
  r.ReadFreeText(k.Cbc("DocumentDescription"), d.description);
  if (El att = k.Cac("Attachment")) {
    Kids<kAttachmentWants> ka(r, att);
    if (El bin = ka.Cbc("EmbeddedDocumentBinaryObject")) {
      r.ReadFreeText(bin, d.attachment_base64);
      r.ReadAttr(bin, "mimeCode", d.attachment_mime);
      r.ReadAttr(bin, "filename", d.attachment_filename);
    }
    if (El ext = ka.Cac("ExternalReference")) {
      Kids<kExternalReferenceWants> ke(r, ext);
      r.ReadFreeText(ke.Cbc("URI"), d.external_uri);
    }
  }
}

// AdditionalDocumentReference carries three things: the invoiced object
// (BT-18, type code 130), in credit notes the project (BT-11, type code 50,
// CreditNote has no ProjectReference), and otherwise a supporting document.
void ReadAdditionalDocument(Reader& r, El n, std::size_t references) {
  Invoice& inv = r.inv();
  El code = r.Child(n, kCbcNs, "DocumentTypeCode");
  std::string_view type = r.Peek(code);
  if (type == kInvoicedObjectType) {
    if (inv.invoiced_object_id) {
      r.Repeated(n);
      return;
    }
    Kids<kIdWants> k(r, n);
    r.Take(code);
    Identifier& id = inv.invoiced_object_id.emplace();  // in place
    if (El e = k.Cbc("ID")) r.IdInto(e, id);
    return;
  }
  if (type == kProjectType && r.credit_note()) {
    if (inv.project_reference) {
      r.Repeated(n);
      return;
    }
    Kids<kIdWants> k(r, n);
    r.Take(code);
    r.ReadText(k.Cbc("ID"), inv.project_reference);
    return;
  }
  ReadSupportingDocument(r, n, references);
}

// The namespace URI of the root element, as Namespaces::Uri resolves it:
// the "xml" prefix is bound by XML itself, any other prefix by the root's
// first declaration of it; "" when undeclared.
std::string_view RootUri(const xml::ElementIndex& index) {
  std::string_view prefix = xml::PrefixOf(index.QualifiedName(0));
  if (prefix == "xml") return kXmlUri;
  for (const xml::ElementIndex::Attribute& a : index.AttributesOf(0)) {
    if (!xml::IsNamespaceDeclaration(a.name)) continue;
    std::string_view declared =
        a.name.size() == 5 ? std::string_view() : a.name.substr(6);
    if (declared == prefix) return a.value;
  }
  return {};
}

}  // namespace

void ReadHeader(Reader& r, const RootKids& root) {
  Invoice& inv = r.inv();
  // The version number says nothing the syntax itself does not.
  r.TakeIfEquals(root.Cbc("UBLVersionID"), kUblVersion);
  r.ReadFreeText(root.Cbc("CustomizationID"), inv.specification_id);
  const bool all = r.all_terms();  // for terms no rule reads
  if (all) r.ReadFreeText(root.Cbc("ProfileID"), inv.business_process);
  r.ReadText(root.Cbc("ID"), inv.number);
  inv.issue_date = r.DateOf(root.Cbc("IssueDate"));
  // CreditNote puts BT-9 in PaymentMeans (see ReadPayment); a root DueDate
  // is read in both documents.
  inv.due_date = r.DateOf(root.Cbc("DueDate"));
  r.ReadText(r.credit_note() ? root.Cbc("CreditNoteTypeCode")
                             : root.Cbc("InvoiceTypeCode"),
             inv.type_code);
  // Sized once, each note built in place. No rule reads them.
  const auto read_note = [&](El n) {
    Note& note = inv.notes.emplace_back();
    r.Take(n);
    std::string_view text = r.Peek(n);
    std::string_view code;
    std::string_view rest;
    if (SplitNote(text, &code, &rest)) {
      xml::EmplaceText(note.subject_code, code);
      text = rest;
    }
    xml::EmplaceText(note.text, r.FreeText(text));
  };
  if (r.all_terms()) {
    inv.notes.reserve(root.CountCbc("Note"));
    root.EachCbc("Note", read_note);
  }
  inv.tax_point_date = r.DateOf(root.Cbc("TaxPointDate"));
  r.ReadText(root.Cbc("DocumentCurrencyCode"), inv.currency);
  r.ReadText(root.Cbc("TaxCurrencyCode"), inv.accounting_currency);
  if (all) {
    r.ReadText(root.Cbc("AccountingCost"), inv.buyer_accounting_reference);
    r.ReadText(root.Cbc("BuyerReference"), inv.buyer_reference);
  }

  if (El p = root.Cac("InvoicePeriod")) {
    Kids<kPeriodWants> k(r, p);
    El start = k.Cbc("StartDate");
    El end = k.Cbc("EndDate");
    El code = k.Cbc("DescriptionCode");
    r.ReadText(code, inv.tax_point_date_code);
    // A period holding only BT-8 is how UBL carries BT-8 alone: BG-14 is
    // not present then.
    if (start || end || !code) {
      inv.invoicing_period = Period{r.DateOf(start), r.DateOf(end)};
    }
  }
}

void ReadReferences(Reader& r, const RootKids& root) {
  Invoice& inv = r.inv();
  // No rule reads the order, project and other references.
  const bool all = r.all_terms();
  if (El o = all ? root.Cac("OrderReference") : El()) {
    Kids<kOrderReferenceWants> k(r, o);
    El sales = k.Cbc("SalesOrderID");
    r.ReadText(sales, inv.sales_order_reference);
    Text& po = inv.purchase_order_reference;
    r.ReadText(k.Cbc("ID"), po);
    // The schema requires an ID beside a sales order number: an empty one
    // is that placeholder, not a purchase order reference.
    if (po && po->empty() && sales) po.reset();
  }
  root.EachCac("BillingReference", [&](El b) {
    Kids<kBillingReferenceWants> k(r, b);
    El d = k.Cac("InvoiceDocumentReference");
    if (!d) return;
    Kids<kInvoiceDocumentWants> kd(r, d);
    PrecedingInvoice& p = inv.preceding_invoices.emplace_back();  // in place
    r.ReadText(kd.Cbc("ID"), p.number);
    p.issue_date = r.DateOf(kd.Cbc("IssueDate"));
  });
  FirstReferenceId(r, root.Cac("DespatchDocumentReference"),
                   inv.despatch_advice_reference);
  FirstReferenceId(r, root.Cac("ReceiptDocumentReference"),
                   inv.receiving_advice_reference);
  FirstReferenceId(r, root.Cac("OriginatorDocumentReference"),
                   inv.tender_reference);
  FirstReferenceId(r, root.Cac("ContractDocumentReference"),
                   inv.contract_reference);
  const std::size_t references = root.CountCac("AdditionalDocumentReference");
  root.EachCac("AdditionalDocumentReference",
               [&](El n) { ReadAdditionalDocument(r, n, references); });
  if (El p = all ? root.Cac("ProjectReference") : El()) {
    if (inv.project_reference) {
      r.Repeated(p);
    } else {
      Kids<kIdWants> k(r, p);
      r.ReadText(k.Cbc("ID"), inv.project_reference);
    }
  }
}

}  // namespace ubl

ReadResult ReadUbl(const XmlDocument& doc) {
  return ReadUbl(doc, ReadOptions{});
}

ReadResult ReadUbl(const XmlDocument& doc, const ReadOptions& options) {
  ReadResult out;
  std::shared_ptr<const xml::DocTree> tree = doc.tree();
  if (tree->elements.size() == 0) {
    out.diagnostics.push_back(Diagnostic{"CHORUS-READ", Severity::kWarning,
                                         "the document has no root element",
                                         "line 1"});
    return out;
  }
  ubl::Reader r(doc, std::move(tree), out, options.report_unmapped,
                options.cut_free_text);
  Invoice& inv = out.invoice;
  ubl::El root = r.root();
  std::string_view local = r.index()[root.i].local;
  int root_ns = r.index()[root.i].ns;
  inv.kind = local == "CreditNote" ? DocumentKind::kCreditNote
                                   : DocumentKind::kInvoice;
  bool expected = (local == "Invoice" && root_ns == ubl::kInvoiceNs) ||
                  (local == "CreditNote" && root_ns == ubl::kCreditNoteNs);
  if (!expected) {
    r.Warn(root, "root element '" +
                     std::string(r.index().QualifiedName(root.i)) + "' in '" +
                     std::string(ubl::RootUri(r.index())) +
                     "' is not a UBL 2.1 Invoice or CreditNote");
  }
  inv.pos = r.Pos(root);
  {
    ubl::RootKids kids(r, root);
    ubl::ReadHeader(r, kids);
    ubl::ReadReferences(r, kids);
    if (ubl::El s = kids.Cac("AccountingSupplierParty")) {
      ubl::Kids<ubl::kPartyHolderWants> k(r, s);
      inv.seller.emplace().pos = r.Pos(s);
      ubl::ReadSeller(r, k.Cac("Party"));
    }
    if (ubl::El b = kids.Cac("AccountingCustomerParty")) {
      ubl::Kids<ubl::kPartyHolderWants> k(r, b);
      inv.buyer.emplace().pos = r.Pos(b);
      ubl::ReadBuyer(r, k.Cac("Party"));
    }
    ubl::ReadPayee(r, kids.Cac("PayeeParty"));
    ubl::ReadTaxRepresentative(r, kids.Cac("TaxRepresentativeParty"));
    ubl::ReadDelivery(r, kids.Cac("Delivery"));
    ubl::ReadPayment(r, kids);
    ubl::ReadAllowancesAndTaxes(r, kids);
    // Both line elements, in document order, whatever the root: the
    // official rules take `cac:InvoiceLine | cac:CreditNoteLine` as the
    // line (BR-16 counts either), so a line of the other document type is
    // still a line, though the schema refuses it there.
    std::size_t invoice_lines = kids.CountCac("InvoiceLine");
    std::size_t credit_lines = kids.CountCac("CreditNoteLine");
    inv.lines.reserve(invoice_lines + credit_lines);
    const auto read = [&](ubl::El n) { ubl::ReadLine(r, n); };
    if (invoice_lines == 0 || credit_lines == 0) {
      // One kind (always, in a valid document): already in document order.
      kids.EachCac("InvoiceLine", read);
      kids.EachCac("CreditNoteLine", read);
    } else {
      std::vector<ubl::El> lines;
      lines.reserve(invoice_lines + credit_lines);
      kids.EachCac("InvoiceLine", [&](ubl::El n) { lines.push_back(n); });
      kids.EachCac("CreditNoteLine", [&](ubl::El n) { lines.push_back(n); });
      std::sort(lines.begin(), lines.end(),
                [](ubl::El a, ubl::El b) { return a.i < b.i; });
      for (ubl::El n : lines) read(n);
    }
  }
  r.Finish();
  return out;
}

}  // namespace chorus

// The EN 16931 model to UBL 2.1 Invoice / CreditNote, following the official
// syntax binding. Element order is the UBL schema's sequence, which differs
// between Invoice and CreditNote in a few places (marked below).
#include "chorus/format/syntax.h"
#include "format/ubl_write.h"

namespace chorus {
namespace ubl {
namespace {

void WriteNotes(Writer& w) {
  for (const Note& n : w.inv.notes) {
    // The element is the note: one with an absent BT-22 is still written.
    const std::string text = n.text.value_or("");
    if (!n.subject_code) {
      w.x.Leaf("cbc:Note", text);
      continue;
    }
    std::string code;
    std::string rest;
    std::string joined = "#" + *n.subject_code + "#" + text;
    // Only a code the reader will split off again can use the convention.
    if (SplitNote(joined, &code, &rest) && rest == text) {
      w.x.Leaf("cbc:Note", joined);
    } else {
      w.x.Leaf("cbc:Note", text);
      w.Lost("BT-21", "note subject code '" + *n.subject_code +
                          "' is not a UNTDID 4451 code (three capital "
                          "letters) and cannot be written as '#CODE#'");
    }
  }
}

void WriteInvoicePeriod(Writer& w) {
  const Invoice& inv = w.inv;
  if (!inv.invoicing_period && !inv.tax_point_date_code) return;
  w.x.Open("cac:InvoicePeriod");
  if (inv.invoicing_period) {
    w.Date("cbc:StartDate", inv.invoicing_period->start);
    w.Date("cbc:EndDate", inv.invoicing_period->end);
  }
  w.Opt("cbc:DescriptionCode", inv.tax_point_date_code);
  w.x.Close();
}

void WriteOrderReference(Writer& w) {
  const Invoice& inv = w.inv;
  if (!inv.purchase_order_reference && !inv.sales_order_reference) return;
  w.x.Open("cac:OrderReference");
  // cbc:ID is mandatory in the schema: an empty one stands for "no BT-13".
  w.x.Leaf("cbc:ID", inv.purchase_order_reference.value_or(""));
  w.Opt("cbc:SalesOrderID", inv.sales_order_reference);
  w.x.Close();
}

void WriteReference(Writer& w, std::string_view qname, const Text& id) {
  if (!id) return;
  w.x.Open(qname);
  w.x.Leaf("cbc:ID", *id);
  w.x.Close();
}

void WriteTypedReference(Writer& w, const Identifier& id,
                         std::string_view type) {
  w.x.Open("cac:AdditionalDocumentReference");
  w.Id("cbc:ID", id);
  w.x.Leaf("cbc:DocumentTypeCode", type);
  w.x.Close();
}

void WriteAdditionalDocuments(Writer& w) {
  const Invoice& inv = w.inv;
  if (inv.invoiced_object_id) {
    WriteTypedReference(w, *inv.invoiced_object_id, kInvoicedObjectType);
  }
  // CreditNote has no ProjectReference: the binding uses type code 50.
  if (w.credit_note() && inv.project_reference) {
    WriteTypedReference(w, Identifier{*inv.project_reference, {}, {}},
                        kProjectType);
  }
  for (const SupportingDocument& d : inv.supporting_documents) {
    w.x.Open("cac:AdditionalDocumentReference");
    w.Opt("cbc:ID", d.id);
    w.Opt("cbc:DocumentDescription", d.description);
    bool embedded =
        d.attachment_base64 || d.attachment_mime || d.attachment_filename;
    if (embedded || d.external_uri) {
      w.x.Open("cac:Attachment");
      if (embedded) {
        w.x.Open("cbc:EmbeddedDocumentBinaryObject");
        // Both attributes are mandatory in the schema.
        w.x.Attr("mimeCode", d.attachment_mime.value_or(""));
        w.x.Attr("filename", d.attachment_filename.value_or(""));
        w.x.Text(d.attachment_base64.value_or(""));
        w.x.Close();
      }
      if (d.external_uri) {
        w.x.Open("cac:ExternalReference");
        w.x.Leaf("cbc:URI", *d.external_uri);
        w.x.Close();
      }
      w.x.Close();
    }
    w.x.Close();
  }
}

void WriteReferences(Writer& w) {
  const Invoice& inv = w.inv;
  WriteInvoicePeriod(w);
  WriteOrderReference(w);
  for (const PrecedingInvoice& p : inv.preceding_invoices) {
    w.x.Open("cac:BillingReference");
    w.x.Open("cac:InvoiceDocumentReference");
    w.Opt("cbc:ID", p.number);
    w.Date("cbc:IssueDate", p.issue_date);
    w.x.Close();
    w.x.Close();
  }
  WriteReference(w, "cac:DespatchDocumentReference",
                 inv.despatch_advice_reference);
  WriteReference(w, "cac:ReceiptDocumentReference",
                 inv.receiving_advice_reference);
  if (w.credit_note()) {
    WriteReference(w, "cac:ContractDocumentReference", inv.contract_reference);
    WriteAdditionalDocuments(w);
    WriteReference(w, "cac:OriginatorDocumentReference", inv.tender_reference);
  } else {
    WriteReference(w, "cac:OriginatorDocumentReference", inv.tender_reference);
    WriteReference(w, "cac:ContractDocumentReference", inv.contract_reference);
    WriteAdditionalDocuments(w);
    WriteReference(w, "cac:ProjectReference", inv.project_reference);
  }
}

void WriteHeader(Writer& w) {
  const Invoice& inv = w.inv;
  w.Opt("cbc:CustomizationID", inv.specification_id);
  w.Opt("cbc:ProfileID", inv.business_process);
  w.Opt("cbc:ID", inv.number);
  w.Date("cbc:IssueDate", inv.issue_date);
  if (w.credit_note()) {
    w.Date("cbc:TaxPointDate", inv.tax_point_date);
    w.Opt("cbc:CreditNoteTypeCode", inv.type_code);
    WriteNotes(w);
  } else {
    w.Date("cbc:DueDate", inv.due_date);
    w.Opt("cbc:InvoiceTypeCode", inv.type_code);
    WriteNotes(w);
    w.Date("cbc:TaxPointDate", inv.tax_point_date);
  }
  w.Opt("cbc:DocumentCurrencyCode", inv.currency);
  w.Opt("cbc:TaxCurrencyCode", inv.accounting_currency);
  w.Opt("cbc:AccountingCost", inv.buyer_accounting_reference);
  w.Opt("cbc:BuyerReference", inv.buyer_reference);
}

}  // namespace
}  // namespace ubl

WriteResult WriteUbl(const Invoice& invoice, const WriteOptions& options) {
  WriteResult out;
  ubl::Writer w(invoice, options, out);
  bool credit = w.credit_note();
  w.x.Open(credit ? "CreditNote" : "Invoice");
  w.x.Attr("xmlns", credit ? ns::kUblCreditNote : ns::kUblInvoice);
  w.x.Attr("xmlns:cac", ns::kCac);
  w.x.Attr("xmlns:cbc", ns::kCbc);
  ubl::WriteHeader(w);
  ubl::WriteReferences(w);
  ubl::WriteParties(w);
  ubl::WriteDelivery(w);
  bool wrote_means = ubl::WritePayment(w);
  if (credit && invoice.due_date && !wrote_means) {
    w.Lost("BT-9",
           "a UBL CreditNote carries the payment due date only in "
           "PaymentMeans, and there are no payment instructions");
  }
  ubl::WriteAllowancesCharges(w);
  ubl::WriteTaxTotals(w);
  ubl::WriteMonetaryTotal(w);
  for (const InvoiceLine& line : invoice.lines) ubl::WriteLine(w, line);
  w.x.Close();
  for (const std::string& element : w.x.dropped()) {
    out.lost.push_back(LostDatum{
        element, "control characters are not allowed in XML 1.0; removed"});
  }
  out.xml = w.x.Finish();
  return out;
}

}  // namespace chorus

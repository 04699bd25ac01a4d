// ReadUbl on hand-written documents whose every value is known.
#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "chorus/format/syntax.h"
#include "format/ubl_sample.h"
#include "format/ubl_test_util.h"

namespace chorus {
namespace {

using testing::Describe;
using testing::DiffInvoices;
using testing::kUblSampleInvoice;
using testing::LoadUbl;

constexpr const char* kRepeated = "repeated: only the first is kept";
constexpr const char* kNotATerm = "not an EN 16931 term";

constexpr const char* kHead =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:"
    "Invoice-2\"\n"
    " xmlns:cac=\"urn:oasis:names:specification:ubl:schema:xsd:"
    "CommonAggregateComponents-2\"\n"
    " xmlns:cbc=\"urn:oasis:names:specification:ubl:schema:xsd:"
    "CommonBasicComponents-2\"\n"
    " xmlns:ext=\"urn:oasis:names:specification:ubl:schema:xsd:"
    "CommonExtensionComponents-2\">\n";

ReadResult Read(const std::string& xml) {
  std::unique_ptr<XmlDocument> doc = LoadUbl(xml);
  if (!doc) return {};
  return ReadUbl(*doc);
}

// The sample, loaded and read: its document resolves the groups' lines.
struct ReadSample {
  std::unique_ptr<XmlDocument> doc = LoadUbl(kUblSampleInvoice);
  ReadResult r = doc ? ReadUbl(*doc) : ReadResult{};
  int Line(SourcePos pos) const {
    return doc ? static_cast<int>(SourceLine(*doc, pos)) : -1;
  }
};

// 1-based line of the first occurrence of `needle` in `text`.
int LineOf(const std::string& text, const std::string& needle) {
  std::size_t at = text.find(needle);
  EXPECT_NE(at, std::string::npos) << needle;
  return 1 +
         static_cast<int>(std::count(text.begin(), text.begin() + at, '\n'));
}

Decimal D(const char* text) { return *Decimal::Parse(text); }
Date Day(const char* iso) { return *Date::ParseIso(iso); }

TEST(UblReadTest, HeaderReferencesAndPartiesOfTheSample) {
  ReadSample sample;
  const ReadResult& r = sample.r;
  EXPECT_TRUE(r.diagnostics.empty()) << Describe(r.diagnostics);
  EXPECT_TRUE(r.unmapped.empty()) << Describe(r.unmapped);
  const Invoice& inv = r.invoice;
  EXPECT_EQ(inv.kind, DocumentKind::kInvoice);
  EXPECT_EQ(inv.specification_id, "urn:cen.eu:en16931:2017");
  EXPECT_EQ(inv.business_process, "A1");
  EXPECT_EQ(inv.number, "FA-2024-001");
  EXPECT_EQ(inv.issue_date, Day("2024-03-31"));
  EXPECT_EQ(inv.due_date, Day("2024-04-30"));
  EXPECT_EQ(inv.type_code, "380");
  ASSERT_EQ(inv.notes.size(), 2u);
  EXPECT_EQ(inv.notes[0].subject_code, "AAI");
  EXPECT_EQ(inv.notes[0].text, "Livraison partielle");
  EXPECT_EQ(inv.notes[1].subject_code, std::nullopt);
  EXPECT_EQ(inv.notes[1].text, "Plain note");
  EXPECT_EQ(inv.currency, "EUR");
  EXPECT_EQ(inv.accounting_currency, "USD");
  EXPECT_EQ(inv.buyer_accounting_reference, "ACC-7");
  EXPECT_EQ(inv.buyer_reference, "SERVICE-42");
  ASSERT_TRUE(inv.invoicing_period);
  EXPECT_EQ(inv.invoicing_period->start, Day("2024-03-01"));
  EXPECT_EQ(inv.invoicing_period->end, Day("2024-03-31"));
  EXPECT_EQ(inv.tax_point_date_code, std::nullopt);
  EXPECT_EQ(inv.purchase_order_reference, "ENG-2024-17");
  EXPECT_EQ(inv.sales_order_reference, "SO-9");
  ASSERT_EQ(inv.preceding_invoices.size(), 1u);
  EXPECT_EQ(inv.preceding_invoices[0].number, "FA-2023-999");
  EXPECT_EQ(inv.preceding_invoices[0].issue_date, Day("2023-12-31"));
  EXPECT_EQ(inv.tender_reference, "TENDER-5");
  EXPECT_EQ(inv.contract_reference, "CONTRACT-1");
  EXPECT_EQ(inv.project_reference, "PRJ-3");
  EXPECT_EQ(inv.invoiced_object_id, (Identifier{"OBJ-77", "AAB", {}}));
  ASSERT_EQ(inv.supporting_documents.size(), 1u);
  const SupportingDocument& doc = inv.supporting_documents[0];
  EXPECT_EQ(doc.id, "TIMESHEET");
  EXPECT_EQ(doc.description, "Timesheet March");
  EXPECT_EQ(doc.attachment_base64, "aGVsbG8=");
  EXPECT_EQ(doc.attachment_mime, "text/csv");
  EXPECT_EQ(doc.attachment_filename, "ts.csv");

  ASSERT_TRUE(inv.seller.has_value());

  const Seller& s = *inv.seller;
  EXPECT_EQ(s.name, "Fournisseur SA");
  EXPECT_EQ(s.trading_name, "Fournisseur");
  ASSERT_EQ(s.ids.size(), 1u);  // the SEPA one is BT-90
  EXPECT_EQ(s.ids[0], (Identifier{"5790000435975", "0088", {}}));
  EXPECT_EQ(s.legal_registration_id, (Identifier{"123456789", "0002", {}}));
  EXPECT_EQ(s.vat_id, "FR32123456789");
  EXPECT_EQ(s.tax_registration_id, "LOCAL-55");
  EXPECT_EQ(s.additional_legal_info, "SA au capital de 10 000 EUR");
  EXPECT_EQ(s.electronic_address, (Identifier{"12345678900017", "0009", {}}));
  ASSERT_TRUE(s.address.has_value());
  EXPECT_EQ(s.address->line1, "1 rue de la Paix");
  EXPECT_EQ(s.address->city, "Paris");
  EXPECT_EQ(s.address->post_code, "75002");
  EXPECT_EQ(s.address->country, "FR");
  EXPECT_EQ(s.address->line2, std::nullopt);
  ASSERT_TRUE(s.contact);
  EXPECT_EQ(s.contact->email, "jean@example.fr");
  EXPECT_EQ(inv.buyer->name, "Ministère");
  EXPECT_EQ(inv.buyer->address->city, "Lyon");
  EXPECT_EQ(inv.buyer->id, std::nullopt);
  EXPECT_EQ(inv.payee, std::nullopt);
  ASSERT_TRUE(inv.delivery);
  EXPECT_EQ(inv.delivery->actual_date, Day("2024-03-15"));
  EXPECT_EQ(inv.delivery->location_id,
            (Identifier{"5790000435968", "0088", {}}));
  EXPECT_EQ(inv.delivery->address, std::nullopt);

  std::string text = kUblSampleInvoice;
  EXPECT_EQ(sample.Line(inv.pos), LineOf(text, "<Invoice"));
  EXPECT_EQ(sample.Line(s.pos), LineOf(text, "<cac:Party>"));
  EXPECT_EQ(sample.Line(s.address->pos), LineOf(text, "<cac:PostalAddress>"));
}

TEST(UblReadTest, PaymentTaxesTotalsAndLineOfTheSample) {
  ReadSample sample;
  const ReadResult& r = sample.r;
  const Invoice& inv = r.invoice;
  ASSERT_TRUE(inv.payment);
  const PaymentInstructions& p = *inv.payment;
  EXPECT_EQ(p.means_code, "30");
  EXPECT_EQ(p.means_text, "Virement");
  EXPECT_EQ(p.remittance_info, "RF18539007547034");
  ASSERT_EQ(p.credit_transfers.size(), 2u);
  EXPECT_EQ(p.credit_transfers[0],
            (CreditTransfer{"FR7630006000011234567890189", "Compte principal",
                            "AGRIFRPP"}));
  EXPECT_EQ(p.credit_transfers[1],
            (CreditTransfer{"FR7610107001011234567890129", {}, {}}));
  ASSERT_TRUE(p.direct_debit);
  EXPECT_EQ(p.direct_debit->creditor_id, "FR12ZZZ123456");
  EXPECT_EQ(p.direct_debit->mandate_reference, std::nullopt);
  EXPECT_EQ(inv.payment_terms, "30 jours fin de mois");

  ASSERT_EQ(inv.allowances_charges.size(), 1u);
  const AllowanceCharge& c = inv.allowances_charges[0];
  EXPECT_TRUE(c.is_charge);
  EXPECT_EQ(c.amount, D("10"));
  EXPECT_EQ(c.reason_code, "FC");
  EXPECT_EQ(c.vat_category, "S");
  EXPECT_EQ(c.vat_rate, D("20"));

  EXPECT_EQ(inv.vat_total, D("22"));
  EXPECT_EQ(inv.vat_total->ToString(), "22.00");  // scale kept
  EXPECT_EQ(inv.vat_total_accounting, D("23.76"));
  ASSERT_EQ(inv.vat_breakdown.size(), 1u);
  EXPECT_EQ(inv.vat_breakdown[0].taxable_amount, D("110"));
  EXPECT_EQ(inv.vat_breakdown[0].tax_amount, D("22"));
  EXPECT_EQ(inv.vat_breakdown[0].category, "S");
  EXPECT_EQ(inv.vat_breakdown[0].rate->ToString(), "20.00");
  EXPECT_EQ(inv.totals->line_net_total, D("100"));
  EXPECT_EQ(inv.totals->tax_exclusive, D("110"));
  EXPECT_EQ(inv.totals->tax_inclusive, D("132"));
  EXPECT_EQ(inv.totals->charge_total, D("10"));
  EXPECT_EQ(inv.totals->allowance_total, std::nullopt);
  EXPECT_EQ(inv.totals->payable, D("132"));

  ASSERT_EQ(inv.lines.size(), 1u);
  const InvoiceLine& l = inv.lines[0];
  EXPECT_EQ(sample.Line(l.pos), LineOf(kUblSampleInvoice, "<cac:InvoiceLine>"));
  EXPECT_EQ(l.id, "1");
  EXPECT_EQ(l.note, "Line note");
  EXPECT_EQ(l.quantity, D("4"));
  EXPECT_EQ(l.unit_code, "C62");
  EXPECT_EQ(l.net_amount, D("100"));
  EXPECT_EQ(l.order_line_ref, "3");
  EXPECT_EQ(l.object_id, (Identifier{"LINE-OBJ", "ABZ", {}}));
  EXPECT_EQ(l.vat_category, "S");
  EXPECT_EQ(l.vat_rate, D("20"));
  EXPECT_EQ(l.item->name, "Widget");
  EXPECT_EQ(l.item->seller_id, "W-1");
  ASSERT_EQ(l.item->classifications.size(), 1u);
  EXPECT_EQ(l.item->classifications[0],
            (Identifier{"43211503", "STI", "19.0501"}));
  ASSERT_EQ(l.item->attributes.size(), 1u);
  EXPECT_EQ(l.item->attributes[0], (ItemAttribute{"Colour", "Blue"}));
  EXPECT_EQ(l.price->net_price, D("25"));
  EXPECT_EQ(l.price->discount, D("5"));
  EXPECT_EQ(l.price->gross_price, D("30"));
  EXPECT_EQ(l.price->base_quantity, D("1"));
  EXPECT_EQ(l.price->base_quantity_unit, "C62");
}

TEST(UblReadTest, CreditNoteVocabulary) {
  std::string xml =
      "<CreditNote xmlns='urn:oasis:names:specification:ubl:schema:xsd:"
      "CreditNote-2' xmlns:cac='urn:oasis:names:specification:ubl:schema:"
      "xsd:CommonAggregateComponents-2' xmlns:cbc='urn:oasis:names:"
      "specification:ubl:schema:xsd:CommonBasicComponents-2'>"
      "<cbc:ID>AV-1</cbc:ID><cbc:IssueDate>2024-05-02</cbc:IssueDate>"
      "<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>"
      "<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>"
      "<cac:AdditionalDocumentReference><cbc:ID>PRJ</cbc:ID>"
      "<cbc:DocumentTypeCode>50</cbc:DocumentTypeCode>"
      "</cac:AdditionalDocumentReference>"
      "<cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode>"
      "<cbc:PaymentDueDate>2024-06-01</cbc:PaymentDueDate></cac:PaymentMeans>"
      "<cac:CreditNoteLine><cbc:ID>1</cbc:ID>"
      "<cbc:CreditedQuantity unitCode='H87'>2.5</cbc:CreditedQuantity>"
      "<cbc:LineExtensionAmount currencyID='EUR'>-5</cbc:LineExtensionAmount>"
      "</cac:CreditNoteLine>"
      "<cac:InvoiceLine><cbc:ID>9</cbc:ID></cac:InvoiceLine>"
      "</CreditNote>";
  ReadResult r = Read(xml);
  const Invoice& inv = r.invoice;
  EXPECT_EQ(inv.kind, DocumentKind::kCreditNote);
  EXPECT_EQ(inv.type_code, "381");
  EXPECT_EQ(inv.project_reference, "PRJ");
  EXPECT_TRUE(inv.supporting_documents.empty());
  EXPECT_EQ(inv.due_date, Day("2024-06-01"));
  // The official rules take `cac:InvoiceLine | cac:CreditNoteLine` as the
  // line whatever the root, so an invoice line in a credit note is read as
  // a line (with its own quantity element), and the reader says so.
  ASSERT_EQ(inv.lines.size(), 2u);
  EXPECT_EQ(inv.lines[0].quantity, D("2.5"));
  EXPECT_EQ(inv.lines[0].unit_code, "H87");
  EXPECT_EQ(inv.lines[0].net_amount, D("-5"));
  EXPECT_EQ(inv.lines[1].id, "9");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_NE(r.diagnostics[0].location.find("cac:InvoiceLine"),
            std::string::npos);
  // The invoice type code inside a credit note is no term of it.
  ASSERT_EQ(r.unmapped.size(), 1u) << Describe(r.unmapped);
  EXPECT_EQ(r.unmapped[0].path, "/CreditNote/cbc:InvoiceTypeCode");
  EXPECT_EQ(r.unmapped[0].value, "380");
}

TEST(UblReadTest, PrefixesDoNotMatterOnlyNamespaces) {
  ReadResult reference = Read(kUblSampleInvoice);
  std::string sample = kUblSampleInvoice;

  // Odd prefixes everywhere, the root prefixed too.
  std::string odd = std::regex_replace(sample, std::regex("cbc([:=])"), "b$1");
  odd = std::regex_replace(odd, std::regex("cac([:=])"), "agg$1");
  odd = std::regex_replace(odd, std::regex("xmlns="), "xmlns:doc=");
  odd = std::regex_replace(odd, std::regex("<(/?)Invoice"), "<$1doc:Invoice");
  ReadResult r1 = Read(odd);
  EXPECT_EQ(r1.invoice, reference.invoice)
      << DiffInvoices(r1.invoice, reference.invoice);
  EXPECT_TRUE(r1.unmapped.empty()) << Describe(r1.unmapped);

  // Basic components in a default namespace declared on each element.
  std::string defaulted = std::regex_replace(
      odd, std::regex("<b:(\\w+)"),
      "<$1 xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:"
      "CommonBasicComponents-2\"");
  defaulted = std::regex_replace(defaulted, std::regex("</b:"), "</");
  ReadResult r2 = Read(defaulted);
  EXPECT_EQ(r2.invoice, reference.invoice)
      << DiffInvoices(r2.invoice, reference.invoice);
  EXPECT_TRUE(r2.unmapped.empty()) << Describe(r2.unmapped);

  // The usual prefix bound to another namespace is not UBL.
  std::string foreign = std::regex_replace(
      sample, std::regex("<cbc:BuyerReference>"),
      "<cbc:BuyerReference xmlns:cbc=\"urn:example:not-ubl\">");
  ReadResult r3 = Read(foreign);
  EXPECT_EQ(r3.invoice.buyer_reference, std::nullopt);
  ASSERT_EQ(r3.unmapped.size(), 1u) << Describe(r3.unmapped);
  EXPECT_EQ(r3.unmapped[0].path, "/Invoice/cbc:BuyerReference");
  EXPECT_EQ(r3.unmapped[0].value, "SERVICE-42");
}

TEST(UblReadTest, FragmentsWithMissingGroupsReadWithoutComplaint) {
  ReadResult bare = Read(std::string(kHead) + "<cbc:ID>X</cbc:ID></Invoice>");
  EXPECT_EQ(bare.invoice.number, "X");
  EXPECT_TRUE(bare.invoice.lines.empty());
  // Absent groups read as absent, not as empty ones.
  EXPECT_EQ(bare.invoice.seller, std::nullopt);
  EXPECT_EQ(bare.invoice.buyer, std::nullopt);
  EXPECT_EQ(bare.invoice.totals, std::nullopt);
  EXPECT_EQ(bare.invoice.payment, std::nullopt);
  EXPECT_TRUE(bare.diagnostics.empty());
  EXPECT_TRUE(bare.unmapped.empty());

  // Empty shells of every group.
  ReadResult shells = Read(
      std::string(kHead) +
      "<cac:InvoicePeriod/><cac:OrderReference/><cac:BillingReference/>"
      "<cac:AdditionalDocumentReference/><cac:AccountingSupplierParty/>"
      "<cac:AccountingCustomerParty><cac:Party/></cac:AccountingCustomerParty>"
      "<cac:PayeeParty/><cac:Delivery/><cac:PaymentMeans/>"
      "<cac:AllowanceCharge/><cac:TaxTotal/><cac:TaxTotal/>"
      "<cac:LegalMonetaryTotal/><cac:InvoiceLine><cac:Item/><cac:Price/>"
      "</cac:InvoiceLine></Invoice>");
  const Invoice& inv = shells.invoice;
  EXPECT_TRUE(shells.diagnostics.empty()) << Describe(shells.diagnostics);
  EXPECT_TRUE(shells.unmapped.empty()) << Describe(shells.unmapped);
  EXPECT_TRUE(inv.invoicing_period);
  EXPECT_TRUE(inv.payee);
  EXPECT_TRUE(inv.delivery);
  ASSERT_TRUE(inv.payment);
  EXPECT_EQ(inv.payment->means_code, std::nullopt);  // no PaymentMeansCode
  // Present but empty groups read as present.
  ASSERT_TRUE(inv.seller.has_value());
  EXPECT_EQ(inv.seller->name, std::nullopt);
  EXPECT_TRUE(inv.buyer.has_value());
  ASSERT_TRUE(inv.totals.has_value());
  EXPECT_EQ(*inv.totals, Totals{});
  EXPECT_EQ(inv.allowances_charges.size(), 1u);
  EXPECT_EQ(inv.supporting_documents.size(), 1u);
  EXPECT_EQ(inv.vat_total, std::nullopt);
  ASSERT_EQ(inv.lines.size(), 1u);
  EXPECT_EQ(inv.lines[0].item, Item{});
  EXPECT_EQ(inv.lines[0].price, PriceDetails{});
  EXPECT_EQ(inv.lines[0].id, std::nullopt);
  EXPECT_EQ(inv.lines[0].quantity, std::nullopt);
}

TEST(UblReadTest, SecondOccurrencesAreReportedAsRepeats) {
  std::string xml = std::string(kHead) +
                    "<cbc:ID>X</cbc:ID>\n"
                    "<cbc:BuyerReference>first</cbc:BuyerReference>\n"
                    "<cbc:BuyerReference>second</cbc:BuyerReference>\n"
                    "<cac:AccountingCustomerParty><cac:Party>\n"
                    "<cac:PartyIdentification><cbc:ID>B1</cbc:ID>"
                    "</cac:PartyIdentification>\n"
                    "<cac:PartyIdentification><cbc:ID>B2</cbc:ID>"
                    "</cac:PartyIdentification>\n"
                    "</cac:Party></cac:AccountingCustomerParty>\n"
                    "</Invoice>";
  ReadResult r = Read(xml);
  EXPECT_EQ(r.invoice.buyer_reference, "first");
  ASSERT_TRUE(r.invoice.buyer->id);
  EXPECT_EQ(r.invoice.buyer->id->value, "B1");
  ASSERT_EQ(r.unmapped.size(), 2u) << Describe(r.unmapped);
  EXPECT_EQ(r.unmapped[0].path, "/Invoice/cbc:BuyerReference[2]");
  EXPECT_EQ(r.unmapped[0].value, "second");
  EXPECT_EQ(r.unmapped[0].line, LineOf(xml, "second"));
  EXPECT_EQ(r.unmapped[0].reason, kRepeated);
  EXPECT_EQ(r.unmapped[1].path,
            "/Invoice/cac:AccountingCustomerParty/cac:Party/"
            "cac:PartyIdentification[2]");
  EXPECT_EQ(r.unmapped[1].line, LineOf(xml, "B2"));
  EXPECT_EQ(r.unmapped[1].reason, kRepeated);
}

TEST(UblReadTest, BadNumbersAndDatesAreWarningsAndLeaveTheTermUnset) {
  std::string xml = std::string(kHead) +
                    "<cbc:ID>X</cbc:ID>\n"
                    "<cbc:IssueDate>2024-02-30</cbc:IssueDate>\n"
                    "<cac:LegalMonetaryTotal>\n"
                    "<cbc:TaxInclusiveAmount currencyID='EUR'>12.50"
                    "</cbc:TaxInclusiveAmount>\n"
                    "<cbc:PayableAmount currencyID='EUR'>12,50"
                    "</cbc:PayableAmount>\n"
                    "<cbc:PrepaidAmount currencyID='EUR'>1e3"
                    "</cbc:PrepaidAmount>\n"
                    "</cac:LegalMonetaryTotal></Invoice>";
  ReadResult r = Read(xml);
  EXPECT_EQ(r.invoice.issue_date, std::nullopt);
  EXPECT_EQ(r.invoice.totals->payable, std::nullopt);
  EXPECT_EQ(r.invoice.totals->prepaid, std::nullopt);
  EXPECT_EQ(r.invoice.totals->tax_inclusive, D("12.5"));
  ASSERT_EQ(r.diagnostics.size(), 3u) << Describe(r.diagnostics);
  for (const Diagnostic& d : r.diagnostics) {
    EXPECT_EQ(d.rule, "CHORUS-READ");
    EXPECT_EQ(d.severity, Severity::kWarning);
  }
  EXPECT_EQ(r.diagnostics[0].location,
            "/Invoice/cbc:IssueDate (line " +
                std::to_string(LineOf(xml, "2024-02-30")) + ")");
  EXPECT_NE(r.diagnostics[0].message.find("2024-02-30"), std::string::npos);
  EXPECT_NE(r.diagnostics[0].message.find("cbc:IssueDate"), std::string::npos);
  EXPECT_EQ(r.diagnostics[1].location,
            "/Invoice/cac:LegalMonetaryTotal/cbc:PayableAmount (line " +
                std::to_string(LineOf(xml, "12,50")) + ")");
  EXPECT_NE(r.diagnostics[1].message.find("'12,50'"), std::string::npos);
  EXPECT_NE(r.diagnostics[2].message.find("1e3"), std::string::npos);
}

TEST(UblReadTest, ExtensionsAndForeignAttributesAreUnmappedWithLines) {
  std::string xml = std::string(kHead) +
                    "<ext:UBLExtensions>\n"
                    "  <ext:UBLExtension><ext:ExtensionContent>"
                    "<x:Sig xmlns:x='urn:x'>abc</x:Sig>"
                    "</ext:ExtensionContent></ext:UBLExtension>\n"
                    "</ext:UBLExtensions>\n"
                    "<cbc:UBLVersionID>2.1</cbc:UBLVersionID>\n"
                    "<cbc:ID>X</cbc:ID>\n"
                    "<cbc:InvoiceTypeCode listID='UNCL1001'>380"
                    "</cbc:InvoiceTypeCode>\n"
                    "<cac:Delivery><cac:DeliveryParty>"
                    "<cac:PartyName><cbc:Name>Dock 4</cbc:Name></cac:PartyName>"
                    "<cac:Contact><cbc:Telephone>123</cbc:Telephone>"
                    "</cac:Contact></cac:DeliveryParty></cac:Delivery>\n"
                    "<cbc:Future>" +
                    std::string(200, 'z') +
                    "</cbc:Future>\n"
                    "</Invoice>";
  ReadResult r = Read(xml);
  EXPECT_EQ(r.invoice.type_code, "380");
  ASSERT_TRUE(r.invoice.delivery);
  EXPECT_EQ(r.invoice.delivery->party_name, "Dock 4");
  ASSERT_EQ(r.unmapped.size(), 4u) << Describe(r.unmapped);
  EXPECT_EQ(r.unmapped[0].path, "/Invoice/ext:UBLExtensions");
  EXPECT_EQ(r.unmapped[0].line, LineOf(xml, "<ext:UBLExtensions>"));
  EXPECT_EQ(r.unmapped[0].value, "");
  EXPECT_EQ(r.unmapped[0].reason, kNotATerm);
  EXPECT_EQ(r.unmapped[1].path, "/Invoice/cbc:InvoiceTypeCode/@listID");
  EXPECT_EQ(r.unmapped[1].value, "UNCL1001");
  EXPECT_EQ(r.unmapped[1].line, LineOf(xml, "listID"));
  EXPECT_EQ(r.unmapped[2].path,
            "/Invoice/cac:Delivery/cac:DeliveryParty/cac:Contact");
  EXPECT_EQ(r.unmapped[3].path, "/Invoice/cbc:Future");
  EXPECT_LE(r.unmapped[3].value.size(), 80u);
  EXPECT_EQ(r.unmapped[3].value.substr(0, 10), "zzzzzzzzzz");
}

// A full read of `xml`, checked against a read without the unmapped
// report (which skips work done only to mark): the same model.
ReadResult ReadWithAndWithoutMarks(const std::string& xml) {
  std::unique_ptr<XmlDocument> doc = LoadUbl(xml);
  EXPECT_TRUE(doc);
  if (!doc) return {};
  ReadResult full = ReadUbl(*doc);
  ReadResult lean = ReadUbl(*doc, ReadOptions{.report_unmapped = false});
  EXPECT_EQ(lean.invoice, full.invoice);
  EXPECT_EQ(lean.diagnostics, full.diagnostics);
  EXPECT_TRUE(lean.unmapped.empty());
  return full;
}

// A second payment means restating the first one's code and name is
// consumed; its other remittance text is a repeat. Only the marks differ
// from the first means: a read without the report skips them.
TEST(UblReadTest, LaterPaymentMeansOnlyMarkWhatTheyRestate) {
  const auto means = [](const char* id, const char* account) {
    return std::string(
               "<cac:PaymentMeans>"
               "<cbc:PaymentMeansCode name='Transfer'>30"
               "</cbc:PaymentMeansCode><cbc:PaymentID>") +
           id + "</cbc:PaymentID><cac:PayeeFinancialAccount><cbc:ID>" +
           account + "</cbc:ID></cac:PayeeFinancialAccount>" +
           "</cac:PaymentMeans>\n";
  };
  std::string xml = std::string(kHead) + "<cbc:ID>X</cbc:ID>\n" +
                    means("R1", "FR76A") + means("R2", "FR76B") + "</Invoice>";
  ReadResult full = ReadWithAndWithoutMarks(xml);
  ASSERT_TRUE(full.invoice.payment);
  EXPECT_EQ(full.invoice.payment->means_text, "Transfer");
  EXPECT_EQ(full.invoice.payment->remittance_info, "R1");
  ASSERT_EQ(full.invoice.payment->credit_transfers.size(), 2u);
  EXPECT_EQ(full.invoice.payment->credit_transfers[1].account_id, "FR76B");
  ASSERT_EQ(full.unmapped.size(), 1u) << Describe(full.unmapped);
  EXPECT_EQ(full.unmapped[0].path,
            "/Invoice/cac:PaymentMeans[2]/cbc:PaymentID");
  EXPECT_EQ(full.unmapped[0].value, "R2");
  EXPECT_EQ(full.unmapped[0].reason, kRepeated);
}

// Tax schemes are looked at only to mark them for the unmapped report (a
// read without it skips them): the VAT and TAX schemes a writer re-creates
// are consumed, another one is reported, and the model is the same either
// way.
TEST(UblReadTest, TaxSchemesAreMarkedOnlyForTheUnmappedReport) {
  const auto scheme = [](const char* id) {
    return std::string("<cac:TaxScheme><cbc:ID>") + id +
           "</cbc:ID></cac:TaxScheme>";
  };
  std::string xml =
      std::string(kHead) + "<cbc:ID>X</cbc:ID>\n" +
      "<cac:AccountingSupplierParty><cac:Party>"
      "<cac:PartyTaxScheme><cbc:CompanyID>FR1</cbc:CompanyID>" +
      scheme("VAT") +
      "</cac:PartyTaxScheme>"
      "<cac:PartyTaxScheme><cbc:CompanyID>LOC</cbc:CompanyID>" +
      scheme("TAX") +
      "</cac:PartyTaxScheme>"
      "</cac:Party></cac:AccountingSupplierParty>\n"
      "<cac:TaxTotal><cbc:TaxAmount currencyID='EUR'>2</cbc:TaxAmount>"
      "<cac:TaxSubtotal><cac:TaxCategory><cbc:ID>S</cbc:ID>"
      "<cbc:Percent>20</cbc:Percent>" +
      scheme("GST") +
      "</cac:TaxCategory></cac:TaxSubtotal></cac:TaxTotal>\n"
      "<cac:InvoiceLine><cbc:ID>1</cbc:ID><cac:Item>"
      "<cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID>" +
      scheme("vat") +
      "</cac:ClassifiedTaxCategory></cac:Item></cac:InvoiceLine>\n"
      "</Invoice>";
  ReadResult full = ReadWithAndWithoutMarks(xml);
  ASSERT_TRUE(full.invoice.seller);
  EXPECT_EQ(full.invoice.seller->vat_id, "FR1");
  EXPECT_EQ(full.invoice.seller->tax_registration_id, "LOC");
  ASSERT_EQ(full.unmapped.size(), 1u) << Describe(full.unmapped);
  EXPECT_EQ(full.unmapped[0].path,
            "/Invoice/cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/"
            "cac:TaxScheme/cbc:ID");
  EXPECT_EQ(full.unmapped[0].value, "GST");
}

TEST(UblReadTest, NonUblRootIsAWarningNotACrash) {
  ReadResult r = Read(
      "<rsm:CrossIndustryInvoice xmlns:rsm='urn:un:unece:uncefact:data:"
      "standard:CrossIndustryInvoice:100'><x/></rsm:CrossIndustryInvoice>");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].rule, "CHORUS-READ");
  EXPECT_NE(r.diagnostics[0].message.find("not a UBL"), std::string::npos);
  EXPECT_EQ(r.invoice.number, std::nullopt);
}

}  // namespace
}  // namespace chorus

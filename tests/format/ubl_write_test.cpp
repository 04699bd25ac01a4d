// WriteUbl: canonical form, schema validity of models built in code, and
// the data UBL cannot carry.
#include <gtest/gtest.h>

#include <string>

#include "chorus/format/syntax.h"
#include "format/ubl_sample.h"
#include "format/ubl_test_util.h"

namespace chorus {
namespace {

using testing::Describe;
using testing::DiffInvoices;
using testing::LoadUbl;
using testing::XsdErrors;

Decimal D(const char* text) { return *Decimal::Parse(text); }

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) out += "  " + s + "\n";
  return out;
}

// A model built in code, as a JSON import would give it.
Invoice CodeBuiltInvoice() {
  Invoice inv;
  inv.number = "F-1";
  inv.issue_date = Date::ParseIso("2024-01-15");
  inv.type_code = "380";
  inv.currency = "EUR";
  inv.specification_id = "urn:cen.eu:en16931:2017";
  inv.notes.push_back(Note{"REG", "Note with <markup> & \"quotes\""});
  inv.tax_point_date_code = "3";  // BT-8 without a period
  inv.seller.emplace().name = "Vendeur";
  inv.seller->address.emplace().country = "FR";
  inv.seller->vat_id = "FR00123456789";
  inv.buyer.emplace().name = "Acheteur";
  inv.buyer->address.emplace().country = "FR";
  inv.payee = Payee{"Affactureur", Identifier{"P-1", "0009", {}}, {}};
  PaymentInstructions pay;
  pay.means_code = "59";
  pay.direct_debit =
      DirectDebit{"MANDATE-9", "FR12ZZZ123456", "FR7630006000011234567890189"};
  pay.card = PaymentCard{"1234", "J DOE"};
  inv.payment = pay;
  inv.totals.emplace().line_net_total = D("100.00");
  inv.totals->tax_exclusive = D("100.00");
  inv.vat_total = D("20.00");
  inv.totals->tax_inclusive = D("120.00");
  inv.totals->payable = D("120.00");
  inv.vat_breakdown.push_back(
      VatBreakdown{D("100.00"), D("20.00"), "S", D("20"), {}, {}, {}});
  InvoiceLine line;
  line.id = "1";
  line.quantity = D("2");
  line.unit_code = "C62";
  line.net_amount = D("100.00");
  line.price.emplace().net_price = D("50");
  line.vat_category = "S";
  line.vat_rate = D("20");
  line.item.emplace().name = "Service";
  inv.lines.push_back(line);
  return inv;
}

TEST(UblWriteTest, PrettyOutputIsCanonical) {
  WriteResult w = WriteUbl(CodeBuiltInvoice());
  const std::string& xml = w.xml;
  const std::string head =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:"
      "Invoice-2\" xmlns:cac=\"urn:oasis:names:specification:ubl:schema:xsd:"
      "CommonAggregateComponents-2\" xmlns:cbc=\"urn:oasis:names:"
      "specification:ubl:schema:xsd:CommonBasicComponents-2\">\n"
      "  <cbc:CustomizationID>urn:cen.eu:en16931:2017</cbc:CustomizationID>\n"
      "  <cbc:ID>F-1</cbc:ID>\n";
  EXPECT_EQ(xml.substr(0, head.size()), head);
  EXPECT_EQ(xml.substr(xml.size() - 11), "</Invoice>\n");
  EXPECT_NE(xml.find("\n    <cac:Party>\n      <cac:PostalAddress>\n        "
                     "<cac:Country>"),
            std::string::npos);
  // Only the three declarations on the root.
  std::size_t count = 0;
  for (std::size_t at = xml.find("xmlns"); at != std::string::npos;
       at = xml.find("xmlns", at + 1)) {
    ++count;
  }
  EXPECT_EQ(count, 3u);
  EXPECT_NE(xml.find("<cbc:Note>#REG#Note with &lt;markup&gt; &amp; "
                     "\"quotes\"</cbc:Note>"),
            std::string::npos);
  EXPECT_NE(xml.find("<cbc:TaxAmount currencyID=\"EUR\">20.00</cbc:TaxAmount>"),
            std::string::npos);
  EXPECT_TRUE(w.lost.empty());
}

TEST(UblWriteTest, CompactOutputHasNoWhitespaceNodes) {
  WriteOptions options;
  options.pretty = false;
  std::string xml = WriteUbl(CodeBuiltInvoice(), options).xml;
  std::string body = xml.substr(xml.find('\n') + 1);
  EXPECT_EQ(body.find('\n'), std::string::npos);
  EXPECT_EQ(body.find("> "), std::string::npos);
  std::unique_ptr<XmlDocument> compact = LoadUbl(xml);
  std::unique_ptr<XmlDocument> pretty =
      LoadUbl(WriteUbl(CodeBuiltInvoice()).xml);
  ASSERT_TRUE(compact && pretty);
  EXPECT_EQ(ReadUbl(*compact).invoice, ReadUbl(*pretty).invoice);
}

TEST(UblWriteTest, CodeBuiltModelIsSchemaValidAndReadsBackEqual) {
  Invoice inv = CodeBuiltInvoice();
  WriteResult w = WriteUbl(inv);
  EXPECT_TRUE(w.lost.empty());
  std::vector<std::string> errors = XsdErrors(w.xml);
  EXPECT_TRUE(errors.empty()) << Join(errors) << w.xml;
  std::unique_ptr<XmlDocument> doc = LoadUbl(w.xml);
  ASSERT_TRUE(doc);
  ReadResult r = ReadUbl(*doc);
  EXPECT_EQ(r.invoice, inv) << DiffInvoices(r.invoice, inv) << w.xml;
  EXPECT_TRUE(r.unmapped.empty()) << Describe(r.unmapped);
  // BT-90 travels with the payee when there is one.
  EXPECT_NE(
      w.xml.find("<cac:PayeeParty>\n    <cac:PartyIdentification>\n"
                 "      <cbc:ID schemeID=\"0009\">P-1</cbc:ID>\n"
                 "    </cac:PartyIdentification>\n"
                 "    <cac:PartyIdentification>\n"
                 "      <cbc:ID schemeID=\"SEPA\">FR12ZZZ123456</cbc:ID>"),
      std::string::npos)
      << w.xml;
}

TEST(UblWriteTest, SampleRoundTripIsSchemaValidAndEqual) {
  std::unique_ptr<XmlDocument> doc = LoadUbl(testing::kUblSampleInvoice);
  ASSERT_TRUE(doc);
  Invoice inv = ReadUbl(*doc).invoice;
  WriteResult w = WriteUbl(inv);
  EXPECT_TRUE(w.lost.empty());
  std::vector<std::string> errors = XsdErrors(w.xml);
  EXPECT_TRUE(errors.empty()) << Join(errors) << w.xml;
  std::unique_ptr<XmlDocument> again = LoadUbl(w.xml);
  ASSERT_TRUE(again);
  EXPECT_EQ(ReadUbl(*again).invoice, inv);
}

TEST(UblWriteTest, CreditNoteOfTheSampleIsSchemaValid) {
  std::unique_ptr<XmlDocument> doc = LoadUbl(testing::kUblSampleInvoice);
  ASSERT_TRUE(doc);
  Invoice inv = ReadUbl(*doc).invoice;
  inv.kind = DocumentKind::kCreditNote;
  inv.type_code = "381";
  WriteResult w = WriteUbl(inv);
  EXPECT_TRUE(w.lost.empty());
  std::vector<std::string> errors = XsdErrors(w.xml);
  EXPECT_TRUE(errors.empty()) << Join(errors) << w.xml;
  std::unique_ptr<XmlDocument> again = LoadUbl(w.xml);
  ASSERT_TRUE(again);
  ReadResult r = ReadUbl(*again);
  // BT-9 moved into PaymentMeans, BT-11 into a type-50 reference.
  EXPECT_EQ(r.invoice, inv) << DiffInvoices(r.invoice, inv);
  EXPECT_NE(w.xml.find("<cbc:PaymentDueDate>2024-04-30</cbc:PaymentDueDate>"),
            std::string::npos);
  EXPECT_NE(w.xml.find("<cbc:DocumentTypeCode>50</cbc:DocumentTypeCode>"),
            std::string::npos);
}

TEST(UblWriteTest, DataUblCannotCarryIsListedAsLost) {
  Invoice inv = CodeBuiltInvoice();
  inv.kind = DocumentKind::kCreditNote;
  inv.type_code = "381";
  inv.payment.reset();
  inv.due_date = Date::ParseIso("2024-02-15");
  inv.notes.push_back(Note{"not a code", "text"});
  inv.lines[0].price->gross_price = D("60");
  inv.lines[0].price->base_quantity_unit = "C62";
  inv.lines[0].note = std::string("bell\x07 here");
  inv.vat_total.reset();
  WriteResult w = WriteUbl(inv);
  std::vector<std::string> terms;
  for (const LostDatum& l : w.lost) terms.push_back(l.term);
  EXPECT_EQ(terms, (std::vector<std::string>{"BT-21", "BT-9", "BT-110",
                                             "BT-150", "BT-147", "cbc:Note"}));
  EXPECT_NE(w.xml.find("<cbc:Note>bell here</cbc:Note>"), std::string::npos);
  std::vector<std::string> errors = XsdErrors(w.xml);
  EXPECT_TRUE(errors.empty()) << Join(errors) << w.xml;
}

TEST(UblWriteTest, EscapesAttributesAndKeepsCarriageReturns) {
  Invoice inv = CodeBuiltInvoice();
  inv.seller->electronic_address = Identifier{"a@b", "EM\"<&\n", {}};
  inv.notes = {Note{{}, "line1\r\nline2"}};
  WriteResult w = WriteUbl(inv);
  EXPECT_NE(w.xml.find("schemeID=\"EM&quot;&lt;&amp;&#10;\""),
            std::string::npos);
  std::unique_ptr<XmlDocument> doc = LoadUbl(w.xml);
  ASSERT_TRUE(doc);
  ReadResult r = ReadUbl(*doc);
  EXPECT_EQ(r.invoice.seller->electronic_address->scheme, "EM\"<&");
  EXPECT_EQ(r.invoice.notes[0].text, "line1\r\nline2");
}

}  // namespace
}  // namespace chorus

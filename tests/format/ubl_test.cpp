// UBL round trips over the CEN examples, and the writer's output form.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "chorus/format/syntax.h"
#include "format/ubl_test_util.h"
#include "support/test_env.h"

namespace chorus {
namespace {

namespace fs = std::filesystem;
using testing::Describe;
using testing::DiffInvoices;
using testing::LoadUbl;
using testing::ReadFile;
using testing::SharedDir;
using testing::XmlFilesIn;
using testing::XsdErrors;

fs::path UblExamples() {
  return SharedDir() / "conformance" / "en16931" / "ubl-examples";
}

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) out += "  " + s + "\n";
  return out;
}

TEST(UblRoundTripTest, EveryCenExampleSurvivesReadWriteRead) {
  std::vector<fs::path> files = XmlFilesIn(UblExamples());
  ASSERT_GE(files.size(), 40u);
  for (const fs::path& file : files) {
    SCOPED_TRACE(file.filename().string());
    std::string source = ReadFile(file);
    std::unique_ptr<XmlDocument> doc = LoadUbl(source, file.string());
    ASSERT_TRUE(doc);
    ReadResult first = ReadUbl(*doc);
    EXPECT_TRUE(first.diagnostics.empty()) << Describe(first.diagnostics);
    EXPECT_FALSE(first.invoice.number.value_or("").empty());
    EXPECT_FALSE(first.invoice.lines.empty());

    WriteResult written = WriteUbl(first.invoice);
    EXPECT_TRUE(written.lost.empty())
        << written.lost.front().term << ": " << written.lost.front().message;
    std::unique_ptr<XmlDocument> again = LoadUbl(written.xml, "written.xml");
    ASSERT_TRUE(again);
    ReadResult second = ReadUbl(*again);
    EXPECT_EQ(first.invoice, second.invoice)
        << "differs in: " << DiffInvoices(first.invoice, second.invoice) << "\n"
        << written.xml;
    // Everything the writer emits is a term the reader maps.
    EXPECT_TRUE(second.unmapped.empty()) << Describe(second.unmapped);
    EXPECT_TRUE(second.diagnostics.empty()) << Describe(second.diagnostics);
    // The writer is deterministic over its own output.
    EXPECT_EQ(WriteUbl(second.invoice).xml, written.xml);

    // The sources are schema-valid; so must the output be.
    if (XsdErrors(source).empty()) {
      std::vector<std::string> errors = XsdErrors(written.xml);
      EXPECT_TRUE(errors.empty()) << Join(errors) << written.xml;
    }
  }
}

TEST(UblRoundTripTest, MaxContentExampleMapsEveryTermItCarries) {
  fs::path file = UblExamples() / "Invoice-Max_content.xml";
  std::unique_ptr<XmlDocument> doc = LoadUbl(ReadFile(file), file.string());
  ASSERT_TRUE(doc);
  ReadResult r = ReadUbl(*doc);
  // Every element of this example is an EN 16931 term.
  EXPECT_TRUE(r.unmapped.empty()) << Describe(r.unmapped);
  const Invoice& inv = r.invoice;
  EXPECT_EQ(inv.number, "2018210");
  EXPECT_EQ(inv.accounting_currency, "EUR");
  EXPECT_EQ(inv.vat_total, Decimal(2500));
  EXPECT_EQ(inv.vat_total_accounting, Decimal(249));
  ASSERT_EQ(inv.vat_breakdown.size(), 2u);
  EXPECT_EQ(inv.vat_breakdown[1].exemption_reason_code, "vatex-eu-132-1g");
  ASSERT_TRUE(inv.payment);
  EXPECT_EQ(inv.payment->means_code, "30");
  EXPECT_EQ(inv.payment->means_text, "Credit transfer");
  EXPECT_EQ(inv.payment->remittance_info, "1800355");
  ASSERT_EQ(inv.payment->credit_transfers.size(), 4u);
  EXPECT_EQ(inv.payment->credit_transfers[0].account_id,
            "SE1212341234123412341234");
  EXPECT_EQ(inv.payment->credit_transfers[3].service_provider_id,
            "SE:PLUSGIRO");
  EXPECT_EQ(inv.seller->tax_registration_id, "Godkänd för F-skatt");
  EXPECT_EQ(inv.seller->vat_id, "SE123456789001");
  ASSERT_EQ(inv.seller->ids.size(), 2u);
  EXPECT_EQ(inv.seller->ids[1].value, "BilateralID");
  EXPECT_FALSE(inv.seller->ids[1].scheme);
  ASSERT_TRUE(inv.invoiced_object_id);
  EXPECT_EQ(inv.invoiced_object_id->scheme, "VT");
  ASSERT_EQ(inv.supporting_documents.size(), 3u);
  EXPECT_EQ(inv.supporting_documents[1].attachment_base64, "01234567");
  EXPECT_EQ(inv.supporting_documents[1].attachment_filename, "testfilnamn.abc");
  EXPECT_EQ(inv.supporting_documents[2].external_uri,
            "http://www.example.com/index.html");
  ASSERT_TRUE(inv.delivery);
  EXPECT_EQ(inv.delivery->party_name, "Deliver-to Name A.S.");
  ASSERT_TRUE(inv.delivery->address);
  EXPECT_EQ(inv.delivery->address->line3, "DELIV-line3");
  ASSERT_TRUE(inv.tax_representative);
  EXPECT_EQ(inv.tax_representative->vat_id, "SE998877665501");
  ASSERT_EQ(inv.lines.size(), 2u);
  const InvoiceLine& l = inv.lines[0];
  EXPECT_EQ(l.price->discount, Decimal::Parse("0.50"));
  EXPECT_EQ(l.price->gross_price, Decimal::Parse("20.50"));
  EXPECT_EQ(l.price->base_quantity_unit, "MTR");
  ASSERT_EQ(l.item->classifications.size(), 2u);
  EXPECT_EQ(l.item->classifications[0].scheme, "SSR");
  EXPECT_EQ(l.item->classifications[0].scheme_version, "1.0");
  EXPECT_EQ(l.item->classifications[1].scheme_version, std::nullopt);
  ASSERT_TRUE(l.object_id);
  EXPECT_EQ(l.object_id->value, "130-DR35141");
  EXPECT_EQ(l.object_id->scheme, "ABZ");
  EXPECT_EQ(l.item->attributes.size(), 2u);
  EXPECT_EQ(l.allowances_charges.size(), 2u);
  EXPECT_TRUE(l.allowances_charges[1].is_charge);
}

TEST(UblRoundTripTest, CreditNoteRoundTripKeepsTheCreditNoteVocabulary) {
  fs::path file = UblExamples() / "CreditNote-Max_content.xml";
  std::unique_ptr<XmlDocument> doc = LoadUbl(ReadFile(file), file.string());
  ASSERT_TRUE(doc);
  ReadResult r = ReadUbl(*doc);
  EXPECT_EQ(r.invoice.kind, DocumentKind::kCreditNote);
  EXPECT_EQ(r.invoice.type_code, "381");
  std::string xml = WriteUbl(r.invoice).xml;
  EXPECT_NE(xml.find("<CreditNote xmlns=\"urn:oasis:names:specification:ubl:"
                     "schema:xsd:CreditNote-2\""),
            std::string::npos);
  EXPECT_NE(xml.find("<cbc:CreditNoteTypeCode>381<"), std::string::npos);
  EXPECT_NE(xml.find("<cac:CreditNoteLine>"), std::string::npos);
  EXPECT_NE(xml.find("<cbc:CreditedQuantity"), std::string::npos);
  EXPECT_EQ(xml.find("InvoiceLine"), std::string::npos);
  EXPECT_EQ(xml.find("InvoicedQuantity"), std::string::npos);
}

}  // namespace
}  // namespace chorus

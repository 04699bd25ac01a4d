// The model tells absent terms and groups from present-but-empty ones, as the
// official rules need on the CEN test fragments: readers report exactly what
// a document contains and writers write exactly what the model holds.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "chorus/format/document.h"
#include "chorus/format/syntax.h"

namespace chorus {
namespace {

constexpr const char* kUblHead =
    "<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\""
    " xmlns:cac=\"urn:oasis:names:specification:ubl:schema:xsd:"
    "CommonAggregateComponents-2\""
    " xmlns:cbc=\"urn:oasis:names:specification:ubl:schema:xsd:"
    "CommonBasicComponents-2\">";

constexpr const char* kCiiHead =
    "<rsm:CrossIndustryInvoice xmlns:rsm=\"urn:un:unece:uncefact:data:"
    "standard:CrossIndustryInvoice:100\" xmlns:ram=\"urn:un:unece:uncefact:"
    "data:standard:ReusableAggregateBusinessInformationEntity:100\" "
    "xmlns:udt=\"urn:un:unece:uncefact:data:standard:UnqualifiedDataType:"
    "100\">";

std::unique_ptr<XmlDocument> Load(const std::string& xml) {
  auto doc = LoadDocumentBuffer(xml, "presence");
  EXPECT_TRUE(doc.ok()) << (doc.ok() ? "" : doc.error().message);
  return doc.ok() ? std::move(doc).value() : nullptr;
}

ReadResult Ubl(const std::string& body) {
  auto doc = Load(std::string(kUblHead) + body + "</Invoice>");
  return doc ? ReadUbl(*doc) : ReadResult{};
}

ReadResult Cii(const std::string& body) {
  auto doc = Load(std::string(kCiiHead) + body + "</rsm:CrossIndustryInvoice>");
  return doc ? ReadCii(*doc) : ReadResult{};
}

Decimal D(const char* text) { return *Decimal::Parse(text); }

TEST(UblPresence, InvoiceNumberAbsentEmptyOrGiven) {
  EXPECT_EQ(Ubl("").invoice.number, std::nullopt);
  EXPECT_EQ(Ubl("<cbc:ID/>").invoice.number, std::string());
  EXPECT_EQ(Ubl("<cbc:ID>  </cbc:ID>").invoice.number, std::string());
  EXPECT_EQ(Ubl("<cbc:ID>F-1</cbc:ID>").invoice.number, "F-1");
  EXPECT_EQ(Ubl("").invoice.currency, std::nullopt);
  EXPECT_EQ(Ubl("<cbc:DocumentCurrencyCode/>").invoice.currency, "");
}

TEST(UblPresence, TotalsFollowLegalMonetaryTotalNotTaxTotal) {
  ReadResult r = Ubl(
      "<cac:TaxTotal><cbc:TaxAmount currencyID=\"EUR\">2.00</cbc:TaxAmount>"
      "</cac:TaxTotal>");
  EXPECT_EQ(r.invoice.totals, std::nullopt);
  EXPECT_EQ(r.invoice.vat_total, D("2.00"));

  ReadResult empty = Ubl("<cac:LegalMonetaryTotal/>");
  ASSERT_TRUE(empty.invoice.totals.has_value());
  EXPECT_EQ(empty.invoice.totals->payable, std::nullopt);

  ReadResult bad = Ubl(
      "<cac:LegalMonetaryTotal><cbc:PayableAmount currencyID=\"EUR\"/>"
      "</cac:LegalMonetaryTotal>");
  ASSERT_TRUE(bad.invoice.totals.has_value());
  EXPECT_EQ(bad.invoice.totals->payable, std::nullopt);  // empty amount
  EXPECT_EQ(bad.diagnostics.size(), 1u);
}

TEST(UblPresence, PartiesAndAddressesAreThereOnlyWhenTheirElementIs) {
  ReadResult none = Ubl("");
  EXPECT_EQ(none.invoice.seller, std::nullopt);
  EXPECT_EQ(none.invoice.buyer, std::nullopt);

  ReadResult r = Ubl(
      "<cac:AccountingSupplierParty><cac:Party><cac:PartyLegalEntity>"
      "<cbc:RegistrationName/></cac:PartyLegalEntity></cac:Party>"
      "</cac:AccountingSupplierParty>"
      "<cac:AccountingCustomerParty><cac:Party><cac:PostalAddress/>"
      "</cac:Party></cac:AccountingCustomerParty>");
  ASSERT_TRUE(r.invoice.seller.has_value());
  EXPECT_EQ(r.invoice.seller->name, "");
  EXPECT_EQ(r.invoice.seller->address, std::nullopt);
  ASSERT_TRUE(r.invoice.buyer.has_value());
  EXPECT_EQ(r.invoice.buyer->name, std::nullopt);
  ASSERT_TRUE(r.invoice.buyer->address.has_value());
  EXPECT_EQ(r.invoice.buyer->address->country, std::nullopt);
}

TEST(UblPresence, LineTermsAndGroups) {
  ReadResult r = Ubl(
      "<cac:InvoiceLine><cbc:ID/>"
      "<cbc:InvoicedQuantity>2</cbc:InvoicedQuantity></cac:InvoiceLine>");
  ASSERT_EQ(r.invoice.lines.size(), 1u);
  const InvoiceLine& l = r.invoice.lines[0];
  EXPECT_EQ(l.id, "");
  EXPECT_EQ(l.quantity, D("2"));
  EXPECT_EQ(l.unit_code, std::nullopt);
  EXPECT_EQ(l.net_amount, std::nullopt);
  EXPECT_EQ(l.item, std::nullopt);
  EXPECT_EQ(l.price, std::nullopt);
  EXPECT_EQ(l.vat_category, std::nullopt);
}

TEST(UblPresence, ChargeIndicatorAbsentOrInvalidMatchesNeitherContext) {
  ReadResult r = Ubl(
      "<cac:AllowanceCharge><cbc:ChargeIndicator>true</cbc:ChargeIndicator>"
      "</cac:AllowanceCharge>"
      "<cac:AllowanceCharge><cbc:ChargeIndicator>false</cbc:ChargeIndicator>"
      "</cac:AllowanceCharge>"
      "<cac:AllowanceCharge><cbc:Amount currencyID=\"EUR\">1</cbc:Amount>"
      "</cac:AllowanceCharge>"
      "<cac:AllowanceCharge><cbc:ChargeIndicator>yes</cbc:ChargeIndicator>"
      "</cac:AllowanceCharge>");
  const auto& acs = r.invoice.allowances_charges;
  ASSERT_EQ(acs.size(), 4u);
  EXPECT_TRUE(acs[0].is_charge && acs[0].indicator_valid);
  EXPECT_TRUE(!acs[1].is_charge && acs[1].indicator_valid);
  EXPECT_FALSE(acs[2].indicator_valid);
  EXPECT_EQ(acs[2].amount, D("1"));
  EXPECT_EQ(acs[2].vat_category, std::nullopt);
  EXPECT_FALSE(acs[3].indicator_valid);
  EXPECT_EQ(r.diagnostics.size(), 1u);  // the invalid one warns

  // Written back without an indicator, so it reads back the same.
  std::string xml = WriteUbl(r.invoice).xml;
  auto doc = Load(xml);
  ASSERT_TRUE(doc);
  ReadResult again = ReadUbl(*doc);
  ASSERT_EQ(again.invoice.allowances_charges.size(), 4u);
  EXPECT_FALSE(again.invoice.allowances_charges[3].indicator_valid);
}

TEST(UblPresence, WriterWritesOnlyWhatIsPresent) {
  Invoice inv;
  inv.currency = "EUR";
  inv.lines.emplace_back().quantity = D("1");
  std::string xml = WriteUbl(inv).xml;
  EXPECT_EQ(xml.find("<cbc:ID"), std::string::npos) << xml;
  EXPECT_EQ(xml.find("LegalMonetaryTotal"), std::string::npos) << xml;
  EXPECT_EQ(xml.find("AccountingSupplierParty"), std::string::npos) << xml;
  EXPECT_EQ(xml.find("cac:Item"), std::string::npos) << xml;
  EXPECT_EQ(xml.find("cac:Price"), std::string::npos) << xml;

  inv.number = "";
  inv.totals.emplace();
  xml = WriteUbl(inv).xml;
  EXPECT_NE(xml.find("<cbc:ID></cbc:ID>"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<cac:LegalMonetaryTotal"), std::string::npos) << xml;

  auto doc = Load(xml);
  ASSERT_TRUE(doc);
  EXPECT_EQ(ReadUbl(*doc).invoice, inv);
}

TEST(CiiPresence, InvoiceNumberAbsentEmptyOrGiven) {
  EXPECT_EQ(Cii("<rsm:ExchangedDocument/>").invoice.number, std::nullopt);
  EXPECT_EQ(Cii("<rsm:ExchangedDocument><ram:ID/></rsm:ExchangedDocument>")
                .invoice.number,
            std::string());
  EXPECT_EQ(
      Cii("<rsm:ExchangedDocument><ram:ID>F-1</ram:ID></rsm:ExchangedDocument>")
          .invoice.number,
      "F-1");
}

TEST(CiiPresence, TotalsSellerAndIndicator) {
  ReadResult none = Cii(
      "<rsm:SupplyChainTradeTransaction><ram:ApplicableHeaderTradeAgreement/>"
      "<ram:ApplicableHeaderTradeSettlement/></rsm:SupplyChainTradeTransaction>");
  EXPECT_EQ(none.invoice.totals, std::nullopt);
  EXPECT_EQ(none.invoice.seller, std::nullopt);

  ReadResult r = Cii(
      "<rsm:SupplyChainTradeTransaction><ram:ApplicableHeaderTradeAgreement>"
      "<ram:SellerTradeParty><ram:Name/></ram:SellerTradeParty>"
      "</ram:ApplicableHeaderTradeAgreement>"
      "<ram:ApplicableHeaderTradeSettlement>"
      "<ram:SpecifiedTradeAllowanceCharge><ram:ActualAmount>1</ram:ActualAmount>"
      "</ram:SpecifiedTradeAllowanceCharge>"
      "<ram:SpecifiedTradeSettlementHeaderMonetarySummation/>"
      "</ram:ApplicableHeaderTradeSettlement></rsm:SupplyChainTradeTransaction>");
  ASSERT_TRUE(r.invoice.seller.has_value());
  EXPECT_EQ(r.invoice.seller->name, "");
  EXPECT_EQ(r.invoice.seller->address, std::nullopt);
  ASSERT_TRUE(r.invoice.totals.has_value());
  EXPECT_EQ(*r.invoice.totals, Totals{});
  ASSERT_EQ(r.invoice.allowances_charges.size(), 1u);
  EXPECT_FALSE(r.invoice.allowances_charges[0].indicator_valid);
  EXPECT_EQ(r.invoice.allowances_charges[0].amount, D("1"));
}

TEST(CiiPresence, LineWithoutProductOrPrice) {
  ReadResult r = Cii(
      "<rsm:SupplyChainTradeTransaction><ram:IncludedSupplyChainTradeLineItem>"
      "<ram:AssociatedDocumentLineDocument><ram:LineID>1</ram:LineID>"
      "</ram:AssociatedDocumentLineDocument>"
      "</ram:IncludedSupplyChainTradeLineItem></rsm:SupplyChainTradeTransaction>");
  ASSERT_EQ(r.invoice.lines.size(), 1u);
  const InvoiceLine& l = r.invoice.lines[0];
  EXPECT_EQ(l.id, "1");
  EXPECT_EQ(l.item, std::nullopt);
  EXPECT_EQ(l.price, std::nullopt);
  EXPECT_EQ(l.quantity, std::nullopt);
  EXPECT_EQ(l.net_amount, std::nullopt);
}

TEST(CiiPresence, RoundTripKeepsAbsentAndEmptyApart) {
  Invoice inv;
  inv.number = "";
  inv.type_code = "380";
  inv.seller.emplace().name = "";
  inv.vat_total = D("1.00");  // BT-110 without the other BG-22 terms
  InvoiceLine& l = inv.lines.emplace_back();
  l.id = "1";
  l.item.emplace();
  auto doc = Load(WriteCii(inv).xml);
  ASSERT_TRUE(doc);
  Invoice back = ReadCii(*doc).invoice;
  EXPECT_EQ(back.number, "");
  ASSERT_TRUE(back.seller.has_value());
  EXPECT_EQ(back.seller->name, "");
  EXPECT_EQ(back.buyer, std::nullopt);
  EXPECT_EQ(back.vat_total, D("1.00"));
  ASSERT_EQ(back.lines.size(), 1u);
  EXPECT_EQ(back.lines[0].item, Item{});
  EXPECT_EQ(back.lines[0].price, std::nullopt);
}

}  // namespace
}  // namespace chorus

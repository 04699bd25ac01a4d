// WriteCii: every model term round trips, and the output declares, lays
// out and reports what the tests expect.
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "chorus/format/document.h"
#include "chorus/format/syntax.h"
#include "format/cii_test_util.h"

namespace chorus {
namespace {

using chorus::testing::cii::Dec;
using chorus::testing::cii::Diff;
using chorus::testing::cii::ReadText;
using chorus::testing::cii::Sample;
using chorus::testing::cii::XsdErrors;

// Every term of the model set to a distinct value.
Invoice EveryTerm() {
  auto addr = [](const std::string& tag) {
    Address a;
    a.line1 = tag + " line 1";
    a.line2 = tag + " line 2";
    a.line3 = tag + " line 3";
    a.city = tag + " city";
    a.post_code = tag + "-75001";
    a.subdivision = tag + " region";
    a.country = "FR";
    return a;
  };
  Invoice inv;
  inv.kind = DocumentKind::kCreditNote;
  inv.number = "AV-1";
  inv.issue_date = Date{2024, 5, 2};
  inv.type_code = "381";
  inv.currency = "EUR";
  inv.accounting_currency = "GBP";
  inv.tax_point_date = Date{2024, 4, 30};
  inv.due_date = Date{2024, 6, 1};
  inv.buyer_reference = "SVC-1";
  inv.project_reference = "PRJ-1";
  inv.contract_reference = "CTR-1";
  inv.purchase_order_reference = "PO-1";
  inv.sales_order_reference = "SO-1";
  inv.receiving_advice_reference = "RCV-1";
  inv.despatch_advice_reference = "DSP-1";
  inv.tender_reference = "LOT-1";
  inv.invoiced_object_id = Identifier{"OBJ-1", "AUN", {}};
  inv.buyer_accounting_reference = "6011";
  inv.payment_terms = "30 days";
  inv.notes = {{"AAI", "First note"}, {std::nullopt, "Second note"}};
  inv.business_process = "A1";
  inv.specification_id = "urn:cen.eu:en16931:2017";
  inv.preceding_invoices = {{"FA-0", Date{2024, 1, 3}}};
  Seller& s = inv.seller.emplace();
  s.name = "Seller";
  s.trading_name = "Seller Trading";
  s.ids = {{"S-LOCAL", std::nullopt, {}}, {"3012345678901", "0088", {}}};
  s.legal_registration_id = Identifier{"123456789", "0002", {}};
  s.vat_id = "FR11123456789";
  s.tax_registration_id = "TAX-S";
  s.additional_legal_info = "SAS au capital de 1000 EUR";
  s.electronic_address = Identifier{"seller@example.com", "EM", {}};
  s.address = addr("seller");
  s.contact = Contact{"Alice", "+33 1", "alice@example.com"};
  Buyer& b = inv.buyer.emplace();
  b.name = "Buyer";
  b.trading_name = "Buyer Trading";
  b.id = Identifier{"B-1", "0088", {}};
  b.legal_registration_id = Identifier{"987654321", "0002", {}};
  b.vat_id = "FR22987654321";
  b.electronic_address = Identifier{"987654321", "0009", {}};
  b.address = addr("buyer");
  b.contact = Contact{"Bob", "+33 2", "bob@example.com"};
  inv.payee = Payee{"Payee", Identifier{"P-1", std::nullopt, {}},
                    Identifier{"555", "0002", {}}};
  inv.tax_representative = TaxRepresentative{"Rep", "FR33555", addr("rep")};
  inv.delivery = Delivery{"Site", Identifier{"LOC-1", "0088", {}},
                          Date{2024, 4, 29}, addr("site")};
  inv.invoicing_period = Period{Date{2024, 4, 1}, Date{2024, 4, 30}};
  PaymentInstructions& p = inv.payment.emplace();
  p.means_code = "30";
  p.means_text = "Transfer";
  p.remittance_info = "RF18";
  p.credit_transfers = {{"FR7630006000011234567890189", "Main", "AGRIFRPP"}};
  p.card = PaymentCard{"5678", "Holder"};
  p.direct_debit = DirectDebit{"MD-1", "FR00ZZZ1", "DE89370400440532013000"};
  AllowanceCharge ac;
  ac.is_charge = true;
  ac.amount = Dec("10.00");
  ac.base_amount = Dec("100.00");
  ac.percentage = Dec("10");
  ac.vat_category = "S";
  ac.vat_rate = Dec("20");
  ac.reason = "Freight";
  ac.reason_code = "FC";
  inv.allowances_charges = {ac};
  Totals& t = inv.totals.emplace();
  t.line_net_total = Dec("90.00");
  t.allowance_total = Dec("0.00");
  t.charge_total = Dec("10.00");
  t.tax_exclusive = Dec("100.00");
  inv.vat_total = Dec("20.00");
  inv.vat_total_accounting = Dec("17.10");
  t.tax_inclusive = Dec("120.00");
  t.prepaid = Dec("5.00");
  t.rounding = Dec("0.01");
  t.payable = Dec("115.01");
  inv.vat_breakdown = {
      {Dec("100.00"), Dec("20.00"), "S", Dec("20"), "Reason", "VATEX-X", {}},
      {Dec("0"), Dec("0"), "E", Dec("0"), "Exempt", "VATEX-EU-132", {}}};
  inv.supporting_documents = {{
                                  "DOC-1",
                                  "Timesheet",
                                  "https://example.com/t",
                                  "SGVsbG8=",
                                  "application/pdf",
                                  "t.pdf",
                              },
                              {"DOC-2", {}, {}, {}, {}, {}}};
  InvoiceLine l;
  l.id = "10";
  l.note = "Line note";
  l.object_id = Identifier{"LOBJ", "AUN", {}};
  l.quantity = Dec("3");
  l.unit_code = "HUR";
  l.net_amount = Dec("90.00");
  l.order_line_ref = "PO-1-3";
  l.buyer_accounting_ref = "6012";
  l.period = Period{Date{2024, 4, 2}, std::nullopt};
  l.allowances_charges = {
      {false, Dec("3"), Dec("93"), Dec("3.2258"), "Loyal", "95", {}},
      {true, Dec("0"), {}, {}, {}, "ABK", {}}};
  l.price = PriceDetails{Dec("31"), Dec("1"), Dec("32"), Dec("1"), "HUR"};
  l.vat_category = "S";
  l.vat_rate = Dec("20");
  l.item.emplace().name = "Consulting";
  l.item->description = "Senior consulting";
  l.item->seller_id = "SKU-1";
  l.item->buyer_id = "B-SKU-1";
  l.item->standard_id = Identifier{"4012345678901", "0160", {}};
  l.item->classifications = {{"73110000", "STI", "2.1"},
                             {"A1", "ZZZ", std::nullopt}};
  l.item->origin_country = "DE";
  l.item->attributes = {{"Level", "Senior"}, {"Site", "Remote"}};
  inv.lines = {l, l};
  inv.lines[1].id = "20";
  return inv;
}

TEST(CiiWrite, EveryModelTermRoundTrips) {
  Invoice inv = EveryTerm();
  WriteResult w = WriteCii(inv);
  EXPECT_TRUE(w.lost.empty()) << w.lost.front().term;
  EXPECT_EQ(XsdErrors(w.xml, "every-term"), "");
  ReadResult r = ReadText(w.xml, "every term (written)");
  EXPECT_TRUE(r.diagnostics.empty()) << r.diagnostics.front().message;
  EXPECT_TRUE(r.unmapped.empty()) << r.unmapped.front().path;
  EXPECT_EQ(r.invoice, inv) << Diff(r.invoice, inv);
}

TEST(CiiWrite, DeclaresOnlyTheNamespacesItUses) {
  Invoice inv = ReadText(Sample()).invoice;
  auto names = [](const std::string& xml) {
    pugi::xml_document d;
    EXPECT_TRUE(d.load_string(xml.c_str()));
    std::vector<std::string> out;
    for (pugi::xml_attribute a : d.document_element().attributes())
      out.push_back(a.name());
    std::sort(out.begin(), out.end());
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(names(WriteCii(inv).xml),
            (V{"xmlns:qdt", "xmlns:ram", "xmlns:rsm", "xmlns:udt"}));
  inv.preceding_invoices[0].issue_date.reset();
  EXPECT_EQ(names(WriteCii(inv).xml),
            (V{"xmlns:ram", "xmlns:rsm", "xmlns:udt"}));
}

TEST(CiiWrite, PrettyUsesTwoSpacesAndCompactHasNoWhitespaceNodes) {
  Invoice inv = ReadText(Sample()).invoice;
  std::string pretty = WriteCii(inv).xml;
  EXPECT_EQ(pretty.rfind("<?xml version=\"1.0\" "
                         "encoding=\"UTF-8\"?>\n<rsm:CrossIndustryInvoice",
                         0),
            0u);
  EXPECT_NE(pretty.find("\n  <rsm:ExchangedDocumentContext>\n    <ram:"),
            std::string::npos);
  std::string compact = WriteCii(inv, WriteOptions{false}).xml;
  EXPECT_EQ(compact.find("\n  <"), std::string::npos);
  EXPECT_EQ(compact.find("> <"), std::string::npos);
  EXPECT_EQ(ReadText(compact).invoice, inv);
  EXPECT_EQ(XsdErrors(compact, "compact"), "");
}

TEST(CiiWrite, ReportsWhatD16BCannotCarry) {
  Invoice inv = ReadText(Sample()).invoice;
  EXPECT_TRUE(WriteCii(inv).lost.empty());
  inv.preceding_invoices.push_back(
      PrecedingInvoice{"FA-2023-100", Date{2023, 12, 2}});
  inv.vat_breakdown.clear();
  inv.lines[0].price->discount = Dec("1");
  WriteResult w = WriteCii(inv);
  std::vector<std::string> terms;
  for (const LostDatum& l : w.lost) terms.push_back(l.term);
  EXPECT_EQ(terms, (std::vector<std::string>{"BT-147", "BT-8", "BG-3"}));
  EXPECT_NE(w.lost.back().message.find("FA-2023-100"), std::string::npos);
  EXPECT_EQ(w.xml.find("FA-2023-100"), std::string::npos);
  EXPECT_EQ(XsdErrors(w.xml, "lost"), "");
}

TEST(CiiWrite, CarriesEveryCreditTransferAndPaymentCard) {
  Invoice inv = ReadText(Sample()).invoice;
  PaymentInstructions& p = inv.payment.emplace();
  p.means_code = "58";
  p.means_text = "SEPA";
  p.remittance_info = "REF-1";
  p.credit_transfers = {{"FR7630006000011234567890189", "Main", "AGRIFRPP"},
                        {"ACC-LOCAL-9", std::nullopt, std::nullopt}};
  p.card = PaymentCard{"1234", "J. Doe"};
  p.direct_debit =
      DirectDebit{"MANDATE-1", "FR00ZZZ123456", "DE89370400440532013000"};
  inv.tax_point_date = Date{2024, 3, 1};
  inv.tax_point_date_code.reset();
  inv.invoiced_object_id = Identifier{"OBJ-1", "AAA", {}};
  inv.tender_reference = "LOT-3";
  inv.supporting_documents.push_back(
      SupportingDocument{"DOC-1", "Timesheet", "https://example.com/t",
                         "SGVsbG8=", "application/pdf", "t.pdf"});
  WriteResult w = WriteCii(inv);
  EXPECT_TRUE(w.lost.empty());
  EXPECT_EQ(XsdErrors(w.xml, "payment"), "");
  EXPECT_NE(w.xml.find("<ram:ProprietaryID>ACC-LOCAL-9</ram:ProprietaryID>"),
            std::string::npos);
  ReadResult r = ReadText(w.xml, "payment (written)");
  EXPECT_TRUE(r.unmapped.empty()) << r.unmapped.front().path;
  EXPECT_EQ(r.invoice, inv) << Diff(r.invoice, inv);
}

}  // namespace
}  // namespace chorus

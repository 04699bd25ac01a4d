// ReadCii / WriteCii: round trips over the official examples and Factur-X
// samples, XSD validity of the output, and focused binding checks on a
// hand-written invoice whose values and line numbers are known.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "chorus/format/document.h"
#include "chorus/format/syntax.h"
#include "chorus/format/xsd.h"
#include "chorus/model/json.h"
#include "support/test_env.h"

namespace chorus {
namespace {

namespace fs = std::filesystem;
using chorus::testing::ReadFile;
using chorus::testing::SharedDir;
using chorus::testing::TempDir;
using chorus::testing::XmlFilesIn;

std::unique_ptr<XmlDocument> Load(std::string bytes, const std::string& name) {
  auto doc = LoadDocumentBuffer(std::move(bytes), name);
  EXPECT_TRUE(doc.ok()) << name << ": " << (doc.ok() ? "" : doc.error().message);
  return doc.ok() ? std::move(doc).value() : nullptr;
}

ReadResult ReadText(const std::string& xml, const std::string& name = "test") {
  auto doc = Load(xml, name);
  return doc ? ReadCii(*doc) : ReadResult{};
}

// Names the groups of two models that differ, then the first lines where
// their JSON renderings part, so a failing round trip says what was lost.
std::string Diff(const Invoice& a, const Invoice& b) {
  std::ostringstream out;
  auto check = [&](const char* group, bool equal) {
    if (!equal) out << group << " ";
  };
  check("notes", a.notes == b.notes);
  check("seller", a.seller == b.seller);
  check("buyer", a.buyer == b.buyer);
  check("payee", a.payee == b.payee);
  check("tax_representative", a.tax_representative == b.tax_representative);
  check("delivery", a.delivery == b.delivery);
  check("invoicing_period", a.invoicing_period == b.invoicing_period);
  check("payment", a.payment == b.payment);
  check("allowances_charges", a.allowances_charges == b.allowances_charges);
  check("totals", a.totals == b.totals);
  check("vat_breakdown", a.vat_breakdown == b.vat_breakdown);
  check("supporting_documents", a.supporting_documents == b.supporting_documents);
  check("preceding_invoices", a.preceding_invoices == b.preceding_invoices);
  check("lines", a.lines == b.lines);
  if (out.str().empty() && !(a == b)) out << "header ";
  auto lines = [](const std::string& text) {
    std::vector<std::string> v;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);) v.push_back(l);
    return v;
  };
  std::vector<std::string> ja = lines(InvoiceToJson(a)), jb = lines(InvoiceToJson(b));
  int shown = 0;
  for (size_t n = 0; shown < 6 && n < std::max(ja.size(), jb.size()); ++n) {
    std::string la = n < ja.size() ? ja[n] : "", lb = n < jb.size() ? jb[n] : "";
    if (la != lb) {
      out << "\n  json line " << n + 1 << ": '" << la << "' vs '" << lb << "'";
      ++shown;
    }
  }
  return out.str();
}

// Validates against the official D16B schema with the library's validator;
// returns the findings, "" when valid.
std::string XsdErrors(const std::string& xml, const std::string& name) {
  if (!std::getenv("CHORUS_SCHEMA_DIR")) {
    std::string dir = (SharedDir() / "schemas").string();
    ::setenv("CHORUS_SCHEMA_DIR", dir.c_str(), 0);
  }
  auto doc = LoadDocumentBuffer(xml, name);
  if (!doc) return "not loadable: " + doc.error().message;
  auto found = ValidateXsd(**doc, SchemaId::kCiiD16B);
  if (!found) return "validator failed: " + found.error().message;
  std::string out;
  for (const Diagnostic& d : *found) out += d.location + ": " + d.message + "\n";
  return out;
}

// read -> write -> read: the second model equals the first and the written
// document is valid against the D16B schema.
void ExpectRoundTrip(const fs::path& path) {
  SCOPED_TRACE(path.filename().string());
  auto doc = Load(ReadFile(path), path.string());
  ASSERT_TRUE(doc);
  ReadResult first = ReadCii(*doc);
  for (const Diagnostic& d : first.diagnostics) {
    EXPECT_NE(d.severity, Severity::kError) << d.message << " at " << d.location;
  }
  WriteResult written = WriteCii(first.invoice);
  EXPECT_TRUE(written.lost.empty()) << written.lost.front().term << ": "
                                    << written.lost.front().message;
  auto again = Load(written.xml, path.filename().string() + " (written)");
  ASSERT_TRUE(again);
  ReadResult second = ReadCii(*again);
  EXPECT_TRUE(second.diagnostics.empty()) << second.diagnostics.front().message;
  EXPECT_TRUE(second.unmapped.empty()) << second.unmapped.front().path;
  EXPECT_EQ(first.invoice, second.invoice) << Diff(first.invoice, second.invoice);
  EXPECT_EQ(XsdErrors(written.xml, path.stem().string()), "");
}

TEST(CiiConformance, OfficialExamplesRoundTripAndWriteValidD16B) {
  auto files = XmlFilesIn(SharedDir() / "conformance/en16931/cii-examples");
  ASSERT_GE(files.size(), 10u);
  for (const fs::path& f : files) ExpectRoundTrip(f);
}

TEST(CiiConformance, OfficialExamplesReadCleanly) {
  for (const fs::path& f :
       XmlFilesIn(SharedDir() / "conformance/en16931/cii-examples")) {
    SCOPED_TRACE(f.filename().string());
    auto doc = Load(ReadFile(f), f.string());
    ASSERT_TRUE(doc);
    ReadResult r = ReadCii(*doc);
    EXPECT_TRUE(r.diagnostics.empty()) << r.diagnostics.front().message;
    EXPECT_FALSE(r.invoice.number.value_or("").empty());
    EXPECT_FALSE(r.invoice.lines.empty());
    EXPECT_FALSE(r.invoice.currency.value_or("").empty());
    EXPECT_GT(SourceLine(*doc, r.invoice.seller->pos), 0u);
    for (const InvoiceLine& l : r.invoice.lines) {
      ASSERT_TRUE(l.item.has_value());
      EXPECT_FALSE(l.item->name.value_or("").empty());
    }
  }
}

TEST(CiiConformance, FacturXSamplesReadAndRoundTrip) {
  int seen = 0;
  for (const fs::path& f : XmlFilesIn(SharedDir() / "conformance/facturx")) {
    if (f.filename().string().rfind("factur-x", 0) != 0) continue;
    ++seen;
    ExpectRoundTrip(f);
  }
  EXPECT_GE(seen, 5);
}

// ---------------------------------------------------------------------------
// A hand-written invoice. Line numbers are referred to below: keep them.
constexpr const char* kSample = R"(<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
    xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
    xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100"
    xmlns:qdt="urn:un:unece:uncefact:data:standard:QualifiedDataType:100">
  <rsm:ExchangedDocumentContext>
    <ram:GuidelineSpecifiedDocumentContextParameter>
      <ram:ID>urn:cen.eu:en16931:2017</ram:ID>
    </ram:GuidelineSpecifiedDocumentContextParameter>
  </rsm:ExchangedDocumentContext>
  <rsm:ExchangedDocument>
    <ram:ID>FA-2024-001</ram:ID>
    <ram:TypeCode>380</ram:TypeCode>
    <ram:IssueDateTime><udt:DateTimeString format="102">20240315</udt:DateTimeString></ram:IssueDateTime>
  </rsm:ExchangedDocument>
  <rsm:SupplyChainTradeTransaction>
    <ram:IncludedSupplyChainTradeLineItem>
      <ram:AssociatedDocumentLineDocument><ram:LineID>1</ram:LineID></ram:AssociatedDocumentLineDocument>
      <ram:SpecifiedTradeProduct><ram:Name>Widget</ram:Name></ram:SpecifiedTradeProduct>
      <ram:SpecifiedLineTradeAgreement>
        <ram:NetPriceProductTradePrice><ram:ChargeAmount>10.00</ram:ChargeAmount></ram:NetPriceProductTradePrice>
      </ram:SpecifiedLineTradeAgreement>
      <ram:SpecifiedLineTradeDelivery><ram:BilledQuantity unitCode="C62">10</ram:BilledQuantity></ram:SpecifiedLineTradeDelivery>
      <ram:SpecifiedLineTradeSettlement>
        <ram:ApplicableTradeTax><ram:TypeCode>VAT</ram:TypeCode><ram:CategoryCode>S</ram:CategoryCode><ram:RateApplicablePercent>20</ram:RateApplicablePercent></ram:ApplicableTradeTax>
        <ram:SpecifiedTradeAllowanceCharge>
          <ram:ChargeIndicator><udt:Indicator>false</udt:Indicator></ram:ChargeIndicator>
          <ram:ActualAmount>5.00</ram:ActualAmount>
          <ram:Reason>Volume discount</ram:Reason>
        </ram:SpecifiedTradeAllowanceCharge>
        <ram:SpecifiedTradeSettlementLineMonetarySummation><ram:LineTotalAmount>95.00</ram:LineTotalAmount></ram:SpecifiedTradeSettlementLineMonetarySummation>
      </ram:SpecifiedLineTradeSettlement>
    </ram:IncludedSupplyChainTradeLineItem>
    <ram:ApplicableHeaderTradeAgreement>
      <ram:BuyerReference>SERVICE-42</ram:BuyerReference>
      <ram:SellerTradeParty>
        <ram:Name>Vendeur SA</ram:Name>
        <ram:PostalTradeAddress><ram:CountryID>FR</ram:CountryID></ram:PostalTradeAddress>
        <ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">FR12345678901</ram:ID></ram:SpecifiedTaxRegistration>
      </ram:SellerTradeParty>
      <ram:BuyerTradeParty>
        <ram:Name>Acheteur SARL</ram:Name>
        <ram:PostalTradeAddress><ram:CountryID>FR</ram:CountryID></ram:PostalTradeAddress>
      </ram:BuyerTradeParty>
      <ram:BuyerOrderReferencedDocument><ram:IssuerAssignedID>ENG-7</ram:IssuerAssignedID></ram:BuyerOrderReferencedDocument>
    </ram:ApplicableHeaderTradeAgreement>
    <ram:ApplicableHeaderTradeDelivery/>
    <ram:ApplicableHeaderTradeSettlement>
      <ram:TaxCurrencyCode>USD</ram:TaxCurrencyCode>
      <ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>
      <ram:ApplicableTradeTax>
        <ram:CalculatedAmount>19.00</ram:CalculatedAmount>
        <ram:TypeCode>VAT</ram:TypeCode>
        <ram:BasisAmount>95.00</ram:BasisAmount>
        <ram:CategoryCode>S</ram:CategoryCode>
        <ram:DueDateTypeCode>5</ram:DueDateTypeCode>
        <ram:RateApplicablePercent>20</ram:RateApplicablePercent>
      </ram:ApplicableTradeTax>
      <ram:SpecifiedTradePaymentTerms><ram:DueDateDateTime><udt:DateTimeString format="102">20240414</udt:DateTimeString></ram:DueDateDateTime></ram:SpecifiedTradePaymentTerms>
      <ram:SpecifiedTradeSettlementHeaderMonetarySummation>
        <ram:LineTotalAmount>95.00</ram:LineTotalAmount>
        <ram:TaxBasisTotalAmount>95.00</ram:TaxBasisTotalAmount>
        <ram:TaxTotalAmount currencyID="EUR">19.00</ram:TaxTotalAmount>
        <ram:TaxTotalAmount currencyID="USD">20.52</ram:TaxTotalAmount>
        <ram:GrandTotalAmount>114.00</ram:GrandTotalAmount>
        <ram:DuePayableAmount>114.00</ram:DuePayableAmount>
      </ram:SpecifiedTradeSettlementHeaderMonetarySummation>
      <ram:InvoiceReferencedDocument>
        <ram:IssuerAssignedID>FA-2023-099</ram:IssuerAssignedID>
        <ram:FormattedIssueDateTime><qdt:DateTimeString format="102">20231201</qdt:DateTimeString></ram:FormattedIssueDateTime>
      </ram:InvoiceReferencedDocument>
    </ram:ApplicableHeaderTradeSettlement>
  </rsm:SupplyChainTradeTransaction>
</rsm:CrossIndustryInvoice>
)";

// kSample with every occurrence of `from` replaced by `to`.
std::string Sample(const std::string& from = "", const std::string& to = "") {
  std::string s = kSample;
  if (from.empty()) return s;
  size_t at = 0;
  int count = 0;
  while ((at = s.find(from, at)) != std::string::npos) {
    s.replace(at, from.size(), to);
    at += to.size();
    ++count;
  }
  EXPECT_GT(count, 0) << "sample has no " << from;
  return s;
}

Decimal Dec(const char* text) { return *Decimal::Parse(text); }

TEST(CiiRead, MapsKnownValuesOfTheSample) {
  auto doc = Load(Sample(), "test");
  ASSERT_TRUE(doc);
  ReadResult r = ReadCii(*doc);
  EXPECT_TRUE(r.diagnostics.empty());
  EXPECT_TRUE(r.unmapped.empty()) << r.unmapped.front().path;
  const Invoice& inv = r.invoice;
  EXPECT_EQ(inv.kind, DocumentKind::kInvoice);
  EXPECT_EQ(inv.number, "FA-2024-001");                                // BT-1
  EXPECT_EQ(inv.issue_date, (Date{2024, 3, 15}));                      // BT-2
  EXPECT_EQ(inv.type_code, "380");                                     // BT-3
  EXPECT_EQ(inv.currency, "EUR");                                      // BT-5
  EXPECT_EQ(inv.accounting_currency, "USD");                           // BT-6
  EXPECT_EQ(inv.tax_point_date_code, "5");                             // BT-8
  EXPECT_EQ(inv.due_date, (Date{2024, 4, 14}));                        // BT-9
  EXPECT_EQ(inv.buyer_reference, "SERVICE-42");                        // BT-10
  EXPECT_EQ(inv.purchase_order_reference, "ENG-7");                    // BT-13
  EXPECT_EQ(inv.specification_id, "urn:cen.eu:en16931:2017");         // BT-24
  ASSERT_EQ(inv.preceding_invoices.size(), 1u);                        // BG-3
  EXPECT_EQ(inv.preceding_invoices[0].number, "FA-2023-099");
  EXPECT_EQ(inv.preceding_invoices[0].issue_date, (Date{2023, 12, 1}));
  EXPECT_EQ(inv.seller->name, "Vendeur SA");
  EXPECT_EQ(inv.seller->vat_id, "FR12345678901");                       // BT-31
  EXPECT_EQ(inv.seller->address->country, "FR");
  EXPECT_EQ(SourceLine(*doc, inv.seller->pos), 36u);
  EXPECT_EQ(inv.buyer->name, "Acheteur SARL");
  EXPECT_EQ(inv.totals->line_net_total, Dec("95"));
  EXPECT_EQ(inv.vat_total, Dec("19"));                          // BT-110
  EXPECT_EQ(inv.vat_total_accounting, Dec("20.52"));            // BT-111
  EXPECT_EQ(inv.totals->payable, Dec("114"));
  EXPECT_EQ(inv.totals->payable->ToString(), "114.00");  // source scale kept
  ASSERT_EQ(inv.vat_breakdown.size(), 1u);                             // BG-23
  EXPECT_EQ(inv.vat_breakdown[0].taxable_amount, Dec("95"));
  EXPECT_EQ(inv.vat_breakdown[0].tax_amount, Dec("19"));
  EXPECT_EQ(inv.vat_breakdown[0].category, "S");
  EXPECT_EQ(inv.vat_breakdown[0].rate, Dec("20"));
  EXPECT_EQ(SourceLine(*doc, inv.vat_breakdown[0].pos), 51u);
  ASSERT_EQ(inv.lines.size(), 1u);
  const InvoiceLine& l = inv.lines[0];
  EXPECT_EQ(l.id, "1");
  EXPECT_EQ(l.quantity, Dec("10"));
  EXPECT_EQ(l.unit_code, "C62");
  EXPECT_EQ(l.price->net_price, Dec("10"));
  EXPECT_EQ(l.net_amount, Dec("95"));
  EXPECT_EQ(l.vat_category, "S");
  EXPECT_EQ(l.vat_rate, Dec("20"));
  ASSERT_EQ(l.allowances_charges.size(), 1u);                          // BG-27
  EXPECT_FALSE(l.allowances_charges[0].is_charge);
  EXPECT_EQ(l.allowances_charges[0].amount, Dec("5"));
  EXPECT_EQ(l.allowances_charges[0].reason, "Volume discount");
  EXPECT_EQ(SourceLine(*doc, l.allowances_charges[0].pos), 26u);
  EXPECT_EQ(SourceLine(*doc, l.pos), 17u);
}

TEST(CiiRead, CreditNoteTypeCodeGivesCreditNoteKind) {
  ReadResult r = ReadText(Sample("<ram:TypeCode>380<", "<ram:TypeCode>381<"));
  EXPECT_EQ(r.invoice.kind, DocumentKind::kCreditNote);
  EXPECT_EQ(r.invoice.type_code, "381");
}

TEST(CiiRead, RepeatedTermIsReportedAndFirstKept) {
  ReadResult r = ReadText(Sample(
      "<ram:BuyerReference>SERVICE-42</ram:BuyerReference>",
      "<ram:BuyerReference>SERVICE-42</ram:BuyerReference>"
      "<ram:BuyerReference>OTHER</ram:BuyerReference>"));
  EXPECT_EQ(r.invoice.buyer_reference, "SERVICE-42");
  ASSERT_EQ(r.unmapped.size(), 1u);
  const UnmappedDatum& u = r.unmapped[0];
  EXPECT_EQ(u.path,
            "/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/"
            "ram:ApplicableHeaderTradeAgreement/ram:BuyerReference[2]");
  EXPECT_EQ(u.line, 35);
  EXPECT_EQ(u.value, "OTHER");
  EXPECT_EQ(u.reason, "repeated: only the first is kept");
}

TEST(CiiRead, BadAmountGivesDiagnosticAndLeavesTermUnset) {
  ReadResult r = ReadText(Sample("currencyID=\"USD\">20.52<", "currencyID=\"USD\">20,52<"));
  EXPECT_FALSE(r.invoice.vat_total_accounting.has_value());
  EXPECT_EQ(r.invoice.vat_total, Dec("19"));
  ASSERT_EQ(r.diagnostics.size(), 1u);
  const Diagnostic& d = r.diagnostics[0];
  EXPECT_EQ(d.rule, "CHORUS-READ");
  EXPECT_EQ(d.severity, Severity::kWarning);
  EXPECT_NE(d.message.find("BT-111"), std::string::npos) << d.message;
  EXPECT_NE(d.message.find("20,52"), std::string::npos) << d.message;
  EXPECT_NE(d.location.find("ram:TaxTotalAmount[2] (line 64)"), std::string::npos)
      << d.location;
}

TEST(CiiRead, BadNumbersGiveDiagnosticsWithTheTrimmedText) {
  // A leaf without attributes (BT-131) and one whose unitCode is read in
  // the same look (BT-129): each number's own text, trimmed, and term.
  std::string s =
      Sample("<ram:LineTotalAmount>95.00</ram:LineTotalAmount></ram:Specified",
             "<ram:LineTotalAmount> 9x5 </ram:LineTotalAmount></ram:Specified");
  const std::string quantity = "unitCode=\"C62\">10<";
  s.replace(s.find(quantity), quantity.size(), "unitCode=\"C62\">ten<");
  ReadResult r = ReadText(s);
  ASSERT_EQ(r.invoice.lines.size(), 1u);
  const InvoiceLine& l = r.invoice.lines[0];
  EXPECT_FALSE(l.net_amount.has_value());
  EXPECT_FALSE(l.quantity.has_value());
  EXPECT_EQ(l.unit_code, "C62");
  ASSERT_EQ(r.diagnostics.size(), 2u);
  EXPECT_EQ(r.diagnostics[0].message,
            "BT-129: 'ten' is not a decimal number; the value is ignored");
  EXPECT_NE(r.diagnostics[0].location.find("ram:BilledQuantity"),
            std::string::npos);
  EXPECT_EQ(r.diagnostics[1].message,
            "BT-131: '9x5' is not a decimal number; the value is ignored");
  EXPECT_NE(r.diagnostics[1].location.find("ram:LineTotalAmount"),
            std::string::npos);
}

// ReadNumber parses the short form (1 to 8 bytes, no space) inline and
// leaves the rest to Decimal::ParseInto: either way the value is the
// general parser's (scale included), and a text neither takes is
// diagnosed and leaves the term unset.
TEST(CiiRead, NumbersOfEveryFormReadAsTheGeneralParser) {
  for (const char* text :
       {"19",   "-0.50",   "+7",    "12345678",  "1234567.",  ".5",
        "-.5",  "0",       "00.10", "123456789", "1234567.8", "0.000000001",
        " 19 ", "\n7.5\t", "1e2",   "1.2.3",     "-",         "+",
        ".",    "1 2",     "--1"}) {
    const std::string bt110 = ">19.00</ram:TaxTotalAmount>";
    ReadResult r = ReadText(
        Sample(bt110, std::string(">") + text + "</ram:TaxTotalAmount>"));
    const std::optional<Decimal> expected = Decimal::Parse(text);
    ASSERT_EQ(r.invoice.vat_total.has_value(), expected.has_value()) << text;
    EXPECT_EQ(r.diagnostics.size(), expected ? 0u : 1u) << text;
    if (expected) {
      EXPECT_EQ(r.invoice.vat_total->ToString(), expected->ToString()) << text;
    }
  }
}

TEST(CiiRead, NestedMixedContentIsReportedInDocumentOrder) {
  // Text beside the children of a group and of a group inside it: each
  // piece where it stands, the inner ones between the outer ones.
  std::string s = Sample(
      "<ram:BuyerReference>SERVICE-42</ram:BuyerReference>\n"
      "      <ram:SellerTradeParty>\n"
      "        <ram:Name>Vendeur SA</ram:Name>",
      "a1<ram:BuyerReference>SERVICE-42</ram:BuyerReference>a2\n"
      "      <ram:SellerTradeParty>s1\n"
      "        <ram:Name>Vendeur SA</ram:Name>s2");
  const std::string seller_end = "</ram:SellerTradeParty>";
  s.insert(s.find(seller_end) + seller_end.size(), "a3");
  ReadResult r = ReadText(s);
  EXPECT_EQ(r.invoice.buyer_reference, "SERVICE-42");
  ASSERT_TRUE(r.invoice.seller.has_value());
  EXPECT_EQ(r.invoice.seller->name, "Vendeur SA");
  const std::string agreement =
      "/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/"
      "ram:ApplicableHeaderTradeAgreement";
  std::vector<std::pair<std::string, std::string>> got;
  for (const UnmappedDatum& u : r.unmapped) got.emplace_back(u.path, u.value);
  std::vector<std::pair<std::string, std::string>> expected = {
      {agreement + "/text()", "a1"},
      {agreement + "/text()", "a2"},
      {agreement + "/ram:SellerTradeParty/text()", "s1"},
      {agreement + "/ram:SellerTradeParty/text()", "s2"},
      {agreement + "/text()", "a3"},
  };
  EXPECT_EQ(got, expected);
}

TEST(CiiRead, WithoutTheUnmappedReportAttributesChangeNoValue) {
  // Without the report, a leaf whose attributes are not read gives its
  // text at once: the same model, whatever attributes and children it has.
  std::string s = Sample("<ram:LineID>1<", "<ram:LineID x=\"1\"> 1 <");
  auto replace = [&s](const std::string& from, const std::string& to) {
    s.replace(s.find(from), from.size(), to);
  };
  replace("<ram:Name>Widget", "<ram:Name a=\"b\">Widget");
  replace("<ram:LineTotalAmount>95.00</ram:LineTotalAmount></ram:Specified",
          "<ram:LineTotalAmount currencyID=\"EUR\">95.00</ram:LineTotalAmount>"
          "</ram:Specified");
  replace("<ram:BuyerReference>SERVICE-42<",
          "<ram:BuyerReference>SERVICE-42<ram:X>y</ram:X><");
  auto doc = Load(s, "attrs");
  ASSERT_TRUE(doc);
  ReadResult full = ReadCii(*doc);
  ReadResult quick = ReadCii(*doc, ReadOptions{.report_unmapped = false});
  EXPECT_EQ(full.invoice, quick.invoice) << Diff(full.invoice, quick.invoice);
  EXPECT_EQ(full.diagnostics.size(), quick.diagnostics.size());
  EXPECT_TRUE(quick.unmapped.empty());
  EXPECT_EQ(full.unmapped.size(), 4u);
  ASSERT_EQ(quick.invoice.lines.size(), 1u);
  EXPECT_EQ(quick.invoice.lines[0].id, "1");
  EXPECT_EQ(quick.invoice.lines[0].net_amount, Dec("95.00"));
  ASSERT_TRUE(quick.invoice.lines[0].item.has_value());
  EXPECT_EQ(quick.invoice.lines[0].item->name, "Widget");
  EXPECT_EQ(quick.invoice.buyer_reference, "SERVICE-42");
}

TEST(CiiRead, DateFormatOtherThan102IsDiagnosed) {
  ReadResult r = ReadText(Sample("format=\"102\">20240414", "format=\"610\">202404"));
  EXPECT_FALSE(r.invoice.due_date.has_value());
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_NE(r.diagnostics[0].message.find("610"), std::string::npos);
  EXPECT_NE(r.diagnostics[0].location.find("(line 59)"), std::string::npos);
  ReadResult bad = ReadText(Sample("20240315", "20240231"));
  EXPECT_FALSE(bad.invoice.issue_date.has_value());
  EXPECT_EQ(bad.diagnostics.size(), 1u);
  ReadResult typed = ReadText(Sample(
      "<udt:DateTimeString format=\"102\">20240315</udt:DateTimeString>",
      "<udt:DateTime>2024-03-15T00:00:00</udt:DateTime>"));
  EXPECT_FALSE(typed.invoice.issue_date.has_value());
  ASSERT_EQ(typed.diagnostics.size(), 1u);
  EXPECT_NE(typed.diagnostics[0].message.find("BT-2"), std::string::npos);
}

// D22B allows several preceding invoice references (D16B one).
TEST(CiiRead, ReadsSeveralPrecedingInvoicesAsD22BAllows) {
  ReadResult r = ReadText(Sample(
      "<ram:InvoiceReferencedDocument>",
      "<ram:InvoiceReferencedDocument><ram:IssuerAssignedID>FA-2023-050"
      "</ram:IssuerAssignedID></ram:InvoiceReferencedDocument>"
      "<ram:InvoiceReferencedDocument>"));
  EXPECT_TRUE(r.unmapped.empty());
  ASSERT_EQ(r.invoice.preceding_invoices.size(), 2u);
  EXPECT_EQ(r.invoice.preceding_invoices[0].number, "FA-2023-050");
  EXPECT_FALSE(r.invoice.preceding_invoices[0].issue_date.has_value());
  EXPECT_EQ(r.invoice.preceding_invoices[1].number, "FA-2023-099");
}

TEST(CiiRead, ExtensionElementIsReportedWithItsLine) {
  ReadResult r = ReadText(Sample(
      "<ram:BuyerReference>SERVICE-42</ram:BuyerReference>",
      "<ram:BuyerReference>SERVICE-42</ram:BuyerReference>"
      "<ext:Project xmlns:ext=\"urn:example:ext\" code=\"A\">Apollo</ext:Project>"));
  EXPECT_EQ(r.invoice.buyer_reference, "SERVICE-42");
  ASSERT_EQ(r.unmapped.size(), 2u);
  std::string agreement =
      "/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/"
      "ram:ApplicableHeaderTradeAgreement/";
  EXPECT_EQ(r.unmapped[0].path, agreement + "ext:Project/@code");
  EXPECT_EQ(r.unmapped[0].value, "A");
  EXPECT_EQ(r.unmapped[1].path, agreement + "ext:Project");
  EXPECT_EQ(r.unmapped[1].line, 35);
  EXPECT_EQ(r.unmapped[1].value, "Apollo");
  EXPECT_EQ(r.unmapped[1].reason, "not an EN 16931 term");
}

TEST(CiiRead, AttributeOutsideTheBindingIsReported) {
  ReadResult r = ReadText(Sample("<ram:ID>FA-2024-001<", "<ram:ID schemeID=\"X\">FA-2024-001<"));
  EXPECT_EQ(r.invoice.number, "FA-2024-001");
  ASSERT_EQ(r.unmapped.size(), 1u);
  EXPECT_EQ(r.unmapped[0].path,
            "/rsm:CrossIndustryInvoice/rsm:ExchangedDocument/ram:ID/@schemeID");
  EXPECT_EQ(r.unmapped[0].line, 12);
}

TEST(CiiRead, MatchesByNamespaceUriNotPrefix) {
  ReadResult canonical = ReadText(Sample());
  // Prefixes swapped around, "udt" even naming the RAM namespace.
  std::string odd = Sample();
  for (auto [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"xmlns:rsm=", "xmlns:a="}, {"xmlns:ram=", "xmlns:udt="},
           {"xmlns:udt=\"urn:un:unece:uncefact:data:standard:Unq", "xmlns:ram=\"urn:un:unece:uncefact:data:standard:Unq"},
           {"xmlns:qdt=", "xmlns:q="},
           {"<rsm:", "<@1"}, {"</rsm:", "</@1"}, {"<ram:", "<@2"}, {"</ram:", "</@2"},
           {"<udt:", "<@3"}, {"</udt:", "</@3"}, {"<qdt:", "<@4"}, {"</qdt:", "</@4"},
           {"@1", "a:"}, {"@2", "udt:"}, {"@3", "ram:"}, {"@4", "q:"}}) {
    for (size_t at = 0; (at = odd.find(from, at)) != std::string::npos; at += to.size()) {
      odd.replace(at, from.size(), to);
    }
  }
  ASSERT_EQ(odd.find("<rsm:"), std::string::npos);
  ReadResult r = ReadText(odd);
  EXPECT_TRUE(r.unmapped.empty()) << r.unmapped.front().path;
  EXPECT_EQ(r.invoice, canonical.invoice) << Diff(r.invoice, canonical.invoice);

  // RAM as the default namespace.
  std::string deflt = Sample("<ram:", "<");
  for (auto [from, to] : {std::pair{"</ram:", "</"}, std::pair{"xmlns:ram=", "xmlns="}}) {
    for (size_t at = 0; (at = deflt.find(from, at)) != std::string::npos;) {
      deflt.replace(at, std::string(from).size(), to);
    }
  }
  ReadResult d = ReadText(deflt);
  EXPECT_TRUE(d.unmapped.empty()) << d.unmapped.front().path;
  EXPECT_EQ(d.invoice, canonical.invoice) << Diff(d.invoice, canonical.invoice);

  // The right prefix bound to another namespace is not the element.
  ReadResult other = ReadText(Sample(
      "<ram:BuyerReference>", "<ram:BuyerReference xmlns:ram=\"urn:other\">"));
  EXPECT_FALSE(other.invoice.buyer_reference.has_value());
  ASSERT_EQ(other.unmapped.size(), 1u);
  EXPECT_EQ(other.unmapped[0].value, "SERVICE-42");
}

TEST(CiiRead, FragmentWithMissingGroupsReadsAndRoundTrips) {
  const std::string fragment =
      "<rsm:CrossIndustryInvoice "
      "xmlns:rsm=\"urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100\" "
      "xmlns:ram=\"urn:un:unece:uncefact:data:standard:"
      "ReusableAggregateBusinessInformationEntity:100\">"
      "<rsm:ExchangedDocument><ram:ID>F1</ram:ID><ram:IssueDateTime/></rsm:ExchangedDocument>"
      "<rsm:SupplyChainTradeTransaction><ram:IncludedSupplyChainTradeLineItem/>"
      "<ram:ApplicableHeaderTradeSettlement><ram:SpecifiedTradeAllowanceCharge/>"
      "</ram:ApplicableHeaderTradeSettlement></rsm:SupplyChainTradeTransaction>"
      "</rsm:CrossIndustryInvoice>";
  ReadResult r = ReadText(fragment);
  EXPECT_EQ(r.invoice.number, "F1");
  EXPECT_FALSE(r.invoice.issue_date.has_value());
  EXPECT_EQ(r.invoice.lines.size(), 1u);
  EXPECT_EQ(r.invoice.allowances_charges.size(), 1u);
  EXPECT_EQ(r.diagnostics.size(), 2u);  // missing date string, missing indicator
  for (const Diagnostic& d : r.diagnostics) EXPECT_EQ(d.severity, Severity::kWarning);
  ReadResult again = ReadText(WriteCii(r.invoice).xml, "fragment (written)");
  EXPECT_EQ(again.invoice, r.invoice) << Diff(again.invoice, r.invoice);
}

TEST(CiiRead, NonCiiRootIsAnError) {
  ReadResult r = ReadText(
      "<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\"/>");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].severity, Severity::kError);
  EXPECT_FALSE(r.invoice.number.has_value());
}

// Deleting or duplicating any single element of a rich example never makes
// the reader fail or stop reporting in kind.
TEST(CiiRead, SurvivesEveryElementRemovedOrDuplicated) {
  std::string source =
      ReadFile(SharedDir() / "conformance/en16931/cii-examples/CII_example5.xml");
  pugi::xml_document base;
  ASSERT_TRUE(base.load_string(source.c_str()));
  std::vector<pugi::xml_node> all;
  for (const pugi::xpath_node& n : base.select_nodes("//*")) all.push_back(n.node());
  ASSERT_GT(all.size(), 100u);
  for (size_t i = 1; i < all.size(); i += 3) {
    for (bool duplicate : {false, true}) {
      pugi::xml_document copy;
      copy.reset(base);
      pugi::xml_node n = copy.select_nodes("//*")[i].node();
      if (duplicate) {
        n.parent().insert_copy_after(n, n);
      } else {
        n.parent().remove_child(n);
      }
      std::ostringstream out;
      copy.save(out);
      auto doc = Load(out.str(), "mutant");
      ASSERT_TRUE(doc);
      ReadResult r = ReadCii(*doc);
      for (const Diagnostic& d : r.diagnostics) EXPECT_NE(d.severity, Severity::kError);
      WriteResult w = WriteCii(r.invoice);
      EXPECT_FALSE(w.xml.empty());
    }
  }
}

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
  inv.delivery = Delivery{"Site", Identifier{"LOC-1", "0088", {}}, Date{2024, 4, 29},
                          addr("site")};
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
  inv.vat_breakdown = {{Dec("100.00"), Dec("20.00"), "S", Dec("20"), "Reason", "VATEX-X", {}},
                       {Dec("0"), Dec("0"), "E", Dec("0"), "Exempt", "VATEX-EU-132", {}}};
  inv.supporting_documents = {{"DOC-1", "Timesheet", "https://example.com/t", "SGVsbG8=",
                               "application/pdf", "t.pdf", }, {"DOC-2", {}, {}, {}, {}, {}}};
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
  l.allowances_charges = {{false, Dec("3"), Dec("93"), Dec("3.2258"), "Loyal", "95", {}},
                          {true, Dec("0"), {}, {}, {}, "ABK", {}}};
  l.price = PriceDetails{Dec("31"), Dec("1"), Dec("32"), Dec("1"), "HUR"};
  l.vat_category = "S";
  l.vat_rate = Dec("20");
  l.item.emplace().name = "Consulting";
  l.item->description = "Senior consulting";
  l.item->seller_id = "SKU-1";
  l.item->buyer_id = "B-SKU-1";
  l.item->standard_id = Identifier{"4012345678901", "0160", {}};
  l.item->classifications = {{"73110000", "STI", "2.1"}, {"A1", "ZZZ", std::nullopt}};
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
    for (pugi::xml_attribute a : d.document_element().attributes()) out.push_back(a.name());
    std::sort(out.begin(), out.end());
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(names(WriteCii(inv).xml), (V{"xmlns:qdt", "xmlns:ram", "xmlns:rsm", "xmlns:udt"}));
  inv.preceding_invoices[0].issue_date.reset();
  EXPECT_EQ(names(WriteCii(inv).xml), (V{"xmlns:ram", "xmlns:rsm", "xmlns:udt"}));
}

TEST(CiiWrite, PrettyUsesTwoSpacesAndCompactHasNoWhitespaceNodes) {
  Invoice inv = ReadText(Sample()).invoice;
  std::string pretty = WriteCii(inv).xml;
  EXPECT_EQ(pretty.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rsm:CrossIndustryInvoice", 0), 0u);
  EXPECT_NE(pretty.find("\n  <rsm:ExchangedDocumentContext>\n    <ram:"), std::string::npos);
  std::string compact = WriteCii(inv, WriteOptions{false}).xml;
  EXPECT_EQ(compact.find("\n  <"), std::string::npos);
  EXPECT_EQ(compact.find("> <"), std::string::npos);
  EXPECT_EQ(ReadText(compact).invoice, inv);
  EXPECT_EQ(XsdErrors(compact, "compact"), "");
}

TEST(CiiWrite, ReportsWhatD16BCannotCarry) {
  Invoice inv = ReadText(Sample()).invoice;
  EXPECT_TRUE(WriteCii(inv).lost.empty());
  inv.preceding_invoices.push_back(PrecedingInvoice{"FA-2023-100", Date{2023, 12, 2}});
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
  p.direct_debit = DirectDebit{"MANDATE-1", "FR00ZZZ123456", "DE89370400440532013000"};
  inv.tax_point_date = Date{2024, 3, 1};
  inv.tax_point_date_code.reset();
  inv.invoiced_object_id = Identifier{"OBJ-1", "AAA", {}};
  inv.tender_reference = "LOT-3";
  inv.supporting_documents.push_back(
      SupportingDocument{"DOC-1", "Timesheet", "https://example.com/t", "SGVsbG8=",
                         "application/pdf", "t.pdf"});
  WriteResult w = WriteCii(inv);
  EXPECT_TRUE(w.lost.empty());
  EXPECT_EQ(XsdErrors(w.xml, "payment"), "");
  EXPECT_NE(w.xml.find("<ram:ProprietaryID>ACC-LOCAL-9</ram:ProprietaryID>"), std::string::npos);
  ReadResult r = ReadText(w.xml, "payment (written)");
  EXPECT_TRUE(r.unmapped.empty()) << r.unmapped.front().path;
  EXPECT_EQ(r.invoice, inv) << Diff(r.invoice, inv);
}

}  // namespace
}  // namespace chorus

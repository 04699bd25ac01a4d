// ReadCii: focused binding checks on the hand-written invoice of
// cii_sample.h, whose values and line numbers are known.
#include <gtest/gtest.h>

#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "chorus/format/document.h"
#include "chorus/format/syntax.h"
#include "format/cii_test_util.h"
#include "support/test_env.h"

namespace chorus {
namespace {

using chorus::testing::ReadFile;
using chorus::testing::SharedDir;
using chorus::testing::cii::Dec;
using chorus::testing::cii::Diff;
using chorus::testing::cii::Load;
using chorus::testing::cii::ReadText;
using chorus::testing::cii::Sample;

TEST(CiiRead, MapsKnownValuesOfTheSample) {
  auto doc = Load(Sample(), "test");
  ASSERT_TRUE(doc);
  ReadResult r = ReadCii(*doc);
  EXPECT_TRUE(r.diagnostics.empty());
  EXPECT_TRUE(r.unmapped.empty()) << r.unmapped.front().path;
  const Invoice& inv = r.invoice;
  EXPECT_EQ(inv.kind, DocumentKind::kInvoice);
  EXPECT_EQ(inv.number, "FA-2024-001");                        // BT-1
  EXPECT_EQ(inv.issue_date, (Date{2024, 3, 15}));              // BT-2
  EXPECT_EQ(inv.type_code, "380");                             // BT-3
  EXPECT_EQ(inv.currency, "EUR");                              // BT-5
  EXPECT_EQ(inv.accounting_currency, "USD");                   // BT-6
  EXPECT_EQ(inv.tax_point_date_code, "5");                     // BT-8
  EXPECT_EQ(inv.due_date, (Date{2024, 4, 14}));                // BT-9
  EXPECT_EQ(inv.buyer_reference, "SERVICE-42");                // BT-10
  EXPECT_EQ(inv.purchase_order_reference, "ENG-7");            // BT-13
  EXPECT_EQ(inv.specification_id, "urn:cen.eu:en16931:2017");  // BT-24
  ASSERT_EQ(inv.preceding_invoices.size(), 1u);                // BG-3
  EXPECT_EQ(inv.preceding_invoices[0].number, "FA-2023-099");
  EXPECT_EQ(inv.preceding_invoices[0].issue_date, (Date{2023, 12, 1}));
  EXPECT_EQ(inv.seller->name, "Vendeur SA");
  EXPECT_EQ(inv.seller->vat_id, "FR12345678901");  // BT-31
  EXPECT_EQ(inv.seller->address->country, "FR");
  EXPECT_EQ(SourceLine(*doc, inv.seller->pos), 36u);
  EXPECT_EQ(inv.buyer->name, "Acheteur SARL");
  EXPECT_EQ(inv.totals->line_net_total, Dec("95"));
  EXPECT_EQ(inv.vat_total, Dec("19"));                // BT-110
  EXPECT_EQ(inv.vat_total_accounting, Dec("20.52"));  // BT-111
  EXPECT_EQ(inv.totals->payable, Dec("114"));
  EXPECT_EQ(inv.totals->payable->ToString(), "114.00");  // source scale kept
  ASSERT_EQ(inv.vat_breakdown.size(), 1u);               // BG-23
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
  ASSERT_EQ(l.allowances_charges.size(), 1u);  // BG-27
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
  ReadResult r =
      ReadText(Sample("<ram:BuyerReference>SERVICE-42</ram:BuyerReference>",
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

// The reader holds the first two TaxTotalAmounts apart from the later
// ones: past two, they are still mapped and reported in document order.
TEST(CiiRead, TaxTotalsPastTheSecondKeepTheirOrder) {
  const std::string usd =
      "<ram:TaxTotalAmount currencyID=\"USD\">20.52</ram:TaxTotalAmount>";
  const std::string eur =
      "<ram:TaxTotalAmount currencyID=\"EUR\">19.00</ram:TaxTotalAmount>";
  const std::string both = eur + "\n        " + usd;
  // Each unmapped entry below the summation, as "step value reason".
  auto reasons = [](const ReadResult& r) {
    const std::string under = "HeaderMonetarySummation/";
    std::vector<std::string> out;
    for (const UnmappedDatum& u : r.unmapped) {
      out.push_back(u.path.substr(u.path.find(under) + under.size()) + " " +
                    u.value + " " + u.reason);
    }
    return out;
  };
  using V = std::vector<std::string>;
  const std::string kRepeated = "repeated: only the first is kept";
  const std::string kNotEn = "not an EN 16931 term";
  // USD, USD, EUR, USD: the EUR amount, third, is BT-110.
  ReadResult r = ReadText(Sample(both, usd + usd + eur + usd));
  EXPECT_EQ(r.invoice.vat_total, Dec("19.00"));
  EXPECT_EQ(r.invoice.vat_total_accounting, Dec("20.52"));
  EXPECT_EQ(reasons(r), (V{"ram:TaxTotalAmount[2]/@currencyID USD " + kRepeated,
                           "ram:TaxTotalAmount[2] 20.52 " + kRepeated,
                           "ram:TaxTotalAmount[4]/@currencyID USD " + kRepeated,
                           "ram:TaxTotalAmount[4] 20.52 " + kRepeated}));
  // Five amounts, the last in a third currency.
  r = ReadText(Sample(both, eur + usd + eur + usd +
                                "<ram:TaxTotalAmount currencyID=\"GBP\">1"
                                "</ram:TaxTotalAmount>"));
  EXPECT_EQ(r.invoice.vat_total, Dec("19.00"));
  EXPECT_EQ(r.invoice.vat_total_accounting, Dec("20.52"));
  EXPECT_EQ(reasons(r), (V{"ram:TaxTotalAmount[3]/@currencyID EUR " + kRepeated,
                           "ram:TaxTotalAmount[3] 19.00 " + kRepeated,
                           "ram:TaxTotalAmount[4]/@currencyID USD " + kRepeated,
                           "ram:TaxTotalAmount[4] 20.52 " + kRepeated,
                           "ram:TaxTotalAmount[5]/@currencyID GBP " + kNotEn,
                           "ram:TaxTotalAmount[5] 1 " + kNotEn}));
}

TEST(CiiRead, BadAmountGivesDiagnosticAndLeavesTermUnset) {
  ReadResult r = ReadText(
      Sample("currencyID=\"USD\">20.52<", "currencyID=\"USD\">20,52<"));
  EXPECT_FALSE(r.invoice.vat_total_accounting.has_value());
  EXPECT_EQ(r.invoice.vat_total, Dec("19"));
  ASSERT_EQ(r.diagnostics.size(), 1u);
  const Diagnostic& d = r.diagnostics[0];
  EXPECT_EQ(d.rule, "CHORUS-READ");
  EXPECT_EQ(d.severity, Severity::kWarning);
  EXPECT_NE(d.message.find("BT-111"), std::string::npos) << d.message;
  EXPECT_NE(d.message.find("20,52"), std::string::npos) << d.message;
  EXPECT_NE(d.location.find("ram:TaxTotalAmount[2] (line 64)"),
            std::string::npos)
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
  ReadResult r =
      ReadText(Sample("format=\"102\">20240414", "format=\"610\">202404"));
  EXPECT_FALSE(r.invoice.due_date.has_value());
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_NE(r.diagnostics[0].message.find("610"), std::string::npos);
  EXPECT_NE(r.diagnostics[0].location.find("(line 59)"), std::string::npos);
  ReadResult bad = ReadText(Sample("20240315", "20240231"));
  EXPECT_FALSE(bad.invoice.issue_date.has_value());
  EXPECT_EQ(bad.diagnostics.size(), 1u);
  ReadResult typed = ReadText(
      Sample("<udt:DateTimeString format=\"102\">20240315</udt:DateTimeString>",
             "<udt:DateTime>2024-03-15T00:00:00</udt:DateTime>"));
  EXPECT_FALSE(typed.invoice.issue_date.has_value());
  ASSERT_EQ(typed.diagnostics.size(), 1u);
  EXPECT_NE(typed.diagnostics[0].message.find("BT-2"), std::string::npos);
}

// D22B allows several preceding invoice references (D16B one).
TEST(CiiRead, ReadsSeveralPrecedingInvoicesAsD22BAllows) {
  ReadResult r = ReadText(
      Sample("<ram:InvoiceReferencedDocument>",
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
  ReadResult r =
      ReadText(Sample("<ram:BuyerReference>SERVICE-42</ram:BuyerReference>",
                      "<ram:BuyerReference>SERVICE-42</ram:BuyerReference>"
                      "<ext:Project xmlns:ext=\"urn:example:ext\" "
                      "code=\"A\">Apollo</ext:Project>"));
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
  ReadResult r = ReadText(
      Sample("<ram:ID>FA-2024-001<", "<ram:ID schemeID=\"X\">FA-2024-001<"));
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
           {"xmlns:rsm=", "xmlns:a="},
           {"xmlns:ram=", "xmlns:udt="},
           {"xmlns:udt=\"urn:un:unece:uncefact:data:standard:Unq",
            "xmlns:ram=\"urn:un:unece:uncefact:data:standard:Unq"},
           {"xmlns:qdt=", "xmlns:q="},
           {"<rsm:", "<@1"},
           {"</rsm:", "</@1"},
           {"<ram:", "<@2"},
           {"</ram:", "</@2"},
           {"<udt:", "<@3"},
           {"</udt:", "</@3"},
           {"<qdt:", "<@4"},
           {"</qdt:", "</@4"},
           {"@1", "a:"},
           {"@2", "udt:"},
           {"@3", "ram:"},
           {"@4", "q:"}}) {
    for (size_t at = 0; (at = odd.find(from, at)) != std::string::npos;
         at += to.size()) {
      odd.replace(at, from.size(), to);
    }
  }
  ASSERT_EQ(odd.find("<rsm:"), std::string::npos);
  ReadResult r = ReadText(odd);
  EXPECT_TRUE(r.unmapped.empty()) << r.unmapped.front().path;
  EXPECT_EQ(r.invoice, canonical.invoice) << Diff(r.invoice, canonical.invoice);

  // RAM as the default namespace.
  std::string deflt = Sample("<ram:", "<");
  for (auto [from, to] :
       {std::pair{"</ram:", "</"}, std::pair{"xmlns:ram=", "xmlns="}}) {
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
      "xmlns:rsm=\"urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:"
      "100\" "
      "xmlns:ram=\"urn:un:unece:uncefact:data:standard:"
      "ReusableAggregateBusinessInformationEntity:100\">"
      "<rsm:ExchangedDocument><ram:ID>F1</ram:ID><ram:IssueDateTime/></"
      "rsm:ExchangedDocument>"
      "<rsm:SupplyChainTradeTransaction><ram:IncludedSupplyChainTradeLineItem/>"
      "<ram:ApplicableHeaderTradeSettlement><ram:SpecifiedTradeAllowanceCharge/"
      ">"
      "</ram:ApplicableHeaderTradeSettlement></rsm:SupplyChainTradeTransaction>"
      "</rsm:CrossIndustryInvoice>";
  ReadResult r = ReadText(fragment);
  EXPECT_EQ(r.invoice.number, "F1");
  EXPECT_FALSE(r.invoice.issue_date.has_value());
  EXPECT_EQ(r.invoice.lines.size(), 1u);
  EXPECT_EQ(r.invoice.allowances_charges.size(), 1u);
  EXPECT_EQ(r.diagnostics.size(),
            2u);  // missing date string, missing indicator
  for (const Diagnostic& d : r.diagnostics)
    EXPECT_EQ(d.severity, Severity::kWarning);
  ReadResult again = ReadText(WriteCii(r.invoice).xml, "fragment (written)");
  EXPECT_EQ(again.invoice, r.invoice) << Diff(again.invoice, r.invoice);
}

TEST(CiiRead, NonCiiRootIsAnError) {
  ReadResult r = ReadText(
      "<Invoice "
      "xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\"/>");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].severity, Severity::kError);
  EXPECT_FALSE(r.invoice.number.has_value());
}

// Deleting or duplicating any single element of a rich example never makes
// the reader fail or stop reporting in kind.
TEST(CiiRead, SurvivesEveryElementRemovedOrDuplicated) {
  std::string source = ReadFile(
      SharedDir() / "conformance/en16931/cii-examples/CII_example5.xml");
  pugi::xml_document base;
  ASSERT_TRUE(base.load_string(source.c_str()));
  std::vector<pugi::xml_node> all;
  for (const pugi::xpath_node& n : base.select_nodes("//*"))
    all.push_back(n.node());
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
      for (const Diagnostic& d : r.diagnostics)
        EXPECT_NE(d.severity, Severity::kError);
      WriteResult w = WriteCii(r.invoice);
      EXPECT_FALSE(w.xml.empty());
    }
  }
}

}  // namespace
}  // namespace chorus

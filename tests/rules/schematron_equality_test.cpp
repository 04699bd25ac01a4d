// Rule-by-rule equality with the official Schematron on documents where its
// XPath semantics are easy to miss (scripts/compare/KNOWN.md, classes A-E and
// G). Each expectation is read from the assert's context and test in the
// official artefacts: a rule fires once per node its context matches.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "chorus/format/document.h"
#include "chorus/format/syntax.h"
#include "chorus/rules/rules.h"
#include "rules/business_core_test_util.h"

namespace chorus {
namespace {

// Findings of `rule` on the document.
int Count(const std::string& xml, std::string_view rule) {
  auto loaded = LoadDocumentBuffer(xml, "equality.xml");
  EXPECT_TRUE(loaded.ok());
  if (!loaded.ok()) return -1;
  ReadResult read = ReadInvoice(**loaded);
  int n = 0;
  for (const Diagnostic& d : CheckRules(**loaded, read)) n += d.rule == rule;
  return n;
}

constexpr std::string_view kUblNs =
    R"( xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2")"
    R"( xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">)";

std::string UblRoot(std::string_view root, const std::string& body) {
  std::string xml = "<" + std::string(root) +
                    " xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:" +
                    std::string(root) + "-2\"";
  return xml + std::string(kUblNs) + body + "</" + std::string(root) + ">";
}

// A CII invoice in EUR: `settlement` inside the header settlement (before
// the summation), `summation` inside the monetary summation, `lines`
// before the header settlement.
std::string Cii(const std::string& settlement, const std::string& summation,
                const std::string& lines = "") {
  return std::string(core_test::kCiiTransactionOpen) + lines +
         "<ram:ApplicableHeaderTradeSettlement>"
         "<ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>" +
         settlement + "<ram:SpecifiedTradeSettlementHeaderMonetarySummation>" +
         summation +
         "</ram:SpecifiedTradeSettlementHeaderMonetarySummation>"
         "</ram:ApplicableHeaderTradeSettlement>"
         "</rsm:SupplyChainTradeTransaction></rsm:CrossIndustryInvoice>";
}

std::string CiiLine(std::string_view amount) {
  return "<ram:IncludedSupplyChainTradeLineItem><ram:"
         "SpecifiedLineTradeSettlement>"
         "<ram:SpecifiedTradeSettlementLineMonetarySummation><ram:"
         "LineTotalAmount>" +
         std::string(amount) +
         "</ram:LineTotalAmount></"
         "ram:SpecifiedTradeSettlementLineMonetarySummation>"
         "</ram:SpecifiedLineTradeSettlement></"
         "ram:IncludedSupplyChainTradeLineItem>";
}

// Class A: a rule fires once per node its context matches, and its test
// reads every occurrence. UBL BR-45..BR-48, BR-CO-17 and BR-DEC-20 run on
// every cac:TaxTotal/cac:TaxSubtotal, BR-CO-14 on every cac:TaxTotal.
TEST(SchematronEquality, EveryRepeatedContextIsChecked) {
  const std::string vat_category =
      "<cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>20</cbc:Percent>"
      "<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory>";
  const std::string total =
      "<cac:TaxTotal><cbc:TaxAmount currencyID=\"EUR\">10.00</cbc:TaxAmount>"
      "<cac:TaxSubtotal><cbc:TaxAmount currencyID=\"EUR\">5.001"
      "</cbc:TaxAmount>" +
      vat_category + "</cac:TaxSubtotal></cac:TaxTotal>";
  std::string two = UblRoot("Invoice", total + total);
  EXPECT_EQ(Count(two, "BR-45"), 2);
  EXPECT_EQ(Count(two, "BR-CO-14"), 2);
  EXPECT_EQ(Count(two, "BR-DEC-20"), 2);
  EXPECT_EQ(Count(two, "BR-CO-17"), 2);
  EXPECT_EQ(Count(UblRoot("Invoice", total), "BR-45"), 1);

  // BR-48: exists(cac:TaxCategory[VAT]/cbc:Percent) or
  // (cac:TaxCategory[VAT]/normalize-space(cbc:ID) = 'O'), over every
  // category of the subtotal.
  auto category = [](std::string_view id) {
    return "<cac:TaxCategory><cbc:ID>" + std::string(id) +
           "</cbc:ID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme>"
           "</cac:TaxCategory>";
  };
  auto subtotal = [](const std::string& categories) {
    return UblRoot("Invoice", "<cac:TaxTotal><cac:TaxSubtotal>" + categories +
                                  "</cac:TaxSubtotal></cac:TaxTotal>");
  };
  EXPECT_EQ(Count(subtotal(category("B")), "BR-48"), 1);
  EXPECT_EQ(Count(subtotal(category("B") + category("O")), "BR-48"), 0);

  // The totals rules run on every cac:LegalMonetaryTotal.
  const std::string totals =
      "<cac:LegalMonetaryTotal><cbc:LineExtensionAmount currencyID=\"EUR\">"
      "0.001</cbc:LineExtensionAmount></cac:LegalMonetaryTotal>";
  std::string two_totals = UblRoot("Invoice", totals + totals);
  EXPECT_EQ(Count(two_totals, "BR-15"), 2);
  EXPECT_EQ(Count(two_totals, "BR-DEC-09"), 2);
  EXPECT_EQ(Count(UblRoot("Invoice", totals), "BR-DEC-09"), 1);

  // CII: two header settlements. BR-CO-14 runs on the ram:TaxTotalAmount
  // of each and sums every settlement's ram:CalculatedAmount (20 != 10);
  // BR-CO-15 counts the amounts of both (2, not 1).
  std::string one =
      Cii("<ram:ApplicableTradeTax><ram:CalculatedAmount>10.00"
          "</ram:CalculatedAmount></ram:ApplicableTradeTax>",
          "<ram:TaxBasisTotalAmount>100.00</ram:TaxBasisTotalAmount>"
          "<ram:TaxTotalAmount currencyID=\"EUR\">10.00</ram:TaxTotalAmount>"
          "<ram:GrandTotalAmount>110.00</ram:GrandTotalAmount>");
  EXPECT_EQ(Count(one, "BR-CO-14"), 0);
  EXPECT_EQ(Count(one, "BR-CO-15"), 0);
  const std::string open = "<ram:ApplicableHeaderTradeSettlement>";
  const std::string close = "</ram:ApplicableHeaderTradeSettlement>";
  std::size_t from = one.find(open);
  std::size_t to = one.find(close) + close.size();
  std::string twice = one;
  twice.insert(to, one.substr(from, to - from));
  EXPECT_EQ(Count(twice, "BR-CO-14"), 2);
  EXPECT_EQ(Count(twice, "BR-CO-15"), 1);

  // CII BR-E-08 sums the lines of every rsm:SupplyChainTradeTransaction
  // and runs on the exempt breakdown of each.
  std::string exempt = Cii(
      "<ram:ApplicableTradeTax><ram:BasisAmount>100.00</ram:BasisAmount>"
      "<ram:TypeCode>VAT</ram:TypeCode><ram:CategoryCode>E</ram:CategoryCode>"
      "</ram:ApplicableTradeTax>",
      "",
      "<ram:IncludedSupplyChainTradeLineItem><ram:SpecifiedLineTradeSettlement>"
      "<ram:ApplicableTradeTax><ram:TypeCode>VAT</ram:TypeCode>"
      "<ram:CategoryCode>E</ram:CategoryCode></ram:ApplicableTradeTax>"
      "<ram:SpecifiedTradeSettlementLineMonetarySummation>"
      "<ram:LineTotalAmount>100.00</ram:LineTotalAmount>"
      "</ram:SpecifiedTradeSettlementLineMonetarySummation>"
      "</ram:SpecifiedLineTradeSettlement>"
      "</ram:IncludedSupplyChainTradeLineItem>");
  EXPECT_EQ(Count(exempt, "BR-E-08"), 0);
  const std::string open_tx = "<rsm:SupplyChainTradeTransaction>";
  const std::string close_tx = "</rsm:SupplyChainTradeTransaction>";
  std::size_t tx_from = exempt.find(open_tx);
  std::size_t tx_to = exempt.find(close_tx) + close_tx.size();
  exempt.insert(tx_to, exempt.substr(tx_from, tx_to - tx_from));
  EXPECT_EQ(Count(exempt, "BR-E-08"), 2);

  // UBL BR-CO-09 runs on every VAT cac:PartyTaxScheme, the seller's second
  // one included.
  auto scheme = [](std::string_view id) {
    return "<cac:PartyTaxScheme><cbc:CompanyID>" + std::string(id) +
           "</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID>"
           "</cac:TaxScheme></cac:PartyTaxScheme>";
  };
  auto seller = [](const std::string& schemes) {
    return UblRoot("Invoice", "<cac:AccountingSupplierParty><cac:Party>" +
                                  schemes +
                                  "</cac:Party></cac:AccountingSupplierParty>");
  };
  EXPECT_EQ(Count(seller(scheme("FR12345678901")), "BR-CO-09"), 0);
  EXPECT_EQ(Count(seller(scheme("FR12345678901") + scheme("12345678901")),
                  "BR-CO-09"),
            1);
}

// Class A too: BR-09/BR-11 run on every seller/buyer cac:PostalAddress and
// read the code of every cac:Country (one code anywhere passes, none fails).
TEST(SchematronEquality, EveryPostalAddressIsChecked) {
  auto supplier = [](const std::string& addresses) {
    return UblRoot("Invoice", "<cac:AccountingSupplierParty><cac:Party>" +
                                  addresses +
                                  "</cac:Party></cac:AccountingSupplierParty>");
  };
  const std::string se =
      "<cac:Country><cbc:IdentificationCode>SE</cbc:IdentificationCode>"
      "</cac:Country>";
  const std::string empty = "<cac:Country/>";
  EXPECT_EQ(Count(supplier("<cac:PostalAddress>" + se + "</cac:PostalAddress>"),
                  "BR-09"),
            0);
  EXPECT_EQ(Count(supplier("<cac:PostalAddress>" + empty + se +
                           "</cac:PostalAddress>"),
                  "BR-09"),
            0);
  EXPECT_EQ(Count(supplier("<cac:PostalAddress>" + empty +
                           "</cac:PostalAddress><cac:PostalAddress>" + empty +
                           "</cac:PostalAddress>"),
                  "BR-09"),
            2);
  EXPECT_EQ(Count(supplier("<cac:PostalAddress>" + se +
                           "</cac:PostalAddress><cac:PostalAddress>" + empty +
                           "</cac:PostalAddress>"),
                  "BR-09"),
            1);
  // BR-57 asks exists(cac:Country/cbc:IdentificationCode) of every address.
  const std::string no_code = "<cac:Address>" + empty + "</cac:Address>";
  EXPECT_EQ(
      Count(UblRoot("Invoice", "<cac:Delivery><cac:DeliveryLocation>" +
                                   no_code + no_code +
                                   "</cac:DeliveryLocation></cac:Delivery>"),
            "BR-57"),
      2);
}

// Class B: the UBL line rules' context is `cac:InvoiceLine |
// cac:CreditNoteLine` and BR-16 is `exists(cac:InvoiceLine) or
// exists(cac:CreditNoteLine)`, whatever the root.
TEST(SchematronEquality, UblLineOfTheOtherDocumentTypeIsALine) {
  const std::string bare_line = "<cbc:ID>1</cbc:ID>";
  std::string credit = UblRoot(
      "CreditNote", "<cac:InvoiceLine>" + bare_line + "</cac:InvoiceLine>");
  EXPECT_EQ(Count(credit, "BR-16"), 0);
  EXPECT_EQ(Count(credit, "BR-21"), 0);
  EXPECT_EQ(Count(credit, "BR-22"), 1);  // no quantity
  EXPECT_EQ(Count(credit, "BR-25"), 1);  // no item name
  EXPECT_EQ(Count(credit, "BR-CO-04"), 1);

  std::string invoice =
      UblRoot("Invoice", "<cac:CreditNoteLine/><cac:CreditNoteLine>" +
                             bare_line + "</cac:CreditNoteLine>");
  EXPECT_EQ(Count(invoice, "BR-16"), 0);
  EXPECT_EQ(Count(invoice, "BR-21"), 1);  // the first line has no ID
  EXPECT_EQ(Count(invoice, "BR-24"), 2);

  // BR-CO-10 sums both kinds of line.
  std::string mixed = UblRoot(
      "Invoice",
      "<cac:LegalMonetaryTotal><cbc:LineExtensionAmount currencyID=\"EUR\">"
      "30.00</cbc:LineExtensionAmount></cac:LegalMonetaryTotal>"
      "<cac:InvoiceLine><cbc:LineExtensionAmount currencyID=\"EUR\">10.00"
      "</cbc:LineExtensionAmount></cac:InvoiceLine>"
      "<cac:CreditNoteLine><cbc:LineExtensionAmount currencyID=\"EUR\">20.00"
      "</cbc:LineExtensionAmount></cac:CreditNoteLine>");
  EXPECT_EQ(Count(mixed, "BR-CO-10"), 0);
  EXPECT_EQ(Count(mixed, "BR-24"), 0);
}

// Class C: the header rules of categories O, L and M take the CII
// ram:ApplicableTradeTax itself as context and precede the generic
// breakdown rule, so its asserts never run on such a breakdown.
TEST(SchematronEquality, CiiOLMBreakdownShadowsTheGenericRule) {
  auto tax = [](std::string_view type, std::string_view code) {
    return "<ram:ApplicableTradeTax>" + std::string(type) +
           "<ram:CategoryCode>" + std::string(code) +
           "</ram:CategoryCode></ram:ApplicableTradeTax>";
  };
  const std::string vat = "<ram:TypeCode>VAT</ram:TypeCode>";
  for (std::string_view code : {"O", "L", "M"}) {
    std::string doc = Cii(tax(vat, code), "");
    for (std::string_view rule :
         {"BR-45", "BR-46", "BR-47", "BR-48", "BR-CO-17"}) {
      EXPECT_EQ(Count(doc, rule), 0) << code << " " << rule;
    }
  }
  // Another category: the generic rule runs (no taxable, no tax amount).
  std::string standard = Cii(tax(vat, "S"), "");
  EXPECT_EQ(Count(standard, "BR-45"), 1);
  EXPECT_EQ(Count(standard, "BR-46"), 1);
  // upper-case() of two type codes is an error, so the O rule's context
  // does not match and the generic rule does.
  std::string two_types = Cii(tax(vat + vat, "O"), "");
  EXPECT_EQ(Count(two_types, "BR-45"), 1);
  // Without the VAT type code the O rule does not match either.
  EXPECT_EQ(Count(Cii(tax("", "O"), ""), "BR-45"), 1);
}

// Class D: a rule context whose predicate raises an error (normalize-space
// or upper-case of two values) matches nothing, so its asserts do not run.
TEST(SchematronEquality, ContextRaisingAnErrorMatchesNothing) {
  auto ubl = [](std::string_view ids) {
    return UblRoot("Invoice",
                   "<cac:TaxTotal><cac:TaxSubtotal><cbc:TaxableAmount "
                   "currencyID=\"EUR\">100.00</cbc:TaxableAmount>"
                   "<cac:TaxCategory>" +
                       std::string(ids) +
                       "<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme>"
                       "</cac:TaxCategory></cac:TaxSubtotal></cac:TaxTotal>");
  };
  // No line: the taxable amount matches no sum, so BR-O-08 fails...
  EXPECT_EQ(Count(ubl("<cbc:ID>O</cbc:ID>"), "BR-O-08"), 1);
  // ...unless normalize-space(cbc:ID) has two IDs to read.
  EXPECT_EQ(Count(ubl("<cbc:ID>O</cbc:ID><cbc:ID>O</cbc:ID>"), "BR-O-08"), 0);

  auto cii = [](std::string_view types) {
    return Cii(
        "<ram:ApplicableTradeTax><ram:BasisAmount>100.00"
        "</ram:BasisAmount>" +
            std::string(types) +
            "<ram:CategoryCode>O</ram:CategoryCode>"
            "</ram:ApplicableTradeTax>",
        "");
  };
  const std::string vat = "<ram:TypeCode>VAT</ram:TypeCode>";
  EXPECT_EQ(Count(cii(vat), "BR-O-08"), 1);
  EXPECT_EQ(Count(cii(vat + vat), "BR-O-08"), 0);
}

// Class E: an untyped value in arithmetic or compared with a number is an
// xs:double; only an explicit xs:decimal() casts to decimal.
TEST(SchematronEquality, CiiUntypedArithmeticIsDouble) {
  // BR-CO-12: "1e3" is 1000, not the empty sum of no charge.
  EXPECT_EQ(Count(Cii("", "<ram:ChargeTotalAmount>1e3</ram:ChargeTotalAmount>"),
                  "BR-CO-12"),
            1);
  EXPECT_EQ(Count(Cii("", "<ram:ChargeTotalAmount>0</ram:ChargeTotalAmount>"),
                  "BR-CO-12"),
            0);
  // BR-CO-14: the sum of the breakdowns' untyped tax amounts.
  auto vat_total = [](std::string_view calculated, std::string_view total) {
    return Cii("<ram:ApplicableTradeTax><ram:CalculatedAmount>" +
                   std::string(calculated) +
                   "</ram:CalculatedAmount><ram:TypeCode>VAT</ram:TypeCode>"
                   "<ram:CategoryCode>S</ram:CategoryCode>"
                   "</ram:ApplicableTradeTax>",
               "<ram:TaxTotalAmount currencyID=\"EUR\">" + std::string(total) +
                   "</ram:TaxTotalAmount>");
  };
  EXPECT_EQ(Count(vat_total("1e3", "1000.00"), "BR-CO-14"), 0);
  EXPECT_EQ(Count(vat_total("1e3", "999.00"), "BR-CO-14"), 1);
  // BR-DEC-13: `. = round(. * 100) div 100` holds for 1e3.
  EXPECT_EQ(Count(vat_total("1e3", "1e3"), "BR-DEC-13"), 0);
  EXPECT_EQ(Count(vat_total("1e3", "1e3"), "BR-CO-14"), 0);
  EXPECT_EQ(Count(vat_total("1", "1.005"), "BR-DEC-13"), 1);
  // BR-CO-10: fn:sum adds the line amounts as doubles before the cast to
  // xs:decimal: 999.995 + 500 + 2500 is 3999.99499..., which rounds to
  // 3999.99 (the exact 3999.995 would round to 4000.00).
  const std::string lines =
      CiiLine("999.995") + CiiLine("500") + CiiLine("2500");
  EXPECT_EQ(Count(Cii("", "<ram:LineTotalAmount>3999.99</ram:LineTotalAmount>",
                      lines),
                  "BR-CO-10"),
            0);
  EXPECT_EQ(Count(Cii("", "<ram:LineTotalAmount>4000.00</ram:LineTotalAmount>",
                      lines),
                  "BR-CO-10"),
            1);
}

// Class G: an element's value is its string value, every text and CDATA
// piece joined, even where a comment or an empty CDATA section splits it.
TEST(SchematronEquality, TextSplitByACommentIsOneValue) {
  // BR-CO-04: the line's category scheme reads "VAT" across the split.
  for (std::string_view scheme : {"V<!-- x -->AT", "VA<![CDATA[T]]>"}) {
    std::string line = UblRoot(
        "Invoice",
        "<cac:InvoiceLine><cbc:ID>1</cbc:ID><cac:Item><cbc:Name>n</cbc:Name>"
        "<cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID><cac:TaxScheme>"
        "<cbc:ID>" +
            std::string(scheme) +
            "</cbc:ID></cac:TaxScheme></cac:ClassifiedTaxCategory>"
            "</cac:Item></cac:InvoiceLine>");
    EXPECT_EQ(Count(line, "BR-CO-04"), 0) << scheme;
  }
  // BR-CO-10 adds "1<!-- -->0.00" as 10.00, in both syntaxes.
  std::string ubl = UblRoot(
      "Invoice",
      "<cac:LegalMonetaryTotal><cbc:LineExtensionAmount currencyID=\"EUR\">"
      "30.00</cbc:LineExtensionAmount></cac:LegalMonetaryTotal>"
      "<cac:InvoiceLine><cbc:LineExtensionAmount currencyID=\"EUR\">1<!-- -->"
      "0.00</cbc:LineExtensionAmount></cac:InvoiceLine>"
      "<cac:InvoiceLine><cbc:LineExtensionAmount currencyID=\"EUR\">20.00"
      "</cbc:LineExtensionAmount></cac:InvoiceLine>");
  EXPECT_EQ(Count(ubl, "BR-CO-10"), 0);
  const std::string lines = CiiLine("1<!-- -->0.00") + CiiLine("20.00");
  EXPECT_EQ(
      Count(Cii("", "<ram:LineTotalAmount>30.00</ram:LineTotalAmount>", lines),
            "BR-CO-10"),
      0);
}

}  // namespace
}  // namespace chorus

// The UBL walks that pick elements by the syntax walk's interned names
// (the business rules' VAT gather, the code lists) and share parses (the
// BR-CO-10 line sum) answer exactly as the same families run alone, which
// pick by name key and parse for themselves:
// on the official examples and on a document made to trip the fast paths
// (names in a foreign namespace, names no syntax rule mentions, a repeated
// line amount, one split by a comment, codes repeated and not).
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "../src/rules/business_internal.h"
#include "../src/rules/code_lists.h"
#include "../src/rules/engine_internal.h"
#include "chorus/format/document.h"
#include "chorus/format/syntax.h"
#include "support/test_env.h"

namespace chorus::rules {
// As ubl_syntax_internal.h declares it (that header needs src/ on the
// include path).
void CheckUblSyntaxRules(const RunContext& ctx,
                         std::span<const int32_t>* names);
}  // namespace chorus::rules

namespace chorus {
namespace {

std::vector<std::string> Lines(const std::vector<Diagnostic>& ds) {
  std::vector<std::string> out;
  for (const Diagnostic& d : ds) {
    out.push_back(d.rule + " | " + d.message + " | " + d.location);
  }
  return out;
}

struct Both {
  std::vector<std::string> alone;
  std::vector<std::string> by_name;
};

Both RunBoth(const XmlDocument& doc) {
  const ReadResult read = ReadInvoice(doc);
  Both out;
  std::vector<Diagnostic> alone;
  rules::RunContext a{doc, read, Syntax::kUbl, &alone};
  // The business families on their own: nothing shared between them.
  rules::CheckCoreBusinessRules(a);
  rules::CheckVatCategoryRules(a);
  rules::CheckCodeListRules(a);
  out.alone = Lines(alone);

  std::vector<Diagnostic> syntax, by_name;
  rules::RunContext s{doc, read, Syntax::kUbl, &syntax};
  std::span<const int32_t> names;
  rules::CheckUblSyntaxRules(s, &names);
  rules::RunContext b{doc, read, Syntax::kUbl, &by_name};
  b.index = s.index;  // the entries `names` describes
  rules::CheckBusinessRules(b, names);
  rules::CheckCodeListRules(b, names);
  out.by_name = Lines(by_name);
  return out;
}

TEST(PickedPaths, OfficialUblExamplesAnswerAlike) {
  const auto files = testing::XmlFilesIn(testing::SharedDir() /
                                         "conformance/en16931/ubl-examples");
  ASSERT_GT(files.size(), 10u);
  for (const auto& file : files) {
    auto loaded = LoadDocumentFile(file.string());
    ASSERT_TRUE(loaded.ok()) << file;
    const Both both = RunBoth(*loaded.value());
    EXPECT_EQ(both.alone, both.by_name) << file.filename();
  }
}

// A zero-rated line with unit `unit` and `amounts` (its net amount
// elements, as written).
std::string ZeroRatedLine(const std::string& id, const std::string& unit,
                          const std::string& amounts) {
  return " <cac:InvoiceLine><cbc:ID>" + id +
         "</cbc:ID>\n  <cbc:InvoicedQuantity unitCode=\"" + unit +
         "\">1</cbc:InvoicedQuantity>\n  " + amounts +
         "\n  <cac:Item><cbc:Name>a</cbc:Name><cac:ClassifiedTaxCategory>"
         "<cbc:ID>Z</cbc:ID><cbc:Percent>0</cbc:Percent><cac:TaxScheme>"
         "<cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:ClassifiedTaxCategory>"
         "</cac:Item>\n  <cac:Price><cbc:PriceAmount currencyID=\"EUR\">10"
         "</cbc:PriceAmount></cac:Price>\n </cac:InvoiceLine>\n";
}

TEST(PickedPaths, OddNamesAndAmountsAnswerAlike) {
  const std::string xml =
      R"(<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
 xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
 xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
 xmlns:x="urn:example:other">
 <cbc:ID>1</cbc:ID>
 <cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>
 <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
 <cac:AccountingSupplierParty><cac:Party>
  <cac:PartyTaxScheme><cbc:CompanyID>XX1</cbc:CompanyID>
   <cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>
  <x:PartyTaxScheme><cbc:CompanyID>YY2</cbc:CompanyID>
   <cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></x:PartyTaxScheme>
 </cac:Party></cac:AccountingSupplierParty>
 <cac:AllowanceCharge><cbc:ChargeIndicator>false</cbc:ChargeIndicator>
  <cbc:Amount currencyID="EUR">1.00</cbc:Amount>
  <x:TaxCategory><cbc:ID>S</cbc:ID></x:TaxCategory>
  <cac:TaxCategory><cbc:ID>Z</cbc:ID><cbc:Percent>0</cbc:Percent>
   <cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory>
 </cac:AllowanceCharge>
 <cac:TaxTotal><cbc:TaxAmount currencyID="EUR">0</cbc:TaxAmount>
  <cac:TaxSubtotal><cbc:TaxableAmount currencyID="EUR">19</cbc:TaxableAmount>
   <cbc:TaxAmount currencyID="XXX">0</cbc:TaxAmount>
   <cac:TaxCategory><cbc:ID>Z</cbc:ID><cbc:Percent>0</cbc:Percent>
    <cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory>
  </cac:TaxSubtotal></cac:TaxTotal>
 <cac:LegalMonetaryTotal>
  <cbc:LineExtensionAmount currencyID="EUR">20</cbc:LineExtensionAmount>
  <cbc:PayableAmount currencyID="EUR">19</cbc:PayableAmount>
 </cac:LegalMonetaryTotal>
)" +
      ZeroRatedLine(
          "1", "C62",
          R"(<cbc:LineExtensionAmount currencyID="EUR">1<!-- split -->0.00</cbc:LineExtensionAmount>)") +
      ZeroRatedLine(
          "2", "ZZZ",
          R"(<cbc:LineExtensionAmount currencyID="EUR"> 10.005 </cbc:LineExtensionAmount>
  <x:LineExtensionAmount>1</x:LineExtensionAmount>)") +
      R"(
 <cac:InvoiceLine><cbc:ID>3</cbc:ID>
  <cbc:LineExtensionAmount currencyID="EUR">abc</cbc:LineExtensionAmount>
 </cac:InvoiceLine>
</Invoice>
)";
  auto loaded = LoadDocumentBuffer(xml, "odd.xml");
  ASSERT_TRUE(loaded.ok());
  const Both both = RunBoth(*loaded.value());
  EXPECT_FALSE(both.alone.empty());
  EXPECT_EQ(both.alone, both.by_name);
}

}  // namespace
}  // namespace chorus

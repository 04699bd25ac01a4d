// The CII code-list walk that picks elements by the CII syntax walk's name
// ids answers exactly as the walk run alone, which picks by name key: on
// the official examples and on a document of near names (another
// namespace, one byte off, under a near parent), with the fallback for a
// span of another size alike.
#include <gtest/gtest.h>

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "../src/rules/cii_syntax_internal.h"
#include "../src/rules/cii_syntax_names.h"
#include "../src/rules/code_lists.h"
#include "../src/rules/engine_internal.h"
#include "chorus/format/document.h"
#include "chorus/format/syntax.h"
#include "code_lists_test_util.h"
#include "support/test_env.h"

namespace chorus {
namespace {

using code_lists_test::Cii;
using code_lists_test::Summary;

struct Runs {
  std::size_t elements = 0;
  std::size_t names = 0;
  std::vector<Diagnostic> alone, by_id, short_span;
};

Runs RunAll(const XmlDocument& doc) {
  const ReadResult read;
  Runs out;
  std::vector<Diagnostic> syntax;
  rules::RunContext s{doc, read, Syntax::kCii, &syntax};
  std::span<const rules::cii::NameInfo> names;
  rules::CheckCiiSyntaxRules(s, &names);
  out.elements = static_cast<std::size_t>(s.Index().size());
  out.names = names.size();
  rules::RunContext a{doc, read, Syntax::kCii, &out.alone};
  a.index = s.index;
  rules::CheckCodeListRules(a);
  rules::RunContext b{doc, read, Syntax::kCii, &out.by_id};
  b.index = s.index;  // the entries `names` describes
  rules::CheckCodeListRules(b, names);
  rules::RunContext c{doc, read, Syntax::kCii, &out.short_span};
  c.index = s.index;
  rules::CheckCodeListRules(
      c, names.empty() ? names : names.first(names.size() - 1));
  return out;
}

void ExpectAlike(const Runs& r, const std::string& what) {
  EXPECT_EQ(r.names, r.elements) << what;  // the ids were there
  EXPECT_TRUE(r.by_id == r.alone) << what << ": by id\n"
                                  << Summary(r.by_id) << "by key\n"
                                  << Summary(r.alone);
  EXPECT_TRUE(r.short_span == r.alone) << what << ": short span\n"
                                       << Summary(r.short_span);
}

TEST(CodeListCiiIds, EveryNameHasAnId) {
  EXPECT_TRUE(rules::CiiCodeListsBySlot());
}

TEST(CodeListCiiIds, OfficialCiiExamplesAnswerAlike) {
  std::size_t examples = 0;
  for (const auto& file : testing::XmlFilesIn(
           testing::SharedDir() / "conformance/en16931/cii-examples")) {
    auto loaded = LoadDocumentFile(file.string());
    ASSERT_TRUE(loaded.ok()) << file;
    ExpectAlike(RunAll(*loaded.value()), file.filename().string());
    ++examples;
  }
  EXPECT_GT(examples, 10u);
}

// Every rule's element with a bad code, once where its context holds and
// once under a near parent or under a near name: the by-id walk must
// report the first and not the others, as the key walk does.
TEST(CodeListCiiIds, NearNamesAnswerAlike) {
  const std::string x = R"( xmlns:x="urn:example:other")";
  const std::string body =
      "<rsm:ExchangedDocument><ram:TypeCode>999</ram:TypeCode>"
      "<ram:TypeCodf>999</ram:TypeCodf><x:TypeCode" +
      x +
      ">999</x:TypeCode></rsm:ExchangedDocument>"
      "<ram:ExchangedDocument><ram:TypeCode>999</ram:TypeCode>"
      "</ram:ExchangedDocument>"
      "<rsm:ExchangedDocumenT><ram:TypeCode>999</ram:TypeCode>"
      "</rsm:ExchangedDocumenT>"
      "<ram:InvoiceCurrencyCode>EURO</ram:InvoiceCurrencyCode>"
      "<ram:InvoiceCurrencyCodE>EURO</ram:InvoiceCurrencyCodE>"
      "<x:InvoiceCurrencyCode" +
      x +
      ">EURO</x:InvoiceCurrencyCode>"
      "<ram:TaxCurrencyCode>XX</ram:TaxCurrencyCode>"
      "<ram:ClassCode listID=\"ZZ\">1</ram:ClassCode>"
      "<ram:ClassCodes listID=\"ZZ\">1</ram:ClassCodes>"
      "<ram:CountryID>QQ</ram:CountryID><rsm:CountryID>QQ</rsm:CountryID>"
      "<ram:OriginTradeCountry><ram:ID>QQ</ram:ID></ram:OriginTradeCountry>"
      "<ram:OriginTradeCountrY><ram:ID>QQ</ram:ID></ram:OriginTradeCountrY>"
      "<ram:SpecifiedTradeSettlementPaymentMeans><ram:TypeCode>999"
      "</ram:TypeCode></ram:SpecifiedTradeSettlementPaymentMeans>"
      "<x:SpecifiedTradeSettlementPaymentMeans" +
      x +
      "><ram:TypeCode>999"
      "</ram:TypeCode></x:SpecifiedTradeSettlementPaymentMeans>"
      "<ram:CategoryTradeTax><ram:CategoryCode>Q</ram:CategoryCode>"
      "</ram:CategoryTradeTax>"
      "<ram:ApplicableTradeTax><ram:CategoryCode>Q</ram:CategoryCode>"
      "<ram:ExemptionReasonCode>nope</ram:ExemptionReasonCode>"
      "</ram:ApplicableTradeTax>"
      "<rsm:ApplicableTradeTax><ram:CategoryCode>Q</ram:CategoryCode>"
      "</rsm:ApplicableTradeTax>"
      "<ram:ApplicableTradeTaxes><ram:CategoryCode>Q</ram:CategoryCode>"
      "</ram:ApplicableTradeTaxes><ram:CategoryCode>Q</ram:CategoryCode>"
      "<ram:SpecifiedTradeAllowanceCharge><ram:ChargeIndicator>"
      "<udt:Indicator>true</udt:Indicator></ram:ChargeIndicator>"
      "<ram:ReasonCode>999</ram:ReasonCode>"
      "</ram:SpecifiedTradeAllowanceCharge>"
      "<ram:SpecifiedTradeAllowanceChargE><ram:ReasonCode>999"
      "</ram:ReasonCode></ram:SpecifiedTradeAllowanceChargE>"
      "<ram:SpecifiedTradeProduct><ram:GlobalID schemeID=\"9999\">1"
      "</ram:GlobalID></ram:SpecifiedTradeProduct>"
      "<ram:SpecifiedTradeProducT><ram:GlobalID schemeID=\"9999\">1"
      "</ram:GlobalID></ram:SpecifiedTradeProducT>"
      "<ram:ShipToTradeParty><ram:GlobalID schemeID=\"9999\">1"
      "</ram:GlobalID></ram:ShipToTradeParty>"
      "<ram:URIUniversalCommunication><ram:URIID schemeID=\"XX\">a"
      "</ram:URIID></ram:URIUniversalCommunication>"
      "<x:URIUniversalCommunication" +
      x +
      "><ram:URIID schemeID=\"XX\">a"
      "</ram:URIID></x:URIUniversalCommunication>"
      "<ram:BilledQuantity unitCode=\"QQQ\">1</ram:BilledQuantity>"
      "<ram:BilledQuantitY unitCode=\"QQQ\">1</ram:BilledQuantitY>"
      "<ram:BasisQuantity unitCode=\"QQQ\">1</ram:BasisQuantity>"
      "<ram:TaxTotalAmount currencyID=\"QQQ\">1</ram:TaxTotalAmount>"
      "<ram:AttachmentBinaryObject mimeCode=\"x/y\">a"
      "</ram:AttachmentBinaryObject>"
      "<ram:DueDateTypeCode>9</ram:DueDateTypeCode>"
      "<ram:ReferenceTypeCode>QQQ</ram:ReferenceTypeCode>"
      "<ram:SubjectCode>QQQ</ram:SubjectCode>";
  auto loaded = LoadDocumentBuffer(Cii(body), "near.xml");
  ASSERT_TRUE(loaded.ok());
  const Runs r = RunAll(*loaded.value());
  // Most rules fail once: the by-id walk has work to get wrong.
  EXPECT_GT(r.alone.size(), 15u);
  ExpectAlike(r, "near.xml");
}

}  // namespace
}  // namespace chorus

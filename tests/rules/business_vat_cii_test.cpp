// The CII VAT category rules where the evaluator takes shortcuts: the sums
// over the root's transactions, the amounts and breakdown children Gather
// notes, split payment, the breakdown contexts. Each shows the shortcut
// answers as the official paths do, including the cases it must leave out.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "../src/rules/cii_syntax_internal.h"
#include "../src/rules/cii_syntax_names.h"
#include "../src/rules/engine_internal.h"
#include "chorus/format/syntax.h"
#include "rules/business_vat_test_util.h"
#include "support/test_env.h"

namespace chorus::rules::cii_vat {
// As business_vat_cii.h declares it (that header needs src/ on the include
// path).
std::vector<int32_t> GatheredForTest(const RunContext& ctx,
                                     std::span<const cii::NameInfo> names);
}  // namespace chorus::rules::cii_vat

// In the helpers' namespace: they need no using-declarations.
namespace chorus::vat_test {
namespace {

// BR-Z-08 sums the lines and the header allowances and charges of every
// transaction of the root (the absolute paths), not those of a transaction
// nested elsewhere; each sum keeps its own kind of term.
TEST(BusinessVatCii, TaxableAmountSumsEveryRootTransaction) {
  const std::string rate0 = CiiRate("0");
  auto allowance = [&](const char* indicator, const char* amount) {
    return std::string(
               "<r:SpecifiedTradeAllowanceCharge><r:ChargeIndicator>"
               "<udt:Indicator>") +
           indicator + "</udt:Indicator></r:ChargeIndicator><r:ActualAmount>" +
           amount +
           "</r:ActualAmount><r:CategoryTradeTax><r:TypeCode>VAT</r:TypeCode>"
           "<r:CategoryCode>Z</r:CategoryCode>" +
           rate0 + "</r:CategoryTradeTax></r:SpecifiedTradeAllowanceCharge>";
  };
  // Neither the nested transaction's line and header charge nor a charge
  // of a line settlement count.
  const std::string nested =
      "<r:IncludedSupplyChainTradeLineItem><rsm:SupplyChainTradeTransaction>" +
      CiiLine("Z", "VAT", rate0, "1000") +
      "<r:ApplicableHeaderTradeSettlement>" + allowance("true", "300") +
      "</r:ApplicableHeaderTradeSettlement>"
      "</rsm:SupplyChainTradeTransaction></r:IncludedSupplyChainTradeLineItem>"
      "<r:IncludedSupplyChainTradeLineItem><r:SpecifiedLineTradeSettlement>" +
      allowance("true", "70") +
      "</r:SpecifiedLineTradeSettlement></r:IncludedSupplyChainTradeLineItem>";
  // Lines 100 + 50, allowance 20, charge 5 (in the second transaction):
  // 135.
  auto check = [&](const std::string& basis) {
    const std::string second =
        "</r:ApplicableHeaderTradeSettlement>"
        "</rsm:SupplyChainTradeTransaction><rsm:SupplyChainTradeTransaction>" +
        CiiLine("Z", "VAT", rate0, "50") +
        "<r:ApplicableHeaderTradeSettlement>" + allowance("false", "20") +
        allowance("true", "5");
    return Fired(Cii(CiiLine("Z", "VAT", rate0, "100") + nested, Seller("VA"),
                     CiiTax("Z", basis, "0", rate0) + second));
  };
  EXPECT_FALSE(Has(check("135.00"), "BR-Z-08"));
  EXPECT_FALSE(Has(check("135.99"), "BR-Z-08"));
  EXPECT_TRUE(Has(check("136.00"), "BR-Z-08"));
  EXPECT_TRUE(Has(check("150.00"), "BR-Z-08"));
  EXPECT_TRUE(Has(check("1135.00"), "BR-Z-08"));
  EXPECT_TRUE(Has(check("435.00"), "BR-Z-08"));
  EXPECT_TRUE(Has(check("205.00"), "BR-Z-08"));
}

// The line amounts RoundedSum adds: a plain decimal, one too long for 64
// bits, one with an element child (its string value), and text that is
// no decimal (an error: BR-Z-08 fails).
TEST(BusinessVatCii, TaxableAmountReadsEveryFormOfLineAmount) {
  const std::string rate0 = CiiRate("0");
  auto check = [&](const std::string& amount) {
    return Has(Fired(Cii(CiiLine("Z", "VAT", rate0, "40.00") +
                             CiiLine("Z", "VAT", rate0, amount),
                         Seller("VA"), CiiTax("Z", "100.00", "0", rate0))),
               "BR-Z-08");
  };
  EXPECT_FALSE(check("60.00"));
  EXPECT_FALSE(check(" 60.000000000000000000000 "));
  EXPECT_FALSE(check("6<r:X/>0.00"));
  EXPECT_TRUE(check("62.00"));
  EXPECT_TRUE(check("62.000000000000000000000"));
  EXPECT_TRUE(check("6<r:X/>2.00"));
  EXPECT_TRUE(check("60,00"));
  EXPECT_TRUE(check("60.00</r:LineTotalAmount><r:LineTotalAmount>0"));
}

// The breakdown's children Gather notes: a second BasisAmount or
// CalculatedAmount is an error where one is cast, either exemption
// element is a reason.
TEST(BusinessVatCii, BreakdownChildrenAsTheRulesCountThem) {
  const std::string rate0 = CiiRate("0");
  auto fired = [&](const char* cat, const std::string& basis,
                   const std::string& calculated, const std::string& extra) {
    return Fired(Cii(CiiLine(cat, "VAT", rate0, "10.00"), Seller("VA"),
                     CiiTax(cat, basis, calculated, rate0, extra)));
  };
  const std::string two_bases = "10.00</r:BasisAmount><r:BasisAmount>10.00";
  EXPECT_FALSE(Has(fired("Z", "10.00", "0", ""), "BR-Z-08"));
  EXPECT_TRUE(Has(fired("Z", two_bases, "0", ""), "BR-Z-08"));
  EXPECT_FALSE(Has(
      fired("Z", "10.00", "5</r:CalculatedAmount><r:CalculatedAmount>0", ""),
      "BR-Z-09"));
  EXPECT_TRUE(Has(fired("Z", "10.00", "5", ""), "BR-Z-09"));
  const std::string code = "<r:ExemptionReasonCode>X</r:ExemptionReasonCode>";
  const std::string text = "<r:ExemptionReason>X</r:ExemptionReason>";
  EXPECT_TRUE(Has(fired("Z", "10.00", "0", code), "BR-Z-10"));
  EXPECT_TRUE(Has(fired("Z", "10.00", "0", text), "BR-Z-10"));
  EXPECT_FALSE(Has(fired("Z", "10.00", "0", ""), "BR-Z-10"));
  EXPECT_FALSE(Has(fired("E", "10.00", "0", code), "BR-E-10"));
  EXPECT_FALSE(Has(fired("E", "10.00", "0", text), "BR-E-10"));
  EXPECT_TRUE(Has(fired("E", "10.00", "0", ""), "BR-E-10"));
  // BR-S-09 casts the one CalculatedAmount and BasisAmount.
  const std::string rate20 = CiiRate("20");
  auto standard = [&](const std::string& basis, const std::string& calc) {
    return Fired(Cii(CiiLine("S", "VAT", rate20, "10.00"), Seller("VA"),
                     CiiTax("S", basis, calc, rate20)));
  };
  EXPECT_FALSE(Has(standard("10.00", "2.00"), "BR-S-09"));
  EXPECT_TRUE(Has(standard("10.00",
                           "2.00</r:CalculatedAmount>"
                           "<r:CalculatedAmount>2.00"),
                  "BR-S-09"));
  EXPECT_TRUE(Has(standard(two_bases, "2.00"), "BR-S-09"));
}

// BR-B-01 looks at every ram:CountryID of the document (only when some
// CategoryCode is 'B'), BR-B-02 at every CategoryCode.
TEST(BusinessVatCii, SplitPaymentLooksAtEveryCountry) {
  auto fired = [](const std::string& country, const std::string& more) {
    const std::string buyer =
        "<r:BuyerTradeParty><r:PostalTradeAddress><r:CountryID>" + country +
        "</r:CountryID></r:PostalTradeAddress></r:BuyerTradeParty>";
    return Fired(Cii(CiiLine("B", "VAT", CiiRate("22"), "10") + more,
                     Seller("VA") + buyer, ""));
  };
  EXPECT_FALSE(Has(fired("IT", ""), "BR-B-01"));
  EXPECT_TRUE(Has(fired("FR", ""), "BR-B-01"));
  EXPECT_TRUE(Has(fired("IT ", ""), "BR-B-01"));
  const std::string stray = "<r:CountryID>DE</r:CountryID>";
  EXPECT_TRUE(Has(fired("IT", stray), "BR-B-01"));
  EXPECT_FALSE(
      Has(fired("IT", "<udt:CountryID>DE</udt:CountryID>"), "BR-B-01"));
  EXPECT_FALSE(Has(fired("IT", ""), "BR-B-02"));
  EXPECT_TRUE(
      Has(fired("IT", "<r:CategoryCode>S</r:CategoryCode>"), "BR-B-02"));
  // No 'B' anywhere: neither rule looks.
  EXPECT_FALSE(Has(Fired(Cii(CiiLine("S", "VAT", CiiRate("20"), "10") + stray,
                             Seller("VA"), "")),
                   "BR-B-01"));
}

// The breakdown rules' contexts: S's any header settlement's tax, E's only
// those of a transaction's settlement (//rsm:SupplyChainTradeTransaction/...).
TEST(BusinessVatCii, BreakdownContextsFollowTheSettlementsPlace) {
  const std::string reason = "<r:ExemptionReason>X</r:ExemptionReason>";
  const std::string taxes = CiiTax("S", "0", "0", CiiRate("20"), reason) +
                            CiiTax("E", "0", "0", CiiRate("0"));
  auto under_root = [&](const std::string& settlements) {
    return Fired(R"(<rsm:CrossIndustryInvoice
 xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
 xmlns:r="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100">)" +
                 settlements + "</rsm:CrossIndustryInvoice>");
  };
  const std::string settlement = "<r:ApplicableHeaderTradeSettlement>" + taxes +
                                 "</r:ApplicableHeaderTradeSettlement>";
  const std::string in_transaction = "<rsm:SupplyChainTradeTransaction>" +
                                     settlement +
                                     "</rsm:SupplyChainTradeTransaction>";
  // BR-S-10 and BR-E-10 counts.
  auto counts = [&](const std::string& settlements) {
    const std::vector<std::string> f = under_root(settlements);
    return std::pair(std::count(f.begin(), f.end(), "BR-S-10"),
                     std::count(f.begin(), f.end(), "BR-E-10"));
  };
  EXPECT_EQ(counts(settlement), std::pair(1L, 0L));
  EXPECT_EQ(counts(settlement + in_transaction), std::pair(2L, 1L));
  EXPECT_EQ(counts(in_transaction), std::pair(1L, 1L));
}

// The VAT gather run with the CII syntax walk's name ids and run by name
// key (its fallback, for an empty span or one of another size).
struct Gathers {
  std::size_t elements = 0;
  std::size_t names = 0;
  std::vector<int32_t> by_id, by_key, short_span;
  std::vector<Diagnostic> alone, by_name;  // the business rules' findings
};

Gathers GatherBoth(const XmlDocument& doc) {
  const ReadResult read = ReadInvoice(doc);
  Gathers g;
  std::vector<Diagnostic> syntax;
  rules::RunContext s{doc, read, Syntax::kCii, &syntax};
  std::span<const rules::cii::NameInfo> names;
  rules::CheckCiiSyntaxRules(s, &names);
  g.elements = s.Index().size();
  g.names = names.size();
  g.by_id = rules::cii_vat::GatheredForTest(s, names);
  g.by_key = rules::cii_vat::GatheredForTest(s, {});
  g.short_span = rules::cii_vat::GatheredForTest(
      s, names.empty() ? names : names.first(names.size() - 1));
  rules::RunContext a{doc, read, Syntax::kCii, &g.alone};
  a.index = s.index;
  rules::CheckBusinessRules(a);
  rules::RunContext b{doc, read, Syntax::kCii, &g.by_name};
  b.index = s.index;
  rules::CheckBusinessRules(b, names);
  return g;
}

void ExpectAlike(const Gathers& g, const std::string& what) {
  EXPECT_EQ(g.names, g.elements) << what;  // the fast path ran
  EXPECT_EQ(g.by_id, g.by_key) << what;
  EXPECT_EQ(g.short_span, g.by_key) << what;
  EXPECT_EQ(g.by_name.size(), g.alone.size()) << what;
  EXPECT_TRUE(g.by_name == g.alone) << what;
}

TEST(BusinessVatCii, GatherByNameIdPicksAsByKeyOnOfficialExamples) {
  std::size_t examples = 0;
  for (const auto& file : testing::XmlFilesIn(
           testing::SharedDir() / "conformance/en16931/cii-examples")) {
    auto loaded = LoadDocumentFile(file.string());
    ASSERT_TRUE(loaded.ok()) << file;
    const Gathers g = GatherBoth(*loaded.value());
    ExpectAlike(g, file.filename().string());
    EXPECT_GT(g.by_key.size(), 40u) << file.filename();  // picks something
    ++examples;
  }
  EXPECT_GT(examples, 10u);
}

// Names one key or one byte away from the gathered ones, or in another
// namespace: the id table must not take them, the key switch must reject
// them on its name test.
TEST(BusinessVatCii, GatherByNameIdRejectsNearNames) {
  const std::string x = R"( xmlns:x="urn:example:other">)";
  const std::string odd =
      "<x:CategoryCode" + x + "S</x:CategoryCode>" +
      "<r:CategoryCodf>S</r:CategoryCodf><r:CategoryCodeX>S</r:CategoryCodeX>"
      "<rsm:ApplicableTradeTax><r:CategoryCode>S</r:CategoryCode>"
      "</rsm:ApplicableTradeTax>"
      "<r:ApplicableTradeTaz><r:CategoryCode>Z</r:CategoryCode>"
      "</r:ApplicableTradeTaz>"
      "<r:SupplyChainTradeTransaction/><x:SellerTradeParty" +
      x + "</x:SellerTradeParty><r:BuyerTradePartz/>" +
      "<r:SpecifiedTradeAllowanceChargf><r:ChargeIndicator><udt:Indicator>"
      "true</udt:Indicator></r:ChargeIndicator>"
      "</r:SpecifiedTradeAllowanceChargf>";
  // The same within a tax, beside its real children.
  const std::string tax =
      "<r:ApplicableTradeTax><x:TypeCode" + x +
      "VAT</x:TypeCode><r:CategoryCodf>S</r:CategoryCodf>"
      "<r:RateApplicablePercenT>5</r:RateApplicablePercenT><x:BasisAmount" +
      x + "1</x:BasisAmount><r:ExemptionReasoN>a</r:ExemptionReasoN>" +
      "<r:CalculatedAmounts>2</r:CalculatedAmounts>"
      "<r:CategoryCode>Z</r:CategoryCode><r:TypeCode>VAT</r:TypeCode>"
      "<r:CalculatedAmount>0</r:CalculatedAmount></r:ApplicableTradeTax>";
  const std::string rate = CiiRate("20");
  auto loaded = LoadDocumentBuffer(
      Cii(CiiLine("S", "VAT", rate, "100") + odd, Seller("VA") + odd,
          CiiTax("S", "100", "20", rate) + odd + tax),
      "odd.xml");
  ASSERT_TRUE(loaded.ok());
  const Gathers g = GatherBoth(*loaded.value());
  EXPECT_FALSE(g.alone.empty());
  ExpectAlike(g, "odd.xml");
}

}  // namespace
}  // namespace chorus::vat_test

// The core rules' one-pass readings of an element's children answer as the
// general helpers, each a walk of its own, on odd markup (repeated,
// missing, split or hidden children) and on the official examples.
#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "../src/rules/business_core.h"
#include "../src/rules/business_vat_xml.h"
#include "chorus/format/document.h"
#include "chorus/format/syntax.h"
#include "chorus/rules/rules.h"
#include "support/test_env.h"

namespace chorus {
namespace {

// CiiBreakdownOf against ShadowedCiiBreakdown, VatCategoryOf and
// FirstChildren on every element of `doc` (and -1): it must agree on any.
void ExpectCiiBreakdownAsGeneral(const XmlDocument& doc) {
  const ReadResult read = ReadInvoice(doc);
  std::vector<Diagnostic> out;
  rules::RunContext ctx{doc, read, Syntax::kCii, &out};
  const rules::core::CoreXml x(ctx);
  const rules::DocIndex& d = ctx.Index();
  for (int32_t i = -1; i < d.size(); ++i) {
    const rules::core::CiiBreakdownXml got = rules::core::CiiBreakdownOf(d, i);
    EXPECT_EQ(got.shadowed, rules::core::ShadowedCiiBreakdown(ctx, i)) << i;
    const rules::core::VatCategory category =
        rules::core::VatCategoryOf(ctx, x, i);
    EXPECT_EQ(got.category.el, category.el) << i;
    EXPECT_EQ(got.category.code, category.code) << i;
    EXPECT_EQ(got.category.rate, category.rate) << i;
    const rules::core::FirstTwo amounts =
        rules::core::FirstChildren(d, i, "BasisAmount", "CalculatedAmount");
    EXPECT_EQ(got.amounts.a, amounts.a) << i;
    EXPECT_EQ(got.amounts.b, amounts.b) << i;
  }
}

TEST(BusinessCoreXmlTest, CiiBreakdownInOnePassIsTheGeneralReading) {
  auto el = [](const std::string& name, const std::string& content) {
    return "<" + name + ">" + content + "</" + name + ">";
  };
  auto tax = [&](const std::string& children) {
    return el("ram:ApplicableTradeTax", children);
  };
  const std::string type = el("ram:TypeCode", "VAT");
  const std::string basis = el("ram:BasisAmount", "100");
  const std::string calculated = el("ram:CalculatedAmount", "20");
  const std::string rate = el("ram:RateApplicablePercent", "20");
  auto code = [&](const std::string& c) { return el("ram:CategoryCode", c); };
  const std::vector<std::string> taxes = {
      tax(calculated + type + basis + code("S") + rate),
      tax(calculated + type + basis + code("O")),
      tax(type + code("L")),
      tax(type + code("M") + rate),
      // Any code O shadows; only a code as written, spaces included.
      tax(type + code("S") + code("O")),
      tax(type + code(" O")),
      // Two type codes: VatCategoryOf reads the first, the shadowing
      // pattern raises an error.
      tax(type + el("ram:TypeCode", "GST") + code("O")),
      tax(el("ram:TypeCode", "GST") + type + code("O") + rate),
      tax(el("ram:TypeCode", "vat") + code("O")),
      tax(el("ram:TypeCode", "V<!-- c -->AT") + code("O") + basis),
      tax(el("ram:TypeCode", " VAT ") + code("S")),
      tax(code("O") + rate + calculated),
      // Names in another namespace count, a long prefix hides them.
      tax(el("x:TypeCode", "VAT") + el("x:CategoryCode", "O") +
          el("x:BasisAmount", "1")),
      tax(el("averyveryverylongprefix:TypeCode", "VAT") + type +
          el("averyveryverylongprefix:CategoryCode", "O") + code("S") +
          el("averyveryverylongprefix:BasisAmount", "1") + basis),
      // The first of repeated amounts and rates.
      tax(calculated + calculated + type + basis + basis + code("E") + rate +
          rate),
      tax(""),
      "<ram:ApplicableTradeTax/>",
  };
  std::string settlement;
  for (const std::string& t : taxes) settlement += t;
  const std::string xml =
      R"(<rsm:CrossIndustryInvoice)"
      R"( xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100")"
      R"( xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100")"
      R"( xmlns:x="urn:example:other")"
      R"( xmlns:averyveryverylongprefix="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100">)"
      R"(<rsm:SupplyChainTradeTransaction>)" +
      el("ram:ApplicableHeaderTradeSettlement", settlement) +
      "</rsm:SupplyChainTradeTransaction></rsm:CrossIndustryInvoice>";
  auto loaded = LoadDocumentBuffer(xml, "test.xml");
  ASSERT_TRUE(loaded.ok());
  ExpectCiiBreakdownAsGeneral(**loaded);
  const auto files = testing::XmlFilesIn(testing::SharedDir() /
                                         "conformance/en16931/cii-examples");
  ASSERT_FALSE(files.empty());
  for (const auto& file : files) {
    auto example = LoadDocumentFile(file.string());
    ASSERT_TRUE(example.ok()) << file;
    ExpectCiiBreakdownAsGeneral(**example);
  }
}

// Every header settlement of every transaction and every summation of each,
// in document order, by their local names (the official absolute paths).
std::pair<std::vector<int32_t>, std::vector<int32_t>> SettlementsAndTotals(
    const rules::DocIndex& d) {
  std::pair<std::vector<int32_t>, std::vector<int32_t>> out;
  auto children = [&](int32_t parent, std::string_view name, auto f) {
    if (parent < 0) return;
    for (int32_t c = d[parent].first_child; c >= 0; c = d[c].next) {
      if (d[c].prefix_size < 16 && d[c].local == name) f(c);
    }
  };
  children(0, "SupplyChainTradeTransaction", [&](int32_t t) {
    children(t, "ApplicableHeaderTradeSettlement", [&](int32_t st) {
      out.first.push_back(st);
      children(st, "SpecifiedTradeSettlementHeaderMonetarySummation",
               [&](int32_t m) { out.second.push_back(m); });
    });
  });
  return out;
}

TEST(BusinessCoreXmlTest, CiiSettlementsAndTotalsAreEveryOneInOrder) {
  auto el = [](const std::string& name, const std::string& content) {
    return "<" + name + ">" + content + "</" + name + ">";
  };
  const std::string summation =
      el("ram:SpecifiedTradeSettlementHeaderMonetarySummation", "");
  const std::string other = el("ram:ApplicableTradeTax", "");
  auto settlement = [&](const std::string& children) {
    return el("ram:ApplicableHeaderTradeSettlement", children);
  };
  auto transaction = [&](const std::string& children) {
    return el("rsm:SupplyChainTradeTransaction",
              el("ram:IncludedSupplyChainTradeLineItem", "") + children);
  };
  const std::vector<std::string> settlements = {
      "",
      settlement(""),
      settlement(summation),
      settlement(other + summation + other + summation),
      settlement(summation) + other + settlement(summation + summation),
      settlement("") + settlement(summation),
  };
  for (const std::string& first : settlements) {
    for (const std::string& second : settlements) {
      for (bool two : {false, true}) {
        const std::string xml =
            R"(<rsm:CrossIndustryInvoice)"
            R"( xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100")"
            R"( xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100">)" +
            transaction(first) + (two ? transaction(second) : "") +
            "</rsm:CrossIndustryInvoice>";
        auto loaded = LoadDocumentBuffer(xml, "test.xml");
        ASSERT_TRUE(loaded.ok()) << xml;
        const ReadResult read = ReadInvoice(**loaded);
        std::vector<Diagnostic> out;
        rules::RunContext ctx{**loaded, read, Syntax::kCii, &out};
        const rules::core::CoreXml x(ctx);
        const auto [want_settlements, want_totals] =
            SettlementsAndTotals(ctx.Index());
        EXPECT_EQ(
            std::vector<int32_t>(x.settlements.begin(), x.settlements.end()),
            want_settlements)
            << xml;
        EXPECT_EQ(std::vector<int32_t>(x.totals.begin(), x.totals.end()),
                  want_totals)
            << xml;
      }
    }
  }
}

// BR-27/28's shortcut for a price of plain digits: whatever it takes is a
// decimal ParseFixed reads as >= 0 (so a double >= 0, no cast error), and
// among texts of digits and points it takes all that ParseFixed reads.
TEST(BusinessCoreXmlTest, PlainUnsignedDecimalIsANonNegativeFixed) {
  std::vector<std::string> texts = {"",
                                    "0",
                                    "12.50",
                                    ".5",
                                    "5.",
                                    ".",
                                    "..",
                                    "1.2.3",
                                    "-1",
                                    "+1",
                                    "-0",
                                    "1e2",
                                    " 1",
                                    "1 ",
                                    "INF",
                                    "NaN",
                                    "0x10",
                                    "\xEF\xBC\x91",
                                    "1,5",
                                    "00.00",
                                    "123456789012345678",
                                    "1234567890123456789",
                                    "12345678901234567.8",
                                    "1234567890123456.78"};
  std::mt19937 random(7);
  const std::string alphabet = "0123456789.-+eE \t";
  for (int i = 0; i < 20000; ++i) {
    std::string t(random() % 21, ' ');
    for (char& c : t) c = alphabet[random() % alphabet.size()];
    texts.push_back(t);
  }
  for (const std::string& t : texts) {
    const std::optional<rules::vat::Fixed> f = rules::vat::ParseFixed(t);
    if (rules::core::PlainUnsignedDecimal(t)) {
      ASSERT_TRUE(f.has_value()) << t;
      EXPECT_GE(f->m, 0) << t;
      bool error = false;
      const std::optional<double> v = rules::vat::UntypedDoubleText(t, &error);
      EXPECT_FALSE(error) << t;
      ASSERT_TRUE(v.has_value()) << t;
      EXPECT_GE(*v, 0) << t;
    } else if (t.size() <= 18 &&
               t.find_first_not_of("0123456789.") == std::string::npos) {
      EXPECT_FALSE(f.has_value()) << t;
    }
  }
}

}  // namespace
}  // namespace chorus

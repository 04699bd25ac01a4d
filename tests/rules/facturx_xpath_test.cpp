// The XPath 2 evaluator behind the Factur-X rules: the semantics the
// Schematron files lean on (exact decimals, untyped comparisons, for/some/
// every, predicates, axes, dynamic errors).
#include "../src/rules/facturx_xpath.h"

#include <gtest/gtest.h>

#include <pugixml.hpp>
#include <string>
#include <vector>

namespace chorus::rules::fx {
namespace {

constexpr const char* kDoc = R"(<rsm:CrossIndustryInvoice
    xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
    xmlns:r="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
    xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
  <r:Item><r:Amount currencyID="EUR">1.005</r:Amount><r:Code> S </r:Code></r:Item>
  <r:Item><r:Amount>2.10</r:Amount><r:Code>E</r:Code><!-- note --></r:Item>
  <r:Item><r:Amount>abc</r:Amount><r:Flag><udt:Indicator>true</udt:Indicator></r:Flag></r:Item>
</rsm:CrossIndustryInvoice>)";

class XPathTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(dom_.load_string(kDoc)); }

  // The string values of the result, or "error: ..." on a dynamic error.
  std::vector<std::string> Eval(const std::string& expr) {
    auto parsed = ParseXPath(expr);
    EXPECT_TRUE(static_cast<bool>(parsed))
        << expr << ": " << (parsed ? "" : parsed.error().message);
    if (!parsed) return {"parse error"};
    FxTree tree(dom_);
    Evaluator ev(tree, [](int list, std::string_view v) {
      return list == 7 && v == "S";
    });
    auto r = ev.Eval(**parsed, 0, {});
    if (!r) return {"error: " + r.error().message};
    std::vector<std::string> out;
    for (const Item& i : *r) {
      if (i.kind == ItemKind::kNode) {
        out.push_back(tree.StringValue(i.node));
      } else if (i.kind == ItemKind::kNumber) {
        out.push_back(i.num.ToString());
      } else if (i.kind == ItemKind::kBoolean) {
        out.push_back(i.b ? "true" : "false");
      } else {
        out.push_back(i.str);
      }
    }
    return out;
  }
  std::string One(const std::string& expr) {
    auto r = Eval(expr);
    return r.size() == 1 ? r[0] : "(" + std::to_string(r.size()) + " items)";
  }

  pugi::xml_document dom_;
};

using V = std::vector<std::string>;

TEST_F(XPathTest, PathsPredicatesAndNamespacesByUri) {
  // The document binds the ram namespace to "r": names match by URI.
  EXPECT_EQ(Eval("/rsm:CrossIndustryInvoice/ram:Item/ram:Code"),
            (V{" S ", "E"}));
  EXPECT_EQ(Eval("//ram:Amount[@currencyID='EUR']"), (V{"1.005"}));
  EXPECT_EQ(Eval("//ram:Item[2]/ram:Amount"), (V{"2.10"}));
  EXPECT_EQ(One("count(//ram:Item[ram:Code])"), "2");
  EXPECT_EQ(One("count(//ram:Code/..)"), "2");
  EXPECT_EQ(One("count(//udt:Indicator/ancestor::ram:Item)"), "1");
  EXPECT_EQ(Eval("//ram:Item[2]/ram:Code"),
            (V{"E"}));  // the comment is no text
  EXPECT_EQ(One("count(//*[not(*)])"), "6");
  EXPECT_EQ(Eval("(//ram:Item)[last()]/ram:Amount"), (V{"abc"}));
}

TEST_F(XPathTest, DecimalsAreExact) {
  // 1.005 * 100 is 100.49999... in binary floating point.
  EXPECT_EQ(One("round(xs:decimal(//ram:Item[1]/ram:Amount) * 100) div 100"),
            "1.01");
  EXPECT_EQ(One("xs:decimal('0.1') + xs:decimal('0.2') = xs:decimal('0.3')"),
            "true");
  EXPECT_EQ(One("round(-2.5)"), "-2");
  EXPECT_EQ(One("sum(//ram:Item[position() < 3]/xs:decimal(ram:Amount))"),
            "3.105");
  EXPECT_EQ(One("10 div 4"), "2.5");
  EXPECT_EQ(One("abs(-3.50)"), "3.5");
}

TEST_F(XPathTest, UntypedComparisons) {
  EXPECT_EQ(One("//ram:Item[2]/ram:Amount = 2.1"), "true");     // as a number
  EXPECT_EQ(One("//ram:Item[2]/ram:Amount = '2.1'"), "false");  // as a string
  EXPECT_EQ(One("//ram:Code = 'E'"), "true");                   // any of them
  EXPECT_EQ(One("//ram:Code != 'E'"), "true");
  EXPECT_EQ(One("normalize-space(//ram:Item[1]/ram:Code) = 'S'"), "true");
  EXPECT_EQ(One("(//udt:Indicator cast as xs:boolean) = true()"), "true");
  EXPECT_EQ(One("//udt:Indicator = true()"), "true");
}

TEST_F(XPathTest, ForSomeEvery) {
  EXPECT_EQ(Eval("for $a in //ram:Item[position() < 3]/ram:Amount return "
                 "string-length($a)"),
            (V{"5", "4"}));
  EXPECT_EQ(One("some $c in //ram:Code satisfies $c = 'E'"), "true");
  EXPECT_EQ(One("every $c in //ram:Code satisfies $c = 'E'"), "false");
  EXPECT_EQ(One("some $i in //ram:Item satisfies ($i is //ram:Item[3])"),
            "true");
  EXPECT_EQ(One("some $c in tokenize('30 58', '\\s') satisfies $c = '58'"),
            "true");
  // An unread binding that always yields one item is not evaluated.
  EXPECT_EQ(One("for $x in normalize-space(//ram:Code), $y in 1 return $y"),
            "1");
}

TEST_F(XPathTest, StringFunctions) {
  EXPECT_EQ(
      One("string-length(substring-after(//ram:Item[2]/ram:Amount, '.'))"),
      "2");
  EXPECT_EQ(One("substring('12345', 2, 3)"), "234");
  EXPECT_EQ(One("upper-case('vat')"), "VAT");
  EXPECT_EQ(One("concat('a', 1, true())"), "a1true");
  EXPECT_EQ(One("contains('abc', 'bc')"), "true");
  EXPECT_EQ(One("matches('20240131', "
                "'^\\s*(\\d{4})(1[0-2]|0[1-9])(3[01]|[12][0-9]|0[1-9])$')"),
            "true");
  EXPECT_EQ(One("fx:code(7, normalize-space(//ram:Item[1]/ram:Code))"), "true");
  EXPECT_EQ(One("fx:code(7, 'E')"), "false");
}

TEST_F(XPathTest, DynamicErrorsAreReported) {
  EXPECT_EQ(One("xs:decimal(//ram:Item[3]/ram:Amount) > 0").rfind("error:", 0),
            0u);
  EXPECT_EQ(One("//ram:Item[3]/ram:Amount + 1").rfind("error:", 0), 0u);
  EXPECT_EQ(One("normalize-space(//ram:Code)").rfind("error:", 0),
            0u);  // two items
  EXPECT_EQ(One("1 div 0").rfind("error:", 0), 0u);
}

TEST(FxTreeTest, WhitespaceOnlyTextCountsWithTheSource) {
  // pugixml drops it; XPath sees it (so "ram:Name != ''" holds).
  std::string xml = "<a><b>  </b><c/><d></d><e x='>'> \r\n</e></a>";
  pugi::xml_document dom;
  ASSERT_TRUE(dom.load_buffer(xml.data(), xml.size()));
  FxTree bare(dom);
  FxTree with_source(dom, xml);
  std::vector<std::string> values;
  for (int i = 0; i < with_source.size(); ++i) {
    if (with_source.at(i).kind != FxTree::Kind::kElement) continue;
    values.push_back(std::string(with_source.at(i).local) + "=" +
                     with_source.StringValue(i));
    EXPECT_EQ(bare.StringValue(i), "");
  }
  EXPECT_EQ(values,
            (std::vector<std::string>{"a=", "b=  ", "c=", "d=", "e= \n"}));
}

TEST_F(XPathTest, ParseErrorsNameTheProblem) {
  auto r = ParseXPath("count(ram:X");
  ASSERT_FALSE(static_cast<bool>(r));
  EXPECT_NE(r.error().message.find("expected ')'"), std::string::npos);
  EXPECT_FALSE(ParseXPath("foo:bar(1)").ok());        // unknown function
  EXPECT_FALSE(ParseXPath("xyz:Name = 1").ok());      // unknown prefix
  EXPECT_FALSE(ParseXPath("following::ram:X").ok());  // unsupported axis
}

}  // namespace
}  // namespace chorus::rules::fx

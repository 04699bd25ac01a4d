// What the UBL VAT rules' walk hands the core rules (BusinessShared): the
// core rules answer with it exactly as they do reading the XML themselves,
// on the odd markup where the two families' readings of a category differ
// (namespaces, long prefixes, repeated schemes, IDs and rates).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "../src/rules/business_core.h"
#include "../src/rules/business_internal.h"
#include "../src/rules/business_vat_ubl.h"
#include "chorus/format/document.h"
#include "chorus/format/syntax.h"
#include "chorus/model/decimal.h"
#include "chorus/rules/rules.h"
#include "support/test_env.h"

namespace chorus {
namespace {

using rules::core::VatCategory;

std::string Ubl(const std::string& body) {
  return R"(<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2")"
         R"( xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2")"
         R"( xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2")"
         R"( xmlns:x="urn:example:other")"
         R"( xmlns:averyveryverylongprefix="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">)" +
         body + "</Invoice>";
}

// Category markup the families read differently; each is put in a line, an
// allowance and a breakdown.
const std::vector<std::string>& Categories() {
  static const std::vector<std::string> kCases = {
      "<cbc:ID>S</cbc:ID><cbc:Percent>20</cbc:Percent>"
      "<cac:TaxScheme><cbc:ID> vat </cbc:ID></cac:TaxScheme>",
      // The core rules take the last scheme, the VAT rules any.
      "<cbc:ID>S</cbc:ID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme>"
      "<cac:TaxScheme><cbc:ID>GST</cbc:ID></cac:TaxScheme>",
      "<cbc:ID>S</cbc:ID><cac:TaxScheme><cbc:ID>GST</cbc:ID></cac:TaxScheme>"
      "<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme>",
      // Names in another namespace count for the core rules only.
      "<x:ID>S</x:ID><x:Percent>5</x:Percent>"
      "<cac:TaxScheme><x:ID>VAT</x:ID></cac:TaxScheme>",
      "<cbc:ID>S</cbc:ID><x:TaxScheme><cbc:ID>VAT</cbc:ID></x:TaxScheme>",
      "<cbc:ID>E</cbc:ID><cac:TaxScheme><cbc:ID>GST</cbc:ID><cbc:ID>VAT</"
      "cbc:ID>"
      "</cac:TaxScheme><cbc:TaxExemptionReason>r</cbc:TaxExemptionReason>",
      // A prefix of 16 bytes or more hides a name from the core rules.
      "<averyveryverylongprefix:ID>S</averyveryverylongprefix:ID>"
      "<averyveryverylongprefix:Percent>1</averyveryverylongprefix:Percent>"
      "<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme>",
      "<cbc:ID>S</cbc:ID><cac:TaxScheme><averyveryverylongprefix:ID>VAT"
      "</averyveryverylongprefix:ID><cbc:ID>VAT</cbc:ID></cac:TaxScheme>",
      "<cbc:Percent>1</cbc:Percent><cbc:Percent>2</cbc:Percent>"
      "<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme>",
      "<cbc:ID>O</cbc:ID><cac:TaxScheme/>",
      "<cbc:ID>O</cbc:ID><cac:TaxScheme><cbc:ID>VAT<x:b/></cbc:ID>"
      "</cac:TaxScheme>",
      "",
  };
  return kCases;
}

std::string Document(const std::string& cat, const std::string& element) {
  const std::string open =
      element == "x" ? "<x:TaxCategory>" : "<cac:" + element + ">";
  const std::string close =
      element == "x" ? "</x:TaxCategory>" : "</cac:" + element + ">";
  const std::string tax = open + cat + close;
  const std::string line_cat =
      "<cac:ClassifiedTaxCategory>" + cat + "</cac:ClassifiedTaxCategory>";
  return Ubl(
      "<cac:AllowanceCharge><cbc:ChargeIndicator>false</cbc:ChargeIndicator>"
      "<cbc:Amount>1</cbc:Amount>" +
      tax +
      "</cac:AllowanceCharge>"
      "<cac:TaxTotal><cbc:TaxAmount>2</cbc:TaxAmount><cac:TaxSubtotal>"
      "<cbc:TaxableAmount>10</cbc:TaxableAmount><cbc:TaxAmount>2</"
      "cbc:TaxAmount>" +
      tax +
      "</cac:TaxSubtotal></cac:TaxTotal>"
      "<cac:TaxTotal><cac:TaxSubtotal><cbc:TaxAmount>2</cbc:TaxAmount>" +
      tax +
      "</cac:TaxSubtotal></cac:TaxTotal>"
      "<cac:InvoiceLine><cbc:ID>1</cbc:ID><cac:Item><cbc:Name>n</cbc:Name>" +
      line_cat + line_cat + "</cac:Item></cac:InvoiceLine>");
}

std::vector<std::pair<std::string, std::string>> CoreFindings(
    const XmlDocument& doc, const ReadResult& read, bool shared) {
  std::vector<Diagnostic> out;
  rules::RunContext ctx{doc, read, Syntax::kUbl, &out};
  if (shared) {
    rules::ubl_vat::UblVat vat(ctx);
    rules::BusinessShared s;
    s.ubl_vat = &vat;
    rules::CheckCoreBusinessRules(ctx, s);
  } else {
    rules::CheckCoreBusinessRules(ctx);
  }
  std::vector<std::pair<std::string, std::string>> fired;
  for (const Diagnostic& d : out) fired.emplace_back(d.rule, d.location);
  return fired;
}

TEST(BusinessSharedTest, CategoryFactsMatchTheCoreRulesOwnReading) {
  for (const std::string& cat : Categories()) {
    for (const std::string element : {"TaxCategory", "x"}) {
      const std::string xml = Document(cat, element);
      auto loaded = LoadDocumentBuffer(xml, "test.xml");
      ASSERT_TRUE(loaded.ok()) << xml;
      const XmlDocument& doc = **loaded;
      const ReadResult read = ReadInvoice(doc);
      EXPECT_EQ(CoreFindings(doc, read, true), CoreFindings(doc, read, false))
          << xml;

      // Entry by entry: every category element, with and without the
      // VAT rules' facts.
      std::vector<Diagnostic> out;
      rules::RunContext ctx{doc, read, Syntax::kUbl, &out};
      rules::ubl_vat::UblVat vat(ctx);
      rules::core::CoreXml with(ctx);
      with.ubl_vat = &vat;
      const rules::core::CoreXml without(ctx);
      const rules::DocIndex& d = ctx.Index();
      int categories = 0;
      for (int32_t i = 0; i < static_cast<int32_t>(d.size()); ++i) {
        const std::string_view local = d[i].local;
        if (local != "TaxCategory" && local != "ClassifiedTaxCategory") {
          continue;
        }
        ++categories;
        const bool line = local == "ClassifiedTaxCategory";
        const VatCategory a = rules::core::VatCategoryOf(ctx, with, i, line);
        const VatCategory b = rules::core::VatCategoryOf(ctx, without, i, line);
        EXPECT_EQ(a.el, b.el) << xml << " entry " << i;
        EXPECT_EQ(a.code, b.code) << xml << " entry " << i;
        EXPECT_EQ(a.rate, b.rate) << xml << " entry " << i;
        // The general path is the one every syntax takes.
        EXPECT_EQ(b.el >= 0, rules::core::VatCategoryEntry(ctx, i, "") >= 0);
      }
      EXPECT_EQ(categories, 5) << xml;
    }
  }
}

TEST(BusinessSharedTest, LineCategoryFollowsTheLastScheme) {
  // BR-CO-04 under the core rules' reading: the last cac:TaxScheme decides
  // (the VAT rules' own facts say VAT for this category).
  const std::string item =
      "<cac:InvoiceLine><cbc:ID>1</cbc:ID><cac:Item><cbc:Name>n</cbc:Name>"
      "<cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID>%s"
      "</cac:ClassifiedTaxCategory></cac:Item></cac:InvoiceLine>";
  auto fires = [&](const std::string& schemes) {
    std::string body = item;
    body.replace(body.find("%s"), 2, schemes);
    auto loaded = LoadDocumentBuffer(Ubl(body), "test.xml");
    EXPECT_TRUE(loaded.ok());
    if (!loaded.ok()) return false;
    const XmlDocument& doc = **loaded;
    for (const Diagnostic& d : CheckRules(doc, ReadInvoice(doc))) {
      if (d.rule == "BR-CO-04") return true;
    }
    return false;
  };
  const std::string vat = "<cac:TaxScheme><cbc:ID>vat</cbc:ID></cac:TaxScheme>";
  const std::string gst = "<cac:TaxScheme><cbc:ID>GST</cbc:ID></cac:TaxScheme>";
  EXPECT_FALSE(fires(vat));
  EXPECT_FALSE(fires(gst + vat));
  EXPECT_TRUE(fires(vat + gst));
  EXPECT_TRUE(fires(""));
}

// TrimmedText reads the index's trimmed text: it must be the trimmed
// string value the rules compare, whatever splits or surrounds the text.
void ExpectTrimmedTextIsTrimmedValue(const XmlDocument& doc) {
  std::vector<Diagnostic> out;
  const ReadResult read;
  rules::RunContext ctx{doc, read, Syntax::kUbl, &out};
  const rules::DocIndex& d = ctx.Index();
  EXPECT_EQ(rules::core::TrimmedText(d, -1), "");
  for (int32_t i = 0; i < static_cast<int32_t>(d.size()); ++i) {
    EXPECT_EQ(rules::core::TrimmedText(d, i),
              xml::TrimXml(rules::core::ChildValue(d, i)))
        << "entry " << i;
  }
}

TEST(BusinessSharedTest, TrimmedTextIsTheTrimmedValue) {
  auto loaded = LoadDocumentBuffer(
      Ubl("<cbc:ID> 1 </cbc:ID><cbc:Note>\n\t a<!-- c --> b \r\n</cbc:Note>"
          "<cbc:Note><![CDATA[ x ]]> y<![CDATA[z ]]></cbc:Note>"
          "<cbc:Note>   </cbc:Note><cbc:Note/><cac:Delivery> t "
          "<cbc:ID> 2</cbc:ID> u </cac:Delivery>"),
      "test.xml");
  ASSERT_TRUE(loaded.ok());
  ExpectTrimmedTextIsTrimmedValue(**loaded);
  for (const char* dir : {"ubl-examples", "cii-examples"}) {
    for (const auto& file : testing::XmlFilesIn(testing::SharedDir() /
                                                "conformance/en16931" / dir)) {
      auto example = LoadDocumentFile(file.string());
      ASSERT_TRUE(example.ok()) << file;
      ExpectTrimmedTextIsTrimmedValue(**example);
    }
  }
}

// `check(ctx)` on `xml`, loaded and read as `syntax`; nullopt when the
// document does not load.
template <typename Check>
auto OnDocument(const std::string& xml, Syntax syntax, Check check)
    -> std::optional<
        decltype(check(std::declval<const rules::RunContext&>()))> {
  auto loaded = LoadDocumentBuffer(xml, "test.xml");
  EXPECT_TRUE(loaded.ok()) << xml;
  if (!loaded.ok()) return std::nullopt;
  const XmlDocument& doc = **loaded;
  const ReadResult read = ReadInvoice(doc);
  std::vector<Diagnostic> out;
  rules::RunContext ctx{doc, read, syntax, &out};
  return check(ctx);
}

// The BR-CO-10 line sum `sum(xml)` of every official example in `dir`: each
// has one (no dynamic error).
template <typename Sum>
void ExpectExampleLineSums(std::string_view dir, Sum sum) {
  const auto files =
      testing::XmlFilesIn(testing::SharedDir() / "conformance/en16931" / dir);
  ASSERT_FALSE(files.empty()) << dir;
  for (const auto& file : files) {
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    const std::optional<std::optional<Decimal>> got = sum(text.str());
    ASSERT_TRUE(got.has_value()) << file;
    EXPECT_TRUE(got->has_value()) << file;
  }
}

// BR-CO-10's UBL line sum as the line rules take it while walking each
// line (CheckLineRules) against the walk of every line element for its
// amounts; with and without the VAT rules' parsed amounts.
std::optional<std::optional<Decimal>> LineSumsAgree(const std::string& xml) {
  return OnDocument(xml, Syntax::kUbl, [&](const rules::RunContext& ctx) {
    rules::ubl_vat::UblVat vat(ctx);
    std::optional<std::optional<Decimal>> first;
    for (bool shared : {false, true}) {
      rules::core::CoreXml x(ctx);
      if (shared) x.ubl_vat = &vat;
      rules::core::UblLineSum general;
      for (int32_t l = x.lines.first; l >= 0; l = x.lines.Next(x.d, l)) {
        general.Add(x, l);
      }
      rules::core::UblLineSum walked;
      rules::core::CheckLineRules(ctx, x, &walked);
      EXPECT_EQ(walked.Rounded(), general.Rounded()) << xml;
      if (!first) {
        first = general.Rounded();
      } else {
        EXPECT_EQ(*first, general.Rounded()) << xml;
      }
    }
    return *first;
  });
}

TEST(BusinessSharedTest, LineSumFromTheLineWalkIsTheGeneralOne) {
  auto line = [](const std::string& amounts,
                 const std::string& name = "cac:InvoiceLine") {
    return "<" + name + "><cbc:ID>1</cbc:ID><cbc:InvoicedQuantity>1" +
           "</cbc:InvoicedQuantity>" + amounts +
           "<cac:Item><cbc:Name>n</cbc:Name></cac:Item></" + name + ">";
  };
  auto amount = [](const std::string& text) {
    return "<cbc:LineExtensionAmount currencyID=\"EUR\">" + text +
           "</cbc:LineExtensionAmount>";
  };
  auto sum = [&](const std::string& lines) {
    return LineSumsAgree(Ubl("<cbc:ID>1</cbc:ID>" + lines));
  };
  using Sum = std::optional<std::optional<Decimal>>;
  // Rounded half up once, after the exact sum.
  EXPECT_EQ(sum(line(amount("10.005")) + line(amount(" 20 "))),
            Sum(Decimal::Parse("30.01")));
  EXPECT_EQ(sum(""), Sum(Decimal::Parse("0")));
  EXPECT_EQ(sum(line("")), Sum(Decimal::Parse("0")));
  // Two amounts in one line, or one that is no decimal: a dynamic error.
  EXPECT_EQ(sum(line(amount("1") + amount("2")) + line(amount("3"))),
            Sum(std::optional<Decimal>()));
  EXPECT_EQ(sum(line(amount("3")) + line(amount("1") + amount("2"))),
            Sum(std::optional<Decimal>()));
  EXPECT_EQ(sum(line(amount("x")) + line(amount("3"))),
            Sum(std::optional<Decimal>()));
  EXPECT_EQ(sum(line(amount("3")) + line(amount("1e2"))),
            Sum(std::optional<Decimal>()));
  // Text split by markup is joined.
  EXPECT_EQ(sum(line(amount("1<x:b/>2.5"))), Sum(Decimal::Parse("12.50")));
  // Either line element; one the reader does not take (another namespace)
  // still counts, so the XML holds more lines than the model.
  EXPECT_EQ(sum(line(amount("1"), "cac:CreditNoteLine") + line(amount("2"))),
            Sum(Decimal::Parse("3")));
  EXPECT_EQ(sum(line(amount("1")) + line(amount("2"), "x:InvoiceLine") +
                line(amount("4"), "x:InvoiceLine")),
            Sum(Decimal::Parse("7")));
  EXPECT_EQ(sum(line(amount("1"), "x:InvoiceLine") +
                line("<x:LineExtensionAmount>1</x:LineExtensionAmount>" +
                     amount("2"))),
            Sum(std::optional<Decimal>()));
  // A long prefix hides the amount.
  EXPECT_EQ(sum(line("<averyveryverylongprefix:LineExtensionAmount>5"
                     "</averyveryverylongprefix:LineExtensionAmount>" +
                     amount("2"))),
            Sum(Decimal::Parse("2")));
  ExpectExampleLineSums("ubl-examples", LineSumsAgree);
}

// BR-CO-10's CII line sum as the line rules take it while walking each line
// (CheckLineRules) against the walk of every line's settlements for their
// amounts (CiiRoundedLineSum): the same doubles added in the same order.
std::optional<std::optional<Decimal>> CiiLineSumsAgree(const std::string& xml) {
  return OnDocument(xml, Syntax::kCii, [&](const rules::RunContext& ctx) {
    rules::core::CoreXml x(ctx);
    const std::optional<Decimal> general = rules::core::CiiRoundedLineSum(x);
    rules::core::CiiLineSum walked;
    rules::core::CheckLineRules(ctx, x, nullptr, &walked);
    EXPECT_EQ(walked.Rounded(), general) << xml;
    return general;
  });
}

TEST(BusinessSharedTest, CiiLineSumFromTheLineWalkIsTheGeneralOne) {
  auto cii = [](const std::string& lines) {
    return R"(<rsm:CrossIndustryInvoice)"
           R"( xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100")"
           R"( xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100")"
           R"( xmlns:x="urn:example:other")"
           R"( xmlns:averyveryverylongprefix="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100">)"
           R"(<rsm:SupplyChainTradeTransaction>)" +
           lines +
           "<ram:ApplicableHeaderTradeSettlement/>"
           "</rsm:SupplyChainTradeTransaction></rsm:CrossIndustryInvoice>";
  };
  auto el = [](const std::string& name, const std::string& content) {
    return "<" + name + ">" + content + "</" + name + ">";
  };
  auto amount = [&](const std::string& text) {
    return el("ram:LineTotalAmount", text);
  };
  auto summation = [&](const std::string& amounts) {
    return el("ram:SpecifiedTradeSettlementLineMonetarySummation", amounts);
  };
  auto settlement = [&](const std::string& children) {
    return el("ram:SpecifiedLineTradeSettlement", children);
  };
  auto line = [&](const std::string& settlements,
                  const std::string& name =
                      "ram:IncludedSupplyChainTradeLineItem") {
    return el(name,
              el("ram:AssociatedDocumentLineDocument", el("ram:LineID", "1")) +
                  settlements);
  };
  auto sum = [&](const std::string& lines) {
    return CiiLineSumsAgree(cii(lines));
  };
  auto one = [&](const std::string& text) {
    return line(settlement(summation(amount(text))));
  };
  using Sum = std::optional<std::optional<Decimal>>;
  const Sum kError = Sum(std::optional<Decimal>());
  EXPECT_EQ(sum(one("1") + one(" 2.5 ")), Sum(Decimal::Parse("3.5")));
  EXPECT_EQ(sum(""), Sum(Decimal::Parse("0")));
  EXPECT_EQ(sum(line("")), Sum(Decimal::Parse("0")));
  EXPECT_EQ(sum(line(settlement(""))), Sum(Decimal::Parse("0")));
  EXPECT_EQ(sum(line(settlement(summation("")))), Sum(Decimal::Parse("0")));
  // Untyped: a double lexical counts, text that is no double is an error.
  EXPECT_EQ(sum(one("1e3") + one("2")), Sum(Decimal::Parse("1002")));
  EXPECT_EQ(sum(one("x") + one("2")), kError);
  EXPECT_EQ(sum(one("2") + one("x")), kError);
  EXPECT_EQ(sum(one("1<!-- c -->2")), Sum(Decimal::Parse("12")));
  // Every amount of every summation of every settlement counts, in order.
  EXPECT_EQ(
      sum(line(settlement(summation(amount("1") + amount("2")))) + one("4")),
      Sum(Decimal::Parse("7")));
  EXPECT_EQ(
      sum(line(settlement(summation(amount("1")) + summation(amount("2")))) +
          one("4")),
      Sum(Decimal::Parse("7")));
  EXPECT_EQ(sum(line(settlement(summation(amount("1"))) +
                     settlement(summation(amount("2")))) +
                one("4")),
            Sum(Decimal::Parse("7")));
  EXPECT_EQ(
      sum(line(settlement(summation(amount("1") + amount("x")))) + one("4")),
      kError);
  // Other children between the ones summed, and a long prefix hiding one.
  EXPECT_EQ(sum(line(settlement(el("ram:ApplicableTradeTax", "") +
                                summation(el("ram:ChargeTotalAmount", "9") +
                                          amount("1") +
                                          el("ram:TaxTotalAmount", "9"))))),
            Sum(Decimal::Parse("1")));
  EXPECT_EQ(
      sum(line(settlement(summation(
          el("averyveryverylongprefix:LineTotalAmount", "5") + amount("2"))))),
      Sum(Decimal::Parse("2")));
  // A line the reader does not take (another namespace) still counts, so
  // the XML holds more lines than the model.
  EXPECT_EQ(sum(one("1") +
                line(settlement(summation(amount("2"))),
                     "x:IncludedSupplyChainTradeLineItem") +
                one("4")),
            Sum(Decimal::Parse("7")));
  ExpectExampleLineSums("cii-examples", CiiLineSumsAgree);
}

// The children of a UBL line the core rules read, each found by its name
// only (LineXml's table of names): a fact only the XML holds fires a rule
// when the child is found, and the same name with another tail (same
// length, same first seven bytes) is another element.
TEST(BusinessSharedTest, LineChildrenAreFoundByTheirNames) {
  auto rules_on = [](const std::string& children) {
    const std::string xml =
        Ubl("<cac:InvoiceLine><cbc:ID>1</cbc:ID>" + children +
            "<cac:Item><cbc:Name>n</cbc:Name></cac:Item></cac:InvoiceLine>");
    auto loaded = LoadDocumentBuffer(xml, "test.xml");
    EXPECT_TRUE(loaded.ok()) << xml;
    std::vector<std::string> ids;
    if (!loaded.ok()) return ids;
    for (const Diagnostic& d : CheckRules(**loaded, ReadInvoice(**loaded))) {
      ids.push_back(d.rule);
    }
    return ids;
  };
  auto fires = [&](const std::string& children, std::string_view rule) {
    const std::vector<std::string> ids = rules_on(children);
    return std::find(ids.begin(), ids.end(), rule) != ids.end();
  };
  auto el = [](const std::string& name, const std::string& content) {
    return "<" + name + ">" + content + "</" + name + ">";
  };
  auto tail = [](std::string name) {
    name[name.size() - 3] = 'X';
    return name;
  };
  // Three characters after the point as written; the model reads 1.23.
  const std::string amount = "cbc:LineExtensionAmount";
  EXPECT_TRUE(fires(el(amount, "1.23 "), "BR-DEC-23"));
  EXPECT_FALSE(fires(el(tail(amount), "1.23 "), "BR-DEC-23"));
  const std::string period = "cac:InvoicePeriod";
  const std::string dates =
      el("cbc:StartDate", "2024-02-01") + el("cbc:EndDate", "2024-01-01");
  EXPECT_TRUE(fires(el(period, dates), "BR-30"));
  EXPECT_FALSE(fires(el(tail(period), dates), "BR-30"));
  const std::string allowance = "cac:AllowanceCharge";
  const std::string terms = el("cbc:ChargeIndicator", "false") +
                            el("cbc:Amount", "1.23 ") +
                            el("cbc:AllowanceChargeReason", "r");
  EXPECT_TRUE(fires(el(allowance, terms), "BR-DEC-24"));
  EXPECT_FALSE(fires(el(tail(allowance), terms), "BR-DEC-24"));
  for (const std::string quantity :
       {"cbc:InvoicedQuantity", "cbc:CreditedQuantity"}) {
    EXPECT_FALSE(fires(el(quantity, "x"), "BR-22")) << quantity;
    EXPECT_TRUE(fires(el(tail(quantity), "x"), "BR-22")) << quantity;
  }
  EXPECT_FALSE(fires(el("cac:Price", el("cbc:PriceAmount", "1")), "BR-27"));
  EXPECT_TRUE(fires(el("cac:Price", el("cbc:PriceAmount", "-1")), "BR-27"));
  EXPECT_TRUE(fires(el("cac:Prica", el("cbc:PriceAmount", "1")), "BR-27"));
  // The first cac:Item holds the category BR-CO-04 looks for.
  const std::string category =
      el("cac:ClassifiedTaxCategory",
         el("cbc:ID", "S") + el("cac:TaxScheme", el("cbc:ID", "VAT")));
  EXPECT_TRUE(fires("", "BR-CO-04"));
  EXPECT_FALSE(fires(el("cac:Item", category), "BR-CO-04"));
}

}  // namespace
}  // namespace chorus

// The CII syntax rules (CII-SR/DT): coverage of the official pattern, the
// official and Factur-X example invoices, and focused cases of the
// Schematron and XPath semantics.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <pugixml.hpp>
#include <set>
#include <string>
#include <vector>

#include "../src/rules/cii_syntax_internal.h"
#include "../src/rules/engine_internal.h"
#include "chorus/format/document.h"
#include "chorus/format/syntax.h"
#include "chorus/rules/rules.h"
#include "cii_syntax_invoice.h"
#include "support/test_env.h"

namespace chorus {
namespace {

namespace fs = std::filesystem;

struct CiiRun {
  std::unique_ptr<XmlDocument> doc;
  std::vector<Diagnostic> out;

  int Count(const std::string& id) const {
    return static_cast<int>(
        std::count_if(out.begin(), out.end(),
                      [&](const Diagnostic& d) { return d.rule == id; }));
  }
  std::vector<std::string> Fatal() const {
    std::vector<std::string> ids;
    for (const Diagnostic& d : out) {
      if (d.severity != Severity::kWarning) ids.push_back(d.rule);
    }
    return ids;
  }
  // "CII-SR-013 CII-DT-031x2": distinct ids, sorted, with repeat counts.
  std::string Summary() const {
    std::map<std::string, int> ids;
    for (const Diagnostic& d : out) ++ids[d.rule];
    std::string s;
    for (const auto& [id, n] : ids) {
      if (!s.empty()) s += ' ';
      s += id;
      if (n > 1) s += "x" + std::to_string(n);
    }
    return s;
  }
};

CiiRun Check(std::string xml, const std::string& name = "test.xml") {
  CiiRun run;
  auto loaded = LoadDocumentBuffer(std::move(xml), name);
  EXPECT_TRUE(loaded.ok()) << name << ": "
                           << (loaded.ok() ? "" : loaded.error().message);
  if (!loaded.ok()) return run;
  run.doc = std::move(loaded.value());
  ReadResult read;  // the syntax rules never look at the model
  rules::RunContext ctx{*run.doc, read, Syntax::kCii, &run.out};
  rules::CheckCiiSyntaxRules(ctx);
  return run;
}

CiiRun CheckFile(const fs::path& path) {
  return Check(testing::ReadFile(path), path.filename().string());
}

constexpr const char* kOpen = testing::kCiiOpen;

std::string Invoice(const std::string& document_extra = "",
                    const std::string& transaction = "") {
  return testing::CiiInvoice(document_extra, transaction);
}

std::string HeaderSettlement(const std::string& inner) {
  return "<ram:ApplicableHeaderTradeSettlement>" + inner +
         "</ram:ApplicableHeaderTradeSettlement>";
}

// --- The table against the official artefact -------------------------------

TEST(CiiSyntaxTable, MatchesEveryAssertionOfTheOfficialPattern) {
  fs::path sch = testing::SharedDir() /
                 "rules/en16931/cii/EN16931-CII-validation-preprocessed.sch";
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_file(sch.c_str())) << sch;
  std::vector<std::string> official;
  for (pugi::xml_node pattern : doc.document_element().children("pattern")) {
    if (std::string(pattern.attribute("id").value()) != "EN16931-CII-Syntax") {
      continue;
    }
    for (pugi::xml_node rule : pattern.children("rule")) {
      for (pugi::xml_node a : rule.children("assert")) {
        official.emplace_back(a.attribute("id").value());
      }
    }
  }
  ASSERT_GT(official.size(), 550u);
  std::vector<std::string> ours;
  for (std::string_view id : rules::cii::TableAssertIds())
    ours.emplace_back(id);
  EXPECT_EQ(ours, official);
  for (const std::string& id : official) {
    const RuleInfo* info = FindRule(id, Syntax::kCii);
    EXPECT_NE(info, nullptr) << id << " missing from the catalogue";
  }
}

TEST(CiiSyntaxTable, EveryIrregularAssertionIsHandWritten) {
  EXPECT_TRUE(rules::cii::UnimplementedCustomChecks().empty());
}

// --- Official examples -------------------------------------------------------
//
// Expected results were obtained independently by running the official
// pattern's contexts and tests with SaxonJS (XPath 3.1), first-match rule
// semantics included.

TEST(CiiSyntaxExamples, CenExamplesFireNoSyntaxRule) {
  std::vector<fs::path> files = testing::XmlFilesIn(
      testing::SharedDir() / "conformance/en16931/cii-examples");
  ASSERT_GE(files.size(), 15u);
  for (const fs::path& f : files) {
    CiiRun run = CheckFile(f);
    EXPECT_TRUE(run.Fatal().empty()) << f.filename() << ": " << run.Summary();
    EXPECT_EQ(run.Summary(), "") << f.filename();
  }
}

TEST(CiiSyntaxExamples, FacturXEn16931FiresNothing) {
  CiiRun run = CheckFile(testing::SharedDir() /
                         "conformance/facturx/factur-x-en16931.xml");
  EXPECT_EQ(run.Summary(), "");
}

TEST(CiiSyntaxExamples, FacturXExtendedFiresOnlyWarnings) {
  CiiRun run = CheckFile(testing::SharedDir() /
                         "conformance/facturx/factur-x-extended.xml");
  // Line notes with a subject code (3 lines), a line-level
  // ExemptionReason(Code) on ram:ApplicableTradeTax... as EXTENDED allows.
  EXPECT_EQ(run.Summary(),
            "CII-DT-052 CII-DT-098 CII-SR-039x3 CII-SR-040x3 CII-SR-041x3 "
            "CII-SR-474");
  EXPECT_TRUE(run.Fatal().empty()) << run.Summary();
}

// --- Focused cases -------------------------------------------------------

TEST(CiiSyntaxRules, MinimalInvoiceIsClean) {
  CiiRun run = Check(Invoice());
  EXPECT_EQ(run.Summary(), "");
}

TEST(CiiSyntaxRules, AbsentElementIsAWarningAtTheContextNode) {
  CiiRun run = Check(Invoice("<ram:Name>x</ram:Name>"));
  ASSERT_EQ(run.Summary(), "CII-SR-013");
  EXPECT_EQ(run.out[0].severity, Severity::kWarning);
  EXPECT_NE(run.out[0].location.find("rsm:ExchangedDocument"),
            std::string::npos)
      << run.out[0].location;
  EXPECT_EQ(run.out[0].location.find("ram:Name"), std::string::npos)
      << run.out[0].location;
}

TEST(CiiSyntaxRules, ManyDistinctNamesChangeNoVerdict) {
  // Enough distinct names, many sharing their first seven bytes, to fill
  // the per-thread name table several times over between two contexts.
  std::string filler;
  for (int k = 0; k < 3000; ++k) {
    filler += "<ram:TypeCode" + std::to_string(k) + "/>";
    filler += "<ram:X" + std::to_string(k) + "ReferencedDocument/>";
  }
  std::string note =
      "<ram:IncludedNote><ram:Content>a</ram:Content>"
      "<ram:Content>b</ram:Content></ram:IncludedNote>";
  EXPECT_EQ(Check(Invoice(note + filler + note)).Summary(), "CII-SR-030x2");
  EXPECT_EQ(Check(Invoice(note)).Summary(), "CII-SR-030");
}

TEST(CiiSyntaxRules, NestedAbsentPath) {
  // not(ram:IncludedNote/ram:Subject): a Subject elsewhere does not count.
  EXPECT_EQ(Check(Invoice("<ram:IncludedNote><ram:Subject>s</ram:Subject>"
                          "</ram:IncludedNote>"))
                .Summary(),
            "CII-SR-027");
  EXPECT_EQ(Check(Invoice("<ram:IncludedNote><ram:Content>s</ram:Content>"
                          "</ram:IncludedNote>"))
                .Summary(),
            "");
}

TEST(CiiSyntaxRules, CountLimits) {
  std::string one_note =
      "<ram:IncludedNote><ram:Content>a</ram:Content></ram:IncludedNote>";
  auto line = [](const std::string& notes) {
    return "<ram:IncludedSupplyChainTradeLineItem>"
           "<ram:AssociatedDocumentLineDocument><ram:LineID>1</ram:LineID>" +
           notes +
           "</ram:AssociatedDocumentLineDocument>"
           "</ram:IncludedSupplyChainTradeLineItem>";
  };
  EXPECT_EQ(Check(Invoice("", line(one_note))).Summary(), "");
  // count(ram:IncludedNote) <= 1 and count(ram:IncludedNote/ram:Content)
  EXPECT_EQ(Check(Invoice("", line(one_note + one_note))).Summary(),
            "CII-SR-039 CII-SR-040");
  // count(ram:TypeCode) = 1 (fatal), both ways.
  std::string doc = Invoice();
  std::string no_type = doc;
  no_type.erase(no_type.find("<ram:TypeCode>"),
                std::string("<ram:TypeCode>380</ram:TypeCode>").size());
  CiiRun missing = Check(no_type);
  EXPECT_EQ(missing.Summary(), "CII-SR-014");
  EXPECT_EQ(missing.Fatal().size(), 1u);
  EXPECT_EQ(Check(Invoice("<ram:TypeCode>381</ram:TypeCode>")).Summary(),
            "CII-SR-014");
}

TEST(CiiSyntaxRules, DataTypeRulesOnAttributes) {
  std::string totals =
      "<ram:SpecifiedTradeSettlementHeaderMonetarySummation>"
      "<ram:LineTotalAmount currencyID=\"EUR\">1</ram:LineTotalAmount>"
      "<ram:TaxTotalAmount currencyID=\"EUR\">1</ram:TaxTotalAmount>"
      "</ram:SpecifiedTradeSettlementHeaderMonetarySummation>";
  CiiRun run = Check(Invoice("", HeaderSettlement(totals)));
  // Only the LineTotalAmount: ram:TaxTotalAmount is excluded by the
  // context predicate.
  ASSERT_EQ(run.Summary(), "CII-DT-031");
  EXPECT_EQ(run.out[0].severity, Severity::kFatal);
  EXPECT_NE(run.out[0].location.find("ram:LineTotalAmount"), std::string::npos)
      << run.out[0].location;
  // @unitCode is allowed when some line's BilledQuantity carries one.
  std::string quantity =
      "<ram:ChargeableQuantity unitCode=\"C62\">1"
      "</ram:ChargeableQuantity>";
  EXPECT_EQ(Check(Invoice("", "<ram:ApplicableHeaderTradeDelivery>" + quantity +
                                  "</ram:ApplicableHeaderTradeDelivery>"))
                .Summary(),
            "CII-DT-033");
  std::string line =
      "<ram:IncludedSupplyChainTradeLineItem><ram:SpecifiedLineTradeDelivery>"
      "<ram:BilledQuantity unitCode=\"C62\">1</ram:BilledQuantity>"
      "</ram:SpecifiedLineTradeDelivery></"
      "ram:IncludedSupplyChainTradeLineItem>";
  EXPECT_EQ(Check(Invoice("", line)).Summary(), "");
}

// CII-DT-033 looks for a line BilledQuantity/@unitCode along the whole
// path from the document element: in any line, not only the first; not
// one a step short, in another namespace, or with another attribute.
TEST(CiiSyntaxRules, UnitCodeNeedsSomeLineBilledQuantityWithOne) {
  const std::string header =
      "<ram:ApplicableHeaderTradeDelivery><ram:ChargeableQuantity "
      "unitCode=\"C62\">1</ram:ChargeableQuantity>"
      "</ram:ApplicableHeaderTradeDelivery>";
  auto line = [](const std::string& inside) {
    return "<ram:IncludedSupplyChainTradeLineItem>" + inside +
           "</ram:IncludedSupplyChainTradeLineItem>";
  };
  auto delivery = [](const std::string& quantity) {
    return "<ram:SpecifiedLineTradeDelivery>" + quantity +
           "</ram:SpecifiedLineTradeDelivery>";
  };
  const std::string billed =
      "<ram:BilledQuantity unitCode=\"C62\">1</ram:BilledQuantity>";
  const std::string no_unit = "<ram:BilledQuantity>1</ram:BilledQuantity>";
  auto summary = [&](const std::string& lines) {
    return Check(Invoice("", lines + header)).Summary();
  };
  EXPECT_EQ(summary(line(delivery(billed))), "");
  EXPECT_EQ(summary(line(delivery(no_unit)) + line(delivery(billed))), "");
  EXPECT_EQ(summary(line(delivery(no_unit) + delivery(billed))), "");
  EXPECT_EQ(summary(line(delivery(no_unit))), "CII-DT-033");
  EXPECT_EQ(summary(line(billed)), "CII-DT-033x2");
  EXPECT_EQ(summary(line(delivery("<udt:BilledQuantity unitCode=\"C62\">1"
                                  "</udt:BilledQuantity>"))),
            "CII-DT-033");
  EXPECT_EQ(summary(line(delivery("<ram:BilledQuantity unit=\"C62\">1"
                                  "</ram:BilledQuantity>"))),
            "CII-DT-033");
}

TEST(CiiSyntaxRules, PredicateContext) {
  auto dated = [](const std::string& format, const std::string& value) {
    return Invoice("<ram:IssueDateTime><udt:DateTimeString format=\"" + format +
                   "\">" + value + "</udt:DateTimeString></ram:IssueDateTime>");
  };
  EXPECT_EQ(Check(dated("102", "20240131")).Summary(), "");
  EXPECT_EQ(Check(dated("102", " 20240131\n")).Summary(), "");
  EXPECT_EQ(Check(dated("102", "2024-01-31")).Summary(), "CII-DT-097");
  EXPECT_EQ(Check(dated("102", "20241301")).Summary(), "CII-DT-097");
  // The context is //udt:DateTimeString[@format = '102'] only.
  EXPECT_EQ(Check(dated("610", "2024-01-31")).Summary(), "");
  EXPECT_EQ(Check(dated("102 ", "2024-01-31")).Summary(), "");
}

TEST(CiiSyntaxRules, FirstMatchingRuleOfThePatternWins) {
  // The header ram:TypeCode is taken by "//ram:TypeCode" (CII-DT-008/009),
  // so the later rule of /rsm:.../ram:TypeCode (CII-DT-010..012) never
  // sees it.
  std::string doc = Invoice();
  std::string listed = doc;
  listed.replace(listed.find("<ram:TypeCode>"), 14,
                 "<ram:TypeCode listID=\"1001\" name=\"n\">");
  EXPECT_EQ(Check(listed).Summary(), "CII-DT-008");
  // The header ram:ID goes to the union rule (CII-DT-001..007), not to
  // //ram:*[ends-with(name(), 'ID')] (CII-DT-101..104); other IDs do.
  std::string schemed = doc;
  schemed.replace(schemed.find("<ram:ID>1</ram:ID>"), 18,
                  "<ram:ID schemeName=\"s\">1</ram:ID>");
  EXPECT_EQ(Check(schemed).Summary(), "CII-DT-001");
  EXPECT_EQ(Check(Invoice("",
                          "<ram:ApplicableHeaderTradeAgreement>"
                          "<ram:BuyerReference schemeName=\"s\">1"
                          "</ram:BuyerReference>"
                          "<ram:ContractReferencedDocument>"
                          "<ram:IssuerAssignedID schemeName=\"s\">1"
                          "</ram:IssuerAssignedID>"
                          "</ram:ContractReferencedDocument>"
                          "</ram:ApplicableHeaderTradeAgreement>"))
                .Summary(),
            "CII-DT-101");
}

TEST(CiiSyntaxRules, NamespacesAreMatchedByUriNotPrefix) {
  std::string doc =
      "<CrossIndustryInvoice"
      " xmlns=\"urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100\""
      " xmlns:a=\"urn:un:unece:uncefact:data:standard:"
      "ReusableAggregateBusinessInformationEntity:100\">"
      "<ExchangedDocumentContext><a:TestIndicator/>"
      "<a:GuidelineSpecifiedDocumentContextParameter><a:ID>x</a:ID>"
      "</a:GuidelineSpecifiedDocumentContextParameter>"
      "</ExchangedDocumentContext>"
      "<ExchangedDocument><a:TypeCode>380</a:TypeCode><a:Name>n</a:Name>"
      "<Name>not ram</Name></ExchangedDocument>"
      "</CrossIndustryInvoice>";
  EXPECT_EQ(Check(doc).Summary(), "CII-SR-002 CII-SR-013");
}

TEST(CiiSyntaxRules, ValueComparisonsFollowXPath) {
  auto refs = [](const std::string& code1, const std::string& code2) {
    return Invoice("",
                   "<ram:ApplicableHeaderTradeAgreement>"
                   "<ram:AdditionalReferencedDocument><ram:TypeCode>" +
                       code1 +
                       "</ram:TypeCode></ram:AdditionalReferencedDocument>"
                       "<ram:AdditionalReferencedDocument><ram:TypeCode>" +
                       code2 +
                       "</ram:TypeCode></ram:AdditionalReferencedDocument>"
                       "</ram:ApplicableHeaderTradeAgreement>");
  };
  // CII-SR-458 compares the raw value ('130' only), CII-DT-018 as well.
  EXPECT_EQ(Check(refs("130", "130")).Summary(), "CII-SR-458");
  EXPECT_EQ(Check(refs("130", " 130")).Summary(), "CII-DT-018");
  // CII-SR-475 normalizes: two 916 documents with a name each.
  std::string named =
      "<ram:ApplicableHeaderTradeAgreement>"
      "<ram:AdditionalReferencedDocument><ram:TypeCode>916</ram:TypeCode>"
      "<ram:Name>a</ram:Name></ram:AdditionalReferencedDocument>"
      "<ram:AdditionalReferencedDocument><ram:TypeCode> 916 </ram:TypeCode>"
      "<ram:Name>b</ram:Name></ram:AdditionalReferencedDocument>"
      "</ram:ApplicableHeaderTradeAgreement>";
  EXPECT_EQ(Check(Invoice("", named)).Summary(),
            "CII-DT-018 CII-DT-021 CII-SR-475")
      << "' 916 ' is not '916' for DT-018/021 but is for SR-475";
}

TEST(CiiSyntaxRules, DynamicErrorsFailTheAssertion) {
  // normalize-space() of two TypeCodes is an error in CII-SR-474.
  std::string line =
      "<ram:IncludedSupplyChainTradeLineItem><ram:SpecifiedLineTradeSettlement>"
      "<ram:AdditionalReferencedDocument><ram:TypeCode>130</ram:TypeCode>"
      "<ram:TypeCode>130</ram:TypeCode></ram:AdditionalReferencedDocument>"
      "</ram:SpecifiedLineTradeSettlement>"
      "</ram:IncludedSupplyChainTradeLineItem>";
  EXPECT_NE(Check(Invoice("", line)).Count("CII-SR-474"), 0);
  // udt:Indicator = false() casts to xs:boolean.
  auto priced = [](const std::string& indicator) {
    return Invoice(
        "",
        "<ram:IncludedSupplyChainTradeLineItem>"
        "<ram:SpecifiedLineTradeAgreement><ram:GrossPriceProductTradePrice>"
        "<ram:AppliedTradeAllowanceCharge><ram:ChargeIndicator>"
        "<udt:Indicator>" +
            indicator +
            "</udt:Indicator></ram:ChargeIndicator>"
            "<ram:ActualAmount>1</ram:ActualAmount>"
            "</ram:AppliedTradeAllowanceCharge>"
            "</ram:GrossPriceProductTradePrice></"
            "ram:SpecifiedLineTradeAgreement>"
            "</ram:IncludedSupplyChainTradeLineItem>");
  };
  EXPECT_EQ(Check(priced("false")).Count("CII-SR-119"), 0);
  EXPECT_EQ(Check(priced(" 0 ")).Count("CII-SR-119"), 0);
  EXPECT_EQ(Check(priced("true")).Count("CII-SR-119"), 1);
  EXPECT_EQ(Check(priced("no")).Count("CII-SR-119"), 1);
}

// A value with element children is read as its XPath string value: the
// text of descendants joined in order, CDATA included.
TEST(CiiSyntaxRules, MixedContentValuesAreStringValues) {
  auto priced = [](const std::string& indicator) {
    return Invoice(
        "",
        "<ram:IncludedSupplyChainTradeLineItem>"
        "<ram:SpecifiedLineTradeAgreement><ram:GrossPriceProductTradePrice>"
        "<ram:AppliedTradeAllowanceCharge><ram:ChargeIndicator>"
        "<udt:Indicator xmlns:x=\"urn:example:x\">" +
            indicator +
            "</udt:Indicator></ram:ChargeIndicator>"
            "<ram:ActualAmount>1</ram:ActualAmount>"
            "</ram:AppliedTradeAllowanceCharge>"
            "</ram:GrossPriceProductTradePrice></"
            "ram:SpecifiedLineTradeAgreement>"
            "</ram:IncludedSupplyChainTradeLineItem>");
  };
  EXPECT_EQ(Check(priced("f<x:b>al</x:b>se")).Count("CII-SR-119"), 0);
  EXPECT_EQ(Check(priced("<x:b>fa<x:c>l</x:c></x:b><![CDATA[se]]>"))
                .Count("CII-SR-119"),
            0);
  EXPECT_EQ(Check(priced("t<x:b>ru</x:b>e")).Count("CII-SR-119"), 1);
  EXPECT_EQ(Check(priced("f<x:b>al</x:b>s<![CDATA[ e]]>")).Count("CII-SR-119"),
            1);
}

// Attributes are found by the name as written, prefix included.
TEST(CiiSyntaxRules, PrefixedAttributesAreOtherAttributes) {
  auto dated = [](const std::string& attributes) {
    return Invoice(
        "<ram:IssueDateTime><udt:DateTimeString "
        "xmlns:x=\"urn:example:x\" " +
        attributes + ">2024-01-31</udt:DateTimeString></ram:IssueDateTime>");
  };
  EXPECT_EQ(Check(dated("x:format=\"102\"")).Summary(), "");
  EXPECT_EQ(Check(dated("x:format=\"610\" format=\"102\"")).Summary(),
            "CII-DT-097");
}

TEST(CiiSyntaxRules, DocumentWideRules) {
  auto means = [](const std::string& a, const std::string& b) {
    return Invoice(
        "", HeaderSettlement("<ram:SpecifiedTradeSettlementPaymentMeans>"
                             "<ram:TypeCode>" +
                             a +
                             "</ram:TypeCode>"
                             "</ram:SpecifiedTradeSettlementPaymentMeans>"
                             "<ram:SpecifiedTradeSettlementPaymentMeans>"
                             "<ram:TypeCode>" +
                             b +
                             "</ram:TypeCode>"
                             "</ram:SpecifiedTradeSettlementPaymentMeans>"));
  };
  EXPECT_EQ(Check(means("49", " 49 ")).Summary(), "");
  CiiRun differ = Check(means("49", "31"));
  EXPECT_EQ(differ.Summary(), "CII-SR-467");
  EXPECT_NE(differ.out[0].location.find("rsm:CrossIndustryInvoice"),
            std::string::npos);
  // Credit transfer without an account.
  EXPECT_EQ(Check(means("58", "58")).Summary(), "CII-SR-470");
}

TEST(CiiSyntaxRules, DocumentWideListsTakeOnlyTheirParentsChildren) {
  // //ram:ApplicableHeaderTradeSettlement/ram:PaymentReference: the same
  // name elsewhere, or deeper, is not in the list.
  std::string elsewhere =
      "<ram:ApplicableHeaderTradeAgreement>"
      "<ram:PaymentReference>x</ram:PaymentReference>"
      "</ram:ApplicableHeaderTradeAgreement>";
  std::string nested =
      "<ram:SpecifiedTradeSettlementPaymentMeans>"
      "<ram:PaymentReference>y</ram:PaymentReference>"
      "</ram:SpecifiedTradeSettlementPaymentMeans>";
  std::string one = "<ram:PaymentReference>z</ram:PaymentReference>";
  EXPECT_EQ(Check(Invoice("", elsewhere + HeaderSettlement(one + nested)))
                .Count("CII-SR-469"),
            0);
  EXPECT_EQ(Check(Invoice("", HeaderSettlement(one + one))).Count("CII-SR-469"),
            1);
  // //ram:ApplicableTradeTax/ram:DueDateTypeCode, in any number of
  // settlements: one distinct value.
  auto tax = [](const std::string& code) {
    return "<ram:ApplicableTradeTax><ram:DueDateTypeCode>" + code +
           "</ram:DueDateTypeCode></ram:ApplicableTradeTax>";
  };
  EXPECT_EQ(Check(Invoice("", HeaderSettlement(tax("5") + tax("5"))))
                .Count("CII-SR-462"),
            0);
  EXPECT_EQ(Check(Invoice("", HeaderSettlement(tax("5") + tax("29"))))
                .Count("CII-SR-462"),
            1);
}

TEST(CiiSyntaxRules, AnyWellFormedInputIsSafe) {
  // Not CII at all: no context of the pattern matches.
  EXPECT_EQ(Check("<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:"
                  "xsd:Invoice-2\"><ID schemeName=\"x\">1</ID></Invoice>")
                .Summary(),
            "");
  EXPECT_EQ(Check(std::string(kOpen) + "</rsm:CrossIndustryInvoice>").Summary(),
            "");
  // Deep nesting of a context element inside itself.
  std::string deep = std::string(kOpen);
  for (int i = 0; i < 200; ++i) deep += "<ram:PostalTradeAddress>";
  deep += "<ram:ID/>";
  for (int i = 0; i < 200; ++i) deep += "</ram:PostalTradeAddress>";
  deep += "</rsm:CrossIndustryInvoice>";
  CiiRun run = Check(deep);
  EXPECT_EQ(run.Count("CII-DT-082"), 1);
}

}  // namespace
}  // namespace chorus

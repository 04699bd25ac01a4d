// The Factur-X profile rules: every catalogued assert and report runs, the
// profile samples pass their profile's rules, and mutated copies fire the
// ids the Schematron gives them (cross-checked on Saxon-HE with the
// Schematron compiled to XSLT; see the branch report).
#include "../src/rules/facturx_rules.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <pugixml.hpp>
#include <set>
#include <string>
#include <vector>

#include "chorus/format/document.h"
#include "chorus/format/facturx_profile.h"
#include "chorus/format/syntax.h"
#include "chorus/format/xsd.h"
#include "chorus/rules/rules.h"
#include "support/test_env.h"

namespace chorus {
namespace {

using testing::ReadFile;
using testing::SharedDir;

std::string Sample(const std::string& profile) {
  return ReadFile(SharedDir() / "conformance/facturx" /
                  ("factur-x-" + profile + ".xml"));
}

struct FxRun {
  std::vector<Diagnostic> out;
  std::multiset<std::string> Fired(Severity severity) const {
    std::multiset<std::string> ids;
    for (const Diagnostic& d : out) {
      if (d.severity == severity) ids.insert(d.rule);
    }
    return ids;
  }
  std::set<std::string> Ids() const {
    std::set<std::string> ids;
    for (const Diagnostic& d : out) ids.insert(d.rule);
    return ids;
  }
};

FxRun Check(std::string xml) {
  FxRun run;
  auto doc = LoadDocumentBuffer(std::move(xml), "fx.xml");
  EXPECT_TRUE(static_cast<bool>(doc));
  if (!doc) return run;
  ReadResult read = ReadInvoice(**doc);
  RuleOptions options;
  options.en16931 = false;
  options.facturx = true;
  run.out = CheckRules(**doc, read, options);
  return run;
}

// Replaces (new_value) or removes (nullptr) the first <tag>...</tag> after
// `anchor`; the test fails loudly when the sample lacks them.
std::string Edit(std::string xml, const std::string& anchor,
                 const std::string& tag, const char* new_value) {
  std::size_t at = xml.find(anchor);
  std::size_t open =
      at == std::string::npos ? at : xml.find("<" + tag + ">", at);
  std::size_t close =
      open == std::string::npos ? open : xml.find("</" + tag + ">", open);
  EXPECT_NE(close, std::string::npos) << anchor << " " << tag;
  if (close == std::string::npos) return xml;
  close += tag.size() + 3;
  std::string replacement =
      new_value ? "<" + tag + ">" + new_value + "</" + tag + ">" : "";
  return xml.replace(open, close - open, replacement);
}

constexpr const char* kTotals =
    "<ram:SpecifiedTradeSettlementHeaderMonetarySummation>";

// The id of the structural check of `set` whose text is `text`.
std::string StructuralId(std::string_view set, const std::string& text) {
  for (const RuleInfo& r : FacturXRules()) {
    if (r.set == set && r.message == text) return std::string(r.id);
  }
  ADD_FAILURE() << "no " << set << " rule with text " << text;
  return "";
}

TEST(FacturXRules, EveryCatalogueEntryRuns) {
  // The list of rules the evaluator cannot run: empty, and pinned so it can
  // only stay so.
  std::vector<std::string> not_runnable;
  for (const RuleInfo* r : FacturXRulesNotRunnable()) {
    not_runnable.push_back(std::string(r->set) + " " + std::string(r->id));
  }
  EXPECT_EQ(not_runnable, std::vector<std::string>{});
}

TEST(FacturXRules, CatalogueHasEveryAssertAndReportOfTheSchematron) {
  const std::map<std::string, std::string> files = {
      {"facturx-basicwl", "Factur-X_BASICWL.sch"},
      {"facturx-en16931", "Factur-X_EN16931.sch"},
      {"facturx-extended", "Factur-X_EXTENDED.sch"}};
  for (const auto& [set, file] : files) {
    pugi::xml_document sch;
    ASSERT_TRUE(sch.load_file((SharedDir() / "rules/facturx" / file).c_str()))
        << file;
    std::size_t checks = 0;
    std::set<std::string> bracketed;
    for (pugi::xpath_node n : sch.select_nodes("//*[local-name()='assert' or "
                                               "local-name()='report']")) {
      ++checks;
      std::string text = n.node().child_value();
      std::size_t open = text.find('['), close = text.find(']');
      std::size_t first = text.find_first_not_of(" \t\r\n");
      if (open == first && close != std::string::npos) {
        bracketed.insert(text.substr(open + 1, close - open - 1));
      }
    }
    std::size_t in_set = 0;
    std::set<std::string> ids;
    for (const RuleInfo& r : FacturXRules()) {
      if (r.set != set) continue;
      ++in_set;
      ids.insert(std::string(r.id));
      EXPECT_FALSE(r.message.empty()) << r.id;
      EXPECT_EQ(r.syntax, RuleSyntax::kCii);
    }
    EXPECT_EQ(in_set, checks) << set;
    EXPECT_EQ(ids.size(), in_set) << set << ": ids repeat within the set";
    for (const std::string& id : bracketed)
      EXPECT_TRUE(ids.count(id)) << set << " " << id;
  }
}

TEST(FacturXRules, CataloguesStaySeparate) {
  // BR-52 is in the EN 16931 catalogue and in Factur-X sets: the set tells
  // them apart, and AllRules() keeps only the CEN set.
  for (const RuleInfo& r : AllRules()) EXPECT_EQ(r.set, "en16931") << r.id;
  std::set<std::string> sets;
  for (const RuleInfo& r : FacturXRules()) {
    if (r.id == "BR-52") sets.insert(std::string(r.set));
  }
  EXPECT_EQ(sets,
            (std::set<std::string>{"facturx-en16931", "facturx-extended"}));
}

TEST(FacturXRules, ProfileFromBt24) {
  const std::map<std::string, FacturXProfile> expected = {
      {"minimum", FacturXProfile::kMinimum},
      {"basicwl", FacturXProfile::kBasicWl},
      {"basic", FacturXProfile::kBasic},
      {"en16931", FacturXProfile::kEn16931},
      {"extended", FacturXProfile::kExtended}};
  for (const auto& [name, profile] : expected) {
    auto doc = LoadDocumentBuffer(Sample(name), name);
    ASSERT_TRUE(static_cast<bool>(doc)) << name;
    EXPECT_EQ(FacturXProfileOf(**doc), profile) << name;
  }
  EXPECT_EQ(FacturXRuleSet(FacturXProfile::kBasic), "facturx-en16931");
  EXPECT_EQ(FacturXRuleSet(FacturXProfile::kExtended), "facturx-extended");
  EXPECT_EQ(FacturXRuleSet(FacturXProfile::kMinimum), "facturx-basicwl");
}

TEST(FacturXRules, ProfileSamplesPassTheirProfileRules) {
  for (const char* profile :
       {"minimum", "basicwl", "basic", "en16931", "extended"}) {
    FxRun run = Check(Sample(profile));
    EXPECT_EQ(run.Fired(Severity::kFatal), std::multiset<std::string>{})
        << profile;
    EXPECT_EQ(run.out.size(), 0u)
        << profile << ": " << (run.out.empty() ? "" : run.out[0].rule);
  }
}

TEST(FacturXRules, MissingMandatoryElementsFire) {
  // Seller name (BT-27): BR-06 and the profile's cardinality check.
  const std::map<std::string, std::string> sets = {
      {"basicwl", "facturx-basicwl"},
      {"basic", "facturx-en16931"},
      {"en16931", "facturx-en16931"},
      {"extended", "facturx-extended"}};
  for (const auto& [profile, set] : sets) {
    FxRun run = Check(
        Edit(Sample(profile), "<ram:SellerTradeParty>", "ram:Name", nullptr));
    std::string card = StructuralId(
        set,
        "Element 'ram:Name' must occur exactly 1 times. (context: "
        "/rsm:CrossIndustryInvoice/"
        "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement/"
        "ram:SellerTradeParty)");
    EXPECT_EQ(run.Ids(), (std::set<std::string>{"BR-06", card})) << profile;
    // The invoice number (BT-1).
    run = Check(
        Edit(Sample(profile), "<rsm:ExchangedDocument>", "ram:ID", nullptr));
    card =
        StructuralId(set,
                     "Element 'ram:ID' must occur exactly 1 times. (context: "
                     "/rsm:CrossIndustryInvoice/rsm:ExchangedDocument)");
    EXPECT_EQ(run.Ids(), (std::set<std::string>{"BR-02", card})) << profile;
  }
}

TEST(FacturXRules, CodeValuesOutsideTheProfileListsFire) {
  std::string xml = Sample("en16931");
  std::string at = "<ram:TypeCode>380</ram:TypeCode>";
  xml.replace(xml.find(at), at.size(), "<ram:TypeCode>999</ram:TypeCode>");
  FxRun run = Check(xml);
  EXPECT_EQ(
      run.Ids(),
      (std::set<std::string>{StructuralId(
          "facturx-en16931",
          "Value of 'ram:TypeCode' is not allowed. (context: "
          "/rsm:CrossIndustryInvoice/rsm:ExchangedDocument/ram:TypeCode)")}));
  ASSERT_EQ(run.out.size(), 1u);
  EXPECT_NE(
      run.out[0].location.find("/rsm:ExchangedDocument/ram:TypeCode (line 17)"),
      std::string::npos)
      << run.out[0].location;

  // An unknown currency (BT-5): the code list check plus BR-CO-15, whose
  // tax total no longer has the invoice currency.
  std::string wl = Sample("basicwl");
  wl.replace(wl.find("<ram:InvoiceCurrencyCode>EUR<"), 29,
             "<ram:InvoiceCurrencyCode>EUX<");
  run = Check(wl);
  EXPECT_EQ(run.Fired(Severity::kFatal).count("BR-CO-15"), 1u);
  EXPECT_EQ(run.Ids().size(), 3u);
}

TEST(FacturXRules, MinimumGetsOnlyCodeListChecks) {
  // There is no MINIMUM Schematron: a missing seller name passes the
  // profile rules (the MINIMUM XSD catches it), a bad currency does not.
  EXPECT_EQ(Check(Edit(Sample("minimum"), "<ram:SellerTradeParty>", "ram:Name",
                       nullptr))
                .out.size(),
            0u);
  std::string xml = Sample("minimum");
  xml.replace(xml.find("<ram:InvoiceCurrencyCode>EUR<"), 29,
              "<ram:InvoiceCurrencyCode>EUX<");
  FxRun run = Check(xml);
  ASSERT_EQ(run.out.size(), 1u);
  EXPECT_NE(run.out[0].message.find(
                "Value of 'ram:InvoiceCurrencyCode' is not allowed"),
            std::string::npos);
}

TEST(FacturXRules, WrongSumsFire) {
  FxRun run =
      Check(Edit(Sample("en16931"), kTotals, "ram:LineTotalAmount", "999.99"));
  EXPECT_EQ(run.Ids(), (std::set<std::string>{"BR-CO-10", "BR-CO-13"}));
  // EXTENDED checks the sum over DETAIL lines with its own rule.
  run =
      Check(Edit(Sample("extended"), kTotals, "ram:LineTotalAmount", "999.99"));
  EXPECT_EQ(run.Ids(), (std::set<std::string>{"BR-FXEXT-CO-10"}));
  // BT-109 off by a cent: its own sum and the grand total built on it.
  run = Check(
      Edit(Sample("basicwl"), kTotals, "ram:TaxBasisTotalAmount", "100.01"));
  EXPECT_EQ(run.Ids(), (std::set<std::string>{"BR-CO-13", "BR-CO-15"}));
}

TEST(FacturXRules, ValueThatCannotBeEvaluatedIsAFailureNotAPass) {
  FxRun run =
      Check(Edit(Sample("en16931"), kTotals, "ram:TaxBasisTotalAmount", "abc"));
  ASSERT_FALSE(run.out.empty());
  for (const Diagnostic& d : run.out) {
    EXPECT_NE(d.message.find("could not be evaluated"), std::string::npos)
        << d.rule;
  }
  EXPECT_TRUE(run.Ids().count("BR-CO-13"));
}

TEST(FacturXRules, UnknownProfileIsSaidNotPassed) {
  std::string xml = Sample("en16931");
  std::string id = "<ram:ID>urn:cen.eu:en16931:2017</ram:ID>";
  xml.replace(xml.find(id), id.size(), "<ram:ID>urn:example:unknown</ram:ID>");
  FxRun run = Check(xml);
  ASSERT_EQ(run.out.size(), 1u);
  EXPECT_EQ(run.out[0].rule, "CHORUS-FX-PROFILE");
  EXPECT_EQ(run.out[0].severity, Severity::kWarning);
}

TEST(FacturXRules, BothSetsTogether) {
  auto doc = LoadDocumentBuffer(
      Edit(Sample("en16931"), kTotals, "ram:LineTotalAmount", "999.99"),
      "fx.xml");
  ASSERT_TRUE(static_cast<bool>(doc));
  ReadResult read = ReadInvoice(**doc);
  RuleOptions options;
  options.facturx = true;
  std::vector<Diagnostic> out = CheckRules(**doc, read, options);
  // BR-CO-10 once from the CEN rules and once from the profile rules.
  EXPECT_EQ(
      std::count_if(out.begin(), out.end(),
                    [](const Diagnostic& d) { return d.rule == "BR-CO-10"; }),
      2);
}

}  // namespace
}  // namespace chorus

namespace chorus {
namespace {

// BT-24 spellings off the official list: the XSD choice and the profile
// rules must agree on the profile (both read FacturXProfileOf).
TEST(FacturXRules, OddSpecificationIdsGetTheSameProfileEverywhere) {
  struct Case {
    const char* id;
    std::optional<FacturXProfile> profile;
  };
  const Case cases[] = {
      {"urn:factur-x.eu:1p0:basic", FacturXProfile::kBasic},
      {"  urn:factur-x.eu:1p0:basicwl\n", FacturXProfile::kBasicWl},
      {"URN:FACTUR-X.EU:1P0:EXTENDED", FacturXProfile::kExtended},
      {"urn:cen.eu:en16931:2017#compliant#urn:zugferd.de:2p0:minimum",
       FacturXProfile::kMinimum},
      {"urn:factur-x.eu:1p0:comfort", std::nullopt},
      {"urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0",
       std::nullopt},
  };
  const std::string official =
      "<ram:ID>urn:cen.eu:en16931:2017#compliant#urn:factur-x.eu:1p0:basic"
      "</ram:ID>";
  for (const Case& c : cases) {
    SCOPED_TRACE(c.id);
    EXPECT_EQ(FacturXProfileFromId(c.id), c.profile);
    std::string xml = Sample("basic");
    ASSERT_NE(xml.find(official), std::string::npos);
    xml.replace(xml.find(official), official.size(),
                std::string("<ram:ID>") + c.id + "</ram:ID>");
    auto doc = LoadDocumentBuffer(xml, "fx.xml");
    ASSERT_TRUE(static_cast<bool>(doc));
    EXPECT_EQ(FacturXProfileOf(**doc), c.profile);
    EXPECT_EQ(IsFacturXDocument(**doc), c.profile.has_value());
    EXPECT_EQ(ChooseSchema(**doc),
              c.profile ? FacturXSchema(*c.profile) : SchemaId::kCiiD16B);
    FxRun run = Check(xml);
    EXPECT_EQ(run.Ids().count("CHORUS-FX-PROFILE"), c.profile ? 0u : 1u);
  }
}

// An id naming BASIC without the EN 16931 prefix gets BASIC's rules, and
// they report the value as not one of BASIC's.
TEST(FacturXRules, BasicWithoutEn16931PrefixIsCheckedAsBasic) {
  std::string xml = Sample("basic");
  const std::string official =
      "urn:cen.eu:en16931:2017#compliant#urn:factur-x.eu:1p0:basic";
  xml.replace(xml.find(official), official.size(), "urn:factur-x.eu:1p0:basic");
  FxRun run = Check(xml);
  EXPECT_FALSE(run.Fired(Severity::kFatal).empty());
  bool named = false;
  for (const Diagnostic& d : run.out) {
    named |= d.location.find("GuidelineSpecifiedDocumentContextParameter") !=
             std::string::npos;
  }
  EXPECT_TRUE(named) << "no finding on BT-24";
}

}  // namespace
}  // namespace chorus

namespace chorus {
namespace {

// The sets validate, submit and the sandbox run (RuleOptionsFor).
TEST(RuleOptionsFor, AutomaticFollowsTheProfile) {
  struct Case {
    const char* profile;
    bool pdf;  // loaded from a Factur-X PDF
    bool en16931, facturx;
  };
  const Case cases[] = {
      {"minimum", false, false, true}, {"basicwl", false, false, true},
      {"basic", false, true, true},    {"en16931", false, true, false},
      {"extended", false, true, true}, {"minimum", true, false, true},
      {"basicwl", true, false, true},  {"en16931", true, true, true},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.profile) + (c.pdf ? " pdf" : " xml"));
    auto doc = LoadDocumentBuffer(Sample(c.profile), "fx.xml");
    ASSERT_TRUE(static_cast<bool>(doc));
    if (c.pdf) (*doc)->syntax = Syntax::kFacturX;
    RuleOptions o = RuleOptionsFor(**doc);
    EXPECT_EQ(o.en16931, c.en16931);
    EXPECT_EQ(o.facturx, c.facturx);
    // Asked for by name, a set runs whatever the profile.
    RuleOptions forced = RuleOptionsFor(**doc, RuleRequest{false, true, false});
    EXPECT_TRUE(forced.en16931);
    EXPECT_FALSE(forced.facturx);
    RuleOptions none = RuleOptionsFor(**doc, RuleRequest{false, false, false});
    EXPECT_FALSE(none.en16931 || none.facturx);
  }
  auto ubl = LoadDocumentBuffer(
      ReadFile(SharedDir() / "conformance/facturx/ubl-21-en16931.xml"),
      "ubl.xml");
  ASSERT_TRUE(static_cast<bool>(ubl));
  EXPECT_TRUE(RuleOptionsFor(**ubl).en16931);
  EXPECT_FALSE(RuleOptionsFor(**ubl).facturx);
}

}  // namespace
}  // namespace chorus

// The CII syntax quick check (Clean in src/rules/cii_syntax.cpp): on every
// context the pattern visits, it finds all assertions hold exactly when the
// full evaluation (RunRule) reports nothing. Contexts of the example
// invoices, and contexts made to fail each way the check tracks a node:
// present when forbidden, twice when at most once, absent when needed,
// counted over several parents, deep in the trie, an attribute on the
// context or below it.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "../src/rules/cii_syntax_compiled.h"
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
using rules::cii::QuickVerdict;

// The verdicts on `xml`, after checking that the quick check agrees with
// the full evaluation on each of them; the number of contexts whose quick
// check found a failure in `failing`.
std::vector<QuickVerdict> Verdicts(std::string xml, const std::string& name,
                                   int* failing = nullptr) {
  auto loaded = LoadDocumentBuffer(std::move(xml), name);
  EXPECT_TRUE(loaded.ok()) << name;
  if (!loaded.ok()) return {};
  std::vector<Diagnostic> out;
  ReadResult read;
  rules::RunContext ctx{**loaded, read, Syntax::kCii, &out};
  std::vector<QuickVerdict> verdicts = rules::cii::QuickVerdicts(ctx);
  int failed = 0;
  for (const QuickVerdict& v : verdicts) {
    EXPECT_TRUE(v.quick) << name << ": element " << v.element;
    EXPECT_EQ(v.clean, v.reported == 0)
        << name << ": element " << v.element << ", " << v.reported
        << " failures reported";
    failed += static_cast<int>(v.quick && !v.clean);
  }
  if (failing != nullptr) *failing = failed;
  return verdicts;
}

// An invoice of one line whose agreement and settlement hold `agreement`
// and `settlement` (after the line's tax).
std::string LineInvoice(const std::string& agreement,
                        const std::string& settlement) {
  return testing::CiiInvoice(
      "",
      "<ram:IncludedSupplyChainTradeLineItem>"
      "<ram:AssociatedDocumentLineDocument><ram:LineID>1</ram:LineID>"
      "</ram:AssociatedDocumentLineDocument>"
      "<ram:SpecifiedLineTradeAgreement>" +
          agreement +
          "</ram:SpecifiedLineTradeAgreement>"
          "<ram:SpecifiedLineTradeSettlement><ram:ApplicableTradeTax>"
          "<ram:TypeCode>VAT</ram:TypeCode><ram:CategoryCode>S</"
          "ram:CategoryCode>"
          "</ram:ApplicableTradeTax>" +
          settlement +
          "</ram:SpecifiedLineTradeSettlement>"
          "</ram:IncludedSupplyChainTradeLineItem>");
}

std::string NetPrice(const std::string& inner) {
  return "<ram:NetPriceProductTradePrice>" + inner +
         "</ram:NetPriceProductTradePrice>";
}
const std::string kCharge = "<ram:ChargeAmount>1</ram:ChargeAmount>";
const std::string kIndicator =
    "<ram:ChargeIndicator><udt:Indicator>false</udt:Indicator>"
    "</ram:ChargeIndicator>";

TEST(CiiSyntaxQuick, EveryRuleHasAQuickCheck) {
  for (const rules::cii::RuleIndex& rule : rules::cii::Table().rules) {
    EXPECT_TRUE(rule.quick) << "rule of assertions " << rule.begin << "..";
  }
}

TEST(CiiSyntaxQuick, EachCellHoldsItsKidsBitsNodeAndRow) {
  namespace cii = rules::cii;
  constexpr uint64_t kFlags =
      cii::kHasKids | cii::kHasAttributes | cii::kGoesOn;
  constexpr uint64_t kNodeBits = (uint64_t{1} << cii::kKidShift) - 1;
  for (const cii::RuleIndex& rule : cii::Table().rules) {
    ASSERT_EQ(rule.cells.size(), rule.rows.size());
    EXPECT_EQ(rule.trie[0].row, 0u);  // Clean starts at cells[0]
    EXPECT_EQ(rule.root_attributes, (rule.bits[0] & cii::kHasAttributes) != 0);
    for (std::size_t j = 0; j < rule.rows.size(); ++j) {
      auto k = static_cast<std::size_t>(rule.rows[j]);
      uint64_t cell = rule.cells[j];
      EXPECT_EQ(cell & (kNodeBits | kFlags), rule.bits[k]) << j;
      EXPECT_EQ((cell & cii::kGoesOn) != 0,
                (cell & (cii::kHasKids | cii::kHasAttributes)) != 0)
          << j;
      if (k == static_cast<std::size_t>(rule.sink)) continue;
      EXPECT_EQ((cell >> cii::kKidShift) & cii::kKidMask, k) << j;
      EXPECT_EQ((cell >> cii::kRowShift) & cii::kRowMask, rule.trie[k].row)
          << j;
    }
  }
}

TEST(CiiSyntaxQuick, AgreesOnTheExamples) {
  std::vector<fs::path> files = testing::XmlFilesIn(
      testing::SharedDir() / "conformance/en16931/cii-examples");
  ASSERT_GE(files.size(), 15u);
  files.push_back(testing::SharedDir() /
                  "conformance/facturx/factur-x-extended.xml");
  int failing_total = 0;
  for (const fs::path& f : files) {
    int failing = 0;
    EXPECT_FALSE(Verdicts(testing::ReadFile(f), f.filename().string(), &failing)
                     .empty());
    failing_total += failing;
  }
  // Factur-X EXTENDED fails some (only warnings).
  EXPECT_GT(failing_total, 0);
}

TEST(CiiSyntaxQuick, AgreesOnEachWayANodeFails) {
  const std::string clean = NetPrice(kCharge);
  const std::string gross_charge =
      "<ram:GrossPriceProductTradePrice><ram:ChargeAmount>2</ram:ChargeAmount>"
      "<ram:AppliedTradeAllowanceCharge>" +
      kIndicator + "<ram:ActualAmount>1</ram:ActualAmount>";
  const std::string gross_end =
      "</ram:AppliedTradeAllowanceCharge></ram:GrossPriceProductTradePrice>";
  struct Case {
    const char* what;
    std::string agreement;
    std::string settlement;
    int failing;  // contexts the quick check must find failing
  };
  const Case cases[] = {
      {"clean", clean, "", 0},
      {"needed node absent", NetPrice(""), "", 1},
      {"exactly-one node twice", NetPrice(kCharge + kCharge), "", 1},
      {"counted over two parents", clean + clean, "", 1},
      {"forbidden node", clean + "<ram:BuyerReference>b</ram:BuyerReference>",
       "", 1},
      {"forbidden and needed", "<ram:BuyerReference>b</ram:BuyerReference>", "",
       1},
      {"clean deep node", gross_charge + gross_end + clean, "", 0},
      {"forbidden deep node",
       gross_charge + "<ram:ID>x</ram:ID>" + gross_end + clean, "", 1},
      {"forbidden attribute below", clean,
       "<ram:SpecifiedTradeAllowanceCharge>" + kIndicator +
           "<ram:CalculationPercent format=\"x\">1</ram:CalculationPercent>"
           "</ram:SpecifiedTradeAllowanceCharge>",
       1},
      {"allowed attribute below", clean,
       "<ram:SpecifiedTradeAllowanceCharge>" + kIndicator +
           "<ram:CalculationPercent other=\"x\">1</ram:CalculationPercent>"
           "</ram:SpecifiedTradeAllowanceCharge>",
       0},
      {"forbidden attribute on the context", clean,
       "<ram:SpecifiedTradeSettlementLineMonetarySummation>"
       "<ram:LineTotalAmount currencyID=\"EUR\">1</ram:LineTotalAmount>"
       "</ram:SpecifiedTradeSettlementLineMonetarySummation>",
       1},
  };
  for (const Case& c : cases) {
    int failing = -1;
    Verdicts(LineInvoice(c.agreement, c.settlement), c.what, &failing);
    EXPECT_EQ(failing, c.failing) << c.what;
  }
}

}  // namespace
}  // namespace chorus

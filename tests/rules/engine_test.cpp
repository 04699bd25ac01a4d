// How a failed assertion becomes a Diagnostic, and the engine's ordering.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "../src/rules/engine_internal.h"
#include "chorus/format/document.h"
#include "chorus/format/syntax.h"
#include "chorus/rules/rules.h"
#include "support/test_env.h"

namespace chorus {
namespace {

// Unusual prefixes on purpose: locations must use the conventional ones.
constexpr const char* kUbl = R"(<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
         xmlns:a="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
         xmlns:b="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <b:ID>INV-1</b:ID>
  <a:InvoiceLine>
    <b:ID>1</b:ID>
    <b:LineExtensionAmount currencyID="EUR">10.00</b:LineExtensionAmount>
  </a:InvoiceLine>
  <a:InvoiceLine>
    <b:ID>2</b:ID>
    <b:LineExtensionAmount currencyID="EUR">20.00</b:LineExtensionAmount>
  </a:InvoiceLine>
</Invoice>
)";

constexpr const char* kCii = R"(<?xml version="1.0" encoding="UTF-8"?>
<x:CrossIndustryInvoice
    xmlns:x="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
    xmlns:y="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100">
  <x:ExchangedDocument>
    <y:ID>INV-1</y:ID>
  </x:ExchangedDocument>
</x:CrossIndustryInvoice>
)";

std::unique_ptr<XmlDocument> Load(const char* xml) {
  auto loaded = LoadDocumentBuffer(xml, "test.xml");
  EXPECT_TRUE(loaded.ok());
  if (!loaded.ok()) return nullptr;
  return std::move(loaded.value());
}

class EngineTest : public ::testing::Test {
 protected:
  rules::RunContext Context(const XmlDocument& doc, Syntax syntax) {
    return rules::RunContext{doc, read_, syntax, &out_};
  }

  ReadResult read_;
  std::vector<Diagnostic> out_;
};

// The entry reached from the root by child steps (local name, 1-based
// occurrence among the siblings of that name); -1 when a step finds none.
int32_t EntryAt(const rules::DocIndex& d,
                std::initializer_list<std::pair<std::string_view, int>> steps) {
  int32_t at = d.size() > 0 ? 0 : -1;
  for (const auto& [local, nth] : steps) {
    if (at < 0) return -1;
    int32_t found = -1;
    int seen = 0;
    for (int32_t c = d[at].first_child; c >= 0 && found < 0; c = d[c].next) {
      if (d[c].local == local && ++seen == nth) found = c;
    }
    at = found;
  }
  return at;
}

TEST_F(EngineTest, FailAtEntryGivesOfficialTextPathAndLine) {
  auto doc = Load(kUbl);
  ASSERT_NE(doc, nullptr);
  rules::RunContext ctx = Context(*doc, Syntax::kUbl);
  int32_t amount =
      EntryAt(ctx.Index(), {{"InvoiceLine", 2}, {"LineExtensionAmount", 1}});
  ASSERT_GE(amount, 0);

  ctx.Fail("BR-CO-10", amount);
  ASSERT_EQ(out_.size(), 1u);
  EXPECT_EQ(out_[0].rule, "BR-CO-10");
  EXPECT_EQ(out_[0].severity, Severity::kFatal);
  EXPECT_EQ(out_[0].message,
            "Sum of Invoice line net amount (BT-106) = \xCE\xA3 Invoice line "
            "net amount (BT-131).");
  // The amount of the second line sits on line 12 of kUbl.
  EXPECT_EQ(out_[0].location,
            "/Invoice/cac:InvoiceLine[2]/cbc:LineExtensionAmount (line 12)");
}

TEST_F(EngineTest, FailAtRootAndAtOnlyChildOfItsName) {
  auto doc = Load(kUbl);
  ASSERT_NE(doc, nullptr);
  rules::RunContext ctx = Context(*doc, Syntax::kUbl);
  ctx.Fail("UBL-CR-001", 0);
  ctx.Fail("UBL-CR-001", EntryAt(ctx.Index(), {{"ID", 1}}));
  ctx.Fail("UBL-CR-001", EntryAt(ctx.Index(), {{"InvoiceLine", 1}}));
  ASSERT_EQ(out_.size(), 3u);
  EXPECT_EQ(out_[0].location, "/Invoice (line 2)");
  EXPECT_EQ(out_[0].severity, Severity::kWarning);
  EXPECT_EQ(out_[0].message, "A UBL invoice should not include extensions");
  // No [1] where no sibling shares the name; [1] where one does.
  EXPECT_EQ(out_[1].location, "/Invoice/cbc:ID (line 5)");
  EXPECT_EQ(out_[2].location, "/Invoice/cac:InvoiceLine[1] (line 6)");
}

TEST_F(EngineTest, FailUsesTheTextOfTheRunSyntax) {
  auto doc = Load(kCii);
  ASSERT_NE(doc, nullptr);
  rules::RunContext ctx = Context(*doc, Syntax::kCii);
  int32_t id = EntryAt(ctx.Index(), {{"ExchangedDocument", 1}, {"ID", 1}});
  ASSERT_GE(id, 0);
  ctx.Fail("BR-AE-01", id);
  ASSERT_EQ(out_.size(), 1u);
  const RuleInfo* cii = FindRule("BR-AE-01", Syntax::kCii);
  ASSERT_NE(cii, nullptr);
  EXPECT_EQ(out_[0].message, cii->message);
  EXPECT_NE(out_[0].message.find("VAT breakdown"), std::string::npos);
  EXPECT_EQ(out_[0].location,
            "/rsm:CrossIndustryInvoice/rsm:ExchangedDocument/ram:ID (line 6)");
}

// Elements in unknown namespaces keep the name as written, prefix and all;
// a line in the middle of a long tag line is counted from the source.
TEST_F(EngineTest, FailAtForeignElementKeepsItsQualifiedName) {
  auto doc = Load(R"(<?xml version="1.0"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
  xmlns:z="urn:example:other"><z:Note>a</z:Note><z:Note>b</z:Note>
<z:Note>c</z:Note><Note/></Invoice>
)");
  ASSERT_NE(doc, nullptr);
  rules::RunContext ctx = Context(*doc, Syntax::kUbl);
  ctx.Fail("UBL-CR-001", EntryAt(ctx.Index(), {{"Note", 3}}));
  ctx.Fail("UBL-CR-001", EntryAt(ctx.Index(), {{"Note", 2}}));
  ctx.Fail("UBL-CR-001", EntryAt(ctx.Index(), {{"Note", 4}}));
  ASSERT_EQ(out_.size(), 3u);
  EXPECT_EQ(out_[0].location, "/Invoice/z:Note[3] (line 4)");
  EXPECT_EQ(out_[1].location, "/Invoice/z:Note[2] (line 3)");
  // In the Invoice namespace but no UBL component: bare, as the root.
  EXPECT_EQ(out_[2].location, "/Invoice/Note (line 4)");
}

TEST_F(EngineTest, FailWithLocationString) {
  auto doc = Load(kUbl);
  ASSERT_NE(doc, nullptr);
  rules::RunContext ctx = Context(*doc, Syntax::kUbl);
  ctx.Fail("BR-01", "");
  ctx.Fail("br-02", "/Invoice (line 2)");
  ASSERT_EQ(out_.size(), 2u);
  EXPECT_EQ(out_[0], (Diagnostic{"BR-01", Severity::kFatal,
                                 "An Invoice shall have a Specification "
                                 "identifier (BT-24).",
                                 ""}));
  // The official spelling of the id, whatever the caller wrote.
  EXPECT_EQ(out_[1].rule, "BR-02");
  EXPECT_EQ(out_[1].location, "/Invoice (line 2)");
}

TEST_F(EngineTest, UnknownIdIsRecordedNotFatal) {
  auto doc = Load(kUbl);
  ASSERT_NE(doc, nullptr);
  rules::RunContext ctx = Context(*doc, Syntax::kCii);
  ctx.Fail("BR-NOPE-1", 0);
  // A UBL-only rule asked for in a CII run is unknown there too.
  ctx.Fail("UBL-CR-001", "");
  ASSERT_EQ(out_.size(), 2u);
  EXPECT_EQ(out_[0].rule, "BR-NOPE-1");
  EXPECT_EQ(out_[0].severity, Severity::kError);
  EXPECT_EQ(out_[0].message, "internal: unknown rule id");
  EXPECT_EQ(out_[0].location, "/Invoice (line 2)");
  EXPECT_EQ(out_[1].severity, Severity::kError);
}

TEST_F(EngineTest, FailOnNoEntryHasNoLocation) {
  auto doc = Load(kUbl);
  ASSERT_NE(doc, nullptr);
  Context(*doc, Syntax::kUbl).Fail("BR-01", -1);
  ASSERT_EQ(out_.size(), 1u);
  EXPECT_EQ(out_[0].location, "");
  EXPECT_EQ(out_[0].severity, Severity::kFatal);
}

TEST_F(EngineTest, CheckRulesCanBeSwitchedOff) {
  auto doc = Load(kUbl);
  ASSERT_NE(doc, nullptr);
  RuleOptions options;
  options.en16931 = false;
  EXPECT_TRUE(CheckRules(*doc, read_, options).empty());
}

// Whatever the families find in the official examples, the engine reports
// it by line, with only catalogue ids, flags and texts, and never crashes.
TEST(EngineRunTest, OutputOnExamplesIsOrderedAndOfficial) {
  std::vector<std::filesystem::path> files;
  for (const char* dir : {"ubl-examples", "cii-examples"}) {
    auto some =
        testing::XmlFilesIn(testing::SharedDir() / "conformance/en16931" / dir);
    files.insert(files.end(), some.begin(), some.end());
  }
  ASSERT_GT(files.size(), 10u);
  std::size_t total = 0;
  for (const auto& file : files) {
    auto loaded = LoadDocumentFile(file.string());
    if (!loaded.ok()) continue;  // not an invoice document
    const XmlDocument& doc = *loaded.value();
    std::vector<Diagnostic> found = CheckRules(doc, ReadInvoice(doc));
    total += found.size();
    int previous_line = -1;
    for (const Diagnostic& d : found) {
      const RuleInfo* rule = FindRule(d.rule, doc.syntax);
      ASSERT_NE(rule, nullptr) << file << ": " << d.rule;
      EXPECT_EQ(d.severity, rule->flag) << d.rule;
      EXPECT_EQ(d.message, rule->message) << d.rule;
      std::size_t at = d.location.rfind("(line ");
      int line =
          at == std::string::npos ? 0 : std::stoi(d.location.substr(at + 6));
      EXPECT_GE(line, previous_line) << file << ": " << d.rule;
      previous_line = line;
    }
  }
  RecordProperty("diagnostics", static_cast<int>(total));
}

// UBL-CR-003/004/005 warn about elements written here in reverse id order:
// whatever line each is reported at, equal lines must list ids in order.
constexpr const char* kUblWarnings = R"(<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
         xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:UUID>1</cbc:UUID>
  <cbc:CopyIndicator>false</cbc:CopyIndicator>
  <cbc:ProfileExecutionID>x</cbc:ProfileExecutionID>
  <cbc:ID>INV-1</cbc:ID>
</Invoice>
)";

std::ptrdiff_t CatalogueIndex(const std::string& id) {
  auto all = AllRules();
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (all[i].id == id) return static_cast<std::ptrdiff_t>(i);
  }
  return -1;
}

int LineOf(const Diagnostic& d) {
  std::size_t at = d.location.rfind("(line ");
  return at == std::string::npos ? 0 : std::stoi(d.location.substr(at + 6));
}

TEST(EngineRunTest, SortsByLineThenId) {
  auto doc = Load(kUblWarnings);
  ASSERT_NE(doc, nullptr);
  std::vector<Diagnostic> found = CheckRules(*doc, ReadInvoice(*doc));
  std::vector<std::string> ids;
  for (const Diagnostic& d : found) ids.push_back(d.rule);
  for (const char* id : {"UBL-CR-003", "UBL-CR-004", "UBL-CR-005"}) {
    EXPECT_NE(std::find(ids.begin(), ids.end(), id), ids.end()) << id;
  }
  for (std::size_t i = 1; i < found.size(); ++i) {
    int a = LineOf(found[i - 1]);
    int b = LineOf(found[i]);
    EXPECT_LE(a, b) << found[i].rule;
    if (a == b) {
      EXPECT_LE(CatalogueIndex(found[i - 1].rule),
                CatalogueIndex(found[i].rule))
          << found[i - 1].rule << " then " << found[i].rule;
    }
  }
}

}  // namespace
}  // namespace chorus

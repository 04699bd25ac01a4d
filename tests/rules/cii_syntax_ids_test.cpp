// The name ids the CII syntax pattern hands out (CheckCiiSyntaxRules with
// `names`): one NameInfo per element, whose trie_name is the element's
// cii::NameId, the shared names among those with an id, and the same
// failures reported with or without the ids.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "../src/rules/cii_syntax_internal.h"
#include "../src/rules/cii_syntax_names.h"
#include "../src/rules/engine_internal.h"
#include "chorus/format/document.h"
#include "chorus/format/syntax.h"
#include "chorus/rules/rules.h"
#include "cii_syntax_invoice.h"
#include "support/test_env.h"

namespace chorus {
namespace {

namespace fs = std::filesystem;
namespace cii = rules::cii;

TEST(CiiSyntaxIds, SharedNamesHaveIds) {
  const char* const kRam[] = {"ApplicableTradeTax",
                              "ApplicableHeaderTradeSettlement",
                              "CategoryTradeTax",
                              "CategoryCode",
                              "SpecifiedTradeAllowanceCharge",
                              "SellerTradeParty",
                              "SellerTaxRepresentativeTradeParty",
                              "BuyerTradeParty"};
  std::vector<uint16_t> seen;
  for (const char* local : kRam) {
    uint16_t id = cii::NameId(cii::kRam, local);
    EXPECT_NE(id, 0) << local;
    EXPECT_LT(id, cii::NameIdCount()) << local;
    EXPECT_EQ(std::count(seen.begin(), seen.end(), id), 0) << local;
    seen.push_back(id);
  }
  EXPECT_NE(cii::NameId(cii::kRsm, "SupplyChainTradeTransaction"), 0);
  // Another namespace, another name: no id.
  EXPECT_EQ(cii::NameId(cii::kRsm, "ApplicableTradeTax"), 0);
  EXPECT_EQ(cii::NameId(cii::kRam, "NoSuchName"), 0);
}

// Each element's id on `xml`, and the same failures with or without them.
void ExpectIdsOf(std::string xml, const std::string& name) {
  auto loaded = LoadDocumentBuffer(std::move(xml), name);
  ASSERT_TRUE(loaded.ok()) << name;
  ReadResult read;
  std::vector<Diagnostic> plain;
  rules::RunContext plain_ctx{**loaded, read, Syntax::kCii, &plain};
  rules::CheckCiiSyntaxRules(plain_ctx);
  std::vector<Diagnostic> with_ids;
  rules::RunContext ctx{**loaded, read, Syntax::kCii, &with_ids};
  std::span<const cii::NameInfo> names;
  rules::CheckCiiSyntaxRules(ctx, &names);
  ASSERT_EQ(with_ids.size(), plain.size()) << name;
  for (std::size_t k = 0; k < plain.size(); ++k) {
    EXPECT_EQ(with_ids[k].rule, plain[k].rule) << name;
    EXPECT_EQ(with_ids[k].location, plain[k].location) << name;
  }
  const rules::DocIndex& index = ctx.Index();
  ASSERT_EQ(names.size(), static_cast<std::size_t>(index.size())) << name;
  for (int32_t i = 0; i < index.size(); ++i) {
    const xml::ElementIndex::Entry& e = index[i];
    EXPECT_EQ(names[static_cast<std::size_t>(i)].trie_name,
              cii::NameId(e.ns, e.local))
        << name << ": " << e.local;
  }
}

TEST(CiiSyntaxIds, EachElementGetsItsNameId) {
  std::vector<fs::path> files = testing::XmlFilesIn(
      testing::SharedDir() / "conformance/en16931/cii-examples");
  ASSERT_GE(files.size(), 15u);
  for (const fs::path& f : files) {
    ExpectIdsOf(testing::ReadFile(f), f.filename().string());
  }
  // Names the tries and the shared list lack, and a shared name in
  // another namespace than its own.
  ExpectIdsOf(
      testing::CiiInvoice("<ram:Unknown>x</ram:Unknown>"
                          "<rsm:ApplicableTradeTax>x</rsm:ApplicableTradeTax>",
                          ""),
      "unknown names");
}

}  // namespace
}  // namespace chorus

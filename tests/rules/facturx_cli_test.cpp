// The Factur-X profile rules through the CLI: the rule set choice of
// `validate --rules`, the set column of `rules list`, `rules explain` of a
// Factur-X-only id.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "chorus/rules/rules.h"
#include "support/test_env.h"

namespace chorus {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using testing::ReadFile;
using testing::RunChorus;
using testing::SharedDir;
using testing::TempDir;

fs::path Sample(const std::string& profile) {
  return SharedDir() / "conformance/facturx" / ("factur-x-" + profile + ".xml");
}

// The basicwl sample without the seller name (BT-27).
fs::path NamelessSeller() {
  std::string xml = ReadFile(Sample("basicwl"));
  std::size_t at = xml.find("<ram:Name>", xml.find("<ram:SellerTradeParty>"));
  EXPECT_NE(at, std::string::npos);
  xml.erase(at, xml.find("</ram:Name>", at) + 11 - at);
  fs::path out = TempDir() / "nameless-seller.xml";
  std::ofstream(out, std::ios::binary) << xml;
  return out;
}

std::set<std::string> RulesFired(const std::string& json) {
  std::set<std::string> ids;
  nlohmann::json report = nlohmann::json::parse(json);
  for (const auto& d : report["files"][0]["diagnostics"]) {
    ids.insert(d["rule"].get<std::string>());
  }
  return ids;
}

TEST(FacturXCli, DefaultRunsTheProfileRulesOfBt24) {
  // BASIC WL is no EN 16931 invoice: by default only its profile rules run,
  // and the sample passes them.
  auto r = RunChorus({"validate", "--no-xsd", Sample("basicwl").string()});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  r = RunChorus(
      {"validate", "--no-xsd", "--format", "json", NamelessSeller().string()});
  EXPECT_EQ(r.exit_code, 1) << r.out;
  std::set<std::string> ids = RulesFired(r.out);
  EXPECT_TRUE(ids.count("BR-06")) << r.out;
  EXPECT_EQ(ids.size(), 2u) << r.out;  // BR-06 and the cardinality check
  // --rules none: nothing runs.
  r = RunChorus(
      {"validate", "--no-xsd", "--rules", "none", NamelessSeller().string()});
  EXPECT_EQ(r.exit_code, 0) << r.out;
}

TEST(FacturXCli, RuleSetsCombine) {
  // en16931 alone on a BASIC WL file: the CEN rules, which it fails (no
  // lines); with facturx the profile rules come on top.
  auto cen = RunChorus({"validate", "--no-xsd", "--rules", "en16931",
                        "--format", "json", Sample("basicwl").string()});
  auto both = RunChorus({"validate", "--no-xsd", "--rules", "en16931,facturx",
                         "--format", "json", NamelessSeller().string()});
  EXPECT_EQ(cen.exit_code, 1);
  EXPECT_EQ(both.exit_code, 1);
  std::set<std::string> cen_ids = RulesFired(cen.out),
                        both_ids = RulesFired(both.out);
  for (const std::string& id : cen_ids) EXPECT_TRUE(both_ids.count(id)) << id;
  EXPECT_TRUE(both_ids.count("BR-06"));
  auto bad = RunChorus(
      {"validate", "--rules", "facturx,nope", Sample("basicwl").string()});
  EXPECT_EQ(bad.exit_code, 2);
}

TEST(FacturXCli, ListHasTheSetColumn) {
  auto r = RunChorus(
      {"rules", "list", "--set", "facturx-extended", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto rules = nlohmann::json::parse(r.out)["rules"];
  std::size_t expected = 0;
  for (const RuleInfo& info : FacturXRules())
    expected += info.set == "facturx-extended";
  EXPECT_EQ(rules.size(), expected);
  for (const auto& rule : rules) EXPECT_EQ(rule["set"], "facturx-extended");
  r = RunChorus({"rules", "list"});
  EXPECT_THAT(r.out, HasSubstr("\tfacturx-basicwl\t"));
  EXPECT_THAT(r.out, HasSubstr("\ten16931\t"));
}

TEST(FacturXCli, ExplainAFacturXId) {
  auto r = RunChorus({"rules", "explain", "fx-en-0001", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto entries = nlohmann::json::parse(r.out);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0]["set"], "facturx-en16931");
  EXPECT_THAT(entries[0]["text"].get<std::string>(), HasSubstr("(context: "));
  // BR-52 is in the CEN set and in two Factur-X sets.
  r = RunChorus({"rules", "explain", "BR-52", "--format", "json"});
  std::set<std::string> sets;
  nlohmann::json found = nlohmann::json::parse(r.out);
  for (const auto& e : found) sets.insert(e["set"].get<std::string>());
  EXPECT_EQ(sets, (std::set<std::string>{"en16931", "facturx-en16931",
                                         "facturx-extended"}));
}

}  // namespace
}  // namespace chorus

namespace chorus {
namespace {

// std::regex recurses per character: a 1 MB date value must come back as a
// finding, not a crash (the Factur-X date checks use matches()).
TEST(FacturXCli, MegabyteDateValueIsAFindingNotACrash) {
  std::string xml = ReadFile(testing::SharedDir() /
                             "conformance/facturx/factur-x-extended.xml");
  const std::string date =
      "<udt:DateTimeString format=\"102\">20260131</udt:DateTimeString>";
  std::size_t at = xml.find(date);
  ASSERT_NE(at, std::string::npos);
  xml.replace(at, date.size(),
              "<udt:DateTimeString format=\"102\">20260131" +
                  std::string(1u << 20, ' ') + "</udt:DateTimeString>");
  fs::path file = TempDir() / "long-date.xml";
  std::ofstream(file, std::ios::binary) << xml;
  auto r = RunChorus({"validate", "--no-xsd", "--format", "json", "--rules",
                      "facturx", file.string()});
  ASSERT_EQ(r.exit_code, 1) << r.err;
  EXPECT_THAT(r.out, HasSubstr("could not be evaluated: matches()"));
}

}  // namespace
}  // namespace chorus

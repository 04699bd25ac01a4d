// `chorus rules` and the rule-related flags of `chorus validate`.
#include <filesystem>
#include <fstream>
#include <set>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/test_env.h"

namespace chorus::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

std::string SchemaEnv() { return "CHORUS_SCHEMA_DIR=" + (SharedDir() / "schemas").string(); }

// A built sample with BT-106 changed so that BR-CO-10 (fatal) fails, and a
// cbc:UUID added so that UBL-CR-005 (warning) fires.
fs::path BrokenInvoice(bool fatal, bool warning) {
  fs::path dir = TempDir();
  fs::path ubl = dir / "inv.xml";
  auto r = RunChorus({"build", (SourceDir() / "samples" / "b2b-mixed-vat.json").string(),
                      "--compute", "--to", "ubl", "-o", ubl.string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::string xml = ReadFile(ubl);
  if (fatal) {
    auto pos = xml.find("<cbc:LineExtensionAmount currencyID=\"EUR\">", xml.find("<cac:LegalMonetaryTotal>"));
    auto start = xml.find('>', pos) + 1;
    auto end = xml.find('<', start);
    xml.replace(start, end - start, "1.00");
  }
  if (warning) xml.insert(xml.find("<cbc:IssueDate>"), "<cbc:UUID>6a1f</cbc:UUID>");
  std::ofstream(ubl, std::ios::binary) << xml;
  return ubl;
}

TEST(CliRules, ListHasEveryFamilyInJson) {
  auto r = RunChorus({"rules", "list", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  std::set<std::string> prefixes;
  for (const auto& rule : j["rules"]) {
    std::string id = rule["id"];
    prefixes.insert(id.substr(0, id.rfind('-')));
    EXPECT_FALSE(rule["text"].get<std::string>().empty()) << id;
  }
  for (const char* p : {"BR-CO", "BR-DEC", "BR-CL", "BR-S", "BR-AE", "UBL-CR", "UBL-SR", "UBL-DT",
                        "CII-SR", "CII-DT"}) {
    EXPECT_TRUE(prefixes.count(p)) << p;
  }
  EXPECT_GT(j["rules"].size(), 1500u);
}

TEST(CliRules, ExplainGivesTextTermsAndFix) {
  auto r = RunChorus({"rules", "explain", "BR-CO-10"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("Sum of Invoice line net amount (BT-106)"));
  EXPECT_THAT(r.out, HasSubstr("totals.line_net_total"));
  EXPECT_THAT(r.out, HasSubstr("How to fix"));
  r = RunChorus({"rules", "explain", "NOPE-1"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("unknown rule"));
}

TEST(CliValidateRules, FatalRuleFailsWithOfficialIdAndText) {
  fs::path ubl = BrokenInvoice(true, false);
  auto r = RunChorus({"validate", "--format", "json", ubl.string()}, {SchemaEnv()});
  EXPECT_EQ(r.exit_code, 1) << r.out;
  auto j = nlohmann::json::parse(r.out);
  bool found = false;
  for (const auto& d : j["files"][0]["diagnostics"]) {
    if (d["rule"] == "BR-CO-10") {
      found = true;
      EXPECT_EQ(d["severity"], "fatal");
      EXPECT_THAT(d["location"].get<std::string>(), HasSubstr("LegalMonetaryTotal"));
      EXPECT_THAT(d["location"].get<std::string>(), HasSubstr("line"));
    }
  }
  EXPECT_TRUE(found) << r.out;
  // --rules none: XSD only, the arithmetic error goes unnoticed.
  r = RunChorus({"validate", "--rules", "none", ubl.string()}, {SchemaEnv()});
  EXPECT_EQ(r.exit_code, 0) << r.out;
}

TEST(CliValidateRules, WarningsPassUnlessStrictAndCanBeHidden) {
  fs::path ubl = BrokenInvoice(false, true);
  auto r = RunChorus({"validate", "--no-xsd", ubl.string()});
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_THAT(r.out, HasSubstr("UBL-CR-005"));
  r = RunChorus({"validate", "--no-xsd", "--strict", ubl.string()});
  EXPECT_EQ(r.exit_code, 1) << r.out;
  r = RunChorus({"validate", "--no-xsd", "--no-warnings", ubl.string()});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_THAT(r.out, ::testing::Not(HasSubstr("UBL-CR-005")));
}

TEST(CliValidateRules, StatsReportThroughput) {
  auto r = RunChorus({"validate", "--no-xsd", "--stats", "-j", "2",
                      (SharedDir() / "conformance" / "en16931" / "ubl-examples").string()});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(r.err, HasSubstr("files/s"));
  EXPECT_THAT(r.err, HasSubstr("2 workers"));
}

}  // namespace
}  // namespace chorus::testing

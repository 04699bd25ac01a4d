// End-to-end tests of the `chorus` binary: build, convert, inspect, validate,
// exit codes and help texts.
#include <filesystem>
#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/test_env.h"

namespace chorus::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

std::string SchemaEnv() { return "CHORUS_SCHEMA_DIR=" + (SharedDir() / "schemas").string(); }

void WriteText(const fs::path& p, const std::string& text) {
  std::ofstream(p, std::ios::binary) << text;
}

std::vector<fs::path> Samples() {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(SourceDir() / "samples")) {
    if (e.path().extension() == ".json") out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(CliHelp, EveryCommandHasHelpWithExampleAndExitCodes) {
  auto top = RunChorus({"--help"});
  EXPECT_EQ(top.exit_code, 0);
  EXPECT_THAT(top.out, HasSubstr("Exit codes"));
  EXPECT_THAT(top.out, HasSubstr("3  network"));
  for (const char* cmd : {"build", "convert", "validate", "inspect"}) {
    auto r = RunChorus({cmd, "--help"});
    EXPECT_EQ(r.exit_code, 0) << cmd;
    EXPECT_THAT(r.out, HasSubstr("Example")) << cmd;
    EXPECT_THAT(r.out, HasSubstr("--format")) << cmd;
  }
}

TEST(CliHelp, UsageErrorsExitTwo) {
  EXPECT_EQ(RunChorus({}).exit_code, 2);
  EXPECT_EQ(RunChorus({"frobnicate"}).exit_code, 2);
  EXPECT_EQ(RunChorus({"convert", "x.xml", "--to", "pdf"}).exit_code, 2);
}

// Every sample builds (with --compute) to UBL and CII that are XSD-valid,
// and converts both ways without loss.
TEST(CliSamples, BuildConvertValidate) {
  auto samples = Samples();
  ASSERT_GE(samples.size(), 6u);
  fs::path dir = TempDir();
  std::vector<std::string> generated;
  for (const auto& json : samples) {
    std::string name = json.stem().string();
    for (std::string to : {"ubl", "cii"}) {
      fs::path out = dir / (name + "." + to + ".xml");
      auto r = RunChorus({"build", json.string(), "--compute", "--to", to, "-o", out.string()});
      ASSERT_EQ(r.exit_code, 0) << name << " " << to << ": " << r.err;
      generated.push_back(out.string());
      std::string other = to == "ubl" ? "cii" : "ubl";
      fs::path conv = dir / (name + "." + to + "-to-" + other + ".xml");
      r = RunChorus({"convert", out.string(), "--to", other, "-o", conv.string()});
      EXPECT_EQ(r.exit_code, 0) << name << " " << to << "->" << other << ": " << r.err;
      generated.push_back(conv.string());
    }
  }
  std::vector<std::string> args{"validate", "--format", "json"};
  args.insert(args.end(), generated.begin(), generated.end());
  auto r = RunChorus(args, {SchemaEnv()});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  auto report = nlohmann::json::parse(r.out);
  EXPECT_EQ(report["summary"]["files"], generated.size());
  EXPECT_EQ(report["summary"]["valid"], generated.size());
  for (const auto& f : report["files"]) {
    EXPECT_TRUE(f["valid"].get<bool>()) << f.dump(2);
  }
}

// samples/generated/ holds what `chorus build --compute` makes of each
// sample; regenerate with scripts/samples when the writers change.
TEST(CliSamples, GeneratedFilesAreUpToDate) {
  fs::path dir = TempDir();
  for (const auto& json : Samples()) {
    for (std::string to : {"ubl", "cii"}) {
      std::string name = json.stem().string() + "." + to + ".xml";
      auto r = RunChorus({"build", json.string(), "--compute", "--to", to, "-o",
                          (dir / name).string()});
      ASSERT_EQ(r.exit_code, 0) << r.err;
      fs::path committed = SourceDir() / "samples" / "generated" / name;
      ASSERT_TRUE(fs::exists(committed)) << committed << ": run scripts/samples";
      EXPECT_EQ(ReadFile(dir / name), ReadFile(committed))
          << committed << " is stale: run scripts/samples";
    }
  }
}

TEST(CliBuild, WithoutComputeAndWithoutTotalsIsRefused) {
  auto r = RunChorus({"build", (SourceDir() / "samples" / "b2b-mixed-vat.json").string(),
                      "--to", "ubl"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("--compute"));
}

TEST(CliBuild, BadJsonNamesThePath) {
  fs::path bad = TempDir() / "bad.json";
  WriteText(bad, R"({"number": "X1", "issue_dat": "2026-01-01"})");
  auto r = RunChorus({"build", bad.string(), "--compute"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("bad.json"));
  EXPECT_THAT(r.err, HasSubstr("issue_date"));  // the did-you-mean
}

TEST(CliBuild, MissingInputIsUsageError) {
  auto r = RunChorus({"build", "/nonexistent/invoice.json"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("/nonexistent/invoice.json"));
}

TEST(CliConvert, LossIsRefusedUnlessAllowed) {
  // A UBL element with no EN 16931 term: converting must name it and refuse.
  fs::path dir = TempDir();
  fs::path ubl = dir / "in.xml";
  auto r = RunChorus({"build", (SourceDir() / "samples" / "b2b-mixed-vat.json").string(),
                      "--compute", "--to", "ubl", "-o", ubl.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string xml = ReadFile(ubl);
  auto pos = xml.find("<cbc:ID>");
  ASSERT_NE(pos, std::string::npos);
  xml.insert(pos, "<cbc:CopyIndicator>false</cbc:CopyIndicator>\n  ");
  WriteText(ubl, xml);
  fs::path out = dir / "out.xml";
  r = RunChorus({"convert", ubl.string(), "--to", "cii", "-o", out.string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("CopyIndicator"));
  EXPECT_THAT(r.err, HasSubstr("--allow-loss"));
  EXPECT_FALSE(fs::exists(out));

  r = RunChorus({"convert", ubl.string(), "--to", "cii", "-o", out.string(), "--allow-loss",
                 "--format", "json"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::exists(out));
  auto j = nlohmann::json::parse(r.out);
  EXPECT_TRUE(j["written"].get<bool>());
  ASSERT_EQ(j["lost"].size(), 1u);
  EXPECT_THAT(j["lost"][0]["where"].get<std::string>(), HasSubstr("CopyIndicator"));
}

TEST(CliInspect, ReportsTheKeyTerms) {
  fs::path out = TempDir() / "b2g.xml";
  auto r = RunChorus({"build", (SourceDir() / "samples" / "b2g-service-code.json").string(),
                      "--compute", "--to", "cii", "-o", out.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = RunChorus({"inspect", out.string(), "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["syntax"], "cii");
  EXPECT_EQ(j["document"], "invoice");
  EXPECT_FALSE(j["buyer_reference"].is_null());
  EXPECT_FALSE(j["purchase_order_reference"].is_null());
  EXPECT_GE(j["lines"].get<int>(), 1);
  EXPECT_FALSE(j["seller"]["name"].get<std::string>().empty());
  r = RunChorus({"inspect", out.string()});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_THAT(r.out, HasSubstr("BT-10"));
}

TEST(CliValidate, OfficialExamplesAndFolderWalk) {
  auto r = RunChorus({"validate", "--format", "json",
                      (SharedDir() / "conformance" / "en16931" / "cii-examples").string()},
                     {SchemaEnv()});
  auto j = nlohmann::json::parse(r.out);
  EXPECT_GE(j["summary"]["files"].get<int>(), 10);
  EXPECT_EQ(j["summary"]["errors"], 0);
}

TEST(CliValidate, InvalidDocumentExitsOneWithLineNumbers) {
  fs::path dir = TempDir();
  fs::path ubl = dir / "inv.xml";
  auto r = RunChorus({"build", (SourceDir() / "samples" / "b2b-mixed-vat.json").string(),
                      "--compute", "--to", "ubl", "-o", ubl.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string xml = ReadFile(ubl);
  auto pos = xml.find("<cbc:IssueDate>");
  xml.insert(pos, "<cbc:Bogus>1</cbc:Bogus>");
  WriteText(ubl, xml);
  for (const char* fmt : {"text", "json", "junit", "github"}) {
    r = RunChorus({"validate", "--format", fmt, ubl.string()}, {SchemaEnv()});
    EXPECT_EQ(r.exit_code, 1) << fmt;
    EXPECT_THAT(r.out, HasSubstr("Bogus")) << fmt;
  }
  r = RunChorus({"validate", "--format", "json", ubl.string()}, {SchemaEnv()});
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["files"][0]["diagnostics"][0]["rule"], "XSD");
  EXPECT_EQ(j["files"][0]["diagnostics"][0]["severity"], "fatal");
  EXPECT_THAT(j["files"][0]["diagnostics"][0]["location"].get<std::string>(), HasSubstr("line"));
  EXPECT_EQ(j["summary"]["invalid"], 1);
}

TEST(CliValidate, UnreadableInputsExitTwoAndNeverCrash) {
  fs::path dir = TempDir();
  WriteText(dir / "empty.xml", "");
  WriteText(dir / "binary.xml", std::string("\x00\x01\x02\xff\xfe", 5));
  WriteText(dir / "malformed.xml", "<Invoice>\n  <a>\n</Invoice>");
  WriteText(dir / "wrongroot.xml", "<html><body/></html>");
  WriteText(dir / "bomb.xml",
            "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
            "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>"
            "<Invoice>&lol2;</Invoice>");
  WriteText(dir / "xxe.xml",
            "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
            "<Invoice>&e;</Invoice>");
  for (const char* name : {"empty.xml", "binary.xml", "malformed.xml", "wrongroot.xml",
                           "bomb.xml", "xxe.xml"}) {
    auto r = RunChorus({"validate", "--format", "json", (dir / name).string()}, {SchemaEnv()});
    EXPECT_EQ(r.exit_code, 2) << name << r.err;
    auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["files"][0]["diagnostics"][0]["severity"], "error") << name;
    EXPECT_THAT(r.out, Not(HasSubstr("root:x:0:0"))) << name;
  }
  auto r = RunChorus({"validate", (dir / "malformed.xml").string()}, {SchemaEnv()});
  EXPECT_THAT(r.out, HasSubstr("line 3"));
}

TEST(CliValidate, MissingSchemaFolderSaysHowToSetIt) {
  fs::path ubl = TempDir() / "inv.xml";
  auto r = RunChorus({"build", (SourceDir() / "samples" / "b2b-mixed-vat.json").string(),
                      "--compute", "--to", "ubl", "-o", ubl.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = RunChorus({"validate", ubl.string()}, {"CHORUS_SCHEMA_DIR=/nonexistent/schemas"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("CHORUS_SCHEMA_DIR"));
}

}  // namespace
}  // namespace chorus::testing

namespace chorus::testing {
namespace {

// --from/--to are calendar dates, checked before any connection is tried.
TEST(CliInvoicesSearch, DatesAreCheckedAgainstTheCalendar) {
  auto feb30 = RunChorus({"invoices", "search", "--from", "2026-02-30"});
  EXPECT_EQ(feb30.exit_code, 2) << feb30.err;
  EXPECT_THAT(feb30.err,
              ::testing::HasSubstr(
                  "--from '2026-02-30' is not a day of the calendar"));
  auto shape = RunChorus({"invoices", "search", "--to", "2026-2-3"});
  EXPECT_EQ(shape.exit_code, 2) << shape.err;
  EXPECT_THAT(shape.err, ::testing::HasSubstr(
                             "--to '2026-2-3' is not a date: use YYYY-MM-DD"));
}

}  // namespace
}  // namespace chorus::testing

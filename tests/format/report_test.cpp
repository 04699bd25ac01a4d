#include "chorus/format/report.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#include <sstream>
#include <string>
#include <vector>

namespace chorus {
namespace {

using Json = nlohmann::ordered_json;

// One file of each outcome: valid with a warning, invalid, unprocessable.
Report SampleReport() {
  Report report;
  report.files.push_back(
      FileReport{"ok.xml",
                 "ubl",
                 {Diagnostic{"BR-CL-23", Severity::kWarning,
                             "unit code unknown", "line 40"}}});
  report.files.push_back(FileReport{
      "bad.xml",
      "cii",
      {Diagnostic{"BR-CO-10", Severity::kFatal, "Sum of line net amounts",
                  "line 12"},
       Diagnostic{"BR-CL-01", Severity::kWarning, "odd code",
                  "/rsm:CrossIndustryInvoice/rsm:ExchangedDocument (line 7)"},
       Diagnostic{"XSD", Severity::kFatal, "Element 'x': not expected", ""}}});
  report.files.push_back(
      FileReport{"broken.xml",
                 std::nullopt,
                 {Diagnostic{"CHORUS-XML", Severity::kError,
                             "malformed XML: Start-end tags mismatch",
                             "line 3, column 14"}}});
  return report;
}

std::vector<std::string> Keys(const Json& object) {
  std::vector<std::string> keys;
  for (const auto& item : object.items()) keys.push_back(item.key());
  return keys;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(ReportTest, FileValidity) {
  Report r = SampleReport();
  EXPECT_TRUE(r.files[0].valid());
  EXPECT_FALSE(r.files[0].failed());
  EXPECT_FALSE(r.files[1].valid());
  EXPECT_FALSE(r.files[1].failed());
  EXPECT_FALSE(r.files[2].valid());
  EXPECT_TRUE(r.files[2].failed());
  EXPECT_STREQ(SeverityName(Severity::kFatal), "fatal");
  EXPECT_STREQ(SeverityName(Severity::kWarning), "warning");
  EXPECT_STREQ(SeverityName(Severity::kError), "error");
}

TEST(ReportTest, JsonHasTheDocumentedStructureAndOrder) {
  std::string out = RenderReport(SampleReport(), ReportFormat::kJson);
  Json json = Json::parse(out);
  EXPECT_EQ(Keys(json), (std::vector<std::string>{"files", "summary"}));
  ASSERT_EQ(json["files"].size(), 3u);
  for (const Json& file : json["files"]) {
    EXPECT_EQ(Keys(file), (std::vector<std::string>{"path", "syntax", "valid",
                                                    "diagnostics"}));
    for (const Json& d : file["diagnostics"]) {
      EXPECT_EQ(Keys(d), (std::vector<std::string>{"rule", "severity",
                                                   "message", "location"}));
    }
  }
  const Json& ok = json["files"][0];
  EXPECT_EQ(ok["path"], "ok.xml");
  EXPECT_EQ(ok["syntax"], "ubl");
  EXPECT_EQ(ok["valid"], true);
  ASSERT_EQ(ok["diagnostics"].size(), 1u);
  EXPECT_EQ(ok["diagnostics"][0]["severity"], "warning");

  const Json& bad = json["files"][1];
  EXPECT_EQ(bad["syntax"], "cii");
  EXPECT_EQ(bad["valid"], false);
  ASSERT_EQ(bad["diagnostics"].size(), 3u);
  EXPECT_EQ(bad["diagnostics"][0],
            Json::parse(R"({"rule":"BR-CO-10","severity":"fatal",)"
                        R"("message":"Sum of line net amounts",)"
                        R"("location":"line 12"})"));
  EXPECT_EQ(bad["diagnostics"][2]["location"], "");

  const Json& broken = json["files"][2];
  EXPECT_TRUE(broken["syntax"].is_null());
  EXPECT_EQ(broken["valid"], false);
  EXPECT_EQ(broken["diagnostics"][0]["severity"], "error");

  EXPECT_EQ(json["summary"],
            Json::parse(R"({"files":3,"valid":1,"invalid":1,"errors":1})"));
  EXPECT_EQ(Keys(json["summary"]),
            (std::vector<std::string>{"files", "valid", "invalid", "errors"}));
}

TEST(ReportTest, JsonOfAnEmptyReport) {
  Json json = Json::parse(RenderReport(Report{}, ReportFormat::kJson));
  EXPECT_TRUE(json["files"].is_array());
  EXPECT_TRUE(json["files"].empty());
  EXPECT_EQ(json["summary"]["files"], 0);
}

TEST(ReportTest, HiddenWarningsLeaveValidityAlone) {
  RenderOptions options;
  options.show_warnings = false;
  Json json =
      Json::parse(RenderReport(SampleReport(), ReportFormat::kJson, options));
  EXPECT_TRUE(json["files"][0]["diagnostics"].empty());
  EXPECT_EQ(json["files"][0]["valid"], true);
  EXPECT_EQ(json["files"][1]["diagnostics"].size(), 2u);
  std::string text = RenderReport(SampleReport(), ReportFormat::kText, options);
  EXPECT_EQ(text.find("warning"), std::string::npos) << text;
  std::string github =
      RenderReport(SampleReport(), ReportFormat::kGithub, options);
  EXPECT_EQ(github.find("::warning"), std::string::npos) << github;
}

TEST(ReportTest, JsonSurvivesInvalidUtf8) {
  Report report;
  report.files.push_back(
      FileReport{"f\xFF.xml",
                 "ubl",
                 {Diagnostic{"R", Severity::kFatal, "bad \xC3(", ""}}});
  Json json = Json::parse(RenderReport(report, ReportFormat::kJson));
  EXPECT_EQ(json["files"][0]["path"], "f\xEF\xBF\xBD.xml");
}

TEST(ReportTest, TextListsFilesDiagnosticsAndSummary) {
  std::string text = RenderReport(SampleReport(), ReportFormat::kText);
  std::vector<std::string> lines = Lines(text);
  const std::vector<std::string> expected = {
      "\u2713 ok.xml (ubl): 1 warning",
      "  line 40  BR-CL-23 [warning] unit code unknown",
      "\u2717 bad.xml (cii): 2 fatal, 1 warning",
      "  line 12  BR-CO-10 [fatal] Sum of line net amounts",
      "  /rsm:CrossIndustryInvoice/rsm:ExchangedDocument (line 7)  BR-CL-01 "
      "[warning] odd code",
      "  XSD [fatal] Element 'x': not expected",
      "\u2717 broken.xml: could not be processed",
      "  line 3, column 14  CHORUS-XML [error] malformed XML: Start-end tags "
      "mismatch",
      "3 files: 1 valid, 1 invalid, 1 error",
  };
  EXPECT_EQ(lines, expected) << text;
  EXPECT_EQ(text.find('\x1b'), std::string::npos);
}

TEST(ReportTest, TextColorsOnlyWhenAsked) {
  RenderOptions options;
  options.color = true;
  std::string text = RenderReport(SampleReport(), ReportFormat::kText, options);
  EXPECT_NE(text.find("\x1b[31m\u2717"), std::string::npos) << text;
  EXPECT_NE(text.find("\x1b[32m\u2713"), std::string::npos) << text;
  EXPECT_NE(text.find("\x1b[0m"), std::string::npos);
}

TEST(ReportTest, TextOfAValidFile) {
  Report report;
  report.files.push_back(FileReport{"a.xml", "cii", {}});
  EXPECT_EQ(RenderReport(report, ReportFormat::kText),
            "\u2713 a.xml (cii)\n1 file: 1 valid, 0 invalid, 0 errors\n");
}

TEST(ReportTest, JunitIsWellFormedAndCounts) {
  Report report = SampleReport();
  report.files[1].path = "dir/a&b <c>.xml";
  report.files[1].diagnostics[0].message = "5 < 6 & \"quoted\"\nnext\x01";
  std::string out = RenderReport(report, ReportFormat::kJunit);
  pugi::xml_document doc;
  pugi::xml_parse_result parsed = doc.load_string(out.c_str());
  ASSERT_TRUE(parsed) << parsed.description() << "\n" << out;
  pugi::xml_node suite = doc.child("testsuite");
  ASSERT_TRUE(suite) << out;
  EXPECT_STREQ(suite.attribute("name").value(), "chorus validate");
  EXPECT_EQ(suite.attribute("tests").as_int(), 3);
  EXPECT_EQ(suite.attribute("failures").as_int(), 1);
  EXPECT_EQ(suite.attribute("errors").as_int(), 1);

  std::vector<pugi::xml_node> cases;
  for (pugi::xml_node c : suite.children("testcase")) cases.push_back(c);
  ASSERT_EQ(cases.size(), 3u);
  for (pugi::xml_node c : cases) {
    EXPECT_STREQ(c.attribute("classname").value(), "chorus.validate");
  }
  EXPECT_STREQ(cases[0].attribute("name").value(), "ok.xml");
  EXPECT_FALSE(cases[0].child("failure"));
  EXPECT_FALSE(cases[0].child("error"));
  EXPECT_NE(std::string(cases[0].child_value("system-out"))
                .find("BR-CL-23 [warning] unit code unknown"),
            std::string::npos);

  EXPECT_STREQ(cases[1].attribute("name").value(), "dir/a&b <c>.xml");
  pugi::xml_node failure = cases[1].child("failure");
  ASSERT_TRUE(failure);
  EXPECT_FALSE(cases[1].child("error"));
  std::string message = failure.attribute("message").value();
  EXPECT_NE(message.find("2 fatal"), std::string::npos) << message;
  EXPECT_NE(message.find("5 < 6 & \"quoted\""), std::string::npos) << message;
  std::string body = failure.child_value();
  EXPECT_NE(body.find("line 12  BR-CO-10 [fatal] 5 < 6 & \"quoted\"\nnext"),
            std::string::npos)
      << body;
  EXPECT_NE(body.find("XSD [fatal] Element 'x'"), std::string::npos) << body;
  EXPECT_EQ(body.find("BR-CL-01"), std::string::npos) << "warning in failure";

  EXPECT_STREQ(cases[2].attribute("name").value(), "broken.xml");
  pugi::xml_node error = cases[2].child("error");
  ASSERT_TRUE(error);
  EXPECT_STREQ(error.attribute("message").value(),
               "malformed XML: Start-end tags mismatch");
}

TEST(ReportTest, GithubAnnotations) {
  std::string out = RenderReport(SampleReport(), ReportFormat::kGithub);
  std::vector<std::string> lines = Lines(out);
  ASSERT_EQ(lines.size(), 6u) << out;
  EXPECT_EQ(lines[0],
            "::warning file=ok.xml,line=40,title=BR-CL-23::unit code unknown");
  EXPECT_EQ(lines[1],
            "::error file=bad.xml,line=12,title=BR-CO-10::Sum of line net "
            "amounts");
  EXPECT_EQ(lines[2], "::warning file=bad.xml,line=7,title=BR-CL-01::odd code");
  EXPECT_EQ(lines[3],
            "::error file=bad.xml,title=XSD::Element 'x': not expected");
  EXPECT_EQ(lines[4],
            "::error file=broken.xml,line=3,col=14,title=CHORUS-XML::"
            "malformed XML: Start-end tags mismatch");
  EXPECT_EQ(lines[5], "chorus validate: 3 files, 1 valid, 1 invalid, 1 errors");
}

TEST(ReportTest, GithubEscaping) {
  Report report;
  report.files.push_back(
      FileReport{"dir,x:y%.xml",
                 "ubl",
                 {Diagnostic{"R:1,2", Severity::kFatal,
                             "100% sure,\r\nreally: yes", "line 5"},
                  Diagnostic{"JSON", Severity::kFatal, "not a number",
                             "$.lines[1].price"}}});
  std::vector<std::string> lines =
      Lines(RenderReport(report, ReportFormat::kGithub));
  ASSERT_GE(lines.size(), 2u);
  EXPECT_EQ(lines[0],
            "::error file=dir%2Cx%3Ay%25.xml,line=5,title=R%3A1%2C2::"
            "100%25 sure,%0D%0Areally: yes");
  EXPECT_EQ(lines[1],
            "::error file=dir%2Cx%3Ay%25.xml,title=JSON::not a number (at "
            "$.lines[1].price)");
}

TEST(ReportTest, LineIsNotTakenFromIdentifiers) {
  Report report;
  report.files.push_back(FileReport{
      "a.xml",
      "ubl",
      {Diagnostic{"R", Severity::kFatal, "m", "/Invoice/cac:InvoiceLine[2]"},
       Diagnostic{"R", Severity::kFatal, "m", "/x/invoiceline 4"}}});
  std::vector<std::string> lines =
      Lines(RenderReport(report, ReportFormat::kGithub));
  ASSERT_GE(lines.size(), 2u);
  EXPECT_EQ(lines[0].find("line="), std::string::npos) << lines[0];
  EXPECT_EQ(lines[1].find("line="), std::string::npos) << lines[1];
}

}  // namespace
}  // namespace chorus

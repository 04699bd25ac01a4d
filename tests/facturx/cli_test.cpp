// Through the real binary: build --to facturx, facturx create/extract, and
// damaged inputs, each with its diagnostic and exit code.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "chorus/facturx/facturx.h"
#include "facturx/fx_support.h"

namespace chorus::facturx {
namespace {

using namespace chorus::testing;  // NOLINT: test helpers

// `chorus validate --format json` on one file: exit code and rule ids.
struct Verdict {
  int exit_code = -1;
  std::vector<std::string> rules;
  std::vector<std::string> severities;
};

Verdict ValidateJson(const std::filesystem::path& pdf) {
  CommandResult r = RunChorus({"validate", "--format", "json", pdf.string()});
  Verdict v;
  v.exit_code = r.exit_code;
  auto j = nlohmann::json::parse(r.out, nullptr, false);
  EXPECT_FALSE(j.is_discarded()) << r.out << r.err;
  if (j.is_discarded()) return v;
  for (const auto& d : j["files"][0]["diagnostics"]) {
    v.rules.push_back(d["rule"]);
    v.severities.push_back(d["severity"]);
  }
  return v;
}

bool HasRule(const Verdict& v, const std::string& rule) {
  return std::find(v.rules.begin(), v.rules.end(), rule) != v.rules.end();
}

std::filesystem::path BuildSample(const std::string& name) {
  auto out = TempDir() / (name + ".pdf");
  CommandResult r =
      RunChorus({"build", (SourceDir() / "samples" / (name + ".json")).string(),
                 "--compute", "--to", "facturx", "-o", out.string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return out;
}

// A rendered page with no attachment at all.
std::filesystem::path PlainPdf() {
  auto page = RenderInvoice(SampleInvoice("b2b-mixed-vat"));
  EXPECT_TRUE(page.ok());
  return WriteTemp("plain.pdf", page ? *page : "");
}

TEST(FacturXCli, BuildThenValidateThenExtract) {
  auto pdf = BuildSample("intra-eu-reverse-charge");
  Verdict v = ValidateJson(pdf);
  EXPECT_EQ(v.exit_code, 0);
  auto xml_path = TempDir() / "out.xml";
  CommandResult x =
      RunChorus({"facturx", "extract", pdf.string(), "-o", xml_path.string()});
  ASSERT_EQ(x.exit_code, 0) << x.err;
  CommandResult cii = RunChorus(
      {"build", (SourceDir() / "samples/intra-eu-reverse-charge.json").string(),
       "--compute", "--to", "cii"});
  EXPECT_EQ(ReadFile(xml_path), cii.out);
  CommandResult inspect =
      RunChorus({"inspect", pdf.string(), "--format", "json"});
  ASSERT_EQ(inspect.exit_code, 0) << inspect.err;
  auto j = nlohmann::json::parse(inspect.out);
  EXPECT_EQ(j["syntax"], "facturx");
  EXPECT_EQ(j["facturx"]["profile"], "EN 16931");
}

TEST(FacturXCli, CreateEmbedsAndChecksTheProfile) {
  auto plain = PlainPdf();
  auto xml = SharedDir() / "conformance/facturx/factur-x-basicwl.xml";
  auto out = TempDir() / "created.pdf";
  CommandResult bad =
      RunChorus({"facturx", "create", "--xml", xml.string(), "--pdf",
                 plain.string(), "-o", out.string(), "--profile", "en16931"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("BASIC WL"), std::string::npos) << bad.err;
  CommandResult good =
      RunChorus({"facturx", "create", "--xml", xml.string(), "--pdf",
                 plain.string(), "-o", out.string(), "--profile", "basicwl"});
  ASSERT_EQ(good.exit_code, 0) << good.err;
  CommandResult back = RunChorus({"facturx", "extract", out.string()});
  EXPECT_EQ(back.exit_code, 0);
  EXPECT_EQ(back.out, ReadFile(xml));
  EXPECT_EQ(ValidateJson(out).exit_code, 0);
}

TEST(FacturXCli, RulesListShowsThePdfRules) {
  CommandResult r = RunChorus({"rules", "list"});
  ASSERT_EQ(r.exit_code, 0);
  for (const RuleInfo& rule : PdfRules()) {
    EXPECT_NE(r.out.find(std::string(rule.id) + "\t"), std::string::npos)
        << rule.id;
  }
  EXPECT_EQ(RunChorus({"rules", "explain", "FX-PDF-08"}).exit_code, 0);
}

TEST(FacturXCli, UblAttachedInsteadOfCii) {
  auto out = TempDir() / "ubl.pdf";
  CommandResult add = RunTool(
      "qpdf",
      {PlainPdf().string(), "--add-attachment",
       (SharedDir() / "conformance/facturx/ubl-21-en16931.xml").string(),
       "--key=factur-x.xml", "--", out.string()});
  ASSERT_EQ(add.exit_code, 0) << add.err;
  Verdict v = ValidateJson(out);
  EXPECT_EQ(v.exit_code, 1);
  EXPECT_TRUE(HasRule(v, "FX-PDF-08"));
}

TEST(FacturXCli, TwoXmlAttachments) {
  auto out = TempDir() / "two.pdf";
  CommandResult add = RunTool(
      "qpdf",
      {BuildSample("b2b-mixed-vat").string(), "--add-attachment",
       (SharedDir() / "conformance/facturx/factur-x-minimum.xml").string(),
       "--key=second.xml", "--", out.string()});
  ASSERT_EQ(add.exit_code, 0) << add.err;
  Verdict v = ValidateJson(out);
  EXPECT_EQ(v.exit_code, 1);
  EXPECT_TRUE(HasRule(v, "FX-PDF-07"));
}

TEST(FacturXCli, TruncatedPdfIsUnreadable) {
  std::string bytes = ReadFile(BuildSample("credit-note"));
  auto cut = WriteTemp("cut.pdf", bytes.substr(0, bytes.size() / 2));
  Verdict v = ValidateJson(cut);
  EXPECT_EQ(v.exit_code, 2);
  ASSERT_TRUE(HasRule(v, "FX-PDF-02"));
  EXPECT_EQ(RunChorus({"facturx", "extract", cut.string()}).exit_code, 2);
}

TEST(FacturXCli, EncryptedPdfIsRefused) {
  auto enc = TempDir() / "enc.pdf";
  CommandResult made =
      RunTool("qpdf", {"--encrypt", "user", "owner", "256", "--",
                       BuildSample("vat-exempt").string(), enc.string()});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  Verdict v = ValidateJson(enc);
  EXPECT_EQ(v.exit_code, 1);
  EXPECT_TRUE(HasRule(v, "FX-PDF-03"));
  EXPECT_EQ(RunChorus({"facturx", "extract", enc.string()}).exit_code, 1);
  auto xml = SharedDir() / "conformance/facturx/factur-x-en16931.xml";
  CommandResult c =
      RunChorus({"facturx", "create", "--xml", xml.string(), "--pdf",
                 enc.string(), "-o", (TempDir() / "never.pdf").string()});
  EXPECT_EQ(c.exit_code, 1);
  EXPECT_NE(c.err.find("encrypted"), std::string::npos) << c.err;
}

TEST(FacturXCli, PdfWithoutAttachment) {
  Verdict v = ValidateJson(PlainPdf());
  EXPECT_EQ(v.exit_code, 1);
  EXPECT_TRUE(HasRule(v, "FX-PDF-04"));
  EXPECT_EQ(RunChorus({"facturx", "extract", PlainPdf().string()}).exit_code,
            1);
}

TEST(FacturXCli, GarbageNamedPdf) {
  std::string junk;
  for (int i = 0; i < 4096; ++i)
    junk.push_back(static_cast<char>((i * 7919) % 251));
  auto path = WriteTemp("junk.pdf", junk);
  Verdict v = ValidateJson(path);
  EXPECT_EQ(v.exit_code, 2);
  EXPECT_TRUE(HasRule(v, "FX-PDF-01"));
  EXPECT_EQ(RunChorus({"inspect", path.string()}).exit_code, 2);
}

}  // namespace
}  // namespace chorus::facturx

// The official sample Factur-X (../shared/conformance/facturx) reads and
// validates: extraction, XSD, EN 16931 rules and PDF checks.
#include <gtest/gtest.h>

#include "chorus/facturx/facturx.h"
#include "support/test_env.h"

namespace chorus::facturx {
namespace {

using chorus::testing::ReadFile;
using chorus::testing::SharedDir;

std::string SamplePdf() {
  return ReadFile(SharedDir() / "conformance/facturx/invoice_EN16931.pdf");
}

TEST(FacturXSamplePdf, ValidatesWithNoFatalFinding) {
  Validation v = Validate(SamplePdf(), "invoice_EN16931.pdf");
  EXPECT_TRUE(v.xml_checked);
  EXPECT_EQ(v.profile, Profile::kEn16931);
  for (const auto& d : v.diagnostics) {
    EXPECT_EQ(d.severity, Severity::kWarning)
        << d.rule << " " << d.message << " @ " << d.location;
  }
}

TEST(FacturXSamplePdf, PdfSideIsClean) {
  PdfReport r = CheckPdf(SamplePdf(), "invoice_EN16931.pdf");
  EXPECT_FALSE(r.unreadable);
  EXPECT_EQ(r.xml_name, "factur-x.xml");
  EXPECT_EQ(r.declared_profile, Profile::kEn16931);
  EXPECT_TRUE(r.diagnostics.empty())
      << r.diagnostics.front().rule << " " << r.diagnostics.front().message;
}

// The second attachment of the sample (a PDF delivery note) is not XML and
// must not count as a second invoice.
TEST(FacturXSamplePdf, ExtractsTheInvoiceNotTheOtherAttachment) {
  auto xml = ExtractXml(SamplePdf(), "invoice_EN16931.pdf");
  ASSERT_TRUE(xml.ok()) << xml.error().message;
  EXPECT_NE(xml->find("CrossIndustryInvoice"), std::string::npos);
  EXPECT_EQ(*xml, *CheckPdf(SamplePdf(), "x").xml);
}

TEST(FacturXSamplePdf, ValidatesThroughTheBinary) {
  auto r = chorus::testing::RunChorus(
      {"validate",
       (SharedDir() / "conformance/facturx/invoice_EN16931.pdf").string()});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
}

}  // namespace
}  // namespace chorus::facturx

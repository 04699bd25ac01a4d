// Every PDF chorus creates: qpdf --check passes, pdffonts shows every font
// embedded, the XMP carries the PDF/A and fx: values, and the XML comes
// back byte for byte.
#include <gtest/gtest.h>

#include "chorus/facturx/facturx.h"
#include "chorus/format/syntax.h"
#include "facturx/fx_support.h"

namespace chorus::facturx {
namespace {

using namespace chorus::testing;  // NOLINT: test helpers

constexpr const char* kStamp = "2026-01-31T10:00:00+00:00";

bool Has(const std::string& hay, const std::string& needle) {
  return hay.find(needle) != std::string::npos;
}

// The checks every created Factur-X must pass; `xml` is what went in.
void ExpectGoodFacturX(const std::string& pdf, const std::string& xml,
                       Profile profile, const std::string& file) {
  auto path = WriteTemp(file, pdf);
  CommandResult check = RunTool("qpdf", {"--check", path.string()});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  std::vector<std::string> emb = PdfFontsEmbedded(path);
  EXPECT_FALSE(emb.empty()) << "pdffonts lists no font";
  for (const auto& e : emb) EXPECT_EQ(e, "yes") << "a font is not embedded";

  auto back = ExtractXml(pdf, file);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_TRUE(*back == xml) << "extract(create(x)) differs from x";

  // XMP is written uncompressed, so its values are in the file as is.
  EXPECT_TRUE(Has(pdf, "<pdfaid:part>3</pdfaid:part>"));
  EXPECT_TRUE(Has(pdf, "<pdfaid:conformance>B</pdfaid:conformance>"));
  EXPECT_TRUE(Has(pdf, "urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#"));
  EXPECT_TRUE(Has(pdf, "<fx:DocumentType>INVOICE</fx:DocumentType>"));
  EXPECT_TRUE(
      Has(pdf, "<fx:DocumentFileName>factur-x.xml</fx:DocumentFileName>"));
  EXPECT_TRUE(Has(pdf, "<fx:Version>1.0</fx:Version>"));
  EXPECT_TRUE(Has(pdf, std::string("<fx:ConformanceLevel>") +
                           ConformanceLevel(profile) +
                           "</fx:ConformanceLevel>"));
  EXPECT_TRUE(Has(pdf, std::string("<xmp:CreateDate>") + kStamp));
  EXPECT_TRUE(Has(pdf, "/CreationDate (D:20260131100000+00'00')"));
  EXPECT_TRUE(Has(pdf, "/text#2fxml") || Has(pdf, "/text#2Fxml"));
  EXPECT_TRUE(Has(pdf, "/GTS_PDFA1"));
  EXPECT_TRUE(Has(pdf, "/ID ["));
  EXPECT_EQ(pdf.substr(0, 8), "%PDF-1.7");

  PdfReport r = CheckPdf(pdf, file);
  EXPECT_EQ(r.declared_profile, profile);
  for (const auto& d : r.diagnostics)
    ADD_FAILURE() << d.rule << " " << d.message;
}

TEST(FacturXCreate, EverySampleInvoiceMakesAGoodFacturX) {
  for (const std::string& name : SampleNames()) {
    SCOPED_TRACE(name);
    Invoice invoice = SampleInvoice(name);
    EmbedOptions embed;
    embed.timestamp = kStamp;
    auto made = CreateFromInvoice(invoice, {}, embed);
    ASSERT_TRUE(made.ok()) << made.error().message;
    EXPECT_TRUE(made->warnings.empty());
    auto profile = FacturXProfileFromId(invoice.specification_id.value_or(""));
    ASSERT_TRUE(profile.has_value());
    EXPECT_EQ(made->profile, *profile);
    ExpectGoodFacturX(made->pdf, WriteCii(invoice).xml, *profile,
                      name + ".pdf");
    Validation v = Validate(made->pdf, name + ".pdf");
    EXPECT_TRUE(v.xml_checked);
  }
}

struct ProfileSample {
  const char* file;
  Profile profile;
  Relationship relationship;
};

// Each official profile sample embedded into a page chorus rendered.
TEST(FacturXCreate, EachProfileSampleEmbedsIntoARenderedPage) {
  const ProfileSample samples[] = {
      {"factur-x-minimum.xml", Profile::kMinimum, Relationship::kData},
      {"factur-x-basicwl.xml", Profile::kBasicWl, Relationship::kData},
      {"factur-x-basic.xml", Profile::kBasic, Relationship::kAlternative},
      {"factur-x-en16931.xml", Profile::kEn16931, Relationship::kAlternative},
      {"factur-x-extended.xml", Profile::kExtended, Relationship::kAlternative},
  };
  auto page = RenderInvoice(SampleInvoice("b2b-mixed-vat"));
  ASSERT_TRUE(page.ok()) << page.error().message;
  for (const auto& s : samples) {
    SCOPED_TRACE(s.file);
    std::string xml = ReadFile(SharedDir() / "conformance/facturx" / s.file);
    EmbedOptions embed;
    embed.timestamp = kStamp;
    auto made = Embed(*page, xml, embed);
    ASSERT_TRUE(made.ok()) << made.error().message;
    EXPECT_EQ(made->profile, s.profile);
    EXPECT_EQ(made->relationship, s.relationship);
    EXPECT_TRUE(Has(made->pdf, std::string("/AFRelationship /") +
                                   RelationshipName(s.relationship)));
    ExpectGoodFacturX(made->pdf, xml, s.profile, std::string(s.file) + ".pdf");
    Validation v = Validate(made->pdf, "x.pdf");
    EXPECT_EQ(v.profile, s.profile);
    for (const auto& d : v.diagnostics) {
      EXPECT_NE(d.severity, Severity::kFatal)
          << d.rule << " " << d.message << " " << d.location;
      EXPECT_NE(d.severity, Severity::kError) << d.rule << " " << d.message;
    }
  }
}

TEST(FacturXCreate, ProfileMismatchIsAUsageError) {
  auto page = RenderInvoice(SampleInvoice("b2b-mixed-vat"));
  ASSERT_TRUE(page.ok());
  std::string xml =
      ReadFile(SharedDir() / "conformance/facturx/factur-x-basic.xml");
  EmbedOptions embed;
  embed.profile = Profile::kExtended;
  auto made = Embed(*page, xml, embed);
  ASSERT_FALSE(made.ok());
  EXPECT_EQ(made.error().kind, Error::Kind::kUsage);
  EXPECT_TRUE(Has(made.error().message, "BASIC")) << made.error().message;
  embed.profile = Profile::kBasic;
  embed.relationship = Relationship::kSource;
  auto ok = Embed(*page, xml, embed);
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  EXPECT_TRUE(Has(ok->pdf, "/AFRelationship /Source"));
}

TEST(FacturXCreate, UblIsRefused) {
  auto page = RenderInvoice(SampleInvoice("credit-note"));
  ASSERT_TRUE(page.ok());
  auto made = Embed(
      *page, ReadFile(SharedDir() / "conformance/facturx/ubl-21-en16931.xml"));
  ASSERT_FALSE(made.ok());
  EXPECT_EQ(made.error().kind, Error::Kind::kInvalidInput);
  EXPECT_TRUE(Has(made.error().message, "UBL"));
}

// Embedding into a PDF that is already a Factur-X replaces the XML.
TEST(FacturXCreate, ReembeddingReplacesTheXml) {
  auto first = CreateFromInvoice(SampleInvoice("b2b-mixed-vat"));
  ASSERT_TRUE(first.ok());
  std::string xml =
      ReadFile(SharedDir() / "conformance/facturx/factur-x-en16931.xml");
  auto second = Embed(first->pdf, xml);
  ASSERT_TRUE(second.ok()) << second.error().message;
  ASSERT_EQ(second->warnings.size(), 1u);
  EXPECT_EQ(second->warnings[0].rule, "FX-PDF-07");
  PdfReport r = CheckPdf(second->pdf, "x");
  EXPECT_TRUE(r.diagnostics.empty()) << r.diagnostics.front().rule;
  EXPECT_EQ(*r.xml, xml);
}

}  // namespace
}  // namespace chorus::facturx

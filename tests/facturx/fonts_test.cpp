// Fonts a PDF does not embed: reported by create (warning) and by the
// checks (FX-PDF-23); Type 3 fonts count as embedded.
#define POINTERHOLDER_TRANSITION 4
#include <gtest/gtest.h>

#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFWriter.hh>

#include "chorus/facturx/facturx.h"
#include "support/test_env.h"

namespace chorus::facturx {
namespace {

// A one-page PDF drawing text with the named font resource.
std::string PdfWithFont(const std::string& font_dict) {
  QPDF pdf;
  pdf.emptyPDF();
  QPDFObjectHandle font =
      pdf.makeIndirectObject(QPDFObjectHandle::parse(font_dict));
  QPDFObjectHandle resources = QPDFObjectHandle::parse("<< /Font << >> >>");
  resources.getKey("/Font").replaceKey("/F1", font);
  QPDFObjectHandle page = pdf.makeIndirectObject(
      QPDFObjectHandle::parse("<< /Type /Page /MediaBox [0 0 595 842] >>"));
  page.replaceKey("/Resources", resources);
  page.replaceKey("/Contents",
                  pdf.newStream("BT /F1 12 Tf 72 720 Td (Facture) Tj ET"));
  QPDFPageDocumentHelper(pdf).addPage(page, false);
  QPDFWriter w(pdf);
  w.setOutputMemory();
  w.write();
  auto buf = w.getBufferSharedPointer();
  return std::string(reinterpret_cast<const char*>(buf->getBuffer()),
                     buf->getSize());
}

std::string Xml() {
  return chorus::testing::ReadFile(chorus::testing::SharedDir() /
                                   "conformance/facturx/factur-x-en16931.xml");
}

TEST(FacturXFonts, UnembeddedStandardFontIsReported) {
  std::string visual =
      PdfWithFont("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
  auto made = Embed(visual, Xml());
  ASSERT_TRUE(made.ok()) << made.error().message;
  ASSERT_EQ(made->warnings.size(), 1u);
  EXPECT_EQ(made->warnings[0].rule, "FX-PDF-23");
  EXPECT_NE(made->warnings[0].message.find("Helvetica"), std::string::npos);

  PdfReport r = CheckPdf(made->pdf, "x.pdf");
  ASSERT_EQ(r.diagnostics.size(), 1u) << r.diagnostics.front().rule;
  EXPECT_EQ(r.diagnostics[0].rule, "FX-PDF-23");
  EXPECT_EQ(r.diagnostics[0].severity, Severity::kFatal);
  EXPECT_EQ(r.diagnostics[0].location.rfind("PDF object ", 0), 0u);
}

TEST(FacturXFonts, Type3FontsCountAsEmbedded) {
  std::string visual = PdfWithFont(
      "<< /Type /Font /Subtype /Type3 /FontBBox [0 0 1 1] /FontMatrix [1 0 0 1 "
      "0 0] "
      "/CharProcs << >> /Encoding << /Differences [] >> /FirstChar 0 /LastChar "
      "0 "
      "/Widths [0] >>");
  auto made = Embed(visual, Xml());
  ASSERT_TRUE(made.ok()) << made.error().message;
  EXPECT_TRUE(made->warnings.empty());
  EXPECT_TRUE(CheckPdf(made->pdf, "x.pdf").diagnostics.empty());
}

}  // namespace
}  // namespace chorus::facturx

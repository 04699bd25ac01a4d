// The rendered page: labels per language, amounts from Decimal, pages.
#include <gtest/gtest.h>

#include "chorus/facturx/facturx.h"
#include "facturx/fx_support.h"

namespace chorus::facturx {
namespace {

using namespace chorus::testing;  // NOLINT: test helpers

std::string PdfText(const std::string& pdf, const std::string& name) {
  auto path = WriteTemp(name, pdf);
  CommandResult r = RunTool("pdftotext", {"-layout", path.string(), "-"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.out;
}

// "1039.51" -> "1 039,51" (no-break space) or "1,039.51".
std::string Grouped(const std::string& plain, bool french) {
  std::size_t dot = plain.find('.');
  std::string whole = plain.substr(0, dot), out;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) out += french ? "\xC2\xA0" : ",";
    out += whole[i];
  }
  return out + (french ? "," : ".") + plain.substr(dot + 1);
}

TEST(FacturXRender, FrenchByDefaultEnglishOnRequest) {
  Invoice invoice = SampleInvoice("b2b-mixed-vat");
  ASSERT_TRUE(invoice.totals && invoice.totals->payable);
  std::string payable = invoice.totals->payable->ToFixed(2);

  auto fr = RenderInvoice(invoice);
  ASSERT_TRUE(fr.ok()) << fr.error().message;
  std::string text = PdfText(*fr, "fr.pdf");
  EXPECT_NE(text.find("FACTURE"), std::string::npos);
  EXPECT_NE(text.find("Net à payer"), std::string::npos);
  // The no-break space may come back as a plain space: DejaVu draws both
  // with one glyph, so the text layer maps it to U+0020.
  std::string grouped = Grouped(payable, true);
  std::string plain_space = grouped;
  if (auto at = plain_space.find("\xC2\xA0"); at != std::string::npos)
    plain_space.replace(at, 2, " ");
  EXPECT_TRUE(text.find(grouped) != std::string::npos ||
              text.find(plain_space) != std::string::npos)
      << grouped << " not in\n"
      << text;
  EXPECT_NE(text.find(*invoice.number), std::string::npos);
  EXPECT_NE(text.find(*invoice.seller->name), std::string::npos);

  RenderOptions en;
  en.language = Language::kEnglish;
  auto english = RenderInvoice(invoice, en);
  ASSERT_TRUE(english.ok());
  text = PdfText(*english, "en.pdf");
  EXPECT_NE(text.find("INVOICE"), std::string::npos);
  EXPECT_NE(text.find("Amount due"), std::string::npos);
  EXPECT_NE(text.find(Grouped(payable, false)), std::string::npos) << text;
}

TEST(FacturXRender, ManyLinesFlowOntoSeveralPages) {
  Invoice invoice = SampleInvoice("b2b-mixed-vat");
  ASSERT_FALSE(invoice.lines.empty());
  InvoiceLine line = invoice.lines.front();
  invoice.lines.clear();
  for (int i = 1; i <= 120; ++i) {
    line.id = std::to_string(i);
    invoice.lines.push_back(line);
  }
  auto pdf = RenderInvoice(invoice);
  ASSERT_TRUE(pdf.ok());
  auto path = WriteTemp("many.pdf", *pdf);
  CommandResult pages = RunTool("qpdf", {"--show-npages", path.string()});
  ASSERT_EQ(pages.exit_code, 0);
  int n = std::stoi(pages.out);
  EXPECT_GE(n, 3);
  std::string text = PdfText(*pdf, "many-text.pdf");
  // Every line number is printed once, and the last page says n/n.
  EXPECT_NE(text.find("120 "), std::string::npos);
  EXPECT_NE(text.find(std::to_string(n) + "/" + std::to_string(n)),
            std::string::npos);
  for (const auto& e : PdfFontsEmbedded(path)) EXPECT_EQ(e, "yes");
}

}  // namespace
}  // namespace chorus::facturx

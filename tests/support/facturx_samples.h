// Factur-X test files built at run time from the official samples in
// ../shared (never copied into the repository).
#ifndef CHORUS_TESTS_SUPPORT_FACTURX_SAMPLES_H_
#define CHORUS_TESTS_SUPPORT_FACTURX_SAMPLES_H_

#include <gtest/gtest.h>

#include <string>

#include "chorus/facturx/facturx.h"
#include "chorus/format/document.h"
#include "chorus/format/syntax.h"
#include "support/test_env.h"

namespace chorus::testing {

// Replaces the first `from` in `text` (test failure when absent).
inline void ReplaceOnce(std::string& text, const std::string& from,
                        const std::string& to) {
  std::size_t at = text.find(from);
  if (at == std::string::npos) {
    ADD_FAILURE() << "'" << from << "' not found";
    return;
  }
  text.replace(at, from.size(), to);
}

// The official BASIC WL sample addressed to a buyer the sandbox's directory
// knows without requirements (SIRET 79043128200017, the b2b samples' buyer).
inline std::string BasicWlXmlForSandbox() {
  std::string xml =
      ReadFile(SharedDir() / "conformance/facturx/factur-x-basicwl.xml");
  ReplaceOnce(xml, "<ram:GlobalID schemeID=\"0088\">3654789851</ram:GlobalID>",
              "<ram:GlobalID schemeID=\"0009\">79043128200017</ram:GlobalID>");
  ReplaceOnce(xml, "<ram:ID schemeID=\"0002\">987654321</ram:ID>",
              "<ram:ID schemeID=\"0002\">790431282</ram:ID>");
  return xml;
}

// `xml` (a CII naming a Factur-X profile) embedded in a page rendered from
// it: a Factur-X PDF ("" and a test failure when that fails).
inline std::string FacturXPdfOf(const std::string& xml) {
  auto doc = LoadDocumentBuffer(xml, "factur-x.xml");
  if (!doc) {
    ADD_FAILURE() << doc.error().message;
    return {};
  }
  auto page = facturx::RenderInvoice(ReadInvoice(**doc).invoice);
  if (!page) {
    ADD_FAILURE() << page.error().message;
    return {};
  }
  facturx::EmbedOptions options;
  options.timestamp = "2026-01-31T10:00:00+00:00";
  auto pdf = facturx::Embed(*page, xml, options);
  if (!pdf) {
    ADD_FAILURE() << pdf.error().message;
    return {};
  }
  return pdf->pdf;
}

}  // namespace chorus::testing

#endif  // CHORUS_TESTS_SUPPORT_FACTURX_SAMPLES_H_

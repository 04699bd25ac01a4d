// The FX-PDF-nn rules: the PDF side of a Factur-X, as chorus checks it.
// Ids are stable; texts are chorus's own wording of the Factur-X 1.0 and
// PDF/A-3 requirements.
#include <algorithm>
#include <array>
#include <cctype>

#include "chorus/facturx/facturx.h"

namespace chorus::facturx {
namespace {

constexpr Severity F = Severity::kFatal;
constexpr Severity W = Severity::kWarning;
constexpr RuleSyntax C = RuleSyntax::kCii;
constexpr std::string_view kSet = "facturx-pdf";  // RuleInfo::set

constexpr std::array<RuleInfo, 24> kRules{{
    {"FX-PDF-01", F, C,
     "The file shall be a PDF (it starts with a %PDF- header).", "", kSet},
    {"FX-PDF-02", F, C,
     "The PDF shall be readable without repair (not truncated, cross-reference "
     "table intact).",
     "", kSet},
    {"FX-PDF-03", F, C,
     "The PDF shall not be encrypted (PDF/A forbids encryption).", "", kSet},
    {"FX-PDF-04", F, C,
     "The PDF shall carry the invoice as an embedded XML file.", "", kSet},
    {"FX-PDF-05", F, C, "The embedded invoice XML shall be named factur-x.xml.",
     "", kSet},
    {"FX-PDF-06", W, C,
     "The embedded invoice XML carries a legacy name (zugferd-invoice.xml, "
     "xrechnung.xml) "
     "instead of factur-x.xml.",
     "", kSet},
    {"FX-PDF-07", F, C, "The PDF shall carry exactly one embedded XML file.",
     "", kSet},
    {"FX-PDF-08", F, C,
     "The embedded XML shall be a UN/CEFACT CII invoice: Factur-X does not "
     "carry UBL.",
     "", kSet},
    {"FX-PDF-09", F, C,
     "The embedded XML shall be a CrossIndustryInvoice whose BT-24 names a "
     "Factur-X profile.",
     "BT-24", kSet},
    {"FX-PDF-10", F, C,
     "The file specification of the invoice XML shall have /AFRelationship.",
     "", kSet},
    {"FX-PDF-11", F, C,
     "/AFRelationship of the invoice XML shall be /Data, /Source or "
     "/Alternative.",
     "", kSet},
    {"FX-PDF-12", W, C,
     "/AFRelationship should be /Data for MINIMUM and BASIC WL: those profiles "
     "are not a "
     "complete alternative to the PDF.",
     "BT-24", kSet},
    {"FX-PDF-13", F, C,
     "The file specification shall have /F and /UF naming the file.", "", kSet},
    {"FX-PDF-14", F, C,
     "The embedded file stream shall have /Subtype /text#2Fxml and /Params "
     "with /ModDate.",
     "", kSet},
    {"FX-PDF-15", W, C,
     "/Params /Size and /CheckSum of the embedded file should match its bytes.",
     "", kSet},
    {"FX-PDF-16", F, C,
     "The document catalog shall list the invoice XML's file specification in "
     "/AF.",
     "", kSet},
    {"FX-PDF-17", F, C,
     "The document catalog shall have XMP metadata (/Metadata) that parses.",
     "", kSet},
    {"FX-PDF-18", F, C,
     "The XMP metadata shall declare PDF/A-3 (pdfaid:part 3) with a "
     "conformance level "
     "(pdfaid:conformance).",
     "", kSet},
    {"FX-PDF-19", F, C,
     "The XMP metadata shall describe the fx: namespace in a PDF/A extension "
     "schema.",
     "", kSet},
    {"FX-PDF-20", F, C,
     "The XMP metadata shall give fx:DocumentType, fx:DocumentFileName, "
     "fx:Version and "
     "fx:ConformanceLevel.",
     "", kSet},
    {"FX-PDF-21", F, C,
     "fx:ConformanceLevel shall be the profile the embedded XML's BT-24 names.",
     "BT-24", kSet},
    {"FX-PDF-22", F, C,
     "fx:DocumentType shall be INVOICE, fx:DocumentFileName the attachment's "
     "name and "
     "fx:Version 1.0.",
     "", kSet},
    {"FX-PDF-23", F, C,
     "Every font the pages use shall be embedded (Type 3 fonts are).", "", kSet},
    {"FX-PDF-24", F, C,
     "The document catalog shall have a /GTS_PDFA1 OutputIntent with an ICC "
     "profile.",
     "", kSet},
}};

}  // namespace

std::span<const RuleInfo> PdfRules() { return kRules; }

const RuleInfo* FindPdfRule(std::string_view id) {
  for (const RuleInfo& r : kRules) {
    if (r.id.size() == id.size() &&
        std::equal(r.id.begin(), r.id.end(), id.begin(), [](char a, char b) {
          return std::toupper(static_cast<unsigned char>(a)) ==
                 std::toupper(static_cast<unsigned char>(b));
        })) {
      return &r;
    }
  }
  return nullptr;
}

}  // namespace chorus::facturx

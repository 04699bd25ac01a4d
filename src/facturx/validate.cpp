// Validate: a Factur-X as a whole, PDF side then XML side.
#include "chorus/facturx/facturx.h"
#include "chorus/format/document.h"
#include "chorus/format/syntax.h"
#include "chorus/format/xsd.h"

namespace chorus::facturx {
namespace {

// "line 12" -> "factur-x.xml line 12"; rule paths get the name in front.
void Relocate(std::vector<Diagnostic>& diags, const std::string& xml_name) {
  for (auto& d : diags) {
    d.location = d.location.empty() ? xml_name
                 : d.location.rfind("line ", 0) == 0
                     ? xml_name + " " + d.location
                     : xml_name + ": " + d.location;
  }
}

void Append(std::vector<Diagnostic>& to, std::vector<Diagnostic> from) {
  to.insert(to.end(), std::make_move_iterator(from.begin()),
            std::make_move_iterator(from.end()));
}

}  // namespace

Validation Validate(std::string_view pdf, const std::string& name,
                    const ValidateOptions& options) {
  Validation v;
  PdfReport pdf_report = CheckPdf(pdf, name);
  v.diagnostics = std::move(pdf_report.diagnostics);
  if (!pdf_report.xml) return v;
  const std::string xml_name = pdf_report.xml_name;
  auto doc = LoadDocumentBuffer(std::move(*pdf_report.xml),
                                name + " (" + xml_name + ")");
  if (!doc) {
    std::vector<Diagnostic> details = doc.error().details;
    Relocate(details, xml_name);
    Append(v.diagnostics, std::move(details));
    return v;
  }
  // A UBL or non-invoice attachment was reported (FX-PDF-08/09): its rules
  // would be the wrong ones.
  if ((*doc)->syntax != Syntax::kCii) return v;
  (*doc)->syntax = Syntax::kFacturX;
  v.xml_checked = true;
  ReadResult read = ReadInvoice(**doc);
  v.profile = FacturXProfileOf(**doc);
  std::vector<Diagnostic> xml_diags;
  if (options.xsd && v.profile) {
    auto xsd = ValidateXsd(**doc, FacturXSchema(*v.profile));
    if (!xsd) {
      xml_diags.push_back(
          {"CHORUS-XSD", Severity::kError, xsd.error().message, ""});
    } else {
      Append(xml_diags, std::move(*xsd));
    }
  }
  RuleOptions rule_options = RuleOptionsFor(**doc, options.rules);
  if (rule_options.en16931 || rule_options.facturx)
    Append(xml_diags, CheckRules(**doc, read, rule_options));
  v.document = std::move(*doc);
  v.read = std::move(read);
  Relocate(xml_diags, xml_name);
  Append(v.diagnostics, std::move(xml_diags));
  return v;
}

}  // namespace chorus::facturx

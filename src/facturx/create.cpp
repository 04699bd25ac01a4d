// CreateFromInvoice: model -> CII -> rendered page -> Factur-X.
#include "chorus/facturx/facturx.h"
#include "chorus/format/syntax.h"

namespace chorus::facturx {

Result<EmbedResult> CreateFromInvoice(const Invoice& invoice,
                                      const RenderOptions& render,
                                      EmbedOptions embed) {
  WriteResult cii = WriteCii(invoice);
  if (!cii.lost.empty()) {
    Error e = MakeError(Error::Kind::kInvalidInput,
                        "CII cannot carry every datum given");
    for (const auto& l : cii.lost) {
      e.details.push_back({"CHORUS-LOSS", Severity::kError, l.message, l.term});
    }
    return e;
  }
  auto pdf = RenderInvoice(invoice, render);
  if (!pdf) return pdf.take_error();
  if (embed.title.empty()) {
    const bool fr = render.language == Language::kFrench;
    bool credit = invoice.kind == DocumentKind::kCreditNote;
    embed.title = std::string(credit ? (fr ? "Avoir" : "Credit note")
                                     : (fr ? "Facture" : "Invoice")) +
                  (invoice.number ? " " + *invoice.number : "");
  }
  if (embed.author.empty() && invoice.seller && invoice.seller->name) {
    embed.author = *invoice.seller->name;
  }
  return Embed(*pdf, cii.xml, embed);
}

}  // namespace chorus::facturx

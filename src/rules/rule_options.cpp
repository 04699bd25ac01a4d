#include "chorus/format/facturx_profile.h"
#include "chorus/rules/rules.h"

namespace chorus {

RuleOptions RuleOptionsFor(const XmlDocument& doc, const RuleRequest& request) {
  RuleOptions out;
  out.en16931 = request.en16931;
  out.facturx = request.facturx;
  if (request.automatic) {
    std::optional<FacturXProfile> profile = FacturXProfileOf(doc);
    out.en16931 |= !profile || IsFullInvoice(*profile);
    out.facturx |= IsFacturXDocument(doc);
  }
  return out;
}

}  // namespace chorus

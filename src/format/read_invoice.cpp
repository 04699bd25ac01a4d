#include "chorus/format/syntax.h"

namespace chorus {

ReadResult ReadInvoice(const XmlDocument& doc) {
  return ReadInvoice(doc, ReadOptions{});
}

ReadResult ReadInvoice(const XmlDocument& doc, const ReadOptions& options) {
  switch (doc.syntax) {
    case Syntax::kUbl:
      return ReadUbl(doc, options);
    case Syntax::kCii:
    case Syntax::kFacturX:  // the XML carried by a Factur-X PDF is a CII
      return ReadCii(doc, options);
  }
  return ReadCii(doc, options);
}

}  // namespace chorus

#include "chorus/format/syntax.h"

namespace chorus {

ReadResult ReadInvoice(const XmlDocument& doc) {
  switch (doc.syntax) {
    case Syntax::kUbl:
      return ReadUbl(doc);
    case Syntax::kCii:
    case Syntax::kFacturX:  // the XML carried by a Factur-X PDF is a CII
      return ReadCii(doc);
  }
  return ReadCii(doc);
}

}  // namespace chorus

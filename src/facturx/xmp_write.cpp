// The XMP packet chorus writes into every Factur-X it makes.
#include "facturx/xmp_internal.h"

namespace chorus::facturx::internal {
namespace {

std::string Escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// One pdfaProperty entry of the extension schema (PDF/A-1 6.7.8: every
// property outside the predefined schemas must be described).
std::string Property(std::string_view name, std::string_view description) {
  std::string out = "          <rdf:li rdf:parseType=\"Resource\">\n";
  out += "           <pdfaProperty:name>" + std::string(name) +
         "</pdfaProperty:name>\n";
  out += "           <pdfaProperty:valueType>Text</pdfaProperty:valueType>\n";
  out += "           <pdfaProperty:category>external</pdfaProperty:category>\n";
  out += "           <pdfaProperty:description>" + std::string(description) +
         "</pdfaProperty:description>\n";
  out += "          </rdf:li>\n";
  return out;
}

}  // namespace

std::string BuildXmp(const XmpFields& f) {
  const std::string fx(kFxNamespace);
  std::string x;
  x.reserve(4096);
  x += "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n";
  x += "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n";
  x += " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n";

  x += "  <rdf:Description rdf:about=\"\" "
       "xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n";
  x += "   <pdfaid:part>3</pdfaid:part>\n   "
       "<pdfaid:conformance>B</pdfaid:conformance>\n";
  x += "  </rdf:Description>\n";

  x += "  <rdf:Description rdf:about=\"\" "
       "xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n";
  x += "   <dc:format>application/pdf</dc:format>\n";
  x += "   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" +
       Escape(f.title) + "</rdf:li></rdf:Alt></dc:title>\n";
  if (!f.author.empty()) {
    x += "   <dc:creator><rdf:Seq><rdf:li>" + Escape(f.author) +
         "</rdf:li></rdf:Seq></dc:creator>\n";
  }
  x += "  </rdf:Description>\n";

  x += "  <rdf:Description rdf:about=\"\" "
       "xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n";
  x += "   <xmp:CreatorTool>" + Escape(f.creator_tool) + "</xmp:CreatorTool>\n";
  x += "   <xmp:CreateDate>" + f.create_date + "</xmp:CreateDate>\n";
  x += "   <xmp:ModifyDate>" + f.modify_date + "</xmp:ModifyDate>\n";
  x += "   <xmp:MetadataDate>" + f.modify_date + "</xmp:MetadataDate>\n";
  x += "  </rdf:Description>\n";

  x += "  <rdf:Description rdf:about=\"\" "
       "xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n";
  x += "   <pdf:Producer>" + Escape(f.producer) + "</pdf:Producer>\n";
  x += "  </rdf:Description>\n";

  x += "  <rdf:Description rdf:about=\"\"\n"
       "    xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"\n"
       "    xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"\n"
       "    xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n";
  x += "   <pdfaExtension:schemas>\n    <rdf:Bag>\n     <rdf:li "
       "rdf:parseType=\"Resource\">\n";
  x += "      <pdfaSchema:schema>Factur-X PDF/A extension "
       "schema</pdfaSchema:schema>\n";
  x += "      <pdfaSchema:namespaceURI>" + fx + "</pdfaSchema:namespaceURI>\n";
  x += "      <pdfaSchema:prefix>fx</pdfaSchema:prefix>\n";
  x += "      <pdfaSchema:property>\n       <rdf:Seq>\n";
  x += Property("DocumentFileName", "File name of the embedded XML invoice");
  x += Property("DocumentType",
                "Kind of hybrid document, in capitals (INVOICE)");
  x += Property("Version", "Version of the Factur-X standard the XML follows");
  x += Property("ConformanceLevel", "Factur-X profile of the embedded XML");
  x += "       </rdf:Seq>\n      </pdfaSchema:property>\n";
  x += "     </rdf:li>\n    </rdf:Bag>\n   </pdfaExtension:schemas>\n";
  x += "  </rdf:Description>\n";

  x += "  <rdf:Description rdf:about=\"\" xmlns:fx=\"" + fx + "\">\n";
  x += "   <fx:DocumentType>INVOICE</fx:DocumentType>\n";
  x += "   <fx:DocumentFileName>" + Escape(f.file_name) +
       "</fx:DocumentFileName>\n";
  x += "   <fx:Version>1.0</fx:Version>\n";
  x += "   <fx:ConformanceLevel>" + std::string(ConformanceLevel(f.profile)) +
       "</fx:ConformanceLevel>\n";
  x += "  </rdf:Description>\n";

  x += " </rdf:RDF>\n</x:xmpmeta>\n";
  // XMP packets leave padding so editors can update them in place.
  for (int i = 0; i < 20; ++i) x += std::string(99, ' ') + "\n";
  x += "<?xpacket end=\"w\"?>";
  return x;
}

}  // namespace chorus::facturx::internal

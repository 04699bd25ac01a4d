// Reading the few XMP properties the Factur-X checks need, namespace-aware:
// a prefix means nothing until its xmlns declaration is found.
#include <cstring>
#include <pugixml.hpp>

#include "facturx/xmp_internal.h"

namespace chorus::facturx::internal {
namespace {

constexpr std::string_view kPdfaId = "http://www.aiim.org/pdfa/ns/id/";
constexpr std::string_view kPdfaSchema = "http://www.aiim.org/pdfa/ns/schema#";

// The namespace URI bound to the prefix of `qname` at `node`.
std::string_view NamespaceOf(pugi::xml_node node, std::string_view qname) {
  std::size_t colon = qname.find(':');
  std::string attr = colon == std::string_view::npos
                         ? std::string("xmlns")
                         : "xmlns:" + std::string(qname.substr(0, colon));
  for (pugi::xml_node n = node; n; n = n.parent()) {
    if (pugi::xml_attribute a = n.attribute(attr.c_str())) return a.value();
  }
  return {};
}

std::string_view LocalName(std::string_view qname) {
  std::size_t colon = qname.find(':');
  return colon == std::string_view::npos ? qname : qname.substr(colon + 1);
}

std::string Trim(std::string_view s) {
  const char* ws = " \t\r\n";
  std::size_t b = s.find_first_not_of(ws);
  if (b == std::string_view::npos) return {};
  return std::string(s.substr(b, s.find_last_not_of(ws) - b + 1));
}

class Collector {
 public:
  explicit Collector(XmpFacts* facts) : f_(facts) {}

  void Visit(pugi::xml_node node, int depth) {
    if (depth > 64) return;
    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
      if (c.type() != pugi::node_element) continue;
      Take(c, c.name(), Trim(c.text().get()));
      for (pugi::xml_attribute a = c.first_attribute(); a;
           a = a.next_attribute()) {
        std::string_view name = a.name();
        if (name.substr(0, 5) == "xmlns" ||
            name.find(':') == std::string_view::npos)
          continue;
        Take(c, name, Trim(a.value()));
      }
      Visit(c, depth + 1);
    }
  }

 private:
  void Take(pugi::xml_node at, std::string_view qname, std::string value) {
    std::string_view ns = NamespaceOf(at, qname);
    std::string_view local = LocalName(qname);
    if (ns == kPdfaId) {
      if (local == "part") Set(&f_->pdfa_part, value);
      if (local == "conformance") Set(&f_->pdfa_conformance, value);
    } else if (ns == kFxNamespace) {
      if (local == "DocumentType") Set(&f_->fx_document_type, value);
      if (local == "DocumentFileName") Set(&f_->fx_document_file_name, value);
      if (local == "Version") Set(&f_->fx_version, value);
      if (local == "ConformanceLevel") Set(&f_->fx_conformance_level, value);
    } else if (ns == kPdfaSchema && local == "namespaceURI" &&
               value == kFxNamespace) {
      f_->fx_schema_described = true;
    }
  }
  static void Set(std::optional<std::string>* slot, std::string value) {
    if (!*slot) *slot = std::move(value);
  }

  XmpFacts* f_;
};

}  // namespace

XmpFacts ReadXmp(std::string_view packet) {
  XmpFacts facts;
  pugi::xml_document doc;
  if (!doc.load_buffer(packet.data(), packet.size(), pugi::parse_default,
                       pugi::encoding_utf8)) {
    return facts;
  }
  facts.parsed = true;
  Collector(&facts).Visit(doc, 0);
  return facts;
}

}  // namespace chorus::facturx::internal

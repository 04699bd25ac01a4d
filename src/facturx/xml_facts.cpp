// What an attached XML is (CII, UBL, other) and which profile its BT-24
// names, read with pugixml without the full loader: the PDF checks need
// only these two facts.
#include <chrono>
#include <cstdio>
#include <ctime>
#include <pugixml.hpp>

#include "facturx/pdf_internal.h"

namespace chorus::facturx::internal {
namespace {

std::string_view LocalName(const char* qname) {
  std::string_view n(qname);
  std::size_t colon = n.find(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

pugi::xml_node ChildByLocalName(pugi::xml_node parent, std::string_view local) {
  for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && LocalName(c.name()) == local)
      return c;
  }
  return {};
}

}  // namespace

XmlFacts InspectXml(std::string_view xml) {
  XmlFacts facts;
  pugi::xml_document doc;
  // No DOCTYPE processing: pugixml never expands entities from a DTD.
  if (!doc.load_buffer(xml.data(), xml.size(), pugi::parse_default,
                       pugi::encoding_utf8)) {
    return facts;
  }
  pugi::xml_node root = doc.document_element();
  std::string_view local = LocalName(root.name());
  if (local == "Invoice" || local == "CreditNote") {
    facts.root = XmlFacts::Root::kUbl;
    return facts;
  }
  if (local != "CrossIndustryInvoice") {
    facts.root = XmlFacts::Root::kOther;
    return facts;
  }
  facts.root = XmlFacts::Root::kCii;
  pugi::xml_node id = ChildByLocalName(
      ChildByLocalName(ChildByLocalName(root, "ExchangedDocumentContext"),
                       "GuidelineSpecifiedDocumentContextParameter"),
      "ID");
  facts.specification_id = id.text().get();
  facts.profile = FacturXProfileFromId(facts.specification_id);
  return facts;
}

std::string PdfDate(std::string_view x) {
  // x: YYYY-MM-DDTHH:MM:SS followed by Z or +hh:mm / -hh:mm.
  if (x.size() < 19) return "D:19700101000000Z";
  std::string out = "D:";
  out.append(x.substr(0, 4)).append(x.substr(5, 2)).append(x.substr(8, 2));
  out.append(x.substr(11, 2)).append(x.substr(14, 2)).append(x.substr(17, 2));
  std::string_view zone = x.substr(19);
  if (zone.empty() || zone == "Z") {
    out += "+00'00'";
  } else if (zone.size() >= 6) {
    out.append(zone.substr(0, 3))
        .append("'")
        .append(zone.substr(4, 2))
        .append("'");
  }
  return out;
}

std::string NowXmpDate() {
  std::time_t now =
      std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S+00:00", &utc);
  return buf;
}

}  // namespace chorus::facturx::internal

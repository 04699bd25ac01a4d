#include "rules/xml_path.h"

#include <array>
#include <string>

#include "format/ubl_binding.h"
#include "format/xml_ns.h"

namespace chorus::rules {
namespace {

// UBL roots print bare ("/Invoice"), the way UBL paths are usually written;
// the CII root keeps its conventional rsm: prefix.
constexpr std::array<xml::KnownNs, 9> kConventional = {{
    {ns::kUblInvoice, ""},
    {ns::kUblCreditNote, ""},
    {ns::kCac, "cac"},
    {ns::kCbc, "cbc"},
    {ubl::kExtUri, "ext"},
    {ns::kCii, "rsm"},
    {ns::kRam, "ram"},
    {ns::kUdt, "udt"},
    {ns::kQdt, "qdt"},
}};

}  // namespace

std::string XmlPath(pugi::xml_node node) {
  while (node && node.type() != pugi::node_element) node = node.parent();
  if (!node) return "";
  pugi::xml_node root = node;
  while (root.parent() && root.parent().type() == pugi::node_element) {
    root = root.parent();
  }
  xml::Namespaces names(root, kConventional);
  return names.PathOf(node);
}

std::string XmlLocation(const XmlDocument& doc, pugi::xml_node node) {
  std::string path = XmlPath(node);
  int line = doc.LineOf(node);
  if (line <= 0) return path;
  std::string where = "line " + std::to_string(line);
  if (path.empty()) return where;
  return path + " (" + where + ")";
}

}  // namespace chorus::rules

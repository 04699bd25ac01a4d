#include "rules/xml_path.h"

#include <string>

#include "format/xml_ns.h"
#include "rules/doc_index.h"

namespace chorus::rules {
std::string XmlPath(pugi::xml_node node) {
  while (node && node.type() != pugi::node_element) node = node.parent();
  if (!node) return "";
  pugi::xml_node root = node;
  while (root.parent() && root.parent().type() == pugi::node_element) {
    root = root.parent();
  }
  // UBL roots print bare ("/Invoice"), the CII root as rsm:.
  xml::Namespaces names(root, DocNamespaces());
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

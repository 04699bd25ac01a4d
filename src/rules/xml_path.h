// Where a rule failed, for diagnostics: the element path written with the
// conventional prefixes (cbc:, cac:, ext:, rsm:, ram:, udt:, qdt:) whatever
// prefixes the document itself uses, plus the source line. Internal to
// src/rules/.
#ifndef CHORUS_SRC_RULES_XML_PATH_H_
#define CHORUS_SRC_RULES_XML_PATH_H_

#include <string>

#include <pugixml.hpp>

#include "chorus/format/document.h"

namespace chorus::rules {

// "/Invoice/cac:InvoiceLine[2]/cbc:LineExtensionAmount"; "[n]" only where
// siblings share the name. A non-element node is located at its parent
// element; "" for a null node or one outside any element.
std::string XmlPath(pugi::xml_node node);

// XmlPath(node) + " (line N)", the line left out when unknown.
std::string XmlLocation(const XmlDocument& doc, pugi::xml_node node);

}  // namespace chorus::rules

#endif  // CHORUS_SRC_RULES_XML_PATH_H_

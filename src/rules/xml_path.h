// Where a rule failed, for diagnostics: the element path written with the
// conventional prefixes (cbc:, cac:, ext:, rsm:, ram:, udt:, qdt:) whatever
// prefixes the document itself uses, plus the source line, both read from
// the shared index. Internal to src/rules/.
#ifndef CHORUS_SRC_RULES_XML_PATH_H_
#define CHORUS_SRC_RULES_XML_PATH_H_

#include <cstdint>
#include <string>

#include "chorus/format/document.h"
#include "rules/doc_index.h"

namespace chorus::rules {

// "/Invoice/cac:InvoiceLine[2]/cbc:LineExtensionAmount (line 12)": "[n]"
// only where siblings share the name, the line left out when unknown; ""
// for entry -1.
std::string EntryLocation(const XmlDocument& doc, const DocIndex& index,
                          int32_t entry);

}  // namespace chorus::rules

#endif  // CHORUS_SRC_RULES_XML_PATH_H_

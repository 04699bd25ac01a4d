#include "rules/xml_path.h"

#include <cstddef>
#include <string>

namespace chorus::rules {

std::string EntryLocation(const XmlDocument& doc, const DocIndex& index,
                          int32_t entry) {
  if (entry < 0) return "";
  std::string path = index.elements().PathOf(entry);
  // An element's name never starts at byte 0 (its '<' does): offset 0 is
  // an index built over a DOM made in memory, which has no lines.
  uint32_t offset = index[entry].offset;
  if (offset == 0 || offset > doc.bytes.size()) return path;
  path += " (line ";
  path += std::to_string(doc.LineOf(static_cast<std::ptrdiff_t>(offset)));
  path += ')';
  return path;
}

}  // namespace chorus::rules

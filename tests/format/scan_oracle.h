// The two sides of the scanner's differential tests: the index
// xml::ScanIntoIndex builds from bytes, and the one xml::DocTree builds from
// pugixml's DOM after the loader's parse and checks. Internal headers:
// tests/ is on the include path, src/ is not.
#ifndef CHORUS_TESTS_FORMAT_SCAN_ORACLE_H_
#define CHORUS_TESTS_FORMAT_SCAN_ORACLE_H_

#include <memory>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "../src/format/doc_tree.h"
#include "../src/format/xml_scan.h"

namespace chorus::xml::testing {

struct Scanned {
  std::unique_ptr<char[]> buffer;
  ElementIndex index{DocNamespaces()};
  bool accepted = false;
  bool source_intact = false;  // the scanned bytes are as they were
};
std::unique_ptr<Scanned> Scan(std::string_view xml);

// pugixml as LoadDocumentBuffer runs it (flags, in place, trailing NUL),
// then what the loader refuses after parsing: a DOCTYPE node, a node more
// than 256 levels below the root, no root element. The root's name is not
// checked (any root is indexed).
struct Parsed {
  std::unique_ptr<char[]> buffer;
  pugi::xml_document dom;
  std::unique_ptr<Namespaces> names;
  std::unique_ptr<ElementIndex> index;
  bool accepted = false;
};
std::unique_ptr<Parsed> Parse(std::string_view xml);

// The elements under and including `root`, in document order: the entry
// order of an index of that DOM.
std::vector<pugi::xml_node> ElementsInOrder(pugi::xml_node root);

// "" when both indexes hold the same facts (every Entry field,
// every attribute and piece, and QualifiedName, PathOf, AppendStringValue
// and FindAttribute for every entry); otherwise the first difference.
std::string Diff(const ElementIndex& scanned, const ElementIndex& dom);

}  // namespace chorus::xml::testing

#endif  // CHORUS_TESTS_FORMAT_SCAN_ORACLE_H_

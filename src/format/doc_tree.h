// A document's elements flattened once (xml::ElementIndex), at load, against
// one namespace list that the readers and every rule family agree on:
// XmlDocument::tree() hands the same index to all of them.
#ifndef CHORUS_FORMAT_DOC_TREE_H_
#define CHORUS_FORMAT_DOC_TREE_H_

#include <cstddef>
#include <memory>
#include <pugixml.hpp>
#include <span>
#include <string_view>

#include "chorus/format/document.h"
#include "xml_guard.h"  // relative, like xml_ns.h below
#include "xml_ns.h"     // relative: tests reach this header through src/rules

namespace chorus::xml {

// Ids of DocTree entries: indexes into DocNamespaces().
enum DocNs : int {
  kNsCbc = 0,
  kNsCac = 1,
  kNsExt = 2,
  kNsInvoice = 3,
  kNsCreditNote = 4,
  kNsRsm = 5,
  kNsRam = 6,
  kNsUdt = 7,
  kNsQdt = 8,
  kNsXsi = 9,
};
// Report prefixes as the official artefacts write them; UBL roots bare.
std::span<const KnownNs> DocNamespaces();

// Invoices spend 20 to 45 source bytes per element, so bytes / 20 is
// enough for an ordinary document and reserves little. A large one may be
// mostly one embedded attachment: there the guess would reserve several
// times the memory the index uses, so its tags are counted instead (every
// element has one '<', most two).
inline std::size_t ExpectedElements(std::string_view source) {
  constexpr std::size_t kCountAbove = 1 << 20;
  if (source.size() <= kCountAbove) return source.size() / 20 + 64;
  return internal::CountByte(source, '<') / 2 + 64;
}

struct DocTree {
  // From the document's DOM (documents the scanner left to pugixml, and
  // documents built by hand). Sized from the source: growing a large index
  // by doubling copies it several times over.
  explicit DocTree(const XmlDocument& doc)
      : elements(FromDom(doc.dom().document_element(),
                         ExpectedElements(doc.bytes))) {}
  // An index the scanner built straight from the bytes.
  explicit DocTree(ElementIndex&& scanned) : elements(std::move(scanned)) {}
  DocTree(const DocTree&) = delete;
  DocTree& operator=(const DocTree&) = delete;

  ElementIndex elements;

 private:
  static ElementIndex FromDom(pugi::xml_node root, std::size_t expected) {
    Namespaces names(root, DocNamespaces());
    return ElementIndex(names, root, expected);
  }
};

}  // namespace chorus::xml

#endif  // CHORUS_FORMAT_DOC_TREE_H_

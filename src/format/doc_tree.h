// A document's elements flattened once (xml::ElementIndex) against one
// namespace list that the UBL reader and every rule family agree on, so
// the reader's index can be handed to the rules through ReadResult::tree
// instead of being built a second time.
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
  // `root` is the document element (may be null: an empty index).
  explicit DocTree(pugi::xml_node root)
      : names(root, DocNamespaces()), elements(names, root) {}
  // Sized from the source: growing a large index by doubling copies it
  // several times over.
  explicit DocTree(const XmlDocument& doc)
      : names(doc.dom().document_element(), DocNamespaces()),
        elements(names, doc.dom().document_element(),
                 ExpectedElements(doc.bytes), doc.bytes.size() + 1,
                 doc.bytes) {}
  // An index the scanner built straight from the bytes: no DOM behind it.
  explicit DocTree(ElementIndex&& scanned)
      : names(pugi::xml_node(), DocNamespaces()),
        elements(std::move(scanned)) {}
  DocTree(const DocTree&) = delete;
  DocTree& operator=(const DocTree&) = delete;

  // True when this tree indexes the document whose element is `root`.
  bool Indexes(pugi::xml_node root) const {
    return root && names.root() == root && elements.size() > 0 &&
           elements[0].node == root;
  }

  Namespaces names;
  ElementIndex elements;
};

// The tree the readers read a document through: the one place where they
// obtain it. Everything they do afterwards reads this tree (and the
// document's bytes, for lines), never the DOM.
inline std::shared_ptr<const DocTree> TreeOf(const XmlDocument& doc) {
  return doc.tree();
}

}  // namespace chorus::xml

#endif  // CHORUS_FORMAT_DOC_TREE_H_

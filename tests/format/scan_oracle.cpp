#include "format/scan_oracle.h"

#include <cstring>
#include <sstream>

namespace chorus::xml::testing {
namespace {

std::unique_ptr<char[]> CopyWithNul(std::string_view xml) {
  std::unique_ptr<char[]> buffer(new char[xml.size() + 1]);
  std::memcpy(buffer.get(), xml.data(), xml.size());
  buffer[xml.size()] = '\0';
  return buffer;
}

// The loader's depth rule, written out independently: depth() is 0 for
// the root's children.
class Depth : public pugi::xml_tree_walker {
 public:
  bool for_each(pugi::xml_node&) override { return depth() < 256; }
};

template <typename T>
std::string Show(const T& v) {
  std::ostringstream out;
  out << v;
  return out.str();
}

}  // namespace

std::unique_ptr<Scanned> Scan(std::string_view xml) {
  auto s = std::make_unique<Scanned>();
  s->buffer = CopyWithNul(xml);
  s->accepted =
      ScanIntoIndex(s->buffer.get(), xml.size(), DocNamespaces(), s->index);
  // The loader scans XmlDocument::bytes themselves: never to be written.
  s->source_intact = std::string_view(s->buffer.get(), xml.size()) == xml &&
                     s->buffer[xml.size()] == '\0';
  return s;
}

std::vector<pugi::xml_node> ElementsInOrder(pugi::xml_node root) {
  std::vector<pugi::xml_node> out;
  if (!root) return out;
  // Iterative: suite documents nest deep enough to matter in ASan builds.
  pugi::xml_node n = root;
  while (n) {
    out.push_back(n);
    pugi::xml_node next = n.first_child();
    while (next && next.type() != pugi::node_element) {
      next = next.next_sibling();
    }
    if (next) {
      n = next;
      continue;
    }
    while (n && n != root) {
      pugi::xml_node s = n.next_sibling();
      while (s && s.type() != pugi::node_element) s = s.next_sibling();
      if (s) {
        n = s;
        break;
      }
      n = n.parent();
    }
    if (n == root) break;
  }
  return out;
}

std::unique_ptr<Parsed> Parse(std::string_view xml) {
  auto p = std::make_unique<Parsed>();
  p->buffer = CopyWithNul(xml);
  pugi::xml_parse_result r = p->dom.load_buffer_inplace(
      p->buffer.get(), xml.size() + 1,
      pugi::parse_default | pugi::parse_doctype, pugi::encoding_utf8);
  if (!r) return p;
  for (pugi::xml_node n : p->dom.children()) {
    if (n.type() == pugi::node_doctype) return p;
  }
  pugi::xml_node root = p->dom.document_element();
  if (!root) return p;
  Depth depth;
  if (!root.traverse(depth)) return p;
  p->names = std::make_unique<Namespaces>(root, DocNamespaces());
  p->index =
      std::make_unique<ElementIndex>(*p->names, root, ExpectedElements(xml));
  p->accepted = true;
  return p;
}

std::string Diff(const ElementIndex& a, const ElementIndex& b) {
  if (a.size() != b.size()) {
    return "entries: " + Show(a.size()) + " vs " + Show(b.size());
  }
  auto differ = [](std::string what, int32_t i, const auto& x, const auto& y) {
    return "entry " + Show(i) + " " + what + ": [" + Show(x) + "] vs [" +
           Show(y) + "]";
  };
#define CHORUS_SAME(field)                        \
  if (!(ea.field == eb.field)) {                  \
    return differ(#field, i, ea.field, eb.field); \
  }
  for (int32_t i = 0; i < static_cast<int32_t>(a.size()); ++i) {
    const ElementIndex::Entry& ea = a[i];
    const ElementIndex::Entry& eb = b[i];
    CHORUS_SAME(local)
    CHORUS_SAME(text)
    CHORUS_SAME(raw)
    CHORUS_SAME(key)
    CHORUS_SAME(parent)
    CHORUS_SAME(first_child)
    CHORUS_SAME(next)
    CHORUS_SAME(end)
    CHORUS_SAME(offset)
    CHORUS_SAME(attributes)
    CHORUS_SAME(attributes_end)
    CHORUS_SAME(ns)
    CHORUS_SAME(prefix_size)
    CHORUS_SAME(has_attributes)
    if (a.QualifiedName(i) != b.QualifiedName(i)) {
      return differ("qualified name", i, a.QualifiedName(i),
                    b.QualifiedName(i));
    }
    if (a.PathOf(i) != b.PathOf(i)) {
      return differ("path", i, a.PathOf(i), b.PathOf(i));
    }
    std::string va;
    std::string vb;
    a.AppendStringValue(i, va);
    b.AppendStringValue(i, vb);
    if (va != vb) return differ("string value", i, va, vb);
    for (const ElementIndex::Attribute& at : a.AttributesOf(i)) {
      const ElementIndex::Attribute* x = a.FindAttribute(i, at.name);
      const ElementIndex::Attribute* y = b.FindAttribute(i, at.name);
      if (y == nullptr || x->value != y->value || x->ns != y->ns) {
        return differ("FindAttribute", i, at.name, "");
      }
      if (a.PathOf(i, at) != b.PathOf(i, at)) {
        return differ("attribute path", i, a.PathOf(i, at), "");
      }
    }
    std::string pa;
    std::string pb;
    a.ForEachPiece(i, [&](const ElementIndex::Piece& p) {
      pa += Show(p.offset) + ":" + std::string(p.text) + "|";
    });
    b.ForEachPiece(i, [&](const ElementIndex::Piece& p) {
      pb += Show(p.offset) + ":" + std::string(p.text) + "|";
    });
    if (pa != pb) return differ("ForEachPiece", i, pa, pb);
  }
#undef CHORUS_SAME
  if (a.attributes().size() != b.attributes().size()) {
    return "attributes: " + Show(a.attributes().size()) + " vs " +
           Show(b.attributes().size());
  }
  for (std::size_t k = 0; k < a.attributes().size(); ++k) {
    const ElementIndex::Attribute& x = a.attributes()[k];
    const ElementIndex::Attribute& y = b.attributes()[k];
    if (x.name != y.name || x.value != y.value || x.ns != y.ns) {
      return "attribute " + Show(k) + ": [" + std::string(x.name) + "=" +
             std::string(x.value) + " " + Show(x.ns) + "] vs [" +
             std::string(y.name) + "=" + std::string(y.value) + " " +
             Show(y.ns) + "]";
    }
  }
  if (a.pieces().size() != b.pieces().size()) {
    return "pieces: " + Show(a.pieces().size()) + " vs " +
           Show(b.pieces().size());
  }
  for (std::size_t k = 0; k < a.pieces().size(); ++k) {
    const ElementIndex::Piece& x = a.pieces()[k];
    const ElementIndex::Piece& y = b.pieces()[k];
    if (x.owner != y.owner || x.offset != y.offset || x.text != y.text) {
      return "piece " + Show(k) + ": [" + Show(x.owner) + " " + Show(x.offset) +
             " " + std::string(x.text) + "] vs [" + Show(y.owner) + " " +
             Show(y.offset) + " " + std::string(y.text) + "]";
    }
  }
  return "";
}

}  // namespace chorus::xml::testing

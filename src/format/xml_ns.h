// Namespace-aware reading over pugixml, which itself only sees prefixes.
//
// Readers match elements by (namespace URI, local name), never by prefix:
// "cbc:ID", "b:ID" and a default-namespaced "ID" are the same element when
// their prefixes resolve to the same URI. Almost every invoice declares its
// namespaces once on the root, so the root's declarations are cached; only
// elements under a nested declaration pay for an ancestor walk.
//
// - Namespaces: resolution for any element, and report paths.
// - ElementIndex: the whole tree flattened once, for readers that visit
//   every element (pugixml accessors are out-of-line calls, so walking the
//   DOM repeatedly costs more than indexing it once).
#ifndef CHORUS_FORMAT_XML_NS_H_
#define CHORUS_FORMAT_XML_NS_H_

#include <bit>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <pugixml.hpp>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

namespace chorus::xml {

// A namespace a reader matches against, and the prefix report paths use for
// it ("" writes the bare local name, as for a UBL root element).
struct KnownNs {
  std::string_view uri;
  std::string_view prefix;
};

// Ids returned besides indexes into the KnownNs list.
inline constexpr int kNoNamespace = -1;     // unprefixed, no default in scope
inline constexpr int kOtherNamespace = -2;  // unknown URI or undeclared prefix

inline constexpr std::string_view kXmlnsUri = "http://www.w3.org/2000/xmlns/";
inline constexpr std::string_view kXsiUri =
    "http://www.w3.org/2001/XMLSchema-instance";

std::string_view LocalName(std::string_view qname);
std::string_view PrefixOf(std::string_view qname);  // "" when unprefixed
// Strips XML whitespace (space, tab, CR, LF) at both ends. Inline: the
// index builder trims every element's text.
inline std::string_view TrimXml(std::string_view s) {
  const auto space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  };
  // Narrowing the view itself compiles to fewer instructions than indexes
  // and a substr (whose bounds check stays).
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}
// True for "xmlns" and "xmlns:p" attribute names.
bool IsNamespaceDeclaration(std::string_view attribute_name);

// Character data directly inside `n` (text and CDATA children joined, in
// order) with XML whitespace trimmed at both ends. "" for no text.
std::string Text(pugi::xml_node n);
// Same without allocating when `n` has at most one text child (the usual
// case); otherwise the joined text is stored in `scratch` and viewed.
std::string_view TextView(pugi::xml_node n, std::string& scratch);
// True when `n` or any descendant holds non-whitespace text or an attribute
// other than a namespace declaration.
bool HasData(pugi::xml_node n);

class Namespaces {
 public:
  // `root` is the document element; `known` must outlive this object.
  Namespaces(pugi::xml_node root, std::span<const KnownNs> known);

  // Index in `known` of the namespace of `element`, or kNoNamespace /
  // kOtherNamespace.
  int Id(pugi::xml_node element) const;
  // The namespace URI of `element`, "" when in no namespace or undeclared.
  std::string_view Uri(pugi::xml_node element) const;
  // Id of the namespace of an attribute of `owner` (unprefixed attributes
  // are in no namespace, whatever the default namespace).
  int AttributeId(pugi::xml_node owner, pugi::xml_attribute a) const;
  std::string_view AttributeUri(pugi::xml_node owner,
                                pugi::xml_attribute a) const;
  int IdOfUri(std::string_view uri) const;

  // Fast path for walkers that index a container's children at once: when
  // ScopeIsRoot(parent) holds, a child that declares nothing itself has the
  // namespace RootId(its prefix).
  bool ScopeIsRoot(pugi::xml_node n) const;
  int RootId(std::string_view prefix) const;
  static bool DeclaresNamespace(pugi::xml_node n);

  bool Is(pugi::xml_node element, int ns, std::string_view local) const;
  // First element child of `parent` with that namespace and local name.
  pugi::xml_node Child(pugi::xml_node parent, int ns,
                       std::string_view local) const;

  // "/Invoice/cac:InvoiceLine[2]/cbc:Note": known namespaces print with
  // their canonical prefix, others with the source's qualified name; "[n]"
  // is added when siblings share the element's name.
  std::string PathOf(pugi::xml_node n) const;
  // PathOf(owner) + "/@name".
  std::string PathOf(pugi::xml_node owner, pugi::xml_attribute a) const;

  pugi::xml_node root() const { return root_; }
  std::span<const KnownNs> known() const { return known_; }

 private:
  struct Decl {
    std::string_view prefix;
    uint64_t key;  // NameKey(prefix)
    std::string_view uri;
    int id;
  };
  // Searches declarations on `n` itself; true when `prefix` is bound there.
  static bool DeclaredOn(pugi::xml_node n, std::string_view prefix,
                         std::string_view* uri);
  // Resolves `prefix` starting the search at `from` (an element or its
  // parent); `found` tells whether any declaration bound it.
  std::string_view Resolve(pugi::xml_node from, std::string_view prefix,
                           int* id) const;
  std::string_view Segment(pugi::xml_node n) const;

  pugi::xml_node root_;
  std::span<const KnownNs> known_;
  std::vector<Decl> root_decls_;
  mutable pugi::xml_node cached_parent_;
  mutable bool cached_clean_ = false;
};

// The first (up to) eight bytes of a name packed into an integer: equal
// names have equal keys, and most different names differ there already.
constexpr uint64_t NameKey(std::string_view name) {
  uint64_t key = name.size() & 0xFF;
  std::size_t n = name.size() < 7 ? name.size() : 7;
  for (std::size_t i = 0; i < n; ++i) {
    key |= static_cast<uint64_t>(static_cast<unsigned char>(name[i]))
           << (8 * (i + 1));
  }
  return key;
}

// A local name to look up, its key computed at compile time from a string
// literal; Name::Of builds one at run time.
class Name {
 public:
  template <std::size_t N>
  consteval Name(const char (&literal)[N])  // NOLINT: implicit on purpose
      : text_(literal, N - 1), key_(NameKey(text_)) {}
  static Name Of(std::string_view text) { return Name(text, NameKey(text)); }

  std::string_view text() const { return text_; }
  uint64_t key() const { return key_; }

 private:
  constexpr Name(std::string_view text, uint64_t key)
      : text_(text), key_(key) {}
  std::string_view text_;
  uint64_t key_;
};

// Every element under a root, flattened in document order with its
// namespace resolved, its local name, its trimmed character data and links
// to its element children, in one pass over the DOM. Readers navigate this
// table instead of the DOM: pugixml's accessors are out-of-line calls, and a
// reader asks about each element several times.
//
// Besides elements the index keeps what readers and rules ask of the source
// beyond an element's own text: attributes, byte offsets (for lines) and the
// text pieces that stand beside child elements. With them nothing needs the
// DOM.
class ElementIndex {
 public:
  // An attribute as pugixml reads it with parse_default: entity and
  // character references decoded, line ends normalized, tab, CR and LF
  // turned into spaces. Namespace declarations are attributes too.
  struct Attribute {
    std::string_view name;  // qualified, as written ("xsi:type", "xmlns:cbc")
    std::string_view value;
    // Namespaces::AttributeId: kNoNamespace when unprefixed, the id of the
    // xmlns URI (kOtherNamespace unless known) for declarations.
    int16_t ns = kNoNamespace;
  };
  // A text or CDATA node directly inside an element that also has element
  // children (mixed content), as pugixml keeps them: whitespace-only text
  // is dropped, CDATA always kept. A leaf element's text is Entry::raw.
  struct Piece {
    int32_t owner = -1;   // the entry holding it
    uint32_t offset = 0;  // of its first character in the source
    std::string_view text;
  };

  struct Entry {
    std::string_view local;
    std::string_view text;  // raw, trimmed of XML whitespace
    std::string_view raw;   // the same character data, untrimmed
    uint64_t key = 0;       // NameKey(local), for cheap comparisons
    int32_t parent = -1;
    int32_t first_child = -1;  // first element child, -1 when none
    int32_t next = -1;         // next element sibling, -1 when none
    int32_t end = 0;           // one past the last descendant
    // Byte offset in the source of the element's name (after the '<'), as
    // pugixml's offset_debug(): XmlDocument::LineOf(offset) is its line.
    uint32_t offset = 0;
    int32_t attributes = 0;      // first of its attributes in attributes()
    int32_t attributes_end = 0;  // one past its last
    int16_t ns = kNoNamespace;
    uint16_t prefix_size = 0;     // 0 when unprefixed; capped at 0xFFFF
    bool has_attributes = false;  // other than namespace declarations
  };

  // From a pugixml DOM (the fallback path; the scanner in xml_scan.h builds
  // it from bytes). `expected`: a guess at the element count.
  ElementIndex(const Namespaces& ns, pugi::xml_node root,
               std::size_t expected = 256);
  // An empty index, for ScanIntoIndex (format/xml_scan.h) to fill from the
  // document's bytes without a DOM; `known` must outlive it.
  explicit ElementIndex(std::span<const KnownNs> known) : known_(known) {}

  std::size_t size() const { return entries_.size(); }
  const Entry& operator[](int32_t i) const {
    return entries_[static_cast<std::size_t>(i)];
  }
  // First element child of `parent` with that namespace and local name;
  // FindFrom starts at sibling `from` itself. -1 when none.
  int32_t Find(int32_t parent, int ns, const Name& local) const {
    return FindFrom((*this)[parent].first_child, ns, local);
  }
  int32_t FindFrom(int32_t from, int ns, const Name& local) const {
    bool long_name = local.text().size() >= 8;
    for (int32_t i = from; i >= 0; i = (*this)[i].next) {
      const Entry& e = (*this)[i];
      if (e.key == local.key() && e.ns == ns &&
          (!long_name || e.local == local.text())) {
        return i;
      }
    }
    return -1;
  }
  // True when the subtree at `i` holds text or a non-declaration attribute.
  bool HasData(int32_t i) const;

  // Every attribute of entry `i`, in source order, declarations included.
  std::span<const Attribute> AttributesOf(int32_t i) const {
    const Entry& e = (*this)[i];
    return std::span<const Attribute>(attributes_)
        .subspan(static_cast<std::size_t>(e.attributes),
                 static_cast<std::size_t>(e.attributes_end - e.attributes));
  }
  // The attribute of entry `i` whose qualified name is `name` (as pugixml's
  // attribute(name)), or null.
  const Attribute* FindAttribute(int32_t i, std::string_view name) const {
    for (const Attribute& a : AttributesOf(i)) {
      if (a.name == name) return &a;
    }
    return nullptr;
  }
  std::span<const Attribute> attributes() const { return attributes_; }
  // Every mixed-content piece, in document order.
  std::span<const Piece> pieces() const { return pieces_; }
  // Calls visit(piece) for each piece entry `i` holds, in document order.
  template <typename Visit>
  void ForEachPiece(int32_t i, Visit&& visit) const {
    if (pieces_.empty() || (*this)[i].first_child < 0) return;
    for (std::size_t k = FirstPieceFrom((*this)[i].offset);
         k < pieces_.size() && InSubtree(i, pieces_[k]); ++k) {
      if (pieces_[k].owner == i) visit(pieces_[k]);
    }
  }
  // The XPath string value of entry `i` over the DOM pugixml builds: all
  // descendant text and CDATA in document order, untrimmed (whitespace-only
  // text between elements is not in that DOM). Appended to `out`.
  void AppendStringValue(int32_t i, std::string& out) const;
  // The element's name as written ("cbc:ID", "Invoice").
  std::string_view QualifiedName(int32_t i) const;
  // Namespaces::PathOf of entry `i`: "/Invoice/cac:InvoiceLine[2]/cbc:Note",
  // known namespaces with their canonical prefix, others as written.
  std::string PathOf(int32_t i) const;
  // PathOf(i) + "/@" + the attribute's name.
  std::string PathOf(int32_t i, const Attribute& a) const;

 private:
  class Builder;
  friend class Scanner;
  std::size_t FirstPieceFrom(uint32_t offset) const;
  bool IsInside(int32_t d, int32_t i) const;  // d in the subtree of i
  // True while piece `p` lies inside the subtree of entry `i`.
  bool InSubtree(int32_t i, const Piece& p) const {
    int32_t after = (*this)[i].end;
    return after >= static_cast<int32_t>(entries_.size()) ||
           p.offset < (*this)[after].offset;
  }

  // A vector whose storage outlives the index: on destruction it becomes
  // its thread's spare, which the next index built on that thread reserves
  // from. A validation then allocates and frees neither of the two large
  // blocks per document (glibc's path for blocks that size is long and
  // branchy). Plain std::vector otherwise.
  template <typename T>
  class Recycled : public std::vector<T> {
   public:
    Recycled() = default;
    Recycled(Recycled&&) noexcept = default;
    Recycled& operator=(Recycled&&) noexcept = default;
    ~Recycled() { Keep(*this); }
    // reserve(n), taking the thread's spare when this has too little.
    void ReserveRecycled(std::size_t n) {
      if (this->capacity() < n) Reuse(*this);
      this->reserve(n);
    }
  };
  // The thread's spare swaps with `v` when the spare is smaller (Keep) or
  // holds more (Reuse); element_index.cpp.
  static void Keep(std::vector<Entry>& v);
  static void Keep(std::vector<Attribute>& v);
  static void Reuse(std::vector<Entry>& v);
  static void Reuse(std::vector<Attribute>& v);

  Recycled<Entry> entries_;
  Recycled<Attribute> attributes_;
  std::vector<Piece> pieces_;
  std::span<const KnownNs> known_;  // prefixes PathOf prints
  // Owns the text of elements whose character data came in several pieces.
  std::vector<std::unique_ptr<std::string>> joined_;
  // Text and values the scanner decoded (null when nothing needed it); the
  // rest of the views point into the scanned source.
  std::unique_ptr<char[]> decoded_;
};

}  // namespace chorus::xml

#endif  // CHORUS_FORMAT_XML_NS_H_

#include "format/xml_ns.h"

#include <algorithm>
#include <bit>
#include <cstring>

namespace chorus::xml {
namespace {

constexpr std::string_view kXmlUri = "http://www.w3.org/XML/1998/namespace";

bool IsXmlSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool IsText(pugi::xml_node n) {
  return n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata;
}

}  // namespace

std::string_view LocalName(std::string_view qname) {
  std::size_t colon = qname.find(':');
  return colon == std::string_view::npos ? qname : qname.substr(colon + 1);
}

std::string_view PrefixOf(std::string_view qname) {
  std::size_t colon = qname.find(':');
  return colon == std::string_view::npos ? std::string_view()
                                         : qname.substr(0, colon);
}

std::string_view TrimXml(std::string_view s) {
  std::size_t b = 0;
  std::size_t e = s.size();
  while (b < e && IsXmlSpace(s[b])) ++b;
  while (e > b && IsXmlSpace(s[e - 1])) --e;
  return s.substr(b, e - b);
}

bool IsNamespaceDeclaration(std::string_view name) {
  return name.starts_with("xmlns") && (name.size() == 5 || name[5] == ':');
}

std::string_view TextView(pugi::xml_node n, std::string& scratch) {
  pugi::xml_node first;
  bool several = false;
  for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
    if (!IsText(c)) continue;
    if (first) {
      several = true;
      break;
    }
    first = c;
  }
  if (!first) return {};
  if (!several) return TrimXml(first.value());
  scratch.clear();
  for (pugi::xml_node c = first; c; c = c.next_sibling()) {
    if (IsText(c)) scratch += c.value();
  }
  return TrimXml(scratch);
}

std::string Text(pugi::xml_node n) {
  std::string scratch;
  std::string_view v = TextView(n, scratch);
  return std::string(v);
}

bool HasData(pugi::xml_node n) {
  // Iterative so that deep foreign subtrees cannot exhaust the stack.
  pugi::xml_node cur = n;
  while (cur) {
    if (cur.type() == pugi::node_element) {
      for (pugi::xml_attribute a = cur.first_attribute(); a;
           a = a.next_attribute()) {
        if (!IsNamespaceDeclaration(a.name())) return true;
      }
    } else if (IsText(cur) && !TrimXml(cur.value()).empty()) {
      return true;
    }
    if (cur.first_child()) {
      cur = cur.first_child();
      continue;
    }
    while (cur != n && !cur.next_sibling()) cur = cur.parent();
    if (cur == n) break;
    cur = cur.next_sibling();
  }
  return false;
}

// ---------------------------------------------------------------------------
// Namespaces

Namespaces::Namespaces(pugi::xml_node root, std::span<const KnownNs> known)
    : root_(root), known_(known) {
  for (pugi::xml_attribute a = root.first_attribute(); a;
       a = a.next_attribute()) {
    std::string_view name = a.name();
    if (!IsNamespaceDeclaration(name)) continue;
    std::string_view prefix =
        name.size() == 5 ? std::string_view() : name.substr(6);
    std::string_view uri = a.value();
    root_decls_.push_back(Decl{prefix, NameKey(prefix), uri, IdOfUri(uri)});
  }
}

int Namespaces::IdOfUri(std::string_view uri) const {
  if (uri.empty()) return kNoNamespace;
  for (std::size_t i = 0; i < known_.size(); ++i) {
    if (known_[i].uri == uri) return static_cast<int>(i);
  }
  return kOtherNamespace;
}

bool Namespaces::DeclaredOn(pugi::xml_node n, std::string_view prefix,
                            std::string_view* uri) {
  for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute()) {
    const char* name = a.name();
    if (std::strncmp(name, "xmlns", 5) != 0) continue;
    bool match = prefix.empty() ? name[5] == '\0'
                                : (name[5] == ':' && prefix == name + 6);
    if (match) {
      *uri = a.value();
      return true;
    }
  }
  return false;
}

bool Namespaces::DeclaresNamespace(pugi::xml_node n) {
  for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute()) {
    if (IsNamespaceDeclaration(a.name())) return true;
  }
  return false;
}

bool Namespaces::ScopeIsRoot(pugi::xml_node n) const {
  for (; n && n != root_; n = n.parent()) {
    if (n.first_attribute() && DeclaresNamespace(n)) return false;
  }
  return true;
}

int Namespaces::RootId(std::string_view prefix) const {
  uint64_t key = NameKey(prefix);
  for (const Decl& d : root_decls_) {
    if (d.key == key && (prefix.size() < 8 || d.prefix == prefix)) {
      return d.id;
    }
  }
  if (prefix == "xml") return IdOfUri(kXmlUri);
  return prefix.empty() ? kNoNamespace : kOtherNamespace;
}

std::string_view Namespaces::Resolve(pugi::xml_node from,
                                     std::string_view prefix, int* id) const {
  if (prefix == "xml") {
    *id = IdOfUri(kXmlUri);
    return kXmlUri;
  }
  for (pugi::xml_node n = from; n && n != root_; n = n.parent()) {
    std::string_view uri;
    if (n.first_attribute() && DeclaredOn(n, prefix, &uri)) {
      *id = IdOfUri(uri);
      return uri;
    }
  }
  for (const Decl& d : root_decls_) {
    if (d.prefix == prefix) {
      *id = d.id;
      return d.uri;
    }
  }
  *id = prefix.empty() ? kNoNamespace : kOtherNamespace;
  return {};
}

int Namespaces::Id(pugi::xml_node element) const {
  if (!element) return kNoNamespace;
  std::string_view prefix = PrefixOf(element.name());
  if (element == root_) return RootId(prefix);
  std::string_view uri;
  if (element.first_attribute() && DeclaredOn(element, prefix, &uri)) {
    return IdOfUri(uri);
  }
  pugi::xml_node parent = element.parent();
  if (parent != cached_parent_) {
    cached_parent_ = parent;
    cached_clean_ = ScopeIsRoot(parent);
  }
  if (cached_clean_) return RootId(prefix);
  int id = kNoNamespace;
  Resolve(parent, prefix, &id);
  return id;
}

std::string_view Namespaces::Uri(pugi::xml_node element) const {
  int id = kNoNamespace;
  return Resolve(element, PrefixOf(element.name()), &id);
}

int Namespaces::AttributeId(pugi::xml_node owner, pugi::xml_attribute a) const {
  int id = kNoNamespace;
  std::string_view name = a.name();
  if (IsNamespaceDeclaration(name)) return IdOfUri(kXmlnsUri);
  std::string_view prefix = PrefixOf(name);
  if (prefix.empty()) return kNoNamespace;
  Resolve(owner, prefix, &id);
  return id;
}

std::string_view Namespaces::AttributeUri(pugi::xml_node owner,
                                          pugi::xml_attribute a) const {
  std::string_view name = a.name();
  if (IsNamespaceDeclaration(name)) return kXmlnsUri;
  std::string_view prefix = PrefixOf(name);
  if (prefix.empty()) return {};
  int id = kNoNamespace;
  return Resolve(owner, prefix, &id);
}

bool Namespaces::Is(pugi::xml_node element, int ns,
                    std::string_view local) const {
  return element.type() == pugi::node_element &&
         LocalName(element.name()) == local && Id(element) == ns;
}

pugi::xml_node Namespaces::Child(pugi::xml_node parent, int ns,
                                 std::string_view local) const {
  for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling()) {
    // Local names differ far more often than namespaces: test them first.
    if (c.type() == pugi::node_element && LocalName(c.name()) == local &&
        Id(c) == ns) {
      return c;
    }
  }
  return {};
}

std::string_view Namespaces::Segment(pugi::xml_node n) const {
  int id = Id(n);
  std::string_view qname = n.name();
  if (id >= 0 && known_[id].prefix.empty()) return LocalName(qname);
  return qname;
}

std::string Namespaces::PathOf(pugi::xml_node n) const {
  std::vector<pugi::xml_node> chain;
  for (pugi::xml_node p = n; p && p.type() == pugi::node_element;
       p = p.parent()) {
    chain.push_back(p);
  }
  std::string out;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    pugi::xml_node e = *it;
    int id = Id(e);
    std::string_view local = LocalName(e.name());
    out += '/';
    if (id >= 0) {
      if (!known_[id].prefix.empty()) {
        out += known_[id].prefix;
        out += ':';
      }
      out += local;
    } else {
      out += e.name();
    }
    if (!e.parent() || e.parent().type() != pugi::node_element) continue;
    // Position among same-name siblings: preceding ones are counted, and
    // the following ones only need to be found once.
    int index = 1;
    for (pugi::xml_node s = e.previous_sibling(); s; s = s.previous_sibling()) {
      if (s.type() == pugi::node_element && LocalName(s.name()) == local &&
          Id(s) == id) {
        ++index;
      }
    }
    bool shared = index > 1;
    for (pugi::xml_node s = e.next_sibling(); s && !shared;
         s = s.next_sibling()) {
      shared = s.type() == pugi::node_element && LocalName(s.name()) == local &&
               Id(s) == id;
    }
    if (shared) {
      out += '[';
      out += std::to_string(index);
      out += ']';
    }
  }
  return out;
}

std::string Namespaces::PathOf(pugi::xml_node owner,
                               pugi::xml_attribute a) const {
  return PathOf(owner) + "/@" + a.name();
}

// ---------------------------------------------------------------------------
// ElementIndex

namespace {

// Splits a NUL-terminated qualified name with two vectorised scans.
void SplitName(const char* name, std::string_view* prefix,
               std::string_view* local) {
  std::size_t size = std::strlen(name);
  const void* colon = std::memchr(name, ':', size);
  if (colon != nullptr) {
    auto at = static_cast<std::size_t>(static_cast<const char*>(colon) - name);
    *prefix = std::string_view(name, at);
    *local = std::string_view(name + at + 1, size - at - 1);
  } else {
    *prefix = {};
    *local = std::string_view(name, size);
  }
}

// NameKey of a name followed by a NUL (a suffix of a pugixml name): the
// eight bytes from its start are readable when it has seven characters or
// more, so one load replaces the byte loop.
uint64_t TerminatedNameKey(std::string_view name) {
  if (name.size() < 7) return NameKey(name);
  uint64_t bytes = 0;
  std::memcpy(&bytes, name.data(), sizeof bytes);
  if constexpr (std::endian::native == std::endian::little) {
    return (bytes << 8) | (name.size() & 0xFF);
  } else {
    return NameKey(name);
  }
}

}  // namespace

// pugixml's own traversal walks its node structures directly: one virtual
// call per node instead of several out-of-line navigation calls.
class ElementIndex::Builder : public pugi::xml_tree_walker {
 public:
  Builder(const Namespaces& ns, ElementIndex& index, std::size_t source_size)
      : ns_(ns),
        entries_(index.entries_),
        joined_(index.joined_),
        blocks_(index.blocks_),
        span_(source_size),
        in_order_(source_size != 0) {
    if (in_order_) blocks_.resize(source_size / 64 + 1);
  }

  void AddRoot(pugi::xml_node root) {
    Add(root, /*root_scope=*/true);
    open_.push_back(Open{0, -1, true});
  }

  bool for_each(pugi::xml_node& n) override {
    // depth() is 0 for the root's children; open_[0] is the root.
    auto level = static_cast<std::size_t>(depth()) + 1;
    pugi::xml_node_type type = n.type();
    if (type == pugi::node_element) {
      CloseDownTo(level);
      Open& parent = open_.back();
      auto index = static_cast<int32_t>(entries_.size());
      if (parent.last_child < 0) {
        At(parent.index).first_child = index;
      } else {
        At(parent.last_child).next = index;
      }
      parent.last_child = index;
      bool root_scope = parent.root_scope;
      int32_t parent_index = parent.index;
      bool scope = Add(n, root_scope);
      At(index).parent = parent_index;
      open_.push_back(Open{index, -1, scope});
    } else if (type == pugi::node_pcdata || type == pugi::node_cdata) {
      CloseDownTo(level);
      AddText(At(open_.back().index), n.value());
    }
    return true;
  }

  // Returns the root's name (the base of name offsets), or 0 when names
  // are not laid out in one buffer of known size in document order.
  std::uintptr_t Finish() {
    CloseDownTo(0);
    return in_order_ ? base_ : 0;
  }

 private:
  struct Open {
    int32_t index;
    int32_t last_child;
    bool root_scope;
  };

  Entry& At(int32_t i) { return entries_[static_cast<std::size_t>(i)]; }

  // Appends the entry for `n`; returns whether its scope is the root's.
  bool Add(pugi::xml_node n, bool parent_root_scope) {
    bool first = entries_.empty();
    auto index = static_cast<int32_t>(entries_.size());
    Entry& e = entries_.emplace_back();
    e.node = n;
    const char* name = n.name();
    if (in_order_) NoteName(name, index);
    std::string_view prefix;
    SplitName(name, &prefix, &e.local);
    e.key = TerminatedNameKey(e.local);
    e.prefix_size =
        static_cast<uint16_t>(std::min<std::size_t>(prefix.size(), 0xFFFF));
    bool declares = false;
    for (pugi::xml_attribute a = n.first_attribute(); a;
         a = a.next_attribute()) {
      const char* attribute = a.name();
      if (std::strncmp(attribute, "xmlns", 5) == 0 &&
          (attribute[5] == '\0' || attribute[5] == ':')) {
        declares = true;
      } else {
        e.has_attributes = true;
      }
    }
    // The root's own declarations are the cached ones.
    bool root_scope = first || (parent_root_scope && !declares);
    e.ns = static_cast<int16_t>(root_scope ? RootId(prefix) : ns_.Id(n));
    return root_scope;
  }

  // Records where the name of entry `index` starts (see NameBlock).
  void NoteName(const char* name, int32_t index) {
    auto at = reinterpret_cast<std::uintptr_t>(name);
    if (index == 0) base_ = at;
    std::uintptr_t offset = at - base_;  // wraps when below the root's
    if (offset < next_offset_ || offset >= span_) {
      in_order_ = false;
      return;
    }
    next_offset_ = offset + 1;
    std::size_t b = offset / 64;
    // Blocks passed over since the last name start at this entry.
    while (last_block_ < b) blocks_[++last_block_].first = index;
    blocks_[b].mask |= uint64_t{1} << (offset % 64);
  }

  // Siblings mostly alternate between two prefixes: remember the last two.
  int RootId(std::string_view prefix) {
    if (prefix.size() >= 8) return ns_.RootId(prefix);
    uint64_t key = NameKey(prefix);
    if (key == memo_[0].key) return memo_[0].id;
    if (key == memo_[1].key) return memo_[1].id;
    memo_[1] = memo_[0];
    memo_[0] = Memo{key, ns_.RootId(prefix)};
    return memo_[0].id;
  }

  void AddText(Entry& owner, const char* value) {
    std::string_view piece = value;
    if (owner.raw.data() == nullptr) {
      owner.raw = piece;
      return;
    }
    // Text split by a comment or a CDATA section: join the pieces.
    auto joined = std::make_unique<std::string>(owner.raw);
    *joined += piece;
    owner.raw = *joined;
    joined_.push_back(std::move(joined));
  }

  // Closes open elements until `count` remain.
  void CloseDownTo(std::size_t count) {
    while (open_.size() > count) {
      Entry& done = At(open_.back().index);
      done.end = static_cast<int32_t>(entries_.size());
      done.text = TrimXml(done.raw);
      open_.pop_back();
    }
  }

  struct Memo {
    uint64_t key = ~uint64_t{0};  // no name has this key
    int id = kNoNamespace;
  };
  const Namespaces& ns_;
  Memo memo_[2];
  std::vector<Entry>& entries_;
  std::vector<std::unique_ptr<std::string>>& joined_;
  std::vector<NameBlock>& blocks_;
  std::size_t span_;  // size of the source buffer, 0 when unknown
  bool in_order_;     // so far, names are in the buffer in document order
  std::uintptr_t base_ = 0;
  std::uintptr_t next_offset_ = 0;  // the least offset the next name may have
  std::size_t last_block_ = 0;
  std::vector<Open> open_;
};

ElementIndex::ElementIndex(const Namespaces& ns, pugi::xml_node root,
                           std::size_t expected, std::size_t source_size) {
  if (!root) return;
  entries_.reserve(expected);
  Builder builder(ns, *this, source_size);
  builder.AddRoot(root);
  // traverse() is not const, but the walk only reads.
  pugi::xml_node walk = root;
  walk.traverse(builder);
  name_base_ = builder.Finish();
  if (name_base_ == 0) {
    blocks_ = {};
    BuildHash();
  }
}

std::size_t ElementIndex::Slot(const void* node) const {
  auto bits = reinterpret_cast<std::uintptr_t>(node);
  return static_cast<std::size_t>((bits >> 4) * 0x9E3779B97F4A7C15ull >> 20) &
         hash_mask_;
}

void ElementIndex::BuildHash() {
  std::size_t slots = 16;
  while (slots < 2 * entries_.size()) slots *= 2;
  hash_mask_ = slots - 1;
  hashed_.assign(slots, {nullptr, -1});
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    const void* node = entries_[i].node.internal_object();
    std::size_t slot = Slot(node);
    while (hashed_[slot].first) slot = (slot + 1) & hash_mask_;
    hashed_[slot] = {node, static_cast<int32_t>(i)};
  }
}

int32_t ElementIndex::IndexOfHashed(pugi::xml_node n) const {
  const void* key = n.internal_object();
  if (!key || hashed_.empty()) return -1;
  for (std::size_t slot = Slot(key);; slot = (slot + 1) & hash_mask_) {
    const auto& [node, entry] = hashed_[slot];
    if (node == key) return entry;
    if (!node) return -1;
  }
}

bool ElementIndex::HasData(int32_t i) const {
  for (int32_t k = i; k < (*this)[i].end; ++k) {
    const Entry& e = (*this)[k];
    if (e.has_attributes || !e.text.empty()) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------
// Marks

Marks::Marks(const pugi::xml_document& doc, std::size_t buffer_size) {
  pugi::xml_node root = doc.document_element();
  std::ptrdiff_t offset = root ? root.offset_debug() : -1;
  if (offset >= 0) {
    base_ = reinterpret_cast<std::uintptr_t>(root.name()) -
            static_cast<std::uintptr_t>(offset);
    size_ = buffer_size + 1;
    bits_.assign(size_ / 64 + 1, 0);
  }
}

std::ptrdiff_t Marks::OffsetOf(const char* name) const {
  if (base_ == 0) return -1;
  std::uintptr_t p = reinterpret_cast<std::uintptr_t>(name);
  if (p < base_ || p - base_ >= size_) return -1;
  return static_cast<std::ptrdiff_t>(p - base_);
}

void Marks::SetBit(std::ptrdiff_t offset) {
  auto o = static_cast<std::size_t>(offset);
  bits_[o / 64] |= uint64_t{1} << (o % 64);
}

bool Marks::Bit(std::ptrdiff_t offset) const {
  auto o = static_cast<std::size_t>(offset);
  return (bits_[o / 64] >> (o % 64)) & 1u;
}

// Element names point into the parse buffer, so their offset there is a
// unique key; pugixml's own offset_debug() costs a page lookup per call.
void Marks::Mark(pugi::xml_node n) {
  std::ptrdiff_t o = OffsetOf(n.name());
  if (o >= 0) {
    SetBit(o);
  } else {
    fallback_.insert(n.internal_object());
  }
}

bool Marks::Has(pugi::xml_node n) const {
  std::ptrdiff_t o = OffsetOf(n.name());
  if (o >= 0) return Bit(o);
  return fallback_.count(n.internal_object()) != 0;
}

void Marks::Mark(pugi::xml_attribute a) {
  std::ptrdiff_t o = OffsetOf(a.name());
  if (o >= 0) {
    SetBit(o);
  } else {
    fallback_.insert(a.internal_object());
  }
}

bool Marks::Has(pugi::xml_attribute a) const {
  std::ptrdiff_t o = OffsetOf(a.name());
  if (o >= 0) return Bit(o);
  return fallback_.count(a.internal_object()) != 0;
}

}  // namespace chorus::xml

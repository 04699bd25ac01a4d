// xml::ElementIndex: the element tree flattened in one explicit walk.
//
// pugixml's accessors are out-of-line calls, so the walk asks each node as
// little as it can: an element whose only child is its text (most of an
// invoice) is finished without being pushed on the stack of open elements.
#include <algorithm>
#include <bit>
#include <cstring>
#include <memory>
#include <string>

#include "format/xml_ns.h"

namespace chorus::xml {
namespace {

// pugixml's operator bool and operator! are out-of-line calls too; a
// handle is one pointer, null for the empty handle.
template <typename Handle>
bool IsNull(Handle h) {
  static_assert(sizeof(Handle) == sizeof(std::uintptr_t));
  return std::bit_cast<std::uintptr_t>(h) == 0;
}

bool IsTextType(pugi::xml_node_type t) {
  return t == pugi::node_pcdata || t == pugi::node_cdata;
}

// A pugixml name split at its first colon; `size` is the whole name's.
struct SplitName {
  explicit SplitName(const char* name) : size(std::strlen(name)) {
    std::size_t at = ColonAt(name, size);
    if (at != std::string_view::npos) {
      prefix = std::string_view(name, at);
      local = std::string_view(name + at + 1, size - at - 1);
    } else {
      local = std::string_view(name, size);
    }
  }
  // Offset of the first ':' in name[0, size), npos when none. Invoice
  // prefixes are mostly three letters (cbc, cac, ram, rsm, udt, qdt):
  // tested inline before the library call.
  static std::size_t ColonAt(const char* name, std::size_t size) {
    if (size > 3 && name[3] == ':' && name[0] != ':' && name[1] != ':' &&
        name[2] != ':') {
      return 3;
    }
    const void* colon = std::memchr(name, ':', size);
    return colon == nullptr ? std::string_view::npos
                            : static_cast<std::size_t>(
                                  static_cast<const char*>(colon) - name);
  }
  // NameKey of `part` (the prefix or the local name) with one load instead
  // of a byte loop: the name and its NUL are readable, so when they span
  // eight bytes the eight bytes ending at the NUL (or starting at `part`)
  // can be read and shifted into place.
  uint64_t Key(std::string_view part) const {
    if constexpr (std::endian::native != std::endian::little) {
      return NameKey(part);
    }
    if (part.empty()) return 0;
    const char* end = local.data() + local.size() + 1;  // past the NUL
    uint64_t bytes = 0;
    if (end - part.data() >= 8) {
      std::memcpy(&bytes, part.data(), sizeof bytes);
    } else if (size + 1 >= 8) {
      std::memcpy(&bytes, end - 8, sizeof bytes);
      bytes >>= 8 * (8 - (end - part.data()));
    } else {
      return NameKey(part);
    }
    if (part.size() < 7) bytes &= (uint64_t{1} << (8 * part.size())) - 1;
    return (bytes << 8) | (part.size() & 0xFF);
  }

  std::size_t size;
  std::string_view prefix;
  std::string_view local;
};

// The string value through the DOM, for an index of a DOM built in memory
// (its pieces carry no offsets to merge by). Iterative: no deep recursion.
void AppendNodeStringValue(pugi::xml_node n, std::string& out) {
  pugi::xml_node cur = n.first_child();
  while (!IsNull(cur)) {
    pugi::xml_node_type t = cur.type();
    if (IsTextType(t)) {
      out += cur.value();
    } else if (t == pugi::node_element && !IsNull(cur.first_child())) {
      cur = cur.first_child();
      continue;
    }
    while (cur != n && IsNull(cur.next_sibling())) cur = cur.parent();
    if (cur == n) break;
    cur = cur.next_sibling();
  }
}

}  // namespace

class ElementIndex::Builder {
 public:
  Builder(const Namespaces& ns, ElementIndex& index, std::size_t source_size,
          std::string_view source)
      : ns_(ns),
        source_(source),
        entries_(index.entries_),
        attributes_(index.attributes_),
        pieces_(index.pieces_),
        joined_(index.joined_),
        blocks_(index.blocks_),
        span_(source_size),
        in_order_(source_size != 0) {
    if (in_order_) blocks_.resize(source_size / 64 + 1);
  }

  // Returns the root's name (the base of name offsets), or 0 when names
  // are not laid out in one buffer of known size in document order.
  std::uintptr_t Build(pugi::xml_node root) {
    root_offset_ = root.offset_debug();
    if (in_order_ && !source_.empty()) FindRootInSource(root);
    open_.reserve(32);  // deeper than invoices go: one allocation
    Add(root, -1, /*parent_root_scope=*/true);
    open_.push_back(Open{0, -1, true});
    pugi::xml_node n = root.first_child();
    while (!open_.empty()) {
      if (IsNull(n)) {  // the innermost open element has no more children
        int32_t done = open_.back().index;
        open_.pop_back();
        Close(done);
        if (!open_.empty()) n = At(done).node.next_sibling();
        continue;
      }
      pugi::xml_node_type type = n.type();
      if (type == pugi::node_element) {
        n = Element(n);
      } else {
        if (IsTextType(type)) AddText(open_.back().index, n);
        n = n.next_sibling();
      }
    }
    return in_order_ ? base_ : 0;
  }

 private:
  struct Open {
    int32_t index;
    int32_t last_child;  // -1 until the first element child
    bool root_scope;     // only the root's declarations are in scope
  };

  Entry& At(int32_t i) { return entries_[static_cast<std::size_t>(i)]; }

  // Indexes element `n`, a child of the innermost open element; returns
  // the node to visit next.
  pugi::xml_node Element(pugi::xml_node n) {
    Open& parent = open_.back();
    int32_t index = count_;
    if (parent.last_child < 0) {
      At(parent.index).first_child = index;
    } else {
      At(parent.last_child).next = index;
    }
    parent.last_child = index;
    bool scope = Add(n, parent.index, parent.root_scope);
    pugi::xml_node child = n.first_child();
    if (IsNull(child)) {
      Close(index);
      return n.next_sibling();
    }
    if (IsTextType(child.type()) && IsNull(child.next_sibling())) {
      At(index).raw = child.value();
      Close(index);
      return n.next_sibling();
    }
    open_.push_back(Open{index, -1, scope});
    return child;
  }

  // Appends the entry for `n`; returns whether its scope is the root's.
  bool Add(pugi::xml_node n, int32_t parent, bool parent_root_scope) {
    int32_t index = count_;
    const char* name = n.name();
    SplitName split(name);
    bool may_have_attributes = !in_order_ || NoteName(name, index, split.size);
    ++count_;
    auto first_attribute = static_cast<int32_t>(attributes_.size());
    Entry& e = entries_.emplace_back(Entry{
        .node = n,
        .local = split.local,
        .text = {},
        .raw = {},
        .key = split.Key(split.local),
        .parent = parent,
        .first_child = -1,
        .next = -1,
        .end = 0,
        .offset = OffsetOf(n, name),
        .attributes = first_attribute,
        .attributes_end = first_attribute,
        .ns = kNoNamespace,
        .prefix_size = static_cast<uint16_t>(
            std::min<std::size_t>(split.prefix.size(), 0xFFFF)),
        .has_attributes = false,
    });
    bool declares = false;
    bool attributes = false;
    if (may_have_attributes) {
      for (pugi::xml_attribute a = n.first_attribute(); !IsNull(a);
           a = a.next_attribute()) {
        const char* attribute = a.name();
        if (std::strncmp(attribute, "xmlns", 5) == 0 &&
            (attribute[5] == '\0' || attribute[5] == ':')) {
          declares = true;
        } else {
          attributes = true;
        }
        attributes_.push_back(Attribute{
            .name = attribute,
            .value = a.value(),
            .ns = static_cast<int16_t>(ns_.AttributeId(n, a)),
        });
      }
    }
    e.attributes_end = static_cast<int32_t>(attributes_.size());
    e.has_attributes = attributes;
    // The root's own declarations are the cached ones.
    bool root_scope = index == 0 || (parent_root_scope && !declares);
    e.ns = static_cast<int16_t>(root_scope ? RootId(split) : ns_.Id(n));
    return root_scope;
  }

  void Close(int32_t i) {
    Entry& e = At(i);
    e.end = count_;
    e.text = TrimXml(e.raw);
    // A leaf's pieces are its raw text; they were the last ones recorded.
    if (e.first_child < 0) {
      while (!pieces_.empty() && pieces_.back().owner == i) pieces_.pop_back();
    }
  }

  // offset_debug() of element `n`, whose name is `name`: names parsed in
  // place lie at their source offset from the root's.
  uint32_t OffsetOf(pugi::xml_node n, const char* name) const {
    std::ptrdiff_t at = -1;
    if (in_order_ && count_ > 0 && root_offset_ >= 0) {
      at = root_offset_ + static_cast<std::ptrdiff_t>(
                              reinterpret_cast<std::uintptr_t>(name) - base_);
    } else {
      at = n.offset_debug();
    }
    return at < 0 ? 0u : static_cast<uint32_t>(at);
  }

  // Points tags_ at the root's name in the source, when the source holds
  // it there (otherwise the source is not used).
  void FindRootInSource(pugi::xml_node root) {
    std::ptrdiff_t at = root.offset_debug();
    std::string_view name = root.name();
    if (at >= 0 && static_cast<std::size_t>(at) < source_.size() &&
        source_.substr(static_cast<std::size_t>(at)).starts_with(name)) {
      tags_ = source_.data() + at;
      tags_size_ = source_.size() - static_cast<std::size_t>(at);
    }
  }

  // Records where the name of entry `index` (`size` bytes) starts (see
  // NameBlock). Returns false when the source shows that its start tag
  // ends right after the name ('>' or '/'): no attributes to look for.
  // Names are never moved by the in-place parse, so a name's offset from
  // the root's is its offset from the root's in the source.
  bool NoteName(const char* name, int32_t index, std::size_t size) {
    auto at = reinterpret_cast<std::uintptr_t>(name);
    if (index == 0) base_ = at;
    std::uintptr_t offset = at - base_;  // wraps when below the root's
    if (offset < next_offset_ || offset >= span_) {
      in_order_ = false;
      return true;
    }
    next_offset_ = offset + 1;
    std::size_t b = offset / 64;
    // Blocks passed over since the last name start at this entry.
    while (last_block_ < b) blocks_[++last_block_].first = index;
    blocks_[b].mask |= uint64_t{1} << (offset % 64);
    if (offset + size >= tags_size_) return true;  // also when no tags_
    char c = tags_[offset + size];
    return c != '>' && c != '/';
  }

  // Siblings mostly alternate between two prefixes: remember the last two.
  int RootId(const SplitName& split) {
    std::string_view prefix = split.prefix;
    if (prefix.size() >= 8) return ns_.RootId(prefix);
    uint64_t key = split.Key(prefix);
    if (key == memo_[0].key) return memo_[0].id;
    if (key == memo_[1].key) return memo_[1].id;
    memo_[1] = memo_[0];
    memo_[0] = Memo{key, ns_.RootId(prefix)};
    return memo_[0].id;
  }

  void AddText(int32_t owner_index, pugi::xml_node text) {
    std::string_view piece = text.value();
    std::ptrdiff_t at = text.offset_debug();
    pieces_.push_back(Piece{
        .owner = owner_index,
        .offset = at < 0 ? 0u : static_cast<uint32_t>(at),
        .text = piece,
    });
    Entry& owner = At(owner_index);
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

  struct Memo {
    uint64_t key = ~uint64_t{0};  // no name has this key
    int id = kNoNamespace;
  };
  const Namespaces& ns_;
  std::string_view source_;     // the unmodified source, or empty
  const char* tags_ = nullptr;  // the root's name in source_, if found
  std::size_t tags_size_ = 0;   // bytes from there to the end
  Memo memo_[2];
  std::vector<Entry>& entries_;
  std::vector<Attribute>& attributes_;
  std::vector<Piece>& pieces_;
  std::ptrdiff_t root_offset_ = -1;
  // entries_.size(), kept apart: the vector's size is a division by the
  // entry size, asked several times per element.
  int32_t count_ = 0;
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
                           std::size_t expected, std::size_t source_size,
                           std::string_view source) {
  known_ = ns.known();
  if (IsNull(root)) return;
  entries_.reserve(expected);
  name_base_ = Builder(ns, *this, source_size, source).Build(root);
  offsets_known_ = root.offset_debug() >= 0;
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

std::size_t ElementIndex::FirstPieceFrom(uint32_t offset) const {
  if (!offsets_known_) return 0;
  auto it = std::lower_bound(
      pieces_.begin(), pieces_.end(), offset,
      [](const Piece& p, uint32_t at) { return p.offset < at; });
  return static_cast<std::size_t>(it - pieces_.begin());
}

void ElementIndex::AppendStringValue(int32_t i, std::string& out) const {
  const Entry& top = (*this)[i];
  if (top.first_child < 0) {
    out += top.raw;
    return;
  }
  if (!offsets_known_) {
    AppendNodeStringValue(top.node, out);
    return;
  }
  // Leaves hold their own text; the text of elements with children is in
  // pieces_. Both are in document order: merge them by source offset.
  std::size_t k = FirstPieceFrom(top.offset);
  auto piece_before = [&](uint32_t offset) {
    return k < pieces_.size() && pieces_[k].offset < offset;
  };
  for (int32_t d = i; d < top.end; ++d) {
    const Entry& e = (*this)[d];
    while (piece_before(e.offset)) {
      if (IsInside(pieces_[k].owner, i)) out += pieces_[k].text;
      ++k;
    }
    if (e.first_child < 0) out += e.raw;
  }
  for (; k < pieces_.size() && InSubtree(i, pieces_[k]); ++k) {
    if (IsInside(pieces_[k].owner, i)) out += pieces_[k].text;
  }
}

bool ElementIndex::IsInside(int32_t d, int32_t i) const {
  return d >= i && d < (*this)[i].end;
}

std::string_view ElementIndex::QualifiedName(int32_t i) const {
  const Entry& e = (*this)[i];
  if (e.prefix_size == 0) return e.local;
  if (e.prefix_size == 0xFFFF && !IsNull(e.node)) return e.node.name();
  std::size_t before = std::size_t{e.prefix_size} + 1;
  return std::string_view(e.local.data() - before, before + e.local.size());
}

std::string ElementIndex::PathOf(int32_t i) const {
  std::vector<int32_t> chain;
  for (int32_t p = i; p >= 0; p = (*this)[p].parent) chain.push_back(p);
  std::string out;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    int32_t at = *it;
    const Entry& e = (*this)[at];
    out += '/';
    if (e.ns >= 0) {
      std::string_view prefix = known_[static_cast<std::size_t>(e.ns)].prefix;
      if (!prefix.empty()) {
        out += prefix;
        out += ':';
      }
      out += e.local;
    } else {
      out += QualifiedName(at);
    }
    if (e.parent < 0) continue;
    int position = 0;
    int total = 0;
    for (int32_t s = (*this)[e.parent].first_child; s >= 0;
         s = (*this)[s].next) {
      const Entry& sibling = (*this)[s];
      if (s != at && (sibling.key != e.key || sibling.ns != e.ns ||
                      sibling.local != e.local)) {
        continue;
      }
      ++total;
      if (s == at) position = total;
    }
    if (total > 1) {
      out += '[';
      out += std::to_string(position);
      out += ']';
    }
  }
  return out;
}

std::string ElementIndex::PathOf(int32_t i, const Attribute& a) const {
  std::string out = PathOf(i);
  out += "/@";
  out += a.name;
  return out;
}

bool ElementIndex::HasData(int32_t i) const {
  for (int32_t k = i; k < (*this)[i].end; ++k) {
    const Entry& e = (*this)[k];
    if (e.has_attributes || !e.text.empty()) return true;
  }
  return false;
}

}  // namespace chorus::xml

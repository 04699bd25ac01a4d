// xml::ElementIndex: built from a pugixml DOM (the scanner in xml_scan.cpp
// builds it from bytes), and the questions it answers from its entries.
#include <algorithm>
#include <bit>
#include <cstring>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

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

}  // namespace

// The DOM walk is the fallback path now (documents the scanner leaves,
// documents built by hand): plain rather than fast.
class ElementIndex::Builder {
 public:
  Builder(const Namespaces& ns, ElementIndex& index) : ns_(ns), index_(index) {}

  void Build(pugi::xml_node root) {
    // Offsets order pieces among elements. A DOM built in memory has
    // none: document-order ordinals stand in (its lines mean nothing).
    ordinals_ = root.offset_debug() < 0;
    Add(root, -1);
    std::vector<Open> open{Open{0, -1, root.first_child()}};
    while (!open.empty()) {
      pugi::xml_node n = open.back().next;
      if (IsNull(n)) {
        Close(open.back().index);
        open.pop_back();
        continue;
      }
      open.back().next = n.next_sibling();
      pugi::xml_node_type type = n.type();
      if (IsTextType(type)) {
        AddText(open.back().index, n);
      } else if (type == pugi::node_element) {
        int32_t index = Add(n, open.back().index);
        Open& parent = open.back();
        if (parent.last_child < 0) {
          At(parent.index).first_child = index;
        } else {
          At(parent.last_child).next = index;
        }
        parent.last_child = index;
        open.push_back(Open{index, -1, n.first_child()});
      }
    }
  }

 private:
  struct Open {
    int32_t index;
    int32_t last_child;   // -1 until the first element child
    pugi::xml_node next;  // the child to visit next
  };

  Entry& At(int32_t i) { return index_.entries_[static_cast<std::size_t>(i)]; }

  uint32_t OffsetOf(pugi::xml_node n) {
    if (ordinals_) return ++ordinal_;
    std::ptrdiff_t at = n.offset_debug();
    return at < 0 ? 0u : static_cast<uint32_t>(at);
  }

  int32_t Add(pugi::xml_node n, int32_t parent) {
    auto index = static_cast<int32_t>(index_.entries_.size());
    std::string_view name = n.name();
    std::string_view prefix = PrefixOf(name);
    std::string_view local = LocalName(name);
    auto first_attribute = static_cast<int32_t>(index_.attributes_.size());
    bool attributes = false;
    for (pugi::xml_attribute a = n.first_attribute(); !IsNull(a);
         a = a.next_attribute()) {
      attributes = attributes || !IsNamespaceDeclaration(a.name());
      index_.attributes_.push_back(Attribute{
          .name = a.name(),
          .value = a.value(),
          .ns = static_cast<int16_t>(ns_.AttributeId(n, a)),
      });
    }
    index_.entries_.push_back(Entry{
        .local = local,
        .text = {},
        .raw = {},
        .key = NameKey(local),
        .parent = parent,
        .first_child = -1,
        .next = -1,
        .end = 0,
        .offset = OffsetOf(n),
        .attributes = first_attribute,
        .attributes_end = static_cast<int32_t>(index_.attributes_.size()),
        .ns = static_cast<int16_t>(ns_.Id(n)),
        .prefix_size =
            static_cast<uint16_t>(std::min<std::size_t>(prefix.size(), 0xFFFF)),
        .has_attributes = attributes,
    });
    return index;
  }

  void Close(int32_t i) {
    Entry& e = At(i);
    e.end = static_cast<int32_t>(index_.entries_.size());
    e.text = TrimXml(e.raw);
    // A leaf's pieces are its raw text; they were the last ones recorded.
    auto& pieces = index_.pieces_;
    if (e.first_child < 0) {
      while (!pieces.empty() && pieces.back().owner == i) pieces.pop_back();
    }
  }

  void AddText(int32_t owner_index, pugi::xml_node text) {
    std::string_view piece = text.value();
    index_.pieces_.push_back(Piece{
        .owner = owner_index,
        .offset = OffsetOf(text),
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
    index_.joined_.push_back(std::move(joined));
  }

  const Namespaces& ns_;
  ElementIndex& index_;
  bool ordinals_ = false;
  uint32_t ordinal_ = 0;
};

namespace {

// Larger blocks go back to the allocator: a huge document's index is not
// held for the rest of the thread's life.
constexpr std::size_t kMaxSpareBytes = std::size_t{4} << 20;

// The spare block of one element type on this thread, empty but for its
// capacity. Once the thread's spare is destroyed (teardown), `gone` (a
// trivially destructible flag, still readable then) turns recycling off.
template <typename T>
struct Spare {
  std::vector<T> v;
  static inline thread_local bool gone = false;
  ~Spare() { gone = true; }
};

template <typename T>
std::vector<T>* SpareOf() {
  thread_local Spare<T> spare;
  return Spare<T>::gone ? nullptr : &spare.v;
}

template <typename T>
void KeepSpare(std::vector<T>& v) {
  static_assert(std::is_trivially_destructible_v<T>);
  if (v.capacity() * sizeof(T) > kMaxSpareBytes || Spare<T>::gone) return;
  std::vector<T>* spare = SpareOf<T>();
  if (spare == nullptr || spare->capacity() >= v.capacity()) return;
  spare->swap(v);
  spare->clear();  // trivially destructible elements: sets the size only
}

template <typename T>
void ReuseSpare(std::vector<T>& v) {
  if (!v.empty() || Spare<T>::gone) return;
  std::vector<T>* spare = SpareOf<T>();
  if (spare != nullptr && spare->capacity() > v.capacity()) spare->swap(v);
}

}  // namespace

void ElementIndex::Keep(std::vector<Entry>& v) { KeepSpare(v); }
void ElementIndex::Keep(std::vector<Attribute>& v) { KeepSpare(v); }
void ElementIndex::Reuse(std::vector<Entry>& v) { ReuseSpare(v); }
void ElementIndex::Reuse(std::vector<Attribute>& v) { ReuseSpare(v); }

ElementIndex::ElementIndex(const Namespaces& ns, pugi::xml_node root,
                           std::size_t expected)
    : known_(ns.known()) {
  if (IsNull(root)) return;
  entries_.ReserveRecycled(expected);
  Builder(ns, *this).Build(root);
}

std::size_t ElementIndex::FirstPieceFrom(uint32_t offset) const {
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

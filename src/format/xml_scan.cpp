// The scanner's hot loop: start tags, end tags, and elements that hold
// plain text or nothing, which are most of an invoice and are finished
// without ever being pushed on the stack of open elements. Everything
// rarer is in xml_scan_text.cpp.
//
// What each step must reproduce is pugixml's reading with parse_default
// (see xml_scan.h); xml_scan_test.cpp compares the result with the
// DOM-built index on every example, suite document and thousands of
// mutants.
#include <array>
#include <cstring>
#include <string_view>

#include "format/doc_tree.h"
#include "format/xml_scan_internal.h"

namespace chorus::xml {

using scan::FindNameEnd;
using scan::FindTextStop;
using scan::FindValueStop;
using scan::Is;
using scan::kSpace;
using scan::kStartSymbol;
using scan::kSymbol;
using scan::kTagStart;
using scan::SkipGap;
using scan::SkipSpace;

bool Scanner::Run() {
  if (static_cast<std::size_t>(end_ - buffer_) >= (std::size_t{1} << 31) ||
      known_.size() > 0x7FFF) {
    return false;
  }
  constexpr std::string_view kXmlUri = "http://www.w3.org/XML/1998/namespace";
  std::span<const KnownNs> doc = DocNamespaces();
  if (known_.data() == doc.data() && known_.size() == doc.size()) {
    // The loader's list, which every document is scanned with: its ids
    // are looked up once, not for each document.
    static const std::array<int16_t, 2> kDocIds = {IdOfUri(kXmlUri),
                                                   IdOfUri(kXmlnsUri)};
    xml_id_ = kDocIds[0];
    xmlns_id_ = kDocIds[1];
  } else {
    xml_id_ = IdOfUri(kXmlUri);
    xmlns_id_ = IdOfUri(kXmlnsUri);
  }
  std::string_view all(buffer_, static_cast<std::size_t>(end_ - buffer_));
  entries_.clear();
  attributes_.clear();
  pieces_.clear();
  // Every element Body records has a start tag of three bytes at least
  // ("<a>"), but the last, which may be cut short after two: for a
  // document of ordinary size, room for that many entries is reserved and
  // Body never tests for room (the block is the thread's spare, reused).
  std::size_t most = all.size() / 3 + 2;
  bool roomy = all.size() <= kRoomyBytes;
  out_.entries_.ReserveRecycled(roomy ? most : ExpectedElements(all));
  out_.attributes_.ReserveRecycled(all.size() / 128 + 16);
  out_.known_ = known_;
  p_ = buffer_;
  if (all.starts_with("\xEF\xBB\xBF")) p_ += 3;  // pugixml skips a BOM
  return Prolog() && (roomy ? Body<true>() : Body<false>()) && Epilog();
}

bool Scanner::Prolog() {
  for (const char* p = p_;;) {
    p = SkipSpace(p, limit_);
    if (*p != '<') return false;  // text, a NUL, or no root at all
    char c = p[1];
    if (c == '?') {
      p = SkipPi(p);
    } else if (c == '!' && p[2] == '-' && p[3] == '-') {
      p = SkipComment(p + 4);
    } else {
      p_ = p;
      return Is(c, kStartSymbol);
    }
    if (p == nullptr) return false;
  }
}

bool Scanner::Epilog() {
  for (const char* p = p_;;) {
    p = SkipSpace(p, limit_);
    if (p == end_) return true;
    if (*p != '<') return false;
    if (p[1] == '?') {
      p = SkipPi(p);
    } else if (p[1] == '!' && p[2] == '-' && p[3] == '-') {
      p = SkipComment(p + 4);
    } else {
      return false;  // a second root, or anything else
    }
    if (p == nullptr) return false;
  }
}

namespace {

// Whether s[0, size) repeats name[0, size), which lies before it, and
// s[size] is in the buffer.
inline bool SameName(const char* s, const char* name, std::size_t size,
                     const char* limit, const char* safe) {
#if CHORUS_SCAN_SSE2
  // Nearly all names are at most 32 bytes long, and most are longer than
  // 16: compared whole at once. The 32 bytes readable at s are readable at
  // name too.
  if (size <= 32 && s < safe) {
    auto same = [&](std::size_t at) {
      return scan::Mask(
          _mm_cmpeq_epi8(scan::Load(s + at), scan::Load(name + at)));
    };
    uint64_t both = same(0) | (uint64_t{same(16)} << 16);
    return (~both & ((uint64_t{1} << size) - 1)) == 0;
  }
#endif
  return static_cast<std::size_t>(limit - 1 - s) >= size &&
         std::memcmp(s, name, size) == 0;
}

}  // namespace

inline const char* Scanner::EndTagEnd(const char* s, const char* name,
                                      std::size_t size, const char* limit,
                                      const char* safe) const {
  if (!SameName(s, name, size, limit, safe)) return nullptr;
  const char* q = s + size;
  if (*q == '>') return q + 1;
  if (Is(*q, kSymbol)) return nullptr;  // a longer name
  q = SkipSpace(q, limit);
  return *q == '>' ? q + 1 : nullptr;
}

template <bool kRoomy>
CHORUS_SCAN_NO_SLP bool Scanner::Body() {
  const char* p = p_;  // at the root's '<'
  // In locals: the entries' stores could alias the members.
  const char* const buffer = buffer_;
  const char* const limit = limit_;
  const char* const safe = safe_;
  // Kept in locals too, and written back before the calls that read them.
  std::size_t depth = 0;
  int32_t count = 0;
  auto attributes = static_cast<int32_t>(attributes_.size());
  open_[0] = Open{.link = &root_next_,
                  .name = nullptr,
                  .index = -1,
                  .name_size = 0,
                  .decl_base = 0,
                  .text = false};
  for (;;) {
    // p is at a '<'.
    char c = p[1];
    if (Is(c, kTagStart)) {  // a name starting with ':' goes to Markup
    start_tag:
      // Nodes more than kMaxScanLevel levels below the root are refused,
      // as the loader does; this element's level is depth. An element at
      // that level is left to pugixml too, text or none: its text would
      // be deeper, and a leaf's is then not tested for that.
      if (depth >= kMaxScanLevel) return false;
      const char* name = p + 1;
      const char* colon = nullptr;
      const char* q = FindNameEnd(name + 1, limit, safe, &colon);
      auto size = static_cast<std::size_t>(q - name);
      std::size_t prefix = 0;
      const char* local = name;
      if (colon != nullptr) {
        prefix = static_cast<std::size_t>(colon - name);
        if (prefix + 1 == size || prefix >= 0xFFFF) return false;
        local = colon + 1;
      }
      auto local_size = size - static_cast<std::size_t>(local - name);
      int32_t index = count++;
      // Its parent; the root's is the sentinel open_[0].
      Open& o = open_[depth];
      int32_t parent = o.index;
      *o.link = index;
      if (o.text) ChildBesideText(depth - 1);
      if (entries_.size() == entries_.capacity()) {
        if (kRoomy) __builtin_unreachable();  // reserved for every element
        GrowEntries(depth);
      }
      Entry& e = entries_.emplace_back(Entry{
          .local = std::string_view(local, local_size),
          .text = {},
          .raw = {},
          .key = KeyOf(local, local_size, safe),
          .parent = parent,
          .first_child = -1,
          .next = -1,
          .end = 0,
          .offset = static_cast<uint32_t>(name - buffer),
          .attributes = attributes,
          .attributes_end = attributes,
          .ns = kNoNamespace,
          .prefix_size = static_cast<uint16_t>(prefix),
          .has_attributes = false,
      });
      o.link = &e.next;
      std::size_t decl_base = decls_;
      // Most start tags end at once with '>': one test for those.
      bool empty = false;
      if (char t = *q; t != '>') {
        bool prefixed = false;
        if (Is(t, kSpace)) {
          if (!Attributes(q, index, prefixed)) return false;
          attributes = e.attributes_end;
          t = *q;
        }
        empty = t == '/';
        if (empty ? q[1] != '>' : t != '>') return false;
        // With the element's own declarations, as its name is below.
        if (prefixed) ResolveAttributes(index);
      }
      e.ns = ResolveMemo(name, prefix);
      p = q + (empty ? 2 : 1);
      if (!empty) {
        // Plain text (or nothing) then this element's end tag: a leaf,
        // done here.
        const char* stop = p;
        if (*stop != '<') {
          stop = Is(*stop, kSpace) ? nullptr : FindTextStop(stop, limit, safe);
        }
        if (stop != nullptr && stop[0] == '<' && stop[1] == '/') {
          const char* after = EndTagEnd(stop + 2, name, size, limit, safe);
          if (after == nullptr) return false;
          if (stop != p) {
            e.raw = std::string_view(p, static_cast<std::size_t>(stop - p));
            // TrimXml, knowing that the text does not start with a space.
            const char* last = stop;
            while (Is(last[-1], kSpace)) --last;
            e.text = std::string_view(p, static_cast<std::size_t>(last - p));
          }
          p = after;
          empty = true;
        } else {
          open_[++depth] = Open{
              .link = &e.next,
              .name = name,
              .index = index,
              .name_size = static_cast<uint32_t>(size),
              .decl_base = static_cast<uint16_t>(decl_base),
              .text = false,
          };
          // A container's first child nearly always comes next: told here,
          // apart from the loop's test, which follows leaves and end tags
          // (whose next tag the document's shape decides).
          const char* next = SkipGap(p, limit, safe);
          if (*next == '<' && Is(next[1], kTagStart)) {
            p = next;
            goto start_tag;
          }
        }
      }
      if (empty) {
        e.end = count;
        RestoreScope(decl_base);
        if (depth == 0) break;  // the root
      }
    } else if (c == '/') {
      Open& o = open_[depth];
      const char* after = EndTagEnd(p + 2, o.name, o.name_size, limit, safe);
      if (after == nullptr) return false;
      Entry& e = At(o.index);
      e.end = count;
      e.first_child = count > o.index + 1 ? o.index + 1 : -1;
      e.next = -1;  // written by its first child
      if (o.text) ClosePieces(o.index, mixed_[depth - 1]);
      RestoreScope(o.decl_base);
      p = after;
      if (--depth == 0) break;
    } else {
      depth_ = depth;
      p = Markup(p);
      if (p == nullptr) return false;
    }
    // Inside the innermost open element: whitespace up to the next tag is
    // not kept (pugixml's rule), anything else is a piece of text.
    const char* q = SkipGap(p, limit, safe);
    if (*q != '<') {
      depth_ = depth;
      q = Text(p);
      if (q == nullptr) return false;
    }
    p = q;
  }
  p_ = p;
  return true;
}

bool Scanner::Attributes(const char*& at, int32_t index, bool& prefixed) {
  own_decls_ = decls_;
  bool data = false;
  // In locals, `at` written once at the end: the pushes could alias the
  // members, and a cursor whose address is taken stays in memory.
  const char* q = at;
  const char* const limit = limit_;
  const char* const safe = safe_;
  // Counted, where the vector's size takes a division by the element size.
  int32_t read = 0;
  for (;;) {
    q = SkipSpace(q, limit);
    if (!Is(*q, kStartSymbol)) break;  // '>' and "/>" are checked after
    const char* name = q;
    const char* colon = nullptr;
    q = FindNameEnd<16>(q, limit, safe, &colon);
    std::string_view qname(name, static_cast<std::size_t>(q - name));
    if (colon != nullptr && (colon == name || colon + 1 == q)) return false;
    q = SkipSpace(q, limit);
    if (*q != '=') return false;
    q = SkipSpace(q + 1, limit);
    char quote = *q;
    if (quote != '"' && quote != '\'') return false;
    const char* value = q + 1;
    const char* stop = FindValueStop(value, limit, safe, quote);
    const char* value_end = stop;
    if (*stop == quote) {
      q = stop + 1;
    } else {
      auto plain = static_cast<std::size_t>(stop - value);
      char* w = Writable(value, plain);
      value = w;
      const char* after = nullptr;
      value_end = DecodeValue(stop, w + plain, quote, &after);
      if (value_end == nullptr) return false;
      q = after;
    }
    if (Is(*q, kStartSymbol)) return false;  // no space before the next
    std::string_view v(value, static_cast<std::size_t>(value_end - value));
    int16_t ns = kNoNamespace;
    // Data attributes (currencyID, schemeID...) seldom start with an x.
    if (*name == 'x' && IsDeclaration(name, qname.size())) {
      if (!Declare(qname, v)) return false;
      ns = xmlns_id_;
    } else {
      data = true;
      if (colon != nullptr) prefixed = true;
    }
    attributes_.push_back(ElementIndex::Attribute{qname, v, ns});
    ++read;
  }
  at = q;
  Entry& e = At(index);
  e.attributes_end = e.attributes + read;
  e.has_attributes = data;
  return true;
}

void Scanner::GrowEntries(std::size_t depth) {
  auto old = reinterpret_cast<std::uintptr_t>(entries_.data());
  entries_.reserve(entries_.capacity() * 2 + 64);
  for (std::size_t i = 1; i <= depth; ++i) {
    // Every open link is the next of an entry (but the sentinel's).
    std::size_t entry =
        (reinterpret_cast<std::uintptr_t>(open_[i].link) - old) / sizeof(Entry);
    open_[i].link = &entries_[entry].next;
  }
}

// Namespaces::AttributeId: a prefixed attribute (not a declaration) is in
// its prefix's namespace, resolved with the element's own declarations.
void Scanner::ResolveAttributes(int32_t index) {
  const Entry& e = At(index);
  for (int32_t a = e.attributes; a < e.attributes_end; ++a) {
    ElementIndex::Attribute& at = attributes_[static_cast<std::size_t>(a)];
    std::size_t c = at.name.find(':');
    if (c != std::string_view::npos && !IsNamespaceDeclaration(at.name)) {
      at.ns = ResolveMemo(at.name.data(), c);
    }
  }
}

bool ScanIntoIndex(const char* buffer, std::size_t size,
                   std::span<const KnownNs> known, ElementIndex& out) {
  Scanner scanner(buffer, size, known, out);
  return scanner.Run();
}

}  // namespace chorus::xml

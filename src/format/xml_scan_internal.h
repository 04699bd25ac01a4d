// The scanner behind xml::ScanIntoIndex (xml_scan.h). xml_scan.cpp holds
// the hot loop (tags, and elements that hold plain text or nothing: most
// of an invoice); xml_scan_text.cpp everything rarer (decoding, markup
// other than tags, mixed content, namespace declarations).
#ifndef CHORUS_FORMAT_XML_SCAN_INTERNAL_H_
#define CHORUS_FORMAT_XML_SCAN_INTERNAL_H_

#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "format/xml_ns.h"
#include "format/xml_scan.h"
#include "format/xml_scan_chars.h"

namespace chorus::xml {

// GCC's SLP vectorizer packs the equal pairs Body stores (an entry's
// attributes and attributes_end, an Open's index and link) into vector
// registers, with shuffles and spills on every element: off for Body.
// On the declaration too: a member template's definition alone does not
// carry it to the instances.
#if defined(__GNUC__) && !defined(__clang__)
#define CHORUS_SCAN_NO_SLP __attribute__((optimize("no-tree-slp-vectorize")))
#else
#define CHORUS_SCAN_NO_SLP
#endif

// For Attributes, Body's one hot callee in its file: GCC allocates a
// caller's registers knowing which ones each callee clobbers (-fipa-ra),
// so that any change to Attributes moved Body's spills (+450 to +600
// instructions a document for one that saved 75). Seen as an ordinary
// call, it leaves Body one allocation whatever it becomes.
#if defined(__GNUC__) && !defined(__clang__)
#define CHORUS_SCAN_OPAQUE __attribute__((noipa))
#else
#define CHORUS_SCAN_OPAQUE
#endif

// The loader refuses a node more than this many levels below the root.
inline constexpr std::size_t kMaxScanLevel = 256;

class Scanner {
 public:
  Scanner(const char* buffer, std::size_t size, std::span<const KnownNs> known,
          ElementIndex& out)
      : buffer_(buffer),
        end_(buffer + size),
        limit_(buffer + size + 1),
        safe_(scan::SafeEnd(buffer, buffer + size + 1)),
        known_(known),
        out_(out),
        entries_(out.entries_),
        attributes_(out.attributes_),
        pieces_(out.pieces_),
        joined_(out.joined_) {}

  bool Run();

 private:
  using Entry = ElementIndex::Entry;
  using Piece = ElementIndex::Piece;

  // An element whose end tag has not come yet: what every container needs.
  // Small, and written whole on each push: 38% of elements are pushed.
  struct Open {
    // The next of the last element child so far, which the next child
    // writes: the element's own until it has one. Its first child (always
    // the entry after it) then writes the element's next, which its end
    // tag puts back, with first_child: no test of whether a child is the
    // first, a branch that follows the document's shape. A pointer, where
    // an index takes three instructions more to reach.
    int32_t* link;
    const char* name;  // qualified, for the end tag
    int32_t index;
    uint32_t name_size;
    uint16_t decl_base;  // declarations in scope before its own
    bool text;           // has character data: mixed_ at its level is set
  };
  // The character data of an open element (a leaf's when it sits beside
  // comments, PIs or CDATA; mixed content's): kept apart from Open since
  // few containers have any. Set by the first piece (trivial members: the
  // array is never initialized).
  struct Mixed {
    uint32_t pieces;  // text and CDATA children so far
    bool pending;     // `first` is held here, not yet in pieces_
    bool compact;     // the next piece may be moved in place after raw
    const char* raw;  // character data so far, when not joined apart
    uint32_t raw_size;
    std::string* joined;  // character data so far, when joined apart
    // The first piece.
    uint32_t first_offset;
    const char* first_text;
    uint32_t first_size;
  };
  struct Decl {
    uint64_t key;
    const char* prefix;
    std::size_t prefix_size;
    int16_t id;
  };
  struct Memo {
    uint64_t key = ~uint64_t{0};  // no name has this key
    int16_t id = kNoNamespace;
  };

  Entry& At(int32_t i) { return entries_[static_cast<std::size_t>(i)]; }

  // xml_scan.cpp
  bool Prolog();
  bool Epilog();
  // From the root's start tag at p_ to its end tag. kRoomy: entries_ has
  // room for every element the document can hold.
  template <bool kRoomy>
  CHORUS_SCAN_NO_SLP bool Body();
  // Up to this size the scanner reserves room for as many entries as the
  // document can hold: 32 bytes of entries per source byte, 400 KB for a
  // typical invoice, 2 MB at most.
  static constexpr std::size_t kRoomyBytes = 64 * 1024;
  // Reads the attributes of the start tag of entry `index` from `at` (a
  // space after the name) up to '>' or "/>", where it leaves `at`;
  // `prefixed`: one of them has a prefix to resolve.
  CHORUS_SCAN_OPAQUE bool Attributes(const char*& at, int32_t index,
                                     bool& prefixed);
  void ResolveAttributes(int32_t index);
  // Doubles the room of entries_ (Body<false>, which finds it full), the
  // links of the `depth` open elements following their entries.
  void GrowEntries(std::size_t depth);
  // Where the end tag whose name starts at `s` ends ('>' + 1) when it
  // closes the element named name[0, size); null otherwise.
  const char* EndTagEnd(const char* s, const char* name, std::size_t size,
                        const char* limit, const char* safe) const;
  void RestoreScope(std::size_t base) {
    if (decls_ != base) {
      decls_ = base;
      ForgetMemo();
    }
  }
  void ForgetMemo() { memo_.fill(Memo{}); }
  // The memo slot of a short prefix's key. Direct-mapped rather than most
  // recently used: a document alternates between its prefixes ("cbc",
  // "cac"; "ram", "rsm", "udt"), and the usual ones each get their own
  // slot, so the lookup nearly always hits whatever the order. The slot is
  // the low three bits of the prefix's second byte (key bits 16-18), which
  // tell those apart with one shift, where a multiplicative hash takes
  // three instructions more; "qdt" shares udt's slot, "ext" that of
  // unprefixed names (key 0), the rare ones.
  static std::size_t MemoSlot(uint64_t key) {
    return static_cast<std::size_t>(key >> 16) & 7;
  }
  int16_t ResolveMemo(const char* prefix, std::size_t size) {
    if (size < 8) {
      uint64_t key = KeyOf(prefix, size);
      const Memo& m = memo_[MemoSlot(key)];
      if (m.key == key) return m.id;
    }
    return Resolve(prefix, size);
  }

  // xml_scan_text.cpp
  // Markup inside an element other than a tag, at p (a '<' followed by
  // neither a name that Body reads nor '/'): a comment, a PI (both
  // skipped) or a CDATA section (a piece). Returns where it ends, or null
  // to refuse (anything else).
  const char* Markup(const char* p);
  const char* SkipComment(const char* s);  // s after "<!--"
  const char* SkipPi(const char* p);       // p at "<?"
  const char* Cdata(const char* p);
  // Character data at p (not whitespace only) up to the next '<'.
  const char* Text(const char* p);
  // `offset`: of the piece in the source; `text` may be decoded apart.
  bool AddPiece(std::size_t offset, const char* text, std::size_t size);
  // An element child of the open element at `level`, which has text.
  void ChildBesideText(std::size_t level);
  // The text of element `index`, closed with pieces recorded in `m`.
  void ClosePieces(int32_t index, const Mixed& m);
  bool Declare(std::string_view name, std::string_view value);
  int16_t Resolve(const char* prefix, std::size_t size);
  int16_t IdOfUri(std::string_view uri) const;
  // Decode the rest of a text run / an attribute value from `r`, the
  // first byte needing it, writing at `w` (in decoded_); return the end
  // of the decoded bytes and leave *stop at the '<' / *after past the
  // closing quote, or null to refuse.
  char* DecodeText(const char* r, char* w, const char** stop);
  char* DecodeValue(const char* r, char* w, char quote, const char** after);
  // The n bytes at `p` (in the source or in decoded_) made writable: their
  // place in decoded_, where the source's bytes are copied first. The
  // source is never written: decoded text goes to decoded_ at the offsets
  // it has in the source, as a parse in place would write it, so that
  // undecoded text (nearly all of it) is viewed in the source itself.
  char* Writable(const char* p, std::size_t n) {
    if (decoded_ == nullptr) {
      std::size_t size = static_cast<std::size_t>(limit_ - buffer_);
      out_.decoded_.reset(new char[size]);
      decoded_ = out_.decoded_.get();
    }
    auto at = reinterpret_cast<std::uintptr_t>(p) -
              reinterpret_cast<std::uintptr_t>(decoded_);
    if (at < static_cast<std::size_t>(limit_ - buffer_)) {
      return const_cast<char*>(p);  // already there
    }
    char* to = decoded_ + (p - buffer_);
    std::memcpy(to, p, n);
    return to;
  }

  // IsNamespaceDeclaration of the attribute name at name[0, size), with
  // one load and no branch on the name where eight bytes are readable.
  bool IsDeclaration(const char* name, std::size_t size) const {
    if constexpr (std::endian::native == std::endian::little) {
      if (name < safe_) {
        uint64_t bytes = 0;
        std::memcpy(&bytes, name, sizeof bytes);
        constexpr uint64_t kXmlns = 0x736E6C6D78;  // "xmlns"
        bool xmlns = (bytes & 0xFFFFFFFFFF) == kXmlns;
        bool sixth = static_cast<char>(bytes >> 40) == ':';
        return xmlns & (size >= 5) & ((size == 5) | sixth);
      }
    }
    return IsNamespaceDeclaration(std::string_view(name, size));
  }

  // The first n bytes of a little-endian word, n <= 7.
  static constexpr std::array<uint64_t, 8> kKeptBytes = [] {
    std::array<uint64_t, 8> t{};
    for (std::size_t n = 0; n < 8; ++n) t[n] = (uint64_t{1} << (8 * n)) - 1;
    return t;
  }();
  // NameKey(s[0, n)) with one load where eight bytes are readable.
  uint64_t KeyOf(const char* s, std::size_t n) const {
    return KeyOf(s, n, safe_);
  }
  static uint64_t KeyOf(const char* s, std::size_t n, const char* safe) {
    if constexpr (std::endian::native == std::endian::little) {
      // No test for n == 0: the mask then keeps nothing, and the key is 0
      // as NameKey's.
      if (s < safe) {
        uint64_t bytes = 0;
        std::memcpy(&bytes, s, sizeof bytes);
        // A mask from a table: a load folded into the AND, where a shift
        // by a variable count takes four instructions.
        bytes &= kKeptBytes[n < 7 ? n : 7];
        return (bytes << 8) | (n & 0xFF);
      }
    }
    return NameKey(std::string_view(s, n));
  }

  const char* buffer_;
  char* decoded_ = nullptr;  // out_.decoded_, allocated on first need
  const char* end_;          // the final NUL
  const char* limit_;        // one past it
  const char* safe_;         // scan::SafeEnd
  const char* p_ = nullptr;
  std::span<const KnownNs> known_;
  ElementIndex& out_;
  std::vector<Entry>& entries_;
  std::vector<ElementIndex::Attribute>& attributes_;
  std::vector<Piece>& pieces_;
  std::vector<std::unique_ptr<std::string>>& joined_;
  int16_t xml_id_ = kOtherNamespace;
  int16_t xmlns_id_ = kOtherNamespace;
  std::size_t depth_ = 0;  // Body's depth, for AddPiece
  std::size_t decls_ = 0;
  std::size_t own_decls_ = 0;  // where the current element's start
  // Prefixes resolved since the scope last changed, by MemoSlot.
  std::array<Memo, 8> memo_;
  // Left uninitialized: slots are written before they are read. The open
  // element at level l is open_[l + 1]; open_[0], the root's parent, is a
  // sentinel that Body sets: the root reads it as any element reads its
  // parent, without a test for level 0.
  std::array<Open, kMaxScanLevel + 2> open_;
  int32_t root_next_ = -1;  // where the sentinel's link points
  std::array<Mixed, kMaxScanLevel + 1> mixed_;
  std::array<Decl, kMaxScopeDeclarations> decl_;
};

}  // namespace chorus::xml

#endif  // CHORUS_FORMAT_XML_SCAN_INTERNAL_H_

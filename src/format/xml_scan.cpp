// The XML scanner: one pass over the bytes, decoding text and attribute
// values in place (they only shrink), appending index entries as start tags
// come. What each step must reproduce is pugixml's reading with
// parse_default (see xml_scan.h); xml_scan_test.cpp compares the result
// with the DOM-built index on every example, suite document and thousands
// of mutants.
#include "format/xml_scan.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>

#include "format/doc_tree.h"
#include "format/xml_scan_chars.h"

namespace chorus::xml {
namespace {

using scan::FindNameEnd;
using scan::FindTextStop;
using scan::FindValueStop;
using scan::Is;
using scan::kSpace;
using scan::kStartSymbol;
using scan::kSymbol;
using scan::SkipSpace;

constexpr std::string_view kXmlUri = "http://www.w3.org/XML/1998/namespace";
// The loader refuses a node more than this many levels below the root.
constexpr std::size_t kMaxLevel = 256;

// NameKey(s[0, n)) with one load where eight bytes are readable.
uint64_t KeyOf(const char* s, std::size_t n, const char* limit) {
  if constexpr (std::endian::native == std::endian::little) {
    if (n == 0) return 0;
    if (limit - s >= 8) {
      uint64_t bytes = 0;
      std::memcpy(&bytes, s, sizeof bytes);
      std::size_t kept = n < 7 ? n : 7;
      bytes &= (uint64_t{1} << (8 * kept)) - 1;
      return (bytes << 8) | (n & 0xFF);
    }
  }
  return NameKey(std::string_view(s, n));
}

// s[0, n) == t[0, n), where t < s and s + n lies within the buffer.
bool SameBytes(const char* s, const char* t, std::size_t n, const char* limit) {
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t a = 0;
    uint64_t b = 0;
    std::memcpy(&a, s + i, 8);
    std::memcpy(&b, t + i, 8);
    if (a != b) return false;
  }
  std::size_t rest = n - i;
  if (rest == 0) return true;
  if constexpr (std::endian::native == std::endian::little) {
    if (limit - (s + i) >= 8) {
      uint64_t a = 0;
      uint64_t b = 0;
      std::memcpy(&a, s + i, 8);
      std::memcpy(&b, t + i, 8);
      return ((a ^ b) & ((uint64_t{1} << (8 * rest)) - 1)) == 0;
    }
  }
  return std::memcmp(s + i, t + i, rest) == 0;
}

// Writes code point `c` (valid: not 0, not a surrogate, <= 0x10FFFF) as
// UTF-8 at `w`; returns the end.
char* WriteUtf8(char* w, uint32_t c) {
  auto put = [&w](uint32_t byte) { *w++ = static_cast<char>(byte); };
  if (c < 0x80) {
    put(c);
  } else if (c < 0x800) {
    put(0xC0 | (c >> 6));
    put(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    put(0xE0 | (c >> 12));
    put(0x80 | ((c >> 6) & 0x3F));
    put(0x80 | (c & 0x3F));
  } else {
    put(0xF0 | (c >> 18));
    put(0x80 | ((c >> 12) & 0x3F));
    put(0x80 | ((c >> 6) & 0x3F));
    put(0x80 | (c & 0x3F));
  }
  return w;
}

enum class Ref { kDecoded, kLiteral, kRefused };

// The reference at `*r` (an '&'), as pugixml's parse_escapes reads it: the
// five predefined entities and &#...; / &#x...; are written at `*w` and
// both cursors move past them. Anything else (unknown names, malformed or
// empty numbers, a lowercase-only 'x') stays as written: kLiteral, nothing
// moved, the caller copies the '&' and goes on. References pugixml would
// decode into bytes that are not UTF-8 (NUL, surrogates, above U+10FFFF)
// are refused.
Ref DecodeReference(const char*& r, char*& w) {
  const char* s = r + 1;
  auto named = [&](std::string_view rest, char c) {
    if (std::memcmp(s, rest.data(), rest.size()) != 0) return Ref::kLiteral;
    r = s + rest.size();
    *w++ = c;
    return Ref::kDecoded;
  };
  // Each comparison below stops at the first differing byte of a string
  // that ends with a NUL, so none reads past the buffer.
  switch (*s) {
    case 'l':
      return s[1] == 't' && s[2] == ';' ? named("lt;", '<') : Ref::kLiteral;
    case 'g':
      return s[1] == 't' && s[2] == ';' ? named("gt;", '>') : Ref::kLiteral;
    case 'a':
      if (s[1] == 'm' && s[2] == 'p' && s[3] == ';') return named("amp;", '&');
      if (s[1] == 'p' && s[2] == 'o' && s[3] == 's' && s[4] == ';') {
        return named("apos;", '\'');
      }
      return Ref::kLiteral;
    case 'q':
      if (s[1] == 'u' && s[2] == 'o' && s[3] == 't' && s[4] == ';') {
        return named("quot;", '"');
      }
      return Ref::kLiteral;
    case '#':
      break;
    default:
      return Ref::kLiteral;
  }
  bool hex = s[1] == 'x';
  const char* d = s + (hex ? 2 : 1);
  if (*d == ';') return Ref::kLiteral;
  uint32_t code = 0;
  for (;; ++d) {
    char c = *d;
    uint32_t digit = 0;
    if (c >= '0' && c <= '9') {
      digit = static_cast<uint32_t>(c - '0');
    } else if (hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f') {
      digit = static_cast<uint32_t>((c | 0x20) - 'a' + 10);
    } else if (c == ';') {
      break;
    } else {
      return Ref::kLiteral;
    }
    code = code * (hex ? 16 : 10) + digit;
    if (code > 0x10FFFF) return Ref::kRefused;
  }
  if (code == 0 || (code >= 0xD800 && code <= 0xDFFF)) return Ref::kRefused;
  r = d + 1;
  w = WriteUtf8(w, code);
  return Ref::kDecoded;
}

}  // namespace

class Scanner {
 public:
  Scanner(char* buffer, std::size_t size, std::span<const KnownNs> known,
          ElementIndex& out)
      : buffer_(buffer),
        end_(buffer + size),
        limit_(buffer + size + 1),
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

  // An element whose end tag has not come yet.
  struct Open {
    int32_t index;
    int32_t last_child;  // -1 until the first element child
    const char* name;    // qualified, for the end tag
    uint32_t name_size;
    uint32_t decl_base;  // declarations in scope before its own
    uint32_t pieces;     // text and CDATA children so far
    bool pending;        // `first` is held here, not yet in pieces_
    bool compact;        // the next piece may be moved in place after raw
    char* raw;           // character data so far, when in the buffer
    uint32_t raw_size;
    std::string* joined;  // character data so far, when joined apart
    Piece first;
  };
  struct Decl {
    uint64_t key;
    std::string_view prefix;
    int16_t id;
  };

  Entry& At(int32_t i) { return entries_[static_cast<std::size_t>(i)]; }

  bool Prolog();
  bool Epilog();
  bool Element();  // from the root's start tag to its end tag
  // Start tag at p_ ('<' then a name start); false to refuse.
  bool StartTag();
  bool Attributes(const char*& q, int32_t index, bool& prefixed);
  bool EndTag();
  bool Text(const char* first);  // p_ at the text, `first` its first non-space
  bool Cdata();
  bool SkipComment();  // p_ after "<!--"
  bool SkipPi();       // p_ at "<?"
  bool AddPiece(char* text, std::size_t size);
  void Close(int32_t index, Open* open);

  bool Declare(std::string_view name, std::string_view value);
  int16_t Resolve(const char* prefix, std::size_t size);
  int16_t IdOfUri(std::string_view uri) const;

  // Decode the rest of a text run / an attribute value in place from the
  // first byte needing it; return the end of the decoded bytes and leave
  // *r at the stop ('<' / past the closing quote), or null to refuse.
  char* DecodeText(char* from, const char** r);
  char* DecodeValue(char* from, char quote, const char** r);

  char* buffer_;
  const char* end_;    // the final NUL
  const char* limit_;  // one past it
  const char* p_ = nullptr;
  std::span<const KnownNs> known_;
  ElementIndex& out_;
  std::vector<Entry>& entries_;
  std::vector<ElementIndex::Attribute>& attributes_;
  std::vector<Piece>& pieces_;
  std::vector<std::unique_ptr<std::string>>& joined_;
  int32_t count_ = 0;
  int16_t xml_id_ = kOtherNamespace;
  int16_t xmlns_id_ = kOtherNamespace;
  std::size_t depth_ = 0;
  std::array<Open, kMaxLevel + 1> open_;
  std::size_t decls_ = 0;
  std::size_t own_decls_ = 0;  // where the current element's start
  std::array<Decl, kMaxScopeDeclarations> decl_;
  // Prefixes resolved since the scope last changed.
  struct Memo {
    uint64_t key = ~uint64_t{0};
    int16_t id = kNoNamespace;
  };
  Memo memo_[2];
};

int16_t Scanner::IdOfUri(std::string_view uri) const {
  if (uri.empty()) return kNoNamespace;
  for (std::size_t i = 0; i < known_.size(); ++i) {
    if (known_[i].uri == uri) return static_cast<int16_t>(i);
  }
  return kOtherNamespace;
}

bool Scanner::Run() {
  if (static_cast<std::size_t>(end_ - buffer_) >= (std::size_t{1} << 31) ||
      known_.size() > 0x7FFF) {
    return false;
  }
  xml_id_ = IdOfUri(kXmlUri);
  xmlns_id_ = IdOfUri(kXmlnsUri);
  std::string_view all(buffer_, static_cast<std::size_t>(end_ - buffer_));
  entries_.reserve(ExpectedElements(all));
  attributes_.reserve(all.size() / 256 + 16);
  pieces_.reserve(16);
  out_.known_ = known_;
  p_ = buffer_;
  if (all.starts_with("\xEF\xBB\xBF")) p_ += 3;
  return Prolog() && Element() && Epilog();
}

bool Scanner::Prolog() {
  for (;;) {
    p_ = SkipSpace(p_, limit_);
    if (*p_ != '<') return false;  // text, a NUL, or no root at all
    char c = p_[1];
    if (c == '?') {
      if (!SkipPi()) return false;
    } else if (c == '!' && p_[2] == '-' && p_[3] == '-') {
      p_ += 4;
      if (!SkipComment()) return false;
    } else {
      return Is(c, kStartSymbol);
    }
  }
}

bool Scanner::Epilog() {
  for (;;) {
    p_ = SkipSpace(p_, limit_);
    if (p_ == end_) return true;
    if (*p_ != '<') return false;
    if (p_[1] == '?') {
      if (!SkipPi()) return false;
    } else if (p_[1] == '!' && p_[2] == '-' && p_[3] == '-') {
      p_ += 4;
      if (!SkipComment()) return false;
    } else {
      return false;  // a second root, or anything else
    }
  }
}

bool Scanner::SkipComment() {
  // pugixml ends a comment at the first "-->" (a "--" inside is fine).
  for (const char* s = p_;; ++s) {
    if (*s == '\0') return false;
    if (s[0] == '-' && s[1] == '-' && s[2] == '>') {
      p_ = s + 3;
      return true;
    }
  }
}

bool Scanner::SkipPi() {
  // A target name, then anything up to the first "?>" after it; the XML
  // declaration is one of these (pugixml does not read it either).
  const char* s = p_ + 2;
  if (!Is(*s, kStartSymbol)) return false;
  while (Is(*s, kSymbol)) ++s;
  for (;; ++s) {
    if (*s == '\0') return false;
    if (s[0] == '?' && s[1] == '>') {
      p_ = s + 2;
      return true;
    }
  }
}

bool Scanner::Element() {
  if (!StartTag()) return false;
  while (depth_ > 0) {
    // p_ is inside the innermost open element, after a tag.
    const char* q = SkipSpace(p_, limit_);
    if (*q != '<') {
      if (!Text(q)) return false;
      q = p_;
    }
    p_ = q;
    char c = q[1];
    bool ok = false;
    if (Is(c, kStartSymbol)) {
      ok = StartTag();
    } else if (c == '/') {
      ok = EndTag();
    } else if (c == '!') {
      if (q[2] == '-' && q[3] == '-') {
        p_ = q + 4;
        ok = SkipComment();
      } else if (std::memcmp(q + 2, "[CDATA[", 7) == 0) {
        ok = Cdata();
      }
    } else if (c == '?') {
      ok = SkipPi();
    }
    if (!ok) return false;
  }
  return true;
}

bool Scanner::StartTag() {
  if (depth_ > kMaxLevel) return false;  // below the level the loader allows
  char* name = const_cast<char*>(p_) + 1;
  const char* colon = nullptr;
  const char* q = FindNameEnd(name, limit_, &colon);
  auto size = static_cast<std::size_t>(q - name);
  std::size_t prefix =
      colon == nullptr ? 0 : static_cast<std::size_t>(colon - name);
  if (colon != nullptr &&
      (prefix == 0 || prefix + 1 == size || prefix >= 0xFFFF)) {
    return false;
  }
  const char* local = colon == nullptr ? name : colon + 1;
  std::size_t local_size = size - (colon == nullptr ? 0 : prefix + 1);
  int32_t index = count_++;
  Open* parent = depth_ > 0 ? &open_[depth_ - 1] : nullptr;
  if (parent != nullptr) {
    if (parent->last_child < 0) {
      At(parent->index).first_child = index;
      if (parent->pending) {
        pieces_.push_back(parent->first);
        parent->pending = false;
      }
    } else {
      At(parent->last_child).next = index;
    }
    parent->last_child = index;
    parent->compact = false;
  }
  auto first_attribute = static_cast<int32_t>(attributes_.size());
  entries_.push_back(Entry{
      .node = {},
      .local = std::string_view(local, local_size),
      .text = {},
      .raw = {},
      .key = KeyOf(local, local_size, limit_),
      .parent = parent != nullptr ? parent->index : -1,
      .first_child = -1,
      .next = -1,
      .end = 0,
      .offset = static_cast<uint32_t>(name - buffer_),
      .attributes = first_attribute,
      .attributes_end = first_attribute,
      .ns = kNoNamespace,
      .prefix_size = static_cast<uint16_t>(prefix),
      .has_attributes = false,
  });
  auto decl_base = static_cast<uint32_t>(decls_);
  own_decls_ = decls_;
  bool prefixed = false;  // an attribute needs its prefix resolved
  if (Is(*q, kSpace)) {
    if (!Attributes(q, index, prefixed)) return false;
  }
  bool empty = false;
  if (*q == '/') {
    if (q[1] != '>') return false;
    empty = true;
    q += 2;
  } else if (*q == '>') {
    ++q;
  } else {
    return false;
  }
  Entry& e = At(index);
  e.ns = Resolve(name, prefix);
  if (prefixed) {
    for (int32_t a = first_attribute; a < e.attributes_end; ++a) {
      ElementIndex::Attribute& at = attributes_[static_cast<std::size_t>(a)];
      std::size_t c = at.name.find(':');
      if (c != 0 && c != std::string_view::npos &&
          !IsNamespaceDeclaration(at.name)) {
        at.ns = Resolve(at.name.data(), c);
      }
    }
  }
  p_ = q;
  if (empty) {
    Close(index, nullptr);
    if (decls_ != decl_base) {
      decls_ = decl_base;
      memo_[0] = memo_[1] = Memo{};
    }
    return true;
  }
  open_[depth_++] = Open{
      .index = index,
      .last_child = -1,
      .name = name,
      .name_size = static_cast<uint32_t>(size),
      .decl_base = decl_base,
      .pieces = 0,
      .pending = false,
      .compact = false,
      .raw = nullptr,
      .raw_size = 0,
      .joined = nullptr,
      .first = {},
  };
  return true;
}

bool Scanner::Attributes(const char*& q, int32_t index, bool& prefixed) {
  bool data = false;
  for (;;) {
    q = SkipSpace(q, limit_);
    if (!Is(*q, kStartSymbol)) break;  // '>' and "/>" are checked after
    const char* name = q;
    const char* colon = nullptr;
    q = FindNameEnd(q, limit_, &colon);
    std::string_view qname(name, static_cast<std::size_t>(q - name));
    if (colon == name || colon + 1 == q) return false;
    q = SkipSpace(q, limit_);
    if (*q != '=') return false;
    q = SkipSpace(q + 1, limit_);
    char quote = *q;
    if (quote != '"' && quote != '\'') return false;
    char* value = const_cast<char*>(q) + 1;
    const char* stop = FindValueStop(value, limit_, quote);
    char* value_end = const_cast<char*>(stop);
    if (*stop == quote) {
      q = stop + 1;
    } else {
      value_end = DecodeValue(value_end, quote, &q);
      if (value_end == nullptr) return false;
    }
    if (Is(*q, kStartSymbol)) return false;  // no space before the next
    std::string_view v(value, static_cast<std::size_t>(value_end - value));
    int16_t ns = kNoNamespace;
    if (IsNamespaceDeclaration(qname)) {
      if (!Declare(qname, v)) return false;
      ns = xmlns_id_;
    } else {
      data = true;
      if (colon != nullptr) prefixed = true;
    }
    attributes_.push_back(ElementIndex::Attribute{qname, v, ns});
  }
  Entry& e = At(index);
  e.attributes_end = static_cast<int32_t>(attributes_.size());
  e.has_attributes = data;
  return true;
}

bool Scanner::Declare(std::string_view name, std::string_view value) {
  std::string_view prefix =
      name.size() == 5 ? std::string_view() : name.substr(6);
  // "xmlns:" alone, and the reserved prefixes, resolve differently in
  // different places of Namespaces: not worth reproducing.
  if ((name.size() == 6) || prefix == "xml" || prefix == "xmlns") return false;
  if (decls_ == decl_.size()) return false;
  uint64_t key = NameKey(prefix);
  // One element declaring a prefix twice: Namespaces takes the first,
  // refused rather than reproduced.
  for (std::size_t i = own_decls_; i < decls_; ++i) {
    if (decl_[i].key == key && decl_[i].prefix == prefix) return false;
  }
  decl_[decls_++] = Decl{key, prefix, IdOfUri(value)};
  memo_[0] = memo_[1] = Memo{};
  return true;
}

int16_t Scanner::Resolve(const char* prefix, std::size_t size) {
  uint64_t key = KeyOf(prefix, size, limit_);
  bool short_name = size < 8;
  if (short_name) {
    if (memo_[0].key == key) return memo_[0].id;
    if (memo_[1].key == key) return memo_[1].id;
  }
  std::string_view p(prefix, size);
  int16_t id = kNoNamespace;
  std::size_t i = decls_;
  for (; i > 0; --i) {
    const Decl& d = decl_[i - 1];
    if (d.key == key && (short_name || d.prefix == p)) break;
  }
  if (i > 0) {
    id = decl_[i - 1].id;
  } else if (p == "xml") {
    id = xml_id_;
  } else if (size != 0) {
    id = kOtherNamespace;
  }
  if (short_name) {
    memo_[1] = memo_[0];
    memo_[0] = Memo{key, id};
  }
  return id;
}

bool Scanner::EndTag() {
  Open& o = open_[depth_ - 1];
  const char* s = p_ + 2;
  if (static_cast<std::size_t>(end_ - s) < o.name_size ||
      !SameBytes(s, o.name, o.name_size, limit_)) {
    return false;
  }
  const char* q = s + o.name_size;
  if (Is(*q, kSymbol)) return false;  // a longer name
  q = SkipSpace(q, limit_);
  if (*q != '>') return false;
  p_ = q + 1;
  Close(o.index, &o);
  if (decls_ != o.decl_base) {
    decls_ = o.decl_base;
    memo_[0] = memo_[1] = Memo{};
  }
  --depth_;
  return true;
}

bool Scanner::Text(const char* first) {
  char* text = const_cast<char*>(p_);
  (void)first;  // leading spaces may hold a CR to normalize
  const char* stop = FindTextStop(text, limit_);
  char* text_end = const_cast<char*>(stop);
  if (*stop != '<') {
    text_end = DecodeText(text_end, &stop);
    if (text_end == nullptr) return false;
  }
  p_ = stop;
  return AddPiece(text, static_cast<std::size_t>(text_end - text));
}

bool Scanner::Cdata() {
  // CDATA keeps its bytes but for line ends, which pugixml normalizes.
  char* text = const_cast<char*>(p_) + 9;
  char* w = text;
  const char* r = text;
  for (;;) {
    char c = *r;
    if (c == ']' && r[1] == ']' && r[2] == '>') break;
    if (c == '\0') return false;
    if (c == '\r') {
      *w++ = '\n';
      r += r[1] == '\n' ? 2 : 1;
    } else {
      *w++ = c;
      ++r;
    }
  }
  p_ = r + 3;
  return AddPiece(text, static_cast<std::size_t>(w - text));
}

char* Scanner::DecodeText(char* w, const char** stop) {
  const char* r = w;
  for (;;) {
    char c = *r;
    if (c == '<') {
      *stop = r;
      return w;
    }
    if (c == '\r') {
      *w++ = '\n';
      r += r[1] == '\n' ? 2 : 1;
    } else if (c == '&') {
      Ref ref = DecodeReference(r, w);
      if (ref == Ref::kRefused) return nullptr;
      if (ref == Ref::kLiteral) {
        *w++ = '&';
        ++r;
      }
    } else if (c == '\0') {
      return nullptr;  // the end of the document inside an element
    } else {
      const char* next = FindTextStop(r, limit_);
      std::memmove(w, r, static_cast<std::size_t>(next - r));
      w += next - r;
      r = next;
    }
  }
}

char* Scanner::DecodeValue(char* w, char quote, const char** after) {
  // parse_wconv_attribute: tab, LF, CR and CR LF each become one space.
  const char* r = w;
  for (;;) {
    char c = *r;
    if (c == quote) {
      *after = r + 1;
      return w;
    }
    if (c == '\r') {
      *w++ = ' ';
      r += r[1] == '\n' ? 2 : 1;
    } else if (c == '\t' || c == '\n') {
      *w++ = ' ';
      ++r;
    } else if (c == '&') {
      Ref ref = DecodeReference(r, w);
      if (ref == Ref::kRefused) return nullptr;
      if (ref == Ref::kLiteral) {
        *w++ = '&';
        ++r;
      }
    } else if (c == '\0') {
      return nullptr;
    } else {
      const char* next = FindValueStop(r, limit_, quote);
      std::memmove(w, r, static_cast<std::size_t>(next - r));
      w += next - r;
      r = next;
    }
  }
}

bool Scanner::AddPiece(char* text, std::size_t size) {
  // A node below the level the loader allows (see StartTag).
  if (depth_ > kMaxLevel) return false;
  Open& o = open_[depth_ - 1];
  Piece piece{o.index, static_cast<uint32_t>(text - buffer_),
              std::string_view(text, size)};
  if (o.pieces++ == 0) {
    o.raw = text;
    o.raw_size = static_cast<uint32_t>(size);
    o.compact = true;
    // A leaf's only piece is its raw text: kept out of pieces_ unless an
    // element child comes.
    if (o.last_child < 0) {
      o.first = piece;
      o.pending = true;
    } else {
      pieces_.push_back(piece);
    }
    return true;
  }
  if (o.pending) {
    pieces_.push_back(o.first);
    o.pending = false;
  }
  if (o.compact && o.joined == nullptr) {
    // Only a comment, PI or CDATA markup lies between the raw text so far
    // and this piece: move the piece down to join it.
    char* to = o.raw + o.raw_size;
    std::memmove(to, text, size);
    piece.text = std::string_view(to, size);
    o.raw_size += static_cast<uint32_t>(size);
  } else {
    if (o.joined == nullptr) {
      joined_.push_back(std::make_unique<std::string>(o.raw, o.raw_size));
      o.joined = joined_.back().get();
    }
    o.joined->append(text, size);
  }
  pieces_.push_back(piece);
  return true;
}

void Scanner::Close(int32_t index, Open* open) {
  Entry& e = At(index);
  e.end = count_;
  if (open == nullptr || open->pieces == 0) return;
  std::string_view raw = open->joined != nullptr
                             ? std::string_view(*open->joined)
                             : std::string_view(open->raw, open->raw_size);
  e.raw = raw;
  e.text = TrimXml(raw);
  if (e.first_child < 0 && open->pieces > 1) {
    while (!pieces_.empty() && pieces_.back().owner == index) {
      pieces_.pop_back();
    }
  }
}

bool ScanIntoIndex(char* buffer, std::size_t size,
                   std::span<const KnownNs> known, ElementIndex& out) {
  Scanner scanner(buffer, size, known, out);
  return scanner.Run();
}

}  // namespace chorus::xml

// The scanner's rarer steps: decoding references and line ends in text
// and attribute values, comments, PIs, CDATA, text beside child elements
// (mixed content), and namespace declarations. See xml_scan_internal.h.
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

#include "format/xml_scan_internal.h"

namespace chorus::xml {
namespace {

using scan::FindTextStop;
using scan::FindValueStop;
using scan::Is;
using scan::kStartSymbol;
using scan::kSymbol;

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

// DecodeReference, copying an unrecognized '&' as written; false to
// refuse.
bool CopyReference(const char*& r, char*& w) {
  Ref ref = DecodeReference(r, w);
  if (ref == Ref::kRefused) return false;
  if (ref == Ref::kLiteral) {
    *w++ = '&';
    ++r;
  }
  return true;
}

}  // namespace

int16_t Scanner::IdOfUri(std::string_view uri) const {
  if (uri.empty()) return kNoNamespace;
  for (std::size_t i = 0; i < known_.size(); ++i) {
    if (known_[i].uri == uri) return static_cast<int16_t>(i);
  }
  return kOtherNamespace;
}

const char* Scanner::SkipComment(const char* s) {
  // pugixml ends a comment at the first "-->" (a "--" inside is fine). Its
  // '>' is searched for, 16 bytes at a time: comment text (license
  // headers) seldom holds one, where it holds dashes.
  for (const char* p = s;; ++p) {
    p = scan::FindByte(p, limit_, safe_, '>');
    if (*p == '\0') return nullptr;
    if (p - s >= 2 && p[-1] == '-' && p[-2] == '-') return p + 1;
  }
}

const char* Scanner::SkipPi(const char* p) {
  // A target name, then anything up to the first "?>" after it; the XML
  // declaration is one of these (pugixml does not read it either).
  const char* s = p + 2;
  if (!Is(*s, kStartSymbol)) return nullptr;
  while (Is(*s, kSymbol)) ++s;
  for (;; ++s) {
    s = scan::FindByte(s, limit_, safe_, '?');
    if (*s == '\0') return nullptr;
    if (s[1] == '>') return s + 2;
  }
}

const char* Scanner::Markup(const char* p) {
  if (p[1] == '?') return SkipPi(p);
  if (p[1] != '!') return nullptr;  // '<' then neither a name nor '/'
  if (p[2] == '-' && p[3] == '-') return SkipComment(p + 4);
  // Anything else after "<!" (a DOCTYPE, a misspelt CDATA) is refused.
  // Byte by byte: the comparison must stop at the buffer's final NUL.
  static constexpr std::string_view kCdata = "[CDATA[";
  for (std::size_t i = 0; i < kCdata.size(); ++i) {
    if (p[2 + i] != kCdata[i]) return nullptr;
  }
  return Cdata(p);
}

const char* Scanner::Cdata(const char* p) {
  // CDATA keeps its bytes but for line ends, which pugixml normalizes: the
  // source is viewed unless a CR is there.
  const char* text = p + 9;
  const char* r = text;
  for (;; ++r) {
    char c = *r;
    if (c == ']' && r[1] == ']' && r[2] == '>') break;
    if (c == '\0') return nullptr;
    if (c == '\r') break;
  }
  auto offset = static_cast<std::size_t>(text - buffer_);
  const char* begin = text;
  const char* end = r;
  if (*r == '\r') {
    char* w = Writable(text, static_cast<std::size_t>(r - text));
    begin = w;
    w += r - text;
    for (;;) {
      char c = *r;
      if (c == ']' && r[1] == ']' && r[2] == '>') break;
      if (c == '\0') return nullptr;
      if (c == '\r') {
        *w++ = '\n';
        r += r[1] == '\n' ? 2 : 1;
      } else {
        *w++ = c;
        ++r;
      }
    }
    end = w;
  }
  if (!AddPiece(offset, begin, static_cast<std::size_t>(end - begin))) {
    return nullptr;
  }
  return r + 3;
}

const char* Scanner::Text(const char* p) {
  const char* text = p;
  const char* stop = FindTextStop(text, limit_, safe_);
  const char* text_end = stop;
  if (*stop != '<') {
    auto plain = static_cast<std::size_t>(stop - p);
    char* w = Writable(p, plain);
    text = w;
    text_end = DecodeText(stop, w + plain, &stop);
    if (text_end == nullptr) return nullptr;
  }
  if (!AddPiece(static_cast<std::size_t>(p - buffer_), text,
                static_cast<std::size_t>(text_end - text))) {
    return nullptr;
  }
  return stop;
}

char* Scanner::DecodeText(const char* r, char* w, const char** stop) {
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
      if (!CopyReference(r, w)) return nullptr;
    } else if (c == '\0') {
      return nullptr;  // the end of the document inside an element
    } else {
      const char* next = FindTextStop(r, limit_, safe_);
      std::memcpy(w, r, static_cast<std::size_t>(next - r));
      w += next - r;
      r = next;
    }
  }
}

char* Scanner::DecodeValue(const char* r, char* w, char quote,
                           const char** after) {
  // parse_wconv_attribute: tab, LF, CR and CR LF each become one space.
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
      if (!CopyReference(r, w)) return nullptr;
    } else if (c == '\0') {
      return nullptr;
    } else {
      // c is copied as is: a control byte other than tab, LF and CR stops
      // FindValueStop too.
      const char* next = FindValueStop(r + 1, limit_, safe_, quote);
      std::memcpy(w, r, static_cast<std::size_t>(next - r));
      w += next - r;
      r = next;
    }
  }
}

bool Scanner::AddPiece(std::size_t offset, const char* text, std::size_t size) {
  // A node below the level the loader allows (the container is at level
  // depth_ - 1).
  if (depth_ > kMaxScanLevel) return false;
  Open& o = open_[depth_];
  Mixed& m = mixed_[depth_ - 1];
  Piece piece{o.index, static_cast<uint32_t>(offset),
              std::string_view(text, size)};
  if (!o.text) {
    o.text = true;
    // A leaf's only piece is its raw text: kept out of pieces_ unless an
    // element child comes.
    bool leaf = o.link == &At(o.index).next;
    m = Mixed{
        .pieces = 1,
        .pending = leaf,
        .compact = true,
        .raw = text,
        .raw_size = static_cast<uint32_t>(size),
        .joined = nullptr,
        .first_offset = piece.offset,
        .first_text = text,
        .first_size = static_cast<uint32_t>(size),
    };
    if (!leaf) pieces_.push_back(piece);
    return true;
  }
  ++m.pieces;
  if (m.pending) {
    pieces_.push_back(Piece{o.index, m.first_offset,
                            std::string_view(m.first_text, m.first_size)});
    m.pending = false;
  }
  if (m.compact && m.joined == nullptr) {
    // Only comment, PI or CDATA markup lies between the raw text so far
    // and this piece: move the piece down to join it.
    char* raw = Writable(m.raw, m.raw_size);
    m.raw = raw;
    char* to = raw + m.raw_size;
    std::memmove(to, text, size);
    piece.text = std::string_view(to, size);
    m.raw_size += static_cast<uint32_t>(size);
  } else {
    if (m.joined == nullptr) {
      joined_.push_back(std::make_unique<std::string>(m.raw, m.raw_size));
      m.joined = joined_.back().get();
    }
    m.joined->append(text, size);
  }
  pieces_.push_back(piece);
  return true;
}

void Scanner::ChildBesideText(std::size_t level) {
  Mixed& m = mixed_[level];
  if (m.pending) {
    pieces_.push_back(Piece{open_[level + 1].index, m.first_offset,
                            std::string_view(m.first_text, m.first_size)});
    m.pending = false;
  }
  m.compact = false;
}

void Scanner::ClosePieces(int32_t index, const Mixed& m) {
  Entry& e = At(index);
  std::string_view raw = m.joined != nullptr
                             ? std::string_view(*m.joined)
                             : std::string_view(m.raw, m.raw_size);
  e.raw = raw;
  e.text = TrimXml(raw);
  // A leaf's pieces are its raw text; they were the last ones recorded.
  if (e.first_child < 0 && m.pieces > 1) {
    while (!pieces_.empty() && pieces_.back().owner == index) {
      pieces_.pop_back();
    }
  }
}

bool Scanner::Declare(std::string_view name, std::string_view value) {
  std::string_view prefix =
      name.size() == 5 ? std::string_view() : name.substr(6);
  // "xmlns:" alone, and the reserved prefixes, resolve differently in
  // different places of Namespaces: not worth reproducing.
  if (name.size() == 6 || prefix == "xml" || prefix == "xmlns") return false;
  if (decls_ == decl_.size()) return false;
  uint64_t key = NameKey(prefix);
  // One element declaring a prefix twice: Namespaces takes the first;
  // refused rather than reproduced.
  for (std::size_t i = own_decls_; i < decls_; ++i) {
    if (decl_[i].key == key &&
        std::string_view(decl_[i].prefix, decl_[i].prefix_size) == prefix) {
      return false;
    }
  }
  decl_[decls_++] = Decl{key, prefix.data(), prefix.size(), IdOfUri(value)};
  // Only this prefix resolves differently now.
  memo_[MemoSlot(key)] = Memo{};
  return true;
}

int16_t Scanner::Resolve(const char* prefix, std::size_t size) {
  uint64_t key = KeyOf(prefix, size);
  bool short_name = size < 8;
  std::string_view p(prefix, size);
  std::size_t i = decls_;
  for (; i > 0; --i) {
    const Decl& d = decl_[i - 1];
    if (d.key == key &&
        (short_name || std::string_view(d.prefix, d.prefix_size) == p)) {
      break;
    }
  }
  int16_t id = kNoNamespace;
  if (i > 0) {
    id = decl_[i - 1].id;
  } else if (p == "xml") {
    id = xml_id_;
  } else if (size != 0) {
    id = kOtherNamespace;
  }
  if (short_name) memo_[MemoSlot(key)] = Memo{key, id};
  return id;
}

}  // namespace chorus::xml

// Byte classes and searches of the XML scanner (xml_scan.cpp).
//
// The classes are pugixml's, not the XML specification's: a document the
// scanner accepts must read exactly as pugixml reads it, and pugixml only
// looks at bytes (any byte >= 0x80 is a name character, for instance).
//
// Every search stops at a NUL, and the scanned buffer ends with one, so a
// search never runs past the end. Searches test 16 bytes at a time with
// SSE2 (part of every x86-64) while at least 16 bytes remain readable
// before `limit` (one past the final NUL), then go on byte by byte. Their
// first, fixed-size steps test `safe` instead (SafeEnd: kReach bytes are
// readable at any p < safe): one compare with a pointer kept at hand,
// where `limit - p >= n` takes four instructions.
#ifndef CHORUS_FORMAT_XML_SCAN_CHARS_H_
#define CHORUS_FORMAT_XML_SCAN_CHARS_H_

#include <array>
#include <cstddef>
#include <cstdint>

#if defined(__SSE2__) && defined(__x86_64__)
#define CHORUS_SCAN_SSE2 1
#include <emmintrin.h>
#endif

namespace chorus::xml::scan {

enum : uint8_t {
  kSpace = 1,        // space, tab, CR, LF
  kSymbol = 2,       // inside a name: letters, digits, _ : - . and >= 0x80
  kStartSymbol = 4,  // first of a name: letters, _ : and >= 0x80
  kTextStop = 8,     // ends a plain run of text: < & CR NUL
  kTagStart = 16,    // kStartSymbol but ':', which no name read starts with
};

constexpr std::array<uint8_t, 256> kClass = [] {
  std::array<uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    bool start = letter || c == '_' || c == ':' || c >= 0x80;
    bool symbol = start || (c >= '0' && c <= '9') || c == '-' || c == '.';
    uint8_t v = 0;
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') v |= kSpace;
    if (symbol) v |= kSymbol;
    if (start) v |= kStartSymbol;
    if (start && c != ':') v |= kTagStart;
    if (c == '<' || c == '&' || c == '\r' || c == 0) v |= kTextStop;
    t[static_cast<std::size_t>(c)] = v;
  }
  return t;
}();

// How far past a position below `safe` the first steps of the searches and
// KeyOf may read.
inline constexpr std::ptrdiff_t kReach = 64;
// `safe` for a buffer ending at `limit`: no position is safe in a buffer
// too short to hold kReach bytes.
inline const char* SafeEnd(const char* buffer, const char* limit) {
  return limit - buffer > kReach ? limit - kReach : buffer;
}

inline bool Is(char c, uint8_t what) {
  return (kClass[static_cast<unsigned char>(c)] & what) != 0;
}

#if CHORUS_SCAN_SSE2
inline __m128i Load(const char* p) {
  return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
}
inline __m128i Eq(__m128i v, char c) {
  return _mm_cmpeq_epi8(v, _mm_set1_epi8(c));
}
inline unsigned Mask(__m128i v) {
  return static_cast<unsigned>(_mm_movemask_epi8(v));
}
#endif

// The index of the lowest set bit of x (not 0). The builtins return an
// int, which GCC sign-extends before moving a pointer by it, cast or not:
// one instruction more after each search (about 1,000 a document). The
// instruction itself is what GCC emits for them (tzcnt, run as bsf before
// BMI1: the same for any x but 0).
inline std::size_t LowBit(uint64_t x) {
#if defined(__x86_64__) && defined(__GNUC__)
  uint64_t r;
  asm("tzcnt %1, %0" : "=r"(r) : "r"(x) : "cc");
  return r;
#else
  return static_cast<std::size_t>(__builtin_ctzll(x));
#endif
}

// The first byte at or after `p` that is not XML whitespace.
inline const char* SkipSpace(const char* p, const char* limit) {
  if (!Is(*p, kSpace)) return p;
  // One space, as between attributes, without setting up the search.
  if (!Is(p[1], kSpace)) return p + 1;
#if CHORUS_SCAN_SSE2
  for (; limit - p >= 16; p += 16) {
    __m128i v = Load(p);
    __m128i space = _mm_or_si128(_mm_or_si128(Eq(v, ' '), Eq(v, '\n')),
                                 _mm_or_si128(Eq(v, '\t'), Eq(v, '\r')));
    unsigned other = ~Mask(space) & 0xFFFFu;
    if (other != 0) return p + LowBit(other);
  }
#endif
  while (Is(*p, kSpace)) ++p;
  return p;
}

// SkipSpace for the whitespace between two tags, which in a pretty-printed
// invoice is a line end then an indentation of spaces or tabs: that run is
// passed with one test of 16 bytes, and SkipSpace goes on from where it
// stops (the rest of a longer run, or a CR) unless a tag starts there.
// Whether there is a line end at all is picked rather than branched on:
// a document may have one between some tags and not others.
inline const char* SkipGap(const char* p, const char* limit, const char* safe) {
#if CHORUS_SCAN_SSE2
  if (p < safe) {  // 17 bytes
    __m128i v = Load(p + 1);
    unsigned indent = Mask(_mm_or_si128(Eq(v, ' '), Eq(v, '\t')));
    // indent < 0x10000: a zero bit at 16.
    const char* after = p + 1 + LowBit(~indent);
    p = *p == '\n' ? after : p;
    if (*p == '<') return p;
  }
#endif
  return SkipSpace(p, limit);
}

// The first `c` or NUL at or after `p` (comments and PIs are searched for
// their closing "-->" / "?>" this way: license headers can be long).
inline const char* FindByte(const char* p, const char* limit, const char* safe,
                            char c) {
#if CHORUS_SCAN_SSE2
  // 32 bytes a step, with one test, where they are readable.
  for (; p < safe; p += 32) {
    __m128i low = Load(p);
    __m128i high = Load(p + 16);
    uint32_t bits = Mask(_mm_or_si128(Eq(low, c), Eq(low, '\0'))) |
                    Mask(_mm_or_si128(Eq(high, c), Eq(high, '\0'))) << 16;
    if (bits != 0) return p + LowBit(bits);
  }
  for (; limit - p >= 16; p += 16) {
    __m128i v = Load(p);
    unsigned bits = Mask(_mm_or_si128(Eq(v, c), Eq(v, '\0')));
    if (bits != 0) return p + LowBit(bits);
  }
#endif
  while (*p != c && *p != '\0') ++p;
  return p;
}

#if CHORUS_SCAN_SSE2
// '<', '&', CR and NUL among the 16 bytes of v: 0xFF where one is.
inline __m128i TextStops(__m128i v) {
  return _mm_or_si128(_mm_or_si128(Eq(v, '<'), Eq(v, '&')),
                      _mm_or_si128(Eq(v, '\r'), Eq(v, '\0')));
}
// 0 where v holds '<', '&', CR or NUL, not 0 elsewhere: the minimum of v
// and of v xor each other stop, so that the blocks of a long text are
// folded with a minimum and tested once (two instructions fewer per 16
// bytes than TextStops and ORs).
inline __m128i StopDistance(__m128i v) {
  __m128i lt = _mm_xor_si128(v, _mm_set1_epi8('<'));
  __m128i amp = _mm_xor_si128(v, _mm_set1_epi8('&'));
  __m128i cr = _mm_xor_si128(v, _mm_set1_epi8('\r'));
  return _mm_min_epu8(_mm_min_epu8(v, cr), _mm_min_epu8(lt, amp));
}
#endif

// The first '<', '&', CR or NUL at or after `p`.
inline const char* FindTextStop(const char* p, const char* limit,
                                const char* safe) {
#if CHORUS_SCAN_SSE2
  // Most text ends within 32 bytes, tested 16 at a time; past them (long
  // text: an attachment's base64), 64 bytes go with one test.
  if (p < safe) {
    unsigned stop = Mask(TextStops(Load(p)));
    if (stop != 0) return p + LowBit(stop);
    stop = Mask(TextStops(Load(p + 16)));
    if (stop != 0) return p + 16 + LowBit(stop);
    p += 32;
  }
  // Bounded by `safe` (kReach = 64 readable bytes), a pointer kept at
  // hand: the last block before `limit` is left to the 16-byte steps.
  for (; p < safe; p += 64) {
    __m128i any = _mm_min_epu8(
        _mm_min_epu8(StopDistance(Load(p)), StopDistance(Load(p + 16))),
        _mm_min_epu8(StopDistance(Load(p + 32)), StopDistance(Load(p + 48))));
    if (Mask(_mm_cmpeq_epi8(any, _mm_setzero_si128())) != 0) {
      break;  // found below, 16 bytes at a time
    }
  }
  for (; limit - p >= 16; p += 16) {
    unsigned stop = Mask(TextStops(Load(p)));
    if (stop != 0) return p + LowBit(stop);
  }
#endif
  while (!Is(*p, kTextStop)) ++p;
  return p;
}

#if CHORUS_SCAN_SSE2
// The bytes of v that may end a plain run of an attribute value (below):
// 0xFF where one is.
template <char kQuote>
inline __m128i ValueStops(__m128i v) {
  // v <= CR, unsigned: one test for NUL, tab, LF and CR.
  __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8('\r')), v);
  return _mm_or_si128(_mm_or_si128(Eq(v, kQuote), Eq(v, '&')), control);
}
#endif

// The first byte at or after `p` that may end a plain run of an attribute
// value: its closing quote, '&', or a byte up to CR (tab, LF, CR and NUL,
// which end the run, and the other control bytes, which the caller copies
// on as DecodeValue does). A template so that the quote is a constant.
template <char kQuote>
inline const char* FindValueStopQ(const char* p, const char* limit,
                                  const char* safe) {
#if CHORUS_SCAN_SSE2
  // Most values end within 16 bytes: tested without the loop's bound.
  if (p < safe) {
    unsigned bits = Mask(ValueStops<kQuote>(Load(p)));
    if (bits != 0) return p + LowBit(bits);
    p += 16;
  }
  for (; limit - p >= 16; p += 16) {
    unsigned bits = Mask(ValueStops<kQuote>(Load(p)));
    if (bits != 0) return p + LowBit(bits);
  }
#endif
  for (;; ++p) {
    char c = *p;
    if (c == kQuote || c == '&' || static_cast<unsigned char>(c) <= '\r') {
      return p;
    }
  }
}
inline const char* FindValueStop(const char* p, const char* limit,
                                 const char* safe, char quote) {
  return quote == '"' ? FindValueStopQ<'"'>(p, limit, safe)
                      : FindValueStopQ<'\''>(p, limit, safe);
}

#if CHORUS_SCAN_SSE2
// Bit i set when p[i] is an ASCII letter, for the 16 bytes at p.
inline __m128i Letters(__m128i v) {
  // (c | 0x20) moved so that 'a' is -128: only ASCII letters are then
  // below -102 as signed bytes; one compare, where an unsigned range test
  // takes a minimum and a compare.
  __m128i moved = _mm_add_epi8(_mm_or_si128(v, _mm_set1_epi8(0x20)),
                               _mm_set1_epi8(static_cast<char>(0x80 - 'a')));
  return _mm_cmplt_epi8(moved, _mm_set1_epi8(-128 + 26));
}
// Bit i set when p[i] is an ASCII letter or ':' (`names`), or ':'
// (`colons`), for the 16 bytes at p.
inline void LettersAndColons(const char* p, unsigned& names, unsigned& colons) {
  __m128i v = Load(p);
  __m128i is_colon = Eq(v, ':');
  names = Mask(_mm_or_si128(Letters(v), is_colon));
  colons = Mask(is_colon);
}
#endif

// The end of the run of name characters starting at `p`; `*colon` (null
// on entry) is set to the first ':' in it, or left null when there is
// none. kFirst: the bytes of the first step (32 for element names, 16 for
// attribute names, which are short: currencyID, schemeID, xmlns:cbc...).
template <std::size_t kFirst = 32>
inline const char* FindNameEnd(const char* p, const char* limit,
                               const char* safe, const char** colon) {
  static_assert(kFirst == 16 || kFirst == 32);
#if CHORUS_SCAN_SSE2
  // Invoice names are nearly all letters and colons: those are told apart
  // from the rest with fewer tests, and the exact search below goes on
  // from the first other name character, if the run stops at one. The
  // first step looks at 32 bytes, where 96% of the names in the official
  // examples end: where a name ends then decides no branch.
  // Prefixes are short: a colon is looked for in the first 16 bytes only;
  // one further on stops the run, and the search below records it.
  if (p < safe) {  // kFirst bytes, and one after them
    unsigned names0 = 0, colons0 = 0;
    LettersAndColons(p, names0, colons0);
    uint64_t names = names0;
    if constexpr (kFirst == 32) {
      names |= uint64_t{Mask(Letters(Load(p + 16)))} << 16;
    }
    std::size_t run = LowBit(~names);  // <= kFirst
    // The first colon, or 40 (past any run) when there is none.
    std::size_t first = LowBit(colons0 | uint64_t{1} << 40);
    *colon = first < run ? p + first : nullptr;
    p += run;
    if (!Is(*p, kSymbol)) return p;
  }
  for (; limit - p >= 16; p += 16) {
    unsigned names = 0, colons = 0;
    LettersAndColons(p, names, colons);
    unsigned other = ~names & 0xFFFFu;
    if (other != 0) colons &= (1u << __builtin_ctz(other)) - 1;
    if (colons != 0 && *colon == nullptr) *colon = p + LowBit(colons);
    if (other != 0) {
      p += LowBit(other);
      if (!Is(*p, kSymbol)) return p;
      break;
    }
  }
  for (; limit - p >= 16; p += 16) {
    __m128i v = Load(p);
    __m128i high = _mm_cmplt_epi8(v, _mm_setzero_si128());  // >= 0x80
    __m128i lower = _mm_or_si128(v, _mm_set1_epi8(0x20));
    __m128i letter =
        _mm_and_si128(_mm_cmpgt_epi8(lower, _mm_set1_epi8('a' - 1)),
                      _mm_cmplt_epi8(lower, _mm_set1_epi8('z' + 1)));
    // '-' '.' '/' digits ':' are one range; '/' is not a name character.
    __m128i range = _mm_andnot_si128(
        Eq(v, '/'), _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('-' - 1)),
                                  _mm_cmplt_epi8(v, _mm_set1_epi8(':' + 1))));
    __m128i symbol = _mm_or_si128(_mm_or_si128(high, letter),
                                  _mm_or_si128(range, Eq(v, '_')));
    unsigned other = ~Mask(symbol) & 0xFFFFu;
    unsigned colons = Mask(Eq(v, ':'));
    if (other != 0) colons &= (1u << __builtin_ctz(other)) - 1;
    if (colons != 0 && *colon == nullptr) *colon = p + LowBit(colons);
    if (other != 0) return p + LowBit(other);
  }
#endif
  for (; Is(*p, kSymbol); ++p) {
    if (*p == ':' && *colon == nullptr) *colon = p;
  }
  return p;
}

}  // namespace chorus::xml::scan

#endif  // CHORUS_FORMAT_XML_SCAN_CHARS_H_

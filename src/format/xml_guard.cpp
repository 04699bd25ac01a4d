#include "format/xml_guard.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>

#if defined(__SSE2__) && defined(__x86_64__)
#define CHORUS_SSE2 1
#include <emmintrin.h>
#endif

// GCC reassociates SkipAscii's two chains of ORs into a tree with a
// register OR for every three loads (27 instructions per 256 bytes where
// the chains, each load folded into its OR, take 23): off there.
#if defined(__GNUC__) && !defined(__clang__)
#define CHORUS_NO_REASSOC __attribute__((optimize("no-tree-reassoc")))
#else
#define CHORUS_NO_REASSOC
#endif

namespace chorus::internal {
namespace {

bool IsXmlSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

bool StartsWithAt(std::string_view s, std::size_t at, std::string_view what) {
  return s.size() - at >= what.size() && s.compare(at, what.size(), what) == 0;
}

// XML is case-sensitive, but a lowercase "<!doctype" is still a doctype to
// lenient parsers, so it is refused too.
bool StartsWithDoctype(std::string_view s, std::size_t at) {
  static constexpr std::string_view kDoctype = "<!DOCTYPE";
  if (s.size() - at < kDoctype.size()) return false;
  for (std::size_t k = 0; k < kDoctype.size(); ++k) {
    char c = s[at + k];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c != kDoctype[k]) return false;
  }
  return true;
}

}  // namespace

std::size_t FindDoctype(std::string_view bytes) {
  std::size_t i = StartsWithAt(bytes, 0, kUtf8Bom) ? kUtf8Bom.size() : 0;
  while (i < bytes.size()) {
    while (i < bytes.size() && IsXmlSpace(bytes[i])) ++i;
    if (i >= bytes.size()) break;
    if (StartsWithAt(bytes, i, "<?")) {
      std::size_t end = bytes.find("?>", i + 2);
      if (end == std::string_view::npos) break;
      i = end + 2;
    } else if (StartsWithAt(bytes, i, "<!--")) {
      std::size_t end = bytes.find("-->", i + 4);
      if (end == std::string_view::npos) break;
      i = end + 3;
    } else if (StartsWithDoctype(bytes, i)) {
      return i;
    } else {
      break;  // the root element (or garbage the parser will report)
    }
  }
  return std::string_view::npos;
}

std::size_t Utf8SequenceLength(std::string_view s, std::size_t i,
                               bool allow_truncated) {
  const auto byte = [&](std::size_t k) {
    return static_cast<unsigned char>(s[k]);
  };
  unsigned char c = byte(i);
  if (c < 0x80) return 1;
  std::size_t len;
  unsigned char lo = 0x80, hi = 0xBF;  // range of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;  // no UTF-16 surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  for (std::size_t k = 1; k < len; ++k) {
    if (i + k >= s.size()) return allow_truncated ? s.size() - i : 0;
    unsigned char b = byte(i + k);
    if (k == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF)) return 0;
  }
  return len;
}

CHORUS_NO_REASSOC std::size_t SkipAscii(std::string_view s, std::size_t from) {
  const char* base = s.data();
  const char* end = base + s.size();
  const char* p = base + std::min(from, s.size());
#if CHORUS_SSE2
  auto high = [](__m128i v) {
    return static_cast<unsigned>(_mm_movemask_epi8(v));
  };
  auto at = [&](const char* q, unsigned mask) {
    return static_cast<std::size_t>(q - base) +
           static_cast<std::size_t>(__builtin_ctz(mask));
  };
  if (end - p >= 16) {
    // One unaligned test, then aligned loads: SSE2 folds those into the
    // ORs, so that 256 bytes cost about one instruction per 16 (two chains
    // of ORs, not one: half the latency).
    if (unsigned m = high(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)));
        m != 0) {
      return at(p, m);
    }
    p = reinterpret_cast<const char*>(
        (reinterpret_cast<std::uintptr_t>(p) + 16) & ~std::uintptr_t{15});
    auto any_high = [](const char* q, int blocks) {
      const auto* v = reinterpret_cast<const __m128i*>(q);
      __m128i even = _mm_load_si128(v);
      __m128i odd = _mm_load_si128(v + 1);
      for (int k = 2; k < blocks; k += 2) {
        even = _mm_or_si128(even, _mm_load_si128(v + k));
        odd = _mm_or_si128(odd, _mm_load_si128(v + k + 1));
      }
      return _mm_movemask_epi8(_mm_or_si128(even, odd)) != 0;
    };
    // Up to the last whole block of 256 bytes, compared with != (no
    // remaining size to compute at each step).
    const char* blocks_end =
        p + (static_cast<std::size_t>(end - p) & ~std::size_t{255});
    for (; p != blocks_end; p += 256) {
      if (any_high(p, 16)) break;  // found below
    }
    for (; end - p >= 64; p += 64) {
      if (any_high(p, 4)) break;  // found below, 16 bytes at a time
    }
    for (; end - p >= 16; p += 16) {
      unsigned m = high(_mm_load_si128(reinterpret_cast<const __m128i*>(p)));
      if (m != 0) return at(p, m);
    }
  }
#endif
  while (p < end && static_cast<unsigned char>(*p) < 0x80) ++p;
  return static_cast<std::size_t>(p - base);
}

namespace {

#if CHORUS_SSE2
// Occurrences of the byte in `wanted` within the kLineBlock bytes at `block`:
// four compares summed in byte lanes, then across lanes.
std::size_t CountInFullBlock(const char* block, __m128i wanted) {
  const __m128i zero = _mm_setzero_si128();
  const auto* p = reinterpret_cast<const __m128i*>(block);
  __m128i hits = _mm_sub_epi8(
      _mm_sub_epi8(zero, _mm_cmpeq_epi8(_mm_loadu_si128(p), wanted)),
      _mm_cmpeq_epi8(_mm_loadu_si128(p + 1), wanted));
  hits = _mm_sub_epi8(
      _mm_sub_epi8(hits, _mm_cmpeq_epi8(_mm_loadu_si128(p + 2), wanted)),
      _mm_cmpeq_epi8(_mm_loadu_si128(p + 3), wanted));
  __m128i sums = _mm_sad_epu8(hits, zero);
  return static_cast<std::size_t>(_mm_cvtsi128_si64(sums)) +
         static_cast<std::size_t>(
             _mm_cvtsi128_si64(_mm_unpackhi_epi64(sums, sums)));
}
#endif

// The line index from block `b` on, byte by byte (the last, partial block,
// or every block without SSE2); `count` newlines come before block `b`.
void FillBlocksFrom(std::string_view s, std::size_t b, std::size_t count,
                    std::vector<std::size_t>& before) {
  for (; b < before.size(); ++b) {
    before[b] = count;
    std::size_t end = std::min(s.size(), (b + 1) * kLineBlock);
    for (std::size_t i = b * kLineBlock; i < end; ++i) {
      count += s[i] == '\n' ? 1 : 0;
    }
  }
}

}  // namespace

std::vector<std::size_t> NewlinesBeforeBlocks(std::string_view s) {
  std::vector<std::size_t> before(s.size() / kLineBlock + 1);
  std::size_t count = 0;
  std::size_t b = 0;
#if CHORUS_SSE2
  const char* base = s.data();
  const __m128i newline = _mm_set1_epi8('\n');
  for (; (b + 1) * kLineBlock <= s.size(); ++b) {
    before[b] = count;
    count += CountInFullBlock(base + b * kLineBlock, newline);
  }
#endif
  FillBlocksFrom(s, b, count, before);
  return before;
}

std::size_t CountByte(std::string_view s, char c) {
  std::size_t count = 0;
  std::size_t i = 0;
#if CHORUS_SSE2
  const __m128i wanted = _mm_set1_epi8(c);
  for (; i + kLineBlock <= s.size(); i += kLineBlock) {
    count += CountInFullBlock(s.data() + i, wanted);
  }
#endif
  for (; i < s.size(); ++i) count += s[i] == c ? 1 : 0;
  return count;
}

std::size_t NewlinesInBlock(std::string_view s, std::size_t n) {
#if CHORUS_SSE2
  if (s.size() >= kLineBlock) {
    // One bit per newline in the block, those at n and beyond cleared.
    const __m128i newline = _mm_set1_epi8('\n');
    const auto* p = reinterpret_cast<const __m128i*>(s.data());
    uint64_t bits = 0;
    for (int k = 0; k < 4; ++k) {
      auto mask = static_cast<uint16_t>(
          _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128(p + k), newline)));
      bits |= uint64_t{mask} << (16 * k);
    }
    bits &= (uint64_t{1} << n) - 1;  // n < 64
    std::size_t count = 0;
    for (; bits != 0; bits &= bits - 1) ++count;
    return count;
  }
#endif
  std::size_t count = 0;
  for (std::size_t i = 0; i < n; ++i) count += s[i] == '\n' ? 1 : 0;
  return count;
}

std::string_view LocalName(const pugi::xml_node& node) {
  std::string_view name = node.name();
  std::size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

std::string_view NamespaceOf(const pugi::xml_node& node) {
  std::string_view name = node.name();
  std::size_t colon = name.find(':');
  std::string attr = "xmlns";
  if (colon != std::string_view::npos) {
    attr += ':';
    attr += name.substr(0, colon);
  }
  for (pugi::xml_node n = node; n && n.type() == pugi::node_element;
       n = n.parent()) {
    if (pugi::xml_attribute a = n.attribute(attr.c_str())) return a.value();
  }
  return {};
}

}  // namespace chorus::internal

// Inline comparisons of names and codes for the rule families: most are
// short, compared once per element, and a call to memcmp costs more than
// the comparison itself. Internal to src/rules/.
#ifndef CHORUS_SRC_RULES_INLINE_COMPARE_H_
#define CHORUS_SRC_RULES_INLINE_COMPARE_H_

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "../format/long_name.h"

namespace chorus::rules {

// a == b, inline: the rules compare many short names and codes, where a
// memcmp call costs more than the comparison itself. The readers' SameName.
inline bool ShortEqual(std::string_view a, std::string_view b) {
  return xml::SameName(a, b);
}

// PackBytes for sizeof(Word) <= n < 2 * sizeof(Word): the first and the
// last Word of p[0, n), the last shifted over the bytes they share.
template <typename Word>
inline uint64_t PackOverlapping(const char* p, std::size_t n) {
  Word lo;
  Word hi;
  std::memcpy(&lo, p, sizeof(Word));
  std::memcpy(&hi, p + n - sizeof(Word), sizeof(Word));
  return lo | (static_cast<uint64_t>(hi) << (8 * (n - sizeof(Word))));
}

// The n bytes at p (n <= 8) as a little-endian integer, by word loads
// rather than a byte loop: two overlapping loads for 2 to 7 bytes (the
// overlap holds the same bytes twice, so the OR keeps them).
inline uint64_t PackBytes(const char* p, std::size_t n) {
  static_assert(std::endian::native == std::endian::little,
                "byte i goes to bits 8i: a little-endian load");
  if (n >= 8) {
    uint64_t v;
    std::memcpy(&v, p, 8);
    return v;
  }
  if (n >= 4) return PackOverlapping<uint32_t>(p, n);
  if (n >= 2) return PackOverlapping<uint16_t>(p, n);
  return n == 1 ? static_cast<unsigned char>(p[0]) : 0;
}

// xml::NameKey(name) at run time: the length's low byte, then the first
// (up to) seven bytes (the UBL walk keys every attribute name it meets).
inline uint64_t RuntimeNameKey(std::string_view name) {
  const std::size_t n = name.size();
  return (PackBytes(name.data(), n < 8 ? n : 8) << 8) | (n & 0xFF);
}

// a == b for names whose NameKeys matched (same first seven bytes): the
// last eight bytes, then the words from byte 7 they leave, folded into one
// test, inline (most syntax names are long, the walks compare once per
// element, and a call to memcmp costs more). One exit whatever the name:
// round 7 measured it at about half the instructions of a word loop with an
// exit per word and a clamp on the last one.
inline bool SameTail(std::string_view a, std::string_view b) {
  const std::size_t n = a.size();
  if (n != b.size()) return false;  // NameKey keeps the size modulo 256
  if (n < 8) return true;
  uint64_t x;
  uint64_t y;
  std::memcpy(&x, a.data() + n - 8, 8);
  std::memcpy(&y, b.data() + n - 8, 8);
  uint64_t diff = x ^ y;
  for (std::size_t at = 7; at + 8 < n; at += 8) {
    std::memcpy(&x, a.data() + at, 8);
    std::memcpy(&y, b.data() + at, 8);
    diff |= x ^ y;
  }
  return diff == 0;
}

// s.ends_with(suffix), inline: 8-byte words from the end for suffixes of
// eight bytes or more, else bytes from the end (most names differ in their
// last ones).
inline bool EndsWith(std::string_view s, std::string_view suffix) {
  std::size_t n = suffix.size();
  if (s.size() < n) return false;
  const char* a = s.data() + s.size() - n;
  if (n < 8) {
    for (std::size_t k = n; k > 0; --k) {
      if (a[k - 1] != suffix[k - 1]) return false;
    }
    return true;
  }
  for (std::size_t at = n - 8;; at = at >= 8 ? at - 8 : 0) {
    uint64_t x;
    uint64_t y;
    std::memcpy(&x, a + at, 8);
    std::memcpy(&y, suffix.data() + at, 8);
    if (x != y) return false;
    if (at == 0) return true;
  }
}

// The index of the first '.' in `text`, text.size() when none: a word of
// bytes at a time (most amounts are 4 to 12 bytes), so the search costs
// one or two tests instead of a branch per byte whose exit moves with the
// text. In a word, a zero byte of w ^ '.....' flags bit 7 of that byte;
// a borrow can flag a byte after a true one, never before it, so the
// lowest flag is exact.
inline std::size_t FirstDot(std::string_view text) {
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  constexpr uint64_t kHigh = 0x8080808080808080ull;
  auto dots = [](uint64_t w) {
    w ^= kOnes * '.';
    return (w - kOnes) & ~w & kHigh;
  };
  const char* p = text.data();
  const std::size_t n = text.size();
  if (n >= 8) {
    // The last word overlaps the one before: bytes seen twice held no dot.
    for (std::size_t at = 0;;) {
      uint64_t w;
      std::memcpy(&w, p + at, 8);
      if (const uint64_t m = dots(w)) {
        return at + static_cast<std::size_t>(std::countr_zero(m) / 8);
      }
      if (at + 8 == n) return n;
      at = at + 16 <= n ? at + 8 : n - 8;
    }
  }
  if (n >= 4) {
    // Bytes 0-3 in the low half, n-4..n-1 in the high half.
    uint32_t lo;
    uint32_t hi;
    std::memcpy(&lo, p, 4);
    std::memcpy(&hi, p + n - 4, 4);
    const uint64_t m = dots(lo | (static_cast<uint64_t>(hi) << 32));
    if (m == 0) return n;
    const auto k = static_cast<std::size_t>(std::countr_zero(m) / 8);
    return k < 4 ? k : n + k - 8;
  }
  std::size_t i = 0;
  while (i < n && p[i] != '.') ++i;
  return i;
}

// string-length(substring-after(text, '.')) > 2. It counts the text as
// written, untrimmed: "100.00 " has three characters after the point and
// fails although the model reads it as 100.00.
inline bool OverTwoDecimals(std::string_view text) {
  const std::size_t n = text.size();
  std::size_t i = FirstDot(text);
  // Two bytes or fewer after the point are two characters or fewer: the
  // usual amount answers here.
  if (i >= n || n - i - 1 <= 2) return false;
  std::size_t chars = 0;
  for (++i; i < n; ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && ++chars > 2) {
      return true;
    }
  }
  return false;
}

}  // namespace chorus::rules

#endif  // CHORUS_SRC_RULES_INLINE_COMPARE_H_

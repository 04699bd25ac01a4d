// Decimal's short form, inline: 1 to 8 bytes of [sign] digits [. digits],
// most amounts, quantities and rates. Decimal::ParseInto takes it first;
// readers that parse amounts by the thousand call ParseShortInto themselves,
// so that the common case needs no call (and no zero-filled Decimal to
// overwrite). Internal to chorus (src/model and the readers).
#ifndef CHORUS_SRC_MODEL_DECIMAL_SHORT_H_
#define CHORUS_SRC_MODEL_DECIMAL_SHORT_H_

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>

#include "chorus/model/decimal.h"

namespace chorus::decimal_internal {

// The short form: 1 to 8 bytes, most amounts, quantities and rates. Parsed
// as one 64-bit word with no branch on the digits: where the point is, how
// many digits there are and whether a sign leads vary from value to value,
// and branches on them are the ones a CPU mispredicts when a document's
// values differ from the previous one's.

inline constexpr uint64_t EveryByte(uint8_t b) {
  return 0x0101010101010101ull * b;
}

inline uint32_t Load32(const char* p) {
  uint32_t w;
  std::memcpy(&w, p, sizeof w);
  return w;
}

// Bytes p[0, n) in the low bytes (first byte lowest), zeros above; n in
// [1, 8]. Overlapping loads read no byte outside the string.
[[gnu::always_inline]] inline uint64_t LoadShort(const char* p, size_t n) {
  if (n >= 4) {
    return Load32(p) |
           (static_cast<uint64_t>(Load32(p + n - 4)) << (8 * (n - 4)));
  }
  const auto byte = [&](size_t i) {
    return static_cast<uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
  };
  return byte(0) | byte(n >> 1) | byte(n - 1);
}

// Eight digit values (0..9 per byte, the first digit in the lowest byte) as
// a number: pairs, then quadruples, then the whole, one multiply each.
inline uint64_t EightDigits(uint64_t v) {
  v = v * 10 + (v >> 8);
  v = ((v & 0x00FF00FF00FF00FFull) * (1 + (100ull << 16))) >> 16;
  return ((v & 0x0000FFFF0000FFFFull) * (1 + (10000ull << 32))) >> 32;
}

// [sign] digits [. digits], at least one digit, in p[0, n) with n in
// [1, 8]: its digits as a number (below 10^8), the count after the point
// and the sign. False for anything else, spaces included (the general
// parsers then decide).
[[gnu::always_inline]] inline bool ParseShort(const char* p, size_t n,
                                              uint64_t& value, int& scale,
                                              bool& negative) {
  constexpr uint64_t kHigh = EveryByte(0x80);
  constexpr uint64_t kLow7 = EveryByte(0x7F);
  const bool minus = p[0] == '-';
  const size_t sign = (minus || p[0] == '+') ? 1 : 0;
  const uint64_t x = LoadShort(p, n) >> (8 * sign);
  const size_t m = n - sign;  // digits and point
  if (m == 0) return false;
  const uint64_t used = ~uint64_t{0} >> (64 - 8 * m);
  // A byte y = c ^ '0' is a digit when y <= 9; the point is the byte that
  // equals '.' ^ '0'. Masking to seven bits first keeps the sums within
  // bytes. The bytes past the value read as 0 digits, neither bad nor a
  // point, so the masks below need no `used`.
  const uint64_t y = (x ^ EveryByte('0')) & used;
  const uint64_t not_digit = (((y & kLow7) + EveryByte(0x76)) | y) & kHigh;
  const uint64_t z = y ^ EveryByte('.' ^ '0');
  const uint64_t point = ~(((z & kLow7) + kLow7) | z) & kHigh;
  // Every byte that is not a digit is the point, and there is one at most.
  if ((not_digit ^ point) | (point & (point - 1))) return false;
  const size_t count = m - (point != 0);
  if (count == 0) return false;
  // The digits with the point taken out: those after it move down a byte.
  const uint64_t before = (point >> 7) - 1;  // all bytes when no point
  const uint64_t digits = (y & before) | ((y >> 8) & ~before);
  value = EightDigits(digits << (8 * (8 - count)));
  // Digits after the point: count less those before it (none without one).
  const auto at = static_cast<size_t>(std::countr_zero(point) >> 3);
  scale = point != 0 ? static_cast<int>(count - at) : 0;
  negative = minus;
  return true;
}

// Decimal's fields in their declared order, so that the short form can
// write a Decimal from outside the class: Decimal is trivially copyable,
// and its member functions check this layout against its own
// (decimal_parse.cpp).
struct ShortFields {
  uint32_t limbs[Decimal::kLimbs];
  int16_t scale;
  uint8_t used;
  bool negative;
  bool overflow;
};
static_assert(sizeof(ShortFields) == sizeof(Decimal) &&
              offsetof(ShortFields, scale) + 8 == sizeof(ShortFields) &&
              offsetof(ShortFields, used) == offsetof(ShortFields, scale) + 2 &&
              offsetof(ShortFields, negative) ==
                  offsetof(ShortFields, scale) + 3 &&
              offsetof(ShortFields, overflow) ==
                  offsetof(ShortFields, scale) + 4);
static_assert(std::endian::native == std::endian::little);

// The value of a short form (below 10^8) into the bytes of a Decimal `d`,
// in four stores: the first two limbs as one word, the other eight as
// zeros, then scale, used, sign and overflow (and the padding) as one word.
[[gnu::always_inline]] inline void StoreShort(uint64_t v, int scale,
                                              bool negative, void* d) {
  auto* bytes = static_cast<unsigned char*>(d);
  std::memcpy(bytes, &v, sizeof v);
  std::memset(bytes + sizeof v, 0, offsetof(ShortFields, scale) - sizeof v);
  const uint64_t nonzero = v != 0 ? 1 : 0;
  const uint64_t tail = static_cast<uint16_t>(scale) | nonzero << 16 |
                        (nonzero & static_cast<uint64_t>(negative)) << 24;
  std::memcpy(bytes + offsetof(ShortFields, scale), &tail, sizeof tail);
}

// The short form of `text` stored in the Decimal `target()` gives, asked
// for only on success; false otherwise.
template <typename Target>
[[gnu::always_inline]] inline bool ParseShortTo(std::string_view text,
                                                Target target) {
  const size_t size = text.size();
  if (size - 1 >= 8) return false;
  uint64_t v;
  int scale;
  bool negative;
  if (!ParseShort(text.data(), size, v, scale, negative)) return false;
  StoreShort(v, scale, negative, target());
  return true;
}

// The short form of `text` into `out`; false, `out` untouched, for anything
// else (longer values, spaces, bad text: Decimal::ParseInto decides those).
[[gnu::always_inline]] inline bool ParseShortInto(std::string_view text,
                                                  Decimal& out) {
  return ParseShortTo(text, [&] { return &out; });
}

// The same into an optional, engaged on success (the stores of the value
// cover every byte the default constructor zeroes, so the compiler drops
// those).
[[gnu::always_inline]] inline bool ParseShortInto(std::string_view text,
                                                  std::optional<Decimal>& out) {
  return ParseShortTo(text, [&] { return &out.emplace(); });
}

}  // namespace chorus::decimal_internal

#endif  // CHORUS_SRC_MODEL_DECIMAL_SHORT_H_

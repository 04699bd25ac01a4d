// Decimal's parsers: xs:decimal lexical forms (and, for ParseWithExponent,
// xs:double's exponent), with a uint64 fast path for the short amounts,
// quantities and rates that make up nearly all of an invoice.
#include <bit>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>

#include "chorus/model/decimal.h"
#include "model/decimal_store.h"
#include "model/decimal_wide.h"

namespace chorus {
namespace {

using decimal_internal::Limbs;
using decimal_internal::Store;
using decimal_internal::StoreSmall;
using decimal_internal::Wide;

bool IsXmlSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool ParseWide(std::string_view s, bool allow_exponent, Wide& w) {
  size_t b = 0;
  size_t e = s.size();
  while (b < e && IsXmlSpace(s[b])) ++b;
  while (e > b && IsXmlSpace(s[e - 1])) --e;
  if (b == e) return false;
  size_t i = b;
  if (s[i] == '+' || s[i] == '-') {
    w.neg = s[i] == '-';
    ++i;
  }
  const size_t int_begin = i;
  while (i < e && IsDigit(s[i])) ++i;
  const size_t int_end = i;
  size_t frac_begin = i;
  size_t frac_end = i;
  if (i < e && s[i] == '.') {
    ++i;
    frac_begin = i;
    while (i < e && IsDigit(s[i])) ++i;
    frac_end = i;
  }
  if (int_end == int_begin && frac_end == frac_begin) return false;
  long exponent = 0;
  if (allow_exponent && i < e && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    bool exp_neg = false;
    if (i < e && (s[i] == '+' || s[i] == '-')) {
      exp_neg = s[i] == '-';
      ++i;
    }
    const size_t exp_begin = i;
    while (i < e && IsDigit(s[i])) {
      // Anything this large over- or underflows anyway; stop growing.
      if (exponent < 1000000) exponent = exponent * 10 + (s[i] - '0');
      ++i;
    }
    if (i == exp_begin) return false;
    if (exp_neg) exponent = -exponent;
  }
  if (i != e) return false;

  // Significant digits: the integer part without leading zeros followed by
  // the fraction, or only the fraction after its leading zeros.
  size_t p = int_begin;
  while (p < int_end && s[p] == '0') ++p;
  char buf[Decimal::kMaxDigits];
  size_t sig = 0;
  const size_t frac_len = frac_end - frac_begin;
  if (p < int_end) {
    sig = (int_end - p) + frac_len;
    if (sig > static_cast<size_t>(Decimal::kMaxDigits)) return false;
    std::memcpy(buf, s.data() + p, int_end - p);
    std::memcpy(buf + (int_end - p), s.data() + frac_begin, frac_len);
  } else {
    size_t q = frac_begin;
    while (q < frac_end && s[q] == '0') ++q;
    sig = frac_end - q;
    if (sig > static_cast<size_t>(Decimal::kMaxDigits)) return false;
    std::memcpy(buf, s.data() + q, sig);
  }
  const long scale = static_cast<long>(frac_len) - exponent;
  if (!allow_exponent && scale > Decimal::kMaxScale) return false;
  if (scale > 1000000) return false;  // even the digits can't bring it back

  int n = 0;
  int pos = static_cast<int>(sig);
  while (pos > 0) {
    const int start = std::max(0, pos - 9);
    uint32_t v = 0;
    for (int k = start; k < pos; ++k)
      v = v * 10 + static_cast<uint32_t>(buf[k] - '0');
    w.d[n++] = v;
    pos = start;
  }
  w.n = n;
  Trim(w);
  if (scale < 0) {
    ShiftLeft(w, static_cast<int>(-scale));
    w.scale = 0;
  } else {
    w.scale = static_cast<int>(scale);
  }
  return !w.ovf;
}

// ---------------------------------------------------------------------------
// The short form: 1 to 8 bytes, most amounts, quantities and rates. Parsed
// as one 64-bit word with no branch on the digits: where the point is, how
// many digits there are and whether a sign leads vary from value to value,
// and branches on them are the ones a CPU mispredicts when a document's
// values differ from the previous one's.

constexpr uint64_t EveryByte(uint8_t b) { return 0x0101010101010101ull * b; }

uint32_t Load32(const char* p) {
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
uint64_t EightDigits(uint64_t v) {
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

// StoreSmall for a value below 10^9: one limb, no loop.
[[gnu::always_inline]] inline void StoreShort(uint64_t v, int scale,
                                              bool negative, Limbs& limbs,
                                              uint8_t& used, int16_t& out_scale,
                                              bool& neg, bool& ovf) {
  limbs.fill(0);
  limbs[0] = static_cast<uint32_t>(v);
  used = v != 0 ? 1 : 0;
  out_scale = static_cast<int16_t>(scale);
  neg = negative && v != 0;
  ovf = false;
}

// ---------------------------------------------------------------------------

enum class SmallParse { kOk, kInvalid, kTooLong };

// Digits from `p` on, accumulated into `v`; returns where they stop.
const char* AccumulateDigits(const char* p, const char* end, uint64_t& v) {
  for (; p < end; ++p) {
    const auto d = static_cast<unsigned>(static_cast<unsigned char>(*p)) - '0';
    if (d > 9) break;
    v = v * 10 + d;
  }
  return p;
}

// ParseSmall's general loop, which counts significant digits as it goes.
SmallParse ParseSmallCounted(std::string_view s, uint64_t& value, int& scale,
                             bool& negative);

// The xs:decimal lexical form of ParseWide (without exponent) when it has
// at most 18 digits in all, as a magnitude below 10^18 and its scale;
// kTooLong leaves the others to ParseSmallCounted, then to the general
// parser (ParseSlow).
[[gnu::always_inline]] inline SmallParse ParseSmall(std::string_view s,
                                                    uint64_t& value, int& scale,
                                                    bool& negative) {
  // Most values have at most 18 digits in all, so none can overflow and the
  // significant ones need no counting: one pass per part.
  const char* p = s.data();
  const char* end = p + s.size();
  while (p < end && IsXmlSpace(*p)) ++p;
  while (end > p && IsXmlSpace(end[-1])) --end;
  if (end - p > 19) return SmallParse::kTooLong;
  if (p == end) return SmallParse::kInvalid;
  bool minus = false;
  if (*p == '+' || *p == '-') {
    minus = *p == '-';
    ++p;
  }
  uint64_t v = 0;
  const char* int_end = AccumulateDigits(p, end, v);
  std::ptrdiff_t digits = int_end - p;
  int fraction = 0;
  p = int_end;
  if (p < end && *p == '.') {
    const char* frac_end = AccumulateDigits(p + 1, end, v);
    fraction = static_cast<int>(frac_end - (p + 1));
    p = frac_end;
  }
  if (p != end || digits + fraction == 0) return SmallParse::kInvalid;
  if (digits + fraction > 18) return SmallParse::kTooLong;
  negative = minus;
  value = v;
  scale = fraction;
  return SmallParse::kOk;
}

SmallParse ParseSmallCounted(std::string_view s, uint64_t& value, int& scale,
                             bool& negative) {
  size_t b = 0;
  size_t e = s.size();
  while (b < e && IsXmlSpace(s[b])) ++b;
  while (e > b && IsXmlSpace(s[e - 1])) --e;
  if (b == e) return SmallParse::kInvalid;
  size_t i = b;
  if (s[i] == '+' || s[i] == '-') {
    negative = s[i] == '-';
    ++i;
  }
  uint64_t v = 0;
  int significant = 0;
  bool digits = false;
  int fraction = 0;
  bool point = false;
  for (; i < e; ++i) {
    const char c = s[i];
    if (IsDigit(c)) {
      digits = true;
      const auto d = static_cast<uint64_t>(c - '0');
      if (significant > 0 || d != 0) {
        if (++significant > 18) return SmallParse::kTooLong;
      }
      v = v * 10 + d;
      if (point) ++fraction;
    } else if (c == '.' && !point) {
      point = true;
    } else {
      return SmallParse::kInvalid;
    }
  }
  if (!digits || fraction > Decimal::kMaxScale) return SmallParse::kInvalid;
  value = v;
  scale = fraction;
  return SmallParse::kOk;
}

// Runs `parse` (ParseSmall or ParseSmallCounted) on `text` and stores the
// value it reads: 1 when stored, 0 when invalid, -1 (fields untouched) when
// the value is too long for it.
template <typename SmallParser>
[[gnu::always_inline]] inline int TrySmall(SmallParser parse,
                                           std::string_view text, Limbs& limbs,
                                           uint8_t& used, int16_t& scale,
                                           bool& neg, bool& ovf) {
  uint64_t small = 0;
  int small_scale = 0;
  bool small_negative = false;
  switch (parse(text, small, small_scale, small_negative)) {
    case SmallParse::kInvalid:
      return 0;
    case SmallParse::kOk:
      StoreSmall(small, small_scale, small_negative, limbs, used, scale, neg,
                 ovf);
      return 1;
    case SmallParse::kTooLong:
      break;
  }
  return -1;
}

// ParseFields for what ParseSmall leaves: longer digit strings, up to the
// general multi-limb parser. Out of line, so that the fast path carries
// neither its stack frame (a Wide) nor its calls.
[[gnu::noinline]] bool ParseSlow(std::string_view text, Limbs& limbs,
                                 uint8_t& used, int16_t& scale, bool& neg,
                                 bool& ovf) {
  const auto counted = [](std::string_view t, uint64_t& v, int& sc, bool& n) {
    return ParseSmallCounted(t, v, sc, n);
  };
  if (int r = TrySmall(counted, text, limbs, used, scale, neg, ovf); r >= 0) {
    return r == 1;
  }
  Wide w;
  if (!ParseWide(text, false, w)) return false;
  Limbs l;
  uint8_t u = 0;
  int16_t s = 0;
  bool n = false;
  bool o = false;
  Store(w, l, u, s, n, o);
  if (o) return false;
  limbs = l;
  used = u;
  scale = s;
  neg = n;
  ovf = false;
  return true;
}

// The short form of 1 to 8 bytes (ParseShort) stored; false, the fields
// untouched, for anything else.
[[gnu::always_inline]] inline bool TryShort(std::string_view text, Limbs& limbs,
                                            uint8_t& used, int16_t& scale,
                                            bool& neg, bool& ovf) {
  const size_t size = text.size();
  if (size - 1 >= 8) return false;
  uint64_t v;
  int sc;
  bool negative;
  if (!ParseShort(text.data(), size, v, sc, negative)) return false;
  StoreShort(v, sc, negative, limbs, used, scale, neg, ovf);
  return true;
}

// Parse's body, inlined into both entry points so that neither pays a call
// per amount. Leaves the fields untouched on failure. Amounts, quantities
// and rates are short: most parse straight into a uint64 and one limb.
[[gnu::always_inline]] inline bool ParseFields(std::string_view text,
                                               Limbs& limbs, uint8_t& used,
                                               int16_t& scale, bool& neg,
                                               bool& ovf) {
  if (TryShort(text, limbs, used, scale, neg, ovf)) return true;
  const auto small = [](std::string_view t, uint64_t& v, int& sc, bool& n) {
    return ParseSmall(t, v, sc, n);
  };
  if (int r = TrySmall(small, text, limbs, used, scale, neg, ovf); r >= 0) {
    return r == 1;
  }
  return ParseSlow(text, limbs, used, scale, neg, ovf);
}

// ParseInto for what ParseShort does not take (longer values, spaces, odd
// forms), through Parse. Out of line, so that the short path, nearly every
// amount, needs no callee-saved registers (no pushes and pops per call).
[[gnu::noinline]] bool ParseIntoNotShort(std::string_view text, Decimal& out) {
  std::optional<Decimal> r = Decimal::Parse(text);
  if (!r) return false;
  out = *r;
  return true;
}

}  // namespace

bool Decimal::ParseInto(std::string_view text, Decimal& out) {
  if (TryShort(text, out.limbs_, out.used_, out.scale_, out.negative_,
               out.overflow_)) {
    return true;
  }
  return ParseIntoNotShort(text, out);
}

std::optional<Decimal> Decimal::Parse(std::string_view text) {
  std::optional<Decimal> r(std::in_place);
  if (!ParseFields(text, r->limbs_, r->used_, r->scale_, r->negative_,
                   r->overflow_)) {
    r.reset();
  }
  return r;
}

std::optional<Decimal> Decimal::ParseWithExponent(std::string_view text) {
  Wide w;
  if (!ParseWide(text, true, w)) return std::nullopt;
  Decimal r;
  Store(w, r.limbs_, r.used_, r.scale_, r.negative_, r.overflow_);
  if (r.overflow_) return std::nullopt;
  return r;
}

}  // namespace chorus

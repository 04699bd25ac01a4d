// Decimal's parsers: xs:decimal lexical forms (and, for ParseWithExponent,
// xs:double's exponent), with a uint64 fast path for the short amounts,
// quantities and rates that make up nearly all of an invoice.
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>

#include "chorus/model/decimal.h"
#include "model/decimal_short.h"
#include "model/decimal_store.h"
#include "model/decimal_wide.h"

namespace chorus {
namespace {

using decimal_internal::Limbs;
using decimal_internal::ParseShortInto;
using decimal_internal::ShortFields;
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

// Parse's body, inlined into both entry points so that neither pays a call
// per amount. Leaves the fields untouched on failure. Amounts, quantities
// and rates are short: most parse straight into a uint64 and one limb.
[[gnu::always_inline]] inline bool ParseFields(std::string_view text,
                                               Limbs& limbs, uint8_t& used,
                                               int16_t& scale, bool& neg,
                                               bool& ovf) {
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
  // ShortFields writes a Decimal through this layout.
  static_assert(
      offsetof(Decimal, limbs_) == offsetof(ShortFields, limbs) &&
      offsetof(Decimal, scale_) == offsetof(ShortFields, scale) &&
      offsetof(Decimal, used_) == offsetof(ShortFields, used) &&
      offsetof(Decimal, negative_) == offsetof(ShortFields, negative) &&
      offsetof(Decimal, overflow_) == offsetof(ShortFields, overflow));
  if (ParseShortInto(text, out)) return true;
  return ParseIntoNotShort(text, out);
}

std::optional<Decimal> Decimal::Parse(std::string_view text) {
  std::optional<Decimal> r(std::in_place);
  if (ParseShortInto(text, *r)) return r;
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

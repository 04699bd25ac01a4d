#include "chorus/model/decimal.h"

#include <algorithm>
#include <cstring>

#include "model/decimal_wide.h"

namespace chorus {
namespace {

using decimal_internal::AddSigned;
using decimal_internal::Align;
using decimal_internal::CompareMag;
using decimal_internal::DivMag;
using decimal_internal::kBase;
using decimal_internal::MulMag;
using decimal_internal::RoundMode;
using decimal_internal::RoundWide;
using decimal_internal::ShiftLeft;
using decimal_internal::ShiftRight;
using decimal_internal::TrailingZeros;
using decimal_internal::Trim;
using decimal_internal::Wide;

using Limbs = std::array<uint32_t, Decimal::kLimbs>;

bool IsXmlSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

Wide Load(const Limbs& limbs, int used, int scale, bool neg, bool ovf) {
  Wide w;
  std::memcpy(w.d, limbs.data(), sizeof(uint32_t) * used);
  w.n = used;
  w.scale = scale;
  w.neg = neg;
  w.ovf = ovf;
  return w;
}

// Writes the result into a Decimal's fields, dropping fraction trailing zeros
// only when needed to fit; flags overflow when even that is not enough.
void Store(Wide w, Limbs& limbs, uint8_t& used, int16_t& scale, bool& neg,
           bool& ovf) {
  Trim(w);
  if (!w.ovf && (w.n > Decimal::kLimbs || w.scale > Decimal::kMaxScale)) {
    const int tz = TrailingZeros(w, w.scale);
    ShiftRight(w, tz);
    w.scale -= tz;
  }
  limbs.fill(0);
  if (w.ovf || w.n > Decimal::kLimbs || w.scale > Decimal::kMaxScale ||
      w.scale < 0) {
    used = 0;
    scale = 0;
    neg = false;
    ovf = true;
    return;
  }
  std::memcpy(limbs.data(), w.d, sizeof(uint32_t) * w.n);
  used = static_cast<uint8_t>(w.n);
  scale = static_cast<int16_t>(w.scale);
  neg = w.neg && w.n > 0;
  ovf = false;
}

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

// Digits of the magnitude, no leading zeros; empty for zero.
std::string MagDigits(const Limbs& limbs, int used) {
  std::string out;
  if (used == 0) return out;
  char buf[16];
  int len = 0;
  uint32_t top = limbs[used - 1];
  while (top > 0) {
    buf[len++] = static_cast<char>('0' + top % 10);
    top /= 10;
  }
  out.reserve(static_cast<size_t>(len + 9 * (used - 1)));
  while (len > 0) out.push_back(buf[--len]);
  for (int i = used - 2; i >= 0; --i) {
    uint32_t v = limbs[i];
    char chunk[9];
    for (int k = 8; k >= 0; --k) {
      chunk[k] = static_cast<char>('0' + v % 10);
      v /= 10;
    }
    out.append(chunk, 9);
  }
  return out;
}

std::string Format(const Limbs& limbs, int used, int scale, bool neg) {
  std::string digits = MagDigits(limbs, used);
  std::string out;
  if (neg && used > 0) out.push_back('-');
  const int len = static_cast<int>(digits.size());
  if (scale == 0) {
    out += digits.empty() ? "0" : digits;
  } else if (len <= scale) {
    out += "0.";
    out.append(static_cast<size_t>(scale - len), '0');
    out += digits;
  } else {
    out.append(digits, 0, static_cast<size_t>(len - scale));
    out.push_back('.');
    out.append(digits, static_cast<size_t>(len - scale), std::string::npos);
  }
  return out;
}

// Fast paths: most amounts fit in two limbs (< 10^18), where uint64
// arithmetic avoids the general multi-limb machinery.
constexpr uint64_t kPow10U64[20] = {1ull,
                                    10ull,
                                    100ull,
                                    1000ull,
                                    10000ull,
                                    100000ull,
                                    1000000ull,
                                    10000000ull,
                                    100000000ull,
                                    1000000000ull,
                                    10000000000ull,
                                    100000000000ull,
                                    1000000000000ull,
                                    10000000000000ull,
                                    100000000000000ull,
                                    1000000000000000ull,
                                    10000000000000000ull,
                                    100000000000000000ull,
                                    1000000000000000000ull,
                                    10000000000000000000ull};

uint64_t SmallValue(const Limbs& limbs, int used) {
  if (used == 0) return 0;
  if (used == 1) return limbs[0];
  return static_cast<uint64_t>(limbs[1]) * kBase + limbs[0];
}

// v * 10^k when it fits in uint64.
bool ScaleSmall(uint64_t v, int k, uint64_t& out) {
  if (k >= 20) return v == 0 ? (out = 0, true) : false;
  return !__builtin_mul_overflow(v, kPow10U64[k], &out);
}

[[gnu::always_inline]] inline void StoreSmall(uint64_t v, int scale,
                                              bool negative, Limbs& limbs,
                                              uint8_t& used, int16_t& out_scale,
                                              bool& neg, bool& ovf) {
  limbs.fill(0);
  int n = 0;
  if (v < kBase) {
    // One limb (values below 10^9: most amounts), no division.
    limbs[0] = static_cast<uint32_t>(v);
    n = v > 0 ? 1 : 0;
  } else {
    while (v > 0) {
      limbs[n++] = static_cast<uint32_t>(v % kBase);
      v /= kBase;
    }
  }
  used = static_cast<uint8_t>(n);
  out_scale = static_cast<int16_t>(scale);
  neg = negative && n > 0;
  ovf = false;
}

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

}  // namespace

Decimal::Decimal(long long v) {
  negative_ = v < 0;
  unsigned long long u = negative_ ? 0ull - static_cast<unsigned long long>(v)
                                   : static_cast<unsigned long long>(v);
  int n = 0;
  while (u > 0) {
    limbs_[n++] = static_cast<uint32_t>(u % kBase);
    u /= kBase;
  }
  used_ = static_cast<uint8_t>(n);
  Normalize();
}

void Decimal::Normalize() {
  while (used_ > 0 && limbs_[used_ - 1] == 0) --used_;
  if (used_ == 0) negative_ = false;
}

namespace {

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
// and rates are short: most parse straight into a uint64 and one or two
// limbs.
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

}  // namespace

bool Decimal::ParseInto(std::string_view text, Decimal& out) {
  return ParseFields(text, out.limbs_, out.used_, out.scale_, out.negative_,
                     out.overflow_);
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

std::string Decimal::ToString() const {
  if (overflow_) return "overflow";
  return Format(limbs_, used_, scale_, negative_);
}

std::string Decimal::ToCanonical() const {
  if (overflow_) return "overflow";
  const int tz = FractionDigits();
  if (tz == scale_) return ToString();
  return Truncate(tz).ToString();
}

std::string Decimal::ToFixed(int decimals) const {
  if (overflow_) return "overflow";
  if (decimals < 0) decimals = 0;
  const Decimal r = RoundHalfUp(decimals);
  std::string out = r.ToString();
  if (r.overflow_) return out;
  if (r.scale_ < decimals) {
    if (r.scale_ == 0) out.push_back('.');
    out.append(static_cast<size_t>(decimals - r.scale_), '0');
  }
  return out;
}

bool Decimal::IsZero() const { return used_ == 0 && !overflow_; }

int Decimal::FractionDigits() const {
  if (used_ == 0) return 0;
  const Wide w = Load(limbs_, used_, scale_, negative_, overflow_);
  return scale_ - TrailingZeros(w, scale_);
}

Decimal Decimal::operator-() const {
  Decimal r = *this;
  if (!r.overflow_ && r.used_ > 0) r.negative_ = !r.negative_;
  return r;
}

Decimal Decimal::Abs() const {
  Decimal r = *this;
  r.negative_ = false;
  return r;
}

// The multi-limb sum, out of line so that the fast path carries neither its
// stack frame (Wides passed by value) nor its register saves.
[[gnu::noinline]] Decimal Decimal::AddSlow(const Decimal& a, const Decimal& b,
                                           bool b_negative) {
  const Wide w =
      AddSigned(Load(a.limbs_, a.used_, a.scale_, a.negative_, a.overflow_),
                Load(b.limbs_, b.used_, b.scale_, b_negative, b.overflow_));
  Decimal r;
  Store(w, r.limbs_, r.used_, r.scale_, r.negative_, r.overflow_);
  return r;
}

// a + b with b's sign taken as `b_negative`, so that a - b needs no copy of
// -b (a zero b is never negative either way).
[[gnu::always_inline]] inline Decimal Decimal::Add(const Decimal& a,
                                                   const Decimal& b,
                                                   bool b_negative) {
  if (a.used_ <= 2 && b.used_ <= 2 && !a.overflow_ && !b.overflow_) {
    const int scale = std::max(a.scale_, b.scale_);
    uint64_t x = SmallValue(a.limbs_, a.used_);
    uint64_t y = SmallValue(b.limbs_, b.used_);
    // Sums of amounts usually share a scale: both are below 10^18, so
    // neither scaling nor an overflow check is needed.
    if ((a.scale_ == b.scale_) || (ScaleSmall(x, scale - a.scale_, x) &&
                                   ScaleSmall(y, scale - b.scale_, y) &&
                                   x < (1ull << 62) && y < (1ull << 62))) {
      Decimal r;
      if (a.negative_ == b_negative) {
        StoreSmall(x + y, scale, a.negative_, r.limbs_, r.used_, r.scale_,
                   r.negative_, r.overflow_);
      } else if (x >= y) {
        StoreSmall(x - y, scale, a.negative_, r.limbs_, r.used_, r.scale_,
                   r.negative_, r.overflow_);
      } else {
        StoreSmall(y - x, scale, b_negative, r.limbs_, r.used_, r.scale_,
                   r.negative_, r.overflow_);
      }
      if (scale <= Decimal::kMaxScale) return r;
    }
  }
  return AddSlow(a, b, b_negative);
}

Decimal operator+(const Decimal& a, const Decimal& b) {
  return Decimal::Add(a, b, b.negative_);
}

Decimal operator-(const Decimal& a, const Decimal& b) {
  // -b flips the sign of non-zero, non-overflowed values only.
  return Decimal::Add(a, b, b.negative_ != (b.used_ > 0 && !b.overflow_));
}

Decimal operator*(const Decimal& a, const Decimal& b) {
  if (a.used_ <= 2 && b.used_ <= 2 && !a.overflow_ && !b.overflow_ &&
      a.scale_ + b.scale_ <= Decimal::kMaxScale) {
    uint64_t p = 0;
    if (!__builtin_mul_overflow(SmallValue(a.limbs_, a.used_),
                                SmallValue(b.limbs_, b.used_), &p)) {
      Decimal r;
      StoreSmall(p, a.scale_ + b.scale_, a.negative_ != b.negative_, r.limbs_,
                 r.used_, r.scale_, r.negative_, r.overflow_);
      return r;
    }
  }
  return Decimal::MulSlow(a, b);
}

// Out of line for the same reason as AddSlow.
[[gnu::noinline]] Decimal Decimal::MulSlow(const Decimal& a, const Decimal& b) {
  const Wide w =
      MulMag(Load(a.limbs_, a.used_, a.scale_, a.negative_, a.overflow_),
             Load(b.limbs_, b.used_, b.scale_, b.negative_, b.overflow_));
  Decimal r;
  Store(w, r.limbs_, r.used_, r.scale_, r.negative_, r.overflow_);
  return r;
}

std::optional<Decimal> Decimal::Divide(const Decimal& a, const Decimal& b,
                                       int max_scale) {
  if (b.IsZero()) return std::nullopt;
  Decimal r;
  if (a.overflow_ || b.overflow_) {
    r.overflow_ = true;
    return r;
  }
  max_scale = std::clamp(max_scale, 0, kMaxScale);
  // |a| / |b| * 10^m == A * 10^(m + sb - sa) / B for magnitudes A, B.
  Wide num = Load(a.limbs_, a.used_, 0, false, false);
  Wide den = Load(b.limbs_, b.used_, 0, false, false);
  const int e = max_scale + b.scale_ - a.scale_;
  if (e >= 0) {
    ShiftLeft(num, e);
  } else {
    ShiftLeft(den, -e);
  }
  Wide q = DivMag(num, den);
  q.ovf = num.ovf || den.ovf;
  q.neg = a.negative_ != b.negative_;
  const int tz = TrailingZeros(q, max_scale);
  ShiftRight(q, tz);
  q.scale = max_scale - tz;
  Store(q, r.limbs_, r.used_, r.scale_, r.negative_, r.overflow_);
  return r;
}

Decimal Decimal::ScaleDown(int n) const {
  if (n <= 0 || overflow_) return *this;
  if (n <= kMaxScale - scale_) {
    // What Store does when the scale stays in range: the limbs, already
    // trimmed, as they are.
    Decimal r = *this;
    r.scale_ = static_cast<int16_t>(scale_ + n);
    return r;
  }
  Wide w = Load(limbs_, used_, scale_, negative_, overflow_);
  w.scale += n;
  Decimal r;
  Store(w, r.limbs_, r.used_, r.scale_, r.negative_, r.overflow_);
  return r;
}

namespace {

// RoundWide for magnitudes below 10^18 and non-negative `decimals`.
bool RoundSmall(uint64_t v, int scale, bool neg, int decimals, RoundMode mode,
                uint64_t& out) {
  const int k = scale - decimals;
  if (decimals < 0 || k > 18) return false;
  const uint64_t p = kPow10U64[k];
  uint64_t q = v / p;
  const uint64_t r = v % p;
  const uint64_t half = p / 2;
  bool up = false;
  switch (mode) {
    case RoundMode::kHalfUp:
      up = r > half || (r == half && !neg);
      break;
    case RoundMode::kHalfEven:
      up = r > half || (r == half && (q & 1u) != 0);
      break;
    case RoundMode::kTruncate:
      break;
  }
  out = q + (up ? 1 : 0);
  return true;
}

void RoundInto(const Limbs& limbs, int used, int scale, bool neg, int decimals,
               RoundMode mode, Limbs& out_limbs, uint8_t& out_used,
               int16_t& out_scale, bool& out_neg, bool& out_ovf) {
  uint64_t small = 0;
  if (used <= 2 &&
      RoundSmall(SmallValue(limbs, used), scale, neg, decimals, mode, small)) {
    StoreSmall(small, decimals, neg, out_limbs, out_used, out_scale, out_neg,
               out_ovf);
    return;
  }
  Store(RoundWide(Load(limbs, used, scale, neg, false), decimals, mode),
        out_limbs, out_used, out_scale, out_neg, out_ovf);
}

}  // namespace

Decimal Decimal::RoundHalfUp(int decimals) const {
  if (overflow_ || scale_ <= decimals) return *this;
  Decimal r;
  RoundInto(limbs_, used_, scale_, negative_, decimals, RoundMode::kHalfUp,
            r.limbs_, r.used_, r.scale_, r.negative_, r.overflow_);
  return r;
}

Decimal Decimal::RoundHalfEven(int decimals) const {
  if (overflow_ || scale_ <= decimals) return *this;
  Decimal r;
  RoundInto(limbs_, used_, scale_, negative_, decimals, RoundMode::kHalfEven,
            r.limbs_, r.used_, r.scale_, r.negative_, r.overflow_);
  return r;
}

Decimal Decimal::Truncate(int decimals) const {
  if (overflow_ || scale_ <= decimals) return *this;
  Decimal r;
  RoundInto(limbs_, used_, scale_, negative_, decimals, RoundMode::kTruncate,
            r.limbs_, r.used_, r.scale_, r.negative_, r.overflow_);
  return r;
}

int Decimal::CompareMagnitude(const Decimal& a, const Decimal& b) {
  if (a.scale_ == b.scale_) {
    if (a.used_ != b.used_) return a.used_ < b.used_ ? -1 : 1;
    for (int i = a.used_ - 1; i >= 0; --i) {
      if (a.limbs_[i] != b.limbs_[i]) return a.limbs_[i] < b.limbs_[i] ? -1 : 1;
    }
    return 0;
  }
  if (a.used_ <= 2 && b.used_ <= 2) {
    const int scale = std::max(a.scale_, b.scale_);
    uint64_t x = 0;
    uint64_t y = 0;
    if (ScaleSmall(SmallValue(a.limbs_, a.used_), scale - a.scale_, x) &&
        ScaleSmall(SmallValue(b.limbs_, b.used_), scale - b.scale_, y)) {
      return x < y ? -1 : (x > y ? 1 : 0);
    }
  }
  Wide wa = Load(a.limbs_, a.used_, a.scale_, false, false);
  Wide wb = Load(b.limbs_, b.used_, b.scale_, false, false);
  Align(wa, wb);
  return CompareMag(wa, wb);
}

bool Decimal::EqualSlow(const Decimal& a, const Decimal& b) {
  if (a.overflow_ || b.overflow_) return false;
  if (a.IsNegative() != b.IsNegative()) return false;
  if (a.used_ == 0 || b.used_ == 0) return a.used_ == b.used_;
  return Decimal::CompareMagnitude(a, b) == 0;
}

std::partial_ordering operator<=>(const Decimal& a, const Decimal& b) {
  if (a.overflow_ || b.overflow_) return std::partial_ordering::unordered;
  const int sa = a.IsNegative() ? -1 : (a.used_ == 0 ? 0 : 1);
  const int sb = b.IsNegative() ? -1 : (b.used_ == 0 ? 0 : 1);
  if (sa != sb)
    return sa < sb ? std::partial_ordering::less
                   : std::partial_ordering::greater;
  if (sa == 0) return std::partial_ordering::equivalent;
  int c = Decimal::CompareMagnitude(a, b);
  if (sa < 0) c = -c;
  if (c < 0) return std::partial_ordering::less;
  if (c > 0) return std::partial_ordering::greater;
  return std::partial_ordering::equivalent;
}

}  // namespace chorus

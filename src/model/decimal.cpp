#include "chorus/model/decimal.h"

#include <algorithm>
#include <cstring>

#include "model/decimal_store.h"
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

using decimal_internal::Limbs;
using decimal_internal::Store;
using decimal_internal::StoreSmall;

Wide Load(const Limbs& limbs, int used, int scale, bool neg, bool ovf) {
  Wide w;
  std::memcpy(w.d, limbs.data(), sizeof(uint32_t) * used);
  w.n = used;
  w.scale = scale;
  w.neg = neg;
  w.ovf = ovf;
  return w;
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
}  // namespace

namespace decimal_internal {

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

}  // namespace decimal_internal

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

#include "model/decimal_wide.h"

#include <algorithm>
#include <cstring>

#include "chorus/model/decimal.h"

namespace chorus::decimal_internal {
namespace {

int DigitAt(const Wide& w, int pos) {
  const int limb = pos / 9;
  if (limb >= w.n) return 0;
  return static_cast<int>((w.d[limb] / kPow10[pos % 9]) % 10);
}

// True when any digit strictly below position `pos` is non-zero.
bool AnyDigitBelow(const Wide& w, int pos) {
  const int limb = pos / 9;
  const int full = std::min(limb, w.n);
  for (int i = 0; i < full; ++i) {
    if (w.d[i] != 0) return true;
  }
  return limb < w.n && w.d[limb] % kPow10[pos % 9] != 0;
}

// Sign of (magnitude mod 10^k) - 5 * 10^(k-1), k >= 1.
int CompareRemainderToHalf(const Wide& w, int k) {
  const int top = DigitAt(w, k - 1);
  if (top != 5) return top > 5 ? 1 : -1;
  return AnyDigitBelow(w, k - 1) ? 1 : 0;
}

void AddMagInto(Wide& a, const Wide& b) {
  const int n = std::max(a.n, b.n);
  uint32_t carry = 0;
  for (int i = 0; i < n; ++i) {
    uint32_t v = (i < a.n ? a.d[i] : 0) + (i < b.n ? b.d[i] : 0) + carry;
    carry = v >= kBase ? 1 : 0;
    a.d[i] = carry ? v - kBase : v;
  }
  a.n = n;
  if (carry) {
    if (n == kWideLimbs) {
      a.ovf = true;
      return;
    }
    a.d[a.n++] = carry;
  }
}

// a -= b, requires |a| >= |b|.
void SubMagInto(Wide& a, const Wide& b) {
  uint32_t borrow = 0;
  for (int i = 0; i < a.n; ++i) {
    const uint32_t sub = (i < b.n ? b.d[i] : 0) + borrow;
    if (a.d[i] >= sub) {
      a.d[i] -= sub;
      borrow = 0;
    } else {
      a.d[i] = a.d[i] + kBase - sub;
      borrow = 1;
    }
  }
  Trim(a);
}

void AddOne(Wide& w) {
  Wide one;
  one.d[0] = 1;
  one.d[1] = 0;
  one.n = 1;
  AddMagInto(w, one);
}

}  // namespace

void Trim(Wide& w) {
  while (w.n > 0 && w.d[w.n - 1] == 0) --w.n;
}

// Multiplies the magnitude by 10^k.
void ShiftLeft(Wide& w, int k) {
  if (w.n == 0 || k <= 0 || w.ovf) return;
  const int a = k / 9;
  const int b = k % 9;
  if (w.n + a + (b > 0 ? 1 : 0) > kWideLimbs) {
    w.ovf = true;
    return;
  }
  uint32_t out[kWideLimbs] = {};
  if (b == 0) {
    for (int i = 0; i < w.n; ++i) out[i + a] = w.d[i];
  } else {
    const uint32_t split = kPow10[9 - b];
    for (int i = 0; i < w.n; ++i) {
      out[i + a] += (w.d[i] % split) * kPow10[b];
      out[i + a + 1] += w.d[i] / split;
    }
  }
  const int n = w.n + a + (b > 0 ? 1 : 0);
  std::memcpy(w.d, out, sizeof(uint32_t) * n);
  w.n = n;
  Trim(w);
}

// Divides the magnitude by 10^k, truncating.
void ShiftRight(Wide& w, int k) {
  if (w.n == 0 || k <= 0) return;
  const int a = k / 9;
  const int b = k % 9;
  if (a >= w.n) {
    w.n = 0;
    return;
  }
  const int n = w.n - a;
  if (b == 0) {
    for (int i = 0; i < n; ++i) w.d[i] = w.d[i + a];
  } else {
    const uint32_t div = kPow10[b];
    const uint32_t mul = kPow10[9 - b];
    for (int i = 0; i < n; ++i) {
      uint32_t v = w.d[i + a] / div;
      if (i + a + 1 < w.n) v += (w.d[i + a + 1] % div) * mul;
      w.d[i] = v;
    }
  }
  w.n = n;
  Trim(w);
}

// Decimal trailing zeros of the magnitude, at most `limit`.
int TrailingZeros(const Wide& w, int limit) {
  if (w.n == 0) return limit;
  int count = 0;
  for (int i = 0; i < w.n && count < limit; ++i) {
    uint32_t v = w.d[i];
    if (v == 0) {
      count += 9;
      continue;
    }
    while (v % 10 == 0) {
      v /= 10;
      ++count;
    }
    break;
  }
  return std::min(count, limit);
}

int CompareMag(const Wide& a, const Wide& b) {
  if (a.n != b.n) return a.n < b.n ? -1 : 1;
  for (int i = a.n - 1; i >= 0; --i) {
    if (a.d[i] != b.d[i]) return a.d[i] < b.d[i] ? -1 : 1;
  }
  return 0;
}

void Align(Wide& a, Wide& b) {
  if (a.scale < b.scale) {
    ShiftLeft(a, b.scale - a.scale);
    a.scale = b.scale;
  } else if (b.scale < a.scale) {
    ShiftLeft(b, a.scale - b.scale);
    b.scale = a.scale;
  }
}

Wide AddSigned(Wide a, Wide b) {
  Align(a, b);
  if (a.ovf || b.ovf) {
    a.ovf = true;
    return a;
  }
  if (a.neg == b.neg) {
    AddMagInto(a, b);
    return a;
  }
  if (CompareMag(a, b) >= 0) {
    SubMagInto(a, b);
    return a;
  }
  SubMagInto(b, a);
  return b;
}

Wide MulMag(const Wide& a, const Wide& b) {
  Wide r;
  r.scale = a.scale + b.scale;
  r.neg = a.neg != b.neg;
  r.ovf = a.ovf || b.ovf;
  if (r.ovf || a.n == 0 || b.n == 0) return r;
  if (a.n + b.n > kWideLimbs) {
    r.ovf = true;
    return r;
  }
  std::memset(r.d, 0, sizeof(uint32_t) * (a.n + b.n));
  for (int i = 0; i < a.n; ++i) {
    uint64_t carry = 0;
    for (int j = 0; j < b.n; ++j) {
      const uint64_t cur = r.d[i + j] + static_cast<uint64_t>(a.d[i]) * b.d[j] + carry;
      r.d[i + j] = static_cast<uint32_t>(cur % kBase);
      carry = cur / kBase;
    }
    r.d[i + b.n] = static_cast<uint32_t>(carry);
  }
  r.n = a.n + b.n;
  Trim(r);
  return r;
}

// Returns floor(num / den) for magnitudes (den non-zero).
Wide DivMag(const Wide& num, const Wide& den) {
  Wide q;
  if (CompareMag(num, den) < 0) return q;
  if (den.n == 1) {
    uint64_t rem = 0;
    for (int i = num.n - 1; i >= 0; --i) {
      const uint64_t cur = rem * kBase + num.d[i];
      q.d[i] = static_cast<uint32_t>(cur / den.d[0]);
      rem = cur % den.d[0];
    }
    q.n = num.n;
    Trim(q);
    return q;
  }
  // Schoolbook long division in base 1e9. The quotient limb estimate from
  // the top three remainder limbs over the top two divisor limbs is never
  // too small and at most two too large; the correction loop fixes it.
  __extension__ typedef unsigned __int128 Uint128;
  uint32_t rem[kWideLimbs + 1] = {};
  std::memcpy(rem, num.d, sizeof(uint32_t) * num.n);
  const int dn = den.n;
  const uint64_t d2 = static_cast<uint64_t>(den.d[dn - 1]) * kBase + den.d[dn - 2];
  for (int j = num.n - dn; j >= 0; --j) {
    const Uint128 top = (static_cast<Uint128>(rem[j + dn]) * kBase + rem[j + dn - 1]) * kBase +
                        rem[j + dn - 2];
    uint64_t qhat = static_cast<uint64_t>(top / d2);
    if (qhat >= kBase) qhat = kBase - 1;
    // product = den * qhat over dn + 1 limbs.
    uint32_t prod[kWideLimbs + 1] = {};
    auto multiply = [&](uint64_t factor) {
      uint64_t carry = 0;
      for (int i = 0; i < dn; ++i) {
        const uint64_t cur = den.d[i] * factor + carry;
        prod[i] = static_cast<uint32_t>(cur % kBase);
        carry = cur / kBase;
      }
      prod[dn] = static_cast<uint32_t>(carry);
    };
    auto product_exceeds_window = [&]() {
      for (int i = dn; i >= 0; --i) {
        if (prod[i] != rem[j + i]) return prod[i] > rem[j + i];
      }
      return false;
    };
    multiply(qhat);
    while (product_exceeds_window()) {
      --qhat;
      multiply(qhat);
    }
    uint32_t borrow = 0;
    for (int i = 0; i <= dn; ++i) {
      const uint32_t sub = prod[i] + borrow;
      if (rem[j + i] >= sub) {
        rem[j + i] -= sub;
        borrow = 0;
      } else {
        rem[j + i] = rem[j + i] + kBase - sub;
        borrow = 1;
      }
    }
    q.d[j] = static_cast<uint32_t>(qhat);
  }
  q.n = num.n - dn + 1;
  Trim(q);
  return q;
}

// Shared by the rounding family; `decimals` may be negative (round to tens).
Wide RoundWide(Wide w, int decimals, RoundMode mode) {
  const int target = std::max(decimals, -(Decimal::kMaxDigits + 1));
  const int k = w.scale - target;
  const int half = CompareRemainderToHalf(w, k);
  ShiftRight(w, k);
  bool up = false;
  switch (mode) {
    case RoundMode::kHalfUp:
      // Toward +infinity on ties: away from zero only for positive values.
      up = half > 0 || (half == 0 && !w.neg);
      break;
    case RoundMode::kHalfEven:
      up = half > 0 || (half == 0 && w.n > 0 && (w.d[0] & 1u) != 0);
      break;
    case RoundMode::kTruncate:
      break;
  }
  if (up) AddOne(w);
  if (target < 0) {
    ShiftLeft(w, -target);
    w.scale = 0;
  } else {
    w.scale = target;
  }
  return w;
}

}  // namespace chorus::decimal_internal

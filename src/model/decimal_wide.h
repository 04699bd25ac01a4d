// Multi-limb magnitude arithmetic behind Decimal (internal to src/model).
//
// Wide is scratch space wider than a Decimal: aligned sums (90 + 60 digits),
// products (180 digits) and scaled dividends (210 digits) must not lose
// digits before the caller decides whether the result fits.
#ifndef CHORUS_SRC_MODEL_DECIMAL_WIDE_H_
#define CHORUS_SRC_MODEL_DECIMAL_WIDE_H_

#include <cstdint>

namespace chorus::decimal_internal {

inline constexpr uint32_t kBase = 1000000000u;
inline constexpr uint32_t kPow10[10] = {1,      10,      100,      1000,      10000,
                                        100000, 1000000, 10000000, 100000000, kBase};
inline constexpr int kWideLimbs = 28;

// Only d[0, n) is meaningful; the rest is left uninitialized on purpose
// (zeroing 112 bytes per operation showed up in the hot paths).
struct Wide {
  uint32_t d[kWideLimbs];
  int n = 0;  // limbs in use, no high zero limb
  int scale = 0;
  bool neg = false;
  bool ovf = false;  // a result did not fit kWideLimbs
};

enum class RoundMode { kHalfUp, kHalfEven, kTruncate };

// Drops high zero limbs.
void Trim(Wide& w);
// Magnitude times 10^k / divided by 10^k (truncating); k >= 0.
void ShiftLeft(Wide& w, int k);
void ShiftRight(Wide& w, int k);
// Decimal trailing zeros of the magnitude, at most `limit`.
int TrailingZeros(const Wide& w, int limit);
// -1, 0, 1 comparing magnitudes only (same scale assumed).
int CompareMag(const Wide& a, const Wide& b);
// Brings both to the larger scale.
void Align(Wide& a, Wide& b);
// Signed sum; scale is the larger of the two.
Wide AddSigned(Wide a, Wide b);
// Signed product; scale is the sum of scales.
Wide MulMag(const Wide& a, const Wide& b);
// floor(num / den) for magnitudes; den must be non-zero.
Wide DivMag(const Wide& num, const Wide& den);
// Rounds to `decimals` (negative rounds to tens, hundreds...).
Wide RoundWide(Wide w, int decimals, RoundMode mode);

}  // namespace chorus::decimal_internal

#endif  // CHORUS_SRC_MODEL_DECIMAL_WIDE_H_

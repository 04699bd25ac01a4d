// Exact decimal numbers with xs:decimal semantics.
//
// Money in chorus never touches floating point. Decimal holds a sign, a
// base-10^9 magnitude of up to kMaxDigits significant digits and a scale
// (digits after the point). Arithmetic is exact; the only rounding is the
// explicit Round() family. The official EN 16931 rules use XPath 2 `round`
// (half toward positive infinity) on xs:decimal, which RoundHalfUp() mirrors.
#ifndef CHORUS_MODEL_DECIMAL_H_
#define CHORUS_MODEL_DECIMAL_H_

#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace chorus {

class Decimal {
 public:
  // 90 significant digits: the product of two 45-digit numbers still fits.
  static constexpr int kLimbs = 10;
  static constexpr int kMaxDigits = kLimbs * 9;
  // Scale is bounded so that a hostile "1e-99999" cannot cost memory or time.
  static constexpr int kMaxScale = 60;

  // Zero.
  constexpr Decimal() = default;
  // Exact integer value.
  Decimal(
      long long v);  // NOLINT(google-explicit-constructor): 2 + x reads well

  // Parses an xs:decimal lexical value: optional sign, digits, optional
  // fraction ("-12.50", "+.5", "3."). Leading/trailing XML whitespace is
  // accepted (schema whitespace collapse); exponents, inner spaces, "NaN",
  // thousands separators are rejected. Returns nullopt on anything else or
  // when the value has more than kMaxDigits significant digits or a scale
  // above kMaxScale.
  static std::optional<Decimal> Parse(std::string_view text);
  // Parse into an existing value, for readers that fill model fields in
  // place (no optional to build and copy per amount). True on success; on
  // failure `out` is left as it was.
  static bool ParseInto(std::string_view text, Decimal& out);
  // Like Parse but additionally accepts an exponent ("1.5E3"), as xs:double
  // lexical forms do; used only where the official rules cast to number.
  static std::optional<Decimal> ParseWithExponent(std::string_view text);

  // Canonical xs:decimal form: no exponent, no trailing fractional zeros,
  // no leading zeros, "-" only for non-zero values ("0", "-1.5", "12").
  std::string ToCanonical() const;
  // Fixed number of decimals, padding or rounding half toward +infinity
  // ("12.50" for ToFixed(2) of 12.5). Used by writers for amounts.
  std::string ToFixed(int decimals) const;
  // The value as written with its own scale kept: Parse("12.50").ToString()
  // is "12.50". Readers keep this so round trips do not change the text.
  std::string ToString() const;

  bool IsZero() const;
  bool IsNegative() const { return negative_ && !IsZero(); }
  // Number of digits after the decimal point as stored (trailing zeros count).
  int scale() const { return scale_; }
  // Number of fraction digits without trailing zeros (BR-DEC-* checks).
  int FractionDigits() const;
  // True when an operation overflowed kMaxDigits; such a value compares
  // unequal to everything and prints as "overflow".
  bool overflow() const { return overflow_; }
  // The value as m / 10^scale() when |m| < 10^18 (two limbs at most), for
  // callers' 64-bit fast paths; nullopt for a larger or overflowed value.
  std::optional<int64_t> Mantissa64() const {
    if (overflow_ || used_ > 2) return std::nullopt;
    const int64_t low = used_ > 0 ? limbs_[0] : 0;
    const int64_t high = used_ > 1 ? limbs_[1] : 0;
    const int64_t m = high * 1'000'000'000 + low;
    return negative_ ? -m : m;
  }

  Decimal operator-() const;
  friend Decimal operator+(const Decimal& a, const Decimal& b);
  friend Decimal operator-(const Decimal& a, const Decimal& b);
  friend Decimal operator*(const Decimal& a, const Decimal& b);
  Decimal& operator+=(const Decimal& o) { return *this = *this + o; }
  Decimal& operator-=(const Decimal& o) { return *this = *this - o; }
  Decimal& operator*=(const Decimal& o) { return *this = *this * o; }

  // Division with XPath xs:decimal semantics as Saxon implements them: exact
  // when the quotient terminates within `max_scale` digits, otherwise
  // truncated toward zero at max_scale digits. nullopt on division by zero.
  static std::optional<Decimal> Divide(const Decimal& a, const Decimal& b,
                                       int max_scale = 18);
  // Multiplies by 10^-n exactly (n >= 0): x.ScaleDown(2) is x / 100.
  Decimal ScaleDown(int n) const;

  // XPath fn:round(x, n): half toward positive infinity at n decimals.
  Decimal RoundHalfUp(int decimals = 0) const;
  // fn:round-half-to-even(x, n).
  Decimal RoundHalfEven(int decimals = 0) const;
  // Truncation toward zero at n decimals.
  Decimal Truncate(int decimals) const;
  Decimal Abs() const;

  // Numeric comparison: 1.0 == 1.00. Overflowed values are unordered.
  // Rules compare amounts of one scale below 10^9 units far more often than
  // anything else: those compare in place, the rest out of line.
  friend bool operator==(const Decimal& a, const Decimal& b) {
    if (a.scale_ == b.scale_ && (a.used_ | b.used_) <= 1 &&
        !(a.overflow_ | b.overflow_)) {
      // Trimmed limbs: one limb or none, and a zero limb is never negative.
      return a.limbs_[0] == b.limbs_[0] && a.negative_ == b.negative_;
    }
    return EqualSlow(a, b);
  }
  friend std::partial_ordering operator<=>(const Decimal& a, const Decimal& b);

 private:
  // Compares magnitudes after aligning scales.
  static int CompareMagnitude(const Decimal& a, const Decimal& b);
  static bool EqualSlow(const Decimal& a, const Decimal& b);
  static Decimal Add(const Decimal& a, const Decimal& b, bool b_negative);
  static Decimal AddSlow(const Decimal& a, const Decimal& b, bool b_negative);
  static Decimal MulSlow(const Decimal& a, const Decimal& b);
  void Normalize();

  std::array<uint32_t, kLimbs> limbs_{};  // little-endian base 1e9
  int16_t scale_ = 0;
  uint8_t used_ = 0;  // limbs in use; 0 means zero
  bool negative_ = false;
  bool overflow_ = false;
};

}  // namespace chorus

#endif  // CHORUS_MODEL_DECIMAL_H_

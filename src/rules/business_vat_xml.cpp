#include "rules/business_vat_xml.h"

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>

namespace chorus::rules::vat {
namespace {

// The value of an unsigned mantissa-and-exponent `v` that from_chars found
// out of range: infinity when its magnitude is large, else zero.
double OutOfRangeDouble(std::string_view v) {
  std::size_t e = v.find_first_of("eE");
  std::string_view mantissa = v.substr(0, e);
  long long exponent = 0;
  if (e != std::string_view::npos) {
    std::string_view x = v.substr(e + 1);
    bool minus = !x.empty() && x[0] == '-';
    if (!x.empty() && (x[0] == '-' || x[0] == '+')) x.remove_prefix(1);
    for (char c : x) {
      if (exponent < 1'000'000'000) exponent = exponent * 10 + (c - '0');
    }
    if (minus) exponent = -exponent;
  }
  std::size_t point = std::min(mantissa.find('.'), mantissa.size());
  std::size_t first = mantissa.find_first_of("123456789");
  if (first == std::string_view::npos) return 0;
  // Decimal position of the leading digit: 1 for "5", 0 for ".5".
  long long magnitude = first < point
                            ? static_cast<long long>(point - first)
                            : -static_cast<long long>(first - point - 1);
  return magnitude + exponent > 0 ? std::numeric_limits<double>::infinity()
                                  : 0.0;
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// The digits of an unsigned plain decimal ("12", "1.50", ".5", "3."): its
// digits as an integer, how many digits, and how many after the point.
// Two loops, the digits before the point and those after it, without a
// test for the point per character: the one branch that depends on the
// text is each loop's exit. False for any other character or a second
// point; m wraps past 19 digits, which callers reject.
struct PlainDigits {
  uint64_t m = 0;
  std::size_t digits = 0;
  std::size_t fraction = 0;
};
// The digit a byte stands for, above 9 for any other byte. Unsigned from
// the load on: the 64-bit sum then takes it as it is, with no widening.
inline unsigned DigitOf(char c) {
  return static_cast<unsigned>(static_cast<unsigned char>(c)) - unsigned{'0'};
}
// Inlined: its callers test the result where it is built.
[[gnu::always_inline]] inline bool ReadPlainDigits(std::string_view v,
                                                   PlainDigits& out) {
  const std::size_t n = v.size();
  std::size_t i = 0;
  for (; i < n; ++i) {
    const unsigned digit = DigitOf(v[i]);
    if (digit > 9) break;
    out.m = out.m * 10 + digit;
  }
  if (i < n) {
    if (v[i] != '.') return false;
    for (std::size_t j = i + 1; j < n; ++j) {
      const unsigned digit = DigitOf(v[j]);
      if (digit > 9) return false;
      out.m = out.m * 10 + digit;
    }
    out.fraction = n - i - 1;
  }
  out.digits = n - (i < n ? 1 : 0);
  return true;
}

// Digits with at most one point and no more than 2^53 as an integer, at
// most 22 of them after the point: both the integer and the power of ten
// are exact doubles, so one correctly rounded division gives the correctly
// rounded value from_chars would (Clinger's fast path). nullopt otherwise.
std::optional<double> PlainDouble(std::string_view v) {
  static constexpr double kPow10[23] = {
      1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
      1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  // At most 19 digits and a point: m stays below 10^19.
  if (v.empty() || v.size() > 20) return std::nullopt;
  PlainDigits p;
  if (!ReadPlainDigits(v, p) || p.digits == 0 || p.digits > 19 ||
      p.m > (uint64_t{1} << 53) || p.fraction > 22) {
    return std::nullopt;
  }
  return static_cast<double>(p.m) / kPow10[p.fraction];
}

}  // namespace

std::optional<double> UntypedDoubleText(std::string_view value, bool* error) {
  // normalize-space() only trims a value without inner whitespace.
  std::string_view trimmed = TrimSpace(value);
  // The usual amount first: a sign and a plain decimal have no inner
  // space, and DoubleOfNormalized would answer PlainDouble's value.
  {
    std::string_view v = trimmed;
    const bool negative = !v.empty() && v[0] == '-';
    if (!v.empty() && (v[0] == '+' || v[0] == '-')) v.remove_prefix(1);
    if (std::optional<double> plain = PlainDouble(v)) {
      return negative ? -*plain : *plain;
    }
  }
  if (std::none_of(trimmed.begin(), trimmed.end(), IsSpace)) {
    return DoubleOfNormalized(trimmed, error);
  }
  std::string normalized;
  NormalizeSpaceInto(value, normalized);
  return DoubleOfNormalized(normalized, error);
}

std::optional<double> DoubleOfNormalized(std::string_view text, bool* error) {
  std::string_view v = text;
  bool negative = false;
  if (!v.empty() && (v[0] == '+' || v[0] == '-')) {
    negative = v[0] == '-';
    v.remove_prefix(1);
  }
  if (v == "INF") {
    return negative ? -std::numeric_limits<double>::infinity()
                    : std::numeric_limits<double>::infinity();
  }
  if (text == "NaN") return std::numeric_limits<double>::quiet_NaN();
  if (std::optional<double> plain = PlainDouble(v)) {
    return negative ? -*plain : *plain;
  }
  // from_chars also takes "inf", "nan" and hex forms XPath does not.
  bool digits = false;
  for (char c : v) {
    if (c >= '0' && c <= '9') {
      digits = true;
    } else if (c != '.' && c != 'e' && c != 'E' && c != '+' && c != '-') {
      digits = false;
      break;
    }
  }
  double out = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  if (digits && ec == std::errc::result_out_of_range &&
      end == v.data() + v.size()) {
    // A well-formed double beyond the range: XPath (Java's parser) gives
    // INF on overflow ("1E400") and zero on underflow ("1E-400").
    out = OutOfRangeDouble(v);
  } else if (!digits || ec != std::errc() || end != v.data() + v.size()) {
    *error = true;
    return std::nullopt;
  }
  return negative ? -out : out;
}

double ToDouble(const Decimal& d) {
  std::string text = d.ToCanonical();
  double out = 0;
  std::from_chars(text.data(), text.data() + text.size(), out);
  return out;
}

namespace {

// The exact value of `d` when it needs at most kMaxScale digits after the
// point and has a small integer part: |d| = m * 2^e with m odd is
// m * 5^-e / 10^-e, which has exactly -e fraction digits when e < 0. That
// is every amount +- 1 the rules cast; other values take printf below.
std::optional<Decimal> ExactFromDouble(double d) {
  if (d == 0) return Decimal(0);
  int exponent = 0;
  double fraction = std::frexp(std::fabs(d), &exponent);     // [0.5, 1)
  auto m = static_cast<uint64_t>(std::ldexp(fraction, 53));  // exact
  int e = exponent - 53;
  int zeros = std::countr_zero(m);
  m >>= zeros;
  e += zeros;
  Decimal out;
  if (e >= 0) {
    if (e > 9 || m >= (uint64_t{1} << 53)) return std::nullopt;
    out = Decimal(static_cast<long long>(m << e));
  } else if (-e <= Decimal::kMaxScale) {
    // 5^27 is the largest power of five below 2^63.
    constexpr long long kFive27 = 7450580596923828125LL;
    out = Decimal(static_cast<long long>(m));
    int k = -e;
    for (; k >= 27; k -= 27) out *= Decimal(kFive27);
    long long rest = 1;
    for (; k > 0; --k) rest *= 5;
    if (rest > 1) out *= Decimal(rest);
    out = out.ScaleDown(-e);
  } else {
    return std::nullopt;
  }
  return d < 0 ? -out : out;
}

}  // namespace

std::optional<Decimal> FromDouble(double d) {
  if (!std::isfinite(d)) return std::nullopt;
  // Saxon casts a double to xs:decimal exactly (Java's new BigDecimal(d)):
  // 3999.995 becomes 3999.99499999999989..., not the shortest "3999.995".
  if (std::optional<Decimal> exact = ExactFromDouble(d)) return exact;
  // printf prints the exact binary value; Decimal keeps kMaxScale digits
  // after the point, so the tail of a tiny fraction is cut.
  char buffer[1200];
  int n = std::snprintf(buffer, sizeof buffer, "%.*f", Decimal::kMaxScale, d);
  if (n <= 0 || static_cast<std::size_t>(n) >= sizeof buffer) {
    return std::nullopt;
  }
  std::string_view text(buffer, static_cast<std::size_t>(n));
  while (text.back() == '0') text.remove_suffix(1);
  if (text.back() == '.') text.remove_suffix(1);
  return Decimal::Parse(text);
}

std::optional<Decimal> Round2FromDouble(double d) {
  // A normal double (zero, subnormals, infinities and NaN take the exact
  // path below) is m x 2^(biased - 1075), m of 53 bits, the top one
  // implicit: its bits say so without frexp's and ldexp's calls.
  const auto bits = std::bit_cast<uint64_t>(d);
  const auto biased = static_cast<int>((bits >> 52) & 0x7ff);
  if (biased != 0 && biased != 0x7ff) {
    // |d| = m / 2^k exactly, m odd and below 2^53 (as ExactFromDouble).
    constexpr uint64_t kHidden = uint64_t{1} << 52;
    uint64_t m = (bits & (kHidden - 1)) | kHidden;
    const int zeros = std::countr_zero(m);
    m >>= zeros;
    const int k = 1075 - biased - zeros;
    if (k >= 1 && k <= Decimal::kMaxScale) {
      // |d| * 100 = q + rem / 2^k, below 2^60: no overflow.
      const uint64_t scaled = m * 100;
      uint64_t q = scaled >> k;
      const uint64_t rem = scaled & ((uint64_t{1} << k) - 1);
      const uint64_t half = uint64_t{1} << (k - 1);
      // Half toward positive infinity: up for d > 0, toward zero for d < 0.
      const bool negative = d < 0;
      q += negative ? (rem > half ? 1 : 0) : (rem >= half ? 1 : 0);
      if (q == 0) return Decimal(0);
      const Decimal out = Decimal(static_cast<long long>(q)).ScaleDown(2);
      return negative ? -out : out;
    }
  }
  std::optional<Decimal> exact = FromDouble(d);
  if (!exact) return exact;
  return exact->RoundHalfUp(2);
}

std::partial_ordering CompareWithDecimal(double x, double near,
                                         const Decimal& s) {
  if (s.overflow()) return std::partial_ordering::unordered;
  // `near` is s correctly rounded, so s lies between the midpoints around
  // it: a double below (above) `near` is below (above) s as well.
  if (x < near) return std::partial_ordering::less;
  if (x > near) return std::partial_ordering::greater;
  return *FromDouble(x) <=> s;
}

std::optional<Fixed> ParseFixed(std::string_view text) {
  std::string_view v = TrimSpace(text);
  bool negative = false;
  if (!v.empty() && (v[0] == '-' || v[0] == '+')) {
    negative = v[0] == '-';
    v.remove_prefix(1);
  }
  // At most 18 digits: below 10^18, far from int64's limits.
  if (v.empty() || v.size() > 19) return std::nullopt;
  PlainDigits p;
  if (!ReadPlainDigits(v, p) || p.digits == 0 || p.digits > 18) {
    return std::nullopt;
  }
  const auto value = static_cast<int64_t>(p.m);
  return Fixed{negative ? -value : value, static_cast<int>(p.fraction)};
}

namespace {

constexpr int64_t kPow10i[19] = {1LL,
                                 10LL,
                                 100LL,
                                 1000LL,
                                 10000LL,
                                 100000LL,
                                 1000000LL,
                                 10000000LL,
                                 100000000LL,
                                 1000000000LL,
                                 10000000000LL,
                                 100000000000LL,
                                 1000000000000LL,
                                 10000000000000LL,
                                 100000000000000LL,
                                 1000000000000000LL,
                                 10000000000000000LL,
                                 100000000000000000LL,
                                 1000000000000000000LL};

// `f` at scale `to` (>= f.scale); false when it would not fit.
bool Rescale(Fixed& f, int to) {
  if (to == f.scale) return true;
  int64_t m = 0;
  if (__builtin_mul_overflow(f.m, kPow10i[to - f.scale], &m)) return false;
  f = Fixed{m, to};
  return true;
}

}  // namespace

bool AddFixedRescaled(Fixed& a, Fixed b) {
  Fixed x = a;
  const int to = std::max(x.scale, b.scale);
  int64_t sum = 0;
  if (!Rescale(x, to) || !Rescale(b, to) ||
      __builtin_add_overflow(x.m, b.m, &sum) ||
      sum == std::numeric_limits<int64_t>::min()) {
    return false;
  }
  a = Fixed{sum, to};
  return true;
}

bool IsDecimalText(std::string_view text) {
  return ParseFixed(text).has_value() || Decimal::Parse(text).has_value();
}

bool FixedEqual(Fixed a, Fixed b) {
  const int to = std::max(a.scale, b.scale);
  // A side that does not fit at the common scale exceeds the other.
  return Rescale(a, to) && Rescale(b, to) && a.m == b.m;
}

Decimal FixedToDecimal(Fixed f) {
  return Decimal(static_cast<long long>(f.m)).ScaleDown(f.scale);
}

std::optional<double> FixedToDouble(Fixed f) {
  static constexpr double kPow10[19] = {
      1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8, 1e9,
      1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18};
  const uint64_t magnitude =
      f.m < 0 ? 0 - static_cast<uint64_t>(f.m) : static_cast<uint64_t>(f.m);
  if (magnitude > (uint64_t{1} << 53) || f.scale < 0 || f.scale > 18) {
    return std::nullopt;
  }
  // Both operands exact: one correctly rounded division, as from_chars.
  return static_cast<double>(f.m) / kPow10[f.scale];
}

Term TermOf(std::string_view text) {
  Term t;
  SetTerm(text, t);
  return t;
}

void SetTerm(std::string_view text, Term& t) {
  if (std::optional<Fixed> f = ParseFixed(text)) {
    t.present = t.narrow = true;
    t.fixed = *f;
    return;
  }
  if (std::optional<Decimal> d = Decimal::Parse(text)) {
    t.present = true;
    t.wide = *d;
  } else {
    t.error = true;
  }
}

double AbsPlusToDouble(const Term& t, int add) {
  if (t.narrow) {
    // m is never INT64_MIN (ParseFixed, AddFixed): its negation fits.
    Fixed f{t.fixed.m < 0 ? -t.fixed.m : t.fixed.m, t.fixed.scale};
    if (add == 0 || AddFixed(f, Fixed{add, 0})) {
      if (std::optional<double> d = FixedToDouble(f)) return *d;
    }
  }
  const Decimal v = t.narrow ? FixedToDecimal(t.fixed).Abs() : t.wide.Abs();
  return ToDouble(add == 0 ? v : v + add);
}

bool FixedSum::Add(std::string_view text) {
  if (std::optional<Fixed> f = ParseFixed(text)) {
    Add(*f);
    return true;
  }
  std::optional<Decimal> d = Decimal::Parse(text);
  if (!d) return false;
  AddWide(*d);
  return true;
}

void FixedSum::AddWide(const Decimal& d) {
  rest_ = wide_ ? rest_ + d : d;
  wide_ = true;
}

Decimal FixedSum::Value() const {
  Decimal narrow = FixedToDecimal(fixed_);
  return wide_ ? narrow + rest_ : narrow;
}

std::optional<Fixed> RoundFixed2(Fixed f) {
  if (f.scale <= 2) return f;
  // Half toward positive infinity: floor((m + p / 2) / p).
  const int64_t p = kPow10i[f.scale - 2];
  int64_t q = 0;
  if (__builtin_add_overflow(f.m, p / 2, &q)) return std::nullopt;
  int64_t r = q / p;
  if (q % p != 0 && q < 0) --r;
  return Fixed{r, 2};
}

std::optional<bool> TaxWithinOne(Fixed a, Fixed b, Fixed c, bool strict) {
  int64_t product = 0;
  const int scale = b.scale + c.scale + 2;  // c div 100: two more decimals
  if (scale > 18 ||
      __builtin_mul_overflow(b.m < 0 ? -b.m : b.m, c.m, &product) ||
      product == std::numeric_limits<int64_t>::min()) {
    return std::nullopt;
  }
  const std::optional<Fixed> expected = RoundFixed2(Fixed{product, scale});
  if (!expected) return std::nullopt;
  Fixed difference{a.m < 0 ? -a.m : a.m, a.scale};
  if (!AddFixed(difference, Fixed{-expected->m, expected->scale})) {
    return std::nullopt;
  }
  // |a| - 1 < e < |a| + 1: the difference is less than one either way
  // (at most one with the bounds included).
  const uint64_t magnitude = difference.m < 0
                                 ? 0 - static_cast<uint64_t>(difference.m)
                                 : static_cast<uint64_t>(difference.m);
  const auto one = static_cast<uint64_t>(kPow10i[difference.scale]);
  return strict ? magnitude < one : magnitude <= one;
}

FixedSum FixedSum::Round2() const {
  FixedSum out;
  if (!wide_) {
    if (std::optional<Fixed> r = RoundFixed2(fixed_)) {
      out.fixed_ = *r;
      return out;
    }
  }
  out.AddWide(Value().RoundHalfUp(2));
  return out;
}

std::optional<bool> FixedSum::EqualsText(std::string_view text) const {
  if (!wide_) {
    if (std::optional<Fixed> f = ParseFixed(text))
      return FixedEqual(fixed_, *f);
  }
  std::optional<Decimal> d = Decimal::Parse(text);
  if (!d) return std::nullopt;
  return Value() == *d;
}

double FixedSum::ToDoubleValue() const {
  if (!wide_) {
    if (std::optional<double> d = FixedToDouble(fixed_)) return *d;
  }
  return ToDouble(Value());
}

double RoundDouble(double d) {
  if (!std::isfinite(d)) return d;
  return std::floor(d + 0.5);
}

}  // namespace chorus::rules::vat

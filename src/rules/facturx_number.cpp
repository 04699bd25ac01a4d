#include "rules/facturx_number.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace chorus::rules::fx {
namespace {

constexpr int kMaxScale = 24;       // digits kept after the point
constexpr int kDivisionScale = 20;  // digits a decimal division produces

bool Pow10(int n, Int128* out) {
  Int128 v = 1;
  for (int i = 0; i < n; ++i) {
    if (__builtin_mul_overflow(v, Int128{10}, &v)) return false;
  }
  *out = v;
  return true;
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

// floor(m / 10^k) for k >= 0.
Int128 FloorShift(Int128 m, int k) {
  Int128 p = 1;
  if (!Pow10(k, &p)) return m < 0 ? -1 : 0;
  Int128 q = m / p;
  if (m % p != 0 && m < 0) --q;
  return q;
}

}  // namespace

Number Number::Dec(Int128 m, int scale) {
  // Trailing zeros carry no value: drop them so scales stay small.
  while (scale > 0 && m % 10 == 0) {
    m /= 10;
    --scale;
  }
  while (scale > kMaxScale) {  // beyond any amount's precision: truncate
    m /= 10;
    --scale;
  }
  Number n;
  n.m_ = m;
  n.scale_ = scale;
  return n;
}

Number Number::Integer(long long v) { return Dec(v, 0); }

Number Number::Double(double v) {
  Number n;
  n.is_double_ = true;
  n.d_ = v;
  return n;
}

std::optional<Number> Number::ParseDecimal(std::string_view text) {
  std::string_view s = Trim(text);
  bool negative = false;
  if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  Int128 m = 0;
  int scale = 0, digits = 0;
  bool point = false;
  for (char c : s) {
    if (c == '.' && !point) {
      point = true;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    ++digits;
    if (point && scale >= kMaxScale) continue;
    if (__builtin_mul_overflow(m, Int128{10}, &m) ||
        __builtin_add_overflow(m, Int128{c - '0'}, &m)) {
      return std::nullopt;
    }
    if (point) ++scale;
  }
  if (digits == 0) return std::nullopt;
  return Dec(negative ? -m : m, scale);
}

std::optional<Number> Number::ParseDouble(std::string_view text) {
  std::string s(Trim(text));
  if (s == "INF" || s == "+INF") return Double(HUGE_VAL);
  if (s == "-INF") return Double(-HUGE_VAL);
  if (s == "NaN") return Double(NAN);
  if (s.empty()) return std::nullopt;
  for (char c : s) {
    bool ok = (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' ||
              c == 'e' || c == 'E';
    if (!ok) return std::nullopt;
  }
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size()) return std::nullopt;
  return Double(v);
}

double Number::ToDouble() const {
  if (is_double_) return d_;
  double v = static_cast<double>(m_);
  for (int i = 0; i < scale_; ++i) v /= 10;
  return v;
}

Number Number::AsDecimal() const {
  if (!is_double_ || !std::isfinite(d_)) return *this;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", d_);
  // %.17g may use an exponent; strtod-free decimal parse of its mantissa.
  std::string s = buf;
  std::size_t e = s.find_first_of("eE");
  int exp = 0;
  if (e != std::string::npos) {
    exp = std::atoi(s.c_str() + e + 1);
    s.resize(e);
  }
  auto n = ParseDecimal(s);
  if (!n) return *this;
  Number r = *n;
  if (exp == 0) return r;
  Int128 p = 1;
  if (exp > 0) {
    if (!Pow10(exp, &p) || __builtin_mul_overflow(r.m_, p, &r.m_)) return *this;
    return Dec(r.m_, r.scale_);
  }
  return Dec(r.m_, r.scale_ - exp);
}

bool Number::IsNaN() const { return is_double_ && std::isnan(d_); }
bool Number::IsZero() const { return is_double_ ? d_ == 0 : m_ == 0; }

std::string Number::ToString() const {
  if (is_double_) {
    if (std::isnan(d_)) return "NaN";
    if (std::isinf(d_)) return d_ > 0 ? "INF" : "-INF";
    if (d_ == std::floor(d_) && std::fabs(d_) < 1e15) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.0f", d_);
      return buf;
    }
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.15g", d_);
    return buf;
  }
  Int128 v = m_ < 0 ? -m_ : m_;
  std::string digits;
  do {
    digits.insert(digits.begin(),
                  static_cast<char>('0' + static_cast<int>(v % 10)));
    v /= 10;
  } while (v != 0);
  while (static_cast<int>(digits.size()) <= scale_)
    digits.insert(digits.begin(), '0');
  if (scale_ > 0) digits.insert(digits.end() - scale_, '.');
  return (m_ < 0 ? "-" : "") + digits;
}

Number Number::operator-() const {
  return is_double_ ? Double(-d_) : Dec(-m_, scale_);
}

bool Number::Align(const Number& a, const Number& b, Int128* x, Int128* y,
                   int* scale) {
  *scale = std::max(a.scale_, b.scale_);
  Int128 pa = 1, pb = 1;
  if (!Pow10(*scale - a.scale_, &pa) || !Pow10(*scale - b.scale_, &pb))
    return false;
  return !__builtin_mul_overflow(a.m_, pa, x) &&
         !__builtin_mul_overflow(b.m_, pb, y);
}

Number operator+(const Number& a, const Number& b) {
  Int128 x, y, r;
  int scale;
  if (a.is_double_ || b.is_double_ || !Number::Align(a, b, &x, &y, &scale) ||
      __builtin_add_overflow(x, y, &r)) {
    return Number::Double(a.ToDouble() + b.ToDouble());
  }
  return Number::Dec(r, scale);
}

Number operator-(const Number& a, const Number& b) { return a + (-b); }

Number operator*(const Number& a, const Number& b) {
  Int128 r;
  if (a.is_double_ || b.is_double_ || __builtin_mul_overflow(a.m_, b.m_, &r)) {
    return Number::Double(a.ToDouble() * b.ToDouble());
  }
  return Number::Dec(r, a.scale_ + b.scale_);
}

std::optional<Number> Divide(const Number& a, const Number& b) {
  if (a.is_double_ || b.is_double_)
    return Number::Double(a.ToDouble() / b.ToDouble());
  if (b.m_ == 0) return std::nullopt;
  // a/b = (ma * 10^k / mb) * 10^-(sa + k - sb), k chosen for kDivisionScale.
  int k = kDivisionScale - a.scale_ + b.scale_;
  Int128 p = 1, num;
  if (k < 0 || !Pow10(k, &p) || __builtin_mul_overflow(a.m_, p, &num)) {
    return Number::Double(a.ToDouble() / b.ToDouble());
  }
  return Number::Dec(num / b.m_, kDivisionScale);
}

std::optional<Number> IntDivide(const Number& a, const Number& b) {
  if (b.IsZero() && !b.is_double_) return std::nullopt;
  double q = a.ToDouble() / b.ToDouble();
  if (!std::isfinite(q)) return std::nullopt;
  return Number::Integer(static_cast<long long>(std::trunc(q)));
}

std::optional<Number> Modulo(const Number& a, const Number& b) {
  if (b.IsZero() && !b.is_double_) return std::nullopt;
  auto q = IntDivide(a, b);
  if (!q) return std::nullopt;
  if (a.is_double_ || b.is_double_)
    return Number::Double(std::fmod(a.ToDouble(), b.ToDouble()));
  return a - (*q * b);
}

int Compare(const Number& a, const Number& b) {
  Int128 x, y;
  int scale;
  if (a.is_double_ || b.is_double_ || !Number::Align(a, b, &x, &y, &scale)) {
    double u = a.ToDouble(), v = b.ToDouble();
    if (std::isnan(u) || std::isnan(v)) return 2;
    return u < v ? -1 : (u > v ? 1 : 0);
  }
  return x < y ? -1 : (x > y ? 1 : 0);
}

Number Number::Abs() const {
  return (is_double_ ? d_ < 0 : m_ < 0) ? -*this : *this;
}

Number Number::Floor() const {
  if (is_double_) return Double(std::floor(d_));
  return Dec(FloorShift(m_, scale_), 0);
}

Number Number::Round() const {
  if (is_double_) return Double(std::floor(d_ + 0.5));
  if (scale_ == 0) return *this;
  Int128 half = 5;
  for (int i = 1; i < scale_; ++i) half *= 10;
  Int128 shifted;
  if (__builtin_add_overflow(m_, half, &shifted))
    return Double(std::floor(ToDouble() + 0.5));
  return Dec(FloorShift(shifted, scale_), 0);
}

}  // namespace chorus::rules::fx

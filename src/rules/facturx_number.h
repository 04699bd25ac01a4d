// XPath 2 numbers for the Factur-X rule evaluator: xs:decimal kept exact
// (the rules round amounts to cents, where binary doubles would turn 1.005
// into 1.00499...), xs:double where XPath says so (untyped values in
// arithmetic, number()). Internal to src/rules/.
#ifndef CHORUS_SRC_RULES_FACTURX_NUMBER_H_
#define CHORUS_SRC_RULES_FACTURX_NUMBER_H_

#include <optional>
#include <string>
#include <string_view>

namespace chorus::rules::fx {

__extension__ using Int128 = __int128;

// A decimal is mantissa * 10^-scale; a decimal whose arithmetic would leave
// 128 bits silently becomes a double (amounts never get there).
class Number {
 public:
  Number() = default;
  static Number Integer(long long v);
  static Number Double(double v);
  // xs:decimal lexical form (sign, digits, optional fraction; surrounding
  // white space allowed); nullopt otherwise.
  static std::optional<Number> ParseDecimal(std::string_view text);
  // xs:double lexical form, including INF, -INF and NaN; nullopt otherwise.
  static std::optional<Number> ParseDouble(std::string_view text);

  bool is_double() const { return is_double_; }
  double ToDouble() const;
  Number AsDecimal() const;  // a double's decimal value (NaN/INF stay double)
  bool IsNaN() const;
  bool IsZero() const;
  std::string ToString() const;  // XPath canonical form

  Number operator-() const;
  friend Number operator+(const Number& a, const Number& b);
  friend Number operator-(const Number& a, const Number& b);
  friend Number operator*(const Number& a, const Number& b);
  // nullopt on division by a decimal zero (XPath error FOAR0001).
  friend std::optional<Number> Divide(const Number& a, const Number& b);
  friend std::optional<Number> IntDivide(const Number& a, const Number& b);
  friend std::optional<Number> Modulo(const Number& a, const Number& b);
  // -1, 0, 1; 2 when unordered (NaN).
  friend int Compare(const Number& a, const Number& b);

  Number Abs() const;
  Number Round() const;  // XPath round(): half toward positive infinity
  Number Floor() const;

 private:
  bool is_double_ = false;
  double d_ = 0;
  Int128 m_ = 0;
  int scale_ = 0;

  static Number Dec(Int128 m, int scale);
  static bool Align(const Number& a, const Number& b, Int128* x, Int128* y,
                    int* scale);
};

}  // namespace chorus::rules::fx

#endif  // CHORUS_SRC_RULES_FACTURX_NUMBER_H_

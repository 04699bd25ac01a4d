// The small XPath vocabulary the VAT category rules are written in: the
// casts and comparisons of the official Schematron (normalize-space,
// xs:decimal, xs:double) on values read from the index; business_vat_doc.h
// has the element lookups on index entries.
//
// The VAT category rules read the XML rather than the model: their contexts
// and tests hinge on what the model does not keep (the UBL TaxScheme "VAT"
// condition, the CII TypeCode, tax registration schemeIDs, repeated
// categories, elements anywhere in the tree via //). Internal to src/rules/.
#ifndef CHORUS_SRC_RULES_BUSINESS_VAT_XML_H_
#define CHORUS_SRC_RULES_BUSINESS_VAT_XML_H_

#include <compare>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "chorus/model/decimal.h"
#include "doc_index.h"  // relative: tests include this header

namespace chorus::rules::vat {

// A sequence of index entries. Most the rules ask for hold one or
// two (a category's IDs, an amount), so the first four live inline: the
// lookups allocate nothing in the usual case.
template <typename T>
class Small {
 public:
  Small() = default;
  Small(std::initializer_list<T> items) {
    for (const T& n : items) push_back(n);
  }
  Small(const Small& other) { Append(other); }
  Small(Small&& other) noexcept { Take(other); }
  Small& operator=(const Small& other) {
    if (this != &other) {
      clear();
      Append(other);
    }
    return *this;
  }
  Small& operator=(Small&& other) noexcept {
    if (this != &other) {
      clear();
      Take(other);
    }
    return *this;
  }

  void push_back(T n) {
    if (heap_.empty() && size_ < kInline) {
      inline_[size_++] = n;
      return;
    }
    if (heap_.empty()) heap_.assign(inline_, inline_ + size_);
    heap_.push_back(n);
    ++size_;
  }
  void clear() {
    heap_.clear();
    size_ = 0;
  }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const T* begin() const { return data(); }
  const T* end() const { return data() + size_; }
  const T& operator[](std::size_t i) const { return data()[i]; }

 private:
  static constexpr std::size_t kInline = 4;
  // Inline until a fifth item arrives; then every item is in `heap_`.
  const T* data() const { return heap_.empty() ? inline_ : heap_.data(); }
  void Append(const Small& other) {
    for (const T& n : other) push_back(n);
  }
  void Take(Small& other) {
    if (other.heap_.empty()) {
      Append(other);
    } else {
      heap_ = std::move(other.heap_);
      size_ = other.size_;
    }
    other.clear();
  }

  T inline_[kInline] = {};
  std::vector<T> heap_;
  std::size_t size_ = 0;
};

// The text with XML whitespace trimmed at both ends. normalize-space(x)
// equals a token without spaces (a code, "VAT", "true") exactly when the
// trimmed text does.
inline std::string_view TrimSpace(std::string_view s) {
  // Most values have no space around them: one test at each end (every
  // byte above ' ' is other than the four XML spaces).
  if (!s.empty() && static_cast<unsigned char>(s.front()) > ' ' &&
      static_cast<unsigned char>(s.back()) > ' ') {
    return s;
  }
  return xml::TrimXml(s);
}

// upper-case(s) = 'VAT' (the scheme tests; `s` trimmed already). The three
// bytes at once, case bits cleared: a byte with bit 5 cleared is 'V', 'A'
// or 'T' only when it was that letter or its lower case (upper-case()
// takes no other byte there), so no test per byte.
inline bool IsUpperVat(std::string_view s) {
  if (s.size() != 3) return false;
  auto byte = [&](int i) {
    return uint32_t{static_cast<unsigned char>(s[static_cast<std::size_t>(i)])}
           << (8 * i);
  };
  const uint32_t bytes = byte(0) | byte(1) | byte(2);
  constexpr uint32_t kVat = 'V' | 'A' << 8 | 'T' << 16;
  return ((bytes & 0xDFDFDFu) ^ kVat) == 0;
}

// A value that is absent (empty sequence), a number, or a cast error.
struct Num {
  bool error = false;
  std::optional<Decimal> value;  // nullopt and !error: empty sequence
};

// An xs:decimal m / 10^scale held in 64 bits: the amounts the rules add up
// (a few digits, two decimals) parse and add without a Decimal. Only values
// that certainly fit take this form; the rest stay Decimals (FixedSum).
struct Fixed {
  int64_t m = 0;
  int scale = 0;  // 0..18
};
// The value of an xs:decimal lexical (XML whitespace around it, a sign,
// digits with at most one point, at least one digit) of at most 18 digits;
// nullopt for any other text, which may still be a decimal
// (Decimal::Parse decides).
std::optional<Fixed> ParseFixed(std::string_view text);
// Whether `text` is an xs:decimal lexical (Decimal::Parse would take it).
bool IsDecimalText(std::string_view text);
// a == b, exactly.
bool FixedEqual(Fixed a, Fixed b);
// AddFixed for terms of different scales.
bool AddFixedRescaled(Fixed& a, Fixed b);
// a + b; false (and `a` unchanged) when it would not fit. Inline for the
// usual term, of the sum's scale (amounts of two decimals).
inline bool AddFixed(Fixed& a, Fixed b) {
  int64_t sum = 0;
  if (a.scale == b.scale && !__builtin_add_overflow(a.m, b.m, &sum) &&
      sum != std::numeric_limits<int64_t>::min()) {
    a.m = sum;
    return true;
  }
  return AddFixedRescaled(a, b);
}
// The exact value.
Decimal FixedToDecimal(Fixed f);
// Decimal::RoundHalfUp(2) (half toward positive infinity); nullopt when it
// would not fit.
std::optional<Fixed> RoundFixed2(Fixed f);
// UBL BR-x-09: |a| - 1 < round2(|b| * (c div 100)) < |a| + 1, as Decimal
// computes it; nullopt when a step would not fit in 64 bits. Not `strict`
// (CII's BR-CO-17), the bounds are included.
std::optional<bool> TaxWithinOne(Fixed a, Fixed b, Fixed c, bool strict = true);
// The xs:double nearest the value when one division gives it (|m| <= 2^53,
// scale <= 18, as Clinger's fast path); nullopt otherwise.
std::optional<double> FixedToDouble(Fixed f);

// A sum of xs:decimal values, exact: in 64 bits while the terms allow,
// the rest in a Decimal.
class FixedSum {
 public:
  // Adds the xs:decimal of `text`; false when it is no decimal.
  bool Add(std::string_view text);
  void Add(Fixed f) {
    if (!AddFixed(fixed_, f)) AddWide(FixedToDecimal(f));
  }
  void Add(const Decimal& d) { AddWide(d); }
  void Subtract(Fixed f) { Add(Fixed{-f.m, f.scale}); }
  void Subtract(const Decimal& d) { AddWide(-d); }
  void Add(const FixedSum& o) {
    Add(o.fixed_);
    if (o.wide_) AddWide(o.rest_);
  }
  void Subtract(const FixedSum& o) {
    Subtract(o.fixed_);
    if (o.wide_) AddWide(-o.rest_);
  }
  // XPath round(x * 10 * 10) div 100 on xs:decimal: Decimal::RoundHalfUp(2).
  FixedSum Round2() const;
  // Value() == xs:decimal(text); nullopt when `text` is no decimal.
  std::optional<bool> EqualsText(std::string_view text) const;
  // True when every term stayed in 64 bits: fixed() is the sum.
  bool narrow() const { return !wide_; }
  Fixed fixed() const { return fixed_; }
  Decimal Value() const;
  // ToDouble(Value()), without building the Decimal when it need not be.
  double ToDoubleValue() const;

 private:
  void AddWide(const Decimal& d);
  Fixed fixed_;
  bool wide_ = false;
  Decimal rest_;
};

// xs:decimal() of one amount as the sums take it: absent, a cast error, or
// a value, in 64 bits when it fits.
struct Term {
  bool error = false;
  bool present = false;
  bool narrow = false;
  Fixed fixed;   // when narrow
  Decimal wide;  // when present and not narrow
  // The value of a present Term.
  Decimal Value() const { return narrow ? FixedToDecimal(fixed) : wide; }
  // Adds (or, `negate`, subtracts) the value, if any, to `sum`.
  void AddTo(FixedSum& sum, bool negate = false) const {
    if (!present) return;
    if (narrow) {
      negate ? sum.Subtract(fixed) : sum.Add(fixed);
    } else {
      negate ? sum.Subtract(wide) : sum.Add(wide);
    }
  }
};
// The Term of the text of an element (untrimmed, as Decimal::Parse takes it).
Term TermOf(std::string_view text);
// TermOf into `t`, a Term just constructed (no copy of its Decimal).
void SetTerm(std::string_view text, Term& t);
// ToDouble(abs(value) + add) of a present Term, in 64 bits when it fits.
double AbsPlusToDouble(const Term& t, int add);

// Where the official test does xs:double arithmetic (an untyped operand of
// "-", "+", "*"), the result is computed in double as XSLT would.
// xs:double cast of a string value (normalize-space applies; INF, NaN and
// exponents allowed): `*error` set when the text is not a double.
std::optional<double> UntypedDoubleText(std::string_view value, bool* error);
// The same cast of a value already normalized (normalize-space).
std::optional<double> DoubleOfNormalized(std::string_view text, bool* error);
double ToDouble(const Decimal& d);
// xs:decimal(d): the exact value of the double (up to Decimal::kMaxScale
// digits after the point); nullopt for NaN, infinities and doubles too
// large for a Decimal.
std::optional<Decimal> FromDouble(double d);
// The value of FromDouble(d)->RoundHalfUp(2) (XPath round(x * 100) div 100
// on the decimal; its scale may differ, for comparisons): in 64 bits when the
// double is a binary fraction of at most 60 bits after the point, where
// FromDouble would build a wide Decimal and round it.
std::optional<Decimal> Round2FromDouble(double d);
// xs:decimal(x) compared with `s`, for a double whose decimal FromDouble
// makes exactly (|x| < 2^53): the double nearest `s` (`near`, ToDouble(s))
// orders them unless it equals x, and only then is the decimal built.
// Unordered when `s` overflowed.
std::partial_ordering CompareWithDecimal(double x, double near,
                                         const Decimal& s);
// XPath fn:round on xs:double: half toward positive infinity.
double RoundDouble(double d);

}  // namespace chorus::rules::vat

#endif  // CHORUS_SRC_RULES_BUSINESS_VAT_XML_H_

#include "chorus/model/decimal.h"

#include <gtest/gtest.h>

#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "../src/model/decimal_short.h"

namespace chorus {
namespace {

Decimal D(std::string_view text) {
  auto d = Decimal::Parse(text);
  EXPECT_TRUE(d.has_value()) << "cannot parse " << text;
  return d.value_or(Decimal());
}

TEST(DecimalParse, AcceptsXsDecimalLexicalForms) {
  EXPECT_EQ(D("12.50").ToString(), "12.50");
  EXPECT_EQ(D(" 12.50 ").ToString(), "12.50");
  EXPECT_EQ(D("\t\n12\r\n").ToString(), "12");
  EXPECT_EQ(D("+.5").ToString(), "0.5");
  EXPECT_EQ(D("5.").ToString(), "5");
  EXPECT_EQ(D("-3.25").ToString(), "-3.25");
  EXPECT_EQ(D("007.10").ToString(), "7.10");
  EXPECT_EQ(D("0.000").ToString(), "0.000");
  EXPECT_EQ(D(".001").ToString(), "0.001");
  EXPECT_EQ(D("-.001").ToString(), "-0.001");
}

TEST(DecimalParse, DigitCountsAroundTheUint64FastPath) {
  // Values either side of 18 digits, the most a uint64 holds whatever they
  // are, with leading zeros that count as digits but not as significant.
  const std::pair<const char*, const char*> kCases[] = {
      {"123456789012345678", "123456789012345678"},
      {"1234567890123456789", "1234567890123456789"},
      {"-9999999999999999.99", "-9999999999999999.99"},
      {" 99999999999999999999 ", "99999999999999999999"},
      {"0000000000000000000012.5", "12.5"},
      {"0.0000000000000000000001", "0.0000000000000000000001"},
  };
  for (const auto& [text, canonical] : kCases) {
    EXPECT_EQ(D(text).ToString(), canonical) << text;
  }
  EXPECT_FALSE(Decimal::Parse("12345678901234567.8.9").has_value());
  EXPECT_FALSE(Decimal::Parse("1234567890123456789x").has_value());
}

TEST(DecimalParse, NegativeZeroIsZeroAndNotNegative) {
  for (const char* text : {"-0", "-0.00", "-.0", "+0", "000"}) {
    Decimal d = D(text);
    EXPECT_TRUE(d.IsZero()) << text;
    EXPECT_FALSE(d.IsNegative()) << text;
    EXPECT_EQ(d, Decimal(0)) << text;
    EXPECT_EQ(d.ToCanonical(), "0") << text;
  }
  EXPECT_EQ(D("-0.00").ToString(), "0.00");
}

TEST(DecimalParse, RejectsNonDecimalText) {
  for (const char* text :
       {"",     " ",     "+",     "-",        ".",   "+.",  "1e3",
        "1E3",  "1 000", "1,5",   "1,000.00", "NaN", "INF", "-INF",
        "0x10", "1.2.3", "--1",   "+-1",      "1-",  "12a", "a12",
        "1 .5", "١٢",    "1.5 e", "\v1"}) {
    EXPECT_FALSE(Decimal::Parse(text).has_value()) << "'" << text << "'";
  }
}

TEST(DecimalParse, ParseIntoFillsInPlaceAndKeepsTheValueOnFailure) {
  for (const char* text :
       {"12.50", " -0.001 ", "123456789012345678901234.5", "0", "+.5"}) {
    Decimal d(42);
    ASSERT_TRUE(Decimal::ParseInto(text, d)) << text;
    EXPECT_EQ(d.ToString(), D(text).ToString()) << text;
    EXPECT_EQ(d.scale(), D(text).scale()) << text;
  }
  // Too many digits takes the general path; bad text the fast one.
  const std::string too_long(Decimal::kMaxDigits + 1, '7');
  for (const std::string& text :
       {std::string("12a"), std::string(""), std::string("1e3"), too_long}) {
    Decimal d = D("-3.25");
    EXPECT_FALSE(Decimal::ParseInto(text, d)) << text;
    EXPECT_EQ(d.ToString(), "-3.25") << text;
  }
}

// Parse's short-value fast paths against the general multi-limb parser
// behind ParseWithExponent, which without an exponent reads the same
// language (fractions up to kMaxScale digits) to the same values.
TEST(DecimalParse, FastPathsAgreeWithTheGeneralParser) {
  std::mt19937_64 rng(20261127);
  const std::string extra = "000999.-+ \t\nx";
  int valid = 0;
  for (int it = 0; it < 200000; ++it) {
    std::string s;
    const int len = static_cast<int>(rng() % (it % 4 == 0 ? 60 : 24));
    for (int i = 0; i < len; ++i) {
      s += rng() % 5 != 0 ? static_cast<char>('0' + rng() % 10)
                          : extra[rng() % extra.size()];
    }
    std::optional<Decimal> fast = Decimal::Parse(s);
    std::optional<Decimal> general = Decimal::ParseWithExponent(s);
    ASSERT_EQ(fast.has_value(), general.has_value()) << "'" << s << "'";
    Decimal into(7);
    ASSERT_EQ(Decimal::ParseInto(s, into), fast.has_value()) << "'" << s << "'";
    if (!fast) {
      EXPECT_EQ(into.ToString(), "7");
      continue;
    }
    ++valid;
    ASSERT_EQ(fast->ToString(), general->ToString()) << "'" << s << "'";
    ASSERT_EQ(into.ToString(), general->ToString()) << "'" << s << "'";
    ASSERT_EQ(fast->IsNegative(), general->IsNegative()) << "'" << s << "'";
  }
  EXPECT_GT(valid, 50000);  // the strings exercise the success paths
}

// `got` reads as `want` does: the same text, scale, sign and value.
void AssertSameDecimal(const Decimal& got, const Decimal& want,
                       const std::string& s) {
  ASSERT_EQ(got.ToString(), want.ToString()) << "'" << s << "'";
  ASSERT_EQ(got.scale(), want.scale()) << "'" << s << "'";
  ASSERT_EQ(got.IsNegative(), want.IsNegative()) << "'" << s << "'";
  ASSERT_TRUE(got == want) << "'" << s << "'";
}

// Calls f(s) for every string of `min` to `max` characters over
// `alphabet`, up to the first fatal failure.
template <typename F>
void ForEachString(const std::string& alphabet, int min, int max, F&& f) {
  const int k = static_cast<int>(alphabet.size());
  for (int len = min; len <= max; ++len) {
    int total = 1;
    for (int i = 0; i < len; ++i) total *= k;
    for (int code = 0; code < total; ++code) {
      std::string s;
      for (int i = 0, c = code; i < len; ++i, c /= k) s += alphabet[c % k];
      f(s);
      if (::testing::Test::HasFatalFailure()) return;
    }
  }
}

// Every string of up to 6 characters over digits, signs, points, spaces and
// the bytes next to '0', '9' and '.' (also with the high bit set) against
// the general parser: the short-value fast path with the point anywhere,
// twice, or alone.
TEST(DecimalParse, ShortStringsAgreeWithTheGeneralParser) {
  const std::string alphabet = std::string("0179.-+ /:") + '\xAE' + '\xB0';
  int valid = 0;
  ForEachString(alphabet, 1, 6, [&](const std::string& s) {
    std::optional<Decimal> fast = Decimal::Parse(s);
    std::optional<Decimal> general = Decimal::ParseWithExponent(s);
    ASSERT_EQ(fast.has_value(), general.has_value()) << "'" << s << "'";
    if (!fast) return;
    ++valid;
    AssertSameDecimal(*fast, *general, s);
  });
  EXPECT_GT(valid, 10000);
}

// Values around the one-limb boundary and the uint64 loop's lengths.
TEST(DecimalParse, EightAndNineCharacterValues) {
  const std::pair<const char*, const char*> kCases[] = {
      {"99999999", "99999999"},   {"-99999999", "-99999999"},
      {"00000000", "0"},          {"-0000000", "0"},
      {"1234.567", "1234.567"},   {".1234567", "0.1234567"},
      {"1234567.", "1234567"},    {"+0.000001", "0.000001"},
      {"999999999", "999999999"}, {"1000000000", "1000000000"},
      {"12345.678", "12345.678"}, {" -1234.56 ", "-1234.56"},
  };
  for (const auto& [text, want] : kCases) {
    EXPECT_EQ(D(text).ToString(), want) << text;
  }
  EXPECT_FALSE(Decimal::Parse("1234.5.6"));
  EXPECT_FALSE(Decimal::Parse("12345678x"));
  EXPECT_FALSE(Decimal::Parse("-."));
  EXPECT_FALSE(Decimal::Parse("1 2"));
}

// Parse against the general parser for every length up to 17 bytes (the
// short path takes 1 to 15), the point at every position or absent, every
// sign, all-zero, all-nine and mixed digits, and each byte in turn replaced
// by one that is not a digit (neighbours of '0', '9' and '.', a second
// point or sign, a space, bytes with the high bit set).
TEST(DecimalParse, EveryLengthPointAndBadByteAgreeWithTheGeneralParser) {
  const auto check = [](const std::string& s) {
    std::optional<Decimal> fast = Decimal::Parse(s);
    std::optional<Decimal> general = Decimal::ParseWithExponent(s);
    Decimal into(7);
    const bool parsed = Decimal::ParseInto(s, into);
    ASSERT_EQ(fast.has_value(), general.has_value()) << "'" << s << "'";
    ASSERT_EQ(parsed, fast.has_value()) << "'" << s << "'";
    if (!fast) {
      ASSERT_EQ(into.ToString(), "7") << "'" << s << "'";
      return;
    }
    ASSERT_EQ(fast->ToString(), general->ToString()) << "'" << s << "'";
    ASSERT_EQ(into.ToString(), general->ToString()) << "'" << s << "'";
    ASSERT_EQ(fast->scale(), general->scale()) << "'" << s << "'";
    ASSERT_EQ(into.scale(), general->scale()) << "'" << s << "'";
    ASSERT_EQ(fast->IsNegative(), general->IsNegative()) << "'" << s << "'";
    ASSERT_EQ(into.IsNegative(), general->IsNegative()) << "'" << s << "'";
    ASSERT_TRUE(*fast == *general) << "'" << s << "'";
    ASSERT_TRUE(into == *general) << "'" << s << "'";
  };
  // '\x1E' and '\x9E' are '.' ^ '0' (and with the high bit): the short
  // path finds the point among bytes already xored with '0'.
  const std::string bad = std::string("/:-.+ x\t") + '\0' + '\xAE' + '\xB0' +
                          '\xFF' + '\x1E' + '\x9E';
  const std::string signs[] = {"", "-", "+"};
  const std::string fills[] = {"0000000000000000", "9999999999999999",
                               "1234567890987654", "1000000000000000"};
  for (const std::string& sign : signs) {
    for (const std::string& fill : fills) {
      for (size_t digits = 0; digits <= 16; ++digits) {
        // point == digits + 1: no point.
        for (size_t point = 0; point <= digits + 1; ++point) {
          std::string s = sign + fill.substr(0, digits);
          if (point <= digits) s.insert(sign.size() + point, ".");
          check(s);
          if (HasFatalFailure()) return;
          for (size_t i = 0; i < s.size(); ++i) {
            for (char c : bad) {
              std::string t = s;
              t[i] = c;
              check(t);
              if (HasFatalFailure()) return;
            }
          }
        }
      }
    }
  }
}

// The inline short form the readers call (ParseShortInto) against the
// general parser (Parse takes the short form itself): the same value when
// it takes a text, the optional untouched (engaged or not) when it leaves
// one to Decimal::ParseInto. It takes every valid text of 1 to 8 bytes
// without spaces, and nothing longer.
TEST(DecimalParse, InlineShortFormAgreesWithTheGeneralParser) {
  const std::string alphabet = std::string("0179.-+ /:") + '\xAE' + '\x1E';
  std::mt19937_64 rng(20261128);
  int taken = 0;
  const auto check = [&](const std::string& s) {
    std::optional<Decimal> parsed = Decimal::ParseWithExponent(s);
    std::optional<Decimal> into;
    std::optional<Decimal> engaged = Decimal(-5);
    const bool took = decimal_internal::ParseShortInto(s, into);
    ASSERT_EQ(decimal_internal::ParseShortInto(s, engaged), took) << s;
    const bool plain = s.size() >= 1 && s.size() <= 8 &&
                       s.find_first_of(" \t\n\r") == std::string::npos;
    ASSERT_EQ(took, plain && parsed.has_value()) << "'" << s << "'";
    if (!took) {
      ASSERT_FALSE(into.has_value()) << "'" << s << "'";
      ASSERT_EQ(engaged->ToString(), "-5") << "'" << s << "'";
      return;
    }
    ++taken;
    for (const std::optional<Decimal>* d : {&into, &engaged}) {
      ASSERT_TRUE(d->has_value()) << "'" << s << "'";
      AssertSameDecimal(**d, *parsed, s);
    }
  };
  ForEachString(alphabet, 0, 5, check);
  if (HasFatalFailure()) return;
  for (int it = 0; it < 100000; ++it) {
    std::string s;
    const auto len = static_cast<int>(6 + rng() % 5);  // 6 to 10 bytes
    for (int i = 0; i < len; ++i) {
      s += rng() % 4 != 0 ? static_cast<char>('0' + rng() % 10)
                          : alphabet[rng() % alphabet.size()];
    }
    check(s);
    if (HasFatalFailure()) return;
  }
  EXPECT_GT(taken, 20000);
}

TEST(DecimalParse, ExponentOnlyWithParseWithExponent) {
  EXPECT_FALSE(Decimal::Parse("1e3").has_value());
  auto a = Decimal::ParseWithExponent("1e3");
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->ToCanonical(), "1000");
  auto b = Decimal::ParseWithExponent("1.5E-3");
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(b->ToString(), "0.0015");
  auto c = Decimal::ParseWithExponent("-12.50e+1");
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->ToString(), "-125.0");
  auto plain = Decimal::ParseWithExponent(" 7.25 ");
  ASSERT_TRUE(plain.has_value());
  EXPECT_EQ(plain->ToString(), "7.25");
  auto zero = Decimal::ParseWithExponent("0E999999999");
  ASSERT_TRUE(zero.has_value());
  EXPECT_TRUE(zero->IsZero());
  EXPECT_FALSE(Decimal::ParseWithExponent("1e").has_value());
  EXPECT_FALSE(Decimal::ParseWithExponent("1e+").has_value());
  EXPECT_FALSE(Decimal::ParseWithExponent("e3").has_value());
  EXPECT_FALSE(Decimal::ParseWithExponent("1e3.5").has_value());
  EXPECT_FALSE(Decimal::ParseWithExponent("1e99999").has_value());
  EXPECT_FALSE(Decimal::ParseWithExponent("1e-99999").has_value());
  EXPECT_FALSE(Decimal::ParseWithExponent("NaN").has_value());
}

TEST(DecimalParse, FortyDigitNumbersAreExact) {
  const std::string big = "1234567890123456789012345678901234567890";
  EXPECT_EQ(D(big).ToString(), big);
  EXPECT_EQ(D("-" + big + ".0987654321").ToString(), "-" + big + ".0987654321");
  EXPECT_EQ(D("0.1234567890123456789012345678901234567890").ToString(),
            "0.1234567890123456789012345678901234567890");
}

TEST(DecimalParse, DigitAndScaleLimits) {
  const std::string ninety(90, '9');
  EXPECT_EQ(D(ninety).ToString(), ninety);
  EXPECT_FALSE(Decimal::Parse(ninety + "9").has_value());
  // Leading zeros are not significant digits.
  EXPECT_EQ(D(std::string(200, '0') + "42").ToString(), "42");
  // Fraction digits count against kMaxDigits too.
  EXPECT_FALSE(Decimal::Parse("1." + std::string(90, '1')).has_value());
  EXPECT_EQ(D("0." + std::string(59, '0') + "1").scale(), 60);
  EXPECT_FALSE(Decimal::Parse("0." + std::string(60, '0') + "1").has_value());
}

TEST(DecimalParse, IntegerConstructor) {
  EXPECT_EQ(Decimal(0).ToString(), "0");
  EXPECT_EQ(Decimal(-42).ToString(), "-42");
  EXPECT_EQ(Decimal(1000000000).ToString(), "1000000000");
  EXPECT_EQ(Decimal(9223372036854775807LL).ToString(), "9223372036854775807");
  EXPECT_EQ(Decimal(-9223372036854775807LL - 1).ToString(),
            "-9223372036854775808");
}

TEST(DecimalFormat, Canonical) {
  EXPECT_EQ(D("12.500").ToCanonical(), "12.5");
  EXPECT_EQ(D("12.000").ToCanonical(), "12");
  EXPECT_EQ(D("-0.0100").ToCanonical(), "-0.01");
  EXPECT_EQ(D("1000").ToCanonical(), "1000");
  EXPECT_EQ(D("1000000000.000000000").ToCanonical(), "1000000000");
}

TEST(DecimalFormat, FixedPadsAndRoundsHalfTowardPositiveInfinity) {
  EXPECT_EQ(D("12.5").ToFixed(2), "12.50");
  EXPECT_EQ(D("12").ToFixed(2), "12.00");
  EXPECT_EQ(D("12").ToFixed(0), "12");
  EXPECT_EQ(D("1.005").ToFixed(2), "1.01");
  EXPECT_EQ(D("-1.005").ToFixed(2), "-1.00");
  EXPECT_EQ(D("-1.0051").ToFixed(2), "-1.01");
  EXPECT_EQ(D("0.999").ToFixed(2), "1.00");
  EXPECT_EQ(D("-0.004").ToFixed(2), "0.00");
  EXPECT_EQ(D("2.5").ToFixed(0), "3");
  EXPECT_EQ(D("0.5").ToFixed(3), "0.500");
}

TEST(DecimalFormat, FractionDigits) {
  EXPECT_EQ(D("12.50").FractionDigits(), 1);
  EXPECT_EQ(D("12.50").scale(), 2);
  EXPECT_EQ(D("12.00").FractionDigits(), 0);
  EXPECT_EQ(D("0.123").FractionDigits(), 3);
  EXPECT_EQ(D("100").FractionDigits(), 0);
  EXPECT_EQ(D("0.000").FractionDigits(), 0);
}

TEST(DecimalCompare, NumericEquality) {
  EXPECT_EQ(D("1.0"), D("1.00"));
  EXPECT_EQ(D("1"), D("1.000000000000000000000"));
  EXPECT_NE(D("1.0"), D("1.01"));
  EXPECT_NE(D("1"), D("-1"));
  EXPECT_LT(D("-2"), D("-1.5"));
  EXPECT_LT(D("-0.1"), D("0"));
  EXPECT_LT(D("0"), D("0.000000001"));
  EXPECT_GT(D("1000000000"), D("999999999.999999999"));
  EXPECT_LT(D("123456789012345678901234567890"),
            D("123456789012345678901234567891"));
  EXPECT_GT(D("10"), D("9.99"));
  EXPECT_LE(D("2.50"), D("2.5"));
  EXPECT_GE(D("2.50"), D("2.5"));
}

TEST(DecimalArithmetic, AdditionAndSubtraction) {
  EXPECT_EQ((D("1.50") + D("2.50")).ToString(), "4.00");
  EXPECT_EQ((D("0.1") + D("0.2")).ToString(), "0.3");
  EXPECT_EQ((D("1") + D("0.001")).ToString(), "1.001");
  EXPECT_EQ((D("5") - D("7.25")).ToString(), "-2.25");
  EXPECT_EQ((D("-5") - D("-7.25")).ToString(), "2.25");
  EXPECT_EQ((D("-5") + D("5.00")).ToString(), "0.00");
  EXPECT_FALSE((D("-5") + D("5.00")).IsNegative());
  EXPECT_EQ((Decimal(2) + D("0.5")).ToString(), "2.5");
  Decimal acc;
  acc += D("10.10");
  acc -= D("0.20");
  EXPECT_EQ(acc.ToString(), "9.90");
}

TEST(DecimalArithmetic, CarriesAndBorrowsAcrossLimbs) {
  EXPECT_EQ((D("999999999") + D("1")).ToString(), "1000000000");
  EXPECT_EQ((D("999999999999999999.999999999") + D("0.000000001")).ToString(),
            "1000000000000000000.000000000");
  EXPECT_EQ((D("1000000000000000000") - D("1")).ToString(),
            "999999999999999999");
  EXPECT_EQ((D("1000000000000000000") - D("0.000000001")).ToString(),
            "999999999999999999.999999999");
  EXPECT_EQ((D("1") - D("1000000000000000000.5")).ToString(),
            "-999999999999999999.5");
}

TEST(DecimalArithmetic, Multiplication) {
  EXPECT_EQ((D("1.5") * D("2.25")).ToString(), "3.375");
  EXPECT_EQ((D("-3") * D("0.50")).ToString(), "-1.50");
  EXPECT_EQ((D("-3") * D("-2")).ToString(), "6");
  EXPECT_EQ((D("0") * D("-2")).IsNegative(), false);
  EXPECT_EQ((D("123456789") * D("987654321")).ToString(), "121932631112635269");
  // (10^20 - 1)^2 = 10^40 - 2*10^20 + 1
  EXPECT_EQ((D("99999999999999999999") * D("99999999999999999999")).ToString(),
            "9999999999999999999800000000000000000001");
  EXPECT_EQ((D("12345678901234567890.12345") * D("1000.001")).ToString(),
            "12345691246913469124691.34012345");
}

TEST(DecimalArithmetic, OverflowIsSticky) {
  const Decimal big = D(std::string(46, '9'));
  const Decimal product = big * big;  // 92 digits
  EXPECT_TRUE(product.overflow());
  EXPECT_EQ(product.ToString(), "overflow");
  EXPECT_NE(product, product);
  EXPECT_FALSE(product < Decimal(0));
  EXPECT_FALSE(product > Decimal(0));
  EXPECT_TRUE((product + Decimal(1)).overflow());
  EXPECT_FALSE((D(std::string(45, '9')) * D(std::string(45, '9'))).overflow());
  EXPECT_TRUE((D(std::string(90, '9')) + Decimal(1)).overflow());
}

TEST(DecimalArithmetic, ScaleOverflowDropsOnlyTrailingZeros) {
  const Decimal tiny = D("0." + std::string(39, '0') + "1");  // 1e-40
  EXPECT_TRUE((tiny * tiny).overflow());                      // 1e-80
  const Decimal padded = D("1." + std::string(40, '0'));
  const Decimal p = padded * padded;  // scale 80, value 1
  EXPECT_FALSE(p.overflow());
  EXPECT_EQ(p, Decimal(1));
}

TEST(DecimalArithmetic, Divide) {
  auto q = Decimal::Divide(D("10"), D("4"));
  ASSERT_TRUE(q.has_value());
  EXPECT_EQ(q->ToString(), "2.5");
  EXPECT_EQ(Decimal::Divide(D("1"), D("3"))->ToString(),
            "0.333333333333333333");
  EXPECT_EQ(Decimal::Divide(D("2"), D("3"))->ToString(),
            "0.666666666666666666");
  EXPECT_EQ(Decimal::Divide(D("-2"), D("3"))->ToString(),
            "-0.666666666666666666");
  EXPECT_EQ(Decimal::Divide(D("1"), D("3"), 4)->ToString(), "0.3333");
  EXPECT_EQ(Decimal::Divide(D("100.00"), D("0.25"))->ToString(), "400");
  EXPECT_EQ(Decimal::Divide(D("7"), D("-0.5"))->ToString(), "-14");
  EXPECT_EQ(Decimal::Divide(D("0"), D("7"))->ToString(), "0");
  EXPECT_FALSE(Decimal::Divide(D("1"), D("0.00")).has_value());
  // Multi-limb divisor.
  EXPECT_EQ(
      Decimal::Divide(D("121932631112635269"), D("987654321"))->ToString(),
      "123456789");
  EXPECT_EQ(Decimal::Divide(D("9999999999999999999800000000000000000001"),
                            D("99999999999999999999"))
                ->ToString(),
            "99999999999999999999");
  EXPECT_EQ(Decimal::Divide(D("1"), D("1234567890123"), 30)->ToString(),
            "0.000000000000810000007290299765");
  EXPECT_EQ(Decimal::Divide(D("1000000000000000000000"), D("999999999999"), 0)
                ->ToString(),
            "1000000000");
}

TEST(DecimalArithmetic, ScaleDown) {
  EXPECT_EQ(D("1250").ScaleDown(2).ToString(), "12.50");
  EXPECT_EQ(D("-5").ScaleDown(3).ToString(), "-0.005");
  EXPECT_EQ(D("1.5").ScaleDown(0).ToString(), "1.5");
}

// `digits` with a point `scale` places from the right ("5", 2 -> "0.05").
std::string WithScale(std::string digits, int scale, bool negative) {
  if (static_cast<int>(digits.size()) <= scale) {
    digits.insert(0, static_cast<size_t>(scale + 1) - digits.size(), '0');
  }
  if (scale > 0) digits.insert(digits.size() - static_cast<size_t>(scale), ".");
  return (negative ? "-" : "") + digits;
}

// The one- and two-limb fast paths of +, -, ==, <=>, ScaleDown and
// RoundHalfUp against the multi-limb general paths, reached by shifting
// both sides by an integer of five limbs: values at the limb boundaries,
// scales 0 to 18, both signs, negative zero and trailing zeros.
TEST(DecimalArithmetic, FastPathsAgreeWithTheMultiLimbPaths) {
  const Decimal big = D("1000000000000000000000000000000000000000");  // 10^39
  const char* const kDigits[] = {"0",
                                 "1",
                                 "5",
                                 "50",
                                 "999999999",
                                 "1000000000",
                                 "123456789012345678",
                                 "999999999999999999",
                                 "1000000000000000000"};
  const int kScales[] = {0, 1, 2, 3, 8, 9, 10, 17, 18};
  std::vector<Decimal> values;
  for (const char* digits : kDigits) {
    for (int scale : kScales) {
      for (bool negative : {false, true}) {
        values.push_back(D(WithScale(digits, scale, negative)));
      }
    }
  }
  for (const Decimal& a : values) {
    const Decimal wide_a = a + big;
    for (int n : {1, 2, 9, 18}) {
      EXPECT_EQ(a.ScaleDown(n).ToString(),
                (wide_a.ScaleDown(n) - big.ScaleDown(n)).ToString())
          << a.ToString() << " " << n;
    }
    for (int d : {0, 1, 2, 9}) {
      EXPECT_EQ(a.RoundHalfUp(d).ToString(),
                (wide_a.RoundHalfUp(d) - big).ToString())
          << a.ToString() << " " << d;
    }
    for (const Decimal& b : values) {
      const Decimal wide_b = b + big;
      ASSERT_EQ((a + b).ToString(), ((wide_a + b) - big).ToString())
          << a.ToString() << " + " << b.ToString();
      ASSERT_EQ((a - b).ToString(), ((wide_a - b) - big).ToString())
          << a.ToString() << " - " << b.ToString();
      ASSERT_EQ((a - b).IsNegative(), ((wide_a - b) - big).IsNegative());
      ASSERT_EQ(a == b, wide_a == wide_b)
          << a.ToString() << " == " << b.ToString();
      ASSERT_EQ(a == b, (a - b).IsZero());
      ASSERT_EQ(a <=> b, wide_a <=> wide_b)
          << a.ToString() << " <=> " << b.ToString();
    }
  }
}

TEST(DecimalRounding, HalfUpIsTowardPositiveInfinity) {
  EXPECT_EQ(D("2.5").RoundHalfUp().ToString(), "3");
  EXPECT_EQ(D("-2.5").RoundHalfUp().ToString(), "-2");
  EXPECT_EQ(D("-2.51").RoundHalfUp().ToString(), "-3");
  EXPECT_EQ(D("-2.55").RoundHalfUp(1).ToString(), "-2.5");
  EXPECT_EQ(D("2.55").RoundHalfUp(1).ToString(), "2.6");
  EXPECT_EQ(D("2.549999").RoundHalfUp(1).ToString(), "2.5");
  EXPECT_EQ(D("-0.4").RoundHalfUp().ToString(), "0");
  EXPECT_EQ(D("9.995").RoundHalfUp(2).ToString(), "10.00");
  EXPECT_EQ(D("999999999.5").RoundHalfUp().ToString(), "1000000000");
  EXPECT_EQ(D("1.25").RoundHalfUp(5).ToString(), "1.25");  // no padding
  EXPECT_EQ(D("1250").RoundHalfUp(-2).ToString(), "1300");
  EXPECT_EQ(D("-1250").RoundHalfUp(-2).ToString(), "-1200");
  EXPECT_EQ(D("49").RoundHalfUp(-2).ToString(), "0");
  EXPECT_EQ(D("0.0000000000000000005").RoundHalfUp(18).ToString(),
            "0.000000000000000001");
}

TEST(DecimalRounding, HalfEven) {
  EXPECT_EQ(D("2.5").RoundHalfEven().ToString(), "2");
  EXPECT_EQ(D("3.5").RoundHalfEven().ToString(), "4");
  EXPECT_EQ(D("-2.5").RoundHalfEven().ToString(), "-2");
  EXPECT_EQ(D("-3.5").RoundHalfEven().ToString(), "-4");
  EXPECT_EQ(D("2.51").RoundHalfEven().ToString(), "3");
  EXPECT_EQ(D("1.125").RoundHalfEven(2).ToString(), "1.12");
  EXPECT_EQ(D("1.135").RoundHalfEven(2).ToString(), "1.14");
}

TEST(DecimalRounding, Truncate) {
  EXPECT_EQ(D("2.999").Truncate(2).ToString(), "2.99");
  EXPECT_EQ(D("-2.999").Truncate(2).ToString(), "-2.99");
  EXPECT_EQ(D("-0.009").Truncate(2).ToString(), "0.00");
  EXPECT_EQ(D("1234567890.123456789123").Truncate(10).ToString(),
            "1234567890.1234567891");
}

TEST(DecimalRounding, Abs) {
  EXPECT_EQ(D("-3.10").Abs().ToString(), "3.10");
  EXPECT_EQ(D("3.10").Abs().ToString(), "3.10");
  EXPECT_EQ((-D("3.10")).ToString(), "-3.10");
  EXPECT_EQ((-D("0.0")).ToString(), "0.0");
}

}  // namespace
}  // namespace chorus

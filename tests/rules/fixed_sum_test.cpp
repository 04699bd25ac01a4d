// The business rules' 64-bit decimals (vat::Fixed, FixedSum) stand in for
// Decimal where amounts fit: every answer must be the one Decimal gives,
// or the fast path would change a verdict.
#include <gtest/gtest.h>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "../src/rules/business_vat_xml.h"
#include "../src/rules/doc_index.h"
#include "chorus/model/decimal.h"

namespace chorus {
namespace {

using rules::vat::FixedSum;
using rules::vat::IsDecimalText;
using rules::vat::ParseFixed;

// Texts around the fast path's edges: signs, points, whitespace, digit
// counts near 18, and what is no decimal at all.
std::vector<std::string> Texts() {
  std::vector<std::string> out = {
      "0", "-0", "+0.00", "12.50", " 12.5\n", "\t-3.", ".5", "-.5", "+.05",
      "1.005", "999.995", "-2.345", "-2.346", "2.345", "0.0049", "-0.005",
      "1e3", "1 000", "", " ", ".", "-", "+", "1.2.3", "--1", "abc", "12,50",
      "NaN", "INF", "0x10", "١٢", "1.5 ", " +7", "00000001.10",
      // Realistic tax, taxable and rate values: BR-x-09 near its bounds.
      "100", "20", "20.00", "19.5", "-21", "0.99", "1.01"};
  // 17 to 20 digits, with and without a point, both signs.
  for (int digits = 17; digits <= 20; ++digits) {
    std::string nines(static_cast<std::size_t>(digits), '9');
    out.push_back(nines);
    out.push_back("-" + nines);
    out.push_back(nines.substr(0, 2) + "." + nines.substr(2));
    out.push_back("-0." + nines);
  }
  return out;
}

TEST(FixedSum, ParsesAsDecimalDoes) {
  for (const std::string& text : Texts()) {
    const std::optional<Decimal> slow = Decimal::Parse(text);
    EXPECT_EQ(IsDecimalText(text), slow.has_value()) << "'" << text << "'";
    if (std::optional<rules::vat::Fixed> fast = ParseFixed(text)) {
      ASSERT_TRUE(slow.has_value()) << "'" << text << "'";
      EXPECT_EQ(rules::vat::FixedToDecimal(*fast), *slow) << text;
    }
    const rules::vat::Term term = rules::vat::TermOf(text);
    EXPECT_EQ(term.present, slow.has_value()) << text;
    EXPECT_EQ(term.error, !slow.has_value()) << text;
    if (!slow) continue;
    for (int add : {-1, 0, 1}) {
      const Decimal abs = slow->Abs();
      EXPECT_EQ(rules::vat::AbsPlusToDouble(term, add),
                rules::vat::ToDouble(add == 0 ? abs : abs + add))
          << text << " " << add;
    }
  }
}

TEST(FixedSum, SumsRoundsAndComparesAsDecimal) {
  const std::vector<std::string> texts = Texts();
  for (const std::string& a : texts) {
    for (const std::string& b : texts) {
      const std::optional<Decimal> da = Decimal::Parse(a);
      const std::optional<Decimal> db = Decimal::Parse(b);
      FixedSum sum;
      EXPECT_EQ(sum.Add(a), da.has_value()) << a;
      EXPECT_EQ(sum.Add(b), db.has_value()) << b;
      Decimal expected;
      if (da) expected += *da;
      if (db) expected += *db;
      ASSERT_EQ(sum.Value(), expected) << a << " + " << b;
      EXPECT_EQ(sum.Round2().Value(), expected.RoundHalfUp(2))
          << a << " + " << b;
      // The xs:double of the sum, as ToDouble of the Decimal.
      EXPECT_EQ(sum.ToDoubleValue(), rules::vat::ToDouble(expected))
          << a << " + " << b;
      if (da && db) {
        FixedSum difference;
        difference.Add(a);
        if (std::optional<rules::vat::Fixed> fb = ParseFixed(b)) {
          difference.Subtract(*fb);
        } else {
          difference.Subtract(*db);
        }
        EXPECT_EQ(difference.Value(), *da - *db) << a << " - " << b;
      }
      if (da && db) {
        // UBL BR-x-09 with a as the tax amount, b the taxable amount and
        // a's digits as the rate.
        std::optional<rules::vat::Fixed> fa = ParseFixed(a);
        std::optional<rules::vat::Fixed> fb = ParseFixed(b);
        if (fa && fb) {
          const Decimal tax = (db->Abs() * da->ScaleDown(2)).RoundHalfUp(2);
          const Decimal abs = da->Abs();
          if (std::optional<bool> within =
                  rules::vat::TaxWithinOne(*fa, *fb, *fa)) {
            EXPECT_EQ(*within, abs - 1 < tax && abs + 1 > tax) << a << " " << b;
          }
        }
      }
      std::optional<bool> equal = sum.EqualsText(b);
      ASSERT_EQ(equal.has_value(), db.has_value()) << b;
      if (equal) {
        EXPECT_EQ(*equal, expected == *db) << a << " + " << b;
      }
    }
  }
}

// AddFixed adds a term of the sum's scale inline: it answers as the
// general path (AddFixedRescaled) for every pair, refusing the sums that do
// not fit in 64 bits (or would be INT64_MIN, whose negation does not) and
// then leaving the sum unchanged.
TEST(FixedSum, AddFixedAnswersAsTheGeneralPath) {
  using rules::vat::Fixed;
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
  const Fixed terms[] = {{0, 0},
                         {1250, 2},
                         {-3, 1},
                         {kMax - 1, 2},
                         {kMax, 0},
                         {kMin + 1, 2},
                         {-(int64_t{1} << 62), 2},
                         {5, 18},
                         {kMax / 10, 1},
                         {-(kMax / 100), 2}};
  std::size_t added = 0;
  std::size_t refused = 0;
  for (const Fixed& a : terms) {
    for (const Fixed& b : terms) {
      Fixed inline_sum = a;
      Fixed general_sum = a;
      const bool ok = rules::vat::AddFixed(inline_sum, b);
      ASSERT_EQ(ok, rules::vat::AddFixedRescaled(general_sum, b))
          << a.m << "/" << a.scale << " + " << b.m << "/" << b.scale;
      EXPECT_EQ(inline_sum.m, general_sum.m);
      EXPECT_EQ(inline_sum.scale, general_sum.scale);
      if (ok) {
        ++added;
        EXPECT_EQ(
            rules::vat::FixedToDecimal(inline_sum),
            rules::vat::FixedToDecimal(a) + rules::vat::FixedToDecimal(b));
        EXPECT_NE(inline_sum.m, kMin);
      } else {
        ++refused;
        EXPECT_EQ(inline_sum.m, a.m);
        EXPECT_EQ(inline_sum.scale, a.scale);
      }
    }
  }
  EXPECT_GT(added, std::size_t{50});
  EXPECT_GT(refused, std::size_t{5});
}

// BR-CO-10 rounds the exact decimal of a double sum (CII) and compares
// the value: the 64-bit rounding must give the value FromDouble and
// RoundHalfUp(2) give, halves (n / 8 is an exact half cent), negatives (half
// toward positive infinity), tiny fractions past the fast path and huge values
// included.
TEST(FixedSum, Round2FromDoubleRoundsAsTheExactDecimal) {
  std::vector<double> values = {0.0,
                                -0.0,
                                0.125,
                                -0.125,
                                0.375,
                                -0.375,
                                1.125,
                                -1.125,
                                2.675,
                                -2.675,
                                0.005,
                                -0.005,
                                0.015,
                                1e-15,
                                -1e-15,
                                1e-17,
                                -1e-17,
                                1e-30,
                                1e15,
                                1e15 + 0.5,
                                1e300,
                                -1e300,
                                4503599627370495.5,
                                3999.995,
                                999.995 + 500 + 2500};
  for (int i = -20000; i <= 20000; i += 7) {
    values.push_back(i / 1000.0);
    values.push_back(i / 8.0);
    values.push_back(i * 0.01 + 0.005);
  }
  double sum = 0;
  for (int i = 0; i < 500; ++i) {
    sum += (i % 13) * 17.37 - 40.015;
    values.push_back(sum);
  }
  for (double d : values) {
    std::optional<Decimal> exact = rules::vat::FromDouble(d);
    std::optional<Decimal> fast = rules::vat::Round2FromDouble(d);
    ASSERT_EQ(exact.has_value(), fast.has_value()) << d;
    if (!exact) continue;
    const Decimal want = exact->RoundHalfUp(2);
    EXPECT_TRUE(*fast == want)
        << d << ": " << fast->ToString() << " vs " << want.ToString();
  }
}

// The untyped double cast tries a signed plain decimal before looking for
// inner space: it must answer what the normalize-space path answers.
TEST(FixedSum, UntypedDoubleTextTakesPlainDecimalsAsTheFullCast) {
  std::vector<std::string> texts = Texts();
  for (const char* t :
       {"-INF", "+INF", " INF ", "-NaN", "1E400", "-1e-400", "9007199254740993",
        "9007199254740992", "-9007199254740993.5", "+-1", "-+1", " - 1",
        "1 . 5", "0.0000000000000000000001", "0.00000000000000000000001"}) {
    texts.push_back(t);
  }
  for (const std::string& text : texts) {
    std::string normalized;
    rules::NormalizeSpaceInto(text, normalized);
    bool want_error = false;
    bool got_error = false;
    std::optional<double> want =
        rules::vat::DoubleOfNormalized(normalized, &want_error);
    std::optional<double> got = rules::vat::UntypedDoubleText(text, &got_error);
    EXPECT_EQ(got_error, want_error) << text;
    ASSERT_EQ(got.has_value(), want.has_value()) << text;
    if (!got || std::isnan(*want)) continue;
    EXPECT_EQ(*got, *want) << text;
    EXPECT_EQ(std::signbit(*got), std::signbit(*want)) << text;
    // A signed plain decimal is the correctly rounded double from_chars
    // reads (the fast path divides two exact doubles).
    std::string_view v = rules::vat::TrimSpace(text);
    if (!v.empty() && v[0] == '+') v.remove_prefix(1);
    if (v.find_first_not_of("-0123456789.") != std::string_view::npos) {
      continue;
    }
    double parsed = 0;
    auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), parsed);
    if (ec == std::errc() && end == v.data() + v.size()) {
      EXPECT_EQ(*got, parsed) << text;
    }
  }
}

TEST(FixedSum, TrimSpaceTrimsAsTrimXml) {
  // The shortcut for values without spaces around them must trim exactly as
  // xml::TrimXml: every byte at either end, alone or around others.
  std::vector<std::string> texts = {"", " ", "\t\n\r ", " a ", "a  b"};
  for (int c = 0; c < 256; ++c) {
    const std::string b(1, static_cast<char>(c));
    for (const std::string& t : {b, b + "x" + b, b + b, "1" + b, b + "1",
                                 " " + b + " ", b + " 2 " + b}) {
      texts.push_back(t);
    }
  }
  for (const std::string& t : texts) {
    EXPECT_EQ(rules::vat::TrimSpace(t), xml::TrimXml(t))
        << static_cast<int>(t.empty() ? -1 : static_cast<unsigned char>(t[0]));
  }
}

}  // namespace
}  // namespace chorus

// BR-CO-17's arithmetic (business_core_totals.cpp): the 64-bit path the
// usual breakdown takes answers as the exact Decimal one; so does the
// rounding of CII's double sums (BR-CO-10..16).
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "../src/rules/business_core.h"
#include "../src/rules/business_vat_xml.h"
#include "chorus/model/decimal.h"

namespace chorus {
namespace {

TEST(BusinessCoreTotalsTest, VatAmountInSixtyFourBitsIsTheExactOne) {
  // The mantissa the 64-bit path starts from.
  EXPECT_EQ(Decimal::Parse("-12.50")->Mantissa64(), -1250);
  EXPECT_EQ(Decimal::Parse("0")->Mantissa64(), 0);
  EXPECT_EQ(Decimal::Parse("-0.000")->Mantissa64(), 0);
  EXPECT_EQ(Decimal::Parse("999999999999999999")->Mantissa64(),
            999'999'999'999'999'999);
  EXPECT_EQ(Decimal::Parse("1000000000000000000")->Mantissa64(), std::nullopt);

  const std::vector<std::string> taxes = {"0",
                                          "0.4",
                                          "0.49",
                                          "0.5",
                                          "-0.5",
                                          "-0.51",
                                          "20.00",
                                          "-20",
                                          "19.00",
                                          "21.00",
                                          "19.005",
                                          "18.995",
                                          "21.01",
                                          "1.00",
                                          "0.999",
                                          "-1",
                                          "12345678.9",
                                          "999999999999999999",
                                          "1e0",
                                          "1000000000000000000",
                                          "0.0000000000000000001"};
  const std::vector<std::string> rates = {"",
                                          "0",
                                          "0.49",
                                          "0.5",
                                          "-0.5",
                                          "-0.51",
                                          "20",
                                          "20.00",
                                          "5.5",
                                          "-20",
                                          "1",
                                          "7.123456789012345",
                                          "0.00000000000000001",
                                          "99999999999999999"};
  const std::vector<std::string> taxables = {"",
                                             "0",
                                             "100",
                                             "100.00",
                                             "-100",
                                             "99.975",
                                             "0.025",
                                             "105",
                                             "95",
                                             "95.05",
                                             "104.95",
                                             "12345678901.23",
                                             "999999999999999999",
                                             "1000000000000000000"};
  auto value = [](const std::string& text) -> std::optional<Decimal> {
    if (text.empty()) return std::nullopt;
    return Decimal::Parse(text);
  };
  int answered = 0;
  for (const std::string& tax_text : taxes) {
    const std::optional<Decimal> tax = value(tax_text);
    if (!tax) continue;  // "1e0" is no decimal
    for (const std::string& rate_text : rates) {
      const std::optional<Decimal> rate = value(rate_text);
      for (const std::string& taxable_text : taxables) {
        const std::optional<Decimal> taxable = value(taxable_text);
        for (bool strict : {true, false}) {
          const Decimal* r = rate ? &*rate : nullptr;
          const Decimal* t = taxable ? &*taxable : nullptr;
          const std::optional<bool> small =
              rules::core::SmallVatAmountWithinOne(*tax, r, t, strict);
          if (!small) continue;
          ++answered;
          EXPECT_EQ(*small, rules::core::VatAmountWithinOne(*tax, r, t, strict))
              << tax_text << " " << rate_text << " " << taxable_text << " "
              << strict;
        }
      }
    }
  }
  EXPECT_GT(answered, 1000);

  // The usual breakdowns answer in 64 bits, either way.
  auto small = [](const char* tax, const char* rate, const char* taxable) {
    const Decimal r = *Decimal::Parse(rate);
    const Decimal t = *Decimal::Parse(taxable);
    return rules::core::SmallVatAmountWithinOne(*Decimal::Parse(tax), &r, &t,
                                                true);
  };
  EXPECT_EQ(small("20.00", "20", "100.00"), true);
  EXPECT_EQ(small("20.99", "20", "100.00"), true);
  EXPECT_EQ(small("21.00", "20", "100.00"), false);
  EXPECT_EQ(small("-18.02", "20.00", "-95.05"), true);
  EXPECT_EQ(small("17.99", "20", "95.05"), false);
  EXPECT_EQ(small("0.4", "0.4", "100"), true);  // the rate rounds to zero
  EXPECT_EQ(small("0.5", "0.4", "100"), false);

  // CII's closed bounds answer in 64 bits as well: a difference of exactly
  // one passes there and fails in UBL, on both sides and with either sign.
  auto both = [](const char* tax, const char* rate, const char* taxable) {
    const Decimal r = *Decimal::Parse(rate);
    const Decimal t = *Decimal::Parse(taxable);
    const Decimal x = *Decimal::Parse(tax);
    const std::optional<bool> strict =
        rules::core::SmallVatAmountWithinOne(x, &r, &t, true);
    const std::optional<bool> closed =
        rules::core::SmallVatAmountWithinOne(x, &r, &t, false);
    EXPECT_EQ(strict, rules::core::VatAmountWithinOne(x, &r, &t, true))
        << tax << " " << rate << " " << taxable;
    EXPECT_EQ(closed, rules::core::VatAmountWithinOne(x, &r, &t, false))
        << tax << " " << rate << " " << taxable;
    return std::pair(strict, closed);
  };
  using Answers = std::pair<std::optional<bool>, std::optional<bool>>;
  EXPECT_EQ(both("21.00", "20", "100.00"), Answers(false, true));
  EXPECT_EQ(both("19", "20", "100"), Answers(false, true));
  EXPECT_EQ(both("-21.00", "20", "-100.00"), Answers(false, true));
  EXPECT_EQ(both("21.001", "20", "100"), Answers(false, false));
  EXPECT_EQ(both("18.999", "20", "100"), Answers(false, false));
  EXPECT_EQ(both("20.995", "20", "99.975"), Answers(true, true));
  // round2(99.975 x 0.2 = 19.995) is 20.00: 21.00 is exactly one away.
  EXPECT_EQ(both("21.00", "20", "99.975"), Answers(false, true));
  EXPECT_EQ(both("1.00", "-20", "0"), Answers(false, true));
  EXPECT_EQ(both("0.5", "0.4", "100"), Answers(false, false));
}

// Round2FromDouble reads the double's bits for its 64-bit path: it must
// round as the exact decimal of the double does (FromDouble then
// RoundHalfUp(2)) on every kind of double, the edges of the path (k = 1 and
// kMaxScale, exact halves, both signs), the kinds it leaves to the exact path
// (zeros, subnormals, infinities, NaN, huge values) and random doubles.
TEST(BusinessCoreTotalsTest, Round2FromDoubleReadsTheBitsAsTheExactDecimal) {
  using Limits = std::numeric_limits<double>;
  std::vector<double> values = {0.0,
                                -0.0,
                                Limits::denorm_min(),
                                -Limits::denorm_min(),
                                Limits::min(),
                                -Limits::min(),
                                Limits::min() / 3,
                                Limits::max(),
                                -Limits::max(),
                                Limits::infinity(),
                                -Limits::infinity(),
                                Limits::quiet_NaN(),
                                -Limits::quiet_NaN(),
                                Limits::epsilon(),
                                0.5,
                                -0.5,
                                1.5,
                                0.005,
                                -0.005,
                                0.125,
                                -0.125,
                                0.625,
                                -0.625,
                                9007199254740991.0,
                                9007199254740992.0,
                                4503599627370495.5,
                                -4503599627370495.5,
                                std::ldexp(1.0, -60),
                                std::ldexp(3.0, -60),
                                std::ldexp(1.0, -61),
                                std::ldexp(-1.0, -59),
                                std::ldexp(1.0, -7),
                                std::ldexp(-1.0, -7),
                                std::ldexp(1.0, -8),
                                3999.995,
                                -3999.995};
  std::mt19937_64 random(20261128);
  for (int i = 0; i < 3000; ++i) {
    // Any bit pattern: every exponent, NaN payloads and subnormals alike.
    values.push_back(std::bit_cast<double>(random()));
  }
  std::uniform_int_distribution<int> shift(-70, 10);
  for (int i = 0; i < 20000; ++i) {
    // An odd or even mantissa of any width at a scale around the path's.
    const auto m = static_cast<int64_t>(random() >> (random() % 64));
    values.push_back(std::ldexp(static_cast<double>(m), shift(random)) *
                     (i % 2 == 0 ? 1 : -1));
  }
  for (int i = 0; i < 20000; ++i) {
    // Amounts as invoices write them, summed in doubles.
    const auto cents = static_cast<int64_t>(random() % 2000001) - 1000000;
    const auto mills = static_cast<int64_t>(random() % 2001) - 1000;
    values.push_back(static_cast<double>(cents) / 100 +
                     static_cast<double>(mills) / 1000);
  }
  for (double d : values) {
    const std::optional<Decimal> exact = rules::vat::FromDouble(d);
    const std::optional<Decimal> fast = rules::vat::Round2FromDouble(d);
    ASSERT_EQ(exact.has_value(), fast.has_value()) << d;
    if (!exact) continue;
    const Decimal want = exact->RoundHalfUp(2);
    EXPECT_TRUE(*fast == want)
        << d << ": " << fast->ToString() << " vs " << want.ToString();
  }
}

}  // namespace
}  // namespace chorus

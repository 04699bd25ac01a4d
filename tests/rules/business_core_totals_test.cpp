// BR-CO-17's arithmetic (business_core_totals.cpp): the 64-bit path the
// usual breakdown takes answers as the exact Decimal one.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "../src/rules/business_core.h"
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

}  // namespace
}  // namespace chorus

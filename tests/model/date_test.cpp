#include "chorus/model/date.h"

#include <gtest/gtest.h>

#include "chorus/model/invoice.h"

namespace chorus {
namespace {

TEST(Date, ParsesIsoDates) {
  auto d = Date::ParseIso("2024-03-31");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->year, 2024);
  EXPECT_EQ(d->month, 3);
  EXPECT_EQ(d->day, 31);
  EXPECT_EQ(d->ToIso(), "2024-03-31");
  EXPECT_EQ(d->ToBasic(), "20240331");
}

TEST(Date, LeapYears) {
  EXPECT_TRUE(Date::ParseIso("2024-02-29").has_value());
  EXPECT_TRUE(Date::ParseIso("2000-02-29").has_value());
  EXPECT_FALSE(Date::ParseIso("1900-02-29").has_value());
  EXPECT_FALSE(Date::ParseIso("2023-02-29").has_value());
  EXPECT_FALSE(Date::ParseIso("2024-02-30").has_value());
  EXPECT_TRUE(Date::ParseBasic("20240229").has_value());
  EXPECT_FALSE(Date::ParseBasic("21000229").has_value());
}

TEST(Date, RejectsMalformedIso) {
  for (const char* text :
       {"", "2024-3-31", "2024-03-1", "24-03-31", "2024/03/31", "2024-03-31 ", " 2024-03-31",
        "2024-03-31Z", "2024-04-31", "2024-13-01", "2024-00-10", "2024-01-00", "0000-01-01",
        "20240331", "2024-0a-01", "+024-01-01", "2024-03-32"}) {
    EXPECT_FALSE(Date::ParseIso(text).has_value()) << text;
  }
}

TEST(Date, ParsesBasicDates) {
  auto d = Date::ParseBasic("20231201");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(*d, (Date{2023, 12, 1}));
  EXPECT_EQ(d->ToIso(), "2023-12-01");
  for (const char* text : {"2023121", "202312011", "2023-12-01", "20231301", "20231131", "2023120a"}) {
    EXPECT_FALSE(Date::ParseBasic(text).has_value()) << text;
  }
}

TEST(Date, FormatsWithPadding) {
  EXPECT_EQ((Date{987, 1, 2}).ToIso(), "0987-01-02");
  EXPECT_EQ((Date{987, 1, 2}).ToBasic(), "09870102");
}

TEST(Date, OrdersChronologically) {
  EXPECT_LT(*Date::ParseIso("2023-12-31"), *Date::ParseIso("2024-01-01"));
  EXPECT_LT(*Date::ParseIso("2024-01-31"), *Date::ParseIso("2024-02-01"));
  EXPECT_EQ(*Date::ParseIso("2024-01-31"), *Date::ParseBasic("20240131"));
}

TEST(InvoiceTypeCodes, CreditNoteCodes) {
  for (const char* code : {"81", "83", "381", "396", "532"}) {
    EXPECT_TRUE(IsCreditNoteTypeCode(code)) << code;
  }
  for (const char* code : {"380", "384", "389", "751", "", "3810", " 381"}) {
    EXPECT_FALSE(IsCreditNoteTypeCode(code)) << code;
  }
}

}  // namespace
}  // namespace chorus

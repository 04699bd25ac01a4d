#include "chorus/model/date.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

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
       {"", "2024-3-31", "2024-03-1", "24-03-31", "2024/03/31", "2024-03-31 ",
        " 2024-03-31", "2024-03-31Z", "2024-04-31", "2024-13-01", "2024-00-10",
        "2024-01-00", "0000-01-01", "20240331", "2024-0a-01", "+024-01-01",
        "2024-03-32"}) {
    EXPECT_FALSE(Date::ParseIso(text).has_value()) << text;
  }
}

TEST(Date, ParsesBasicDates) {
  auto d = Date::ParseBasic("20231201");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(*d, (Date{2023, 12, 1}));
  EXPECT_EQ(d->ToIso(), "2023-12-01");
  for (const char* text : {"2023121", "202312011", "2023-12-01", "20231301",
                           "20231131", "2023120a"}) {
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

// The parsers as they read a character at a time before they read words:
// the reference the word-wise ones must agree with.
int ReferenceDigits(std::string_view s, size_t at, size_t n) {
  int v = 0;
  for (size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

std::optional<Date> ReferenceMake(int y, int m, int d) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30,
                                    31, 31, 30, 31, 30, 31};
  if (y < 1 || m < 1 || m > 12 || d < 1) return std::nullopt;
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (d > (m == 2 && leap ? 29 : kDays[m - 1])) return std::nullopt;
  return Date{y, m, d};
}

std::optional<Date> ReferenceIso(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  const int y = ReferenceDigits(t, 0, 4);
  const int m = ReferenceDigits(t, 5, 2);
  const int d = ReferenceDigits(t, 8, 2);
  if (y < 0 || m < 0 || d < 0) return std::nullopt;
  return ReferenceMake(y, m, d);
}

std::optional<Date> ReferenceBasic(std::string_view t) {
  if (t.size() != 8) return std::nullopt;
  const int y = ReferenceDigits(t, 0, 4);
  const int m = ReferenceDigits(t, 4, 2);
  const int d = ReferenceDigits(t, 6, 2);
  if (y < 0 || m < 0 || d < 0) return std::nullopt;
  return ReferenceMake(y, m, d);
}

// Every day of four years (a leap century among them) and the day after
// each month's last, then each character of a few dates replaced by every
// byte: digits, dashes, their neighbours and bytes with the high bit set
// (a digit pair whose bits overlap, such as 9 and 6, must stay digits).
TEST(Date, WordParsersAgreeWithTheCharacterParsers) {
  int valid = 0;
  for (int y : {1, 1900, 2000, 2024, 2100, 9999}) {
    for (int m = 0; m <= 13; ++m) {
      for (int d = 0; d <= 32; ++d) {
        char iso[16];
        char basic[16];
        std::snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, m, d);
        std::snprintf(basic, sizeof basic, "%04d%02d%02d", y, m, d);
        ASSERT_EQ(Date::ParseIso(iso), ReferenceIso(iso)) << iso;
        ASSERT_EQ(Date::ParseBasic(basic), ReferenceBasic(basic)) << basic;
        valid += ReferenceIso(iso).has_value() ? 1 : 0;
      }
    }
  }
  EXPECT_EQ(valid, 4 * 365 + 366 + 366);  // 1900 and 2100 are not leap
  for (std::string iso : {"2024-02-29", "1999-12-31", "0987-06-19"}) {
    std::string basic = iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8);
    for (int c = 0; c < 256; ++c) {
      for (size_t i = 0; i < iso.size(); ++i) {
        std::string t = iso;
        t[i] = static_cast<char>(c);
        ASSERT_EQ(Date::ParseIso(t), ReferenceIso(t)) << t;
      }
      for (size_t i = 0; i < basic.size(); ++i) {
        std::string t = basic;
        t[i] = static_cast<char>(c);
        ASSERT_EQ(Date::ParseBasic(t), ReferenceBasic(t)) << t;
      }
    }
  }
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

// BR-DEC-*'s test, string-length(substring-after(x, '.')) > 2, counts
// characters of the text as written. The rules find the point a word at a
// time: every length, point position and byte around it must give the
// answer a plain character loop gives.
#include <gtest/gtest.h>

#include <cstddef>
#include <string>
#include <string_view>

#include "../src/rules/inline_compare.h"

namespace chorus {
namespace {

// The definition, one character at a time.
bool Reference(std::string_view text) {
  const std::size_t dot = text.find('.');
  if (dot == std::string_view::npos) return false;
  std::size_t chars = 0;
  for (std::size_t i = dot + 1; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++chars;
  }
  return chars > 2;
}

TEST(DecimalCountTest, EveryPointPositionAndLength) {
  // Fillers around the point: digits, spaces, bytes next to '.' (0x2D,
  // 0x2F, 0xAE: a borrow or a high bit must not pass for a point) and
  // UTF-8 continuation bytes, which do not count as characters.
  const std::string fillers[] = {"7", " ", "-", "/", "\xAE", "\xC3\xA9"};
  for (std::size_t n = 0; n <= 24; ++n) {
    for (const std::string& fill : fillers) {
      std::string base;
      while (base.size() < n) base += fill;
      base.resize(n);
      EXPECT_EQ(rules::OverTwoDecimals(base), Reference(base)) << n;
      EXPECT_EQ(rules::FirstDot(base), base.find('.') == std::string::npos
                                           ? base.size()
                                           : base.find('.'));
      for (std::size_t at = 0; at < n; ++at) {
        std::string one = base;
        one[at] = '.';
        EXPECT_EQ(rules::FirstDot(one), at) << n << " " << at;
        EXPECT_EQ(rules::OverTwoDecimals(one), Reference(one))
            << n << " " << at;
        for (std::size_t second = at + 1; second < n; ++second) {
          std::string two = one;
          two[second] = '.';
          EXPECT_EQ(rules::FirstDot(two), at) << n << " " << at;
          EXPECT_EQ(rules::OverTwoDecimals(two), Reference(two));
        }
      }
    }
  }
}

TEST(DecimalCountTest, AmountsAsWritten) {
  EXPECT_FALSE(rules::OverTwoDecimals("1234.56"));
  EXPECT_FALSE(rules::OverTwoDecimals("100"));
  EXPECT_TRUE(rules::OverTwoDecimals("100.00 "));
  EXPECT_TRUE(rules::OverTwoDecimals("0.125"));
  EXPECT_FALSE(rules::OverTwoDecimals("1.\xC3\xA9\xC3\xA9"));
  EXPECT_TRUE(rules::OverTwoDecimals("12345678901234567.001"));
}

}  // namespace
}  // namespace chorus

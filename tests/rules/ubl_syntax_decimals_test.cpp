// UBL-DT-01's test on an amount's value: the one-word path for ASCII
// values of up to eight bytes answers as the character count, for every
// string of up to nine bytes over digits, '.', other ASCII and the bytes
// of a two-byte UTF-8 character (lead and continuation, alone or paired).
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "../src/rules/ubl_syntax_internal.h"

namespace chorus {
namespace {

TEST(UblSyntaxDecimals, OneWordPathAnswersAsTheCharacterCount) {
  constexpr char kBytes[] = {'1', '.', 'x', '\xC3', '\xA9', '\0'};
  constexpr int kBase = sizeof kBytes;
  int tried = 0;
  for (int size = 0; size <= 9; ++size) {
    // Every string of `size` bytes over kBytes: up to 6^7, then samples.
    long total = 1;
    for (int k = 0; k < size; ++k) total *= kBase;
    const long step = total > 400000 ? total / 400000 + 1 : 1;
    for (long code = 0; code < total; code += step) {
      std::string s;
      for (long c = code; static_cast<int>(s.size()) < size; c /= kBase) {
        s += kBytes[c % kBase];
      }
      ASSERT_EQ(rules::ubl::AtMostTwoDecimals(s),
                rules::ubl::AtMostTwoDecimalsByChar(s))
          << "'" << s << "'";
      ++tried;
    }
  }
  EXPECT_GT(tried, 1000000);
}

TEST(UblSyntaxDecimals, UsualAmounts) {
  for (std::string_view ok : {"", "1", "100", "1.5", "12345.67", "1.", ".12",
                              "1.2.", "12345678", "-1234.5"}) {
    EXPECT_TRUE(rules::ubl::AtMostTwoDecimals(ok)) << ok;
  }
  for (std::string_view bad :
       {"1.234", ".123", "1.2.3", "1234.5678", "12.3456789", "1..23"}) {
    EXPECT_FALSE(rules::ubl::AtMostTwoDecimals(bad)) << bad;
  }
  // Characters, not bytes: an accented one counts once.
  EXPECT_TRUE(rules::ubl::AtMostTwoDecimals("1.\xC3\xA9x"));
  EXPECT_FALSE(rules::ubl::AtMostTwoDecimals("1.\xC3\xA9xy"));
}

}  // namespace
}  // namespace chorus

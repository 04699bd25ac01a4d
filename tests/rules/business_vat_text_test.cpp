// The VAT rules' small text tests, which answer without a test per byte,
// against the plain reading of the official XPath.
#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "../src/rules/business_vat_doc.h"
#include "../src/rules/business_vat_xml.h"

namespace chorus {
namespace {

using rules::vat::CodeIndex;
using rules::vat::FixedToDouble;
using rules::vat::IsUpperVat;
using rules::vat::ParseFixed;
using rules::vat::UntypedDoubleText;

// upper-case(s) = 'VAT' as XPath reads it on bytes: a-z to A-Z, every other
// byte as is.
bool ReferenceUpperVat(std::string_view s) {
  if (s.size() != 3) return false;
  auto up = [](char c) {
    return c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c;
  };
  return up(s[0]) == 'V' && up(s[1]) == 'A' && up(s[2]) == 'T';
}

TEST(BusinessVatText, UpperVatAgreesOnEveryThreeByteText) {
  std::string s(3, '\0');
  int matches = 0;
  for (int a = 0; a < 256; ++a) {
    for (int b = 0; b < 256; ++b) {
      for (int c = 0; c < 256; ++c) {
        s[0] = static_cast<char>(a);
        s[1] = static_cast<char>(b);
        s[2] = static_cast<char>(c);
        const bool expected = ReferenceUpperVat(s);
        if (IsUpperVat(s) != expected) {
          FAIL() << "bytes " << a << " " << b << " " << c;
        }
        matches += expected ? 1 : 0;
      }
    }
  }
  EXPECT_EQ(matches, 8);  // each letter in either case
}

TEST(BusinessVatText, UpperVatNeedsExactlyThreeBytes) {
  for (std::string_view s :
       {"", "V", "VA", "VATS", "vat ", " vat", "VAT\n", "VA T"}) {
    EXPECT_FALSE(IsUpperVat(s)) << s;
  }
  for (std::string_view s : {"VAT", "vat", "Vat", "vAt", "vaT"}) {
    EXPECT_TRUE(IsUpperVat(s)) << s;
  }
  // Bytes one case bit away from the letters are other characters.
  for (std::string_view s : {"\x16"
                             "AT",
                             "V\x01T", "VA\x14",
                             "\xd6"
                             "AT",
                             "v\xe1t", "VA\xf4", "6AT"}) {
    EXPECT_FALSE(IsUpperVat(s));
  }
}

// The category code's index as a search of the names finds it.
int ReferenceCodeIndex(std::string_view v) {
  for (std::size_t i = 0; i < rules::vat::kCodeNames.size(); ++i) {
    if (rules::vat::kCodeNames[i] == v) return static_cast<int>(i);
  }
  return -1;
}

TEST(BusinessVatText, CodeIndexAgreesOnEveryShortText) {
  std::vector<std::string> texts = {"",   "AEE", "SS",  " S",  "S ",
                                    "ae", "s",   "VAT", "AE\n"};
  for (int a = 0; a < 256; ++a) {
    texts.emplace_back(1, static_cast<char>(a));
    for (int b = 0; b < 256; ++b) {
      texts.push_back({static_cast<char>(a), static_cast<char>(b)});
    }
  }
  int codes = 0;
  for (const std::string& t : texts) {
    ASSERT_EQ(CodeIndex(t), ReferenceCodeIndex(t)) << "'" << t << "'";
    codes += CodeIndex(t) >= 0 ? 1 : 0;
  }
  EXPECT_EQ(codes, rules::vat::kCodes);
  static_assert(CodeIndex("M") == 8 && CodeIndex("AE") == 3 &&
                CodeIndex("A") == -1);
}

// The UBL taxable bounds take the double of an amount from its 64-bit
// decimal (FixedToDouble) when it has one, instead of casting the text:
// the same double whenever both answer (zero's sign aside, which the
// bounds' +-1 loses).
void ExpectSameDouble(const std::string& text) {
  std::optional<rules::vat::Fixed> fixed = ParseFixed(text);
  if (!fixed) return;
  std::optional<double> fast = FixedToDouble(*fixed);
  if (!fast) return;
  bool error = false;
  std::optional<double> cast = UntypedDoubleText(text, &error);
  ASSERT_FALSE(error) << "'" << text << "'";
  ASSERT_TRUE(cast.has_value()) << "'" << text << "'";
  EXPECT_EQ(*fast, *cast) << "'" << text << "'";
}

TEST(BusinessVatText, DecimalAmountsGiveTheDoubleTheirCastGives) {
  for (const char* t : {"0",
                        "-0",
                        "+0",
                        "-0.00",
                        ".5",
                        "-.5",
                        "5.",
                        "+5.",
                        "007.50",
                        " \t12.5\n",
                        "0.1",
                        "0.3",
                        "-2.345",
                        "123456789012345678",
                        "12345678901234567.8",
                        "0.000000000000000001",
                        "9007199254740992",
                        "9007199254740993",
                        "-9007199254740992",
                        "900719925474099.3",
                        "4503599627370496.5",
                        "999999999999999999",
                        "1e5",
                        "1,5",
                        ""}) {
    ExpectSameDouble(t);
  }
  std::mt19937 random(20261128);
  std::uniform_int_distribution<int> digit(0, 9);
  std::uniform_int_distribution<int> length(1, 18);
  for (int i = 0; i < 200000; ++i) {
    const int n = length(random);
    std::string text = i % 3 == 0 ? "-" : (i % 3 == 1 ? "+" : "");
    const int point = std::uniform_int_distribution<int>(0, n)(random);
    for (int k = 0; k < n; ++k) {
      if (k == point) text += '.';
      text += static_cast<char>('0' + digit(random));
    }
    ExpectSameDouble(text);
  }
}

}  // namespace
}  // namespace chorus

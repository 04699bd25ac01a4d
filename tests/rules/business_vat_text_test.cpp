// The VAT rules' small text tests, which answer without a test per byte,
// against the plain reading of the official XPath.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "../src/rules/business_vat_xml.h"

namespace chorus {
namespace {

using rules::vat::IsUpperVat;

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

}  // namespace
}  // namespace chorus

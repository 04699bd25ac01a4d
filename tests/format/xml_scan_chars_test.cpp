// The scanner's byte searches on their own, below the whole documents that
// xml_scan_test checks against pugixml.
#include "../src/format/xml_scan_chars.h"

#include <gtest/gtest.h>

#include <bit>
#include <cstddef>
#include <cstdint>

namespace chorus::xml::scan {
namespace {

// LowBit counts with an instruction of its own where the compiler's
// builtin would do: every bit, alone and under every higher one.
TEST(XmlScanCharsTest, LowBitIsTheCountOfTrailingZeros) {
  for (int i = 0; i < 64; ++i) {
    uint64_t alone = uint64_t{1} << i;
    uint64_t with_higher = ~uint64_t{0} << i;
    EXPECT_EQ(LowBit(alone), static_cast<std::size_t>(i));
    EXPECT_EQ(LowBit(with_higher), static_cast<std::size_t>(i));
    EXPECT_EQ(LowBit(with_higher & 0xA5A5A5A5A5A5A5A5u),
              static_cast<std::size_t>(
                  std::countr_zero(with_higher & 0xA5A5A5A5A5A5A5A5u)))
        << i;
  }
  // A 16-bit mask widened, as the searches pass them.
  for (unsigned mask = 1; mask < 0x10000; mask += 7) {
    ASSERT_EQ(LowBit(mask), static_cast<std::size_t>(std::countr_zero(mask)));
  }
}

}  // namespace
}  // namespace chorus::xml::scan

// An internal header: tests/ is on the include path, src/ is not.
#include "../src/format/xml_guard.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace chorus::internal {
namespace {

std::size_t Naive(const std::string& s, char c) {
  std::size_t n = 0;
  for (char x : s) n += x == c ? 1 : 0;
  return n;
}

// The block path and the tail must agree with a plain count at every length
// around the 64-byte block size, wherever the bytes fall.
TEST(XmlGuardTest, CountByteMatchesAPlainCountAcrossBlockEdges) {
  for (std::size_t size : {0u, 1u, 63u, 64u, 65u, 127u, 128u, 200u, 4099u}) {
    std::string s(size, 'a');
    for (std::size_t i = 0; i < size; i += 7) s[i] = '<';
    if (size > 0) s[size - 1] = '<';
    EXPECT_EQ(CountByte(s, '<'), Naive(s, '<')) << "size " << size;
    EXPECT_EQ(CountByte(s, 'b'), 0u) << "size " << size;
    EXPECT_EQ(CountByte(s, 'a'), Naive(s, 'a')) << "size " << size;
  }
  // More than 255 hits in a row: the byte lanes must not wrap.
  std::string full(1000, '<');
  EXPECT_EQ(CountByte(full, '<'), 1000u);
}

// The loader's single pass must give what the three separate scans give:
// the same copy, the same line index and the same first non-ASCII byte,
// wherever newlines and high bytes fall relative to the blocks.
TEST(XmlGuardTest, CopyScanningLinesMatchesTheSeparateScans) {
  for (std::size_t size : {0u, 1u, 63u, 64u, 65u, 128u, 200u, 4099u}) {
    for (std::size_t high : {std::size_t{0}, std::size_t{63}, std::size_t{64},
                             std::size_t{130}, std::size_t{5000}}) {
      std::string s(size, 'a');
      for (std::size_t i = 3; i < size; i += 5) s[i] = '\n';
      if (high < size) s[high] = '\xC3';
      if (high + 1 < size) s[high + 1] = '\xA9';
      std::string copy(size, '\0');
      std::vector<std::size_t> lines;
      std::size_t ascii = CopyScanningLines(s, copy.data(), lines);
      EXPECT_EQ(copy, s) << "size " << size << " high " << high;
      EXPECT_EQ(lines, NewlinesBeforeBlocks(s))
          << "size " << size << " high " << high;
      EXPECT_EQ(ascii, SkipAscii(s, 0)) << "size " << size << " high " << high;
    }
  }
}

}  // namespace
}  // namespace chorus::internal

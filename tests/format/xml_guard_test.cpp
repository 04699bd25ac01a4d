// An internal header: tests/ is on the include path, src/ is not.
#include "../src/format/xml_guard.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <string_view>
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

// The line index and the ASCII scan, wherever newlines and high bytes fall
// relative to their blocks, against byte-by-byte counts.
TEST(XmlGuardTest, LineIndexAndAsciiScanAgreeWithPlainCounts) {
  for (std::size_t size : {0u, 1u, 63u, 64u, 65u, 128u, 200u, 4099u}) {
    for (std::size_t high : {std::size_t{0}, std::size_t{63}, std::size_t{64},
                             std::size_t{130}, std::size_t{5000}}) {
      std::string s(size, 'a');
      for (std::size_t i = 3; i < size; i += 5) s[i] = '\n';
      if (high < size) s[high] = '\xC3';
      if (high + 1 < size) s[high + 1] = '\xA9';
      std::vector<std::size_t> expected;
      std::size_t count = 0;
      for (std::size_t i = 0; i <= size; ++i) {
        if (i % kLineBlock == 0) expected.push_back(count);
        if (i < size && s[i] == '\n') ++count;
      }
      EXPECT_EQ(NewlinesBeforeBlocks(s), expected)
          << "size " << size << " high " << high;
      EXPECT_EQ(SkipAscii(s, 0), std::min(high, size))
          << "size " << size << " high " << high;
    }
  }
}

// The ASCII scan at every alignment of the string and of its start, with a
// high byte before the start (not to be seen), in each 16-byte lane and
// around the 256- and 64-byte steps, against a byte-by-byte scan.
TEST(XmlGuardTest, AsciiScanFindsTheFirstHighByteFromAnyStartAndAlignment) {
  std::string buffer(1100, 'x');
  for (std::size_t shift = 0; shift < 16; ++shift) {
    // 1040: several 256-byte blocks, the scan then stopping at their end.
    for (std::size_t size :
         {std::size_t{15}, std::size_t{16}, std::size_t{17}, std::size_t{143},
          std::size_t{300}, std::size_t{600}, std::size_t{1040}}) {
      for (std::size_t from :
           {std::size_t{0}, std::size_t{1}, std::size_t{9}, std::size_t{16}}) {
        if (from > size) continue;
        for (std::size_t high = 0; high <= size; ++high) {
          std::string s = buffer.substr(0, shift + size);
          if (from > 0) s[shift + from - 1] = '\x80';
          if (high < size) s[shift + high] = '\xE9';
          std::string_view v = std::string_view(s).substr(shift);
          std::size_t expected = from;
          while (expected < v.size() &&
                 static_cast<unsigned char>(v[expected]) < 0x80) {
            ++expected;
          }
          ASSERT_EQ(SkipAscii(v, from), expected)
              << "shift " << shift << " size " << size << " from " << from
              << " high " << high;
        }
      }
    }
  }
}

}  // namespace
}  // namespace chorus::internal

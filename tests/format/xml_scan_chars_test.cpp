// The scanner's byte searches on their own, below the whole documents that
// xml_scan_test checks against pugixml.
#include "../src/format/xml_scan_chars.h"

#include <gtest/gtest.h>

#include <bit>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>

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

// The first byte a byte-by-byte reading stops at in an attribute value.
std::size_t ValueStopByBytes(const std::string& s, std::size_t from,
                             char quote) {
  std::size_t i = from;
  while (s[i] != quote && s[i] != '&' &&
         static_cast<unsigned char>(s[i]) > '\r') {
    ++i;
  }
  return i;
}

// Every stop byte at every place of values of every length around the
// 16-byte steps, near the buffer's end (where `safe` turns the first step
// off) and far from it; the other quote does not stop.
TEST(XmlScanCharsTest, ValueStopsWhereAByteByByteReadingStops) {
  for (char quote : {'"', '\''}) {
    char other = quote == '"' ? '\'' : '"';
    for (std::size_t tail : {std::size_t{0}, std::size_t{100}}) {
      for (std::size_t size = 0; size <= 70; ++size) {
        for (char stop : {quote, other, '&', '\t', '\n', '\r', '\x01', 'x'}) {
          for (std::size_t at = 0; at <= size; ++at) {
            std::string s(size, 'v');
            if (at < size) s[at] = stop;
            s += std::string(tail, quote);
            const char* limit = s.c_str() + s.size() + 1;
            const char* safe = SafeEnd(s.c_str(), limit);
            std::size_t expected = ValueStopByBytes(s, 0, quote);
            ASSERT_EQ(FindValueStop(s.c_str(), limit, safe, quote) - s.c_str(),
                      static_cast<std::ptrdiff_t>(expected))
                << "quote " << quote << " tail " << tail << " size " << size
                << " stop " << int{stop} << " at " << at;
          }
        }
      }
    }
  }
}

// Every stop byte (and bytes one off each, which must not stop) at every
// place of texts up to past three 64-byte steps, whose blocks are folded
// with a minimum of distances to the stops: near the buffer's end (where
// `safe` leaves the last block to the 16-byte steps) and far from it, with
// bytes of every value around them.
TEST(XmlScanCharsTest, TextStopsWhereAByteByByteReadingStops) {
  const std::string near_stops = {'\x01', '\x0C', '\x0E', '\x25', '\x27',
                                  '\x3B', '\x3D', '\xBC', '\xA6', '\x8D'};
  for (std::size_t tail : {std::size_t{0}, std::size_t{200}}) {
    for (std::size_t size = 0; size <= 200; ++size) {
      for (char stop : {'<', '&', '\r', '\0', '\n', '\t'}) {
        for (std::size_t at = 0; at <= size; ++at) {
          std::string s(size, 'x');
          for (std::size_t i = 0; i < size; ++i) {
            if (i % 3 == 1) s[i] = near_stops[i % near_stops.size()];
          }
          if (at < size) s[at] = stop;
          s += std::string(tail, 'y');
          const char* limit = s.c_str() + s.size() + 1;
          const char* safe = SafeEnd(s.c_str(), limit);
          std::size_t expected = 0;
          while (!Is(s.c_str()[expected], kTextStop)) ++expected;
          ASSERT_EQ(FindTextStop(s.c_str(), limit, safe) - s.c_str(),
                    static_cast<std::ptrdiff_t>(expected))
              << "tail " << tail << " size " << size << " stop " << int{stop}
              << " at " << at;
        }
      }
    }
  }
}

// Every name of up to 70 bytes (across the first 16- or 32-byte step and the
// loops after it), with no colon, one anywhere or two, made of letters or
// of other name bytes, before each kind of end, near the buffer's end and
// far from it: its end and first colon as a byte-by-byte reading finds
// them.
TEST(XmlScanCharsTest, NameEndAndColonAsAByteByByteReading) {
  for (std::size_t tail : {std::size_t{0}, std::size_t{100}}) {
    for (char filler : {'a', 'Z', '7', '\xC3'}) {
      for (std::size_t size = 1; size <= 70; ++size) {
        for (std::size_t at = 0; at <= size + 1; ++at) {
          for (char end : {' ', '>', '/', '=', '\0'}) {
            std::string s(size, 'n');
            for (std::size_t i = 1; i < size; i += 3) s[i] = filler;
            if (at < size) s[at] = ':';
            if (at + 5 < size) s[at + 5] = ':';
            s += end;
            s += std::string(tail, 'x');
            const char* limit = s.c_str() + s.size() + 1;
            const char* safe = SafeEnd(s.c_str(), limit);
            std::size_t stop = 0;
            while (Is(s.c_str()[stop], kSymbol)) ++stop;
            std::size_t first = s.find(':');
            // The element names' first step of 32 bytes and the
            // attribute names' of 16.
            const char* colon = nullptr;
            const char* found = FindNameEnd(s.c_str(), limit, safe, &colon);
            const char* colon16 = nullptr;
            const char* found16 =
                FindNameEnd<16>(s.c_str(), limit, safe, &colon16);
            for (auto [found_end, found_colon] :
                 {std::pair{found, colon}, std::pair{found16, colon16}}) {
              ASSERT_EQ(found_end - s.c_str(),
                        static_cast<std::ptrdiff_t>(stop))
                  << "tail " << tail << " size " << size << " at " << at;
              ASSERT_EQ(found_colon, first < stop ? s.c_str() + first : nullptr)
                  << "tail " << tail << " size " << size << " at " << at;
            }
          }
        }
      }
    }
  }
}

}  // namespace
}  // namespace chorus::xml::scan

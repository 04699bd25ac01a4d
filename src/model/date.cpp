#include "chorus/model/date.h"

#include <cstdint>
#include <cstdio>
#include <cstring>

namespace chorus {
namespace {

bool IsLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30,
                                    31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeapYear(y) ? 29 : kDays[m - 1];
}

constexpr uint64_t EveryByte(uint8_t b) { return 0x0101010101010101ull * b; }

// The high bit of each byte of `y`, a text xored with '0' bytes, that is
// not a digit value (0..9). Masking to seven bits first keeps the sums
// within bytes.
uint64_t NotDigits(uint64_t y) {
  constexpr uint64_t kLow7 = EveryByte(0x7F);
  return (((y & kLow7) + EveryByte(0x76)) | y) & EveryByte(0x80);
}

// Byte i of the result is 10 * d[i] + d[i + 1] for the digit values d of
// `y`: the two-digit numbers that start at each byte.
uint64_t Pairs(uint64_t y) { return y * 10 + (y >> 8); }

uint64_t Load64(const char* p) {
  uint64_t w;
  std::memcpy(&w, p, sizeof w);
  return w;
}

std::optional<Date> Make(int y, int m, int d) {
  // Year 0000 does not exist in xs:date (XSD 1.0) nor in format 102.
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > DaysInMonth(y, m))
    return std::nullopt;
  return Date{y, m, d};
}

}  // namespace

// Both parsers read the date as one or two words, with no branch per
// character: dates differ from document to document only in their digits.
std::optional<Date> Date::ParseIso(std::string_view text) {
  if (text.size() != 10) return std::nullopt;
  // "YYYY-MM-" xored with this is the digit values, and 0 at both dashes.
  constexpr uint64_t kIso = EveryByte('0') ^ (uint64_t{'0' ^ '-'} << 32) ^
                            (uint64_t{'0' ^ '-'} << 56);
  const uint64_t head = Load64(text.data()) ^ kIso;
  uint16_t dd;
  std::memcpy(&dd, text.data() + 8, sizeof dd);
  const uint64_t tail = uint64_t{dd} ^ 0x3030u;
  constexpr uint64_t kDashes = (uint64_t{0xFF} << 32) | (uint64_t{0xFF} << 56);
  if ((NotDigits(head) | NotDigits(tail) | (head & kDashes)) != 0) {
    return std::nullopt;
  }
  const uint64_t p = Pairs(head);
  const uint64_t q = Pairs(tail);
  return Make(static_cast<int>((p & 0xFF) * 100 + ((p >> 16) & 0xFF)),
              static_cast<int>((p >> 40) & 0xFF), static_cast<int>(q & 0xFF));
}

std::optional<Date> Date::ParseBasic(std::string_view text) {
  if (text.size() != 8) return std::nullopt;
  const uint64_t digits = Load64(text.data()) ^ EveryByte('0');
  if (NotDigits(digits) != 0) return std::nullopt;
  const uint64_t p = Pairs(digits);
  return Make(static_cast<int>((p & 0xFF) * 100 + ((p >> 16) & 0xFF)),
              static_cast<int>((p >> 32) & 0xFF),
              static_cast<int>((p >> 48) & 0xFF));
}

std::string Date::ToIso() const {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

std::string Date::ToBasic() const {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d", year, month, day);
  return buf;
}

}  // namespace chorus

#include "chorus/model/date.h"

#include <cstdio>

namespace chorus {
namespace {

bool IsLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeapYear(y) ? 29 : kDays[m - 1];
}

// Reads exactly `n` ASCII digits; -1 when any is not a digit.
int Digits(std::string_view s, size_t at, size_t n) {
  int v = 0;
  for (size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

std::optional<Date> Make(int y, int m, int d) {
  // Year 0000 does not exist in xs:date (XSD 1.0) nor in format 102.
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > DaysInMonth(y, m)) return std::nullopt;
  return Date{y, m, d};
}

}  // namespace

std::optional<Date> Date::ParseIso(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const int y = Digits(text, 0, 4);
  const int m = Digits(text, 5, 2);
  const int d = Digits(text, 8, 2);
  if (y < 0 || m < 0 || d < 0) return std::nullopt;
  return Make(y, m, d);
}

std::optional<Date> Date::ParseBasic(std::string_view text) {
  if (text.size() != 8) return std::nullopt;
  const int y = Digits(text, 0, 4);
  const int m = Digits(text, 4, 2);
  const int d = Digits(text, 6, 2);
  if (y < 0 || m < 0 || d < 0) return std::nullopt;
  return Make(y, m, d);
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

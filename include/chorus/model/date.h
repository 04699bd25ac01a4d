// Calendar dates as EN 16931 uses them (no time, no zone).
#ifndef CHORUS_MODEL_DATE_H_
#define CHORUS_MODEL_DATE_H_

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace chorus {

struct Date {
  int year = 0;
  int month = 0;
  int day = 0;

  // "2024-03-31" (UBL, JSON). Validates the calendar (leap years included).
  static std::optional<Date> ParseIso(std::string_view text);
  // "20240331" (CII udt:DateTimeString format 102).
  static std::optional<Date> ParseBasic(std::string_view text);

  std::string ToIso() const;    // "2024-03-31"
  std::string ToBasic() const;  // "20240331"

  auto operator<=>(const Date&) const = default;
};

}  // namespace chorus

#endif  // CHORUS_MODEL_DATE_H_

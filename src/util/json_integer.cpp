#include "chorus/util/json_integer.h"

#include <charconv>
#include <cmath>
#include <string>

namespace chorus {

std::optional<std::int64_t> JsonInteger(const nlohmann::json& value) {
  if (value.is_number_integer()) {
    if (value.is_number_unsigned() &&
        value.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)) {
      return std::nullopt;
    }
    return value.get<std::int64_t>();
  }
  if (value.is_number_float()) {
    double d = value.get<double>();
    // 2^63 is the first double past INT64_MAX.
    if (!std::isfinite(d) || d != std::trunc(d) || d < -9.2233720368547758e18 ||
        d >= 9.2233720368547758e18) {
      return std::nullopt;
    }
    return static_cast<std::int64_t>(d);
  }
  if (value.is_string()) {
    const std::string& s = value.get_ref<const std::string&>();
    std::int64_t out = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    if (ec != std::errc() || s.empty() || end != s.data() + s.size())
      return std::nullopt;
    return out;
  }
  return std::nullopt;
}

std::optional<std::int64_t> JsonIntegerMember(const nlohmann::json& object,
                                              const char* key) {
  if (!object.is_object()) return std::nullopt;
  auto it = object.find(key);
  if (it == object.end()) return std::nullopt;
  return JsonInteger(*it);
}

}  // namespace chorus

// Integers in JSON from other systems: Chorus Pro, the PISTE gateway and
// the clients that call the sandbox send ids, codes and lifetimes as JSON
// numbers or as text ("42"), so every reader accepts both, the same way.
#ifndef CHORUS_UTIL_JSON_INTEGER_H_
#define CHORUS_UTIL_JSON_INTEGER_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>

namespace chorus {

// The integer `value` holds: a JSON integer, a float with no fractional part,
// or a string that is a whole decimal integer ("42", "-7"; no spaces, no
// trailing text). nullopt for anything else, or out of int64 range.
std::optional<std::int64_t> JsonInteger(const nlohmann::json& value);

// JsonInteger of member `key` of an object; nullopt when `object` is no
// object or lacks the member.
std::optional<std::int64_t> JsonIntegerMember(const nlohmann::json& object,
                                              const char* key);

}  // namespace chorus

#endif  // CHORUS_UTIL_JSON_INTEGER_H_

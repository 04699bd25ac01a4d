// Equality of long element names whose xml::NameKey already matched, shared
// by the UBL reader's Wants and the CII reader's LocalName, and of the short
// attribute names both readers look up.
#ifndef CHORUS_FORMAT_LONG_NAME_H_
#define CHORUS_FORMAT_LONG_NAME_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace chorus::xml {

// Equality of two names of the same length, at least 8, whose keys are
// equal, eight bytes at a time: a library call per name costs more.
inline bool SameLongText(std::string_view a, std::string_view b) {
  const auto word = [](const char* p) {
    uint64_t w;
    std::memcpy(&w, p, sizeof w);
    return w;
  };
  // The first seven bytes are in the key.
  std::size_t n = a.size();
  for (std::size_t i = 7; i + 8 < n; i += 8) {
    if (word(a.data() + i) != word(b.data() + i)) return false;
  }
  return word(a.data() + n - 8) == word(b.data() + n - 8);
}

// a == b for short names (attribute names: "currencyID", "unitCode"),
// without a library call: up to 16 bytes in two overlapping loads per side.
inline bool SameName(std::string_view a, std::string_view b) {
  std::size_t n = a.size();
  if (n != b.size()) return false;
  const auto load = [](const char* p, auto word) {
    std::memcpy(&word, p, sizeof word);
    return word;
  };
  if (n >= 8) {
    if (n > 16) return a == b;
    return ((load(a.data(), uint64_t{}) ^ load(b.data(), uint64_t{})) |
            (load(a.data() + n - 8, uint64_t{}) ^
             load(b.data() + n - 8, uint64_t{}))) == 0;
  }
  if (n >= 4) {
    return ((load(a.data(), uint32_t{}) ^ load(b.data(), uint32_t{})) |
            (load(a.data() + n - 4, uint32_t{}) ^
             load(b.data() + n - 4, uint32_t{}))) == 0;
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

}  // namespace chorus::xml

#endif  // CHORUS_FORMAT_LONG_NAME_H_

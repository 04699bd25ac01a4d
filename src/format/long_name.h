// Equality of long element names whose xml::NameKey already matched, shared
// by the UBL reader's Wants and the CII reader's LocalName.
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

}  // namespace chorus::xml

#endif  // CHORUS_FORMAT_LONG_NAME_H_

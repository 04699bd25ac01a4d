// Equality of long element names whose xml::NameKey already matched, shared
// by the UBL reader's Wants and the CII reader's LocalName, and of the short
// names and codes the readers and the rules compare (rules::ShortEqual).
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

// a == b without a library call, for the short names and codes the
// readers and rules compare once per element (attribute names such as
// "currencyID", code values), where a memcmp call costs more than the
// comparison: eight bytes at a time, the last word overlapping the one
// before, or two overlapping 4-byte loads for 4 to 7 bytes.
inline bool SameName(std::string_view a, std::string_view b) {
  const std::size_t n = a.size();
  if (n != b.size()) return false;
  const auto load = [](const char* p, auto word) {
    std::memcpy(&word, p, sizeof word);
    return word;
  };
  if (n >= 8) {
    for (std::size_t i = 0; i + 8 < n; i += 8) {
      if (load(a.data() + i, uint64_t{}) != load(b.data() + i, uint64_t{})) {
        return false;
      }
    }
    return load(a.data() + n - 8, uint64_t{}) ==
           load(b.data() + n - 8, uint64_t{});
  }
  if (n >= 4) {
    return load(a.data(), uint32_t{}) == load(b.data(), uint32_t{}) &&
           load(a.data() + n - 4, uint32_t{}) ==
               load(b.data() + n - 4, uint32_t{});
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

}  // namespace chorus::xml

#endif  // CHORUS_FORMAT_LONG_NAME_H_

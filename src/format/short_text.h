// Copies of element text into the model's strings. Nearly every value a
// reader copies (codes, ids, amounts' texts, names) fits std::string's
// in-place buffer of 15 bytes; copying those with two overlapping loads and
// stores spares the library's length dispatch (memcpy's size classes, the
// one-character case), branches whose outcome changes with every value.
#ifndef CHORUS_FORMAT_SHORT_TEXT_H_
#define CHORUS_FORMAT_SHORT_TEXT_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

namespace chorus::xml {

// std::string's in-place capacity (libstdc++, libc++ have at least this).
inline constexpr std::size_t kShortText = 15;

// Copies the first and the last sizeof(Word) of n bytes, n in
// [sizeof(Word), 2 * sizeof(Word)]: all n, the middle ones twice.
template <typename Word>
[[gnu::always_inline]] inline void CopyEnds(char* to, const char* from,
                                            std::size_t n) {
  Word head;
  Word tail;
  std::memcpy(&head, from, sizeof head);
  std::memcpy(&tail, from + n - sizeof tail, sizeof tail);
  std::memcpy(to, &head, sizeof head);
  std::memcpy(to + n - sizeof tail, &tail, sizeof tail);
}

// Copies n <= 16 bytes from `from` to `to`, neither read nor written
// outside [0, n).
[[gnu::always_inline]] inline void CopyShort(char* to, const char* from,
                                             std::size_t n) {
  if (n >= 8) {
    CopyEnds<uint64_t>(to, from, n);
  } else if (n >= 4) {
    CopyEnds<uint32_t>(to, from, n);
  } else if (n > 0) {
    to[0] = from[0];
    to[n >> 1] = from[n >> 1];
    to[n - 1] = from[n - 1];
  }
}

// At most the first kShortText bytes of `text`, cut before a character
// that would not fit whole (UTF-8): non-empty when `text` is, as a UTF-8
// lead byte takes at most 4.
inline std::string_view ShortPrefix(std::string_view text) {
  if (text.size() <= kShortText) return text;
  std::size_t n = kShortText;
  while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
  return text.substr(0, n);
}

// s = text.
[[gnu::always_inline]] inline void AssignText(std::string& s,
                                              std::string_view text) {
  if (text.size() > kShortText) {
    s.assign(text);
    return;
  }
  // A fill of constant length is two stores; the copy then the shrink
  // leave the string as assign(text) would.
  s.clear();
  s.append(kShortText, '\0');
  CopyShort(s.data(), text.data(), text.size());
  s.resize(text.size());
}

// EmplaceText for a text that needs an allocation, or a term already set.
// Out of line: the readers' copies of short texts into fresh terms then
// need neither the registers nor the code of these.
[[gnu::noinline]] inline void EmplaceTextSlow(std::optional<std::string>& out,
                                              std::string_view text) {
  if (text.size() > kShortText) {
    out.emplace(text);  // allocated to size, as before
    return;
  }
  AssignText(out.emplace(), text);
}

// out = text, the string built in place.
[[gnu::always_inline]] inline void EmplaceText(std::optional<std::string>& out,
                                               std::string_view text) {
  if (text.size() > kShortText || out.has_value()) {
    EmplaceTextSlow(out, text);
    return;
  }
  // Built at the in-place capacity, then shortened before the copy: the
  // compiler sees every size, so no growth path (no library call) remains.
  std::string& s = out.emplace(kShortText, '\0');
  s.resize(text.size());
  CopyShort(s.data(), text.data(), text.size());
}

// The value of a 0..1 text, "" when absent, without building a string (as
// value_or("") does).
inline std::string_view ViewOr(const std::optional<std::string>& text) {
  return text ? std::string_view(*text) : std::string_view();
}

}  // namespace chorus::xml

#endif  // CHORUS_FORMAT_SHORT_TEXT_H_

#include <array>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/code_lists.h"

namespace chorus::rules {
namespace {

struct CodeListRow {
  CodeList id;
  std::string_view name;
  std::string_view literal;
};

constexpr CodeListRow kCodeListTable[] = {
#include "rules/code_lists_data.inc"
};

constexpr bool TableInEnumOrder() {
  if (std::size(kCodeListTable) != kCodeListCount) return false;
  for (std::size_t i = 0; i < kCodeListCount; ++i) {
    if (static_cast<std::size_t>(kCodeListTable[i].id) != i) return false;
  }
  return true;
}
static_assert(TableInEnumOrder(),
              "code_lists_data.inc and enum CodeList disagree: rerun "
              "scripts/gen/code_lists.py and align code_lists.h");

// The codes of a literal that ' code ' can match: runs of non-space
// characters with a space on both sides.
std::vector<std::string_view> CodesOf(std::string_view literal) {
  std::vector<std::string_view> codes;
  std::size_t start = literal.find(' ');
  while (start != std::string_view::npos) {
    std::size_t end = literal.find(' ', start + 1);
    if (end == std::string_view::npos) break;
    if (end > start + 1) {
      codes.push_back(literal.substr(start + 1, end - start - 1));
    }
    start = end;
  }
  return codes;
}

// CodesOf in an open-addressing table keyed by their first eight bytes
// (most codes are shorter: the key alone then decides, with no string
// comparison).
class CodeSet {
 public:
  explicit CodeSet(std::string_view literal) {
    const std::vector<std::string_view> codes = CodesOf(literal);
    std::size_t size = 16;
    while (size < 2 * codes.size()) size <<= 1;
    slots_.assign(size, Slot{});
    mask_ = size - 1;
    for (std::string_view code : codes) {
      if (Contains(code)) continue;
      uint64_t key = KeyOf(code);
      std::size_t i = Hash(key, code.size()) & mask_;
      while (slots_[i].data != nullptr) i = (i + 1) & mask_;
      slots_[i] = Slot{key, static_cast<uint32_t>(code.size()), code.data()};
    }
  }

  // `code` is not empty.
  bool Contains(std::string_view code) const {
    uint64_t key = KeyOf(code);
    for (std::size_t i = Hash(key, code.size()) & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.data == nullptr) return false;
      if (s.key == key && s.size == code.size() &&
          (code.size() <= 8 ||
           std::memcmp(s.data + 8, code.data() + 8, code.size() - 8) == 0)) {
        return true;
      }
    }
  }

 private:
  struct Slot {
    uint64_t key = 0;
    uint32_t size = 0;
    const char* data = nullptr;  // null: empty slot
  };
  static uint64_t KeyOf(std::string_view s) {
    uint64_t key = 0;
    std::size_t n = s.size() < 8 ? s.size() : 8;
    for (std::size_t i = 0; i < n; ++i) {
      key |= static_cast<uint64_t>(static_cast<unsigned char>(s[i])) << (8 * i);
    }
    return key;
  }
  static std::size_t Hash(uint64_t key, std::size_t size) {
    uint64_t h = (key ^ (size << 56)) * 0x9E3779B97F4A7C15ull;
    return static_cast<std::size_t>(h ^ (h >> 29));
  }
  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
};

const CodeSet& SetOf(CodeList list) {
  // Each list is built on its first use only: a one-file run pays for the
  // lists its document meets, not for all 5,500 codes. The atomic pointer
  // keeps the usual path to one load; call_once makes the build
  // thread-safe.
  static std::array<std::optional<CodeSet>, kCodeListCount> sets;
  static std::array<std::once_flag, kCodeListCount> once;
  static std::array<std::atomic<const CodeSet*>, kCodeListCount> ready{};
  auto i = static_cast<std::size_t>(list);
  if (const CodeSet* set = ready[i].load(std::memory_order_acquire)) {
    return *set;
  }
  std::call_once(once[i], [i] {
    sets[i].emplace(kCodeListTable[i].literal);
    ready[i].store(&*sets[i], std::memory_order_release);
  });
  return *sets[i];
}

const CodeListRow& RowOf(CodeList list) {
  return kCodeListTable[static_cast<std::size_t>(list)];
}

}  // namespace

std::atomic<const ShortCodes*> g_short_codes[kCodeListCount];

ShortCodes::ShortCodes(std::span<const std::string_view> codes) {
  int bits = 4;
  while ((std::size_t{1} << bits) < 3 * codes.size()) ++bits;
  slots_.assign(std::size_t{1} << bits, 0);
  probe_ = {slots_.data(), slots_.size() - 1, 64 - bits};
  for (std::string_view code : codes) {
    const uint64_t key = PackCode(code);
    if (key == 0 || Contains(key)) continue;  // no value packs to it
    std::size_t i = (key * kMult) >> probe_.shift;
    while (slots_[i] != 0) i = (i + 1) & probe_.mask;
    slots_[i] = key;
  }
}

const ShortCodes& BuildShortCodes(CodeList list) {
  // Each list is built on its first use only, as SetOf's.
  static std::array<std::optional<ShortCodes>, kCodeListCount> sets;
  static std::array<std::once_flag, kCodeListCount> once;
  auto i = static_cast<std::size_t>(list);
  std::call_once(once[i], [i] {
    const std::vector<std::string_view> codes =
        CodesOf(kCodeListTable[i].literal);
    sets[i].emplace(codes);
    g_short_codes[i].store(&*sets[i], std::memory_order_release);
  });
  return *sets[i];
}

std::string_view CodeListName(CodeList list) { return RowOf(list).name; }

std::string_view CodeListLiteral(CodeList list) { return RowOf(list).literal; }

bool ListHasPadded(CodeList list, std::string_view value) {
  if (!value.empty() && value.find(' ') != std::string_view::npos) {
    std::string padded;
    padded.reserve(value.size() + 2);
    padded.append(" ").append(value).append(" ");
    return RowOf(list).literal.find(padded) != std::string_view::npos;
  }
  return ListHasToken(list, value);
}

bool ListHasToken(CodeList list, std::string_view value) {
  if (value.empty()) {
    return RowOf(list).literal.find("  ") != std::string_view::npos;
  }
  return SetOf(list).Contains(value);
}

bool ListHasSubstring(CodeList list, std::string_view value) {
  return RowOf(list).literal.find(value) != std::string_view::npos;
}

bool ListHasExact(CodeList list, std::string_view value) {
  if (value.empty() || value.find(' ') != std::string_view::npos) {
    return false;
  }
  return SetOf(list).Contains(value);
}

}  // namespace chorus::rules

#include <array>
#include <atomic>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_set>

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
using CodeSet = std::unordered_set<std::string_view>;

CodeSet BuildSet(std::string_view literal) {
  CodeSet set;
  std::size_t start = literal.find(' ');
  while (start != std::string_view::npos) {
    std::size_t end = literal.find(' ', start + 1);
    if (end == std::string_view::npos) break;
    if (end > start + 1) set.insert(literal.substr(start + 1, end - start - 1));
    start = end;
  }
  return set;
}

const CodeSet& SetOf(CodeList list) {
  // Each list is built on its first use only: a one-file run pays for the
  // lists its document meets, not for all 5,500 codes. The atomic pointer
  // keeps the usual path to one load; call_once makes the build
  // thread-safe.
  static std::array<CodeSet, kCodeListCount> sets;
  static std::array<std::once_flag, kCodeListCount> once;
  static std::array<std::atomic<const CodeSet*>, kCodeListCount> ready{};
  auto i = static_cast<std::size_t>(list);
  if (const CodeSet* set = ready[i].load(std::memory_order_acquire)) {
    return *set;
  }
  std::call_once(once[i], [i] {
    sets[i] = BuildSet(kCodeListTable[i].literal);
    ready[i].store(&sets[i], std::memory_order_release);
  });
  return sets[i];
}

const CodeListRow& RowOf(CodeList list) {
  return kCodeListTable[static_cast<std::size_t>(list)];
}

}  // namespace

std::string_view CodeListName(CodeList list) { return RowOf(list).name; }

std::string_view CodeListLiteral(CodeList list) { return RowOf(list).literal; }

bool ListHasPadded(CodeList list, std::string_view value) {
  if (value.empty()) {
    return RowOf(list).literal.find("  ") != std::string_view::npos;
  }
  if (value.find(' ') != std::string_view::npos) {
    std::string padded;
    padded.reserve(value.size() + 2);
    padded.append(" ").append(value).append(" ");
    return RowOf(list).literal.find(padded) != std::string_view::npos;
  }
  return SetOf(list).contains(value);
}

bool ListHasSubstring(CodeList list, std::string_view value) {
  return RowOf(list).literal.find(value) != std::string_view::npos;
}

bool ListHasExact(CodeList list, std::string_view value) {
  if (value.empty() || value.find(' ') != std::string_view::npos) {
    return false;
  }
  return SetOf(list).contains(value);
}

}  // namespace chorus::rules

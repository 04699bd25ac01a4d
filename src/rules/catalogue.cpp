#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

#include "chorus/rules/rules.h"

namespace chorus {
namespace {

#include "rules/catalogue_data.inc"

// Longer than any official id; longer queries cannot match.
constexpr std::size_t kMaxIdLength = 32;

char AsciiUpper(char c) {
  return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
}

// Entries of one id are adjacent (the table is sorted by id), so an id maps
// to a range: at most a kUbl and a kCii entry, or one entry.
struct Range {
  std::size_t first = 0;
  std::size_t count = 0;
};

using IdIndex = std::unordered_map<std::string, Range>;

IdIndex BuildIndex() {
  IdIndex index;
  std::span<const RuleInfo> all = kRuleCatalogue;
  for (std::size_t i = 0; i < all.size(); ++i) {
    std::string key;
    for (char c : all[i].id) key += AsciiUpper(c);
    auto it = index.try_emplace(std::move(key), Range{i, 0}).first;
    ++it->second.count;
  }
  return index;
}

}  // namespace

std::span<const RuleInfo> AllRules() { return kRuleCatalogue; }

const RuleInfo* FindRule(std::string_view id, Syntax syntax) {
  static const IdIndex* const index = new IdIndex(BuildIndex());
  if (id.empty() || id.size() > kMaxIdLength) return nullptr;
  std::string key(id.size(), '\0');
  for (std::size_t i = 0; i < id.size(); ++i) key[i] = AsciiUpper(id[i]);
  auto it = index->find(key);
  if (it == index->end()) return nullptr;
  RuleSyntax wanted = syntax == Syntax::kUbl ? RuleSyntax::kUbl
                                             : RuleSyntax::kCii;
  const Range& range = it->second;
  for (std::size_t i = range.first; i < range.first + range.count; ++i) {
    const RuleInfo& rule = kRuleCatalogue[i];
    if (rule.syntax == RuleSyntax::kBoth || rule.syntax == wanted) {
      return &rule;
    }
  }
  return nullptr;
}

}  // namespace chorus

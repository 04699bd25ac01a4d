// Relative paths of the CII syntax assertions, compiled once and evaluated
// over the flattened element index.
#include <string>
#include <string_view>
#include <vector>

#include "rules/cii_syntax_internal.h"

namespace chorus::rules::cii {
namespace {

constexpr int kNoLimit = 1 << 30;

int NsOfPrefix(std::string_view prefix) {
  if (prefix == "rsm") return kRsm;
  if (prefix == "ram") return kRam;
  if (prefix == "udt") return kUdt;
  if (prefix == "qdt") return kQdt;
  return xml::kOtherNamespace;
}

// Stops once `limit` nodes are found.
int CountFrom(const View& v, int32_t from, const Path& path, std::size_t k,
              int limit, std::vector<int32_t>* out) {
  const Step& step = path[k];
  if (step.attribute) {
    return v.index.FindAttribute(from, step.local) != nullptr ? 1 : 0;
  }
  int total = 0;
  bool last = k + 1 == path.size();
  for (int32_t c = v.index[from].first_child; c >= 0; c = v.index[c].next) {
    if (!Matches(v.index[c], step)) continue;
    if (last) {
      ++total;
      if (out != nullptr) out->push_back(c);
    } else {
      total += CountFrom(v, c, path, k + 1, limit - total, out);
    }
    if (total >= limit) break;
  }
  return total;
}

}  // namespace

Path CompilePath(std::string_view text) {
  Path path;
  while (!text.empty()) {
    std::size_t slash = text.find('/');
    std::string_view part = text.substr(0, slash);
    text = slash == std::string_view::npos ? "" : text.substr(slash + 1);
    Step step;
    if (part.starts_with("@")) {
      step.attribute = true;
      step.local = part.substr(1);
    } else if (part == "*") {
      step.any = step.any_ns = true;
    } else {
      step.ns = NsOfPrefix(xml::PrefixOf(part));
      step.local = xml::LocalName(part);
      step.any = step.local == "*";
    }
    step.key = step.any ? 0 : xml::NameKey(step.local);
    path.push_back(step);
  }
  return path;
}

int Count(const View& v, int32_t from, const Path& path) {
  if (path.empty()) return 0;
  return CountFrom(v, from, path, 0, kNoLimit, nullptr);
}

int CountUpTo(const View& v, int32_t from, const Path& path, int limit) {
  if (path.empty()) return 0;
  return CountFrom(v, from, path, 0, limit, nullptr);
}

void Select(const View& v, int32_t from, const Path& path,
            std::vector<int32_t>* out) {
  if (path.empty() || path.back().attribute) return;
  CountFrom(v, from, path, 0, kNoLimit, out);
}

std::string_view NestedStringValue(const View& v, int32_t i,
                                   std::string& scratch) {
  scratch.clear();
  v.index.AppendStringValue(i, scratch);
  return scratch;
}

std::string NormalizeSpace(std::string_view s) {
  std::string out;
  NormalizeSpaceInto(s, out);
  return out;
}

}  // namespace chorus::rules::cii

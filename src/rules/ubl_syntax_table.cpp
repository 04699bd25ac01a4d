// The generated assert table and the path helpers it needs.
#include <array>
#include <string_view>

#include "rules/ubl_syntax_internal.h"

namespace chorus::rules::ubl {
namespace {

constexpr AssertRow kRows[] = {
#define UBL_RULE(rule, context)
#define UBL_ASSERT(rule, id, fatal, kind, max, path) \
  {rule, id, fatal, Kind::kind, max, path},
#include "rules/ubl_syntax_table.inc"
#undef UBL_ASSERT
#undef UBL_RULE
};

constexpr std::string_view kContexts[] = {
#define UBL_RULE(rule, context) context,
#define UBL_ASSERT(rule, id, fatal, kind, max, path)
#include "rules/ubl_syntax_table.inc"
#undef UBL_ASSERT
#undef UBL_RULE
};
static_assert(std::size(kContexts) == kRuleCount);

int PrefixId(std::string_view prefix) {
  if (prefix == "cbc") return kCbc;
  if (prefix == "cac") return kCac;
  if (prefix == "ext") return kExt;
  if (prefix == "ubl") return kInvoiceNs;
  if (prefix == "cn") return kCreditNs;
  return xml::kOtherNamespace;
}

}  // namespace

// As xml::PrefixOf and xml::LocalName, in one short scan: the table
// compiles some 2,400 of these.
QName ParseQName(std::string_view text) {
  std::size_t colon = 0;
  while (colon < text.size() && text[colon] != ':') ++colon;
  std::string_view prefix;
  std::string_view local = text;
  if (colon < text.size()) {
    prefix = text.substr(0, colon);
    local = text.substr(colon + 1);
  }
  return QName{PrefixId(prefix), local, xml::NameKey(local)};
}

std::span<const AssertRow> AssertRows() { return kRows; }
std::string_view RuleContext(int index) {
  return index >= 0 && index < kRuleCount ? kContexts[index] : "";
}

Path CompilePath(std::string_view text) {
  Path path;
  if (text.starts_with("//")) {
    path.anywhere = true;
    text.remove_prefix(2);
  }
  while (!text.empty()) {
    std::size_t slash = text.find('/');
    std::string_view step = text.substr(0, slash);
    text = slash == std::string_view::npos ? std::string_view()
                                           : text.substr(slash + 1);
    if (step.starts_with('@')) {
      path.attribute = step.substr(1);
      break;
    }
    std::vector<QName> names;
    if (step.starts_with('(') && step.ends_with(')')) {
      step = step.substr(1, step.size() - 2);
      while (!step.empty()) {
        std::size_t bar = step.find('|');
        names.push_back(ParseQName(step.substr(0, bar)));
        step = bar == std::string_view::npos ? std::string_view()
                                             : step.substr(bar + 1);
      }
    } else {
      names.push_back(ParseQName(step));
    }
    path.steps.push_back(std::move(names));
  }
  return path;
}

int Nav::CountFrom(int32_t context, const Path& path, std::size_t step) const {
  if (context < 0) return 0;
  const DocIndex::Entry& e = index_[context];
  if (step == path.steps.size()) {
    if (path.attribute.empty()) return 1;
    return index_.elements().FindAttribute(context, path.attribute) != nullptr
               ? 1
               : 0;
  }
  int count = 0;
  for (int32_t c = e.first_child; c >= 0; c = index_[c].next) {
    const DocIndex::Entry& child = index_[c];
    for (const QName& q : path.steps[step]) {
      // NameKey holds the length and first seven bytes.
      if (q.key == child.key && child.ns == q.ns &&
          (q.local.size() < 8 || q.local == child.local)) {
        count += CountFrom(c, path, step + 1);
        break;
      }
    }
  }
  return count;
}

}  // namespace chorus::rules::ubl

#include "rules/doc_index.h"

#include <array>
#include <utility>

#include "chorus/format/document.h"

namespace chorus::rules {
namespace {

bool IsXmlSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

}  // namespace

DocIndex::DocIndex(std::shared_ptr<const xml::DocTree> tree)
    : tree_(std::move(tree)), elements_(tree_->elements) {}

int32_t DocIndex::Child(int32_t i, int ns, std::string_view local) const {
  if (i < 0) return -1;
  for (int32_t k = elements_[i].first_child; k >= 0; k = elements_[k].next) {
    const Entry& e = elements_[k];
    if (e.ns == ns && e.local == local) return k;
  }
  return -1;
}

std::string_view DocIndex::NestedStringValue(int32_t i,
                                             std::string& scratch) const {
  if (i < 0) return {};
  const Entry& e = elements_[i];
  if (e.first_child < 0) return e.raw;
  scratch.clear();
  elements_.AppendStringValue(i, scratch);
  return scratch;
}

std::shared_ptr<const DocIndex> MakeDocIndex(const XmlDocument& doc) {
  return std::make_shared<const DocIndex>(doc.tree());
}

void NormalizeSpaceInto(std::string_view in, std::string& out) {
  out.clear();
  bool pending = false;
  for (char c : in) {
    if (IsXmlSpace(c)) {
      pending = !out.empty();
      continue;
    }
    if (pending) out.push_back(' ');
    pending = false;
    out.push_back(c);
  }
}

}  // namespace chorus::rules

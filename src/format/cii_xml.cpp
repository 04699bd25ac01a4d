#include "format/cii_xml.h"

#include <vector>

#include "chorus/format/document.h"

namespace chorus::cii {
namespace {

using Attribute = xml::ElementIndex::Attribute;

// Splits "p:local" at its first colon into ("p", "local"); no colon gives
// ("", name).
void SplitName(std::string_view name, std::string_view& prefix,
               std::string_view& local) {
  size_t colon = name.find(':');
  if (colon == std::string_view::npos) {
    prefix = {};
    local = name;
  } else {
    prefix = name.substr(0, colon);
    local = name.substr(colon + 1);
  }
}

// The prefix an attribute named `attr` declares, or false when it is not a
// namespace declaration.
bool DeclaredPrefix(std::string_view attr, std::string_view& prefix) {
  if (attr.size() < 5 || attr.compare(0, 5, "xmlns") != 0) return false;
  if (attr.size() == 5) {
    prefix = {};
    return true;
  }
  if (attr[5] != ':') return false;
  prefix = attr.substr(6);
  return true;
}

// The namespaces of the elements on a path, resolved top-down with the
// declarations in scope on a stack: a declaration on an element applies to
// its own name (the first one there that binds the prefix), otherwise the
// nearest (latest pushed) binding above it.
class ScopeWalker {
 public:
  ScopeWalker(const xml::ElementIndex& index) : index_(index) {}

  Ns Resolve(int32_t i, std::string_view prefix) const {
    for (const Attribute& a : index_.AttributesOf(i)) {
      std::string_view declared;
      if (DeclaredPrefix(a.name, declared) && declared == prefix) {
        return ClassifyUri(a.value);
      }
    }
    for (size_t k = stack_.size(); k > 0; --k) {
      if (stack_[k - 1].prefix == prefix) return stack_[k - 1].ns;
    }
    return prefix.empty() ? Ns::kNone : Ns::kOther;
  }
  void Push(int32_t i) {
    for (const Attribute& a : index_.AttributesOf(i)) {
      std::string_view declared;
      if (DeclaredPrefix(a.name, declared)) {
        stack_.push_back({declared, ClassifyUri(a.value)});
      }
    }
  }

 private:
  struct Binding {
    std::string_view prefix;
    Ns ns;
  };
  const xml::ElementIndex& index_;
  std::vector<Binding> stack_;
};

// Position of entry `i` among the siblings of the same qualified name, or 0
// when the name is unique there (or `i` is the root). Names are compared
// only where the local name and prefix size agree, as they do for any two
// equal names.
int SiblingIndex(const xml::ElementIndex& index, int32_t i) {
  const xml::ElementIndex::Entry& me = index[i];
  if (me.parent < 0) return 0;
  std::string_view name = index.QualifiedName(i);
  int position = 0;
  int total = 0;
  for (int32_t c = index[me.parent].first_child; c >= 0; c = index[c].next) {
    const xml::ElementIndex::Entry& s = index[c];
    if (c != i && (s.key != me.key || s.prefix_size != me.prefix_size ||
                   s.local != me.local || index.QualifiedName(c) != name)) {
      continue;
    }
    ++total;
    if (c == i) position = total;
  }
  return total > 1 ? position : 0;
}

void AppendPosition(const xml::ElementIndex& index, int32_t i,
                    std::string& out) {
  if (int position = SiblingIndex(index, i)) {
    out += '[';
    out += std::to_string(position);
    out += ']';
  }
}

}  // namespace

std::string_view PrefixOf(Ns ns) {
  switch (ns) {
    case Ns::kRsm:
      return "rsm";
    case Ns::kRam:
      return "ram";
    case Ns::kUdt:
      return "udt";
    case Ns::kQdt:
      return "qdt";
    case Ns::kXsi:
      return "xsi";
    case Ns::kNone:
    case Ns::kOther:
      break;
  }
  return {};
}

Ns ClassifyUri(std::string_view uri) {
  if (uri.empty()) return Ns::kNone;
  if (uri == ns::kRam) return Ns::kRam;
  if (uri == ns::kUdt) return Ns::kUdt;
  if (uri == ns::kCii) return Ns::kRsm;
  if (uri == ns::kQdt) return Ns::kQdt;
  if (uri == xml::kXsiUri) return Ns::kXsi;
  return Ns::kOther;
}

Ns ResolveSlow(const xml::ElementIndex& index, int32_t i,
               std::string_view qualified_name, bool is_attribute) {
  std::string_view prefix, local;
  SplitName(qualified_name, prefix, local);
  // Unprefixed attributes are in no namespace, whatever the default is.
  if (is_attribute && prefix.empty()) return Ns::kNone;
  for (int32_t p = i; p >= 0; p = index[p].parent) {
    for (const Attribute& a : index.AttributesOf(p)) {
      std::string_view declared;
      if (DeclaredPrefix(a.name, declared) && declared == prefix) {
        return ClassifyUri(a.value);
      }
    }
  }
  return prefix.empty() ? Ns::kNone : Ns::kOther;
}

std::string StepOf(const xml::ElementIndex& index, int32_t i) {
  std::string_view name = index.QualifiedName(i);
  std::string_view canonical = PrefixOf(ResolveSlow(index, i, name, false));
  std::string out = "/";
  if (!canonical.empty()) {
    std::string_view prefix, local;
    SplitName(name, prefix, local);
    out += canonical;
    out += ':';
    out += local;
  } else {
    out += name;
  }
  AppendPosition(index, i, out);
  return out;
}

std::string PathOf(const xml::ElementIndex& index, int32_t i) {
  std::vector<int32_t> chain;
  for (int32_t p = i; p >= 0; p = index[p].parent) chain.push_back(p);
  // Top-down, so that declarations are collected once along the way.
  ScopeWalker walker(index);
  std::string out;
  for (size_t k = chain.size(); k > 0; --k) {
    int32_t at = chain[k - 1];
    std::string_view name = index.QualifiedName(at);
    std::string_view prefix, local;
    SplitName(name, prefix, local);
    std::string_view canonical = PrefixOf(walker.Resolve(at, prefix));
    walker.Push(at);
    out += '/';
    if (!canonical.empty()) {
      out += canonical;
      out += ':';
      out += local;
    } else {
      out += name;
    }
    AppendPosition(index, at, out);
  }
  return out;
}

}  // namespace chorus::cii

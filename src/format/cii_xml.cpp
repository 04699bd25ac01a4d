#include "format/cii_xml.h"

#include <cstring>

#include "chorus/format/document.h"
#include "format/xml_ns.h"

namespace chorus::cii {
namespace {

constexpr std::string_view kXsiUri = "http://www.w3.org/2001/XMLSchema-instance";

// Splits "p:local" into ("p", "local"); no colon gives ("", name).
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

// Prefixes are a few bytes: a plain loop beats a memcmp call.
bool SameShort(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

}  // namespace

std::string_view PrefixOf(Ns ns) {
  switch (ns) {
    case Ns::kRsm: return "rsm";
    case Ns::kRam: return "ram";
    case Ns::kUdt: return "udt";
    case Ns::kQdt: return "qdt";
    case Ns::kXsi: return "xsi";
    case Ns::kNone:
    case Ns::kOther: break;
  }
  return {};
}

Ns ClassifyUri(std::string_view uri) {
  if (uri.empty()) return Ns::kNone;
  if (uri == ns::kRam) return Ns::kRam;
  if (uri == ns::kUdt) return Ns::kUdt;
  if (uri == ns::kCii) return Ns::kRsm;
  if (uri == ns::kQdt) return Ns::kQdt;
  if (uri == kXsiUri) return Ns::kXsi;
  return Ns::kOther;
}

El Walker::Resolve(pugi::xml_node n) const {
  El e{n, Ns::kNone, false, {}};
  // Runs for every element read: the colon is a few bytes in, so scan for
  // it directly instead of a generic find over the whole name.
  std::string_view name = n.name();
  size_t colon = 0;
  while (colon < name.size() && name[colon] != ':') ++colon;
  std::string_view prefix;
  if (colon < name.size()) {
    prefix = name.substr(0, colon);
    e.local = name.substr(colon + 1);
  } else {
    e.local = name;
  }
  pugi::xml_attribute first = n.first_attribute();
  e.has_attrs = !first.empty();
  // A declaration on the element itself applies to its own name.
  for (pugi::xml_attribute a = first; e.has_attrs && a; a = a.next_attribute()) {
    std::string_view declared;
    if (DeclaredPrefix(a.name(), declared) && declared == prefix) {
      e.ns = ClassifyUri(a.value());
      return e;
    }
  }
  for (size_t i = stack_.size(); i > 0; --i) {
    if (SameShort(stack_[i - 1].prefix, prefix)) {
      e.ns = stack_[i - 1].ns;
      return e;
    }
  }
  e.ns = prefix.empty() ? Ns::kNone : Ns::kOther;
  return e;
}

size_t Walker::Push(const El& e) {
  if (!e.has_attrs) return 0;
  size_t count = 0;
  for (pugi::xml_attribute a = e.node.first_attribute(); a;
       a = a.next_attribute()) {
    std::string_view declared;
    if (DeclaredPrefix(a.name(), declared)) {
      stack_.push_back({declared, ClassifyUri(a.value())});
      ++count;
    }
  }
  return count;
}

Ns ResolveSlow(pugi::xml_node n, std::string_view qualified_name,
               bool is_attribute) {
  std::string_view prefix, local;
  SplitName(qualified_name, prefix, local);
  // Unprefixed attributes are in no namespace, whatever the default is.
  if (is_attribute && prefix.empty()) return Ns::kNone;
  for (pugi::xml_node p = n; p; p = p.parent()) {
    for (pugi::xml_attribute a = p.first_attribute(); a;
         a = a.next_attribute()) {
      std::string_view declared;
      if (DeclaredPrefix(a.name(), declared) && declared == prefix) {
        return ClassifyUri(a.value());
      }
    }
  }
  return prefix.empty() ? Ns::kNone : Ns::kOther;
}

namespace {

// Position among same-name siblings, or 0 when the name is unique there.
int SiblingIndex(pugi::xml_node n) {
  int index = 0;
  int total = 0;
  for (pugi::xml_node s = n.parent().first_child(); s; s = s.next_sibling()) {
    if (s.type() != pugi::node_element || std::strcmp(s.name(), n.name()) != 0) {
      continue;
    }
    ++total;
    if (s == n) index = total;
  }
  return total > 1 ? index : 0;
}

// The same through the index's links (no pugixml call per sibling); names
// are compared only where the local name and prefix size agree, as they do
// for any two equal names.
int SiblingIndex(pugi::xml_node n, const xml::ElementIndex* index) {
  int32_t at = index != nullptr ? index->IndexOf(n) : -1;
  if (at < 0 || (*index)[at].parent < 0) return SiblingIndex(n);
  const xml::ElementIndex::Entry& me = (*index)[at];
  int position = 0;
  int total = 0;
  for (int32_t c = (*index)[me.parent].first_child; c >= 0;
       c = (*index)[c].next) {
    const xml::ElementIndex::Entry& s = (*index)[c];
    if (c != at &&
        (s.key != me.key || s.prefix_size != me.prefix_size ||
         s.local != me.local || std::strcmp(s.node.name(), n.name()) != 0)) {
      continue;
    }
    ++total;
    if (c == at) position = total;
  }
  return total > 1 ? position : 0;
}

}  // namespace

std::string StepOf(pugi::xml_node n, const xml::ElementIndex* index) {
  std::string_view name = n.name();
  std::string_view canonical = PrefixOf(ResolveSlow(n, name, false));
  std::string out = "/";
  if (!canonical.empty()) {
    size_t colon = name.find(':');
    out += canonical;
    out += ':';
    out += colon == std::string_view::npos ? name : name.substr(colon + 1);
  } else {
    out += name;
  }
  if (int position = SiblingIndex(n, index)) {
    out += '[';
    out += std::to_string(position);
    out += ']';
  }
  return out;
}

std::string PathOf(pugi::xml_node n, const xml::ElementIndex* index) {
  std::vector<pugi::xml_node> chain;
  for (pugi::xml_node p = n; p && p.type() == pugi::node_element;
       p = p.parent()) {
    chain.push_back(p);
  }
  // Top-down, so that declarations are collected once along the way.
  Walker walker;
  std::string out;
  for (size_t i = chain.size(); i > 0; --i) {
    El e = walker.Resolve(chain[i - 1]);
    walker.Push(e);
    std::string_view canonical = PrefixOf(e.ns);
    out += '/';
    if (!canonical.empty()) {
      out += canonical;
      out += ':';
      out += e.local;
    } else {
      out += chain[i - 1].name();
    }
    if (int position = SiblingIndex(chain[i - 1], index)) {
      out += '[';
      out += std::to_string(position);
      out += ']';
    }
  }
  return out;
}

std::string TrimmedText(pugi::xml_node n) {
  pugi::xml_node first = n.first_child();
  if (!first) return {};
  if (!first.next_sibling() && (first.type() == pugi::node_pcdata ||
                                first.type() == pugi::node_cdata)) {
    return std::string(TrimView(first.value()));
  }
  std::string joined;
  for (pugi::xml_node c = first; c; c = c.next_sibling()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
      joined += c.value();
    }
  }
  return std::string(TrimView(joined));
}

}  // namespace chorus::cii

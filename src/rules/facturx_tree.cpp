// FxTree: the DOM flattened once per document, with the namespace of every
// element and attribute resolved, so name tests are two comparisons.
#include <string>
#include <string_view>
#include <vector>

#include "chorus/format/document.h"
#include "rules/facturx_xpath.h"

namespace chorus::rules::fx {
namespace {

Ns NsOf(std::string_view uri) {
  if (uri.empty()) return Ns::kNone;
  if (uri == ns::kCii) return Ns::kRsm;
  if (uri == ns::kRam) return Ns::kRam;
  if (uri == ns::kUdt) return Ns::kUdt;
  if (uri == ns::kQdt) return Ns::kQdt;
  return Ns::kOther;
}

const char* PrefixOf(Ns n) {
  switch (n) {
    case Ns::kRsm:
      return "rsm:";
    case Ns::kRam:
      return "ram:";
    case Ns::kUdt:
      return "udt:";
    case Ns::kQdt:
      return "qdt:";
    case Ns::kNone:
    case Ns::kOther:
      break;
  }
  return "";
}

void AppendText(pugi::xml_node node, std::string* out) {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
      *out += c.value();
    } else if (c.type() == pugi::node_element) {
      AppendText(c, out);
    }
  }
}

}  // namespace

std::uint32_t NameHash(std::string_view name) {
  std::uint32_t h = 2166136261u;  // FNV-1a
  for (char c : name) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
  return h;
}

const std::vector<int>* FxTree::Named(Ns ns, std::uint32_t hash) const {
  auto it = by_name_.find((std::uint64_t{hash} << 8) |
                          static_cast<std::uint64_t>(ns));
  return it == by_name_.end() ? nullptr : &it->second;
}

FxTree::FxTree(const pugi::xml_document& dom, std::string_view source)
    : source_(source) {
  nodes_.push_back(
      Node{Kind::kDocument, Ns::kNone, {}, -1, -1, -1, 0, 0, 0, 0, dom, {}});
  // scopes: "prefix=uri" bindings in scope, innermost last (shared stack).
  std::vector<std::string> scopes;
  int prev = -1;
  for (pugi::xml_node c = dom.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    int index = size();
    if (prev < 0) {
      nodes_[0].first_child = index;
    } else {
      nodes_[static_cast<std::size_t>(prev)].next_sibling = index;
    }
    Add(c, 0, &scopes);
    prev = index;
  }
  nodes_[0].end = size();
}

void FxTree::Add(pugi::xml_node element, int parent,
                 std::vector<std::string>* scopes) {
  std::size_t scope_mark = scopes->size();
  for (pugi::xml_attribute a = element.first_attribute(); a;
       a = a.next_attribute()) {
    std::string_view name = a.name();
    if (name == "xmlns") {
      scopes->push_back(std::string("=") + a.value());
    } else if (name.substr(0, 6) == "xmlns:") {
      scopes->push_back(std::string(name.substr(6)) + "=" + a.value());
    }
  }
  auto resolve = [&](std::string_view prefix) -> std::string_view {
    for (auto it = scopes->rbegin(); it != scopes->rend(); ++it) {
      std::string_view b = *it;
      if (b.size() > prefix.size() && b[prefix.size()] == '=' &&
          b.substr(0, prefix.size()) == prefix) {
        return b.substr(prefix.size() + 1);
      }
    }
    return {};
  };
  std::string_view qname = element.name();
  std::size_t colon = qname.find(':');
  std::string_view prefix =
      colon == std::string_view::npos ? "" : qname.substr(0, colon);
  std::string_view local =
      colon == std::string_view::npos ? qname : qname.substr(colon + 1);

  int self = size();
  Ns ens = NsOf(resolve(prefix));
  std::uint32_t hash = NameHash(local);
  nodes_.push_back(Node{Kind::kElement,
                        ens,
                        local,
                        parent,
                        -1,
                        -1,
                        self + 1,
                        0,
                        0,
                        hash,
                        element,
                        {}});
  by_name_[(std::uint64_t{hash} << 8) | static_cast<std::uint64_t>(ens)]
      .push_back(self);
  for (pugi::xml_attribute a = element.first_attribute(); a;
       a = a.next_attribute()) {
    std::string_view name = a.name();
    if (name == "xmlns" || name.substr(0, 6) == "xmlns:") continue;
    std::size_t c = name.find(':');
    // Unprefixed attributes are in no namespace.
    Ns ans = c == std::string_view::npos ? Ns::kNone
                                         : NsOf(resolve(name.substr(0, c)));
    std::string_view alocal =
        c == std::string_view::npos ? name : name.substr(c + 1);
    nodes_.push_back(Node{Kind::kAttribute, ans, alocal, self, -1, -1, 0, 0,
                          size() + 1, NameHash(alocal), element, a});
    ++nodes_[static_cast<std::size_t>(self)].attr_count;
  }
  int prev = -1;
  for (pugi::xml_node c = element.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    int index = size();
    if (prev < 0) {
      nodes_[static_cast<std::size_t>(self)].first_child = index;
    } else {
      nodes_[static_cast<std::size_t>(prev)].next_sibling = index;
    }
    Add(c, self, scopes);
    prev = index;
  }
  nodes_[static_cast<std::size_t>(self)].end = size();
  scopes->resize(scope_mark);
}

std::string FxTree::StringValue(int i) const {
  const Node& n = at(i);
  if (n.kind == Kind::kAttribute) return n.attr.value();
  std::string out;
  AppendText(n.element, &out);
  if (out.empty() && !n.element.first_child())
    return WhitespaceContent(n.element);
  return out;
}

std::string FxTree::WhitespaceContent(pugi::xml_node element) const {
  std::ptrdiff_t at = element.offset_debug();
  std::string_view name = element.name();
  if (at < 0 || static_cast<std::size_t>(at) >= source_.size()) return "";
  std::size_t i = static_cast<std::size_t>(at);
  if (source_[i] == '<') ++i;
  if (source_.substr(i, name.size()) != name)
    return "";  // not where we thought
  char quote = 0;
  for (; i < source_.size(); ++i) {  // to the end of the start tag
    char c = source_[i];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      break;
    }
  }
  if (i >= source_.size() || source_[i - 1] == '/') return "";  // <a/>
  std::string text;
  for (++i; i < source_.size() && source_[i] != '<'; ++i) {
    char c = source_[i];
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return "";
    if (c != '\r') text += c;  // XML reads CR LF as LF
  }
  return source_.substr(i, 2) == "</" ? text : "";
}

std::string FxTree::Path(int i) const {
  if (i <= 0) return "/";
  std::vector<std::string> parts;
  for (int n = i; n > 0; n = at(n).parent) {
    const Node& node = at(n);
    if (node.kind == Kind::kAttribute) {
      parts.push_back("@" + std::string(node.local));
      continue;
    }
    std::string part = PrefixOf(node.ns) + std::string(node.local);
    int same = 0, position = 0;
    for (int s = at(node.parent).first_child; s >= 0; s = at(s).next_sibling) {
      if (at(s).local == node.local && at(s).ns == node.ns) {
        ++same;
        if (s == n) position = same;
      }
    }
    if (same > 1) part += "[" + std::to_string(position) + "]";
    parts.push_back(std::move(part));
  }
  std::string out;
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) out += "/" + *it;
  return out;
}

}  // namespace chorus::rules::fx

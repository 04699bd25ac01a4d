#include "format/xml_ns.h"

#include <algorithm>
#include <bit>
#include <cstring>

namespace chorus::xml {
namespace {

constexpr std::string_view kXmlUri = "http://www.w3.org/XML/1998/namespace";

bool IsText(pugi::xml_node n) {
  return n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata;
}

}  // namespace

std::string_view LocalName(std::string_view qname) {
  std::size_t colon = qname.find(':');
  return colon == std::string_view::npos ? qname : qname.substr(colon + 1);
}

std::string_view PrefixOf(std::string_view qname) {
  std::size_t colon = qname.find(':');
  return colon == std::string_view::npos ? std::string_view()
                                         : qname.substr(0, colon);
}

bool IsNamespaceDeclaration(std::string_view name) {
  return name.starts_with("xmlns") && (name.size() == 5 || name[5] == ':');
}

std::string_view TextView(pugi::xml_node n, std::string& scratch) {
  pugi::xml_node first;
  bool several = false;
  for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
    if (!IsText(c)) continue;
    if (first) {
      several = true;
      break;
    }
    first = c;
  }
  if (!first) return {};
  if (!several) return TrimXml(first.value());
  scratch.clear();
  for (pugi::xml_node c = first; c; c = c.next_sibling()) {
    if (IsText(c)) scratch += c.value();
  }
  return TrimXml(scratch);
}

std::string Text(pugi::xml_node n) {
  std::string scratch;
  std::string_view v = TextView(n, scratch);
  return std::string(v);
}

bool HasData(pugi::xml_node n) {
  // Iterative so that deep foreign subtrees cannot exhaust the stack.
  pugi::xml_node cur = n;
  while (cur) {
    if (cur.type() == pugi::node_element) {
      for (pugi::xml_attribute a = cur.first_attribute(); a;
           a = a.next_attribute()) {
        if (!IsNamespaceDeclaration(a.name())) return true;
      }
    } else if (IsText(cur) && !TrimXml(cur.value()).empty()) {
      return true;
    }
    if (cur.first_child()) {
      cur = cur.first_child();
      continue;
    }
    while (cur != n && !cur.next_sibling()) cur = cur.parent();
    if (cur == n) break;
    cur = cur.next_sibling();
  }
  return false;
}

// ---------------------------------------------------------------------------
// Namespaces

Namespaces::Namespaces(pugi::xml_node root, std::span<const KnownNs> known)
    : root_(root), known_(known) {
  for (pugi::xml_attribute a = root.first_attribute(); a;
       a = a.next_attribute()) {
    std::string_view name = a.name();
    if (!IsNamespaceDeclaration(name)) continue;
    std::string_view prefix =
        name.size() == 5 ? std::string_view() : name.substr(6);
    std::string_view uri = a.value();
    root_decls_.push_back(Decl{prefix, NameKey(prefix), uri, IdOfUri(uri)});
  }
}

int Namespaces::IdOfUri(std::string_view uri) const {
  if (uri.empty()) return kNoNamespace;
  for (std::size_t i = 0; i < known_.size(); ++i) {
    if (known_[i].uri == uri) return static_cast<int>(i);
  }
  return kOtherNamespace;
}

bool Namespaces::DeclaredOn(pugi::xml_node n, std::string_view prefix,
                            std::string_view* uri) {
  for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute()) {
    const char* name = a.name();
    if (std::strncmp(name, "xmlns", 5) != 0) continue;
    bool match = prefix.empty() ? name[5] == '\0'
                                : (name[5] == ':' && prefix == name + 6);
    if (match) {
      *uri = a.value();
      return true;
    }
  }
  return false;
}

bool Namespaces::DeclaresNamespace(pugi::xml_node n) {
  for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute()) {
    if (IsNamespaceDeclaration(a.name())) return true;
  }
  return false;
}

bool Namespaces::ScopeIsRoot(pugi::xml_node n) const {
  for (; n && n != root_; n = n.parent()) {
    if (n.first_attribute() && DeclaresNamespace(n)) return false;
  }
  return true;
}

int Namespaces::RootId(std::string_view prefix) const {
  uint64_t key = NameKey(prefix);
  for (const Decl& d : root_decls_) {
    if (d.key == key && (prefix.size() < 8 || d.prefix == prefix)) {
      return d.id;
    }
  }
  if (prefix == "xml") return IdOfUri(kXmlUri);
  return prefix.empty() ? kNoNamespace : kOtherNamespace;
}

std::string_view Namespaces::Resolve(pugi::xml_node from,
                                     std::string_view prefix, int* id) const {
  if (prefix == "xml") {
    *id = IdOfUri(kXmlUri);
    return kXmlUri;
  }
  for (pugi::xml_node n = from; n && n != root_; n = n.parent()) {
    std::string_view uri;
    if (n.first_attribute() && DeclaredOn(n, prefix, &uri)) {
      *id = IdOfUri(uri);
      return uri;
    }
  }
  for (const Decl& d : root_decls_) {
    if (d.prefix == prefix) {
      *id = d.id;
      return d.uri;
    }
  }
  *id = prefix.empty() ? kNoNamespace : kOtherNamespace;
  return {};
}

int Namespaces::Id(pugi::xml_node element) const {
  if (!element) return kNoNamespace;
  std::string_view prefix = PrefixOf(element.name());
  if (element == root_) return RootId(prefix);
  std::string_view uri;
  if (element.first_attribute() && DeclaredOn(element, prefix, &uri)) {
    return IdOfUri(uri);
  }
  pugi::xml_node parent = element.parent();
  if (parent != cached_parent_) {
    cached_parent_ = parent;
    cached_clean_ = ScopeIsRoot(parent);
  }
  if (cached_clean_) return RootId(prefix);
  int id = kNoNamespace;
  Resolve(parent, prefix, &id);
  return id;
}

std::string_view Namespaces::Uri(pugi::xml_node element) const {
  int id = kNoNamespace;
  return Resolve(element, PrefixOf(element.name()), &id);
}

int Namespaces::AttributeId(pugi::xml_node owner, pugi::xml_attribute a) const {
  int id = kNoNamespace;
  std::string_view name = a.name();
  if (IsNamespaceDeclaration(name)) return IdOfUri(kXmlnsUri);
  std::string_view prefix = PrefixOf(name);
  if (prefix.empty()) return kNoNamespace;
  Resolve(owner, prefix, &id);
  return id;
}

std::string_view Namespaces::AttributeUri(pugi::xml_node owner,
                                          pugi::xml_attribute a) const {
  std::string_view name = a.name();
  if (IsNamespaceDeclaration(name)) return kXmlnsUri;
  std::string_view prefix = PrefixOf(name);
  if (prefix.empty()) return {};
  int id = kNoNamespace;
  return Resolve(owner, prefix, &id);
}

bool Namespaces::Is(pugi::xml_node element, int ns,
                    std::string_view local) const {
  return element.type() == pugi::node_element &&
         LocalName(element.name()) == local && Id(element) == ns;
}

pugi::xml_node Namespaces::Child(pugi::xml_node parent, int ns,
                                 std::string_view local) const {
  for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling()) {
    // Local names differ far more often than namespaces: test them first.
    if (c.type() == pugi::node_element && LocalName(c.name()) == local &&
        Id(c) == ns) {
      return c;
    }
  }
  return {};
}

std::string_view Namespaces::Segment(pugi::xml_node n) const {
  int id = Id(n);
  std::string_view qname = n.name();
  if (id >= 0 && known_[id].prefix.empty()) return LocalName(qname);
  return qname;
}

std::string Namespaces::PathOf(pugi::xml_node n) const {
  std::vector<pugi::xml_node> chain;
  for (pugi::xml_node p = n; p && p.type() == pugi::node_element;
       p = p.parent()) {
    chain.push_back(p);
  }
  std::string out;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    pugi::xml_node e = *it;
    int id = Id(e);
    std::string_view local = LocalName(e.name());
    out += '/';
    if (id >= 0) {
      if (!known_[id].prefix.empty()) {
        out += known_[id].prefix;
        out += ':';
      }
      out += local;
    } else {
      out += e.name();
    }
    if (!e.parent() || e.parent().type() != pugi::node_element) continue;
    // Position among same-name siblings: preceding ones are counted, and
    // the following ones only need to be found once.
    int index = 1;
    for (pugi::xml_node s = e.previous_sibling(); s; s = s.previous_sibling()) {
      if (s.type() == pugi::node_element && LocalName(s.name()) == local &&
          Id(s) == id) {
        ++index;
      }
    }
    bool shared = index > 1;
    for (pugi::xml_node s = e.next_sibling(); s && !shared;
         s = s.next_sibling()) {
      shared = s.type() == pugi::node_element && LocalName(s.name()) == local &&
               Id(s) == id;
    }
    if (shared) {
      out += '[';
      out += std::to_string(index);
      out += ']';
    }
  }
  return out;
}

std::string Namespaces::PathOf(pugi::xml_node owner,
                               pugi::xml_attribute a) const {
  return PathOf(owner) + "/@" + a.name();
}

}  // namespace chorus::xml

// Namespace-aware helpers of the CII reader. Elements are matched by
// namespace URI, never by prefix: the reader takes them resolved from the
// document's xml::ElementIndex; the walker here resolves them for report
// paths, keeping the in-scope declarations on a small stack as it descends.
#ifndef CHORUS_FORMAT_CII_XML_H_
#define CHORUS_FORMAT_CII_XML_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <pugixml.hpp>

#include "format/xml_ns.h"

namespace chorus::cii {

enum class Ns : uint8_t { kNone, kOther, kRsm, kRam, kUdt, kQdt, kXsi };

// Canonical prefix for a known namespace ("ram"), "" for others.
std::string_view PrefixOf(Ns ns);
Ns ClassifyUri(std::string_view uri);

// An element with its resolved namespace and local name.
struct El {
  pugi::xml_node node;
  Ns ns = Ns::kNone;
  // False when the element has no attribute but namespace declarations:
  // most have none, and their attribute scans are skipped.
  bool has_attrs = false;
  std::string_view local;
  int32_t index = -1;  // its entry in the reader's xml::ElementIndex

  bool Is(Ns want, std::string_view name) const {
    return ns == want && local == name;
  }
  bool Ram(std::string_view name) const { return Is(Ns::kRam, name); }
};

class Walker {
 public:
  Walker() { stack_.reserve(16); }

  // Resolves `n` against the declarations in scope plus its own.
  El Resolve(pugi::xml_node n) const;
  // Brings the declarations made on `e` into scope; returns how many, for Pop.
  size_t Push(const El& e);

 private:
  struct Binding {
    std::string_view prefix;
    Ns ns;
  };
  std::vector<Binding> stack_;
};

// Namespace of an element or attribute name found by scanning ancestors.
// Slow; only for building report paths.
Ns ResolveSlow(pugi::xml_node n, std::string_view qualified_name,
               bool is_attribute);

// "/rsm:CrossIndustryInvoice/.../ram:ID[2]": canonical prefixes for the CII
// namespaces, the source name for foreign ones, [n] among same-name siblings.
// `index`, when it indexes n's document, finds the siblings faster.
std::string PathOf(pugi::xml_node n, const xml::ElementIndex* index = nullptr);
// The last step of PathOf(n): "/ram:ID[2]".
std::string StepOf(pugi::xml_node n, const xml::ElementIndex* index = nullptr);

// Character content of `n` (text and CDATA children joined), with XML
// whitespace trimmed at both ends.
std::string TrimmedText(pugi::xml_node n);
// XML whitespace trimmed at both ends; inline, as the reader trims every
// attribute value it maps.
inline std::string_view TrimView(std::string_view s) {
  return xml::TrimXml(s);
}

}  // namespace chorus::cii

#endif  // CHORUS_FORMAT_CII_XML_H_

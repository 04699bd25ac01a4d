// Namespace-aware helpers of the CII reader, over the document's
// xml::ElementIndex. Elements are matched by namespace URI, never by
// prefix: the reader takes them resolved from the index; report paths
// resolve them here, keeping the in-scope declarations on a small stack as
// they descend.
#ifndef CHORUS_FORMAT_CII_XML_H_
#define CHORUS_FORMAT_CII_XML_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "format/xml_ns.h"

namespace chorus::cii {

enum class Ns : uint8_t { kNone, kOther, kRsm, kRam, kUdt, kQdt, kXsi };

// Canonical prefix for a known namespace ("ram"), "" for others.
std::string_view PrefixOf(Ns ns);
Ns ClassifyUri(std::string_view uri);

// An element with its resolved namespace and local name.
struct El {
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

// Namespace of the name of entry `i` (is_attribute false) or of one of its
// attributes, found by scanning its declarations and its ancestors'. Slow;
// only for report paths and the rare prefixed attribute.
Ns ResolveSlow(const xml::ElementIndex& index, int32_t i,
               std::string_view qualified_name, bool is_attribute);

// "/rsm:CrossIndustryInvoice/.../ram:ID[2]": canonical prefixes for the CII
// namespaces, the source name for foreign ones, [n] among siblings of the
// same qualified name.
std::string PathOf(const xml::ElementIndex& index, int32_t i);
// The last step of PathOf(index, i): "/ram:ID[2]".
std::string StepOf(const xml::ElementIndex& index, int32_t i);

// XML whitespace trimmed at both ends; inline, as the reader trims every
// attribute value it maps.
inline std::string_view TrimView(std::string_view s) { return xml::TrimXml(s); }

}  // namespace chorus::cii

#endif  // CHORUS_FORMAT_CII_XML_H_

// Namespace-aware helpers of the CII reader, over the document's
// xml::ElementIndex. Elements are matched by namespace URI, never by
// prefix: the reader takes them resolved from the index; report paths
// resolve them here, keeping the in-scope declarations on a small stack as
// they descend.
#ifndef CHORUS_FORMAT_CII_XML_H_
#define CHORUS_FORMAT_CII_XML_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "format/long_name.h"
#include "format/xml_ns.h"

namespace chorus::cii {

enum class Ns : uint8_t { kNone, kOther, kRsm, kRam, kUdt, kQdt, kXsi };

// Canonical prefix for a known namespace ("ram"), "" for others.
std::string_view PrefixOf(Ns ns);
Ns ClassifyUri(std::string_view uri);

// An element's local name with its xml::NameKey (length and first seven
// bytes). The reader tells names apart in long if-chains of literals:
// comparing keys settles most of them in one integer comparison, and the
// bytes are compared only for longer names whose keys match.
class LocalName {
 public:
  LocalName() = default;
  LocalName(std::string_view text, uint64_t key) : text_(text), key_(key) {}

  [[gnu::always_inline]] bool operator==(const xml::Name& name) const {
    if (key_ != name.key()) return false;
    // Equal keys of names of at most 7 bytes: equal names unless the
    // lengths differ by a multiple of 256 (the key keeps 8 bits of it).
    std::size_t n = name.text().size();
    if (text_.size() != n) return false;
    return n <= 7 || xml::SameLongText(text_, name.text());
  }
  operator std::string_view() const { return text_; }  // NOLINT: a view

 private:
  std::string_view text_;
  uint64_t key_ = 0;
};

// An element with its resolved namespace and local name.
struct El {
  Ns ns = Ns::kNone;
  // False when the element has no attribute but namespace declarations:
  // most have none, and their attribute scans are skipped.
  bool has_attrs = false;
  LocalName local;
  int32_t index = -1;  // its entry in the reader's xml::ElementIndex

  bool Is(Ns want, const xml::Name& name) const {
    return ns == want && local == name;
  }
  bool Ram(const xml::Name& name) const { return Is(Ns::kRam, name); }
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

// Namespace-aware helpers of the CII reader, over the document's
// xml::ElementIndex. Elements are matched by namespace URI, never by
// prefix: the reader takes them resolved from the index; report paths
// resolve them here, keeping the in-scope declarations on a small stack as
// they descend.
#ifndef CHORUS_FORMAT_CII_XML_H_
#define CHORUS_FORMAT_CII_XML_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "format/doc_tree.h"
#include "format/long_name.h"
#include "format/xml_ns.h"

namespace chorus::cii {

enum class Ns : uint8_t { kNone, kOther, kRsm, kRam, kUdt, kQdt, kXsi };

// The reader's namespace of an index entry's namespace id (DocNs, or
// kNoNamespace / kOtherNamespace, hence the offset of 2). The index holds
// no other ids: a table of 16 indexed by the low bits needs no bounds
// test per child.
inline Ns NsOfId(int id) {
  static_assert(xml::kOtherNamespace + 2 == 0 && xml::kNsXsi + 2 < 16);
  static constexpr auto kTable = [] {
    std::array<Ns, 16> t{};
    t.fill(Ns::kOther);
    t[xml::kNoNamespace + 2] = Ns::kNone;
    t[xml::kNsRsm + 2] = Ns::kRsm;
    t[xml::kNsRam + 2] = Ns::kRam;
    t[xml::kNsUdt + 2] = Ns::kUdt;
    t[xml::kNsQdt + 2] = Ns::kQdt;
    t[xml::kNsXsi + 2] = Ns::kXsi;
    return t;
  }();
  return kTable[static_cast<std::size_t>(id + 2) & (kTable.size() - 1)];
}

// Canonical prefix for a known namespace ("ram"), "" for others.
std::string_view PrefixOf(Ns ns);
Ns ClassifyUri(std::string_view uri);

// An element's local name, read from its index entry, whose xml::NameKey
// (length and first seven bytes) it is compared on first. The reader tells
// names apart in long if-chains of literals: comparing keys settles most
// of them in one integer comparison, and the bytes are compared only for
// longer names whose keys match. It holds the entry rather than copies of
// its name and key: the reader builds one per child, most of them only
// ever compared.
class LocalName {
 public:
  LocalName() = default;
  explicit LocalName(const xml::ElementIndex::Entry& e) : e_(&e) {}

  [[gnu::always_inline]] bool operator==(const xml::Name& name) const {
    if (e_->key != name.key()) return false;
    // Equal keys of names of at most 7 bytes: equal names unless the
    // lengths differ by a multiple of 256 (the key keeps 8 bits of it).
    std::size_t n = name.text().size();
    if (e_->local.size() != n) return false;
    return n <= 7 || xml::SameLongText(e_->local, name.text());
  }
  operator std::string_view() const { return e_->local; }  // NOLINT: a view
  // The entry it reads (an empty one for El's default).
  const xml::ElementIndex::Entry& entry() const { return *e_; }

 private:
  // The element without a name (El's default): no key, no text.
  static constexpr xml::ElementIndex::Entry kNoName{};
  const xml::ElementIndex::Entry* e_ = &kNoName;
};

// An element with its resolved namespace and local name.
struct El {
  LocalName local;
  int32_t index = -1;  // its entry in the reader's xml::ElementIndex

  // Its namespace, and whether it is ram:, read from the entry: the reader
  // builds an El per child, and most are only asked the latter.
  Ns ns() const { return NsOfId(local.entry().ns); }
  bool InRam() const { return local.entry().ns == xml::kNsRam; }

  // False when the element has no attribute but namespace declarations:
  // most have none, and their attribute scans are skipped. (Read from the
  // entry: most children are never asked.)
  bool has_attrs() const { return local.entry().has_attributes; }

  bool Is(Ns want, const xml::Name& name) const {
    return ns() == want && local == name;
  }
  bool Ram(const xml::Name& name) const { return InRam() && local == name; }
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

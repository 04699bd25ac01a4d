#include "chorus/format/facturx_profile.h"

#include <array>
#include <cctype>

#include "format/doc_tree.h"
#include "format/facturx_profile_internal.h"
#include "format/leaf_text.h"
#include "format/xml_guard.h"

namespace chorus {
namespace {

constexpr std::array<std::pair<std::string_view, FacturXProfile>, 5>
    kProfileKeys{{
        {"minimum", FacturXProfile::kMinimum},
        {"basicwl", FacturXProfile::kBasicWl},
        {"basic", FacturXProfile::kBasic},
        {"en16931", FacturXProfile::kEn16931},
        {"extended", FacturXProfile::kExtended},
    }};

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
    s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
    s.remove_suffix(1);
  return s;
}

bool EqualsNoCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  }
  return true;
}

// The profile a Factur-X/ZUGFeRD URN part names, nullopt for any other part.
std::optional<FacturXProfile> FromUrn(std::string_view part) {
  static constexpr std::string_view kPrefixes[] = {"urn:factur-x.eu:1p0:",
                                                   "urn:zugferd.de:2p0:"};
  for (std::string_view prefix : kPrefixes) {
    if (part.size() < prefix.size() ||
        !EqualsNoCase(part.substr(0, prefix.size()), prefix))
      continue;
    std::string_view key = part.substr(prefix.size());
    for (const auto& [name, profile] : kProfileKeys) {
      if (EqualsNoCase(key, name)) return profile;
    }
  }
  return std::nullopt;
}

// The first Factur-X URN among the '#'-separated parts.
std::optional<FacturXProfile> FromUrns(std::string_view bt24) {
  while (!bt24.empty()) {
    std::size_t hash = bt24.find('#');
    if (auto p = FromUrn(bt24.substr(0, hash))) return p;
    bt24 = hash == std::string_view::npos ? std::string_view{}
                                          : bt24.substr(hash + 1);
  }
  return std::nullopt;
}

// internal::NamespaceOf over the index: the URI of the nearest declaration
// of the element's prefix.
std::string_view NamespaceIn(const xml::ElementIndex& index, int32_t i) {
  std::string_view name = index.QualifiedName(i);
  std::size_t colon = name.find(':');
  std::string attr = "xmlns";
  if (colon != std::string_view::npos) {
    attr += ':';
    attr += name.substr(0, colon);
  }
  for (int32_t p = i; p >= 0; p = index[p].parent) {
    if (const auto* a = index.FindAttribute(p, attr)) return a->value;
  }
  return {};
}

// Child() over the index; -1 when none.
int32_t ChildIn(const xml::ElementIndex& index, int32_t parent,
                std::string_view uri, std::string_view local) {
  if (parent < 0) return -1;
  for (int32_t c = index[parent].first_child; c >= 0; c = index[c].next) {
    if (xml::LocalName(index.QualifiedName(c)) == local &&
        NamespaceIn(index, c) == uri) {
      return c;
    }
  }
  return -1;
}

// pugixml's child_value(): the first text or CDATA node's data, untrimmed.
std::string_view FirstTextIn(const xml::ElementIndex& index, int32_t i,
                             std::string_view source) {
  if (i < 0) return {};
  const xml::ElementIndex::Entry& e = index[i];
  if (e.first_child >= 0) {
    std::string_view first;
    bool found = false;
    index.ForEachPiece(i, [&](const xml::ElementIndex::Piece& p) {
      if (!found) first = p.text;
      found = true;
    });
    return first;
  }
  if (e.raw.empty()) return {};
  return xml::LeafTextNodes(source, e.offset, e.raw).front().text;
}

}  // namespace

namespace internal {

std::string SpecificationIdIn(const xml::ElementIndex& index,
                              std::string_view source) {
  if (index.size() == 0) return {};
  int32_t context = ChildIn(index, 0, ns::kCii, "ExchangedDocumentContext");
  int32_t parameter = ChildIn(index, context, ns::kRam,
                              "GuidelineSpecifiedDocumentContextParameter");
  int32_t id = ChildIn(index, parameter, ns::kRam, "ID");
  return std::string(Trim(FirstTextIn(index, id, source)));
}

}  // namespace internal

std::optional<FacturXProfile> FacturXProfileFromId(std::string_view bt24) {
  bt24 = Trim(bt24);
  if (EqualsNoCase(bt24, kEn16931SpecificationId))
    return FacturXProfile::kEn16931;
  return FromUrns(bt24);
}

std::string SpecificationIdOf(const XmlDocument& doc) {
  if (doc.syntax == Syntax::kUbl) return {};
  return internal::SpecificationIdIn(doc.tree()->elements, doc.bytes);
}

std::optional<FacturXProfile> FacturXProfileOf(const XmlDocument& doc) {
  if (doc.syntax == Syntax::kUbl) return std::nullopt;
  return FacturXProfileFromId(SpecificationIdOf(doc));
}

bool IsFacturXDocument(const XmlDocument& doc) {
  if (doc.syntax == Syntax::kFacturX) return true;
  return doc.syntax == Syntax::kCii &&
         FromUrns(Trim(SpecificationIdOf(doc))).has_value();
}

bool IsFullInvoice(FacturXProfile p) {
  return p != FacturXProfile::kMinimum && p != FacturXProfile::kBasicWl;
}

}  // namespace chorus

#include "chorus/format/facturx_profile.h"

#include <array>
#include <cctype>

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

// By namespace and local name: any prefix, but the CII namespaces only.
pugi::xml_node Child(pugi::xml_node parent, std::string_view uri,
                     std::string_view local) {
  for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && internal::LocalName(c) == local &&
        internal::NamespaceOf(c) == uri)
      return c;
  }
  return {};
}

}  // namespace

std::optional<FacturXProfile> FacturXProfileFromId(std::string_view bt24) {
  bt24 = Trim(bt24);
  if (EqualsNoCase(bt24, kEn16931SpecificationId))
    return FacturXProfile::kEn16931;
  return FromUrns(bt24);
}

std::string SpecificationIdOf(const XmlDocument& doc) {
  if (doc.syntax == Syntax::kUbl) return {};
  pugi::xml_node context =
      Child(doc.dom.document_element(), ns::kCii, "ExchangedDocumentContext");
  pugi::xml_node parameter =
      Child(context, ns::kRam, "GuidelineSpecifiedDocumentContextParameter");
  pugi::xml_node id = Child(parameter, ns::kRam, "ID");
  return std::string(Trim(id.child_value()));
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

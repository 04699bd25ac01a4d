// Factur-X profiles and AFRelationship values: names, BT-24 URNs, defaults.
#include <algorithm>
#include <array>
#include <cctype>
#include <string>

#include "chorus/facturx/facturx.h"

namespace chorus::facturx {
namespace {

struct ProfileInfo {
  Profile profile;
  const char* level;  // fx:ConformanceLevel
  const char* urn;    // BT-24
  const char* key;    // the URN's last segment, also a user spelling
};

constexpr std::array<ProfileInfo, 5> kProfiles{{
    {Profile::kMinimum, "MINIMUM", "urn:factur-x.eu:1p0:minimum", "minimum"},
    {Profile::kBasicWl, "BASIC WL", "urn:factur-x.eu:1p0:basicwl", "basicwl"},
    {Profile::kBasic, "BASIC",
     "urn:cen.eu:en16931:2017#compliant#urn:factur-x.eu:1p0:basic", "basic"},
    {Profile::kEn16931, "EN 16931", "urn:cen.eu:en16931:2017", "en16931"},
    {Profile::kExtended, "EXTENDED",
     "urn:cen.eu:en16931:2017#conformant#urn:factur-x.eu:1p0:extended",
     "extended"},
}};

const ProfileInfo& Info(Profile p) {
  return kProfiles[static_cast<std::size_t>(p)];
}

// Lower case without spaces, dashes and underscores: "BASIC WL" -> "basicwl".
std::string Squash(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == ' ' || c == '-' || c == '_') continue;
    out.push_back(
        static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

}  // namespace

const char* ConformanceLevel(Profile p) { return Info(p).level; }
const char* SpecificationId(Profile p) { return Info(p).urn; }

std::optional<Profile> ParseProfile(std::string_view name) {
  std::string key = Squash(name);
  for (const auto& info : kProfiles) {
    if (key == info.key) return info.profile;
  }
  return std::nullopt;
}

const char* RelationshipName(Relationship r) {
  switch (r) {
    case Relationship::kData:
      return "Data";
    case Relationship::kSource:
      return "Source";
    case Relationship::kAlternative:
      break;
  }
  return "Alternative";
}

std::optional<Relationship> ParseRelationship(std::string_view name) {
  std::string key = Squash(name);
  if (!key.empty() && key.front() == '/') key.erase(0, 1);
  if (key == "data") return Relationship::kData;
  if (key == "source") return Relationship::kSource;
  if (key == "alternative") return Relationship::kAlternative;
  return std::nullopt;
}

Relationship DefaultRelationship(Profile p) {
  return IsFullInvoice(p) ? Relationship::kAlternative : Relationship::kData;
}

bool LooksLikePdf(std::string_view bytes) {
  // Readers accept the header anywhere in the first KiB; but an XML
  // document whose text says "%PDF-" early on is still XML. Nearly every
  // document starts with its '<': then no header can count, unsearched.
  if (!bytes.empty() && bytes.front() == '<') return false;
  std::size_t at = bytes.substr(0, 1024).find("%PDF-");
  return at != std::string_view::npos &&
         bytes.substr(0, at).find('<') == std::string_view::npos;
}

}  // namespace chorus::facturx

#include "sandbox/directory.h"

namespace chorus::sandbox {
namespace {

// Identifiers of invented entities are Luhn-valid SIRETs; the sample buyers
// keep the identifiers the samples carry.
const std::vector<StructureEntry>& Table() {
  static const std::vector<StructureEntry> kTable = {
      // The technical account's structure: requires nothing.
      {25000001,
       "11000000100013",
       "SIRET",
       "Direction Bac à Sable Chorus",
       "ACTIF",
       false,
       false,
       false,
       {{1001, "SANDBOX-ACCUEIL", "Accueil factures", true}}},
      // Sample b2g-missing-engagement's buyer: engagement number only.
      {25000002,
       "21330512100013",
       "SIRET",
       "Commune de Saint-Aubin-des-Prés",
       "ACTIF",
       false,
       true,
       false,
       {}},
      // Sample b2g-service-code's buyer: both.
      {25000003,
       "26690318600010",
       "SIRET",
       "Centre Hospitalier de Montvallon",
       "ACTIF",
       true,
       true,
       false,
       {{2001, "SCE-DSI-042", "Direction des systèmes d'information", true},
        {2002, "SCE-ACHATS", "Service achats", true}}},
      // Service code only, one service closed.
      {25000004,
       "21750012300013",
       "SIRET",
       "Université de Valmont",
       "ACTIF",
       true,
       false,
       false,
       {{3001, "UNIV-COMPTA", "Agence comptable", true},
        {3002, "UNIV-ANCIEN", "Ancien service financier (fermé)", false}}},
      // Neither, a public entity.
      {25000005,
       "13004567800013",
       "SIRET",
       "Agence Régionale de Santé Sandbox",
       "ACTIF",
       false,
       false,
       false,
       {}},
      // A structure that no longer receives invoices.
      {25000006,
       "25940123400010",
       "SIRET",
       "Syndicat intercommunal dissous",
       "INACTIF",
       false,
       false,
       false,
       {}},
      // The B2B samples' buyers: neither.
      {25000007,
       "79043128200017",
       "SIRET",
       "Restaurant Le Petit Bouchon SAS",
       "ACTIF",
       false,
       false,
       false,
       {}},
      {25000008,
       "81459326500014",
       "SIRET",
       "Agence Horizon Communication SAS",
       "ACTIF",
       false,
       false,
       false,
       {}},
      {25000009,
       "38820461200013",
       "SIRET",
       "Transports Labarthe SARL",
       "ACTIF",
       false,
       false,
       false,
       {}},
      // Sample intra-eu-reverse-charge's buyer, known by its VAT number.
      {25000010,
       "DE271839409",
       "UE_HORS_FRANCE",
       "Müller Antriebstechnik GmbH",
       "ACTIF",
       false,
       false,
       false,
       {}},
  };
  return kTable;
}

}  // namespace

std::span<const StructureEntry> Structures() { return Table(); }

const StructureEntry* FindStructure(std::string_view identifiant,
                                    std::string_view type) {
  for (const auto& s : Table()) {
    if (s.identifiant == identifiant &&
        (type.empty() || s.type_identifiant == type)) {
      return &s;
    }
  }
  return nullptr;
}

const StructureEntry* FindStructureById(std::int64_t id) {
  for (const auto& s : Table()) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

const StructureEntry& OwnStructure() { return Table().front(); }

}  // namespace chorus::sandbox

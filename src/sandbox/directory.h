// The structures (recipients) the sandbox knows: public entities with each
// combination of requirements, the buyers of the repository's samples, and
// the structure the technical account belongs to (its inbox). Fixed at
// compile time, so the processing thread reads it without locking.
#ifndef CHORUS_SRC_SANDBOX_DIRECTORY_H_
#define CHORUS_SRC_SANDBOX_DIRECTORY_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace chorus::sandbox {

struct ServiceEntry {
  std::int64_t id = 0;
  std::string code, libelle;
  bool actif = true;
};

struct StructureEntry {
  std::int64_t id = 0;           // idStructureCPP
  std::string identifiant;       // SIRET, or VAT number for UE_HORS_FRANCE
  std::string type_identifiant;  // SIRET, UE_HORS_FRANCE, ...
  std::string designation;
  std::string statut;                  // ACTIF / INACTIF
  bool service_required = false;       // codeServiceDoitEtreRenseigne
  bool engagement_required = false;    // numeroEJDoitEtreRenseigne
  bool engagement_or_service = false;  // gestionNumeroEJOuCodeService
  std::vector<ServiceEntry> services;
};

std::span<const StructureEntry> Structures();
// By identifier; `type` empty matches any type.
const StructureEntry* FindStructure(std::string_view identifiant,
                                    std::string_view type = {});
const StructureEntry* FindStructureById(std::int64_t id);
// The technical account's own structure: its recipient inbox.
const StructureEntry& OwnStructure();

}  // namespace chorus::sandbox

#endif  // CHORUS_SRC_SANDBOX_DIRECTORY_H_

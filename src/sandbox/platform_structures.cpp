// structures/v1: rechercher, consulter, rechercher/services over the seeded
// directory.
#include "chorus/util/json_integer.h"
#include "sandbox/directory.h"
#include "sandbox/platform.h"

namespace chorus::sandbox {
namespace {

using nlohmann::json;

std::string Str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>()
                                          : std::string();
}

std::optional<std::int64_t> IdStructure(const json& req) {
  for (const char* key : {"idStructure", "idStructureCPP"}) {
    if (auto v = JsonIntegerMember(req, key)) return v;
  }
  return std::nullopt;
}

json Paging(int total) {
  return {{"pageCourante", 1},
          {"pages", total > 0 ? 1 : 0},
          {"total", total},
          {"nbResultatsParPage", total}};
}

// The structure a request names, or the functional error to answer.
const StructureEntry* LookUp(const json& req, Answer* error) {
  auto id = IdStructure(req);
  if (!id) {
    *error = FunctionalError(20500, "TRA_MSG_02.000 idStructure obligatoire");
    return nullptr;
  }
  const StructureEntry* s = FindStructureById(*id);
  if (s == nullptr) {
    *error = FunctionalError(
        20501,
        "TRA_MSG_02.001 Aucune structure d'identifiant " + std::to_string(*id));
  }
  return s;
}

Answer ListAnswer(const char* key, json list) {
  json body = Success(false);
  int total = static_cast<int>(list.size());
  body[key] = std::move(list);
  body["parametresRetour"] = Paging(total);
  return {200, body};
}

}  // namespace

Answer Platform::RechercherStructures(const json& req) {
  json criteria = req.is_object() && req.contains("structure") &&
                          req["structure"].is_object()
                      ? req["structure"]
                      : json::object();
  const std::string id = Str(criteria, "identifiantStructure");
  const std::string type = Str(criteria, "typeIdentifiantStructure");
  const std::string name = Str(criteria, "designationStructure");
  json list = json::array();
  for (const auto& s : Structures()) {
    if (!id.empty() && s.identifiant != id) continue;
    if (!type.empty() && s.type_identifiant != type) continue;
    if (!name.empty() && s.designation.find(name) == std::string::npos)
      continue;
    list.push_back({{"idStructureCPP", s.id},
                    {"identifiantStructure", s.identifiant},
                    {"typeIdentifiantStructure", s.type_identifiant},
                    {"designationStructure", s.designation},
                    {"statut", s.statut}});
  }
  return ListAnswer("listeStructures", std::move(list));
}

Answer Platform::ConsulterStructure(const json& req) {
  Answer error;
  const StructureEntry* s = LookUp(req, &error);
  if (s == nullptr) return error;
  json body = Success(false);
  body["idStructureCPP"] = s->id;
  body["identifiant"] = s->identifiant;
  body["typeIdentifiant"] = s->type_identifiant;
  body["designationStructure"] = s->designation;
  body["raisonSociale"] = s->designation;
  body["statut"] = s->statut;
  body["parametres"] = {
      {"codeServiceDoitEtreRenseigne", s->service_required},
      {"numeroEJDoitEtreRenseigne", s->engagement_required},
      {"gestionNumeroEJOuCodeService", s->engagement_or_service},
      {"gestionStatutMiseEnPaiement", false}};
  return {200, body};
}

Answer Platform::RechercherServices(const json& req) {
  Answer error;
  const StructureEntry* s = LookUp(req, &error);
  if (s == nullptr) return error;
  json list = json::array();
  for (const auto& svc : s->services) {
    list.push_back({{"idService", svc.id},
                    {"codeService", svc.code},
                    {"libelleService", svc.libelle},
                    {"estActif", svc.actif}});
  }
  return ListAnswer("listeServices", std::move(list));
}

}  // namespace chorus::sandbox

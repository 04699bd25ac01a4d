#include "answers.h"

#include <algorithm>
#include <cctype>

#include "chorus/api/base64.h"
#include "chorus/util/json_integer.h"

namespace chorus::api::internal {
namespace {

using nlohmann::json;

// Text of a member whatever its JSON type ("" when absent or null): a field
// documented as text may arrive as a number and is shown as such.
std::string Str(const json& j, const char* key) {
  if (!j.is_object()) return "";
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return "";
  if (it->is_string()) return it->get<std::string>();
  return it->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::int64_t Int(const json& j, const char* key) {
  return JsonIntegerMember(j, key).value_or(0);
}

bool Bool(const json& j, const char* key) {
  if (!j.is_object()) return false;
  auto it = j.find(key);
  if (it == j.end()) return false;
  if (it->is_boolean()) return it->get<bool>();
  if (it->is_number()) return it->get<double>() != 0;
  if (it->is_string()) {
    std::string s = it->get<std::string>();
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) {
      return static_cast<char>(std::tolower(c));
    });
    return s == "true" || s == "oui" || s == "1";
  }
  return false;
}

// The elements of a list member; a lone object counts as a list of one.
std::vector<json> List(const json& j, const char* key) {
  if (!j.is_object()) return {};
  auto it = j.find(key);
  if (it == j.end()) return {};
  if (it->is_array()) return std::vector<json>(it->begin(), it->end());
  if (it->is_object()) return {*it};
  return {};
}

const json& Member(const json& j, const char* key) {
  static const json kNull;
  if (!j.is_object()) return kNull;
  auto it = j.find(key);
  return it == j.end() ? kNull : *it;
}

ApiError BadAnswer(const char* op, std::string message) {
  ApiError e;
  e.kind = ApiErrorKind::kBadAnswer;
  e.operation = op;
  e.http_status = 200;
  e.message = std::string(op) + ": " + std::move(message);
  return e;
}

// First non-empty of several member names (the two flow reports name the
// same thing differently).
std::string FirstOf(const json& j, std::initializer_list<const char*> keys) {
  for (const char* key : keys) {
    if (std::string v = Str(j, key); !v.empty()) return v;
  }
  return "";
}

}  // namespace

ApiResult<DepositAnswer> ReadDeposit(const json& answer) {
  DepositAnswer a;
  a.numero_flux_depot = Str(answer, "numeroFluxDepot");
  if (a.numero_flux_depot.empty()) {
    return BadAnswer("deposer/flux",
                     "codeRetour 0 but no numeroFluxDepot in the answer");
  }
  a.date_depot = Str(answer, "dateDepot");
  a.syntaxe_flux = Str(answer, "syntaxeFlux");
  a.raw = answer;
  return a;
}

ApiResult<FlowReport> ReadFlowReport(const json& answer, bool detailed) {
  const char* op = detailed ? "consulterCRDetaille" : "consulterCR";
  FlowReport r;
  // Each operation has its own name for the state; both are accepted so a
  // platform that mixes them up still reads.
  r.etat = detailed
               ? FirstOf(answer, {"etatCourantDepotFlux", "etatCourantFlux"})
               : FirstOf(answer, {"etatCourantFlux", "etatCourantDepotFlux"});
  if (r.etat.empty())
    return BadAnswer(op, "no flow state (etatCourant...) in the answer");
  r.date_depot = FirstOf(answer, {"dateDepotFlux", "dateDepot"});
  r.date_heure_etat = Str(answer, "dateHeureEtatCourantFlux");
  r.nom_fichier = FirstOf(answer, {"nomFichier", "nomFichierFlux"});
  r.code_interface = Str(answer, "codeInterfaceDepotFlux");
  for (const json& t : List(answer, "listeErreurTechnique")) {
    r.erreurs_techniques.push_back({Str(t, "codeErreur"),
                                    Str(t, "libelleErreur"),
                                    Str(t, "natureErreur")});
  }
  for (const json& d : List(answer, "listeErreurDP")) {
    r.erreurs_dp.push_back(
        {Str(d, "numeroDP"), Str(d, "identifiantFournisseur"),
         Str(d, "identifiantDestinataire"), Str(d, "libelleErreurDP")});
  }
  if (std::string cr = Str(answer, "fichierCR"); !cr.empty()) {
    auto bytes = Base64Decode(cr);
    if (!bytes) return BadAnswer(op, "fichierCR is not base64");
    r.fichier_cr = std::move(*bytes);
  }
  r.raw = answer;
  return r;
}

InvoiceSearchAnswer ReadInvoiceSearch(const json& answer) {
  InvoiceSearchAnswer a;
  for (const json& f : List(answer, "listeFactures")) {
    InvoiceSummary s;
    s.identifiant_facture_cpp = Int(f, "identifiantFactureCPP");
    s.numero_facture = Str(f, "numeroFacture");
    s.statut = Str(f, "statut");
    s.numero_flux_depot = Str(f, "numeroFluxDepot");
    s.date_depot = Str(f, "dateDepot");
    s.raw = f;
    a.factures.push_back(std::move(s));
  }
  const json& paging = Member(answer, "parametresRetour");
  a.page = static_cast<int>(Int(paging, "pageCourante"));
  a.pages = static_cast<int>(Int(paging, "pages"));
  a.total = static_cast<int>(Int(paging, "total"));
  a.per_page = static_cast<int>(Int(paging, "nbResultatsParPage"));
  a.raw = answer;
  return a;
}

InvoiceHistory ReadHistory(const json& answer) {
  InvoiceHistory h;
  h.statut_courant = Str(answer, "statutCourantCode");
  for (const json& e :
       List(Member(answer, "historiquesDesStatuts"), "histoStatut")) {
    h.entries.push_back(
        {Str(e, "histoStatutCode"), Str(e, "histoStatutDatePassage")});
  }
  h.raw = answer;
  return h;
}

ApiResult<std::string> ReadDownload(const json& answer) {
  std::string text = Str(answer, "fichierResultat");
  if (text.empty())
    return BadAnswer("telecharger/groupe", "no fichierResultat in the answer");
  auto bytes = Base64Decode(text);
  if (!bytes)
    return BadAnswer("telecharger/groupe", "fichierResultat is not base64");
  return std::move(*bytes);
}

std::vector<Structure> ReadStructures(const json& answer) {
  std::vector<Structure> out;
  for (const json& s : List(answer, "listeStructures")) {
    out.push_back({Int(s, "idStructureCPP"), Str(s, "identifiantStructure"),
                   Str(s, "designationStructure"), Str(s, "statut"), s});
  }
  return out;
}

StructureDetail ReadStructureDetail(const json& answer, std::int64_t id) {
  StructureDetail d;
  d.id_structure_cpp = Int(answer, "idStructureCPP");
  if (d.id_structure_cpp == 0) d.id_structure_cpp = id;
  const json& p = Member(answer, "parametres");
  d.service_code_required = Bool(p, "codeServiceDoitEtreRenseigne");
  d.engagement_required = Bool(p, "numeroEJDoitEtreRenseigne");
  d.engagement_or_service = Bool(p, "gestionNumeroEJOuCodeService");
  d.raw = answer;
  return d;
}

std::vector<Service> ReadServices(const json& answer) {
  std::vector<Service> out;
  for (const json& s : List(answer, "listeServices")) {
    out.push_back({Int(s, "idService"), Str(s, "codeService"),
                   Str(s, "libelleService"), Bool(s, "estActif"), s});
  }
  return out;
}

}  // namespace chorus::api::internal

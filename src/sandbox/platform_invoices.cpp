// Invoice search (supplier and recipient side), consultation, history and
// download.
#include <algorithm>
#include <climits>
#include <optional>

#include "chorus/api/base64.h"
#include "chorus/util/json_integer.h"
#include "sandbox/directory.h"
#include "sandbox/encoding.h"
#include "sandbox/platform.h"

namespace chorus::sandbox {
namespace {

using nlohmann::json;

constexpr int kDefaultPerPage = 50;
constexpr int kMaxPerPage = 500;

std::string Str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>()
                                          : std::string();
}

// An integer field sent as a number or as a string of digits.
std::optional<std::int64_t> IdField(const json& j,
                                    std::initializer_list<const char*> keys) {
  for (const char* key : keys) {
    if (auto v = JsonIntegerMember(j, key)) return v;
  }
  return std::nullopt;
}

int IntField(const json& j, const char* key, int fallback) {
  auto v = JsonIntegerMember(j, key);
  if (!v || *v < INT_MIN || *v > INT_MAX) return fallback;
  return static_cast<int>(*v);
}

// statutCourant: ["DEPOSEE", ...], [{"statutFacture": "DEPOSEE"}] or one
// string.
std::vector<std::string> Statuses(const json& req) {
  std::vector<std::string> out;
  auto it = req.find("statutCourant");
  if (it == req.end()) return out;
  auto add = [&](const json& v) {
    if (v.is_string()) out.push_back(v.get<std::string>());
    if (v.is_object()) {
      for (const char* k : {"statutFacture", "statut", "code"}) {
        if (v.contains(k) && v[k].is_string())
          out.push_back(v[k].get<std::string>());
      }
    }
  };
  if (it->is_array()) {
    for (const auto& v : *it) add(v);
  } else {
    add(*it);
  }
  return out;
}

json Summary(const InvoiceRecord& i) {
  return {{"identifiantFactureCPP", i.id},
          {"numeroFacture", i.numero},
          {"typeFacture", i.type_facture},
          {"statut", i.statut},
          {"numeroFluxDepot", i.numero_flux},
          {"dateDepot", DateOf(i.deposited_ms)},
          {"dateFacture", i.date_facture},
          {"identifiantFournisseur", i.fournisseur_id},
          {"designationFournisseur", i.fournisseur_nom},
          {"identifiantDestinataire", i.destinataire_id},
          {"designationDestinataire", i.destinataire_nom},
          {"idDestinataire", i.id_structure},
          {"codeServiceDestinataire", i.code_service},
          {"numeroEngagement", i.numero_ej},
          {"devise", i.devise},
          {"montantHT", i.montant_ht},
          {"montantTTC", i.montant_ttc},
          {"montantAPayer", i.montant_a_payer}};
}

const json& Paging(const json& req) {
  for (const char* key : {"rechercheFactureParFournisseur",
                          "rechercheFactureParRecipiendaire", "pagination"}) {
    auto it = req.find(key);
    if (it != req.end() && it->is_object()) return *it;
  }
  return req;
}

// The invoice a request names, or the functional error to answer.
const InvoiceRecord* LookUp(State& state, const json& req, const char* key,
                            const char* alias, Answer* error) {
  auto id = IdField(req, {key, alias});
  if (!id) {
    *error = FunctionalError(
        20300, std::string("GCU_MSG_04.000 ") + key + " obligatoire");
    return nullptr;
  }
  const InvoiceRecord* i = state.FindInvoice(*id);
  if (i == nullptr) {
    *error =
        FunctionalError(20301, "GCU_MSG_04.001 Aucune facture d'identifiant " +
                                   std::to_string(*id));
  }
  return i;
}

}  // namespace

Answer Platform::RechercherFactures(const json& req_in, bool recipient_side) {
  const json req = req_in.is_object() ? req_in : json::object();
  const json& paging = Paging(req);
  int per_page = IntField(paging, "nbResultatsParPage", kDefaultPerPage);
  int page = IntField(paging, "pageResultatDemandee", 1);
  if (per_page < 1 || per_page > kMaxPerPage || page < 1) {
    return FunctionalError(
        20200,
        "GCU_MSG_05.000 Pagination invalide : nbResultatsParPage entre 1 et " +
            std::to_string(kMaxPerPage) + ", pageResultatDemandee >= 1");
  }
  const std::string flux = Str(req, "numeroFluxDepot"),
                    numero = Str(req, "numeroFacture");
  const std::string du = Str(req, "periodeDateDepotDu"),
                    au = Str(req, "periodeDateDepotAu");
  const std::vector<std::string> statuses = Statuses(req);
  const std::string colonne = Str(paging, "triColonne");
  const bool descending = Str(paging, "triSens") == "Descendant";

  std::lock_guard lock(mu_);
  std::vector<const InvoiceRecord*> hits;
  for (const auto& i : state_.invoices) {
    std::string date = DateOf(i.deposited_ms);
    if (recipient_side && i.id_structure != OwnStructure().id) continue;
    if (!flux.empty() && i.numero_flux != flux) continue;
    if (!numero.empty() && i.numero != numero) continue;
    if (!du.empty() && date < du) continue;
    if (!au.empty() && date > au) continue;
    if (!statuses.empty() && std::find(statuses.begin(), statuses.end(),
                                       i.statut) == statuses.end()) {
      continue;
    }
    hits.push_back(&i);
  }
  std::stable_sort(
      hits.begin(), hits.end(),
      [&](const InvoiceRecord* a, const InvoiceRecord* b) {
        if (colonne == "NumeroFacture" && a->numero != b->numero)
          return a->numero < b->numero;
        if (colonne == "DateDepot" && a->deposited_ms != b->deposited_ms) {
          return a->deposited_ms < b->deposited_ms;
        }
        return a->id < b->id;
      });
  if (descending) std::reverse(hits.begin(), hits.end());

  json list = json::array();
  std::size_t first = static_cast<std::size_t>(page - 1) * per_page;
  for (std::size_t k = first; k < hits.size() && k < first + per_page; ++k) {
    list.push_back(Summary(*hits[k]));
  }
  int total = static_cast<int>(hits.size());
  json body = Success(true);
  body["listeFactures"] = list;
  body["parametresRetour"] = {{"pageCourante", page},
                              {"pages", (total + per_page - 1) / per_page},
                              {"total", total},
                              {"nbResultatsParPage", per_page}};
  return {200, body};
}

Answer Platform::ConsulterFacture(const json& req) {
  std::lock_guard lock(mu_);
  Answer error;
  const InvoiceRecord* i =
      LookUp(state_, req, "identifiantFactureCPP", "idFacture", &error);
  if (i == nullptr) return error;
  json body = Success(true);
  body.update(Summary(*i));
  const FlowRecord* f = state_.FindFlow(i->numero_flux);
  body["nomFichier"] = f != nullptr ? f->nom_fichier : "";
  body["syntaxeFlux"] = f != nullptr ? f->syntaxe : "";
  body["statutCourantCode"] = i->statut;
  return {200, body};
}

Answer Platform::ConsulterHistorique(const json& req) {
  std::lock_guard lock(mu_);
  Answer error;
  const InvoiceRecord* i =
      LookUp(state_, req, "idFacture", "identifiantFactureCPP", &error);
  if (i == nullptr) return error;
  json steps = json::array();
  for (const auto& s : i->history) {
    steps.push_back({{"histoStatutCode", s.code},
                     {"histoStatutDatePassage", DateTimeOf(s.at_ms)},
                     {"histoStatutUtilisateurNom", "Bac à sable"}});
  }
  json body = Success(true);
  body["idFacture"] = i->id;
  body["numeroFacture"] = i->numero;
  body["statutCourantCode"] = i->statut;
  body["historiquesDesStatuts"] = {{"histoStatut", steps}};
  return {200, body};
}

Answer Platform::TelechargerGroupe(const json& req) {
  const json& items = req.is_object() && req.contains("listeFacture")
                          ? req["listeFacture"]
                          : json();
  if (!items.is_array() || items.empty()) {
    return FunctionalError(
        20400,
        "GCU_MSG_06.000 listeFacture obligatoire : [{\"idFacture\": …}]");
  }
  std::lock_guard lock(mu_);
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto& entry : items) {
    auto id = IdField(entry, {"idFacture", "identifiantFactureCPP"});
    const InvoiceRecord* i = id ? state_.FindInvoice(*id) : nullptr;
    const FlowRecord* f =
        i != nullptr ? state_.FindFlow(i->numero_flux) : nullptr;
    if (f == nullptr) {
      return FunctionalError(
          20301, "GCU_MSG_04.001 Facture inconnue dans listeFacture : " +
                     entry.dump(-1, ' ', false,
                                nlohmann::json::error_handler_t::replace));
    }
    files.emplace_back(std::to_string(i->id) + "-" + f->nom_fichier, f->file);
  }
  json body = Success(true);
  // One invoice: its original file as deposited. Several: an uncompressed
  // tar of the originals (the platform returns an archive too).
  if (files.size() == 1) {
    body["nomFichier"] = files[0].first.substr(files[0].first.find('-') + 1);
    body["fichierResultat"] = api::Base64Encode(files[0].second);
  } else {
    body["nomFichier"] = "factures.tar";
    body["fichierResultat"] = api::Base64Encode(TarOf(files));
  }
  body["format"] = Str(req, "format");
  return {200, body};
}

}  // namespace chorus::sandbox
